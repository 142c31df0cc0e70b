"""Progress reports (进展报送): units report 进展情况, 存在问题, 下步打算 per task or milestone and period."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from tasktrack.errors import NotFound, UserError, Words
from tasktrack.models import Milestone, Plan, ProgressReport, Task, Unit
from tasktrack.services.access import Access
from tasktrack.services.base import Context, UnitOfWork, reading, unit_of_work
from tasktrack.services.milestones import to_float
from tasktrack.services.views import ProgressView, UnitRef
from tasktrack.store import refs


def check_report_period(period: str) -> str:
    """A reporting period: 2021-12 (month), 2021-W50 (week), 2021Q4, 2021H2 or 2021."""
    import re

    text = str(period).strip().upper()
    if re.fullmatch(r"\d{4}(-(0[1-9]|1[0-2])|-W(0[1-9]|[1-4]\d|5[0-3])|Q[1-4]|H[12])?", text):
        return text
    raise UserError("err.svc2.report_period", period=repr(period))


# What a progress report says, in the order the change log records it when it is filed; its removal
# records these and who filed it.
REPORT_FIELDS = ("task_id", "milestone_id", "unit_id", "period", "progress", "problems", "next_steps", "value")


class ProgressService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def add(
        self,
        item: str | int,
        *,
        unit: str | None,
        period: str,
        progress: str | None = None,
        problems: str | None = None,
        next_steps: str | None = None,
        value: Any = None,
        on_milestone: bool = False,
    ) -> ProgressView:
        """A unit reports on a task (or milestone) for a period. The unit must lead or co-own the task."""
        if not (progress or problems or next_steps or value not in (None, "")):
            raise UserError("err.svc2.report_needs")
        with unit_of_work(self.ctx, "progress add") as uow:
            rid = self.add_in(
                uow,
                item,
                unit=unit,
                period=period,
                progress=progress,
                problems=problems,
                next_steps=next_steps,
                value=value,
                on_milestone=on_milestone,
            )
        return next(v for v in self.list(latest=False) if v.id == rid)

    def add_in(
        self,
        uow: UnitOfWork,
        item: str | int,
        *,
        unit: str | None,
        period: str,
        progress: str | None = None,
        problems: str | None = None,
        next_steps: str | None = None,
        value: Any = None,
        on_milestone: bool = False,
        demo: bool = False,
    ) -> int:
        conn = uow.session.connection()
        milestone_id = None
        if on_milestone:
            milestone_id = refs.milestone_id(conn, item)
            task_id = conn.execute(select(Milestone.task_id).where(Milestone.id == milestone_id)).scalar_one()
        else:
            task_id = refs.task_id(conn, item)
        access = Access(self.ctx)
        access.require_task(uow, task_id)
        unit_id = access.reporting_unit(uow, task_id, refs.unit_id(conn, unit) if unit else None, unit)
        on_behalf = access.on_behalf(uow, unit_id)
        row = ProgressReport(
            task_id=task_id,
            milestone_id=milestone_id,
            unit_id=unit_id,
            period=check_report_period(period),
            progress=progress,
            problems=problems,
            next_steps=next_steps,
            value=to_float(value, "value"),
            author=self.ctx.actor,
            created_at=uow.at,
            is_demo=demo,
        )
        uow.created(row, "progress", list(REPORT_FIELDS), on_behalf)
        assert row.id is not None
        return row.id

    def remove(self, report_id: int, *, reason: str) -> ProgressView:
        """Take back a report filed in error, in a command of its own; returns what was removed."""
        gone = next((v for v in self.list(latest=False) if v.id == report_id), None)
        if gone is None:
            raise NotFound("err.svc2.no_report", id=report_id)
        with unit_of_work(self.ctx, "progress remove") as uow:
            self.remove_in(uow, report_id, reason=reason)
        return gone

    def remove_in(self, uow: UnitOfWork, report_id: int, *, reason: str) -> None:
        """Delete a progress report with a reason. The change log keeps every field it had (one row per
        field, old value, then a 'removed' row), so what was reported stays on the record."""
        row = uow.session.get(ProgressReport, report_id, with_for_update=True)
        if row is None:
            raise NotFound("err.svc2.no_report", id=report_id)
        Access(self.ctx).require_task(uow, row.task_id, Words("err.svc.thing.report_no", id=report_id))
        uow.removed(row, "progress", (*REPORT_FIELDS, "author", "created_at"), row.period, reason)

    def by_unit(self, milestone: str | int, until: date | None = None) -> list[ProgressView]:
        """Each unit's part of a milestone: the newest report per unit on the milestone or on its task (a
        report on the task as a whole counts for each of its milestones), in the order they were filed.
        With `until`, of the reports on the record at the end of that day (HistoryService.on_record)."""
        with reading(self.ctx) as conn:
            mid = refs.milestone_id(conn, milestone)
            task_id = conn.execute(select(Milestone.task_id).where(Milestone.id == mid)).scalar_one()
        filed = self.list(task_id, latest=False)
        if until is not None:
            from tasktrack.services.history import HistoryService

            filed = HistoryService(self.ctx).on_record(filed, "progress", until)
        newest: dict[int | None, ProgressView] = {}
        for v in filed:
            if v.milestone_id in (None, mid):
                newest[v.unit.id if v.unit else None] = v
        return sorted(newest.values(), key=lambda v: v.id)

    def list(
        self,
        item: str | int | None = None,
        *,
        plan: str | None = None,
        unit: str | None = None,
        on_milestone: bool = False,
        latest: bool = True,
    ) -> list[ProgressView]:
        """Reports, oldest first; with latest=True only the newest per task, milestone and unit."""
        with reading(self.ctx) as conn:
            stmt = (
                select(
                    ProgressReport.__table__,
                    Task.code.label("task_code"),
                    Milestone.code.label("m_code"),
                    Unit.name.label("u_name"),
                    Unit.short_name.label("u_short"),
                    Unit.is_demo.label("u_demo"),
                )
                .join(Task, Task.id == ProgressReport.task_id)
                .outerjoin(Milestone, Milestone.id == ProgressReport.milestone_id)
                .outerjoin(Unit, Unit.id == ProgressReport.unit_id)
                .order_by(ProgressReport.period, ProgressReport.id)
            )
            if item is not None:
                if on_milestone:
                    stmt = stmt.where(ProgressReport.milestone_id == refs.milestone_id(conn, item))
                else:
                    stmt = stmt.where(ProgressReport.task_id == refs.task_id(conn, item))
            if plan is not None:
                stmt = stmt.join(Plan, Plan.id == Task.plan_id).where(Plan.id == refs.plan_id(conn, plan))
            if unit is not None:
                stmt = stmt.where(ProgressReport.unit_id == refs.unit_id(conn, unit))
            rows = list(conn.execute(stmt))
        views = [_view(r) for r in rows]
        if latest:
            newest: dict[tuple[int, int | None, int | None], ProgressView] = {}
            for v in views:
                newest[(v.task_id, v.milestone_id, v.unit.id if v.unit else None)] = v
            views = sorted(newest.values(), key=lambda v: v.id)
        return views


def _view(r: Any) -> ProgressView:
    unit = UnitRef(r.unit_id, r.u_name, r.u_short, r.u_demo) if r.unit_id else None
    return ProgressView(
        id=r.id,
        task_id=r.task_id,
        task_code=r.task_code,
        milestone_id=r.milestone_id,
        milestone_code=r.m_code,
        unit=unit,
        period=r.period,
        progress=r.progress,
        problems=r.problems,
        next_steps=r.next_steps,
        value=r.value,
        author=r.author,
        created_at=r.created_at,
        is_demo=r.is_demo,
    )
