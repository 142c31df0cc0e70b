"""Linked targets: the same commitment in two plans (one recorded fact updates both, reminders chase it
once), and a milestone that feeds an indicator (its recorded actual becomes the indicator's reading for
its year, or adds to the year before's level when an increment feeds a cumulative 【】 indicator).

Both run inside the one use case that records a milestone's facts (MilestoneService.record_actual_in and
status_in), so every path (CLI, TUI, 台账 import) does them; every row they change is change-logged with
the milestone it follows or came from as the reason."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from tasktrack.domain.kinds import MeasureKind, Status
from tasktrack.errors import NotFound, UserError, Words
from tasktrack.models import Indicator, IndicatorReading, Milestone, Plan, saved_id
from tasktrack.reasons import written
from tasktrack.services.access import Access
from tasktrack.services.base import Context, UnitOfWork, reading, unit_of_work
from tasktrack.store import refs


def label_in(uow: UnitOfWork, row: Milestone) -> str:
    """PLAN:CODE of a milestone, as references are written."""
    plan = uow.session.get(Plan, row.plan_id)
    return f"{plan.key if plan else row.plan_id}:{row.code}"


def follow_in(uow: UnitOfWork, row: Milestone) -> None:
    """After `row`'s actual or status changed: its linked milestone takes the same facts (a closure 销号
    stays each item's own: the linked one becomes done, and one already closed keeps its status), logged as
    following its link; then each feeds its indicator."""
    feed_in(uow, row)
    if row.link_id is None:
        return
    other = _carried(uow, Milestone, row.link_id, row, Words("err.svc.link.linked_to"))
    values = followed_values(row, other)
    if uow.update(other, "milestone", values, written("why.link_follow", label=label_in(uow, row))):
        feed_in(uow, other)


def followed_values(source: Milestone, other: Milestone) -> dict[str, Any]:
    """The facts `other` takes from `source`: its actual, and its status and completion date (closed is
    done on the other side, whose own closure needs its own evidence; a closed item is not reopened)."""
    values: dict[str, Any] = {"actual": source.actual}
    if other.status == Status.CLOSED.value:
        return values
    status = Status.DONE.value if source.status == Status.CLOSED.value else source.status
    values["status"] = status
    values["completed_on"] = source.completed_on
    return values


def feed_in(uow: UnitOfWork, row: Milestone) -> None:
    """Write the reading of the indicator `row` feeds for its year from its recorded actual (nothing when it
    feeds none or has no actual): the actual itself, or, for an increment feeding a cumulative indicator,
    the level at the end of the year before (its reading, else its baseline) plus the actual."""
    if row.feeds_id is None or row.actual is None:
        return
    ind = _carried(uow, Indicator, row.feeds_id, row, Words("err.svc.link.feeds"))
    period = str(row.year)
    value = row.actual
    if MeasureKind(row.kind) is MeasureKind.INCREMENT and ind.cumulative:
        value = _level_before(uow, ind, row) + row.actual
    source = label_in(uow, row)
    existing = uow.session.execute(
        select(IndicatorReading).where(
            IndicatorReading.indicator_id == saved_id(ind), IndicatorReading.period == period
        )
    ).scalar_one_or_none()
    note = why = written("why.fed", source=source)
    if existing is not None:
        values = {"value": value, "note": note, "actor": uow.ctx.actor, "recorded_at": uow.at}
        if existing.value != value:
            uow.update(existing, "reading", values, why)
        return
    reading = IndicatorReading(
        indicator_id=saved_id(ind), period=period, value=value, note=note, actor=uow.ctx.actor,
        recorded_at=uow.at,
    )  # fmt: skip
    uow.created(reading, "reading", ["indicator_id", "period", "value", "note"], why)


def _carried(uow: UnitOfWork, model: Any, row_id: int, row: Milestone, what: Words) -> Any:
    """The row a recorded fact is carried to, locked. On PostgreSQL the database's row security may hide it
    from a unit's account (the link is the coordinator's; the database does not know it): refused then,
    as a whole, rather than recorded on one side only."""
    try:
        return uow.lock(model, row_id)
    except NotFound:
        raise UserError("err.svc.link.hidden", code=row.code, what=what, id=row_id) from None


def _level_before(uow: UnitOfWork, ind: Indicator, row: Milestone) -> float:
    """The indicator's level at the end of the year before the milestone's: that year's reading, else the
    baseline when it is of that year; refused otherwise (an increment cannot be added to an unknown level)."""
    prior = str(row.year - 1)
    found = uow.session.execute(
        select(IndicatorReading.value).where(
            IndicatorReading.indicator_id == saved_id(ind), IndicatorReading.period == prior
        )
    ).scalar_one_or_none()
    if found is not None:
        return float(found)
    if ind.baseline_year == row.year - 1 and ind.baseline_value is not None:
        return ind.baseline_value
    raise UserError("err.svc.link.no_level", code=row.code, year=row.year, indicator=ind.code, prior=prior)


class LinkService:
    """Link two plans' milestones, unlink them, make a milestone feed an indicator: coordinators only."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def of(self, ref: str | int) -> tuple[str | None, str | None]:
        """(PLAN:CODE of the milestone linked to `ref`, PLAN:CODE of the indicator it feeds), None for none."""
        with reading(self.ctx) as conn:
            mid = refs.milestone_id(conn, ref)
            linked = conn.execute(
                select(Plan.key, Milestone.code)
                .join(Plan, Plan.id == Milestone.plan_id)
                .where(Milestone.id == select(Milestone.link_id).where(Milestone.id == mid).scalar_subquery())
            ).first()
            fed = conn.execute(
                select(Plan.key, Indicator.code)
                .join(Plan, Plan.id == Indicator.plan_id)
                .where(Indicator.id == select(Milestone.feeds_id).where(Milestone.id == mid).scalar_subquery())
            ).first()
        return (f"{linked[0]}:{linked[1]}" if linked else None, f"{fed[0]}:{fed[1]}" if fed else None)

    def link(self, a: str | int, b: str | int, *, reason: str | None) -> tuple[int, int]:
        """Link milestone `a` to `b` (the same commitment in two plans). When only one of them has facts
        recorded (an actual, or a status past 未启动), the other takes them now; when both have and they
        differ, refused. Returns both ids."""
        why = _reason(reason, Words("err.svc.link.linking"), "两规划同一目标：2021年新增科技型企业50家")
        with unit_of_work(self.ctx, "milestone link") as uow:
            Access(self.ctx).require_coordinator(uow, "milestone links")
            conn = uow.session.connection()
            first = uow.lock(Milestone, refs.milestone_id(conn, a))
            second = uow.lock(Milestone, refs.milestone_id(conn, b))
            _check_pair(uow, first, second)
            uow.update(first, "milestone", {"link_id": saved_id(second)}, why)
            uow.update(second, "milestone", {"link_id": saved_id(first)}, why)
            source = _source_of(uow, first, second)
            if source is not None:
                follow_in(uow, source)
            return saved_id(first), saved_id(second)

    def unlink(self, ref: str | int, *, reason: str | None) -> tuple[int, int]:
        """Undo a link: each milestone keeps the facts it has and is chased on its own again."""
        why = _reason(reason, Words("err.svc.link.unlinking"), "两目标口径不同，分别跟踪")
        with unit_of_work(self.ctx, "milestone unlink") as uow:
            Access(self.ctx).require_coordinator(uow, "milestone links")
            row = uow.lock(Milestone, refs.milestone_id(uow.session.connection(), ref))
            if row.link_id is None:
                raise UserError("err.svc.link.not_linked", label=label_in(uow, row))
            other = uow.lock(Milestone, row.link_id)
            uow.update(row, "milestone", {"link_id": None}, why)
            uow.update(other, "milestone", {"link_id": None}, why)
            return saved_id(row), saved_id(other)

    def feed(self, ref: str | int, indicator: str | None, *, reason: str | None = None) -> int:
        """Make milestone `ref` feed `indicator` (None: feed none); its actual, if recorded, feeds it now."""
        with unit_of_work(self.ctx, "milestone feed") as uow:
            Access(self.ctx).require_coordinator(uow, "milestone feeds")
            conn = uow.session.connection()
            row = uow.lock(Milestone, refs.milestone_id(conn, ref))
            iid = None if indicator is None else refs.indicator_id(conn, indicator)
            if iid is not None and MeasureKind(row.kind) is MeasureKind.EVENT:
                raise UserError("err.svc.link.event", label=label_in(uow, row))
            uow.update(row, "milestone", {"feeds_id": iid}, reason)
            feed_in(uow, row)
            return saved_id(row)


def _reason(reason: str | None, what: Words, example: str) -> str:
    why = (reason or "").strip()
    if not why:
        raise UserError("err.svc.link.reason", what=what, example=example)
    return why


def _check_pair(uow: UnitOfWork, a: Milestone, b: Milestone) -> None:
    """Two milestones may be linked when they are of two plans, of one year and kind, and free."""
    la, lb = label_in(uow, a), label_in(uow, b)
    if a.plan_id == b.plan_id:
        raise UserError("err.svc.link.one_plan", a=la, b=lb)
    for row, label in ((a, la), (b, lb)):
        if row.link_id is not None:
            other = uow.session.get(Milestone, row.link_id)
            theirs = label_in(uow, other) if other else row.link_id
            raise UserError("err.svc.link.already", label=label, other=theirs)
    if a.year != b.year or a.kind != b.kind:
        raise UserError("err.svc.link.mismatch", a=la, a_year=a.year, a_kind=a.kind, b=lb, b_year=b.year, b_kind=b.kind)


def _recorded(row: Milestone) -> bool:
    return row.actual is not None or row.status != Status.NOT_STARTED.value


def _source_of(uow: UnitOfWork, a: Milestone, b: Milestone) -> Milestone | None:
    """The side whose recorded facts the other takes when they are linked, None when there is nothing to
    take; refused when both have facts and they differ."""
    if not _recorded(a) and not _recorded(b):
        return None
    if _recorded(a) and _recorded(b):
        if a.actual == b.actual and followed_values(a, b).get("status", b.status) == b.status:
            return None
        raise UserError(
            "err.svc.link.differ",
            a=label_in(uow, a), a_actual=a.actual if a.actual is not None else "—", a_status=a.status,
            b=label_in(uow, b), b_actual=b.actual if b.actual is not None else "—", b_status=b.status,
        )  # fmt: skip
    return a if _recorded(a) else b
