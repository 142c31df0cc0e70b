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
from tasktrack.services.views import Derived, MilestoneFilter, MilestoneView, UnitRef, judged, unique_units
from tasktrack.store import milestone_sql as q
from tasktrack.store import rawsql
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
    """Rows of milestone_sql.COLUMNS made into MilestoneViews; what rows share (units, co-unit lists)
    is made once."""

    def __init__(self, co: dict[int, list[Any]], as_of: date, thresholds: Thresholds, lang: str) -> None:
        self.co, self.as_of, self.thresholds, self.lang = co, as_of, thresholds, lang
        self._leads: dict[int, UnitRef] = {}
        self._cos: dict[tuple[int | None, ...], tuple[UnitRef, ...]] = {}

    def lead(self, r: tuple[Any, ...]) -> UnitRef | None:
        if not r[29]:
            return None
        found = self._leads.get(r[29])
        if found is None:
            found = self._leads[r[29]] = UnitRef(r[29], r[30], r[31], bool(r[32]))
        return found

    def co_units(self, chain: tuple[int | None, ...], lead: UnitRef | None) -> tuple[UnitRef, ...]:
        """Co-units of the task, its parent and grandparent, each once, without the lead."""
        owned = [t for t in chain if t in self.co]
        if not owned:
            return ()
        key = (*owned, lead.id if lead else None)
        found = self._cos.get(key)
        if found is None:
            units = unique_units(UnitRef(u[1], u[2], u[3], bool(u[4])) for tid in owned for u in self.co[tid])
            found = self._cos[key] = tuple(u for u in units if lead is None or u.id != lead.id)
        return found

    def view(self, r: tuple[Any, ...]) -> MilestoneView:
        due, kind = day(r[12]), _KINDS[r[17]]
        facts = _frozen(MilestoneFacts, _FACTS, (
            kind, _STATUSES[r[23]], due, measure_start(kind, r[11], r[20], r[28]), r[14], r[22], r[21],
            _COMPARISONS[r[16]], r[15],
        ))  # fmt: skip
        lead = self.lead(r)
        co = self.co_units((r[3], r[6], r[7]), lead) if self.co else ()
        derived = LazyDerived(facts, self.as_of, self.thresholds, self.lang)
        return _frozen(MilestoneView, _VIEW, (
            r[0], r[1], r[2], r[3], r[4], r[5], r[8], r[9], r[10], r[11], due, r[13], r[14], r[15], r[16], r[17],
            bool(r[18]), bool(r[19]), r[20], r[21], r[22], r[23], day(r[24]), r[25], r[26], lead, co, r[27],
            derived,
        ))  # fmt: skip


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
            co = q.co_units(conn, {i for r in rows for i in (r[3], r[6], r[7]) if i})
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
            lead = None
            if r[13]:
                lead = leads.get(r[13]) or leads.setdefault(r[13], UnitRef(r[13], r[14], r[15], bool(r[16])))
            due = day(r[7])
            out.append(DueItem(*r[:7], due, *r[8:13], lead, (due - as_of).days))  # type: ignore[operator, call-arg]  # rows: tuples of unknown length; due is NOT NULL
        return out

    def table(self, f: MilestoneFilter, as_of: date | None = None) -> builtins.list[TableRow]:
        """The milestones list() gives, in its order, with only what the list's table shows: no views, no
        co-units, no reason text (tests/test_fast_paths.py checks they agree with list())."""
        as_of = as_of or self.ctx.today
        with self.connect() as conn:
            rows = q.table_rows(conn, f, as_of, self.scope(conn, f), rawsql.dialect(conn))
        thresholds = self.ctx.settings.thresholds
        leads: dict[int, UnitRef] = {}
        out = []
        for r in rows:
            kind, status, comparison = _KINDS[r[8]], _STATUSES[r[12]], _COMPARISONS[r[7]]
            due = day(r[4])
            start = measure_start(kind, r[2], r[9], r[13])
            facts = _frozen(
                MilestoneFacts, _FACTS, (kind, status, due, start, r[5], r[11], r[10], comparison, r[6])
            )
            a = assess(facts, as_of, thresholds)
            lead = None
            if r[14]:
                lead = leads.get(r[14]) or leads.setdefault(r[14], UnitRef(r[14], r[15], r[16], bool(r[17])))
            out.append(TableRow(r[0], r[1], r[2], r[3], due, r[5], r[6], r[7], r[8], r[11], r[12],  # type: ignore[arg-type]  # due is NOT NULL, so never None
                                a.schedule._value_, a.rag._value_, lead))  # fmt: skip
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
            co = q.co_units(conn, {i for i in (row[3], row[6], row[7]) if i})
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
