"""The milestone query: one SELECT for every list, count, reminder and single read, on every backend, with
rows read by name. SQL text, so SQLite runs it without SQLAlchemy.

A milestone's lead and co-units are its task's owners (tasktrack.store.owners: the one definition). The
statements are written so that SQLite's planner takes the indexes: unfinished means the three unfinished
statuses (the CHECK constraint allows six), so `ix_milestone_status_due` serves overdue and due-soon
lists as one range.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, NamedTuple

from tasktrack.store import owners
from tasktrack.store.rawsql import fetch, in_list, param

FINISHED = ("done", "closed", "cancelled")
UNFINISHED = ("not_started", "in_progress", "blocked")
PROGRAMME_CODE = "coalesce(g.code, p.code, t.code)"
FROM = f"""
FROM milestone m
JOIN plan pl ON pl.id = m.plan_id
JOIN task t ON t.id = m.task_id
LEFT JOIN task p ON p.id = t.parent_id
LEFT JOIN task g ON g.id = p.parent_id
{owners.lead_joins("t", "lr")}
LEFT JOIN unit u ON u.id = {owners.lead("unit_id", "lr")}"""
# What each named column of a row is; the row classes below pick from it by their field names.
EXPR = {
    "plan": "pl.key",
    "task_code": "t.code",
    "task_title": "t.title",
    "programme_code": PROGRAMME_CODE,
    "programme_title": "coalesce(g.title, p.title, t.title)",
    "period_start": "pl.period_start",
    "lead_id": "u.id",
    "lead_name": "u.name",
    "lead_short": "u.short_name",
    "lead_demo": "u.is_demo",
}


def columns(row: type[Any]) -> str:
    """The SELECT list for a row class: each field's expression (a milestone column by default)."""
    return ", ".join(EXPR.get(name, f"m.{name}") for name in row._fields)


class MilestoneRow(NamedTuple):
    """A milestone with its plan, task, programme and lead unit (dates as the backend gives them)."""

    id: int
    plan: str
    code: str
    task_id: int
    task_code: str
    task_title: str
    programme_code: str
    programme_title: str
    metric: str
    year: int
    due: Any
    due_text: str | None
    target: float | None
    unit: str | None
    comparison: str
    kind: str
    cumulative: Any
    aspirational: Any
    baseline_year: int | None
    baseline_value: float | None
    actual: float | None
    status: str
    completed_on: Any
    quote: str | None
    note: str | None
    version: int
    period_start: Any
    lead_id: int | None
    lead_name: str | None
    lead_short: str | None
    lead_demo: Any


class DueRow(NamedTuple):
    """What a reminder shows of a milestone."""

    id: int
    plan: str
    code: str
    task_code: str
    task_title: str
    metric: str
    year: int
    due: Any
    target: float | None
    unit: str | None
    comparison: str
    kind: str
    actual: float | None
    lead_id: int | None
    lead_name: str | None
    lead_short: str | None
    lead_demo: Any


class TableRow(NamedTuple):
    """What the milestone list's table shows, and what judging it needs."""

    id: int
    code: str
    year: int
    metric: str
    due: Any
    target: float | None
    unit: str | None
    comparison: str
    kind: str
    baseline_year: int | None
    baseline_value: float | None
    actual: float | None
    status: str
    period_start: Any
    lead_id: int | None
    lead_name: str | None
    lead_short: str | None
    lead_demo: Any


@dataclass(frozen=True)
class Scope:
    """The ids a filter's references resolved to."""

    unit_id: int | None = None
    plan_id: int | None = None
    task_id: int | None = None


def where(conn: Any, f: Any, as_of: date, scope: Scope, dialect: str) -> tuple[str, dict[str, Any]]:
    """The WHERE clause of a MilestoneFilter (see services.views) and its parameters."""
    conds: list[str] = []
    params: dict[str, Any] = {}
    if scope.plan_id is not None:
        conds.append("m.plan_id = :plan_id")
        params["plan_id"] = scope.plan_id
    if f.programme:
        conds.append(f"{PROGRAMME_CODE} = :programme")
        params["programme"] = f.programme
    if scope.task_id is not None:
        conds.append("(t.id = :task_id OR t.parent_id = :task_id OR p.parent_id = :task_id)")
        params["task_id"] = scope.task_id
    if f.code:
        conds.append("m.code = :code")
        params["code"] = f.code
    if scope.unit_id is not None:  # the task's lead, or one of its co-units
        conds.append("m.task_id IN (SELECT o.task_id FROM task_owner o WHERE o.unit_id = :unit_id)")
        params["unit_id"] = scope.unit_id
    if f.unassigned:
        conds.append(f"{owners.lead('id', 'lr')} IS NULL")
    if f.statuses:
        conds.append(f"m.status IN ({in_list('status', list(f.statuses), params)})")
    if f.year is not None:
        conds.append("m.year = :year")
        params["year"] = f.year
    conds += _window(conn, f, as_of, params)
    if f.text:
        conds.append(_text(dialect))
        params["text"] = like_pattern(f.text)
    return (" WHERE " + " AND ".join(conds)) if conds else "", params


def _window(conn: Any, f: Any, as_of: date, params: dict[str, Any]) -> list[str]:
    """Overdue (due before as_of) and/or due within N days (as_of..as_of+N), not finished: one range."""
    soon = f.due_within is not None and f.due_within >= 0
    if not (f.overdue or f.due_within is not None):
        return []
    conds = [f"m.status IN ({in_list('open', list(UNFINISHED), params)})"]
    params["as_of"] = param(conn, as_of)
    if soon:
        params["until"] = param(conn, as_of + timedelta(days=f.due_within))
    if f.overdue and soon:
        conds.append("m.due <= :until")
    elif f.overdue:
        conds.append("m.due < :as_of")
    elif soon:
        conds.append("m.due >= :as_of AND m.due <= :until")
    else:  # only a negative window: nothing is due within it
        conds.append("1 = 0")
    return conds


def like_pattern(text: str) -> str:
    """A LIKE pattern matching `text` anywhere, its own % _ and \\ taken literally (ESCAPE '\\')."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _text(dialect: str) -> str:
    cols = ("m.metric", "m.code", "m.quote", "t.title")
    if dialect == "sqlite":  # case-insensitive for ASCII, as ILIKE is
        return "(" + " OR ".join(f"lower({c}) LIKE lower(:text) ESCAPE '\\'" for c in cols) + ")"
    return "(" + " OR ".join(f"{c} ILIKE :text ESCAPE '\\'" for c in cols) + ")"


def _select(cols: str, scope: Scope, clause: str) -> str:
    """The milestone query for `row`'s columns. The unit filter reads task_owner, worked out only for the
    tasks under the unit's assignments, and of those only the plan's when the filter names one (a task's
    owners are up its own chain, in its own plan)."""
    seeds = [owners.under_unit("unit_id")] if scope.unit_id is not None else []
    if scope.plan_id is not None:
        seeds.append("s.plan_id = :plan_id")
    seed = " AND ".join(f"({s})" for s in seeds) or None
    return f"{owners.owner_cte(seed)}SELECT {cols}{FROM}{clause}"


def _ordered(conn: Any, row: type[Any], f: Any, as_of: date, scope: Scope, dialect: str) -> list[Any]:
    """The filter's milestones in document order (plan, position), limit and offset applied."""
    clause, params = where(conn, f, as_of, scope, dialect)
    if f.limit is None and not f.offset:
        return list(map(row._make, fetch(conn, _select(columns(row), scope, clause) + ORDER, params)))
    params["limit"] = f.limit if f.limit is not None else (-1 if dialect == "sqlite" else None)
    params["offset"] = f.offset or 0
    # A page (--limit 20 of 74,000 overdue in a city): the page's ids first, ordered and cut from the
    # milestone table alone when the filter reads nothing else, then the joins for those rows only,
    # instead of joining every match to sort them all and keep twenty.
    source = ID_FROM if _milestone_only(clause) else FROM
    page = f"SELECT m.id{source}{clause}{ORDER} LIMIT :limit OFFSET :offset"
    sql = _select(columns(row), scope, f" WHERE m.id IN ({page})") + ORDER
    return list(map(row._make, fetch(conn, sql, params)))


ORDER = " ORDER BY m.plan_id, m.position, m.id"  # document order; the id makes it total
ID_FROM = "\nFROM milestone m"
_ALIAS = re.compile(r"\b([A-Za-z_]\w*)\.")


def _milestone_only(clause: str) -> bool:
    """Whether a WHERE clause of where() reads only the milestone (m) and the owner CTE's rows (o)."""
    return set(_ALIAS.findall(clause)) <= {"m", "o"}


def list_rows(conn: Any, f: Any, as_of: date, scope: Scope, dialect: str) -> list[MilestoneRow]:
    return _ordered(conn, MilestoneRow, f, as_of, scope, dialect)


def table_rows(conn: Any, f: Any, as_of: date, scope: Scope, dialect: str) -> list[TableRow]:
    """list_rows() with only what the table shows: the same milestones in the same order."""
    return _ordered(conn, TableRow, f, as_of, scope, dialect)


def due_rows(conn: Any, f: Any, as_of: date, scope: Scope, dialect: str) -> list[DueRow]:
    """The filter's milestones with only what a reminder shows, soonest due first."""
    clause, params = where(conn, f, as_of, scope, dialect)
    sql = _select(columns(DueRow), scope, clause) + " ORDER BY m.due, m.id"
    return list(map(DueRow._make, fetch(conn, sql, params)))


def count_rows(conn: Any, f: Any, as_of: date, scope: Scope, dialect: str) -> int:
    clause, params = where(conn, f, as_of, scope, dialect)
    return int(fetch(conn, _select("count(m.id)", scope, clause), params)[0][0])


def one_row(conn: Any, milestone_id: int) -> MilestoneRow:
    seed = "s.id = (SELECT x.task_id FROM milestone x WHERE x.id = :id)"
    sql = f"{owners.owner_cte(seed)}SELECT {columns(MilestoneRow)}{FROM} WHERE m.id = :id"
    return MilestoneRow._make(fetch(conn, sql, {"id": milestone_id})[0])


def co_units(conn: Any, task_ids: set[int]) -> dict[int, list[owners.Owner]]:
    """Each task's co-units (配合单位), its own and inherited, nearest first."""
    return owners.owners(conn, task_ids, role="co")
