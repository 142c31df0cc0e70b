"""Milestone use-cases: query with filters, add, edit, set status, record actual values."""

from __future__ import annotations

import builtins
from contextlib import nullcontext
from datetime import date
from typing import Any

from sqlalchemy import func, select

from tasktrack.domain.dates import DateError, parse_deadline
from tasktrack.domain.kinds import Comparison, MeasureKind, Status
from tasktrack.domain.numbers import parse_value
from tasktrack.domain.vocab import StatusError, parse_status
from tasktrack.errors import NotFound, UserError, Words
from tasktrack.models import MILESTONE_STATED, MILESTONE_TARGET, Milestone, Task, saved_id
from tasktrack.services.access import Access
from tasktrack.services.base import Context, UnitOfWork, encode, reading, unit_of_work
from tasktrack.services.links import follow_in
from tasktrack.services.milestone_reads import MilestoneReads
from tasktrack.services.review import GOVERNED, ReviewService
from tasktrack.services.views import MilestoneFilter, MilestoneView
from tasktrack.store import refs

EDITABLE = (*MILESTONE_TARGET, "baseline_quote", "quote", "note")


def to_float(value: Any, what: str) -> float | None:
    """A value for the ledger by the one rule of tasktrack.domain.numbers (None, none, 无: no value)."""
    return parse_value(value, what)


class MilestoneService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    # -- reading -------------------------------------------------------------------------------
    def reads(self) -> MilestoneReads:
        return MilestoneReads(self.ctx, lambda: reading(self.ctx))

    def list(self, f: MilestoneFilter | None = None, as_of: date | None = None) -> list[MilestoneView]:
        return self.reads().list(f, as_of)

    def count(self, f: MilestoneFilter | None = None, as_of: date | None = None) -> int:
        return self.reads().count(f, as_of)

    def get(self, ref: str | int, as_of: date | None = None) -> MilestoneView:
        return self.reads().get(ref, as_of)

    def view_in(self, uow: UnitOfWork, row: Milestone) -> MilestoneView:
        """The milestone as `uow` leaves it, read on the unit of work's own connection: a change and the
        view it answers with are one transaction (no second snapshot, no window for another writer)."""
        uow.session.flush()
        conn = uow.session.connection()
        assert row.id is not None
        return MilestoneReads(self.ctx, lambda: nullcontext(conn)).get(row.id)

    # -- writing -------------------------------------------------------------------------------
    def load_in(self, uow: UnitOfWork, ref: str | int) -> Milestone:
        """The milestone to change in this unit of work: checked that the actor may change it, then locked."""
        mid = refs.milestone_id(uow.session.connection(), ref)
        Access(self.ctx).require_milestone(uow, mid)  # before the lock: on PostgreSQL RLS hides the row
        row = uow.lock(Milestone, mid)
        if row is None:  # pragma: no cover - resolved above in the same transaction
            raise NotFound("err.svc.ms.none", ref=ref)
        return row

    def add(self, task_ref: str | int, code: str, metric: str, year: int, **fields: Any) -> int:
        """Add a milestone to a task in a command of its own; returns its id (fields as for add_in)."""
        with unit_of_work(self.ctx, "milestone add") as uow:
            return self.add_in(uow, task_ref, code, metric, year, **fields)

    def add_in(
        self,
        uow: UnitOfWork,
        task_ref: str | int,
        code: str,
        metric: str,
        year: int,
        *,
        due: str | date | None = None,
        due_text: str | None = None,
        target: Any = None,
        unit: str | None = None,
        comparison: str = ">=",
        kind: str = "increment",
        cumulative: bool = False,
        baseline_year: int | None = None,
        baseline_value: Any = None,
        baseline_quote: str | None = None,
        quote: str | None = None,
        note: str | None = None,
        aspirational: bool = False,
        reason: str | None = None,
        position: int | None = None,
    ) -> int:
        """Add a milestone to a task in the caller's unit of work (the CLI, a plan file's new plan or new
        item): `due` as a person writes it, or the day a plan file read from the document's words
        `due_text`, kept as they are. Returns its id."""
        task = uow.session.get(Task, refs.task_id(uow.session.connection(), task_ref))
        assert task is not None
        Access(self.ctx).require_task(uow, task.id)
        code = code.strip()
        if not code:
            raise UserError("err.svc.ms.no_code")
        clash = select(Milestone.id).where(Milestone.plan_id == task.plan_id, Milestone.code == code)
        if uow.session.execute(clash).first():
            raise UserError("err.svc.ms.code_used", code=code)
        due_date, wording, aspirational = self.parse_due(due, year, aspirational)
        if isinstance(due, date) and due_text:  # the day a plan file read from the document's words
            wording = due_text
        if position is None:
            position = (
                uow.session.execute(
                    select(func.max(Milestone.position)).where(Milestone.plan_id == task.plan_id)
                ).scalar()
                or 0
            ) + 1
        row = Milestone(
            plan_id=task.plan_id,
            task_id=saved_id(task),
            code=code,
            metric=metric.strip(),
            year=year,
            due=due_date,
            due_text=wording,
            target=to_float(target, "target"),
            unit=unit,
            comparison=_comparison(comparison).value,
            kind=_kind(kind).value,
            cumulative=cumulative,
            aspirational=aspirational,
            baseline_year=baseline_year,
            baseline_value=to_float(baseline_value, "baseline"),
            baseline_quote=baseline_quote,
            quote=quote,
            note=note,
            position=position,
        )
        uow.created(row, "milestone", list(MILESTONE_STATED), reason)
        assert row.id is not None
        return row.id

    def parse_due(
        self, due: str | date | None, year: int, aspirational: bool
    ) -> tuple[date, str | None, bool]:
        """A due date as given (2021年底, 8月底前, a date) read against the milestone's year: the day, the
        wording to keep (None for a plain date) and whether it is now aspirational (力争)."""
        if due is None:
            return date(year, 12, 31), None, aspirational
        if isinstance(due, str) and not due.strip():  # never a way to drop the document's own wording
            raise UserError("err.svc.ms.due_empty")
        if isinstance(due, date):
            return due, None, aspirational
        try:
            parsed = parse_deadline(due, today=self.ctx.today, year=year)
        except DateError as exc:
            raise UserError("err.svc.ms.due", reason=exc) from None
        return parsed.value, due, aspirational or parsed.aspirational

    def edit(
        self,
        ref: str | int,
        values: dict[str, Any],
        *,
        expected_version: int | None = None,
        reason: str | None = None,
    ) -> MilestoneView:
        """Change a milestone's plan facts (due date, target, ...); each field changed is logged."""
        return self.edit_or_request(ref, values, expected_version=expected_version, reason=reason)[0]

    def edit_or_request(
        self,
        ref: str | int,
        values: dict[str, Any],
        *,
        expected_version: int | None = None,
        reason: str | None = None,
        doc_no: str | None = None,
    ) -> tuple[MilestoneView, builtins.list[int]]:
        """edit(), saying which requests it filed: a unit member's change of the due date or target is a
        延期/调整申请 for a coordinator to decide (see edit_in); returns the view and the request ids."""
        _check_editable(values)
        with unit_of_work(self.ctx, "milestone edit") as uow:
            row = self.load_in(uow, ref)
            filed = self.edit_in(
                uow, row, values, expected_version=expected_version, reason=reason, doc_no=doc_no
            )
            return self.view_in(uow, row), filed

    def edit_in(
        self,
        uow: UnitOfWork,
        row: Milestone,
        values: dict[str, Any],
        *,
        expected_version: int | None = None,
        reason: str | None = None,
        doc_no: str | None = None,
    ) -> builtins.list[int]:
        """The body of edit(), on a row loaded with load_in(). A unit cannot move its own goalposts: a
        member's change of the due date or target becomes a pending request (延期申请 / 调整申请, with a
        required reason), filed here and not applied; a coordinator's own such change needs a reason.
        Returns the ids of the requests filed (none for a coordinator, or in open mode)."""
        _check_editable(values)
        uow.check_version(row, "milestone", expected_version)
        asked = self._governed(uow, row, values)
        filed: list[int] = []
        if asked:
            standing = Access(self.ctx).standing(uow)
            if not standing.is_open:
                why = (reason or "").strip()
                if not why:
                    what = Words("err.svc.ms.a_change" if standing.is_coordinator else "err.svc.rv.a_request")
                    raise UserError("err.svc.ms.say_why", code=row.code, fields=_and(sorted(asked)), what=what)
                if not standing.is_coordinator:
                    filed = ReviewService(self.ctx).file_changes_in(uow, row, asked, reason=why, doc_no=doc_no)
                    values = {k: v for k, v in values.items() if k not in asked}
        clean = dict(values)
        if "due" in clean:
            clean["due"], text, asp = self.parse_due(
                clean["due"], clean.get("year", row.year), row.aspirational
            )
            clean["due_text"] = text
            if asp and not row.aspirational:
                clean["aspirational"] = True
        for name in ("target", "baseline_value"):
            if name in clean:
                clean[name] = to_float(clean[name], name)
        if "comparison" in clean:
            clean["comparison"] = _comparison(clean["comparison"]).value
        if "kind" in clean:
            clean["kind"] = _kind(clean["kind"]).value
        uow.update(row, "milestone", clean, reason)
        return filed

    def _governed(self, uow: UnitOfWork, row: Milestone, values: dict[str, Any]) -> dict[str, Any]:
        """The due date, target and comparison of `values` that would really change the row."""
        out: dict[str, Any] = {}
        for name in GOVERNED:
            if name not in values:
                continue
            value = values[name]
            if name == "due":
                new: Any = self.parse_due(value, values.get("year", row.year), row.aspirational)[0]
            elif name == "target":
                new = to_float(value, "target")
            else:
                new = _comparison(value).value
            if encode(new) != encode(getattr(row, name)):
                out[name] = value.isoformat() if isinstance(value, date) else value
        return out

    def set_status(
        self,
        ref: str | int,
        status: str,
        *,
        note: str | None = None,
        on: date | None = None,
        expected_version: int | None = None,
    ) -> MilestoneView:
        """Set a milestone's status. Done records the completion date; closing (销号) needs evidence."""
        try:
            new = parse_status(status)
        except StatusError as exc:
            raise UserError(exc.words) from None
        with unit_of_work(self.ctx, "milestone set") as uow:
            row = self.load_in(uow, ref)
            uow.check_version(row, "milestone", expected_version)
            self.apply_status(uow, row, new, note=note, on=on)
            return self.view_in(uow, row)

    def apply_status(
        self,
        uow: UnitOfWork,
        row: Milestone,
        new: Status,
        *,
        note: str | None,
        on: date | None,
        acknowledged: bool = True,
    ) -> None:
        """Set the status of a row loaded with load_in(), for every path (`milestone set`, the TUI's status
        edit, a 台账's status column, the review). Closing (销号) is the review's: ReviewService.close_in
        applies the one closure rule (a coordinator's direct close is a closure request filed and approved
        at once, in their name). Reopening a closed item needs a reason. `acknowledged`: whether `note` is
        words a person wrote (a 台账 row's provenance is not an acknowledgement of a target not met)."""
        if new is Status.CLOSED and row.status != Status.CLOSED.value:
            ReviewService(self.ctx).close_in(uow, row, note=note, on=on, acknowledged=acknowledged)
            return
        self.status_in(uow, row, new, note=note, on=on)

    def status_in(self, uow: UnitOfWork, row: Milestone, new: Status, *, note: str | None, on: date | None) -> None:
        """The status column itself, checked that the actor may change it and that a reopening says why;
        closing reaches it only through ReviewService's closure rule (apply_status routes it there)."""
        Access(self.ctx).require_milestone(uow, saved_id(row), closing=new is Status.CLOSED)
        if row.status == Status.CLOSED.value and new is not Status.CLOSED and not (note or "").strip():
            raise UserError("err.svc.ms.reopen", code=row.code)
        values: dict[str, Any] = {"status": new.value}
        if new.is_achieved:
            values["completed_on"] = (
                row.completed_on if row.completed_on and not on else (on or self.ctx.today)
            )
        else:
            values["completed_on"] = None
        if not uow.update(row, "milestone", values, note) and note:
            uow.log("milestone", saved_id(row), "remark", None, note, note)  # history only: no column changes
        follow_in(uow, row)  # its linked milestone in another plan, and the indicator it feeds

    def record_actual(
        self, ref: str | int, value: Any, *, note: str | None = None, expected_version: int | None = None
    ) -> MilestoneView:
        """Record the actual value achieved so far (None clears it)."""
        with unit_of_work(self.ctx, "milestone progress") as uow:
            row = self.load_in(uow, ref)
            self.record_actual_in(uow, row, value, note=note, expected_version=expected_version)
            return self.view_in(uow, row)

    def record_actual_in(
        self,
        uow: UnitOfWork,
        row: Milestone,
        value: Any,
        *,
        note: str | None = None,
        expected_version: int | None = None,
    ) -> None:
        """The body of record_actual(), on a row loaded with load_in(): an event takes no value; a value
        on a milestone not started yet starts it."""
        number = to_float(value, "actual value")
        uow.check_version(row, "milestone", expected_version)
        if MeasureKind(row.kind) is MeasureKind.EVENT and number is not None:
            raise UserError("err.svc.ms.event", code=row.code)
        values: dict[str, Any] = {"actual": number}
        if number is not None and Status(row.status) is Status.NOT_STARTED:
            values["status"] = Status.IN_PROGRESS.value
        uow.update(row, "milestone", values, note)
        follow_in(uow, row)  # its linked milestone in another plan, and the indicator it feeds


def _check_editable(values: dict[str, Any]) -> None:
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise UserError("err.svc.cannot_edit", field=sorted(unknown)[0], editable=", ".join(EDITABLE))


_FIELD_WORDS = {"due": "err.svc.ms.field.due", "target": "err.svc.ms.field.target",
                "comparison": "err.svc.ms.field.comparison"}  # fmt: skip


def _and(names: builtins.list[str]) -> str | Words:
    """The governed fields `names` (due, target, comparison) as words: due and target."""
    said: str | Words = ""
    for name in reversed(names):
        one = Words(_FIELD_WORDS[name])
        said = Words("err.svc.ms.and", first=one, rest=said) if said else one
    return said


def _comparison(value: str) -> Comparison:
    aliases = {"≥": ">=", "≤": "<=", "ge": ">=", "gt": ">", "eq": "=", "le": "<=", "==": "="}
    try:
        return Comparison(aliases.get(value, value))
    except ValueError:
        raise UserError("err.svc.ms.comparison", value=value) from None


def _kind(value: str) -> MeasureKind:
    try:
        return MeasureKind(value)
    except ValueError:
        names = ", ".join(k.value for k in MeasureKind)
        raise UserError("err.svc.ms.kind", value=value, names=names) from None
