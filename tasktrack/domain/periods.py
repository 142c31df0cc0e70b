"""Reporting periods (2021, 2021H2, 2021Q4, 2021-12, 2021-W50): their first and last day, and which progress
report is the newest."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Generic, Protocol, TypeVar

from tasktrack.errors import Said, Words

_FORM = re.compile(r"(\d{4})(?:H([12])|Q([1-4])|-(\d{2})|-W(\d{2}))?$")


class PeriodError(Said, ValueError):
    """Text that is no reporting period: catalogue words saying how to write one; str() is the English line."""

    def __init__(self, message: str | Words, /, **params: object) -> None:
        super().__init__(self._say(message, params))


def _months(period: str) -> tuple[date, date]:
    m = _FORM.match(period.strip().upper())
    if m is None:
        raise ValueError(f"not a period: {period!r}")
    year = int(m.group(1))
    half, quarter, month, week = m.group(2), m.group(3), m.group(4), m.group(5)
    if week:
        monday = date.fromisocalendar(year, int(week), 1)
        return monday, monday + timedelta(days=6)
    first, last = 1, 12
    if half:
        first = 1 if half == "1" else 7
        last = first + 5
    elif quarter:
        first = 3 * int(quarter) - 2
        last = first + 2
    elif month:
        first = last = int(month)
    return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])


def period_start(period: str) -> date:
    """The first day of `period`; an unknown form counts as the distant past (always shown)."""
    try:
        return _months(period)[0]
    except ValueError:
        return date.min


def period_end(period: str) -> date:
    """The last day of `period`: a reading for it is known only once the period is over."""
    try:
        return _months(period)[1]
    except ValueError:
        return date.min


PERIOD_KINDS = {"monthly": "M", "quarterly": "Q", "halfyear": "H", "annual": "Y"}


def period_of(kind: str, day: date) -> str:
    """The period of type `kind` (monthly, quarterly, halfyear, annual; weekly: the ISO week) that holds
    `day`: 2022-01, 2022Q1, 2022H1, 2022, 2022-W02."""
    if kind == "monthly":
        return f"{day.year}-{day.month:02d}"
    if kind == "quarterly":
        return f"{day.year}Q{(day.month - 1) // 3 + 1}"
    if kind == "halfyear":
        return f"{day.year}H{1 if day.month <= 6 else 2}"
    if kind == "annual":
        return str(day.year)
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def period_kind(period: str) -> str:
    """Which kind of period `period` is (see period_of); PeriodError (a ValueError) when it is none."""
    m = _FORM.match(period.strip().upper())
    if m is None:
        raise PeriodError("err.dom.period", period=period)
    if m.group(2):
        return "halfyear"
    if m.group(3):
        return "quarterly"
    if m.group(4):
        return "monthly"
    if m.group(5):
        return "weekly"
    return "annual"


class _Report(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def task_id(self) -> int: ...
    @property
    def milestone_id(self) -> int | None: ...
    @property
    def period(self) -> str: ...


R = TypeVar("R", bound=_Report)


def report_rank(report: _Report) -> tuple[date, int]:
    """How progress reports are ordered, newest last: by the start of their period, then by id (a report
    filed late for an earlier period does not push a later period's report aside)."""
    return (period_start(report.period), report.id)


class ShownReports(Generic[R]):
    """Which progress report a ledger row shows, for the 台账 export and the circular's annex alike: the
    newest (report_rank) on the milestone itself, else the newest on its whole task; with `as_of`, reports
    for a period that has not begun by then are not shown."""

    def __init__(self, reports: Iterable[R], as_of: date | None = None) -> None:
        self._newest: dict[tuple[str, int], R] = {}
        for r in reports:
            if as_of is not None and period_start(r.period) > as_of:
                continue
            key = ("milestone", r.milestone_id) if r.milestone_id is not None else ("task", r.task_id)
            best = self._newest.get(key)
            if best is None or report_rank(r) > report_rank(best):
                self._newest[key] = r

    def of(self, milestone_id: int, task_id: int) -> R | None:
        """The report shown for milestone `milestone_id` of task `task_id`, or None."""
        return self._newest.get(("milestone", milestone_id)) or self._newest.get(("task", task_id))
