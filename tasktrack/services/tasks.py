"""Task use-cases: the plan's tree, adding and editing tasks, assigning lead and co-units."""

from __future__ import annotations

import builtins
from typing import Any

from sqlalchemy import Connection, func, or_, select

from tasktrack.domain.kinds import Role
from tasktrack.domain.vocab import StatusError, parse_status
from tasktrack.errors import UserError
from tasktrack.models import Milestone, Plan, Responsibility, Task, Unit, saved_id
from tasktrack.services.access import Access
from tasktrack.services.base import Context, UnitOfWork, reading, unit_of_work
from tasktrack.services.views import TaskView, co_units, unit_ref
from tasktrack.store import owners, refs
from tasktrack.store.milestone_sql import like_pattern
from tasktrack.store.owners import Owner

MAX_DEPTH = 3  # programme → task → sub-task, as the documents number them
EDITABLE = ("title", "text", "quote", "note", "status")


FEW = 50  # up to this many tasks, a view reads their lineage and children, not their whole plans


def _task_rows() -> Any:
    return select(Task.__table__, Plan.key.label("plan_key")).join(Plan, Plan.id == Task.plan_id)


def _plan_rows(conn: Connection, ids: list[int]) -> list[Any]:
    """Every task of the plans of `ids`: one pass, for views of many tasks."""
    return list(conn.execute(_task_rows().where(Task.plan_id.in_(select(Task.plan_id).where(Task.id.in_(ids))))))


def _lineage_rows(conn: Connection, ids: list[int]) -> list[Any]:
    """The tasks `ids`, the tasks above them (what they inherit units from, their parent's code) and their
    children: all a view of a few tasks reads, without the rest of their plans (a unit of work that views a
    task per row, as a ledger import does, would otherwise read a whole plan per row)."""
    found: dict[int, Any] = {}
    wanted = set(ids)
    while wanted:
        rows = list(conn.execute(_task_rows().where(Task.id.in_(wanted))))
        found.update((r.id, r) for r in rows)
        wanted = {r.parent_id for r in rows if r.parent_id and r.parent_id not in found}
    for r in conn.execute(_task_rows().where(Task.parent_id.in_(ids))):
        found.setdefault(r.id, r)
    return list(found.values())


class TaskService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def list(
        self,
        plan: str | None = None,
        *,
        text: str | None = None,
        unit: str | None = None,
        parent: str | None = None,
    ) -> list[TaskView]:
        with reading(self.ctx) as conn:
            stmt = select(Task.id).join(Plan, Plan.id == Task.plan_id)
            if plan:
                stmt = stmt.where(Task.plan_id == refs.plan_id(conn, plan))
            if parent:
                stmt = stmt.where(Task.parent_id == refs.task_id(conn, parent))
            if text:
                pattern = like_pattern(text)
                stmt = stmt.where(
                    or_(
                        Task.title.ilike(pattern, escape="\\"),
                        Task.code.ilike(pattern, escape="\\"),
                        Task.text.ilike(pattern, escape="\\"),
                    )
                )
            ids = list(conn.execute(stmt.order_by(Task.plan_id, Task.position, Task.id)).scalars())
            views = self._views(conn, ids)
        if unit:
            with reading(self.ctx) as conn:
                uid = refs.unit_id(conn, unit)
            views = [v for v in views if (v.lead and v.lead.id == uid) or any(c.id == uid for c in v.co)]
        return views

    def get(self, ref: str | int) -> TaskView:
        with reading(self.ctx) as conn:
            return self._views(conn, [refs.task_id(conn, ref)])[0]

    def view_in(self, conn: Connection, task_id: int) -> TaskView:
        """One task with its owners, read on `conn` (a unit of work's connection sees its own changes)."""
        return self._views(conn, [task_id])[0]

    def _views(self, conn: Connection, ids: builtins.list[int]) -> builtins.list[TaskView]:
        if not ids:
            return []
        rows = _plan_rows(conn, ids) if len(ids) > FEW else _lineage_rows(conn, ids)
        tasks = {r.id: r for r in rows}
        own = owners.owners(conn, ids)
        counts = dict(
            conn.execute(
                select(Milestone.task_id, func.count())
                .where(Milestone.task_id.in_(ids))
                .group_by(Milestone.task_id)
            ).all()
        )
        children: dict[int, list[str]] = {}
        for r in sorted(rows, key=lambda r: (r.position, r.id)):
            if r.parent_id:
                children.setdefault(r.parent_id, []).append(r.code)
        return [self._view(tasks[i], tasks, own.get(i, []), counts.get(i, 0), children.get(i, [])) for i in ids]

    def _view(
        self, t: Any, tasks: dict[int, Any], own: builtins.list[Owner], n: int, children: builtins.list[str]
    ) -> TaskView:
        lead = next((o for o in own if o.role == Role.LEAD), None)
        parent = tasks.get(t.parent_id) if t.parent_id else None
        return TaskView(
            id=t.id,
            plan=t.plan_key,
            code=t.code,
            parent_code=parent.code if parent else None,
            depth=t.depth,
            title=t.title,
            text=t.text,
            quote=t.quote,
            note=t.note,
            status=t.status,
            lead=unit_ref(lead) if lead else None,
            co=co_units((o for o in own if o.role == Role.CO), lead.unit_id if lead else None),
            lead_inherited_from=lead.source_code if lead and lead.inherited else None,
            milestones=n,
            version=t.version,
            children=tuple(children),
        )

    # -- writing -------------------------------------------------------------------------------
    def add(
        self,
        plan: str,
        code: str,
        title: str,
        *,
        parent: str | None = None,
        text: str | None = None,
        quote: str | None = None,
        note: str | None = None,
    ) -> int:
        with unit_of_work(self.ctx, "task add") as uow:
            return self.add_in(uow, plan, code, title, parent=parent, text=text, quote=quote, note=note)

    def add_in(
        self,
        uow: UnitOfWork,
        plan: str | int,
        code: str,
        title: str,
        *,
        parent: str | int | None = None,
        text: str | None = None,
        quote: str | None = None,
        note: str | None = None,
        reason: str | None = None,
        position: int | None = None,
    ) -> int:
        conn = uow.session.connection()
        plan_id = refs.plan_id(conn, plan)
        code, title = code.strip(), title.strip()
        if not code or not title:
            raise UserError("err.svc2.task_needs")
        if conn.execute(select(Task.id).where(Task.plan_id == plan_id, Task.code == code)).first():
            raise UserError("err.svc2.task_code_used", code=repr(code))
        depth, parent_id = 1, None
        if parent is not None:
            # A parent given as a code is looked up in this plan; an int is an id.
            parent_id = refs.task_id(
                conn, parent if isinstance(parent, int) or ":" in parent else f"{plan_id}:{parent}"
            )
            parent_row = uow.session.get(Task, parent_id)
            assert parent_row is not None
            if parent_row.plan_id != plan_id:
                raise UserError("err.svc2.parent_other_plan", parent=parent)
            depth = parent_row.depth + 1
            if depth > MAX_DEPTH:
                raise UserError("err.svc2.task_too_deep", n=MAX_DEPTH)
        Access(self.ctx).require_task(uow, parent_id)  # a new programme (no parent): coordinators only
        if position is None:
            position = (
                conn.execute(select(func.max(Task.position)).where(Task.plan_id == plan_id)).scalar() or 0
            ) + 1
        row = Task(
            plan_id=plan_id,
            parent_id=parent_id,
            depth=depth,
            code=code,
            title=title,
            text=text,
            quote=quote,
            note=note,
            position=position,
        )
        uow.created(row, "task", ["parent_id", "title", "text", "quote", "note"], reason)
        assert row.id is not None
        return row.id

    def edit(
        self,
        ref: str | int,
        values: dict[str, Any],
        *,
        expected_version: int | None = None,
        reason: str | None = None,
    ) -> TaskView:
        with unit_of_work(self.ctx, "task edit") as uow:
            tid = self.edit_in(uow, ref, values, expected_version=expected_version, reason=reason)
        return self.get(tid)

    def edit_in(
        self,
        uow: UnitOfWork,
        ref: str | int,
        values: dict[str, Any],
        *,
        expected_version: int | None = None,
        reason: str | None = None,
    ) -> int:
        """The body of edit() in the caller's unit of work (plan loading); returns the row's id."""
        unknown = set(values) - set(EDITABLE)
        if unknown:
            raise UserError("err.svc2.not_editable", field=repr(sorted(unknown)[0]), editable=", ".join(EDITABLE))
        if "status" in values:
            try:
                values = {**values, "status": parse_status(values["status"]).value}
            except StatusError as exc:
                raise UserError(exc.words) from None
        if "title" in values and not str(values["title"]).strip():
            raise UserError("err.svc2.task_title_empty")
        Access(self.ctx).require_task(uow, tid := refs.task_id(uow.session.connection(), ref))
        row = uow.lock(Task, tid)
        assert row is not None
        uow.check_version(row, "task", expected_version)
        uow.update(row, "task", values, reason)
        return tid

    def assign(
        self,
        ref: str | int,
        *,
        lead: str | None = None,
        co: builtins.list[str] | None = None,
        remove: builtins.list[str] | None = None,
        clear_lead: bool = False,
        reason: str | None = None,
        expected_version: int | None = None,
    ) -> TaskView:
        """Set the lead unit (牵头, replacing any other), add co-units (配合), remove units."""
        with unit_of_work(self.ctx, "task assign") as uow:
            Access(self.ctx).require_coordinator(uow, "assignments (分工)")
            row = uow.lock(Task, refs.task_id(uow.session.connection(), ref))
            assert row is not None
            uow.check_version(row, "task", expected_version)
            self.assign_in(
                uow, row, lead=lead, co=co or [], remove=remove or [], clear_lead=clear_lead, reason=reason
            )
            tid = saved_id(row)
        return self.get(tid)

    def assign_in(
        self,
        uow: UnitOfWork,
        task: Task,
        *,
        lead: str | None,
        co: builtins.list[str],
        remove: builtins.list[str],
        clear_lead: bool = False,
        reason: str | None = None,
        demo: bool = False,
    ) -> None:
        Access(self.ctx).require_coordinator(uow, "assignments (分工)")
        conn = uow.session.connection()
        current = {
            r.unit_id: r
            for r in uow.session.execute(
                select(Responsibility).where(Responsibility.task_id == task.id)
            ).scalars()
        }
        label = {u.id: u.short_name or u.name for u in uow.session.execute(select(Unit)).scalars()}
        changed = False

        def drop(uid: int) -> None:
            r = current.pop(uid)
            uow.log("task", saved_id(task), r.role, label[uid], None, reason)
            uow.session.delete(r)
            uow.session.flush()

        for name in remove:
            uid = refs.unit_id(conn, name)
            if uid not in current:
                raise UserError("err.svc2.not_assigned", unit=name, task=task.code)
            drop(uid)
            changed = True
        if clear_lead or lead:
            old = next((r for r in current.values() if r.role == Role.LEAD), None)
            new_id = refs.unit_id(conn, lead) if lead else None
            if old is not None and old.unit_id != new_id:
                drop(old.unit_id)
                changed = True
            if new_id is not None and (old is None or old.unit_id != new_id):
                if new_id in current:  # a co-unit promoted to lead
                    drop(new_id)
                self._add(uow, task, new_id, Role.LEAD, label, reason, demo)
                current[new_id] = None
                changed = True
        for name in co:
            uid = refs.unit_id(conn, name)
            if uid in current:
                continue
            self._add(uow, task, uid, Role.CO, label, reason, demo)
            current[uid] = None
            changed = True
        if changed:
            task.version += 1
            uow.session.add(task)

    def _add(
        self,
        uow: UnitOfWork,
        task: Task,
        unit_id: int,
        role: Role,
        label: dict[int, str],
        reason: str | None,
        demo: bool,
    ) -> None:
        from tasktrack.services.units import check_in_office

        check_in_office(uow.session.connection(), unit_id)
        uow.session.add(Responsibility(task_id=saved_id(task), unit_id=unit_id, role=role.value, is_demo=demo))
        uow.session.flush()
        uow.log("task", saved_id(task), role.value, None, label[unit_id], reason)
