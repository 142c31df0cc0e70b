"""Who may change what: the one rule every writing service checks, and the members who make it bite.

While the member table is empty everyone may change everything (open mode: a small office starting
out). Once it has a row, a coordinator may change everything; a member of a unit may change the
milestones, evidence, progress reports and sub-tasks of the tasks its unit leads or co-owns (the
effective owners, inherited from parent tasks as in `tasktrack task show`), but not close (销号) a
milestone or change a closed one, and nothing plan-wide; any other account may change nothing.
The account is the identity the backend verifies: the process's OS account on SQLite, the session user
on PostgreSQL, where migration 0004 enforces the same rule again with row-level security.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, delete, func, select, text

from tasktrack.errors import NotFound, UserError
from tasktrack.models import Member, Milestone, Task, Unit
from tasktrack.services.base import Context, UnitOfWork, reading, unit_of_work
from tasktrack.services.views import UnitRef
from tasktrack.store import owners, refs

COORDINATOR, MEMBER = "coordinator", "member"
ASK = "ask a coordinator"
_ACCOUNT = re.compile(r"[^\s\x00-\x1f\x7f]{1,100}")


@dataclass(frozen=True)
class Standing:
    """What one account may do, read once per unit of work."""

    account: str
    is_open: bool  # no members at all
    is_coordinator: bool
    units: dict[int, str]  # the units it is a member of: id → name

    @property
    def may_change_everything(self) -> bool:
        return self.is_open or self.is_coordinator


@dataclass(frozen=True)
class MemberView:
    id: int
    account: str
    role: str
    unit: UnitRef | None
    created_at: datetime


_standings: weakref.WeakKeyDictionary[UnitOfWork, Standing] = weakref.WeakKeyDictionary()


class Access:
    """Refuses a change the acting account may not make, with one line saying why and whom to ask."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def standing(self, uow: UnitOfWork) -> Standing:
        if (known := _standings.get(uow)) is not None:
            return known
        account = uow.account
        session = uow.session
        rows = session.execute(
            select(Member.role, Member.unit_id, Unit.name, Unit.short_name)
            .outerjoin(Unit, Unit.id == Member.unit_id)
            .where(Member.account == account)
        ).all()
        is_open = not rows and session.execute(select(Member.id).limit(1)).first() is None
        standing = Standing(
            account=account,
            is_open=is_open,
            is_coordinator=any(r.role == COORDINATOR for r in rows),
            units={r.unit_id: r.short_name or r.name for r in rows if r.role == MEMBER},
        )
        _standings[uow] = standing
        return standing

    def forget(self, uow: UnitOfWork) -> None:
        """Read the member table again at the next check (after it changed in this unit of work)."""
        _standings.pop(uow, None)

    def _who(self, s: Standing) -> str:
        actor = self.ctx.actor
        return f"account {s.account}" if actor == s.account else f"{actor} (account {s.account})"

    def require_coordinator(
        self, uow: UnitOfWork, what: str, *, verb: str = "change", why: str = "only a coordinator may"
    ) -> None:
        """Plan-wide changes (units, indicators, plan files, assignments, members): coordinators only."""
        s = self.standing(uow)
        if not s.may_change_everything:
            raise UserError(f"{self._who(s)} may not {verb} {what}: {why}; {ASK}")

    def require_task(self, uow: UnitOfWork, task_id: int | None, item: str | None = None) -> None:
        """Changing `item` (default: the task itself) needs a unit that leads or co-owns the task;
        no task (a new programme) needs a coordinator."""
        s = self.standing(uow)
        if s.may_change_everything:
            return
        if task_id is None:
            self.require_coordinator(uow, item or "the plan's programmes")
            return
        conn = uow.session.connection()
        code, owners = effective_owners(conn, task_id)
        item = item or f"task {code}"
        if not s.units:
            why = f"account {s.account} is not a member of any unit"
        elif set(s.units) & owners:
            return
        elif len(s.units) == 1:
            why = f"{next(iter(s.units.values()))} neither leads nor co-owns task {code}"
        else:
            why = f"none of {'、'.join(s.units.values())} leads or co-owns task {code}"
        raise UserError(f"{self._who(s)} may not change {item}: {why}; {ASK}")

    def require_milestone(self, uow: UnitOfWork, milestone_id: int, *, closing: bool = False) -> None:
        """A milestone of the member's task, not closed (销号); closing one is a coordinator's decision."""
        row = uow.session.execute(
            select(Milestone.code, Milestone.task_id, Milestone.status).where(Milestone.id == milestone_id)
        ).one()
        item = f"milestone {row.code}"
        if closing:
            self.require_coordinator(uow, f"{item} (销号)", verb="close")
        elif row.status == "closed":
            self.require_coordinator(uow, item, why="it is closed (已销号), only a coordinator may change it")
        self.require_task(uow, row.task_id, item)

    def require_evidence(self, uow: UnitOfWork, target: int, *, on_task: bool) -> None:
        """Evidence on a task, or on a milestone of a task, the member's unit leads or co-owns."""
        if on_task:
            self.require_task(uow, target)
            return
        row = uow.session.execute(
            select(Milestone.code, Milestone.task_id).where(Milestone.id == target)
        ).one()
        self.require_task(uow, row.task_id, f"milestone {row.code}")


def effective_owners(conn: Connection, task_id: int) -> tuple[str, set[int]]:
    """A task's code and the units that lead or co-own it (tasktrack.store.owners: the nearest lead up
    the chain and every co-unit on it, as the task views and milestone filters show)."""
    code = conn.execute(select(Task.code).where(Task.id == task_id)).scalar_one()
    return str(code), owners.owner_ids(conn, task_id)


class MemberService:
    """The member table: who is a coordinator, who belongs to which unit."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def list(self) -> list[MemberView]:
        with reading(self.ctx) as conn:
            return _views(conn)

    def add(self, account: str, *, unit: str | None = None, coordinator: bool = False) -> MemberView:
        """Make `account` a member of `unit`, or a coordinator. The first member must be a coordinator."""
        account = check_account(account)
        if coordinator == bool(unit):
            raise UserError("say what the account may change: --unit UNIT, or --coordinator (not both)")
        access = Access(self.ctx)
        with unit_of_work(self.ctx, "member add") as uow:
            access.require_coordinator(uow, "members")
            s = uow.session
            unit_id = refs.unit_id(s.connection(), unit) if unit else None
            role = COORDINATOR if coordinator else MEMBER
            if not coordinator and s.execute(select(Member.id).limit(1)).first() is None:
                raise UserError(
                    "the first member must be a coordinator: once anyone is a member, only members may "
                    f"change anything and only coordinators may add them; run 'tasktrack member add "
                    f"{account} --coordinator' for whoever manages the ledger first"
                )
            conn = s.connection()
            if (
                conn.dialect.name == "postgresql"
                and not conn.execute(
                    select(text("1")).select_from(text("pg_roles")).where(text("rolname = :r")),
                    {"r": account},
                ).first()
            ):
                raise UserError(
                    f"there is no PostgreSQL role {account}: on PostgreSQL a member is the login role it "
                    f"connects as; create it (CREATE ROLE {account} LOGIN) and run 'tasktrack member grant'"
                )
            mine = s.execute(select(Member).where(Member.account == account)).scalars().all()
            for m in mine:
                if m.unit_id == unit_id:
                    what = "a coordinator" if coordinator else f"a member of {unit}"
                    raise UserError(f"{account} is already {what}; see 'tasktrack member list'")
            row = Member(account=account, unit_id=unit_id, role=role, created_at=uow.at)
            uow.created(row, "member", ["account", "unit_id", "role"])
            access.forget(uow)
            assert row.id is not None
            return _views(s.connection(), [row.id])[0]

    def remove(self, account: str, *, unit: str | None = None) -> list[MemberView]:
        """Remove `account` (from `unit` only, if given). The last coordinator stays while others remain."""
        access = Access(self.ctx)
        with unit_of_work(self.ctx, "member remove") as uow:
            access.require_coordinator(uow, "members")
            s = uow.session
            stmt = select(Member).where(Member.account == account.strip())
            if unit:
                stmt = stmt.where(Member.unit_id == refs.unit_id(s.connection(), unit))
            rows = s.execute(stmt).scalars().all()
            if not rows:
                where = f" of {unit}" if unit else ""
                raise NotFound(f"{account} is not a member{where}; see 'tasktrack member list'")
            gone = _views(s.connection(), [r.id for r in rows])
            for row in rows:
                for name in ("account", "unit_id", "role"):
                    if getattr(row, name) is not None:
                        uow.log("member", row.id, name, getattr(row, name), None)
            s.execute(delete(Member).where(Member.id.in_([r.id for r in rows])))
            left = s.execute(select(Member.role, func.count()).group_by(Member.role)).all()
            if left and COORDINATOR not in {role for role, _ in left}:
                raise UserError(
                    f"removing {account} would leave no coordinator, and no one could manage members; "
                    "add another coordinator first"
                )
            access.forget(uow)
        return gone

    def is_open(self) -> bool:
        """True while there are no members: everyone may change everything."""
        with reading(self.ctx) as conn:
            return conn.execute(select(Member.id).limit(1)).first() is None


def check_account(account: str) -> str:
    account = account.strip()
    if not _ACCOUNT.fullmatch(account):
        raise UserError(
            f"{account!r} is not an account name; give the OS account (or PostgreSQL role), e.g. wangwu"
        )
    return account


def _views(conn: Connection, ids: list[int] | None = None) -> list[MemberView]:
    stmt = (
        select(Member.__table__, Unit.name, Unit.short_name, Unit.is_demo)
        .outerjoin(Unit, Unit.id == Member.unit_id)
        .order_by(Member.account, Member.role, Member.id)
    )
    if ids is not None:
        stmt = stmt.where(Member.id.in_(ids))
    return [
        MemberView(
            r.id,
            r.account,
            r.role,
            UnitRef(r.unit_id, r.name, r.short_name, r.is_demo) if r.unit_id else None,
            r.created_at,
        )
        for r in conn.execute(stmt)
    ]


def grant(ctx: Context, role: str) -> list[str]:
    """Let a PostgreSQL login role use tasktrack without owning its tables, so that row-level security
    binds it: read everything, write the ledger tables, append to the change log. Returns the SQL run."""
    engine = ctx.engine
    if engine.dialect.name != "postgresql":
        raise UserError("SQLite has no database roles; there tasktrack itself checks the members")
    quote = engine.dialect.identifier_preparer.quote
    from sqlmodel import SQLModel

    with engine.begin() as conn:
        found = conn.exec_driver_sql(
            "SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = %(r)s", {"r": role}
        ).first()
        if found is None:
            raise UserError(f"there is no PostgreSQL role {role!r}; create it first: CREATE ROLE ... LOGIN")
        if found[0]:
            raise UserError(f"{role} is a superuser or bypasses row-level security; grant an ordinary role")
        schema = quote(conn.exec_driver_sql("SELECT current_schema()").scalar())
        r = quote(role)
        sql = [f"GRANT USAGE ON SCHEMA {schema} TO {r}", f"GRANT SELECT ON alembic_version TO {r}"]
        for table in SQLModel.metadata.sorted_tables:
            rights = "SELECT, INSERT" if table.name == "change" else "SELECT, INSERT, UPDATE, DELETE"
            sql.append(f"GRANT {rights} ON {quote(table.name)} TO {r}")
        sql.append(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {r}")
        for statement in sql:
            conn.exec_driver_sql(statement)
    return sql
