"""Reading milestones: filters resolved, one SELECT, rows made into MilestoneViews. No SQLAlchemy at import.

MilestoneService (the ledger's) and the light reader behind hot CLI commands both read through here, on
SQLite straight from the sqlite3 connection. What the rules derive (序时, colour, reason) is worked out
when first asked for: a reminder run that only needs due dates never pays for the rest.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import fields
from datetime import date
from typing import Any, NamedTuple, TypeVar

from tasktrack.domain.kinds import Comparison, MeasureKind, Status
from tasktrack.domain.progress import (
    MilestoneFacts,
    Thresholds,
    assess,
    is_due_soon,
    is_overdue,
    measure_start,
)
from tasktrack.domain.vocab import parse_status
from tasktrack.errors import UserError
from tasktrack.services.views import Derived, MilestoneFilter, MilestoneView, UnitRef, judged
from tasktrack.services.views import co_units as task_co_units
from tasktrack.store import milestone_sql as q
from tasktrack.store import rawsql
from tasktrack.store.owners import Owner
from tasktrack.store.rawsql import day

Connect = Callable[[], AbstractContextManager[Any]]
_KINDS = {k.value: k for k in MeasureKind}
_STATUSES = {s.value: s for s in Status}
_COMPARISONS = {c.value: c for c in Comparison}
_LAZY = frozenset({"schedule", "rag", "reason", "expected", "progress", "met"})


class LazyDerived(Derived):
    """A Derived whose due-date facts are set at once and whose judgement (assess) runs on first use."""

    def __init__(self, facts: MilestoneFacts, as_of: date, thresholds: Thresholds, lang: str) -> None:
        vars(self).update(
            _inputs=(facts, as_of, thresholds, lang),
            as_of=as_of,
            overdue=is_overdue(facts, as_of),
            due_soon=is_due_soon(facts, as_of, thresholds.due_soon_days),
            days_left=(facts.due - as_of).days,
        )

    def __getattr__(self, name: str) -> Any:  # called only for what is not set yet
        if name not in _LAZY:
            raise AttributeError(name)
        mine = vars(self)
        facts, as_of, thresholds, lang = mine["_inputs"]
        if "_assessment" not in mine:
            mine["_assessment"] = assess(facts, as_of, thresholds)
            mine.update(judged(mine["_assessment"]))
        if name == "reason":  # the words last: a table shows the colour, not why
            mine["reason"] = mine["_assessment"].explain(lang)
        return mine[name]


class Views:
    """Rows of the milestone query made into MilestoneViews; what rows share (units, co-unit lists)
    is made once."""

    def __init__(
        self, co: dict[int, list[Owner]], as_of: date, thresholds: Thresholds, lang: str
    ) -> None:
        self.co, self.as_of, self.thresholds, self.lang = co, as_of, thresholds, lang
        self._leads: dict[int, UnitRef] = {}
        self._cos: dict[tuple[int, int | None], tuple[UnitRef, ...]] = {}

    def lead(self, r: q.MilestoneRow) -> UnitRef | None:
        return lead_ref(self._leads, r)

    def co_units(self, task_id: int, lead: UnitRef | None) -> tuple[UnitRef, ...]:
        """The task's co-units (its own and inherited), each once, without the lead."""
        owned = self.co.get(task_id)
        if not owned:
            return ()
        key = (task_id, lead.id if lead else None)
        found = self._cos.get(key)
        if found is None:
            found = self._cos[key] = task_co_units(owned, key[1])
        return found

    def view(self, r: q.MilestoneRow) -> MilestoneView:
        due, kind = day(r.due), _KINDS[r.kind]
        facts = _frozen(MilestoneFacts, _FACTS, (
            kind, _STATUSES[r.status], due, measure_start(kind, r.year, r.baseline_year, r.period_start),
            r.target, r.actual, r.baseline_value, _COMPARISONS[r.comparison], r.unit,
        ))  # fmt: skip
        lead = self.lead(r)
        co = self.co_units(r.task_id, lead) if self.co else ()
        derived = LazyDerived(facts, self.as_of, self.thresholds, self.lang)
        return _frozen(MilestoneView, _VIEW, (
            r.id, r.plan, r.code, r.task_id, r.task_code, r.task_title, r.programme_code, r.programme_title,
            r.metric, r.year, due, r.due_text, r.target, r.unit, r.comparison, r.kind, bool(r.cumulative),
            bool(r.aspirational), r.baseline_year, r.baseline_value, r.actual, r.status, day(r.completed_on),
            r.quote, r.note, lead, co, r.version, derived,
        ))  # fmt: skip


def lead_ref(known: dict[int, UnitRef], r: q.MilestoneRow | q.DueRow | q.TableRow) -> UnitRef | None:
    """The row's lead unit, made once per unit across the rows of one read (`known`)."""
    if not r.lead_id:
        return None
    found = known.get(r.lead_id)
    if found is None:
        found = known[r.lead_id] = UnitRef(r.lead_id, r.lead_name, r.lead_short, bool(r.lead_demo))  # type: ignore[arg-type]  # a lead row's unit.name is NOT NULL
    return found


# Frozen dataclasses set each field through object.__setattr__ in __init__, which for MilestoneView
# costs more than reading its row: these two (no __post_init__, no defaults skipped) are filled at once.
_FACTS = ("kind", "status", "due", "start", "target", "actual", "baseline", "comparison", "measure_unit")
_VIEW = (
    "id", "plan", "code", "task_id", "task_code", "task_title", "programme_code", "programme_title", "metric",
    "year", "due", "due_text", "target", "unit", "comparison", "kind", "cumulative", "aspirational",
    "baseline_year", "baseline_value", "actual", "status", "completed_on", "quote", "note", "lead", "co",
    "version", "derived",
)  # fmt: skip
if _FACTS != tuple(f.name for f in fields(MilestoneFacts)) or _VIEW != tuple(
    f.name for f in fields(MilestoneView)
):
    raise ImportError("MilestoneFacts or MilestoneView changed its fields: update milestone_reads")


_T = TypeVar("_T")


def _frozen(cls: type[_T], names: tuple[str, ...], values: tuple[Any, ...]) -> _T:
    obj = object.__new__(cls)
    obj.__dict__.update(zip(names, values))  # noqa: B905 - the lengths are checked above, once
    return obj


class DueItem(NamedTuple):
    """A milestone as a reminder names it: its target, its due date, the days left on the as-of date
    (negative: overdue), its lead unit. Nothing judged against 序时, so a city's reminders are cheap."""

    id: int
    plan: str
    code: str
    task_code: str
    task_title: str
    metric: str
    year: int
    due: date
    target: float | None
    unit: str | None
    comparison: str
    kind: str
    actual: float | None
    lead: UnitRef | None
    days_left: int


class TableRow(NamedTuple):
    """A milestone as the list's table shows it: its target, status and 序时 judgement, its lead unit."""

    id: int
    code: str
    year: int
    metric: str
    due: date
    target: float | None
    unit: str | None
    comparison: str
    kind: str
    actual: float | None
    status: str
    schedule: str
    rag: str
    lead: UnitRef | None


class MilestoneReads:
    """List, count and get milestones through `connect`, which opens one read transaction."""

    def __init__(self, ctx: Any, connect: Connect) -> None:
        self.ctx = ctx
        self.connect = connect

    def list(self, f: MilestoneFilter | None = None, as_of: date | None = None) -> list[MilestoneView]:
        f = f or MilestoneFilter()
        as_of = as_of or self.ctx.today
        with self.connect() as conn:
            dialect = rawsql.dialect(conn)
            rows = q.list_rows(conn, f, as_of, self.scope(conn, f), dialect)
            co = q.co_units(conn, {r.task_id for r in rows})
        views = Views(co, as_of, self.ctx.settings.thresholds, self.ctx.lang)
        return [views.view(r) for r in rows]

    def due(self, f: MilestoneFilter, as_of: date | None = None) -> builtins.list[DueItem]:
        """The filter's milestones as reminders name them, soonest due first."""
        as_of = as_of or self.ctx.today
        with self.connect() as conn:
            rows = q.due_rows(conn, f, as_of, self.scope(conn, f), rawsql.dialect(conn))
        leads: dict[int, UnitRef] = {}
        out = []
        for r in rows:
            due = day(r.due)
            assert due is not None  # milestone.due is NOT NULL
            out.append(DueItem(
                r.id, r.plan, r.code, r.task_code, r.task_title, r.metric, r.year, due, r.target, r.unit,
                r.comparison, r.kind, r.actual, lead_ref(leads, r), (due - as_of).days,
            ))  # fmt: skip
        return out

    def table(self, f: MilestoneFilter, as_of: date | None = None) -> builtins.list[TableRow]:
        """The milestones list() gives, in its order, with only what the list's table shows: no views, no
        co-units, no reason text."""
        as_of = as_of or self.ctx.today
        with self.connect() as conn:
            rows = q.table_rows(conn, f, as_of, self.scope(conn, f), rawsql.dialect(conn))
        thresholds = self.ctx.settings.thresholds
        leads: dict[int, UnitRef] = {}
        out = []
        for r in rows:
            kind, status, comparison = _KINDS[r.kind], _STATUSES[r.status], _COMPARISONS[r.comparison]
            due = day(r.due)
            start = measure_start(kind, r.year, r.baseline_year, r.period_start)
            facts = _frozen(MilestoneFacts, _FACTS, (
                kind, status, due, start, r.target, r.actual, r.baseline_value, comparison, r.unit,
            ))  # fmt: skip
            a = assess(facts, as_of, thresholds)
            out.append(TableRow(
                r.id, r.code, r.year, r.metric, due, r.target, r.unit, r.comparison, r.kind,  # type: ignore[arg-type]  # due is NOT NULL
                r.actual, r.status, a.schedule._value_, a.rag._value_, lead_ref(leads, r),
            ))  # fmt: skip
        return out

    def reads(self) -> MilestoneReads:
        return self

    def count(self, f: MilestoneFilter | None = None, as_of: date | None = None) -> int:
        f = f or MilestoneFilter()
        with self.connect() as conn:
            return q.count_rows(conn, f, as_of or self.ctx.today, self.scope(conn, f), rawsql.dialect(conn))

    def get(self, ref: str | int, as_of: date | None = None) -> MilestoneView:
        with self.connect() as conn:
            row = q.one_row(conn, rawsql.milestone_id(conn, ref))
            co = q.co_units(conn, {row.task_id})
        return Views(co, as_of or self.ctx.today, self.ctx.settings.thresholds, self.ctx.lang).view(row)

    def scope(self, conn: Any, f: MilestoneFilter) -> q.Scope:
        """Resolve the filter's references (refusing unknown ones) and normalize its statuses."""
        plan_id = rawsql.plan_id(conn, f.plan) if f.plan else None
        task_id = None
        if f.task:  # a code ('1' is programme 1), PLAN:CODE, or #id
            ref = f.task.strip()
            if ref.startswith("#"):
                task_id = rawsql.task_id(conn, ref)
            else:
                code = f"{plan_id}:{ref}" if plan_id and ":" not in ref else ref
                task_id = rawsql.task_by_code(conn, code)
        try:
            f.statuses = [parse_status(s).value for s in f.statuses]
        except ValueError as exc:
            raise UserError(str(exc)) from None
        return q.Scope(rawsql.unit_id(conn, f.unit) if f.unit else None, plan_id, task_id)
