"""Milestone use-cases: query with filters, add, edit, set status, record actual values."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from sqlalchemy import func, select

from tasktrack.domain.dates import DateError, parse_date
from tasktrack.domain.kinds import Comparison, MeasureKind, Status
from tasktrack.domain.progress import MilestoneFacts, assess, measure_start
from tasktrack.domain.vocab import parse_status
from tasktrack.errors import NotFound, UserError
from tasktrack.models import Evidence, Milestone, Task
from tasktrack.services.base import Context, UnitOfWork, reading, unit_of_work
from tasktrack.services.views import Derived, MilestoneFilter, MilestoneView, UnitRef, unique_units
from tasktrack.store import milestones as q
from tasktrack.store import refs

EDITABLE = (
    "metric",
    "year",
    "due",
    "due_text",
    "target",
    "unit",
    "comparison",
    "kind",
    "cumulative",
    "aspirational",
    "baseline_year",
    "baseline_value",
    "quote",
    "note",
)


def to_float(value: Any, what: str) -> float | None:
    if value is None or value == "":
        return None
    try:
        number = float(str(value).replace(",", "").rstrip("%"))
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        raise UserError(f"{what} must be a number, not {value!r}; write e.g. 56 or 1.55")
    return number


def facts_of(row: Any) -> MilestoneFacts:
    kind = MeasureKind(row.kind)
    return MilestoneFacts(
        kind=kind,
        status=Status(row.status),
        due=row.due,
        start=measure_start(kind, row.year, row.baseline_year, row.period_start),
        target=row.target,
        actual=row.actual,
        baseline=row.baseline_value,
        comparison=Comparison(row.comparison),
    )


class MilestoneService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    # -- reading -------------------------------------------------------------------------------
    def list(self, f: MilestoneFilter | None = None, as_of: date | None = None) -> list[MilestoneView]:
        f = f or MilestoneFilter()
        as_of = as_of or self.ctx.today
        with reading(self.ctx) as conn:
            rows = q.list_rows(conn, f, as_of, self._scope(conn, f))
            chain = {i for r in rows for i in (r.task_id, r.parent_id, r.grandparent_id) if i}
            co = q.co_units(conn, chain)
        return [self._view(r, co, as_of) for r in rows]

    def count(self, f: MilestoneFilter | None = None, as_of: date | None = None) -> int:
        f = f or MilestoneFilter()
        with reading(self.ctx) as conn:
            return q.count_rows(conn, f, as_of or self.ctx.today, self._scope(conn, f))

    def get(self, ref: str | int, as_of: date | None = None) -> MilestoneView:
        with reading(self.ctx) as conn:
            mid = refs.milestone_id(conn, ref)
            row = conn.execute(q.base_select(q.LIST_COLUMNS).where(Milestone.id == mid)).one()
            co = q.co_units(conn, {i for i in (row.task_id, row.parent_id, row.grandparent_id) if i})
        return self._view(row, co, as_of or self.ctx.today)

    def _scope(self, conn: Any, f: MilestoneFilter) -> q.Scope:
        """Resolve the filter's references (refusing unknown ones) and normalize its statuses."""
        plan_id = refs.plan_id(conn, f.plan) if f.plan else None
        task_id = None
        if f.task:  # a code ('1' is programme 1), PLAN:CODE, or #id
            ref = f.task.strip()
            if ref.startswith("#"):
                task_id = refs.task_id(conn, ref)
            else:
                task_id = refs.task_by_code(conn, f"{plan_id}:{ref}" if plan_id and ":" not in ref else ref)
        try:
            f.statuses = [parse_status(s).value for s in f.statuses]
        except ValueError as exc:
            raise UserError(str(exc)) from None
        return q.Scope(refs.unit_id(conn, f.unit) if f.unit else None, plan_id, task_id)

    def _view(self, r: Any, co: dict[int, list[Any]], as_of: date) -> MilestoneView:
        chain = [i for i in (r.task_id, r.parent_id, r.grandparent_id) if i]
        lead = UnitRef(r.lead_id, r.lead_name, r.lead_short, r.lead_demo) if r.lead_id else None
        co_refs = unique_units(
            UnitRef(u.id, u.name, u.short_name, u.is_demo) for tid in chain for u in co.get(tid, [])
        )
        co_refs = tuple(u for u in co_refs if lead is None or u.id != lead.id)
        derived = Derived.of(assess(facts_of(r), as_of, self.ctx.settings.thresholds), as_of, self.ctx.lang)
        return MilestoneView(
            id=r.id,
            plan=r.plan,
            code=r.code,
            task_id=r.task_id,
            task_code=r.task_code,
            task_title=r.task_title,
            programme_code=r.programme_code,
            programme_title=r.programme_title,
            metric=r.metric,
            year=r.year,
            due=r.due,
            due_text=r.due_text,
            target=r.target,
            unit=r.unit,
            comparison=r.comparison,
            kind=r.kind,
            cumulative=r.cumulative,
            aspirational=r.aspirational,
            baseline_year=r.baseline_year,
            baseline_value=r.baseline_value,
            actual=r.actual,
            status=r.status,
            completed_on=r.completed_on,
            quote=r.quote,
            note=r.note,
            lead=lead,
            co=co_refs,
            version=r.version,
            derived=derived,
        )

    # -- writing -------------------------------------------------------------------------------
    def _load(self, uow: UnitOfWork, ref: str | int) -> Milestone:
        mid = refs.milestone_id(uow.session.connection(), ref)
        row = uow.lock(Milestone, mid)
        if row is None:  # pragma: no cover - resolved above in the same transaction
            raise NotFound(f"no milestone {ref}")
        return row

    def add(
        self,
        task_ref: str | int,
        code: str,
        metric: str,
        year: int,
        *,
        due: str | date | None = None,
        target: Any = None,
        unit: str | None = None,
        comparison: str = ">=",
        kind: str = "increment",
        cumulative: bool = False,
        baseline_year: int | None = None,
        baseline_value: Any = None,
        quote: str | None = None,
        note: str | None = None,
        reason: str | None = None,
    ) -> int:
        """Add a milestone to a task; returns its id."""
        with unit_of_work(self.ctx, "milestone add") as uow:
            return self.add_in(
                uow,
                task_ref,
                code,
                metric,
                year,
                due=due,
                target=target,
                unit=unit,
                comparison=comparison,
                kind=kind,
                cumulative=cumulative,
                baseline_year=baseline_year,
                baseline_value=baseline_value,
                quote=quote,
                note=note,
                reason=reason,
            )

    def add_in(
        self,
        uow: UnitOfWork,
        task_ref: str | int,
        code: str,
        metric: str,
        year: int,
        *,
        due: str | date | None = None,
        target: Any = None,
        unit: str | None = None,
        comparison: str = ">=",
        kind: str = "increment",
        cumulative: bool = False,
        baseline_year: int | None = None,
        baseline_value: Any = None,
        quote: str | None = None,
        note: str | None = None,
        aspirational: bool = False,
        reason: str | None = None,
        position: int | None = None,
    ) -> int:
        task = uow.session.get(Task, refs.task_id(uow.session.connection(), task_ref))
        assert task is not None
        code = code.strip()
        if not code:
            raise UserError("a milestone needs a code; give --code, e.g. 1-M5")
        clash = select(Milestone.id).where(Milestone.plan_id == task.plan_id, Milestone.code == code)
        if uow.session.execute(clash).first():
            raise UserError(f"milestone code {code!r} is already used in this plan; choose another code")
        due_date, due_text, aspirational = self._due(due, year, aspirational)
        if position is None:
            position = (
                uow.session.execute(
                    select(func.max(Milestone.position)).where(Milestone.plan_id == task.plan_id)
                ).scalar()
                or 0
            ) + 1
        row = Milestone(
            plan_id=task.plan_id,
            task_id=task.id,
            code=code,
            metric=metric.strip(),
            year=year,
            due=due_date,
            due_text=due_text,
            target=to_float(target, "target"),
            unit=unit,
            comparison=_comparison(comparison).value,
            kind=_kind(kind).value,
            cumulative=cumulative,
            aspirational=aspirational,
            baseline_year=baseline_year,
            baseline_value=to_float(baseline_value, "baseline"),
            quote=quote,
            note=note,
            position=position,
        )
        uow.created(
            row,
            "milestone",
            [
                "task_id",
                "metric",
                "year",
                "due",
                "target",
                "unit",
                "comparison",
                "kind",
                "cumulative",
                "baseline_value",
                "quote",
            ],
            reason,
        )
        assert row.id is not None
        return row.id

    def _due(self, due: str | date | None, year: int, aspirational: bool) -> tuple[date, str | None, bool]:
        if due is None or due == "":
            return date(year, 12, 31), None, aspirational
        if isinstance(due, date):
            return due, None, aspirational
        try:
            parsed = parse_date(due, today=self.ctx.today, year=year)
        except DateError as exc:
            raise UserError(f"due date: {exc}") from None
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
        unknown = set(values) - set(EDITABLE)
        if unknown:
            raise UserError(f"cannot edit {sorted(unknown)[0]!r}; editable: {', '.join(EDITABLE)}")
        with unit_of_work(self.ctx, "milestone edit") as uow:
            row = self._load(uow, ref)
            uow.check_version(row, "milestone", expected_version)
            clean = dict(values)
            if "due" in clean:
                clean["due"], text, asp = self._due(
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
            mid = row.id
        return self.get(mid)

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
        except ValueError as exc:
            raise UserError(str(exc)) from None
        with unit_of_work(self.ctx, "milestone set") as uow:
            row = self._load(uow, ref)
            uow.check_version(row, "milestone", expected_version)
            self.apply_status(uow, row, new, note=note, on=on)
            mid = row.id
        return self.get(mid)

    def apply_status(
        self, uow: UnitOfWork, row: Milestone, new: Status, *, note: str | None, on: date | None
    ) -> None:
        values: dict[str, Any] = {"status": new.value}
        if new.is_achieved:
            values["completed_on"] = (
                row.completed_on if row.completed_on and not on else (on or self.ctx.today)
            )
        else:
            values["completed_on"] = None
        if new is Status.CLOSED:
            evidence = list(
                uow.session.execute(select(Evidence).where(Evidence.milestone_id == row.id)).scalars()
            )
            if not evidence:
                raise UserError(
                    f"milestone {row.code} has no evidence; add some with 'tasktrack evidence add {row.id} ...' "
                    "before closing it (销号)"
                )
            for ev in evidence:
                if ev.accepted_by is None:
                    uow.update(ev, "evidence", {"accepted_by": self.ctx.actor, "accepted_at": uow.at}, note)
        if not uow.update(row, "milestone", values, note) and note:
            uow.log("milestone", row.id, "note", None, note, note)

    def record_actual(
        self, ref: str | int, value: Any, *, note: str | None = None, expected_version: int | None = None
    ) -> MilestoneView:
        """Record the actual value achieved so far (None clears it)."""
        number = to_float(value, "actual value")
        with unit_of_work(self.ctx, "milestone progress") as uow:
            row = self._load(uow, ref)
            uow.check_version(row, "milestone", expected_version)
            if MeasureKind(row.kind) is MeasureKind.EVENT and number is not None:
                raise UserError(f"milestone {row.code} is an event (done or not); set its status instead")
            values: dict[str, Any] = {"actual": number}
            if number is not None and Status(row.status) is Status.NOT_STARTED:
                values["status"] = Status.IN_PROGRESS.value
            uow.update(row, "milestone", values, note)
            mid = row.id
        return self.get(mid)


def _comparison(value: str) -> Comparison:
    aliases = {"≥": ">=", "≤": "<=", "ge": ">=", "gt": ">", "eq": "=", "le": "<=", "==": "="}
    try:
        return Comparison(aliases.get(value, value))
    except ValueError:
        raise UserError(f"unknown comparison {value!r}; use >=, >, = or <=") from None


def _kind(value: str) -> MeasureKind:
    try:
        return MeasureKind(value)
    except ValueError:
        names = ", ".join(k.value for k in MeasureKind)
        raise UserError(f"unknown measure kind {value!r}; use one of {names}") from None
