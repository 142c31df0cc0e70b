"""Engines and transactions: SQLite tuned for several writers, PostgreSQL as it comes."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url

from tasktrack.errors import UserError

BUSY_TIMEOUT_MS = 30_000


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for memory databases and other backends."""
    parsed = make_url(url)
    if not parsed.drivername.startswith("sqlite") or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def normalize_url(db: str) -> str:
    """Accept a plain file path or a SQLAlchemy URL."""
    if "://" in db:
        return db
    return f"sqlite:///{Path(db).expanduser().resolve()}"


def make_engine(url: str, *, check_dir: bool = True) -> Engine:
    """Create an engine for `url`; SQLite gets WAL, a busy timeout, foreign keys and BEGIN IMMEDIATE writes."""
    path = sqlite_path(url)
    if path is not None and check_dir and not path.parent.is_dir():
        raise UserError("err.store.no_dir", dir=path.parent)
    if make_url(url).drivername.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        _tune_sqlite(engine, path)
        return engine
    return create_engine(url, pool_pre_ping=True)


def is_read_only(engine: Engine) -> bool:
    """True when the engine's SQLite file exists and this process may not write it."""
    return is_sqlite(engine) and _read_only_file(
        sqlite_path(engine.url.render_as_string(hide_password=False))
    )


def _read_only_file(path: Path | None) -> bool:
    return path is not None and path.exists() and not os.access(path, os.W_OK)


def read_only_uri(path: Path) -> str:
    """The SQLite URI that reads `path` without writing it (or beside it, where SQLite can help it).

    mode=ro: SQLite never writes the database file. A WAL database also needs its -shm index: SQLite
    creates it (and an empty -wal) when the directory is writable, and reads a writer's existing one
    even when neither is writable to us. When neither file exists and the directory is read-only (a
    read-only share or medium), no WAL writer is connected (a writer always keeps its -shm), so
    immutable=1 lets SQLite read the file as it stands without any -shm at all. The name is quoted: in a
    URI '#' or '?' ends it, and SQLite would open (creating it, empty) the name cut there."""
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    beside = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
    if not any(p.exists() for p in beside) and not os.access(path.parent, os.W_OK):
        uri += "&immutable=1"
    return uri


def _tune_sqlite(engine: Engine, path: Path | None) -> None:
    @event.listens_for(engine, "do_connect")
    def _on_do_connect(_dialect: Any, record: Any, cargs: list[Any], cparams: dict[str, Any]) -> None:
        # A file we may not write is opened read-only, so that reading commands work on it; decided
        # per connection, as the file's permissions can change while the engine lives.
        record.info["read_only"] = _read_only_file(path)
        if path is not None and record.info["read_only"]:
            cargs[:] = [read_only_uri(path)]
            cparams["uri"] = True

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, record: Any) -> None:
        # Let SQLAlchemy's "begin" event below issue BEGIN itself (pysqlite's own is deferred only).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys = ON")
        if not record.info.get("read_only"):  # both would write; a read-only file keeps its settings
            with contextlib.suppress(Exception):  # e.g. a writable file in a read-only directory
                cur.execute("PRAGMA journal_mode = WAL")
            # In WAL mode, NORMAL syncs at checkpoints only: a commit survives the process being killed
            # (it is in the -wal file, in the OS's cache) but may be lost on power loss or an OS crash.
            cur.execute("PRAGMA synchronous = NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # A writer takes the write lock up front: with a deferred BEGIN two read-then-write
        # transactions deadlock and one fails with "database is locked" despite the timeout.
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


@contextmanager
def write_connection(engine: Engine) -> Iterator[Connection]:
    """A connection inside a write transaction, committed on success, rolled back on any error."""
    options = {"sqlite_begin": "IMMEDIATE"} if is_sqlite(engine) else {}
    with engine.connect().execution_options(**options) as conn, conn.begin():
        yield conn


@contextmanager
def read_connection(engine: Engine) -> Iterator[Connection]:
    """A connection inside a read transaction (one consistent snapshot)."""
    with engine.connect() as conn, conn.begin():
        yield conn
