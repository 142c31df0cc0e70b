"""The one API every front end calls: open a ledger, then use its services."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path

from sqlalchemy import Connection

from tasktrack.config import Settings
from tasktrack.services.base import Context, os_account, reading
from tasktrack.services.duties import DutyService
from tasktrack.services.evidence import EvidenceService
from tasktrack.services.history import HistoryService
from tasktrack.services.indicators import IndicatorService
from tasktrack.services.links import LinkService
from tasktrack.services.loading import Loader
from tasktrack.services.milestones import MilestoneService
from tasktrack.services.overview import OverviewService
from tasktrack.services.plans import PlanService
from tasktrack.services.reports_in import ProgressService
from tasktrack.services.review import ReviewService
from tasktrack.services.tasks import TaskService
from tasktrack.services.undo import UndoService
from tasktrack.services.units import UnitService
from tasktrack.store.engine import make_engine, normalize_url
from tasktrack.store.schema import ensure_current


class Ledger:
    """A database opened for one actor, on one date, with one set of settings; to read, it is a
    services.source.LedgerReader as the light Reader is."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.plans = PlanService(ctx)
        self.tasks = TaskService(ctx)
        self.milestones = MilestoneService(ctx)
        self.units = UnitService(ctx)
        self.evidence = EvidenceService(ctx)
        self.indicators = IndicatorService(ctx)
        self.progress = ProgressService(ctx)
        self.history = HistoryService(ctx)
        self.loader = Loader(ctx)
        self.overview = OverviewService(ctx, self.milestones)
        self.undo = UndoService(ctx)
        self.review = ReviewService(ctx)
        self.links = LinkService(ctx)
        self.duties = DutyService(ctx)

    def connect(self) -> AbstractContextManager[Connection]:
        """One read transaction (services.source.LedgerReader)."""
        return reading(self.ctx)

    def close(self) -> None:
        self.ctx.engine.dispose()


def open_ledger(
    db: str,
    *,
    actor: str | None = None,
    clock: Callable[[], date] = date.today,
    lang: str = "zh",
    settings: Settings | None = None,
    files_dir: Path | None = None,
    migrate: bool = True,
) -> Ledger:
    """Open (and on first use create and migrate) the database at `db`, a path or a SQLAlchemy URL."""
    engine = make_engine(normalize_url(db))
    ensure_current(engine, migrate=migrate)
    ctx = Context(
        engine=engine,
        actor=actor or os_account(),
        clock=clock,
        lang=lang,
        settings=settings or Settings(),
        files_dir=files_dir,
    )
    return Ledger(ctx)
