"""Indicator use-cases: the plan's indicator table, readings over the years, progress against 序时."""

from __future__ import annotations

import builtins
from datetime import date
from typing import Any

from sqlalchemy import select

from tasktrack.domain.data_due import DateError, data_deadline, reading_owed
from tasktrack.domain.kinds import Attribute
from tasktrack.domain.progress import elapsed_share, indicator_colour
from tasktrack.errors import UserError
from tasktrack.models import Indicator, IndicatorReading, Plan, Unit
from tasktrack.services.access import Access
from tasktrack.services.base import Context, UnitOfWork, reading, unit_of_work
from tasktrack.services.milestones import to_float
from tasktrack.services.views import IndicatorView, ReadingView, UnitRef
from tasktrack.store import refs

EDITABLE = ("name", "unit", "attribute", "cumulative", "baseline_year", "baseline_value", "target_year",
            "target_value", "quote", "position", "owner", "data_due")  # fmt: skip


def check_period(period: str) -> str:
    """A reading's period: a year (2021), a half (2021H1), a quarter (2021Q3) or a month (2021-09)."""
    import re

    text = str(period).strip().upper()
    if re.fullmatch(r"\d{4}(H[12]|Q[1-4]|-(0[1-9]|1[0-2]))?", text):
        return text
    raise UserError("err.svc2.reading_period", period=repr(period))


def indicator_progress(baseline: float | None, target: float | None, value: float | None) -> float | None:
    """Share of the way from baseline to target that `value` has come."""
    if value is None or target is None:
        return None
    if baseline is None:
        return value / target if target else None
    if target == baseline:
        return 1.0 if value >= target else 0.0
    return (value - baseline) / (target - baseline)


class IndicatorService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def list(self, plan: str | None = None, as_of: date | None = None) -> list[IndicatorView]:
        with reading(self.ctx) as conn:
            stmt = select(Indicator.__table__, Plan.key.label("plan_key")).join(
                Plan, Plan.id == Indicator.plan_id
            )
            if plan:
                stmt = stmt.where(Indicator.plan_id == refs.plan_id(conn, plan))
            rows = list(conn.execute(stmt.order_by(Indicator.plan_id, Indicator.position, Indicator.id)))
            readings: dict[int, list[ReadingView]] = {}
            if rows:
                for r in conn.execute(
                    select(IndicatorReading.__table__)
                    .where(IndicatorReading.indicator_id.in_([r.id for r in rows]))
                    .order_by(IndicatorReading.period)
                ):
                    readings.setdefault(r.indicator_id, []).append(
                        ReadingView(r.period, r.value, r.note, r.actor, r.recorded_at, r.is_demo)
                    )
            owner_ids = sorted({r.owner_id for r in rows if r.owner_id is not None})
            owners = {
                u.id: UnitRef(u.id, u.name, u.short_name, bool(u.is_demo))
                for u in conn.execute(select(Unit.id, Unit.name, Unit.short_name, Unit.is_demo).where(Unit.id.in_(owner_ids)))
            } if owner_ids else {}  # fmt: skip
        as_of = as_of or self.ctx.today
        return [self._view(r, readings.get(r.id, []), as_of, owners.get(r.owner_id)) for r in rows]

    def get(self, ref: str | int, as_of: date | None = None) -> IndicatorView:
        with reading(self.ctx) as conn:
            iid = refs.indicator_id(conn, ref)
        return next(v for v in self.list(as_of=as_of) if v.id == iid)

    def _view(
        self, r: Any, readings: builtins.list[ReadingView], as_of: date, owner: UnitRef | None = None
    ) -> IndicatorView:
        latest = readings[-1] if readings else None
        start_year = (r.baseline_year + 1) if r.baseline_year else (r.target_year or as_of.year)
        end_year = r.target_year or start_year
        expected = elapsed_share(date(start_year, 1, 1), date(end_year, 12, 31), as_of)
        progress = indicator_progress(r.baseline_value, r.target_value, latest.value if latest else None)
        rag, why = indicator_colour(
            None if progress is None else round(progress, 4), round(expected, 4), self.ctx.settings.thresholds,
            self.ctx.lang,
        )  # fmt: skip
        return IndicatorView(
            id=r.id,
            plan=r.plan_key,
            code=r.code,
            name=r.name,
            unit=r.unit,
            attribute=r.attribute,
            cumulative=r.cumulative,
            baseline_year=r.baseline_year,
            baseline_value=r.baseline_value,
            target_year=r.target_year,
            target_value=r.target_value,
            quote=r.quote,
            latest=latest,
            expected=round(expected, 4),
            progress=None if progress is None else round(progress, 4),
            readings=tuple(readings),
            version=r.version,
            owner=owner,
            data_due=r.data_due,
            reading_due=reading_owed(r.data_due, {x.period for x in readings}, as_of, r.baseline_year),
            rag=rag.value,
            rag_reason=why,
        )

    def add_in(self, uow: UnitOfWork, plan: str | int, code: str, values: dict[str, Any], *,
               reason: str | None = None) -> int:  # fmt: skip
        """Add an indicator (fields as in EDITABLE) to a plan's indicator table; coordinators only."""
        Access(self.ctx).require_coordinator(uow, "indicators")
        conn = uow.session.connection()
        plan_id = refs.plan_id(conn, plan)
        clean = self._clean(values, conn)
        if not code.strip() or not str(clean.get("name") or "").strip():
            raise UserError("err.svc2.indicator_needs")
        if conn.execute(
            select(Indicator.id).where(Indicator.plan_id == plan_id, Indicator.code == code)
        ).first():
            raise UserError("err.svc2.indicator_code_used", code=repr(code))
        row = Indicator(plan_id=plan_id, code=code.strip(), **clean)
        uow.created(row, "indicator", [k for k in clean if k != "position"], reason)
        assert row.id is not None
        return row.id

    def edit_in(
        self, uow: UnitOfWork, ref: str | int, values: dict[str, Any], *, reason: str | None = None
    ) -> int:
        """Change an indicator's stated facts (name, baseline, target ...), each logged; coordinators only."""
        Access(self.ctx).require_coordinator(uow, "indicators")
        row = uow.lock(Indicator, iid := refs.indicator_id(uow.session.connection(), ref))
        uow.update(row, "indicator", self._clean(values, uow.session.connection()), reason)
        return iid

    def edit(self, ref: str | int, values: dict[str, Any], *, reason: str | None = None) -> IndicatorView:
        """edit_in() in a command of its own: e.g. the responsible unit and the data deadline."""
        with unit_of_work(self.ctx, "indicator edit") as uow:
            iid = self.edit_in(uow, ref, values, reason=reason)
        return self.get(iid)

    def _clean(self, values: dict[str, Any], conn: Any = None) -> dict[str, Any]:
        unknown = set(values) - set(EDITABLE)
        if unknown:
            raise UserError(
                "err.svc2.indicator_not_editable", field=repr(sorted(unknown)[0]), editable=", ".join(EDITABLE)
            )
        clean = dict(values)
        if "owner" in clean:  # the unit responsible for the data: a unit's name, short name or id; none clears
            owner = clean.pop("owner")
            none = owner is None or str(owner).strip().lower() in ("", "none", "无")
            clean["owner_id"] = None if none else refs.unit_id(conn, owner)
        if "data_due" in clean:
            text = str(clean["data_due"] or "").strip()
            if text.lower() in ("", "none", "无"):
                clean["data_due"] = None
            else:
                try:  # refused here when it is neither a recurrence nor a date
                    data_deadline(text, self.ctx.today)
                except DateError as exc:
                    raise UserError(exc.words) from None
                clean["data_due"] = text
        for name in ("baseline_value", "target_value"):
            if name in clean:
                clean[name] = to_float(clean[name], name.split("_")[0])
        if "attribute" in clean:
            try:
                clean["attribute"] = Attribute(clean["attribute"]).value
            except ValueError:
                raise UserError("err.svc2.attribute", value=repr(clean["attribute"])) from None
        return clean

    def record(
        self, ref: str | int, period: str, value: Any, *, note: str | None = None, replace: bool = False
    ) -> IndicatorView:
        """Record a reading for a period. An existing reading is changed only with replace=True."""
        with unit_of_work(self.ctx, "indicator record") as uow:
            iid = refs.indicator_id(uow.session.connection(), ref)
            self.record_in(uow, iid, period, value, note=note, replace=replace)
        return self.get(iid)

    def record_in(
        self,
        uow: UnitOfWork,
        iid: int,
        period: str,
        value: Any,
        *,
        note: str | None = None,
        replace: bool = False,
        demo: bool = False,
        reason: str | None = None,
    ) -> None:
        Access(self.ctx).require_coordinator(uow, "indicator readings")
        period = check_period(period)
        number = to_float(value, "value")
        if number is None:
            raise UserError("err.svc2.reading_value")
        existing = uow.session.execute(
            select(IndicatorReading).where(
                IndicatorReading.indicator_id == iid, IndicatorReading.period == period
            )
        ).scalar_one_or_none()
        if existing is not None:
            if not replace:
                raise UserError(
                    "err.svc2.reading_exists", period=period, value=f"{existing.value:g}", actor=existing.actor
                )
            uow.update(
                existing,
                "reading",
                {"value": number, "note": note, "actor": self.ctx.actor, "recorded_at": uow.at},
                reason,
            )
            return
        row = IndicatorReading(
            indicator_id=iid,
            period=period,
            value=number,
            note=note,
            actor=self.ctx.actor,
            recorded_at=uow.at,
            is_demo=demo,
        )
        uow.created(row, "reading", ["indicator_id", "period", "value", "note"], reason)
