"""Dialogs that edit one milestone: set its status, record its actual value, add evidence, move its due date."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from textual.widget import Widget
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from tasktrack import present
from tasktrack.domain.dates import parse_date
from tasktrack.domain.kinds import Status
from tasktrack.domain.numbers import parse_value
from tasktrack.errors import say
from tasktrack.i18n import t
from tasktrack.tui.drafts import ActualDraft, DueDraft, EvidenceDraft, StatusDraft
from tasktrack.tui.modals.form import FormModal, literal
from tasktrack.tui.widgets.safe_input import SafeInput

STATUSES = [s.value for s in Status]


class StatusModal(FormModal[StatusDraft]):
    """Status, with an optional note (kept in the history) and an optional evidence file."""

    TITLE_KEY = "tui.title.status"

    def fields(self) -> Iterable[Widget]:
        d = self.draft
        current = d.status if d else self.milestone.status
        options = OptionList(
            *(Option(present.status(s, self.lang), id=s) for s in STATUSES), id="status", classes="choices"
        )
        options.highlighted = STATUSES.index(current) if current in STATUSES else 0
        yield from self.field("status", options)
        yield from self.field(
            "note", SafeInput(d.note if d else "", id="note", placeholder=t("tui.hint.note", self.lang))
        )
        file_input = SafeInput(
            d.evidence_file if d else "", id="file", placeholder=t("tui.hint.file", self.lang)
        )
        hint = t("tui.attached", self.lang) if d and d.evidence_done else t("tui.optional", self.lang)
        file_input.disabled = bool(d and d.evidence_done)
        yield from self.field("tui.evidence_file", file_input, hint)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.query_one("#note", Input).focus()  # Enter picks the status; the note comes next

    def collect(self) -> StatusDraft:
        index = self.query_one("#status", OptionList).highlighted or 0
        d = self.draft
        return StatusDraft(
            milestone_id=self.milestone.id,
            version=self.milestone.version,
            status=STATUSES[index],
            note=self.value("#note"),
            evidence_file=self.value("#file"),
            evidence_done=bool(d and d.evidence_done),
        )


def number_text(text: str, lang: str = "en") -> str:
    """The typed value, checked by the ledger's one rule (NumberError, a ValueError, says what to write,
    naming the field in `lang`): a number as typed, or '' for none/无, which clears it. A blank field
    clears nothing."""
    return "" if parse_value(text, t("tui.msg.actual_value", lang)) is None else text.strip()


class ActualModal(FormModal[ActualDraft]):
    TITLE_KEY = "tui.title.actual"

    def fields(self) -> Iterable[Widget]:
        d = self.draft
        value = d.value if d else present.number(self.milestone.actual).replace(",", "")
        unit = self.milestone.unit or ""
        yield from self.field("actual", SafeInput(value, id="value", placeholder="56"), unit)
        yield from self.field(
            "note", SafeInput(d.note if d else "", id="note", placeholder=t("tui.hint.note", self.lang))
        )

    def collect(self) -> ActualDraft:
        raw = self.value("#value")
        return ActualDraft(
            milestone_id=self.milestone.id,
            version=self.milestone.version,
            value=number_text(raw, self.lang),
            note=self.value("#note"),
        )


class EvidenceModal(FormModal[EvidenceDraft]):
    TITLE_KEY = "tui.title.evidence"

    def fields(self) -> Iterable[Widget]:
        d = self.draft or EvidenceDraft(self.milestone.id)
        yield from self.field(
            "text", SafeInput(d.text, id="text", placeholder=t("tui.hint.evidence", self.lang))
        )
        yield from self.field("doc_no", SafeInput(d.doc_no, id="doc_no", placeholder="渝府〔2021〕12号"))
        yield from self.field("file", SafeInput(d.file, id="file", placeholder=t("tui.hint.file", self.lang)))

    def collect(self) -> EvidenceDraft:
        draft = EvidenceDraft(
            milestone_id=self.milestone.id,
            text=self.value("#text"),
            doc_no=self.value("#doc_no"),
            file=self.value("#file"),
        )
        if not (draft.text or draft.doc_no or draft.file):
            raise ValueError(t("tui.need_evidence", self.lang))
        return draft


class DueModal(FormModal[DueDraft]):
    """A new due date in any form the documents use (2022年6月底前, 三季度, 年底前 ...), shown as parsed."""

    TITLE_KEY = "tui.title.due"

    def __init__(
        self, milestone: Any, lang: str, draft: DueDraft | None = None, error: str = "", *, today: date
    ) -> None:
        super().__init__(milestone, lang, draft, error)
        self.today = today

    def fields(self) -> Iterable[Widget]:
        d = self.draft
        text = d.due if d else (self.milestone.due_text or self.milestone.due.isoformat())
        yield from self.field("due", SafeInput(text, id="due", placeholder="2022年6月底前"))
        yield Label("", id="parsed", classes="field-hint")
        yield from self.field(
            "reason", SafeInput(d.note if d else "", id="note", placeholder=t("tui.hint.reason", self.lang))
        )

    def on_mount(self) -> None:
        super().on_mount()
        self.preview(self.value("#due"))

    def parse(self, text: str) -> date:
        """The date `text` names; a DateError (a ValueError, with its words) keeps the dialog open."""
        return parse_date(text, today=self.today, year=self.milestone.year).value

    def preview(self, text: str) -> None:
        label = self.query_one("#parsed", Label)
        try:
            label.update(literal(f"→ {present.day(self.parse(text), self.lang)}" if text else ""))
        except ValueError as exc:
            label.update(literal(f"✗ {say(exc, self.lang)}", "red"))

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "due":
            self.preview(event.value.strip())

    def collect(self) -> DueDraft:
        text = self.value("#due")
        self.parse(text)
        return DueDraft(self.milestone.id, self.milestone.version, text, self.value("#note"))
