"""Reporting periods for the reports: the rules live in tasktrack.domain.periods (services need them too)."""

from __future__ import annotations

from tasktrack.domain.periods import period_end, period_start

__all__ = ["period_end", "period_start"]
