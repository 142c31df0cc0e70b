"""The first and last day of a reporting period: 2021, 2021H2, 2021Q4, 2021-12, 2021-W50."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

_FORM = re.compile(r"(\d{4})(?:H([12])|Q([1-4])|-(\d{2})|-W(\d{2}))?$")


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
