"""Editing a milestone from any screen that shows one: open a dialog on fresh data, save off the UI thread,
and when the item changed meanwhile, say who changed it and when and let the user reload, overwrite or keep
the edit as a note. A refused save reopens the dialog with the error and everything typed.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual import on, work
from textual.screen import ModalScreen
from textual.worker import get_current_worker

from tasktrack import present
from tasktrack.errors import Conflict
from tasktrack.i18n import t
from tasktrack.services.history import HistoryFilter
from tasktrack.services.views import MilestoneView
from tasktrack.tui.drafts import (
    ActualDraft,
    AssignDraft,
    ConflictChoice,
    Draft,
    DueDraft,
    EvidenceDraft,
    StatusDraft,
)
from tasktrack.tui.keys import key
from tasktrack.tui.modals.assign import AssignModal
from tasktrack.tui.modals.conflict import ConflictModal
from tasktrack.tui.modals.edits import ActualModal, DueModal, EvidenceModal, StatusModal
from tasktrack.tui.screens.base import LedgerScreen, describe_error
from tasktrack.tui.widgets.detail import Detail, DetailPane
from tasktrack.tui.widgets.paged_table import PagedTable

EDIT_BINDINGS = [
    key("s", "edit('status')", "set_status"),
    key("a", "edit('actual')", "record_actual"),
    key("e", "edit('evidence')", "add_evidence"),
    key("o", "edit('assign')", "assign"),
    key("d", "edit('due')", "change_due"),
]

KIND = {
    StatusDraft: "status",
    ActualDraft: "actual",
    EvidenceDraft: "evidence",
    DueDraft: "due",
    AssignDraft: "assign",
}


def summary(draft: Draft, lang: str) -> str:
    """The edit in words, for the conflict dialog and for a note kept instead of the edit."""
    parts: list[str] = []
    colon, sep = ("：", "；") if lang == "zh" else (": ", "; ")
    if isinstance(draft, StatusDraft):
        parts.append(f"{t('status', lang)} → {present.status(draft.status, lang)}")
        if draft.evidence_file:
            parts.append(f"{t('file', lang)}{colon}{draft.evidence_file}")
    elif isinstance(draft, ActualDraft):
        parts.append(f"{t('actual', lang)} → {draft.value or '∅'}")
    elif isinstance(draft, DueDraft):
        parts.append(f"{t('due', lang)} → {draft.due}")
    elif isinstance(draft, AssignDraft):
        parts.append(draft.words)
    elif isinstance(draft, EvidenceDraft):
        parts.extend(p for p in (draft.text, draft.doc_no, draft.file) if p)
    note = getattr(draft, "note", "")
    if note:
        parts.append(f"{t('note', lang)}{colon}{note}")
    return sep.join(parts)


class MilestoneEditing(LedgerScreen):
    """A screen whose current row is a milestone, with the edit actions on it."""

    def current_milestone(self) -> MilestoneView | None:
        raise NotImplementedError

    # -- the detail pane (#detail) follows the table's cursor ------------------------------------
    @on(PagedTable.Highlighted)
    def row_highlighted(self, event: PagedTable.Highlighted) -> None:
        panes = self.query(DetailPane)
        if not panes or event.table is not self.milestone_table():
            return
        if isinstance(event.row, MilestoneView):
            self.load_detail(event.row.id)
        else:
            panes.first().show(None, self.lang)

    def milestone_table(self) -> PagedTable[Any] | None:
        return None

    @work(thread=True, exclusive=True, group="detail", exit_on_error=False)
    def load_detail(self, milestone_id: int) -> None:
        ledger, stood = self.ledger, self.tapp.as_of
        try:
            m = ledger.milestones.get(milestone_id)  # as it stood then, under --as-of (ctx.as_it_stood)
            evidence = ledger.evidence.list(m.id)
            recent = HistoryFilter(milestone=str(m.id), limit=20)
            if stood is None:
                changes = ledger.history.list(recent)
            else:  # only what was on the record by then, as `milestone show` under --as-of
                evidence = ledger.history.on_record(evidence, "evidence", stood)
                changes = ledger.history.as_it_stood(recent, stood)
            detail = Detail(
                m,
                self.tapp.queries.task_brief(m.task_id),
                tuple(evidence),
                tuple(changes),
                tuple(ledger.progress.by_unit(m.id, stood)),
            )
        except Exception as exc:
            self.app.call_from_thread(self.failed, exc)
            return
        self.app.call_from_thread(self.query_one(DetailPane).show, detail, self.lang)

    def action_edit(self, kind: str) -> None:
        if self.tapp.refused_read_only():  # under --as-of: the ledger as it stood, not to be edited
            return
        m = self.current_milestone()
        if m is None:
            self.say(t("tui.no_item", self.lang), "warning")
            return
        self.open_dialog(kind, m.id)

    # -- dialogs, always on data read just now --------------------------------------------------
    @work(thread=True, exclusive=True, group="dialog", exit_on_error=False)
    def open_dialog(
        self,
        kind: str,
        milestone_id: int,
        draft: Draft | None = None,
        error: str = "",
        fallback: MilestoneView | None = None,
    ) -> None:
        """Read the item (and for assign its task and the units), then show the dialog with `draft` in it."""
        try:
            m = self.ledger.milestones.get(milestone_id)
            extra: dict[str, Any] = {}
            if kind == "assign":
                extra = {"task": self.tapp.queries.task_brief(m.task_id), "units": self.ledger.units.list()}
        except Exception as exc:
            if draft is not None and fallback is not None and kind != "assign":  # keep what was typed
                self.app.call_from_thread(
                    self.push_dialog, kind, fallback, draft, describe_error(exc, self.lang), {}
                )
            else:
                self.app.call_from_thread(self.failed, exc)
            return
        if not get_current_worker().is_cancelled:  # a newer request replaced this one: show only that
            self.app.call_from_thread(self.push_dialog, kind, m, draft, error, extra)

    def push_dialog(
        self, kind: str, m: MilestoneView, draft: Draft | None, error: str, extra: dict[str, Any]
    ) -> None:
        lang = self.lang
        dialog: ModalScreen[Any]
        if kind == "status":
            dialog = StatusModal(m, lang, draft, error)  # type: ignore[arg-type]  # `kind` names the draft's type
        elif kind == "actual":
            dialog = ActualModal(m, lang, draft, error)  # type: ignore[arg-type]  # `kind` names the draft's type
        elif kind == "evidence":
            dialog = EvidenceModal(m, lang, draft, error)  # type: ignore[arg-type]  # `kind` names the draft's type
        elif kind == "due":
            dialog = DueModal(m, lang, draft, error, today=self.tapp.clock())  # type: ignore[arg-type]  # `kind` names the draft's type
        else:
            dialog = AssignModal(m, lang, draft, error, **extra)  # type: ignore[arg-type]  # `kind` names the draft's type

        def done(result: Draft | None) -> None:
            if result is not None:
                self.save(m, result)

        self.app.push_screen(dialog, done)

    # -- saving ---------------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="save", exit_on_error=False)
    def save(self, m: MilestoneView, draft: Draft, version: int | None = None) -> None:
        state = [draft]  # the draft as far as it got (a file attached stays attached)
        try:
            self.apply(state, draft.version if version is None else version)
        except Conflict as exc:
            self.app.call_from_thread(self.conflicted, m, state[0], exc)
            return
        except Exception as exc:  # refused or failed: back to the dialog with the text and the reason
            self.app.call_from_thread(self.push_back, m, state[0], describe_error(exc, self.lang))
            return
        self.app.call_from_thread(self.saved)

    def apply(self, state: list[Draft], version: int) -> None:
        """Runs on the worker: the service calls for one draft, each version-checked where it can conflict."""
        ledger, d = self.ledger, state[0]
        if isinstance(d, StatusDraft):
            attach_first = d.status == "closed"  # closing (销号) needs the evidence to be there already
            if attach_first:
                state[0] = d = self.attach(d)
            ledger.milestones.set_status(
                d.milestone_id, d.status, note=d.note or None, expected_version=version
            )
            if not attach_first:
                state[0] = self.attach(d)
        elif isinstance(d, ActualDraft):
            ledger.milestones.record_actual(
                d.milestone_id, d.value or None, note=d.note or None, expected_version=version
            )
        elif isinstance(d, EvidenceDraft):
            ledger.evidence.add(
                d.milestone_id, text=d.text or None, doc_no=d.doc_no or None, file=d.file or None
            )
        elif isinstance(d, DueDraft):
            ledger.milestones.edit(
                d.milestone_id, {"due": d.due}, expected_version=version, reason=d.note or None
            )
        elif isinstance(d, AssignDraft):
            ledger.tasks.assign(
                d.task_id,
                lead=str(d.lead) if d.lead is not None and d.lead != d.was_lead else None,
                co=[str(u) for u in d.co if u not in d.was_co],
                remove=[str(u) for u in d.was_co if u not in d.co and u != d.lead],
                clear_lead=d.lead is None and d.was_lead is not None,
                reason=d.note or None,
                expected_version=version,
            )

    def attach(self, d: StatusDraft) -> StatusDraft:
        if d.evidence_file and not d.evidence_done:
            self.ledger.evidence.add(d.milestone_id, file=d.evidence_file, text=d.note or None)
            return replace(d, evidence_done=True)
        return d

    def saved(self) -> None:
        self.say(t("saved", self.lang))
        self.tapp.ledger_changed()

    def push_back(self, m: MilestoneView, draft: Draft, error: str) -> None:
        """Reopen the dialog as it was (same version: saving again still checks for changes)."""
        kind = KIND[type(draft)]
        if kind == "assign":
            self.open_dialog(kind, m.id, draft, error)  # needs the task and units again
        else:
            self.push_dialog(kind, m, draft, error, {})

    # -- conflicts ------------------------------------------------------------------------------
    def conflicted(self, m: MilestoneView, draft: Draft, exc: Conflict) -> None:
        mine = summary(draft, self.lang)

        def chosen(choice: ConflictChoice | None) -> None:
            if choice is ConflictChoice.RELOAD:
                self.open_dialog(
                    KIND[type(draft)], m.id, draft, fallback=m
                )  # fresh item, the typed text kept
            elif choice is ConflictChoice.OVERWRITE:
                self.overwrite(m, draft)
            elif choice is ConflictChoice.NOTE:
                self.keep_note(m, draft)
            else:
                self.push_back(m, draft, describe_error(exc, self.lang))

        self.app.push_screen(ConflictModal(m.code, exc.changed_by, exc.changed_at, mine, self.lang), chosen)

    @work(thread=True, exclusive=True, group="dialog", exit_on_error=False)
    def overwrite(self, m: MilestoneView, draft: Draft) -> None:
        """Save over the other change: against the version there is now (a third change still conflicts)."""
        try:
            if isinstance(draft, AssignDraft):
                version = self.tapp.queries.task_brief(draft.task_id).version
            else:
                version = self.ledger.milestones.get(draft.milestone_id).version
        except Exception as exc:
            self.app.call_from_thread(self.push_back, m, draft, describe_error(exc, self.lang))
            return
        self.app.call_from_thread(self.save, m, draft, version)

    @work(thread=True, exclusive=True, group="save", exit_on_error=False)
    def keep_note(self, m: MilestoneView, draft: Draft) -> None:
        text = t("tui.kept_note", self.lang, edit=summary(draft, self.lang))
        try:
            self.tapp.queries.keep_note(draft.milestone_id, text)
        except Exception as exc:
            self.app.call_from_thread(self.push_back, m, draft, describe_error(exc, self.lang))
            return
        self.app.call_from_thread(self.saved)
