"""What a read-only command reads through: the one typed interface the light Reader and the Ledger share.

A Reader (services.reader: stdlib sqlite3, no SQLAlchemy) stands in for the Ledger on a SQLite file at
this code's schema; anything else opens the Ledger. Both answer reads through the same code
(services.milestone_reads, store.milestone_sql), and this Protocol is the seam between them, so that a
call one of them lacks is a type error rather than an AttributeError in a cron job.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from tasktrack.config import Settings
    from tasktrack.services.milestone_reads import MilestoneReads
    from tasktrack.services.overview import OverviewService
    from tasktrack.services.views import MilestoneFilter, MilestoneView


class ReadingContext(Protocol):
    """What reading services use of a context: who reads, the date, the language, the settings."""

    as_it_stood: date | None  # read the milestones as the ledger stood at the end of this day

    @property
    def actor(self) -> str | None: ...

    @property
    def lang(self) -> str: ...

    @property
    def settings(self) -> Settings: ...

    @property
    def today(self) -> date: ...


class MilestoneReading(Protocol):
    """Milestones listed, counted and read (MilestoneReads, or the Ledger's MilestoneService)."""

    def list(self, f: MilestoneFilter | None = None, as_of: date | None = None) -> list[MilestoneView]: ...

    def count(self, f: MilestoneFilter | None = None, as_of: date | None = None) -> int: ...

    def get(self, ref: str | int, as_of: date | None = None) -> MilestoneView: ...

    def reads(self) -> MilestoneReads: ...


class LedgerReader(Protocol):
    """A ledger to read: the light Reader or the full Ledger."""

    @property
    def ctx(self) -> ReadingContext: ...

    @property
    def milestones(self) -> MilestoneReading: ...

    @property
    def overview(self) -> OverviewService: ...

    def connect(self) -> AbstractContextManager[Any]:
        """One read transaction: a connection that tasktrack.store.rawsql runs SQL text on."""
        ...

    def close(self) -> None: ...
