"""Reporting duties (报送要求) as documents write them: 每月25日前报送进展, 每季度末报送指标数据.

A duty phrase is a cadence and a deadline rule, then what is to be filed. This module reads the phrase
(`parse_duty`, through the shared parser of recurring deadlines in domain.dates) and
answers the one rule every caller uses: the deadline of a period (`deadline`), and the periods of a year
(`periods`). Period codes are those of progress reports (domain.periods): 2021-09 (month), 2021Q3.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tasktrack.domain.dates import DateError, Recurrence, split_recurrence
from tasktrack.domain.periods import period_end, period_start
from tasktrack.errors import Said, Words

CADENCES = ("monthly", "quarterly")
_CADENCE = {1: "monthly", 3: "quarterly"}  # a Recurrence's months → the progress-report periods it asks for


class DutyError(Said, ValueError):
    """A duty phrase tasktrack cannot read: catalogue words saying what it can; str() is the English line."""

    def __init__(self, message: str | Words, /, **params: object) -> None:
        super().__init__(self._say(message, params))


@dataclass(frozen=True)
class DutyRule:
    """`cadence` monthly or quarterly; `day` the day of the period's last month by which to file (None: its
    last day, 月底 / 季度末); `what` what is filed (报送进展)."""

    cadence: str
    day: int | None
    what: str


def parse_duty(text: str) -> DutyRule:
    """每月25日前报送进展 → monthly, day 25, 报送进展; 每月底前… ; 每季度末报送指标数据 → quarterly, end of quarter;
    每季度末月20日前… → quarterly, the 20th of the quarter's last month. The deadline is read by the one
    parser of recurring deadlines (domain.dates.split_recurrence)."""
    try:
        rec, what = split_recurrence(text)
    except DateError:
        rec, what = None, ""
    if rec is None or rec.months not in _CADENCE:
        raise DutyError("err.dom.duty.unreadable", text=text)
    what = what.strip(" ，,：:")
    if not what:
        raise DutyError("err.dom.duty.no_what", text=text)
    return DutyRule(_CADENCE[rec.months], rec.day, what)


def recurrence(rule: DutyRule) -> Recurrence:
    """The duty's deadline rule as the shared Recurrence (a day past a month's end falls on its last day)."""
    return Recurrence(next(m for m, c in _CADENCE.items() if c == rule.cadence), rule.day)


def periods(rule: DutyRule, year: int) -> list[str]:
    """The periods of `year` the duty asks a filing for, in order: 2021-01 … 2021-12, or 2021Q1 … 2021Q4."""
    if rule.cadence == "monthly":
        return [f"{year}-{m:02d}" for m in range(1, 13)]
    return [f"{year}Q{q}" for q in range(1, 5)]


def deadline(rule: DutyRule, period: str) -> date:
    """The last day a filing for `period` is on time: the rule's day of the period's last month, or its last day."""
    return recurrence(rule).period_of(period_end(period)).deadline


def period_of(rule: DutyRule, day: date) -> str:
    """The duty's period that `day` falls in."""
    if rule.cadence == "monthly":
        return f"{day.year}-{day.month:02d}"
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def is_open(rule: DutyRule, period: str, as_of: date) -> bool:
    """Whether a filing for `period` can be asked for on `as_of` (the period has begun)."""
    return period_start(period) <= as_of
