"""Which units own a task: the one definition every read, the access check and the milestone filter use.

A task's owners are its lead (牵头) — its own, else its parent's, else its grandparent's: the nearest
lead up the chain — and every co-unit (配合) assigned anywhere on that chain. `task_owner` is that
relation, one row per owner, as SQL text that runs on SQLite and PostgreSQL (owner_cte(); task_lead
is its lead rows, and lead_joins()/lead() the joins both are built from, for a query of many rows):

    task_owner(task_id, unit_id, role, inherited, source_id, depth, assignment_id)

`source_id` is the task the assignment is on (`inherited` when that is an ancestor, `depth` steps up);
`assignment_id` is the responsibility row, so owners list in the order they were assigned. A unit that
leads a task and co-owns it (one assignment on the task, another up the chain) appears once per role.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from tasktrack.store.rawsql import fetch, in_list

COLUMNS = "task_id, unit_id, role, inherited, source_id, depth, assignment_id"
LEVELS = 3  # programme → task → sub-task: as deep as services.tasks.MAX_DEPTH and plan files nest


def lead_joins(task: str, r: str = "r") -> str:
    """LEFT JOINs that find the nearest lead of the task aliased `task`: its own assignment ({r}0), its
    parent's ({r}1), its grandparent's ({r}2); read it with lead(). Tasks nest at most LEVELS deep, so
    the chain is three index lookups per row, which a query of many milestones keeps on its own indexes
    (a recursive CTE, or a CTE of every task's lead, is materialized first and changes the plan)."""
    return f"""
LEFT JOIN task {r}p ON {r}p.id = {task}.parent_id
LEFT JOIN responsibility {r}0 ON {r}0.task_id = {task}.id AND {r}0.role = 'lead'
LEFT JOIN responsibility {r}1 ON {r}1.task_id = {task}.parent_id AND {r}1.role = 'lead'
LEFT JOIN responsibility {r}2 ON {r}2.task_id = {r}p.parent_id AND {r}2.role = 'lead'"""


def lead(column: str, r: str = "r") -> str:
    """A column of the nearest lead assignment that lead_joins() found (NULL when the chain has none)."""
    return f"coalesce({r}0.{column}, {r}1.{column}, {r}2.{column})"


def owner_cte(seed: str | None = None) -> str:
    """`WITH task_lead(...) AS (...), task_co(...) AS (...), task_owner(...) AS (...)`: the owners of the
    tasks `seed` selects (a condition on the task alias `s`, e.g. "s.id = :task_id"), of every task when
    None; task_lead and task_co are task_owner's lead and co rows. Prefix a SELECT with it (a CTE that is
    not referenced costs nothing)."""
    seed = f"({seed})" if seed else "1 = 1"
    # co-units go down from each co assignment to its task (depth 0), children (1), grandchildren (2):
    # there are far fewer assignments than tasks
    down = ("JOIN task s ON s.id = r.task_id", "JOIN task s ON s.parent_id = r.task_id",
            "JOIN task c ON c.parent_id = r.task_id JOIN task s ON s.parent_id = c.id")  # fmt: skip
    co = "\n    UNION ALL".join(
        f"""
    SELECT s.id, r.unit_id, 'co', {depth} > 0, r.task_id, {depth}, r.id
    FROM responsibility r {join} WHERE r.role = 'co' AND {seed}"""
        for depth, join in enumerate(down)
    )
    return f"""WITH task_lead({COLUMNS}) AS (
    SELECT s.id, {lead("unit_id")}, 'lead', r0.id IS NULL, {lead("task_id")},
           CASE WHEN r0.id IS NOT NULL THEN 0 WHEN r1.id IS NOT NULL THEN 1 ELSE 2 END, {lead("id")}
    FROM task s{lead_joins("s")}
    WHERE {seed} AND {lead("id")} IS NOT NULL
), task_co({COLUMNS}) AS ({co}
), task_owner({COLUMNS}) AS (
    SELECT {COLUMNS} FROM task_lead UNION ALL SELECT {COLUMNS} FROM task_co
)
"""


def under_unit(param: str) -> str:
    """A seed for owner_cte(): the tasks at or below the tasks unit `:param` is assigned on, a superset of
    the tasks it owns that the indexes find, so a unit's list need not work out every task's owners."""
    assigned = f"SELECT x.task_id FROM responsibility x WHERE x.unit_id = :{param}"
    return (
        f"s.id IN ({assigned}) OR s.parent_id IN ({assigned})"
        f" OR s.parent_id IN (SELECT y.id FROM task y WHERE y.parent_id IN ({assigned}))"
    )


class Owner(NamedTuple):
    """One owner of a task, with the unit's names and the code of the task it is assigned on."""

    task_id: int
    role: str  # 'lead' or 'co'
    inherited: bool
    source_code: str
    unit_id: int
    name: str
    short_name: str | None
    is_demo: bool


OWNERS_SQL = """SELECT o.task_id, o.role, o.inherited, src.code, u.id, u.name, u.short_name, u.is_demo
FROM {relation} o JOIN unit u ON u.id = o.unit_id JOIN task src ON src.id = o.source_id"""
RELATIONS = {None: "task_owner", "lead": "task_lead", "co": "task_co"}
MANY = 500  # task ids bound in one IN list
CHUNKS = 40  # up to this many lists (20,000 tasks, a plan of a city); beyond, every task's owners at once


def owners(conn: Any, task_ids: set[int] | list[int], role: str | None = None) -> dict[int, list[Owner]]:
    """The owners of each task (lead first, then co-units nearest first, each in assignment order);
    only its lead, or only its co-units, when `role` is 'lead' or 'co'. The tasks are looked up MANY at a
    time, in id order, so a plan's owners cost what the plan has, not what the whole ledger has."""
    if not task_ids:
        return {}
    wanted = set(task_ids)
    ids = sorted(wanted)
    chunks: list[list[int] | None] = (
        [ids[i : i + MANY] for i in range(0, len(ids), MANY)] if len(ids) <= MANY * CHUNKS else [None]
    )
    out: dict[int, list[Owner]] = {}
    for chunk in chunks:  # in task id order, which is the rows' first sort key: the same order as one read
        params: dict[str, Any] = {}
        seed = f"s.id IN ({in_list('t', chunk, params)})" if chunk is not None else None
        sql = owner_cte(seed) + OWNERS_SQL.format(relation=RELATIONS[role])
        sql += " ORDER BY o.task_id, o.role DESC, o.depth, o.assignment_id"  # 'lead' sorts after 'co'
        for task_id, role_, inherited, source_code, unit_id, name, short_name, is_demo in fetch(
            conn, sql, params
        ):
            if task_id in wanted:
                owner = Owner(
                    task_id, role_, bool(inherited), source_code, unit_id, name, short_name, bool(is_demo)
                )
                out.setdefault(task_id, []).append(owner)
    return out


def owner_ids(conn: Any, task_id: int) -> set[int]:
    """The units that lead or co-own one task."""
    sql = owner_cte("s.id = :task_id") + "SELECT unit_id FROM task_owner"
    return {r[0] for r in fetch(conn, sql, {"task_id": task_id})}
