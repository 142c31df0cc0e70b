"""What the terminal UI needs beyond the other services: the plan tree a level at a time, one task without
reading its whole plan, and notes kept on an item.

The tree is read a level at a time (a city plan has hundreds of thousands of tasks; TaskService.list reads
a whole plan to work out inherited units). A kept note records text against a milestone in the change log
without changing the milestone, for a save that lost a conflict and must not lose what was typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from tasktrack.domain.kinds import Role
from tasktrack.errors import UserError
from tasktrack.models import Milestone, Plan, Task
from tasktrack.services.access import Access
from tasktrack.services.base import Context, reading, unit_of_work
from tasktrack.services.views import UnitRef, co_units, unit_ref
from tasktrack.store import owners, refs

CHILDREN_LIMIT = 500  # a tree level shows at most this many nodes; more are reached by filter or jump


@dataclass(frozen=True)
class TaskNode:
    """One task as a tree node: enough to label it and to know whether it can be opened."""

    id: int
    plan: str
    code: str
    title: str
    depth: int
    children: int
    milestones: int


@dataclass(frozen=True)
class TaskBrief:
    """A task as the detail pane and the assign dialog need it (TaskService.get reads the whole plan)."""

    id: int
    code: str
    title: str
    text: str | None
    quote: str | None
    lead: UnitRef | None
    co: tuple[UnitRef, ...]
    lead_inherited_from: str | None  # the ancestor's code when the lead is assigned there
    version: int


@dataclass(frozen=True)
class PlanNode:
    key: str
    title: str
    short_title: str | None


@dataclass(frozen=True)
class TreeLevel:
    nodes: tuple[TaskNode, ...]
    total: int  # all children, of which `nodes` holds the first CHILDREN_LIMIT


class TuiQueries:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._created: dict[str, dict[int, date]] = {}

    def _stood(self, entity: str, ids: list[int]) -> set[int] | None:
        """Under ctx.as_it_stood (--as-of): which of `ids` were in the ledger at the end of that day (their
        creation took effect by then: HistoryService.created_days); None: as it is now, all of them."""
        day: date | None = getattr(self.ctx, "as_it_stood", None)
        if day is None:
            return None
        if entity not in self._created:  # nothing changes under --as-of: read once
            from tasktrack.services.history import HistoryService

            self._created[entity] = HistoryService(self.ctx).created_days(entity)
        created = self._created[entity]
        return {i for i in ids if created.get(i, day) <= day}

    def plans(self) -> list[PlanNode]:
        """The plans, without PlanService.list's counts (which read every milestone of a large ledger)."""
        with reading(self.ctx) as conn:
            rows = conn.execute(
                select(Plan.id, Plan.key, Plan.title, Plan.short_title).order_by(Plan.id)
            ).all()
        kept = self._stood("plan", [r.id for r in rows])
        return [PlanNode(r.key, r.title, r.short_title) for r in rows if kept is None or r.id in kept]

    def children(self, plan: str, parent: int | None = None, limit: int = CHILDREN_LIMIT) -> TreeLevel:
        """The tasks directly under `parent` (a task id), or a plan's programmes when parent is None."""
        child = aliased(Task, name="child")
        n_children = select(func.count(child.id)).where(child.parent_id == Task.id).scalar_subquery()
        n_milestones = select(func.count(Milestone.id)).where(Milestone.task_id == Task.id).scalar_subquery()
        with reading(self.ctx) as conn:
            plan_id = refs.plan_id(conn, plan)
            where = [Task.plan_id == plan_id]
            where.append(Task.parent_id.is_(None) if parent is None else Task.parent_id == parent)
            total = conn.execute(select(func.count(Task.id)).where(*where)).scalar_one()
            stood = getattr(self.ctx, "as_it_stood", None) is not None  # then: all, less those created later
            rows = conn.execute(
                select(Task.id, Task.code, Task.title, Task.depth, n_children, n_milestones)
                .where(*where)
                .order_by(Task.position, Task.id)
                .limit(None if stood else limit)
            ).all()
        kept = self._stood("task", [r.id for r in rows])
        if kept is not None:
            rows = [r for r in rows if r.id in kept]
            total = len(rows)
            rows = rows[:limit]
        nodes = tuple(TaskNode(r[0], plan, r[1], r[2], r[3], r[4], r[5]) for r in rows)
        return TreeLevel(nodes, int(total))

    def task_brief(self, task_id: int) -> TaskBrief:
        """One task with its owners: its effective lead and co-units (tasktrack.store.owners)."""
        with reading(self.ctx) as conn:
            row = conn.execute(select(Task.__table__).where(Task.id == task_id)).one()
            own = owners.owners(conn, [task_id]).get(task_id, [])
        lead = next((o for o in own if o.role == Role.LEAD), None)
        lead_ref = unit_ref(lead) if lead else None
        lead_from = lead.source_code if lead and lead.inherited else None
        co = co_units((o for o in own if o.role == Role.CO), lead.unit_id if lead else None)
        return TaskBrief(row.id, row.code, row.title, row.text, row.quote, lead_ref, co, lead_from, row.version)

    def keep_note(self, milestone: str | int, text: str) -> None:
        """Record `text` in the milestone's history as a note by the actor; the milestone is not changed."""
        text = text.strip()
        if not text:
            raise UserError("err.svc2.note_empty")
        with unit_of_work(self.ctx, "tui keep-note") as uow:
            mid = refs.milestone_id(uow.session.connection(), milestone)
            Access(self.ctx).require_milestone(uow, mid)
            uow.log("milestone", mid, "remark", None, text, text)
