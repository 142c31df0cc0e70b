"""What every service shares: the context (database, actor, clock, settings) and the write unit of work."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from tasktrack import present
from tasktrack.config import Settings
from tasktrack.errors import Conflict, NotFound, UserError, Words
from tasktrack.i18n import MESSAGES, t
from tasktrack.models import Change
from tasktrack.store import chain
from tasktrack.store.engine import read_connection, sqlite_path, write_connection
from tasktrack.store.files import default_store

_Row = TypeVar("_Row")


def os_account() -> str:
    """The OS account of this process, from its uid (not $USER, which anyone can set)."""
    import os

    try:
        import pwd

        return pwd.getpwuid(os.getuid()).pw_name
    except (ImportError, KeyError):  # pragma: no cover - non-POSIX or a uid without a passwd entry
        return f"uid:{os.getuid()}" if hasattr(os, "getuid") else "unknown"


def session_user(conn: Any) -> str | None:
    """The role a PostgreSQL server authenticated for `conn`; None on SQLite (no logins there)."""
    if conn.dialect.name != "postgresql":
        return None
    return str(conn.exec_driver_sql("SELECT session_user").scalar())


def account(conn: Any, ctx: Context) -> str:
    """The identity permissions and undo act on, read on `conn`: the login on PostgreSQL, else the OS
    account. Never the --as name, which is only the name shown beside it."""
    return session_user(conn) or ctx.os_user


def account_column() -> Any:
    """The change log's record of that identity: db_user where the server verified one, else os_user."""
    from sqlalchemy import func

    return func.coalesce(Change.db_user, Change.os_user)


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class Context:
    """Who is acting, on which database, on what date. Services take it; front ends build it."""

    engine: Engine
    actor: str = field(default_factory=os_account)  # the name shown: claimed with --as, else os_user
    os_user: str = field(default_factory=os_account)  # the process's OS account, from its uid
    clock: Callable[[], date] = date.today
    now: Callable[[], datetime] = utcnow
    settings: Settings = field(default_factory=Settings)
    lang: str = "zh"
    files_dir: Path | None = None  # evidence store; default: <database>.files beside a SQLite file
    # Reads show the milestones as the ledger stood at the end of this day, rebuilt from the change log
    # (services.replay.stood); None: as they are now. Set by read commands given --as-of.
    as_it_stood: date | None = None
    # The day a write is made for (the CLI's --as-of): each command that logs a change logs it once first,
    # as a STATED row, so that a rebuild dates the command's changes by it (they stay logged at `at`).
    stated_on: date | None = None

    @property
    def today(self) -> date:
        return self.clock()

    def evidence_dir(self) -> Path:
        if self.files_dir is not None:
            return self.files_dir
        path = sqlite_path(self.engine.url.render_as_string(hide_password=False))
        if path is None:
            raise UserError("err.svc2.no_store")
        return default_store(path)


class Named(Words):
    """A name the code uses (an entity, a field, a role) as an error says it: as it is in English, in the
    catalogue's words for it (`key`, e.g. hist.field.actual: 实际) in another language."""

    def __init__(self, key: str, name: str) -> None:
        super().__init__(key, name=name)
        self.name = name

    def __call__(self, lang: str) -> str:
        return self.name if lang == "en" or self.key not in MESSAGES else t(self.key, lang)


def entity_words(entity: str) -> Named:
    """What a person calls an entity (节点, 任务, 进展报送 ...); in English the name the code uses."""
    return Named(f"hist.entity.{entity}", entity)


def field_words(name: str) -> Named:
    """What a person calls a field (实际, 完成时限 ...); in English the name the code uses."""
    return Named(f"hist.field.{name}", name)


SOMEONE = "someone"  # who made a change the change log does not name


def actor_words(who: str | None) -> Words | str:
    """Who made a change, as an error names them: their name, or 某人 / someone when the log has none."""
    return Words("err.svc2.someone") if who in (None, SOMEONE) else str(who)


# The row a command made for a stated day (--as-of) logs before its changes: entity, entity_id 0, field, new.
STATED_ENTITY, STATED_FIELD = "command", "as_of"


def encode(value: Any) -> str | None:
    """A value as the change log stores it: text, stable across runs and backends."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e18 else repr(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


class UnitOfWork:
    """One command's write transaction; every change it makes goes to the change log with the actor.

    The log is a hash chain (tasktrack.store.chain). On SQLite this transaction holds the write lock, so
    it reads the chain's head once and links each row it logs itself; on PostgreSQL the database's
    trigger sets each row's id, time, db_user and hash."""

    def __init__(self, session: Session, ctx: Context, command: str) -> None:
        self.session = session
        self.ctx = ctx
        self.command = command
        self.command_id = str(uuid.uuid4())
        self.changes = 0
        self._server: tuple[str | None, datetime] | None = None
        self._appender: chain.Appender | None = None
        self._stated = ctx.stated_on is None  # whether the command's stated day is logged (or there is none)

    def _server_facts(self) -> tuple[str | None, datetime]:
        """(db_user, at), fetched once: PostgreSQL's session_user (None on SQLite) and this process's
        clock, in UTC. (On PostgreSQL the log's trigger writes the database's now() instead, unless the
        session is a superuser or the tables' owner.)"""
        if self._server is None:
            user = session_user(self.session.connection())
            now = self.ctx.now()
            self._server = (user, now.astimezone(UTC) if now.tzinfo else now)
        return self._server

    @property
    def db_user(self) -> str | None:
        """PostgreSQL's session_user (the role the server authenticated); None on SQLite."""
        return self._server_facts()[0]

    @property
    def at(self) -> datetime:
        """When this unit of work happens, as the change log records it."""
        return self._server_facts()[1]

    def link(self, values: dict[str, Any]) -> dict[str, Any]:
        """Chain a change row about to be inserted (SQLite: id, prev_hash, hash from the head read once);
        on PostgreSQL the trigger does it and `values` are returned as they are."""
        if self.session.connection().dialect.name != "sqlite":
            return values
        if self._appender is None:
            self._appender = chain.Appender(self.session.connection())
        return self._appender.link(values)

    @property
    def account(self) -> str:
        """The verified identity acting: PostgreSQL's session user, else the process's OS account."""
        return self.db_user or self.ctx.os_user

    def log(
        self, entity: str, entity_id: int, field_name: str, old: Any, new: Any, reason: str | None = None
    ) -> None:
        if not self._stated:
            self._stated = True
            self.log(STATED_ENTITY, 0, STATED_FIELD, None, self.ctx.stated_on)
        values = self.link(
            {
                "at": self.at,
                "actor": self.ctx.actor,
                "os_user": self.ctx.os_user,
                "db_user": self.db_user,
                "command_id": self.command_id,
                "command": self.command,
                "entity": entity,
                "entity_id": entity_id,
                "field": field_name,
                "old": encode(old),
                "new": encode(new),
                "reason": reason,
            }
        )
        self.session.add(Change(**values))
        self.changes += 1

    def update(self, row: Any, entity: str, values: dict[str, Any], reason: str | None = None) -> list[str]:
        """Set fields on `row`, logging each one that really changes; bumps the row's version."""
        changed = []
        for name, new in values.items():
            old = getattr(row, name)
            if encode(old) == encode(new):
                continue
            setattr(row, name, new)
            self.log(entity, row.id, name, old, new, reason)
            changed.append(name)
        if changed and hasattr(row, "version"):
            row.version += 1
        self.session.add(row)
        return changed

    def created(self, row: Any, entity: str, fields: list[str], reason: str | None = None) -> None:
        """Log a new row: flushes to get its id, then one change per non-empty field."""
        self.session.add(row)
        self.session.flush()
        self.log(
            entity,
            row.id,
            "created",
            None,
            getattr(row, "code", None) or getattr(row, "name", None) or row.id,
            reason,
        )
        for name in fields:
            value = getattr(row, name)
            if value is not None and value != "" and value is not False:  # 0 is a value; False is the default
                self.log(entity, row.id, name, None, value, reason)

    def removed(self, row: Any, entity: str, fields: tuple[str, ...], label: Any, reason: str) -> None:
        """Delete a row taken back in error, keeping it on the record: one change per non-empty field
        (old value, no new one), then a 'removed' row naming it, all with the reason, which is required."""
        if not (reason or "").strip():
            raise UserError("err.svc2.removed_reason", entity=entity_words(entity), id=row.id)
        for name in fields:
            value = getattr(row, name)
            if value is not None and value != "" and value is not False:
                self.log(entity, row.id, name, value, None, reason.strip())
        self.log(entity, row.id, "removed", label, None, reason.strip())
        self.session.delete(row)

    def lock(self, model: type[_Row], row_id: int) -> _Row:
        """Load a row for changing it: SELECT ... FOR UPDATE on PostgreSQL, so two writers cannot both
        read the old version and both save (SQLite's BEGIN IMMEDIATE already serializes writers)."""
        row = self.session.get(model, row_id, with_for_update=True)
        if row is None:
            raise NotFound("err.svc2.no_row", entity=entity_words(model.__name__.lower()), id=row_id)
        return row

    def last_change(self, entity: str, ids: list[int]) -> tuple[str, datetime | None]:
        """Who made the newest logged change to these rows of `entity`, and when ("someone", None: none)."""
        last = self.session.execute(
            select(Change.actor, Change.at)
            .where(Change.entity == entity, Change.entity_id.in_(ids))
            .order_by(Change.id.desc())
            .limit(1)
        ).first()
        return (last.actor, last.at) if last else (SOMEONE, None)

    def check_version(self, row: Any, entity: str, expected: int | None) -> None:
        """Refuse a stale save, naming who changed the row since and when."""
        if expected is None or row.version == expected:
            return
        who, when = self.last_change(entity, [row.id])
        stamp = present.stamp(when) if when else Words("tui.unknown_time")
        raise Conflict(
            "err.svc2.stale",
            entity=entity_words(entity),
            id=row.id,
            who=actor_words(who),
            at=stamp,
            expected=expected,
            now=row.version,
            changed_by=who,
            changed_at=when,
        )


@contextmanager
def unit_of_work(ctx: Context, command: str) -> Iterator[UnitOfWork]:
    """Open a write transaction (BEGIN IMMEDIATE on SQLite); commit on success, roll back on error."""
    try:
        with write_connection(ctx.engine) as conn, Session(bind=conn, expire_on_commit=False) as session:
            uow = UnitOfWork(session, ctx, command)
            yield uow
            session.flush()
    except IntegrityError as exc:
        raise UserError("err.svc2.integrity", why=_integrity_message(exc)) from exc


def _integrity_message(exc: IntegrityError) -> str:
    text = str(exc.orig).splitlines()[0] if exc.orig else str(exc)
    return text.replace("\n", " ")


@contextmanager
def reading(ctx: Context) -> Iterator[Any]:
    """A read-only connection: one snapshot, never a write."""
    with read_connection(ctx.engine) as conn:
        yield conn
