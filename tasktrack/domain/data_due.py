"""An indicator's data deadline (数据报送时限): a recurrence (每季度末) or one date, and the reading it owes."""

from __future__ import annotations

from datetime import date, timedelta

from tasktrack.domain.dates import DateError, Recurrence, parse_deadline, parse_recurrence

__all__ = ["DateError", "data_deadline", "reading_owed"]


def data_deadline(text: str, today: date) -> Recurrence | date:
    """An indicator's data deadline as written: a recurrence (每季度末, 每月25日前, 每年 ...) or one date."""
    try:
        return parse_recurrence(text)
    except DateError:
        pass
    try:
        return parse_deadline(text, today=today).value
    except DateError:
        raise DateError("err.dom.data_due", raw=text.strip()) from None


def reading_owed(
    data_due: str | None, read: set[str], as_of: date, baseline_year: int | None
) -> tuple[str, date] | None:
    """The period whose reading is owed first, and its deadline: of the period before `as_of`'s and
    `as_of`'s own under a recurrence (each reading labelled as DutyPeriod.label: 2021Q3, 2021), the
    earliest without a reading; under one date, the year that date reports on (its own year when it is 12-31,
    else the year before: statistics come after the year). A period the baseline covers is not owed."""
    if not data_due:
        return None
    due = data_deadline(data_due, as_of)
    if isinstance(due, date):
        year = due.year if (due.month, due.day) == (12, 31) else due.year - 1
        candidates = [(str(year), due, year)]
    else:
        now = due.period_of(as_of)
        before = due.period_of(now.start - timedelta(days=1))
        candidates = [(p.label, p.deadline, p.end.year) for p in (before, now)]
    for label, deadline, year in candidates:
        if label not in read and (baseline_year is None or year > baseline_year):
            return label, deadline
    return None
