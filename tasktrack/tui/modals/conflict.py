"""The dialog shown when an item changed elsewhere while the user was editing it."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from tasktrack import present
from tasktrack.domain.text import sanitize
from tasktrack.i18n import t
from tasktrack.tui.drafts import ConflictChoice
from tasktrack.tui.keys import KeysInLanguage, key, translate


class ConflictModal(KeysInLanguage, ModalScreen[ConflictChoice]):
    """Who changed it and when; reload, overwrite or keep mine as a note. Nothing happens silently."""

    BINDINGS = [
        key("r", "choose('reload')", "reload"),
        key("o", "choose('overwrite')", "overwrite"),
        key("n", "choose('note')", "keep_note"),
        key("escape", "choose('back')", "back"),
    ]

    def __init__(self, code: str, who: str | None, when: datetime | None, mine: str, lang: str) -> None:
        super().__init__(classes="tt-modal")
        self.code, self.who, self.when, self.mine, self.lang = code, who, when, mine, lang

    def compose(self) -> ComposeResult:
        lang = self.lang
        when = present.stamp(self.when) if self.when else t("tui.unknown_time", lang)
        message = Text(
            t("tui.conflict", lang, code=sanitize(self.code), who=sanitize(self.who or "?"), when=when)
        )
        with Vertical(classes="dialog conflict"):
            yield Label(t("tui.title.conflict", lang), classes="dialog-title")
            yield Static(message, id="conflict-message")
            yield Label(t("tui.your_edit", lang), classes="field-label")
            yield Static(Text(sanitize(self.mine)), id="conflict-mine", classes="dialog-subject")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("key.reload", lang) + " (r)", id="reload", variant="primary")
                yield Button(t("key.overwrite", lang) + " (o)", id="overwrite", variant="warning")
                yield Button(t("key.keep_note", lang) + " (n)", id="note")
                yield Button(t("key.back", lang) + " (Esc)", id="back")

    def on_mount(self) -> None:
        translate(self, self.lang)

    def action_choose(self, choice: str) -> None:
        self.dismiss(ConflictChoice(choice))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(ConflictChoice(event.button.id or "back"))
