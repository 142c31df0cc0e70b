"""A ledger opened only to read, without SQLAlchemy: what cron jobs and long lists need, fast, on SQLite.

`open_reader` gives a Reader when the database is a SQLite file already at this code's schema; anything
else (a new file, an older schema, PostgreSQL) gets None, and the caller opens the full Ledger, which
creates, migrates or connects as usual. Both implement services.source.LedgerReader (`ctx`,
`milestones`, `overview`, `connect`, `close`), answered by the same code (services.milestone_reads); a
Reader never writes, not even the journal mode.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote

from tasktrack.config import Settings
from tasktrack.services.milestone_reads import MilestoneReads
from tasktrack.store.revision import HEAD

if TYPE_CHECKING:
    from tasktrack.services.overview import OverviewService

BUSY_TIMEOUT_S = 30.0


@dataclass
class ReadContext:
    """What reading services use of a Context: the date, the language, the settings."""

    actor: str | None = None
    clock: Callable[[], date] = date.today
    lang: str = "zh"
    settings: Settings = field(default_factory=Settings)
    as_it_stood: date | None = None  # read the ledger as it stood at the end of this day (see Context)

    @property
    def today(self) -> date:
        return self.clock()


class Reader:
    """One read-only sqlite3 connection; each service call reads in its own transaction (one snapshot)."""

    def __init__(self, conn: sqlite3.Connection, ctx: ReadContext) -> None:
        self._conn = conn
        self.ctx = ctx
        self.milestones = MilestoneReads(ctx, self.connect)

    @property
    def overview(self) -> OverviewService:
        from tasktrack.services.overview import OverviewService

        return OverviewService(self.ctx, milestones=self.milestones)

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        self._conn.execute("BEGIN")
        try:
            yield self._conn
        finally:
            self._conn.execute("COMMIT")

    def close(self) -> None:
        self._conn.close()


def sqlite_file(db: str) -> Path | None:
    """The file a --db value names: a plain path or a sqlite:/// URL; None for anything else."""
    if "://" not in db:
        return Path(db).expanduser().resolve()
    scheme, _, rest = db.partition("://")
    if scheme not in ("sqlite", "sqlite+pysqlite") or not rest.startswith("/") or "?" in rest:
        return None
    path = unquote(rest[1:])
    return Path(path) if path and path != ":memory:" else None


def _uri(path: Path) -> str:
    """Read-only; immutable when no writer can be there (no -wal/-shm, and a directory we cannot write)."""
    uri = f"file:{quote(str(path))}?mode=ro"
    beside = [path.with_name(path.name + s) for s in ("-wal", "-shm")]
    if not any(p.exists() for p in beside) and not os.access(path.parent, os.W_OK):
        uri += "&immutable=1"
    return uri


def open_reader(
    db: str,
    *,
    actor: str | None = None,
    clock: Callable[[], date] = date.today,
    lang: str = "zh",
    settings: Settings | None = None,
) -> Reader | None:
    """A Reader on `db` if it is a SQLite file at this code's schema, else None (open the Ledger then)."""
    path = sqlite_file(db)
    if path is None or not path.is_file():
        return None
    conn = None
    try:
        conn = sqlite3.connect(_uri(path), uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        current = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        current = None  # not a ledger yet, or unreadable: the Ledger says what is wrong
    if conn is None or current is None or current[0] != HEAD:
        if conn is not None:
            conn.close()
        return None
    assert conn is not None  # the version was read through it
    return Reader(conn, ReadContext(actor, clock, lang, settings or Settings()))

