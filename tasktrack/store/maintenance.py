"""Backups, restores and integrity checks of the database file itself."""

from __future__ import annotations

import sqlite3
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, text

from tasktrack.errors import UserError
from tasktrack.store import chain
from tasktrack.store.chain import Verdict
from tasktrack.store.engine import BUSY_TIMEOUT_MS, read_only_uri, sqlite_path


@dataclass
class CheckReport:
    """What `db check` found; ok only when every list is empty, the change log's hash chain holds and
    every head asked about is in it."""

    integrity: list[str] = field(default_factory=list)
    foreign_keys: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    chain: Verdict | None = None

    @property
    def missing_heads(self) -> list[str]:
        found = self.chain.found if self.chain is not None else None
        return [h for h, rid in (found or {}).items() if rid is None]

    @property
    def ok(self) -> bool:
        chain_ok = self.chain is None or self.chain.ok
        return not (self.integrity or self.foreign_keys or self.files or self.missing_heads) and chain_ok


def _file_of(engine: Engine) -> Path | None:
    return sqlite_path(engine.url.render_as_string(hide_password=False))


def backup(engine: Engine, dest: Path) -> Path:
    """A consistent copy of a live database (SQLite online backup API; pg_dump for PostgreSQL)."""
    if dest.exists():
        raise UserError(f"{dest} exists already; choose a new file name (backups never overwrite)")
    if not dest.parent.is_dir():
        raise UserError(f"directory {dest.parent} does not exist; create it first")
    source = _file_of(engine)
    if source is None:
        return _pg_dump(engine, dest)
    if not source.is_file():
        raise UserError(f"no database {source}; check --db")
    tmp = dest.with_name(dest.name + ".partial")
    src = sqlite3.connect(read_only_uri(source), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        out = sqlite3.connect(tmp)
        try:
            # All pages in one step, from one read snapshot that a WAL writer does not wait for. Copied
            # in steps, every commit between two steps restarts the copy: under a steady writer a
            # database over one step's size (4096 pages, 16 MB) was never backed up.
            src.backup(out)
            # A backup is one self-contained file: in rollback-journal mode, reading it (as restore
            # does) leaves no -wal or -shm beside it, and it can be copied alone. Opening it with
            # tasktrack puts it back in WAL mode.
            out.execute("PRAGMA journal_mode = DELETE")
        finally:
            out.close()
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    tmp.rename(dest)
    return dest


def _pg_dump(engine: Engine, dest: Path) -> Path:
    url = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    try:
        proc = subprocess.run(
            ["pg_dump", "--format=custom", "--enable-row-security", f"--file={dest}", url],
            capture_output=True,
            text=True,
            timeout=3600,
        )
    except FileNotFoundError:
        raise UserError("pg_dump is not installed; install the PostgreSQL client tools to back up") from None
    if proc.returncode != 0:
        dest.unlink(missing_ok=True)
        raise UserError(
            f"pg_dump failed: {proc.stderr.strip().splitlines()[-1] if proc.stderr else proc.returncode}"
        )
    return dest


def restore(engine: Engine, source: Path) -> None:
    """Replace the live SQLite database's content with a checked backup, through the backup API."""
    target = _file_of(engine)
    if target is None:
        raise UserError("restore a PostgreSQL database with pg_restore (see README, 'Backups')")
    if not source.is_file():
        raise UserError(f"no backup file {source}")
    problems = _integrity(sqlite3.connect(read_only_uri(source), uri=True))
    if problems:
        raise UserError(f"{source} fails its integrity check ({problems[0]}); not restored")
    engine.dispose()
    src = sqlite3.connect(read_only_uri(source), uri=True)
    dst = sqlite3.connect(target, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()


def _integrity(conn: sqlite3.Connection) -> list[str]:
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        conn.close()
    return [] if rows == ["ok"] else rows


def check(engine: Engine, heads: Sequence[str] = ()) -> CheckReport:
    """SQLite: integrity_check and foreign_key_check. PostgreSQL enforces both itself; it is asked to
    validate every foreign key constraint. Both: the change log's hash chain, row by row, and whether
    each of `heads` (a chain head a circular printed) is a row of it."""
    report = CheckReport()
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            rows = [r[0] for r in conn.execute(text("PRAGMA integrity_check"))]
            report.integrity = [] if rows == ["ok"] else rows
            report.foreign_keys = [
                f"{r[0]} row {r[1]} → {r[2]}" for r in conn.execute(text("PRAGMA foreign_key_check"))
            ]
        else:
            report.foreign_keys = _pg_invalid_constraints(conn)
        if not report.integrity:  # a damaged file is not read row by row
            report.chain = chain.verify(conn, heads)
    return report


def _pg_invalid_constraints(conn) -> list[str]:  # type: ignore[no-untyped-def]
    rows = conn.execute(
        text(
            "SELECT conrelid::regclass::text, conname FROM pg_constraint "
            "WHERE contype = 'f' AND NOT convalidated"
        )
    )
    return [f"{table}: {name} not validated" for table, name in rows]


def pre_migration_backup(engine: Engine, revision: str) -> Path | None:
    """Before migrating an existing SQLite file: a backup beside it, named after the old revision."""
    source = _file_of(engine)
    if source is None or not source.exists():
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return backup(engine, source.with_name(f"{source.name}.before-{revision}-{stamp}.bak"))
