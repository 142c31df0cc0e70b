"""Finding things: the filter dialog (text, unit, year, status) and jump-to-code."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from tasktrack import present
from tasktrack.i18n import t
from tasktrack.tui.drafts import FilterSpec
from tasktrack.tui.keys import KeysInLanguage, key, translate
from tasktrack.tui.modals.edits import STATUSES
from tasktrack.tui.modals.form import literal
from tasktrack.tui.widgets.safe_input import SafeInput

UNASSIGNED = -1


class FilterModal(KeysInLanguage, ModalScreen[FilterSpec | None]):
    BINDINGS = [key("escape", "cancel", "cancel"), key("ctrl+s", "apply", "apply")]

    def __init__(self, spec: FilterSpec, units: list[Any], lang: str) -> None:
        super().__init__(classes="tt-modal")
        self.spec, self.units, self.lang = spec, units, lang

    def compose(self) -> ComposeResult:
        lang, spec = self.lang, self.spec
        units: list[tuple[Any, int]] = [(literal(present.unit(u, lang)), u.id) for u in self.units]
        units.append((literal(t("unassigned", lang)), UNASSIGNED))
        with Vertical(classes="dialog"):
            yield Label(t("tui.title.filter", lang), classes="dialog-title")
            yield Label(t("tui.filter_text", lang), classes="field-label")
            yield SafeInput(spec.text, id="text", placeholder="高新区")
            yield Label(t("lead", lang), classes="field-label")
            yield Select(
                units,
                prompt=t("tui.any", lang),
                value=spec.unit if spec.unit is not None else Select.NULL,
                id="unit",
            )
            with Horizontal(classes="field-row"):
                with Vertical():
                    yield Label(t("year", lang), classes="field-label")
                    yield SafeInput(str(spec.year or ""), id="year", placeholder="2021", type="integer")
                with Vertical():
                    yield Label(t("status", lang), classes="field-label")
                    status = spec.statuses[0] if spec.statuses else Select.NULL
                    yield Select(
                        [(present.status(s, lang), s) for s in STATUSES],
                        prompt=t("tui.any", lang),
                        value=status,
                        id="status",
                    )
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("key.apply", lang), variant="primary", id="apply")
                yield Button(t("key.clear_filter", lang), id="clear")
                yield Button(t("tui.cancel", lang), id="cancel")

    def on_mount(self) -> None:
        translate(self, self.lang)

    def action_apply(self) -> None:
        year = self.query_one("#year", Input).value.strip()
        unit = self.query_one("#unit", Select)
        status = self.query_one("#status", Select)
        self.dismiss(
            FilterSpec(
                text=self.query_one("#text", Input).value.strip(),
                unit=None if unit.is_blank() else int(unit.value),  # type: ignore[arg-type]  # not blank: a unit id
                year=int(year) if year.isdigit() else None,
                statuses=() if status.is_blank() else (str(status.value),),
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_apply()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "apply":
            self.action_apply()
        elif event.button.id == "clear":
            self.dismiss(FilterSpec())
        else:
            self.action_cancel()


class JumpModal(KeysInLanguage, ModalScreen[str | None]):
    """A milestone code (2-M1, kaizhou-7p:2-M1) or id."""

    BINDINGS = [key("escape", "cancel", "cancel")]

    def __init__(self, lang: str, error: str = "", text: str = "") -> None:
        super().__init__(classes="tt-modal")
        self.lang, self.error, self.text = lang, error, text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog narrow"):
            yield Label(t("tui.title.jump", self.lang), classes="dialog-title")
            yield SafeInput(self.text, id="code", placeholder="kaizhou-7p:2-M1")
            yield Label(literal(self.error, "red"), classes="dialog-error" if self.error else "field-hint")

    def on_mount(self) -> None:
        translate(self, self.lang)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
