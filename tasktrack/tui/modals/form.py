"""The shape every edit dialog shares: what it edits, its fields, an error line, save and cancel."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Generic, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static

from tasktrack import present
from tasktrack.domain.text import sanitize
from tasktrack.errors import say
from tasktrack.i18n import t
from tasktrack.tui.keys import key, translate

D = TypeVar("D")


def literal(text: str | None, style: str = "") -> Text:
    """Stored text as it is: never markup, control characters made visible."""
    return Text(sanitize(text or ""), style=style, no_wrap=False)


def subject(m: Any, lang: str) -> Text:
    """The item a dialog is about: code, target text, goal, due date and lead unit."""
    line = Text()
    line.append(sanitize(m.code), "bold")
    line.append("  ")
    line.append(sanitize(m.metric))
    line.append(f"  {present.target(m, lang)} · {present.day(m.due, lang)} · {present.unit(m.lead, lang)}")
    colon = "：" if lang == "zh" else ": "
    line.append(f"\n{t('status', lang)}{colon}{present.status(m.status, lang)}")
    if m.actual is not None:
        line.append(f" · {t('actual', lang)}{colon}{present.actual(m)}")
    return line


class FormModal(ModalScreen[D | None], Generic[D]):
    """A dialog about one milestone. Subclasses give fields() and collect(); ValueError keeps it open."""

    TITLE_KEY = ""
    BINDINGS = [key("escape", "cancel", "cancel"), key("ctrl+s", "save", "save")]

    def __init__(self, milestone: Any, lang: str, draft: D | None = None, error: str = "") -> None:
        super().__init__(classes="tt-modal")
        self.milestone = milestone
        self.lang = lang
        self.draft = draft
        self.error = error

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(t(self.TITLE_KEY, self.lang), classes="dialog-title")
            yield Static(subject(self.milestone, self.lang), classes="dialog-subject")
            yield from self.fields()
            yield Static(literal(self.error), id="error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("tui.save", self.lang), variant="primary", id="save")
                yield Button(t("tui.cancel", self.lang), id="cancel")

    def field(self, label_key: str, widget: Widget, hint: str = "") -> Iterable[Widget]:
        yield Label(t(label_key, self.lang) + (f"  {hint}" if hint else ""), classes="field-label")
        yield widget

    def fields(self) -> Iterable[Widget]:
        return ()

    def collect(self) -> D:
        raise NotImplementedError

    def on_mount(self) -> None:
        translate(self, self.lang)
        self.query_one("#error", Static).display = bool(self.error)

    def show_error(self, text: str) -> None:
        error = self.query_one("#error", Static)
        error.update(literal(text))
        error.display = True

    def action_save(self) -> None:
        try:
            result = self.collect()
        except ValueError as exc:
            self.show_error(say(exc, self.lang))
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def value(self, selector: str) -> str:
        return self.query_one(selector, Input).value.strip()
