"""The global options of one CLI run and the ledger they open, created only when a command needs it."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from tasktrack.config import Settings
    from tasktrack.services.files import Protected
    from tasktrack.services.ledger import Ledger
    from tasktrack.services.source import LedgerReader


@dataclass
class CliState:
    db: str | None = None
    actor: str | None = None
    as_of: date | None = None
    lang: str = "zh"
    settings: Settings | None = None
    _ledger: Ledger | None = field(default=None, repr=False)

    def db_location(self) -> str:
        from tasktrack.config import default_db_path

        if self.db:
            return self.db
        if env := os.environ.get("TASKTRACK_DB"):
            return env
        path = default_db_path()
        path.parent.mkdir(parents=True, exist_ok=True)  # our own data directory, not a user's --db
        return str(path)

    def ledger(self) -> Ledger:
        if self._ledger is None:
            from tasktrack.services.ledger import open_ledger

            as_of = self.as_of
            self._ledger = open_ledger(
                self.db_location(),
                actor=self.actor,
                clock=(lambda: as_of) if as_of else date.today,
                lang=self.lang,
                settings=self.settings,
                files_dir=self.files_dir(),
            )
            self._ledger.ctx.stated_on = as_of  # a write under --as-of is a record for that day
        return self._ledger

    def opened(self) -> bool:
        """Whether this run has opened the ledger yet."""
        return self._ledger is not None

    def files_dir(self) -> Path | None:
        """The evidence store TASKTRACK_FILES names; None: the default beside a SQLite file."""
        files = os.environ.get("TASKTRACK_FILES")
        return Path(files) if files else None

    def protected(self) -> Protected:
        """The database file (None on PostgreSQL) and the evidence store, found without opening either."""
        from tasktrack.services.files import Protected
        from tasktrack.services.reader import sqlite_file

        return Protected.of(sqlite_file(self.db_location()), self.files_dir())

    def output(
        self, path: Path, *, force: bool = False, never_replace: bool = False, inputs: tuple[Path, ...] = ()
    ) -> Path:
        """A file to write (-o, --out, DEST), checked before any work: never the database, its -wal/-shm/
        -journal, anything in the evidence store or the command's own input files; an existing file only
        with --force (never with `never_replace`)."""
        from tasktrack.services.files import check_output

        return check_output(
            path, self.protected(), force=force, lang=self.lang, never_replace=never_replace, inputs=inputs
        )

    def reader(self) -> LedgerReader:
        """For a command that only reads: a light Reader (no SQLAlchemy) on a SQLite file already at this
        schema, else the full Ledger (which creates, migrates or connects as usual). Both implement
        services.source.LedgerReader."""
        if self._ledger is not None:
            return self._ledger
        from tasktrack.services.reader import open_reader

        as_of = self.as_of
        found = open_reader(
            self.db_location(),
            actor=self.actor,
            clock=(lambda: as_of) if as_of else date.today,
            lang=self.lang,
            settings=self.settings,
        )
        return found if found is not None else self.ledger()

    @property
    def today(self) -> date:
        return self.as_of or date.today()

    def as_it_stood(self, source: Ledger | LedgerReader) -> date | None:
        """For a read command: with --as-of, make `source` read the ledger as it stood at the end of that
        day (rebuilt from the change log) and return the day; without, None (as it is now)."""
        if self.as_of is not None:
            source.ctx.as_it_stood = self.as_of
        return self.as_of

    def stood_header(self, source: Ledger | LedgerReader) -> str | None:
        """as_it_stood(), and the header line a read command prints then (None without --as-of)."""
        from tasktrack import present
        from tasktrack.i18n import t

        day = self.as_it_stood(source)
        return None if day is None else t("asof.header", self.lang, date=present.day(day, self.lang))


def state(ctx: typer.Context) -> CliState:
    obj = ctx.find_root().obj
    assert isinstance(obj, CliState)
    return obj
