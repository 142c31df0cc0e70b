"""The milestone filter as SQLAlchemy Core, for queries that embed it (the change log's, in services.history).

Milestone lists and counts run through tasktrack.store.milestone_sql (SQL text, no SQLAlchemy needed on
SQLite); tests/test_fast_paths.py checks that the two select the same milestones.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Select, and_, exists, func, not_, or_, select
from sqlalchemy.orm import aliased

from tasktrack.models import Milestone, Plan, Responsibility, Task, Unit

FINISHED = ("done", "closed", "cancelled")

# A task's responsible units come from itself, else from its parent, else its grandparent
# (tasks are at most three deep: programme → task → sub-task).
T = aliased(Task, name="t")
P = aliased(Task, name="p")
G = aliased(Task, name="g")
R0 = aliased(Responsibility, name="r0")
R1 = aliased(Responsibility, name="r1")
R2 = aliased(Responsibility, name="r2")
U = aliased(Unit, name="u")

LEAD_ID = func.coalesce(R0.unit_id, R1.unit_id, R2.unit_id)
PROGRAMME_CODE = func.coalesce(G.code, P.code, T.code)
PROGRAMME_TITLE = func.coalesce(G.title, P.title, T.title)


def like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def base_select(columns: list[Any]) -> Select[Any]:
    """Milestones joined to their task chain and effective lead unit."""

    def lead(r: Any, task: Any) -> Any:
        return and_(r.task_id == task.id, r.role == "lead")

    return (
        select(*columns)
        .select_from(Milestone)
        .join(Plan, Plan.id == Milestone.plan_id)
        .join(T, T.id == Milestone.task_id)
        .outerjoin(P, P.id == T.parent_id)
        .outerjoin(G, G.id == P.parent_id)
        .outerjoin(R0, lead(R0, T))
        .outerjoin(R1, lead(R1, P))
        .outerjoin(R2, lead(R2, G))
        .outerjoin(U, U.id == LEAD_ID)
    )


@dataclass(frozen=True)
class Scope:
    """The ids a filter's references resolved to."""

    unit_id: int | None = None
    plan_id: int | None = None
    task_id: int | None = None


def apply_filter(stmt: Select[Any], f: Any, as_of: date, scope: Scope) -> Select[Any]:
    """Add the WHERE clauses of a MilestoneFilter (see services.views)."""
    unit_id, plan_id = scope.unit_id, scope.plan_id
    conds = []
    if plan_id is not None:
        conds.append(Milestone.plan_id == plan_id)
    if f.programme:
        conds.append(PROGRAMME_CODE == f.programme)
    if scope.task_id is not None:
        conds.append(or_(T.id == scope.task_id, T.parent_id == scope.task_id, P.parent_id == scope.task_id))
    if f.code:
        conds.append(Milestone.code == f.code)
    if unit_id is not None:  # the effective lead, or a co-unit anywhere up the chain
        co = exists().where(
            Responsibility.unit_id == unit_id,
            Responsibility.role == "co",
            Responsibility.task_id.in_([T.id, T.parent_id, P.parent_id]),
        )
        conds.append(or_(LEAD_ID == unit_id, co))
    if f.unassigned:
        conds.append(LEAD_ID.is_(None))
    if f.statuses:
        conds.append(Milestone.status.in_(f.statuses))
    if f.year is not None:
        conds.append(Milestone.year == f.year)
    if f.overdue or f.due_within is not None:
        conds.append(not_(Milestone.status.in_(FINISHED)))
        windows = []
        if f.overdue:
            windows.append(Milestone.due < as_of)
        if f.due_within is not None:
            windows.append(Milestone.due.between(as_of, as_of + timedelta(days=f.due_within)))
        conds.append(or_(*windows))
    if f.text:
        pattern = like_pattern(f.text)
        conds.append(
            or_(
                *(
                    col.ilike(pattern, escape="\\")
                    for col in (Milestone.metric, Milestone.code, Milestone.quote, T.title)
                )
            )
        )
    return stmt.where(*conds) if conds else stmt
