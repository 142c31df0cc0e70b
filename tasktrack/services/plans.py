"""Plan use-cases: the plans in the ledger, with their size; changing a plan's facts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from tasktrack.errors import UserError
from tasktrack.importers.planfile import PlanRec, TaskRec
from tasktrack.models import Indicator, Milestone, Plan, Task
from tasktrack.services.access import Access
from tasktrack.services.base import Context, UnitOfWork, reading
from tasktrack.services.views import PlanView
from tasktrack.store import refs

# What a plan file states of a plan, as a new plan's row and its change log record it (services.bulk too).
STATED = ("key", "doc_no", "title", "short_title", "issuer", "issued", "period_start", "period_end", "source",
          "quote")  # fmt: skip
# What a plan states of itself and may change; its key is how every command names it, so it never changes.
EDITABLE = ("doc_no", "title", "short_title", "issuer", "issued", "period_start", "period_end", "parent_id",
            "source", "quote")  # fmt: skip


def _count(model: Any) -> Any:
    return select(func.count()).where(model.plan_id == Plan.id).scalar_subquery()


class PlanService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def _select(self) -> Any:
        parent = aliased(Plan)
        return (
            select(
                Plan.__table__,
                parent.key.label("parent_key"),
                _count(Task).label("n_tasks"),
                _count(Milestone).label("n_milestones"),
                _count(Indicator).label("n_indicators"),
            )
            .outerjoin(parent, parent.id == Plan.parent_id)
            .order_by(Plan.id)
        )

    def list(self) -> list[PlanView]:
        with reading(self.ctx) as conn:
            return [_view(r) for r in conn.execute(self._select())]

    def get(self, ref: str | int) -> PlanView:
        with reading(self.ctx) as conn:
            pid = refs.plan_id(conn, ref)
            return _view(conn.execute(self._select().where(Plan.id == pid)).one())

    def create_in(
        self,
        uow: UnitOfWork,
        rec: PlanRec,
        *,
        reason: str,
        owners: Callable[[UnitOfWork, Task, TaskRec], None],
        made: Callable[[str], None] = lambda what: None,
    ) -> int:
        """A plan new to the ledger, from a plan file (`seed load`, `import plan --load`), with all its
        tasks, milestones and indicators, each added by its own use case (TaskService.add_in,
        MilestoneService.add_in, IndicatorService.add_in: the same that add an item to a plan being
        updated, services.plan_update), in the file's order: a task, its owners (`owners`, for a task
        naming units), its milestones, its sub-tasks; then the indicators. Coordinators only. `made` is
        told each row made ("plans", "tasks", ...). Returns the plan's id."""
        from tasktrack.services.indicators import IndicatorService
        from tasktrack.services.milestones import MilestoneService
        from tasktrack.services.tasks import TaskService

        Access(self.ctx).require_coordinator(uow, "plan files", verb="load")
        if not (rec.title or "").strip():
            raise UserError("err.svc2.plan_title_empty")
        values = {name: getattr(rec, name) for name in STATED}
        row = Plan(**values)
        uow.created(row, "plan", list(values), reason)
        made("plans")
        pid = row.id
        assert pid is not None
        tasks, milestones = TaskService(self.ctx), MilestoneService(self.ctx)
        position = 0  # tasks and milestones in one sequence: the order the document reads in

        def add(task: TaskRec, parent: int | None) -> None:
            nonlocal position
            position += 1
            tid = tasks.add_in(uow, pid, task.code, task.title, parent=parent, text=task.text,
                               quote=task.quote, note=task.note, reason=reason, position=position)  # fmt: skip
            made("tasks")
            if task.lead or task.co:
                owners(uow, uow.lock(Task, tid), task)
            for m in task.milestones:
                position += 1
                milestones.add_in(
                    uow, tid, m.code, m.metric, m.year, due=m.due, due_text=m.due_text, target=m.target,
                    unit=m.unit, comparison=m.comparison, kind=m.kind, cumulative=m.cumulative,
                    baseline_year=m.baseline_year, baseline_value=m.baseline_value,
                    baseline_quote=m.baseline_quote, quote=m.quote, note=m.note, aspirational=m.aspirational,
                    reason=reason, position=position,
                )  # fmt: skip
                made("milestones")
            for child in task.tasks:
                add(child, tid)

        for task in rec.tasks:
            add(task, None)
        for i, ind in enumerate(rec.indicators, 1):
            stated = {k: v for k, v in vars(ind).items() if k != "code"}
            IndicatorService(self.ctx).add_in(uow, pid, ind.code, {**stated, "position": i}, reason=reason)
            made("indicators")
        return pid

    def edit_in(
        self, uow: UnitOfWork, ref: str | int, values: dict[str, Any], *, reason: str | None = None
    ) -> int:
        """Change a plan's facts (a corrected title, its parent plan ...), each field changed logged;
        coordinators only. Returns the plan's id."""
        unknown = set(values) - set(EDITABLE)
        if unknown:
            raise UserError("err.svc2.plan_not_editable", field=repr(sorted(unknown)[0]), editable=", ".join(EDITABLE))
        if "title" in values and not str(values["title"] or "").strip():
            raise UserError("err.svc2.plan_title_empty")
        Access(self.ctx).require_coordinator(uow, "plans")
        row = uow.lock(Plan, pid := refs.plan_id(uow.session.connection(), ref))
        if values.get("parent_id") == pid:
            raise UserError("err.svc2.plan_own_parent", plan=row.key)
        uow.update(row, "plan", values, reason)
        return pid


def _view(r: Any) -> PlanView:
    return PlanView(
        id=r.id,
        key=r.key,
        doc_no=r.doc_no,
        title=r.title,
        short_title=r.short_title,
        issuer=r.issuer,
        issued=r.issued,
        period_start=r.period_start,
        period_end=r.period_end,
        parent_key=r.parent_key,
        source=r.source,
        quote=r.quote,
        tasks=r.n_tasks,
        milestones=r.n_milestones,
        indicators=r.n_indicators,
    )
