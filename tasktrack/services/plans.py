"""Plan use-cases: the plans in the ledger, with their size."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from tasktrack.models import Indicator, Milestone, Plan, Task
from tasktrack.services.base import Context, reading
from tasktrack.services.views import PlanView
from tasktrack.store import refs


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
