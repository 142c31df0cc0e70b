"""Backups, restores and integrity checks of the database file itself."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import URL, Connection, Engine, text

from tasktrack.errors import UserError, Words
from tasktrack.i18n import t
from tasktrack.store import chain
from tasktrack.store.chain import Verdict
from tasktrack.store.engine import BUSY_TIMEOUT_MS, read_only_uri, sqlite_path
from tasktrack.store.files import Protected, check_output, staged_path


@dataclass
class CheckReport:
    """What `db check` found; ok only when every list is empty, the change log's hash chain holds and
    every head asked about is in it."""

    integrity: list[str] = field(default_factory=list)
    foreign_keys: list[Words] = field(default_factory=list)  # a row pointing at nothing, an unchecked key
    files: list[str] = field(default_factory=list)
    leftovers: list[str] = field(default_factory=list)  # temporary files of killed writes
    chain: Verdict | None = None

    @property
    def missing_heads(self) -> list[str]:
        found = self.chain.found if self.chain is not None else None
        return [h for h, rid in (found or {}).items() if rid is None]

    @property
    def ok(self) -> bool:
        chain_ok = self.chain is None or self.chain.ok
        listed = self.integrity or self.foreign_keys or self.files or self.leftovers or self.missing_heads
        return not listed and chain_ok


def _file_of(engine: Engine) -> Path | None:
    return sqlite_path(engine.url.render_as_string(hide_password=False))


def backup(engine: Engine, dest: Path, *, lang: str = "zh") -> Path:
    """A consistent copy of a live database (SQLite online backup API; pg_dump for PostgreSQL) in a new
    file: never over an existing one or the database, written whole or not at all (see store.files)."""
    source = _file_of(engine)
    check_output(dest, Protected(source, None), force=False, never_replace=True, lang=lang)
    if source is not None and not source.is_file():
        raise UserError("err.store.no_db", path=source)
    try:
        if source is None:
            return _pg_dump(engine, dest)
        # The copy is made in a private directory beside dest and renamed to it when it is complete:
        # no name that someone else could plant a link at (an old DEST.partial) is ever opened.
        with staged_path(dest, mode=_mode(source)) as tmp:
            _sqlite_backup(source, tmp)
    except FileExistsError:  # made by someone else while we copied
        raise UserError(t("out.exists_never", lang, path=dest)) from None
    return dest


def _mode(path: Path) -> int:
    """A backup holds what the database holds: the same permissions (never more)."""
    return stat.S_IMODE(path.stat().st_mode) & 0o666


def _sqlite_backup(source: Path, tmp: Path) -> None:
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
    finally:
        src.close()


def _pg_dump(engine: Engine, dest: Path) -> Path:
    """pg_dump into a new file. The password goes to pg_dump in its environment (PGPASSWORD), which only
    this account can read, never on its command line, which every account sees in `ps`."""
    url = engine.url
    bare = URL.create(
        "postgresql",
        username=url.username,
        host=url.host,
        port=url.port,
        database=url.database,
        query=url.query,
    ).render_as_string(hide_password=False)
    env = dict(os.environ)
    if url.password is not None:
        env["PGPASSWORD"] = str(url.password)
    with staged_path(dest) as tmp:
        try:
            proc = subprocess.run(
                ["pg_dump", "--format=custom", "--enable-row-security", f"--file={tmp}", bare],
                capture_output=True,
                text=True,
                timeout=3600,
                env=env,
            )
        except FileNotFoundError:
            raise UserError("err.store.no_pg_dump") from None
        if proc.returncode != 0:
            why = proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else proc.returncode
            raise UserError("err.store.pg_dump_failed", why=why)
    return dest


@dataclass(frozen=True)
class LedgerSummary:
    """What a SQLite ledger file holds, in a few numbers: shown before a restore replaces one by another."""

    path: Path
    revision: str
    plans: int
    milestones: int
    changes: int
    last_change: str | None  # the newest change's time, as stored (UTC)
    coordinators: tuple[str, ...]
    members: int

    def line(self, lang: str = "en") -> str:
        from tasktrack.i18n import t

        last = self.last_change or t("none", lang)
        return t(
            "restore.summary", lang, path=self.path, revision=self.revision, plans=self.plans,
            milestones=self.milestones, changes=self.changes, last=last, members=self.members,
        )  # fmt: skip


_CHAIN_KINDS = {  # a change-log problem (store.chain.Problem.kind) as a refusal names it
    "unhashed": "err.store.chain_kind.unhashed",
    "altered": "err.store.chain_kind.altered",
    "unlinked": "err.store.chain_kind.unlinked",
    "unreadable": "err.store.chain_kind.unreadable",
}


def known_revisions() -> set[str]:
    """Every schema revision this code's migrations know."""
    from alembic.script import ScriptDirectory

    from tasktrack.store.schema import migrations_dir

    return {s.revision for s in ScriptDirectory(str(migrations_dir())).walk_revisions()}


def summarize(path: Path, *, checked: bool = True) -> LedgerSummary:
    """Read a SQLite file as a tasktrack ledger, refusing one that is not: empty, damaged, another
    program's database, or a schema revision these migrations do not know; `checked` also requires its
    references and change-log chain to hold (a backup to restore; not the ledger it replaces, which may be
    broken: that is why one restores)."""
    if not path.is_file():
        raise UserError("err.store.no_backup", path=path)
    if path.stat().st_size == 0:
        raise UserError("err.store.empty", path=path)
    problems = _integrity(sqlite3.connect(read_only_uri(path), uri=True))
    if problems:
        raise UserError("err.store.integrity", path=path, problem=problems[0])
    conn = sqlite3.connect(read_only_uri(path), uri=True)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not {"alembic_version", "plan", "milestone", "change", "member"} <= tables:
            raise UserError("err.store.not_ledger", path=path)
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        if revision is None or revision[0] not in known_revisions():
            known = revision[0] if revision else Words("err.store.revision_none")
            raise UserError("err.store.unknown_revision", path=path, revision=known)
        broken = conn.execute("PRAGMA foreign_key_check").fetchall() if checked else []
        if broken:
            raise UserError("err.store.broken_refs", path=path, count=len(broken), table=broken[0][0])
        if checked and "hash" in {r[1] for r in conn.execute("PRAGMA table_info(change)")}:  # from revision 0005
            verdict = chain.verify(conn)
            if not verdict.ok:
                first = verdict.problems[0]
                kind = Words(_CHAIN_KINDS[first.kind]) if first.kind in _CHAIN_KINDS else first.kind
                raise UserError("err.store.chain", path=path, row=first.id, kind=kind)

        def count(table: str) -> int:
            return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # noqa: S608 - names above

        last = conn.execute("SELECT max(at) FROM change").fetchone()[0]
        coordinators = tuple(
            r[0] for r in conn.execute("SELECT account FROM member WHERE role = 'coordinator' ORDER BY account")
        )
        return LedgerSummary(
            path,
            revision[0],
            count("plan"),
            count("milestone"),
            count("change"),
            str(last) if last is not None else None,
            coordinators,
            count("member"),
        )
    except sqlite3.DatabaseError as exc:
        raise UserError("err.store.unreadable", path=path, why=exc) from None
    finally:
        conn.close()


def restore(engine: Engine, source: Path, keep: Path) -> None:
    """Replace the live SQLite database's content with a checked backup, through the backup API, after
    copying the current content to `keep` (a new file). Checks are the caller's: summarize() the
    source, and the acting account's rights, before calling this."""
    target = _file_of(engine)
    if target is None:
        raise UserError("err.store.pg_restore")
    summarize(source)  # checked again right before use: the file may have changed since it was shown
    backup(engine, keep)
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
                Words("err.store.fk_row", table=r[0], row=r[1], parent=r[2])
                for r in conn.execute(text("PRAGMA foreign_key_check"))
            ]
        else:
            report.foreign_keys = _pg_invalid_constraints(conn)
        if not report.integrity:  # a damaged file is not read row by row
            report.chain = chain.verify(conn, heads)
    return report


def _pg_invalid_constraints(conn: Connection) -> list[Words]:
    rows = conn.execute(
        text(
            "SELECT conrelid::regclass::text, conname FROM pg_constraint "
            "WHERE contype = 'f' AND NOT convalidated"
        )
    )
    return [Words("err.store.fk_unvalidated", table=table, name=name) for table, name in rows]


def pre_migration_backup(engine: Engine, revision: str) -> Path | None:
    """Before migrating an existing SQLite file: a backup beside it, named after the old revision."""
    source = _file_of(engine)
    if source is None or not source.exists():
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return backup(engine, source.with_name(f"{source.name}.before-{revision}-{stamp}.bak"))
