"""Unit use-cases: the responsible units and their contacts."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from tasktrack.domain.text import one_line
from tasktrack.errors import UserError
from tasktrack.models import Member, Plan, Responsibility, Task, Unit, saved_id
from tasktrack.services.access import Access
from tasktrack.services.base import Context, UnitOfWork, reading, unit_of_work
from tasktrack.services.views import UnitView
from tasktrack.store import refs

EDITABLE = ("name", "short_name", "contact", "email", "phone")


def _view(u: Any) -> UnitView:
    return UnitView(
        u.id, u.name, u.short_name, u.contact, u.email, u.phone, u.is_demo, u.version, u.retired_on
    )


def check_in_office(conn: Any, unit_id: int) -> None:
    """Refuse a new duty (an assignment, a membership, a report in its name) for a retired unit."""
    row = conn.execute(select(Unit.name, Unit.short_name, Unit.retired_on).where(Unit.id == unit_id)).one()
    if row.retired_on is not None:
        raise UserError("err.svc.unit.retired", unit=row.short_name or row.name, on=row.retired_on.isoformat())


def _check_fields(values: dict[str, Any]) -> None:
    """A unit's name, short name, contact, e-mail and phone are one line each (they go into mail headers,
    calendar entries and table cells)."""
    for name in EDITABLE:
        value = values.get(name)
        if isinstance(value, str):
            one_line(value, name.replace("_", " "))
    _check_email(values.get("email"))


def _check_email(email: str | None) -> None:
    if email and ("@" not in email or " " in email.strip() or email.startswith("@") or email.endswith("@")):
        raise UserError("err.svc.unit.email", email=email)


class UnitService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def list(self) -> list[UnitView]:
        with reading(self.ctx) as conn:
            return [_view(u) for u in conn.execute(select(Unit.__table__).order_by(Unit.id))]

    def get(self, ref: str | int) -> UnitView:
        with reading(self.ctx) as conn:
            uid = refs.unit_id(conn, ref)
            return _view(conn.execute(select(Unit.__table__).where(Unit.id == uid)).one())

    def add(
        self,
        name: str,
        *,
        short_name: str | None = None,
        contact: str | None = None,
        email: str | None = None,
        phone: str | None = None,
    ) -> int:
        with unit_of_work(self.ctx, "unit add") as uow:
            return self.add_in(uow, name, short_name=short_name, contact=contact, email=email, phone=phone)

    def add_in(
        self,
        uow: UnitOfWork,
        name: str,
        *,
        short_name: str | None = None,
        contact: str | None = None,
        email: str | None = None,
        phone: str | None = None,
        demo: bool = False,
        reason: str | None = None,
    ) -> int:
        Access(self.ctx).require_coordinator(uow, "units")
        name = name.strip()
        if not name:
            raise UserError("err.svc.unit.no_name")
        _check_fields(
            {"name": name, "short_name": short_name, "contact": contact, "email": email, "phone": phone}
        )
        for value in filter(None, (name, short_name)):
            clash = select(Unit.id).where((Unit.name == value) | (Unit.short_name == value))
            if uow.session.execute(clash).first():
                raise UserError("err.svc.unit.exists", name=value)
        row = Unit(
            name=name, short_name=short_name or None, contact=contact, email=email, phone=phone, is_demo=demo
        )
        uow.created(row, "unit", ["short_name", "contact", "email", "phone", "is_demo"], reason)
        assert row.id is not None
        return row.id

    def retire(self, ref: str | int, *, reason: str, on: date | None = None) -> UnitView:
        """Retire a unit (撤销/撤并) from `on` (default: today), with a reason: it must hold no duty any more
        (no task it leads or co-owns, no member), so nothing is left without an owner; its record stays."""
        if not (reason or "").strip():
            raise UserError("err.svc.unit.retire_reason")
        with unit_of_work(self.ctx, "unit retire") as uow:
            Access(self.ctx).require_coordinator(uow, "units")
            row = uow.lock(Unit, refs.unit_id(uow.session.connection(), ref))
            label = row.short_name or row.name
            if row.retired_on is not None:
                raise UserError("err.svc.unit.retired_already", unit=label, on=row.retired_on.isoformat())
            duties = list(
                uow.session.execute(
                    select(Plan.key, Task.code)
                    .join(Responsibility, Responsibility.task_id == Task.id)
                    .join(Plan, Plan.id == Task.plan_id)
                    .where(Responsibility.unit_id == row.id)
                    .order_by(Plan.key, Task.position, Task.id)
                )
            )
            if duties:
                shown = ", ".join(f"{d.key}:{d.code}" for d in duties[:5]) + (" …" if len(duties) > 5 else "")
                raise UserError("err.svc.unit.has_tasks", unit=label, n=len(duties), shown=shown)
            accounts = list(uow.session.execute(select(Member.account).where(Member.unit_id == row.id)).scalars())
            if accounts:
                raise UserError("err.svc.unit.has_members", unit=label, accounts=", ".join(accounts))
            uow.update(row, "unit", {"retired_on": on or self.ctx.today}, reason.strip())
            uid = saved_id(row)
        return self.get(uid)

    def edit(
        self,
        ref: str | int,
        values: dict[str, Any],
        *,
        expected_version: int | None = None,
        reason: str | None = None,
    ) -> UnitView:
        unknown = set(values) - set(EDITABLE)
        if unknown:
            raise UserError("err.svc.cannot_edit", field=sorted(unknown)[0], editable=", ".join(EDITABLE))
        _check_fields(values)
        if "name" in values and not str(values["name"]).strip():
            raise UserError("err.svc.unit.empty_name")
        with unit_of_work(self.ctx, "unit edit") as uow:
            Access(self.ctx).require_coordinator(uow, "units")
            row = uow.lock(Unit, refs.unit_id(uow.session.connection(), ref))
            assert row is not None
            uow.check_version(row, "unit", expected_version)
            uow.update(row, "unit", values, reason)
            uid = saved_id(row)
        return self.get(uid)
