"""A long write staged on a private copy of a SQLite ledger, then swapped in by one short write transaction.

SQLite has one writer at a time: a command that validates and applies ten thousand rows inside its write
transaction keeps every other writer waiting, past their busy timeout ("database is locked"). Staged, the
command runs as it always does (every use case, rule and change-log row) but on a copy made from one read
snapshot (the online backup API, which no writer waits for), while the ledger stays free. What it wrote
there is recorded statement by statement; the swap then replays those statements on the ledger in one
short write transaction and appends the copy's new change-log rows to the ledger's chain (store.chain's
Appender: new ids and hashes after whatever was logged meanwhile). It does so only if no table but the log
got a row since the snapshot, the log still holds the snapshot's head, and none of what was logged since
touches what the command read or wrote (the caller's `conflicts`, which sees every change logged since).
Otherwise nothing is written and the caller stages again or applies directly. All or nothing, as one
transaction: a reader sees the ledger before or after, never between.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from collections.abc import Callable
import tempfile
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import Engine, event

from tasktrack.store import chain, rawsql
from tasktrack.store.engine import (
    BUSY_TIMEOUT_MS,
    make_engine,
    read_only_uri,
    sqlite_path,
    write_connection,
)
from tasktrack.store.files import TEMP_PREFIX, TEMP_SUFFIX

WRITES = frozenset({"INSERT", "UPDATE", "DELETE", "REPLACE"})
# Statements that change nothing a replay must repeat. Not ROLLBACK: a write undone there (in part, to a
# savepoint) would replay whole, so a stage that rolled anything back is not swapped in.
READS = frozenset({"SELECT", "PRAGMA", "BEGIN", "COMMIT", "SAVEPOINT", "RELEASE"})

_INTO_LOG = re.compile(r'\s*INSERT\s+INTO\s+"?change"?[\s(]', re.IGNORECASE)
# The log's rows (id, prev_hash and hash aside) as read back from the copy to be appended to the ledger's.
_LOGGED = [c for c in chain.CHAINED if c != "id"]


def ledger_file(engine: Engine) -> Path | None:
    """The SQLite file a stage can copy, or None (PostgreSQL, a memory database: apply directly)."""
    path = sqlite_path(engine.url.render_as_string(hide_password=False))
    return path if path is not None and path.is_file() else None


def last_rowids(conn: Any) -> dict[str, int]:
    """Each table's last row id but the log's: what the next insert into it is given."""
    tables = [r[0] for r in rawsql.fetch(conn, "SELECT name FROM sqlite_master WHERE type = 'table' "
                                                "AND name NOT LIKE 'sqlite_%' AND name != 'change'")]  # fmt: skip
    return {t: rawsql.fetch(conn, f'SELECT coalesce(max(rowid), 0) FROM "{t}"')[0][0] for t in tables}


class Stage:
    """`with Stage(engine) as stage:` run the command on `stage.engine`, then `stage.swap()`.

    Leaving the block removes the copy. `stage.swap()` is True when the writes are in the ledger, False
    (nothing written) when the ledger changed since the copy was made, or the command did something that
    cannot be replayed."""

    def __init__(self, engine: Engine) -> None:
        source = ledger_file(engine)
        if source is None:
            raise ValueError("only a SQLite file can be staged")
        self.target = engine
        self.source = source
        self.writes: list[tuple[str, Any, bool]] = []
        self.unreplayable: str | None = None
        self._dir: str | None = None
        self.engine: Engine | None = None

    def __enter__(self) -> Stage:
        try:
            # Beside the ledger (its filesystem, its room), private to this account (0700), and named as
            # every temporary file is, so that `db check` reports one a killed import left (--clean).
            self._dir = tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}stage-", suffix=TEMP_SUFFIX, dir=self.source.parent)
            copy = Path(self._dir) / "ledger.db"
            src = sqlite3.connect(read_only_uri(self.source), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
            try:
                out = sqlite3.connect(copy)
                try:
                    src.backup(out)  # all pages in one step, from one read snapshot
                finally:
                    out.close()
            finally:
                src.close()
            self.engine = make_engine(f"sqlite:///{copy}")
            with self.engine.connect() as conn:
                self.head = chain.head_of(conn)
                self.rowids = last_rowids(conn)
        except (OSError, sqlite3.Error) as exc:  # no room for the copy, an unreadable ledger
            self.__exit__(None, None, None)
            raise CannotStage(str(exc)) from exc
        event.listen(self.engine, "before_cursor_execute", self._seen)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.engine is not None:
            self.engine.dispose()
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)

    def _seen(self, conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool) -> None:
        verb = statement.lstrip().split(None, 1)[0].upper() if statement.strip() else ""
        if verb in WRITES:
            if not _INTO_LOG.match(statement):  # the log's rows are appended anew by swap()
                self.writes.append((statement, parameters, many))
        elif verb not in READS and self.unreplayable is None:
            self.unreplayable = statement

    def swap(self, conflicts: Callable[[Any, list[tuple[str, int]]], bool]) -> bool:
        """Replay the staged writes on the ledger in one write transaction and append their change-log rows
        to its chain; False, with nothing written, when the ledger changed in a way the stage did not see:
        a row added to a table other than the log, its history rewritten, or `conflicts(conn, logged)` true
        of the (entity, entity_id) changes logged since the snapshot."""
        if self.unreplayable is not None or self.engine is None:
            return False
        with self.engine.connect() as conn:
            columns = ", ".join(_LOGGED)
            logged = [dict(zip(_LOGGED, r, strict=True)) for r in rawsql.fetch(
                conn, f"SELECT {columns} FROM change WHERE id > :id ORDER BY id", {"id": self.head[0]})]  # fmt: skip
            staged = last_rowids(conn)
        try:
            with write_connection(self.target) as conn:
                self._check(conn, conflicts)
                raw = conn.connection.driver_connection
                assert raw is not None  # a live SQLite connection, checked out for this transaction
                cursor = raw.cursor()
                try:
                    for statement, parameters, many in self.writes:
                        if many:
                            cursor.executemany(statement, parameters)
                        else:
                            cursor.execute(statement, parameters)
                            cursor.fetchall()  # a RETURNING row: the change is made at the first step
                    appender = chain.Appender(conn)
                    names = ", ".join(chain.CHAINED + ("prev_hash", "hash"))
                    marks = ", ".join(f":{n}" for n in chain.CHAINED + ("prev_hash", "hash"))
                    insert = f"INSERT INTO change ({names}) VALUES ({marks})"
                    cursor.executemany(insert, [appender.link(dict(values)) for values in logged])
                finally:
                    cursor.close()
                if last_rowids(conn) != staged:  # pragma: no cover - replayed on the same rows
                    raise _Changed
        except (_Changed, sqlite3.Error):  # a replayed statement refused: nothing written, apply directly
            return False
        return True

    def _check(self, conn: Any, conflicts: Callable[[Any, list[tuple[str, int]]], bool]) -> None:
        """Raise _Changed unless the staged writes still fit the ledger (see swap)."""
        head_id, head_hash = self.head
        if head_id and rawsql.fetch(conn, "SELECT hash FROM change WHERE id = :id", {"id": head_id}) != [
            (head_hash,)
        ]:
            raise _Changed
        if last_rowids(conn) != self.rowids:
            raise _Changed
        since = rawsql.fetch(conn, "SELECT entity, entity_id FROM change WHERE id > :id ORDER BY id", {"id": head_id})
        if since and conflicts(conn, [(str(e), int(i)) for e, i in since]):
            raise _Changed


class CannotStage(Exception):
    """No copy could be made (no room in the temporary directory, ...): apply directly instead."""


class _Changed(Exception):
    """The ledger is not the snapshot the stage was copied from (or did not end as the copy did)."""
