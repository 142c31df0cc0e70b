"""Row sources for the paged tables: each count and fetch is a service call, run on a worker thread."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from tasktrack.services.ledger import Ledger
from tasktrack.services.views import MilestoneFilter, MilestoneView


class MilestoneSource:
    """Milestones matching a filter, a page at a time through MilestoneService.list(limit/offset) and count."""

    def __init__(self, ledger: Ledger, f: MilestoneFilter, as_of: date | None = None) -> None:
        self.ledger = ledger
        self.filter = f
        self.as_of = as_of

    def count(self) -> int:
        return self.ledger.milestones.count(replace(self.filter, limit=None, offset=0), self.as_of)

    def fetch(self, offset: int, limit: int) -> list[MilestoneView]:
        return self.ledger.milestones.list(replace(self.filter, limit=limit, offset=offset), self.as_of)
