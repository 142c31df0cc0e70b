"""Reading milestones: filters resolved, one SELECT, rows made into MilestoneViews. No SQLAlchemy at import.

MilestoneService (the ledger's) and the light reader behind hot CLI commands both read through here, on
SQLite straight from the sqlite3 connection. What the rules derive (序时, colour, reason) is worked out
when first asked for: a reminder run that only needs due dates never pays for the rest.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import fields, replace
from datetime import date
from types import SimpleNamespace
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
from tasktrack.domain.vocab import StatusError, parse_status
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


def fetch_rows(conn: Any, columns: str, rest: str) -> builtins.list[Any]:
    """`SELECT columns rest`, each row with its columns by name (a light reader's sqlite3 rows are plain
    tuples); `columns` are plain column names, comma-separated."""
    names = [c.strip() for c in columns.split(",")]
    return [SimpleNamespace(**dict(zip(names, r, strict=True))) for r in rawsql.fetch(conn, f"SELECT {columns} {rest}")]


STATED_SQL = "FROM change WHERE entity = 'command' AND field = 'as_of'"  # base.STATED_ENTITY, STATED_FIELD


def _reported(conn: Any, day: date, stated: dict[str, date]) -> dict[int, float | None]:
    """Per milestone, the figure of the newest progress report on it for a period begun by `day` and on
    the record by then (a seed load's from the start; None when the report gave no figure)."""
    from tasktrack.domain.periods import report_rank
    from tasktrack.services import as_it_stood as replay

    reports = fetch_rows(conn, "id, milestone_id, period, value", "FROM progressreport WHERE milestone_id IS NOT NULL")
    if not reports:  # none on a milestone: no need to read when they were filed
        return {}
    logged = fetch_rows(conn, "entity_id, at, command, command_id",
                        "FROM change WHERE entity = 'progress' AND field = 'created'")  # fmt: skip
    known = {r.entity_id for r in logged if replay.effective_day(r, {}, stated) <= day}
    out: dict[int, tuple[Any, float | None]] = {}
    for p in reports:
        rank = report_rank(_Ranked(p.id, p.period))
        if p.id in known and rank[0] <= day and (p.milestone_id not in out or out[p.milestone_id][0] < rank):
            out[p.milestone_id] = (rank, p.value)
    return {k: v for k, (_, v) in out.items()}


_Row = TypeVar("_Row", bound=q.MilestoneRow)


def _as_reported(r: _Row, reported: dict[int, float | None]) -> _Row:
    """A milestone as it stood, with a unit's report on it (_reported) read as progress: still 未启动, it counts
    as 推进中, with the report's figure when it has none of its own."""
    if r.status != Status.NOT_STARTED.value or r.id not in reported:
        return r
    return r._replace(status=Status.IN_PROGRESS.value, actual=reported[r.id] if r.actual is None else r.actual)


def _stated(conn: Any) -> dict[str, date]:
    from tasktrack.services import as_it_stood as replay

    return replay.stated_days(fetch_rows(conn, "command_id, new", STATED_SQL))


def _settled(conn: Any, day: date, stated: dict[str, date]) -> bool:
    """Whether nothing in the change log takes effect after the end of `day` (as_it_stood.effective_day): no
    change logged after it, no command made for a later day, no milestone completed after it (a seed load's
    rows of a completed milestone count from that completion). Every change to a milestone is logged, so the
    milestone table then holds the milestones as they stood at the end of `day`. (The one record that reads
    otherwise: a seed load's completion after `day` that a later command moved to a day by `day`; the
    rebuild counts that milestone from the date the seed load gave.)"""
    from tasktrack.services import as_it_stood as replay

    last = rawsql.fetch(conn, "SELECT max(at) FROM change")[0][0]
    if last is not None and replay.day_of(last) > day:
        return False
    if any(d > day for d in stated.values()):
        return False
    later = "SELECT 1 FROM milestone WHERE completed_on > :day LIMIT 1"
    return not rawsql.fetch(conn, later, {"day": rawsql.param(conn, day)})


def _then_is_now(conn: Any, day: date) -> bool:
    """Whether the milestones as they stood at the end of `day` are the milestones as they are now: nothing
    took effect after `day` (_settled) and no report turns one still 未启动 into 推进中 (_as_reported)."""
    stated = _stated(conn)
    if not _settled(conn, day, stated):
        return False
    reported = sorted(_reported(conn, day, stated))
    for i in range(0, len(reported), 500):
        params: dict[str, Any] = {"s": Status.NOT_STARTED.value}
        ids = rawsql.in_list("m", reported[i : i + 500], params)
        if rawsql.fetch(conn, f"SELECT 1 FROM milestone WHERE status = :s AND id IN ({ids}) LIMIT 1", params):
            return False
    return True


class _Ranked(NamedTuple):
    id: int
    period: str
    task_id: int = 0
    milestone_id: int | None = None


def _kept(v: MilestoneView, f: MilestoneFilter) -> bool:
    """The filter's parts that depend on a milestone's status and due date, on a rebuilt view."""
    if f.statuses and v.status not in f.statuses:
        return False
    if not (f.overdue or f.due_within is not None):
        return True
    if Status(v.status).is_finished:
        return False
    soon = f.due_within is not None and 0 <= v.derived.days_left <= f.due_within
    return (f.overdue and v.derived.days_left < 0) or soon


def _due_item(v: MilestoneView, as_of: date) -> DueItem:
    return DueItem(v.id, v.plan, v.code, v.task_code, v.task_title, v.metric, v.year, v.due, v.target, v.unit,
                   v.comparison, v.kind, v.actual, v.lead, (v.due - as_of).days)  # fmt: skip


def _table_row(v: MilestoneView) -> TableRow:
    return TableRow(v.id, v.code, v.year, v.metric, v.due, v.target, v.unit, v.comparison, v.kind, v.actual,
                    v.status, v.derived.schedule, v.derived.rag, v.lead)  # fmt: skip


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

    def stood(self) -> date | None:
        """The day the ledger is read as it stood at the end of (ctx.as_it_stood), or None: as it is now."""
        found: date | None = getattr(self.ctx, "as_it_stood", None)
        return found

    def rebuilding(self) -> bool:
        """Whether a read rebuilds the milestones from the change log: as they stood at the end of stood(),
        unless the ledger then is the ledger now (_then_is_now), when the plain reads give the same rows and
        keep their filters and pages in SQL."""
        day = self.stood()
        if day is None:
            return False
        with self.connect() as conn:
            return not _then_is_now(conn, day)

    def list(self, f: MilestoneFilter | None = None, as_of: date | None = None) -> list[MilestoneView]:
        f = f or MilestoneFilter()
        as_of = as_of or self.ctx.today
        if self.rebuilding():
            return self._rebuilt(f, as_of)
        with self.connect() as conn:
            dialect = rawsql.dialect(conn)
            rows = q.list_rows(conn, f, as_of, self.scope(conn, f), dialect)
            co = q.co_units(conn, {r.task_id for r in rows})
        views = Views(co, as_of, self.ctx.settings.thresholds, self.ctx.lang)
        return [views.view(r) for r in rows]

    def due(self, f: MilestoneFilter, as_of: date | None = None) -> builtins.list[DueItem]:
        """The filter's milestones as reminders name them, soonest due first."""
        as_of = as_of or self.ctx.today
        if self.rebuilding():
            return [_due_item(v, as_of) for v in sorted(self._rebuilt(f, as_of), key=lambda v: (v.due, v.id))]
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
        if self.rebuilding():
            return [_table_row(v) for v in self._rebuilt(f, as_of)]
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
        if self.rebuilding():
            return len(self._rebuilt(f, as_of or self.ctx.today))
        with self.connect() as conn:
            return q.count_rows(conn, f, as_of or self.ctx.today, self.scope(conn, f), rawsql.dialect(conn))

    def get(self, ref: str | int, as_of: date | None = None) -> MilestoneView:
        with self.connect() as conn:
            row = q.one_row(conn, rawsql.milestone_id(conn, ref))
            co = q.co_units(conn, {row.task_id})
            day = self.stood()
            if day is not None:
                found = self._as_it_stood(conn, [row], day)
                if not found:
                    raise UserError("err.svc2.not_yet", code=row.code, day=day)
                row = found[0]
        return Views(co, as_of or self.ctx.today, self.ctx.settings.thresholds, self.ctx.lang).view(row)

    def _rebuilt(self, f: MilestoneFilter, as_of: date) -> builtins.list[MilestoneView]:
        """list() as the ledger stood at the end of stood(): the rows the filter's fixed parts select (plan,
        unit, task, year, text), their fields rebuilt from the change log, then the parts that depend on
        those fields (status, overdue, due within) applied to the rebuilt views."""
        day = self.stood()
        assert day is not None
        wide = replace(f, statuses=[], overdue=False, due_within=None, limit=None, offset=0)
        with self.connect() as conn:
            scope = self.scope(conn, f)  # (normalizes f.statuses)
            rows = self._as_it_stood(conn, q.list_rows(conn, wide, as_of, scope, rawsql.dialect(conn)), day)
            co = q.co_units(conn, {r.task_id for r in rows})
        views = Views(co, as_of, self.ctx.settings.thresholds, self.ctx.lang)
        out = [v for v in map(views.view, rows) if _kept(v, f)]
        return out[f.offset : f.offset + f.limit] if f.limit else out[f.offset :]

    def _as_it_stood(self, conn: Any, rows: builtins.list[q.MilestoneRow], day: date) -> builtins.list[q.MilestoneRow]:
        """`rows` with the fields the change log replays set as they stood at the end of `day`; milestones
        not created by then (or whose creation was undone) left out. A milestone still 未启动 then, on which
        a unit had reported progress for a period begun by then, counts as 推进中 with the report's figure."""
        from tasktrack.services import as_it_stood as replay

        stated = _stated(conn)
        reported = _reported(conn, day, stated)
        if _settled(conn, day, stated):  # the rows are as they stood then: no log to replay
            return [_as_reported(r, reported) for r in rows]
        log = fetch_rows(conn, "id, at, command, command_id, entity, entity_id, field, new",
                         "FROM change WHERE entity = 'milestone' ORDER BY id")  # fmt: skip
        state = replay.stood(log, day, stated)
        out = []
        for r in rows:
            if r.id not in state:
                continue
            values = {k: v for k, v in replay.decoded(state[r.id]).items() if k in q.MilestoneRow._fields}
            out.append(_as_reported(r._replace(**values), reported))
        return out

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
        except StatusError as exc:
            raise UserError(exc.words) from None
        return q.Scope(rawsql.unit_id(conn, f.unit) if f.unit else None, plan_id, task_id)
