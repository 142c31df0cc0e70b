"""Plan use-cases: the plans in the ledger, with their size; changing a plan's facts."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from tasktrack.errors import UserError
from tasktrack.models import Indicator, Milestone, Plan, Task
from tasktrack.services.access import Access
from tasktrack.services.base import Context, UnitOfWork, reading
from tasktrack.services.views import PlanView
from tasktrack.store import refs

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

    def edit_in(
        self, uow: UnitOfWork, ref: str | int, values: dict[str, Any], *, reason: str | None = None
    ) -> int:
        """Change a plan's facts (a corrected title, its parent plan ...), each field changed logged;
        coordinators only. Returns the plan's id."""
        unknown = set(values) - set(EDITABLE)
        if unknown:
            raise UserError(f"cannot edit a plan's {sorted(unknown)[0]!r}; editable: {', '.join(EDITABLE)}")
        if "title" in values and not str(values["title"] or "").strip():
            raise UserError("a plan's title cannot be empty")
        Access(self.ctx).require_coordinator(uow, "plans")
        row = uow.lock(Plan, pid := refs.plan_id(uow.session.connection(), ref))
        if values.get("parent_id") == pid:
            raise UserError(f"plan {row.key} cannot implement itself; name another parent plan")
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
