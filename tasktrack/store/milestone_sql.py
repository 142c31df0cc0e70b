"""The milestone list as SQL text: one definition for every backend, no SQLAlchemy needed to run it on SQLite.

A milestone's lead unit is its task's, else its parent's, else its grandparent's (tasks are at most three
deep). The statements are written so that SQLite's planner takes the indexes: unfinished means the three
unfinished statuses (the CHECK constraint allows six), so `ix_milestone_status_due` serves overdue and
due-soon lists as one range; a unit filter first narrows to the tasks under that unit's assignments.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from tasktrack.store.rawsql import fetch, in_list, param

FINISHED = ("done", "closed", "cancelled")
UNFINISHED = ("not_started", "in_progress", "blocked")
LEAD_ID = "coalesce(r0.unit_id, r1.unit_id, r2.unit_id)"
PROGRAMME_CODE = "coalesce(g.code, p.code, t.code)"
FROM = f"""
FROM milestone m
JOIN plan pl ON pl.id = m.plan_id
JOIN task t ON t.id = m.task_id
LEFT JOIN task p ON p.id = t.parent_id
LEFT JOIN task g ON g.id = p.parent_id
LEFT JOIN responsibility r0 ON r0.task_id = t.id AND r0.role = 'lead'
LEFT JOIN responsibility r1 ON r1.task_id = p.id AND r1.role = 'lead'
LEFT JOIN responsibility r2 ON r2.task_id = g.id AND r2.role = 'lead'
LEFT JOIN unit u ON u.id = {LEAD_ID}"""
# In this order; tasktrack.services.milestone_reads reads them by position: 0 id, 1 plan key, 2 code,
# 3 task id, 4 task code, 5 task title, 6 parent id, 7 grandparent id, 8-9 programme code and title,
# 10 metric, 11 year, 12 due, 13 due text, 14 target, 15 unit, 16 comparison, 17 kind, 18 cumulative,
# 19 aspirational, 20 baseline year, 21 baseline value, 22 actual, 23 status, 24 completed on, 25 quote,
# 26 note, 27 version, 28 plan period start, 29-32 lead unit id, name, short name, demo.
COLUMNS = f"""m.id, pl.key, m.code, m.task_id, t.code, t.title, t.parent_id, p.parent_id,
{PROGRAMME_CODE}, coalesce(g.title, p.title, t.title), m.metric, m.year, m.due, m.due_text, m.target,
m.unit, m.comparison, m.kind, m.cumulative, m.aspirational, m.baseline_year, m.baseline_value, m.actual,
m.status, m.completed_on, m.quote, m.note, m.version, pl.period_start, u.id, u.name, u.short_name, u.is_demo"""
# Tasks under a unit's assignments (lead or co) and their children and grandchildren: a superset of the
# tasks whose milestones the unit leads or co-owns, found through the indexes on responsibility and task.
UNIT_TASKS = """m.task_id IN (
  SELECT id FROM task WHERE id IN (SELECT task_id FROM responsibility WHERE unit_id = :unit_id)
  UNION SELECT id FROM task WHERE parent_id IN (SELECT task_id FROM responsibility WHERE unit_id = :unit_id)
  UNION SELECT c.id FROM task c JOIN task b ON b.id = c.parent_id
        WHERE b.parent_id IN (SELECT task_id FROM responsibility WHERE unit_id = :unit_id))"""


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
    if scope.unit_id is not None:  # the effective lead, or a co-unit anywhere up the chain
        co = (
            "EXISTS (SELECT 1 FROM responsibility rc WHERE rc.unit_id = :unit_id AND rc.role = 'co'"
            " AND rc.task_id IN (t.id, t.parent_id, p.parent_id))"
        )
        conds += [UNIT_TASKS, f"({LEAD_ID} = :unit_id OR {co})"]
        params["unit_id"] = scope.unit_id
    if f.unassigned:
        conds.append(f"{LEAD_ID} IS NULL")
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
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _text(dialect: str) -> str:
    cols = ("m.metric", "m.code", "m.quote", "t.title")
    if dialect == "sqlite":  # as SQLAlchemy's ilike() reads on SQLite
        return "(" + " OR ".join(f"lower({c}) LIKE lower(:text) ESCAPE '\\'" for c in cols) + ")"
    return "(" + " OR ".join(f"{c} ILIKE :text ESCAPE '\\'" for c in cols) + ")"


def list_rows(conn: Any, f: Any, as_of: date, scope: Scope, dialect: str) -> list[tuple[Any, ...]]:
    return _ordered(conn, COLUMNS, f, as_of, scope, dialect)


def _ordered(
    conn: Any, columns: str, f: Any, as_of: date, scope: Scope, dialect: str
) -> list[tuple[Any, ...]]:
    """The filter's milestones in document order (plan, position), limit and offset applied."""
    clause, params = where(conn, f, as_of, scope, dialect)
    sql = f"SELECT {columns}{FROM}{clause} ORDER BY m.plan_id, m.position, m.id"
    if f.limit is not None or f.offset:
        sql += " LIMIT :limit OFFSET :offset"
        params["limit"] = f.limit if f.limit is not None else (-1 if dialect == "sqlite" else None)
        params["offset"] = f.offset or 0
    return fetch(conn, sql, params)


# What a reminder shows of a milestone: 0 id, 1 plan key, 2 code, 3 task code, 4 task title, 5 metric,
# 6 year, 7 due, 8 target, 9 unit, 10 comparison, 11 kind, 12 actual, 13-16 lead unit id, name, short, demo.
DUE_COLUMNS = """m.id, pl.key, m.code, t.code, t.title, m.metric, m.year, m.due, m.target, m.unit, m.comparison,
m.kind, m.actual, u.id, u.name, u.short_name, u.is_demo"""


def due_rows(conn: Any, f: Any, as_of: date, scope: Scope, dialect: str) -> list[tuple[Any, ...]]:
    """The filter's milestones with only what a reminder shows, soonest due first."""
    clause, params = where(conn, f, as_of, scope, dialect)
    return fetch(conn, f"SELECT {DUE_COLUMNS}{FROM}{clause} ORDER BY m.due, m.id", params)


# What the milestone list's table shows, and what judging it needs: 0 id, 1 code, 2 year, 3 metric, 4 due,
# 5 target, 6 unit, 7 comparison, 8 kind, 9 baseline year, 10 baseline value, 11 actual, 12 status,
# 13 plan period start, 14-17 lead unit id, name, short name, demo.
TABLE_COLUMNS = """m.id, m.code, m.year, m.metric, m.due, m.target, m.unit, m.comparison, m.kind, m.baseline_year,
m.baseline_value, m.actual, m.status, pl.period_start, u.id, u.name, u.short_name, u.is_demo"""


def table_rows(conn: Any, f: Any, as_of: date, scope: Scope, dialect: str) -> list[tuple[Any, ...]]:
    """list_rows() with only TABLE_COLUMNS: the same milestones in the same order."""
    return _ordered(conn, TABLE_COLUMNS, f, as_of, scope, dialect)


def count_rows(conn: Any, f: Any, as_of: date, scope: Scope, dialect: str) -> int:
    clause, params = where(conn, f, as_of, scope, dialect)
    return int(fetch(conn, f"SELECT count(m.id){FROM}{clause}", params)[0][0])


def one_row(conn: Any, milestone_id: int) -> tuple[Any, ...]:
    return fetch(conn, f"SELECT {COLUMNS}{FROM} WHERE m.id = :id", {"id": milestone_id})[0]


CO_SQL = """SELECT r.task_id, u.id, u.name, u.short_name, u.is_demo FROM responsibility r
JOIN unit u ON u.id = r.unit_id WHERE r.role = 'co'"""
MANY = 500  # beyond this many tasks, read every co-assignment rather than bind a long IN list


def co_units(conn: Any, task_ids: set[int]) -> dict[int, list[tuple[Any, ...]]]:
    """Co-units (配合单位) keyed by the task they are assigned on: (task_id, id, name, short, demo) rows."""
    if not task_ids:
        return {}
    params: dict[str, Any] = {}
    sql = CO_SQL
    if len(task_ids) <= MANY:
        sql += f" AND r.task_id IN ({in_list('t', sorted(task_ids), params)})"
    out: dict[int, list[tuple[Any, ...]]] = {}
    for row in fetch(conn, sql + " ORDER BY r.id", params):
        if row[0] in task_ids:
            out.setdefault(row[0], []).append(row)
    return out
