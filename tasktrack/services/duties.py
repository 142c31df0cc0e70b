"""Reporting duties (报送要求): set, list and remove them, and who has filed each period (按时 / 迟报 / 漏报).

A duty on a plan binds every unit that leads a task of it; a duty on a unit binds that unit (on one plan's
tasks, with both). A progress report of the unit for the period (on a task of the plan, if the duty has
one) is its filing, on the day it was recorded. On a date `as_of`, only filings recorded by then count, so
the same database and date always give the same answer, however much is filed later.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date
from typing import Any

from tasktrack.domain import duties as rules
from tasktrack.errors import NotFound, UserError
from tasktrack.services.views import UnitRef
from tasktrack.store import duty_sql, rawsql

STATES = ("on_time", "late", "missing", "open")  # 按时, 迟报, 漏报, not yet due
DUTY_FIELDS = ("plan_id", "unit_id", "phrase", "cadence", "day", "what", "starts")


@dataclass(frozen=True)
class DutyView:
    id: int
    plan: str | None  # the plan's key
    unit: str | None  # the unit's short name (or name)
    phrase: str
    cadence: str
    day: int | None
    what: str
    starts: date


@dataclass(frozen=True)
class Filing:
    """One unit's filing for one period of one duty, as of a date."""

    duty_id: int
    phrase: str
    plan: str | None
    unit: UnitRef
    email: str | None
    period: str
    deadline: date
    state: str  # one of STATES
    report_id: int | None  # the progress report that is the filing
    filed_on: date | None

    @property
    def days_late(self) -> int:
        """Days after the deadline it was filed (迟报); 0 for any other state."""
        return max(0, ((self.filed_on or date.max) - self.deadline).days) if self.state == "late" else 0


@dataclass(frozen=True)
class Timeliness:
    """报送及时率 of a unit: filings on time out of those due (deadline passed, or filed on time)."""

    unit: UnitRef
    on_time: int
    late: int
    missing: int

    @property
    def due(self) -> int:
        return self.on_time + self.late + self.missing

    @property
    def rate(self) -> float | None:
        return self.on_time / self.due if self.due else None


Connect = Callable[[], AbstractContextManager[Any]]


def filings(
    connect: Connect, as_of: date, *, year: int | None = None, unit: str | None = None, duty: int | None = None
) -> list[Filing]:
    """Each bound unit's filing for each period of each duty that has begun by `as_of` (in `year` only,
    if given): in duty, period and unit order."""
    with connect() as conn:
        unit_id = rawsql.unit_id(conn, unit) if unit else None
        rows = duty_sql.duties(conn)
        if not rows or (duty is not None and all(d.id != duty for d in rows)):
            return []  # no duty: no progress report need be read (remind and the circular run on every ledger)
        units = duty_sql.units(conn)
        leads = duty_sql.plan_leads(conn)
        known: dict[tuple[int, str], list[duty_sql.FilingRow]] = {}
        for f in duty_sql.filings(conn):
            if f.filed_on <= as_of:
                known.setdefault((f.unit_id, f.period), []).append(f)
    out: list[Filing] = []
    for d in rows:
        if duty is not None and d.id != duty:
            continue
        rule = rules.DutyRule(d.cadence, d.day, d.what)
        bound = [d.unit_id] if d.unit_id is not None else leads.get(d.plan_id or 0, [])
        for period in _periods(rule, d.starts, as_of, year):
            end = rules.deadline(rule, period)
            for uid in bound:
                u = units[uid]
                if unit_id is not None and uid != unit_id:
                    continue
                if u.retired_on is not None and u.retired_on <= end:
                    continue  # 撤销: no duty from the day it was retired
                mine = [f for f in known.get((uid, period), ()) if d.plan_id is None or f.plan_id == d.plan_id]
                first = min(mine, key=lambda f: (f.filed_on, f.id), default=None)
                out.append(_filing(d, u, period, end, first, as_of))
    return out


def _periods(rule: rules.DutyRule, starts: date, as_of: date, year: int | None) -> list[str]:
    first = rules.period_of(rule, starts)
    years = [year] if year is not None else list(range(starts.year, as_of.year + 1))
    return [p for y in years for p in rules.periods(rule, y) if first <= p and rules.is_open(rule, p, as_of)]


def _filing(
    d: duty_sql.DutyRow, u: duty_sql.UnitRow, period: str, end: date, f: duty_sql.FilingRow | None, as_of: date
) -> Filing:
    if f is not None:
        state = "on_time" if f.filed_on <= end else "late"
    else:
        state = "missing" if as_of > end else "open"
    return Filing(
        duty_id=d.id,
        phrase=d.phrase,
        plan=d.plan_key,
        unit=UnitRef(u.id, u.name, u.short_name, u.is_demo),
        email=u.email,
        period=period,
        deadline=end,
        state=state,
        report_id=f.id if f else None,
        filed_on=f.filed_on if f else None,
    )


def timeliness(rows: list[Filing]) -> list[Timeliness]:
    """报送及时率 per unit, in the order units first appear in `rows`."""
    counts: dict[UnitRef, list[int]] = {}
    for f in rows:
        c = counts.setdefault(f.unit, [0, 0, 0])
        if f.state in ("on_time", "late", "missing"):
            c[("on_time", "late", "missing").index(f.state)] += 1
    return [Timeliness(u, *c) for u, c in counts.items()]


class DutyService:
    def __init__(self, ctx: Any) -> None:
        self.ctx = ctx

    def _connect(self) -> AbstractContextManager[Any]:
        from tasktrack.services.base import reading

        return reading(self.ctx)

    def add(self, phrase: str, *, plan: str | None = None, unit: str | None = None, starts: date | None = None) -> DutyView:
        """Set a duty on a plan's lead units (`plan`) or on one unit (`unit`, on `plan`'s tasks with both),
        from the period `starts` falls in (default: today's)."""
        from tasktrack.services.base import unit_of_work

        with unit_of_work(self.ctx, "duty add") as uow:
            did = self.add_in(uow, phrase, plan=plan, unit=unit, starts=starts)
        return next(v for v in self.list() if v.id == did)

    def add_in(
        self, uow: Any, phrase: str, *, plan: str | None, unit: str | None, starts: date | None = None
    ) -> int:
        from tasktrack.domain.text import one_line
        from tasktrack.models import Duty
        from tasktrack.services.access import Access

        Access(self.ctx).require_coordinator(uow, "reporting duties")
        if plan is None and unit is None:
            raise UserError("err.svc2.duty_needs")
        text = one_line(phrase, "duty").strip()
        try:
            rule = rules.parse_duty(text)
        except rules.DutyError as exc:
            raise UserError(exc.words) from None
        conn = uow.session.connection()
        plan_id = rawsql.plan_id(conn, plan) if plan else None
        unit_id = rawsql.unit_id(conn, unit) if unit else None
        if unit_id is not None:
            from tasktrack.services.units import check_in_office

            check_in_office(conn, unit_id)
        row = Duty(
            plan_id=plan_id,
            unit_id=unit_id,
            phrase=text,
            cadence=rule.cadence,
            day=rule.day,
            what=rule.what,
            starts=starts or self.ctx.today,
        )
        uow.created(row, "duty", list(DUTY_FIELDS))
        assert row.id is not None
        return row.id

    def remove(self, duty_id: int, *, reason: str) -> DutyView:
        """Take a duty back, with the reason; the change log keeps every field it had."""
        from tasktrack.models import Duty
        from tasktrack.services.access import Access
        from tasktrack.services.base import unit_of_work

        gone = next((v for v in self.list() if v.id == duty_id), None)
        if gone is None:
            raise NotFound("err.svc2.no_duty", id=duty_id)
        with unit_of_work(self.ctx, "duty remove") as uow:
            Access(self.ctx).require_coordinator(uow, "reporting duties")
            row = uow.lock(Duty, duty_id)
            uow.removed(row, "duty", DUTY_FIELDS, row.phrase, reason)
        return gone

    def list(self) -> list[DutyView]:
        with self._connect() as conn:
            units = duty_sql.units(conn)
            return [
                DutyView(
                    id=d.id,
                    plan=d.plan_key,
                    unit=(units[d.unit_id].short_name or units[d.unit_id].name) if d.unit_id else None,
                    phrase=d.phrase,
                    cadence=d.cadence,
                    day=d.day,
                    what=d.what,
                    starts=d.starts,
                )
                for d in duty_sql.duties(conn)
            ]
