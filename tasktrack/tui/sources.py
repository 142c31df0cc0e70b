"""Row sources for the paged tables: each count and fetch is a service call, run on a worker thread."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date

from tasktrack.services.ledger import Ledger
from tasktrack.services.views import MilestoneFilter, MilestoneView


class MilestoneSource:
    """Milestones matching a filter, a page at a time through MilestoneService.list(limit/offset) and count.

    Under --as-of (ctx.as_it_stood) each list or count rebuilds the filter's milestones from the change log,
    and nothing can change them: they are rebuilt once, on the first count or fetch, and paged from there."""

    def __init__(self, ledger: Ledger, f: MilestoneFilter, as_of: date | None = None) -> None:
        self.ledger = ledger
        self.filter = f
        self.as_of = as_of
        self._stood: list[MilestoneView] | None = None
        self._rebuilding: bool | None = None
        self._lock = threading.Lock()

    def _rebuilt(self) -> list[MilestoneView] | None:
        if getattr(self.ledger.ctx, "as_it_stood", None) is None:
            return None
        with self._lock:  # count and the first page run on two workers at once
            if self._rebuilding is None:  # (when the ledger then is the ledger now, SQL pages as usual)
                self._rebuilding = self.ledger.milestones.reads().rebuilding()
            if self._rebuilding and self._stood is None:
                self._stood = self.ledger.milestones.list(
                    replace(self.filter, limit=None, offset=0), self.as_of
                )
            return self._stood

    def count(self) -> int:
        stood = self._rebuilt()
        if stood is not None:
            return len(stood)
        return self.ledger.milestones.count(replace(self.filter, limit=None, offset=0), self.as_of)

    def fetch(self, offset: int, limit: int) -> list[MilestoneView]:
        stood = self._rebuilt()
        if stood is not None:
            return stood[offset : offset + limit]
        return self.ledger.milestones.list(replace(self.filter, limit=limit, offset=offset), self.as_of)
