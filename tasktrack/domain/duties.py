"""Reporting duties (报送要求) as documents write them: 每月25日前报送进展, 每季度末报送指标数据.

A duty phrase is a cadence and a deadline rule, then what is to be filed. This module reads the phrase
(`parse_duty`, the one place it is read; the shared cadence parser of domain.dates can take it over) and
answers the one rule every caller uses: the deadline of a period (`deadline`), and the periods of a year
(`periods`). Period codes are those of progress reports (domain.periods): 2021-09 (month), 2021Q3.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from tasktrack.domain.periods import period_end, period_start

CADENCES = ("monthly", "quarterly")


class DutyError(ValueError):
    """A duty phrase tasktrack cannot read; the message says what it can."""


@dataclass(frozen=True)
class DutyRule:
    """`cadence` monthly or quarterly; `day` the day of the period's last month by which to file (None: its
    last day, 月底 / 季度末); `what` what is filed (报送进展)."""

    cadence: str
    day: int | None
    what: str


_MONTHLY = re.compile(r"每月(?:(?P<day>\d{1,2})[日号]|(?P<end>底|末))(?:之?前|以前)?")
_QUARTERLY = re.compile(r"每季度?(?:末月(?P<day>\d{1,2})[日号](?:之?前|以前)?|(?:末|结束)(?:之?前|以前)?)")


def parse_duty(text: str) -> DutyRule:
    """每月25日前报送进展 → monthly, day 25, 报送进展; 每月底前… ; 每季度末报送指标数据 → quarterly, end of quarter;
    每季度末月20日前… → quarterly, the 20th of the quarter's last month."""
    raw = " ".join(str(text).split())
    for cadence, pattern in (("monthly", _MONTHLY), ("quarterly", _QUARTERLY)):
        m = pattern.match(raw)
        if m is None:
            continue
        day = int(m.group("day")) if m.group("day") else None
        if day is not None and not 1 <= day <= 28:
            raise DutyError(f"{text!r}: the day must be 1–28 so that every month has it (or write 每月底前)")
        what = raw[m.end():].strip(" ，,：:")
        if not what:
            raise DutyError(f"{text!r} says when but not what is filed, e.g. 每月25日前报送进展")
        return DutyRule(cadence, day, what)
    raise DutyError(
        f"{text!r} is not a duty tasktrack can read; write e.g. 每月25日前报送进展, 每月底前报送进展 or 每季度末报送指标数据"
    )


def periods(rule: DutyRule, year: int) -> list[str]:
    """The periods of `year` the duty asks a filing for, in order: 2021-01 … 2021-12, or 2021Q1 … 2021Q4."""
    if rule.cadence == "monthly":
        return [f"{year}-{m:02d}" for m in range(1, 13)]
    return [f"{year}Q{q}" for q in range(1, 5)]


def deadline(rule: DutyRule, period: str) -> date:
    """The last day a filing for `period` is on time: the rule's day of the period's last month, or its last day."""
    end = period_end(period)
    if rule.day is None:
        return end
    return date(end.year, end.month, min(rule.day, calendar.monthrange(end.year, end.month)[1]))


def period_of(rule: DutyRule, day: date) -> str:
    """The duty's period that `day` falls in."""
    if rule.cadence == "monthly":
        return f"{day.year}-{day.month:02d}"
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def is_open(rule: DutyRule, period: str, as_of: date) -> bool:
    """Whether a filing for `period` can be asked for on `as_of` (the period has begun)."""
    return period_start(period) <= as_of
