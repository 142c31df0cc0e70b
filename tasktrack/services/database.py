"""The database as a whole, for `tasktrack init` and `tasktrack db`: its schema revision, a consistent
backup, a checked restore and the integrity check. The front ends call these; tasktrack.store does the
work (and is imported only when one of them runs)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tasktrack.services.ledger import Ledger
    from tasktrack.store.chain import Problem as ChainProblem
    from tasktrack.store.chain import Verdict as ChainVerdict
    from tasktrack.store.maintenance import CheckReport, LedgerSummary

# With the functions, the store's report types, for the CLI's annotations (it never imports tasktrack.store).
__all__ = ["ChainProblem", "ChainVerdict", "CheckReport", "backup", "check", "current", "restore", "revision",
           "sqlite_target", "summarize"]


def revision(ledger: Ledger) -> str | None:
    """The schema revision of an open ledger's database."""
    from tasktrack.store.schema import current_revision

    return current_revision(ledger.ctx.engine)


def current(location: str) -> tuple[str | None, str]:
    """The schema revision of the database at `location` (None: no schema yet), read without migrating
    it, and the newest revision this code knows."""
    from tasktrack.store.engine import make_engine, normalize_url
    from tasktrack.store.revision import HEAD
    from tasktrack.store.schema import current_revision

    return current_revision(make_engine(normalize_url(location))), HEAD


def backup(location: str, dest: Path, *, lang: str) -> Path:
    """A consistent copy of the database at `location` as it is (opening a ledger would first migrate an
    older one), written to the new file `dest`; the path written."""
    from tasktrack.store.engine import make_engine, normalize_url
    from tasktrack.store.maintenance import backup as do_backup

    return do_backup(make_engine(normalize_url(location)), dest, lang=lang)


def sqlite_target(location: str) -> Path | None:
    """The SQLite file the database at `location` is; None on PostgreSQL."""
    from tasktrack.store.engine import normalize_url, sqlite_path

    return sqlite_path(normalize_url(location))


def summarize(path: Path, *, checked: bool = True) -> LedgerSummary:
    """What a ledger file holds, checked as a restore checks it (`checked`: its references and history
    too, as a backup to restore must pass; not the ledger it replaces)."""
    from tasktrack.store.maintenance import summarize as do_summarize

    return do_summarize(path, checked=checked)


def restore(location: str, source: Path, keep: Path) -> None:
    """Replace the SQLite database at `location` with the backup `source`, keeping the current file as
    `keep`."""
    from tasktrack.store.engine import make_engine, normalize_url
    from tasktrack.store.maintenance import restore as do_restore

    do_restore(make_engine(normalize_url(location)), source, keep)


def check(ledger: Ledger, heads: Sequence[str] = ()) -> CheckReport:
    """The database's integrity, its foreign keys and the change log's hash chain (with `heads`: whether
    each of those chain heads is in it)."""
    from tasktrack.store.maintenance import check as do_check

    return do_check(ledger.ctx.engine, heads)
