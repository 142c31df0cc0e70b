"""The one date parser: dates as plans, people and scraped documents write them, and relative dates."""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta

from tasktrack.domain.text import either
from tasktrack.errors import Said, Words

__all__ = [
    "PRECISIONS",
    "DateError",
    "DutyPeriod",
    "ParsedDate",
    "Recurrence",
    "format_cn",
    "parse_date",
    "parse_day",
    "parse_deadline",
    "parse_recurrence",
]

PRECISIONS = ("day", "dekad", "month", "quarter", "half", "year", "period")
# 2021-08-23, 2021年8月23日, 2021年底, 2021年三季度, +3d or next friday (或)
_EXAMPLES = Words("err.dom.date.examples")
_EXAMPLE_YEAR = 2021


class DateError(Said, ValueError):
    """A date that cannot be read: catalogue words (a key and its parameters) naming the input and how to
    write it; str() is the English line, `said(exc, lang)` the reader's."""

    def __init__(self, message: str | Words, /, **params: object) -> None:
        super().__init__(self._say(message, params))


@dataclass(frozen=True)
class ParsedDate:
    value: date  # the due date / the date meant (end of the span for spans)
    text: str  # the input as given (stripped)
    precision: str  # one of PRECISIONS
    start: date | None = None  # first day of the span; None for single days
    aspirational: bool = False  # 力争 / 争取
    recurring: bool = False  # 每年
    baseline: bool = False  # 截至2020年: an "as of", not a deadline
    recurrence: Recurrence | None = None  # 每月25日前, 每季度末, 双月: a deadline in every period


@dataclass(frozen=True)
class DutyPeriod:
    """One period of a recurring duty: its first and last day and the day its report is due."""

    start: date
    end: date
    deadline: date

    @property
    def label(self) -> str:
        """The period as reports name it: 2021-10, 2021Q4, 2021H2, 2021; two months as 2021-09/10."""
        y, m1, m2 = self.start.year, self.start.month, self.end.month
        span = m2 - m1 + 1
        if span == 1:
            return f"{y}-{m1:02d}"
        if span == 3:
            return f"{y}Q{m2 // 3}"
        if span == 6:
            return f"{y}H{m2 // 6}"
        return str(y) if span == 12 else f"{y}-{m1:02d}/{m2:02d}"


@dataclass(frozen=True)
class Recurrence:
    """A recurring deadline (每月25日前, 每季度末, 双月, 每半年): the calendar year cut into periods of
    `months` months (1, 2, 3, 6 or 12), each due on `day` of its last month (clamped to the month's
    length), or on its last day when `day` is None."""

    months: int
    day: int | None = None
    text: str = ""

    def __post_init__(self) -> None:
        if self.months not in (1, 2, 3, 6, 12):
            raise ValueError(f"a recurrence runs over 1, 2, 3, 6 or 12 months, not {self.months}")
        if self.day is not None and not 1 <= self.day <= 31:
            raise ValueError(f"a recurrence's day is 1 to 31, not {self.day}")

    @property
    def precision(self) -> str:
        return {1: "month", 2: "month", 3: "quarter", 6: "half", 12: "year"}[self.months]

    def period_of(self, d: date) -> DutyPeriod:
        """The period `d` falls in, with its deadline."""
        first = (d.month - 1) // self.months * self.months + 1
        last = first + self.months - 1
        end = date(d.year, last, calendar.monthrange(d.year, last)[1])
        deadline = end if self.day is None else end.replace(day=min(self.day, end.day))
        return DutyPeriod(date(d.year, first, 1), end, deadline)

    def periods(self, start: date, end: date) -> list[DutyPeriod]:
        """Every period whose deadline falls from `start` to `end` (both included), in order."""
        out: list[DutyPeriod] = []
        if end < start:
            return out
        p = self.period_of(start)
        while p.deadline <= end:
            if p.deadline >= start:
                out.append(p)
            if p.end.year == date.max.year and p.end.month == 12:
                break
            p = self.period_of(p.end + timedelta(days=1))
        return out

    def next_deadline(self, d: date) -> date:
        """The first deadline on or after `d`."""
        p = self.period_of(d)
        return p.deadline if p.deadline >= d else self.period_of(p.end + timedelta(days=1)).deadline


def format_cn(d: date) -> str:
    """2021年8月23日."""
    return f"{d.year:04d}年{d.month}月{d.day}日"


def parse_day(text: str, *, today: date | None = None, year: int | None = None) -> date:
    """The date meant by `text` (the end of a span); see parse_date."""
    return parse_date(text, today=today, year=year).value


def parse_date(text: str, *, today: date | None = None, year: int | None = None) -> ParsedDate:
    """Read `text`; `today` only serves relative forms, `year` only forms that carry no year."""
    raw = text.strip()
    s = _normalize(raw)
    if not s:
        raise DateError("err.dom.date.empty", examples=_EXAMPLES)
    when = _relative(s, raw, today)
    if when is not None:
        return ParsedDate(when, raw, "day")
    cadence = _cadence(s.replace(" ", ""), raw)
    if cadence is not None:
        return _recurring(cadence, raw, year)
    s = _cn_year_digits(s.replace(" ", ""))
    flags, prefix, rest = _strip_words(s)
    core = _strip_tail(rest)
    try:
        hit = _match(core, raw, year) if core or flags["recurring"] else None
    except _NoYear:
        _match(core, raw, 2000)  # still refuse an impossible month or day (13月) as such; 2000 is a leap year
        example = today.year if today else _EXAMPLE_YEAR
        raise DateError("err.dom.date.no_year", raw=raw, fixed=_with_year(prefix, rest, example)) from None
    if hit is None:
        raise _refusal(raw, s, core)
    value, precision, start = hit
    return ParsedDate(value, raw, precision, start, flags["aspirational"], flags["recurring"], flags["baseline"])


def parse_deadline(text: str, *, today: date | None = None, year: int | None = None) -> ParsedDate:
    """One due date (a milestone's --due, a plan file's due, a 台账's 完成时限): parse_date, refusing a
    recurring deadline (每月25日前), which is a duty due in every period rather than one date."""
    parsed = parse_date(text, today=today, year=year)
    if parsed.recurrence is not None:
        raise DateError("err.dom.date.recurs", raw=parsed.text, example=parsed.value.isoformat())
    return parsed


def parse_recurrence(text: str) -> Recurrence:
    """A recurring deadline as offices write it (每月25日前, 每季度末, 双月, 每半年, 每年); DateError when
    `text` is not one (a single date is not a recurrence)."""
    raw = text.strip()
    s = _cn_year_digits(_normalize(raw).replace(" ", ""))
    cadence = _cadence(s, raw)
    if cadence is not None:
        return cadence[1]
    if re.fullmatch(r"每年(度)?(底|末)?(前|以前|之前)?", s):
        return Recurrence(12, None, raw)
    raise DateError("err.dom.date.not_recurring", raw=raw, examples=_CADENCE_EXAMPLES)


# ---- normalizing and the words around a date -------------------------------------------------

_CN_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
_FLAG_WORDS = {"截至": "baseline", "力争": "aspirational", "争取": "aspirational", "每年": "recurring"}
_PREFIXES = [*_FLAG_WORDS, "截止", "到", "至", "于", "在"]  # 截止 is a deadline word, not a baseline


def _normalize(raw: str) -> str:
    s = unicodedata.normalize("NFKC", raw).casefold().replace("\u200b", "")
    s = re.sub(r"\s+", " ", s).strip()
    return re.sub(r"^[(\[【] ?(.*?) ?[)\]】]$", r"\1", s)  # （2021年底前）


def _cn_year_digits(s: str) -> str:
    """二〇二一年 → 2021年."""
    return re.sub(r"[〇零一二三四五六七八九]{4}(?=年)", lambda m: m[0].translate(_CN_DIGITS), s)


def _strip_words(s: str) -> tuple[dict[str, bool], str, str]:
    """Leading words → (flags, the words, the rest)."""
    flags = dict.fromkeys(("aspirational", "recurring", "baseline"), False)
    i, found = 0, True
    while found:
        found = False
        for word in _PREFIXES:
            if s.startswith(word, i):
                i, found = i + len(word), True
                if word in _FLAG_WORDS:
                    flags[_FLAG_WORDS[word]] = True
    return flags, s[:i], s[i:]


def _strip_tail(s: str) -> str:
    s = re.sub(r"(以前|之前|前)?(完成)?$", "", s)
    return re.sub(r"(?:(?<=[年月度旬])|^)(底|末|内)$", "", s)


def _with_year(prefix: str, rest: str, y: int) -> str:
    body = f"{y}年{rest.removeprefix('年') or '底'}"
    return (prefix.replace("每年", "") + body).upper()


# ---- the written forms -----------------------------------------------------------------------


class _NoYear(Exception):
    """A form without a year, and no context year."""


_Hit = tuple[date, str, date | None]
_NUM = r"\d{1,2}|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九]"
_CN_NUM = {c: i for i, c in enumerate("一二三四五六七八九", 1)}
_QUARTERS = {"1": 1, "2": 2, "3": 3, "4": 4, "一": 1, "二": 2, "三": 3, "四": 4}
_DEKADS = {"上旬": (1, 10), "中旬": (11, 20), "下旬": (21, 31)}


def _year(g: str | None, ctx: int | None) -> int:
    if g:
        return int(g)
    if ctx is None:
        raise _NoYear
    return ctx


def _num(g: str) -> int:
    """8, 08, 八, 十, 十二, 二十三 → int."""
    if g.isdigit():
        return int(g)
    if "十" not in g:
        return _CN_NUM[g]
    tens, _, units = g.partition("十")
    return _CN_NUM.get(tens, 1) * 10 + _CN_NUM.get(units, 0)


def _valid(y: int, m: int, d: int) -> bool:
    return y >= 1 and 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]


def _day(y: int, m: int, d: int, raw: str) -> date:
    if y < 1:
        raise DateError("err.dom.date.year0", raw=raw, example="2021-08-23")
    if not 1 <= m <= 12:
        raise DateError("err.dom.date.month", raw=raw, m=m, y=y)
    last = calendar.monthrange(y, m)[1]
    if not 1 <= d <= last:
        raise DateError("err.dom.date.no_such_day", raw=raw, y=y, m=m, last=last)
    return date(y, m, d)


def _span(y: int, m1: int, m2: int, raw: str, precision: str) -> _Hit:
    """Months m1..m2 of year y: (last day, precision, first day)."""
    return _day(y, m2, 1, raw) + relativedelta(day=31), precision, _day(y, m1, 1, raw)


def _f_period(g: dict[str, str], ctx: int | None, raw: str) -> _Hit:
    a, b = int(g["a"]), int(g["b"])
    if b < a:
        raise DateError("err.dom.date.backwards", raw=raw, a=a, b=b)
    return _day(b, 12, 31, raw), "period", _day(a, 1, 1, raw)


def _f_iso_day(g: dict[str, str], ctx: int | None, raw: str) -> _Hit:
    return _day(int(g["y"]), int(g["m"]), int(g["d"]), raw), "day", None


def _f_compact(g: dict[str, str], ctx: int | None, raw: str) -> _Hit | None:
    """20210823 only when it is a calendar date; other digit runs are refused as lost 年月日."""
    y, m, d = int(g["y"]), int(g["m"]), int(g["d"])
    return (date(y, m, d), "day", None) if _valid(y, m, d) else None


def _f_cn_day(g: dict[str, str], ctx: int | None, raw: str) -> _Hit:
    return _day(_year(g["y"], ctx), _num(g["m"]), _num(g["d"]), raw), "day", None


def _f_month(g: dict[str, str], ctx: int | None, raw: str) -> _Hit:
    y, m = _year(g["y"], ctx), _num(g["m"])
    if not g.get("t"):
        return _span(y, m, m, raw, "month")
    first, last = _DEKADS[g["t"]]
    start = _day(y, m, first, raw)
    return min(start + timedelta(days=last - first), start + relativedelta(day=31)), "dekad", start


def _f_quarter(g: dict[str, str], ctx: int | None, raw: str) -> _Hit:
    q = _QUARTERS[g["q"]]
    return _span(_year(g["y"], ctx), 3 * q - 2, 3 * q, raw, "quarter")


def _f_half(g: dict[str, str], ctx: int | None, raw: str) -> _Hit:
    first = 7 if g["h"] == "下" else 1  # 上半年, 年中: the first half
    return _span(_year(g["y"], ctx), first, first + 5, raw, "half")


def _f_year(g: dict[str, str], ctx: int | None, raw: str) -> _Hit:
    return _span(_year(g["y"], ctx), 1, 12, raw, "year")


_Form = Callable[[dict[str, str], int | None, str], _Hit | None]
_FORMS: list[tuple[re.Pattern[str], _Form]] = [
    (re.compile(p), f)
    for p, f in (
        (r"(?P<a>\d{4})年?(?:—+|–|-|~|〜|至|到)(?P<b>\d{4})年?", _f_period),
        (r"(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})", _f_iso_day),
        (r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})", _f_month),
        (r"(?P<y>\d{4})(?P<m>\d\d)(?P<d>\d\d)", _f_compact),
        (rf"(?:(?P<y>\d{{4}})年)?(?P<m>{_NUM})月(?P<d>{_NUM})(?:日|号)?", _f_cn_day),
        (rf"(?:(?P<y>\d{{4}})年)?(?P<m>{_NUM})月份?(?P<t>上旬|中旬|下旬)?", _f_month),
        (r"(?:(?P<y>\d{4})年?-?)?第?(?P<q>[1-4一二三四])季度", _f_quarter),
        (r"(?:(?P<y>\d{4})年?-?)?q(?P<q>[1-4])", _f_quarter),
        (r"q(?P<q>[1-4])-?(?P<y>\d{4})年?", _f_quarter),
        (r"(?:(?P<y>\d{4})年)?(?P<h>[上下])半年", _f_half),
        (r"(?:(?P<y>\d{4})年|年)(?P<h>中)", _f_half),
        (r"(?:(?P<y>\d{4})年)?全年", _f_year),
        (r"(?P<y>\d{4})?(?:年度?)?", _f_year),
    )
]


def _match(core: str, raw: str, ctx: int | None) -> _Hit | None:
    for pattern, form in _FORMS:
        m = pattern.fullmatch(core)
        if m:
            hit = form(m.groupdict(), ctx, raw)
            if hit is not None:
                return hit
    return None


# ---- recurring deadlines (每月25日前, 每季度末, 双月, 每半年) ----------------------------------------

_CADENCE_EXAMPLES = Words("err.dom.date.cadence_examples")  # 每月25日前, 每季度末, 双月, 每半年
_END = r"(?:底|末|结束)?(?:前|以前|之前)?"
_DAY = rf"(?:(?P<d>{_NUM})(?:日|号))"
_CADENCES: list[tuple[re.Pattern[str], int]] = [
    (re.compile(rf"(?:(?P<y>\d{{4}})年)?每(?:个)?月{_DAY}?{_END}"), 1),
    (re.compile(rf"(?:(?P<y>\d{{4}})年)?(?:每)?(?:双月|两个月|每两月){_END}"), 2),
    (re.compile(rf"(?:(?P<y>\d{{4}})年)?每(?:个)?季度?(?:末月{_DAY}(?:前|以前|之前)?|{_END})"), 3),
    (re.compile(rf"(?:(?P<y>\d{{4}})年)?每半年(?:度)?{_END}"), 6),
]


def _cadence(s: str, raw: str) -> tuple[int | None, Recurrence] | None:
    """(the year written, if any; the recurrence) when `s` is a recurring deadline (报送/完成 may follow)."""
    body = re.sub(r"(?:报送|完成)$", "", s)
    hit = _cadence_prefix(body, raw)
    if hit is None or hit[3] != len(body):
        return None
    year, months, day, _ = hit
    return year, Recurrence(months, day, raw)


def _cadence_prefix(s: str, raw: str) -> tuple[int | None, int, int | None, int] | None:
    """The longest recurring deadline `s` opens with: (the year written, months, day, where it ends in `s`)."""
    best: tuple[re.Match[str], int] | None = None
    for pattern, months in _CADENCES:
        m = pattern.match(s)
        if m is not None and (best is None or m.end() > best[0].end()):
            best = (m, months)
    if best is None:
        return None
    m, months = best
    day = _num(m["d"]) if m.groupdict().get("d") else None
    if day is not None and not 1 <= day <= 31:
        raise DateError("err.dom.date.cadence_day", raw=raw, day=day)
    return (int(m["y"]) if m["y"] else None), months, day, m.end()


def split_recurrence(text: str) -> tuple[Recurrence, str]:
    """A phrase that opens with a recurring deadline and goes on to say what is due (每月25日前报送进展):
    (the recurrence, the rest: 报送进展). DateError when it does not open with one."""
    raw = _cn_year_digits(_normalize(" ".join(str(text).split())).replace(" ", ""))
    hit = _cadence_prefix(raw, raw)
    if hit is None:
        raise DateError("err.dom.date.no_cadence", raw=text, examples=_CADENCE_EXAMPLES)
    _, months, day, end = hit
    return Recurrence(months, day, raw[:end]), raw[end:]


def _recurring(cadence: tuple[int | None, Recurrence], raw: str, ctx: int | None) -> ParsedDate:
    """A recurring deadline as one date: its first deadline in the year written or given."""
    written, rec = cadence
    y = written or ctx
    if y is None:
        raise DateError("err.dom.date.no_year", raw=raw, fixed=f"{_EXAMPLE_YEAR}年{raw}")
    if y < 1:
        raise DateError("err.dom.date.year0", raw=raw, example=f"{_EXAMPLE_YEAR}年{raw}")
    p = rec.period_of(date(y, 1, 1))
    return ParsedDate(p.deadline, raw, rec.precision, p.start, recurring=True, recurrence=rec)


# ---- relative forms --------------------------------------------------------------------------

_WORDS = dict.fromkeys(("today", "今天", "今日"), 0) | dict.fromkeys(("tomorrow", "明天", "明日"), 1)
_WORDS |= dict.fromkeys(("yesterday", "昨天", "昨日"), -1)
_UNITS = {"d": "days", "w": "weeks", "m": "months", "y": "years"}
_EN_NAMES = (
    "monday mon|tuesday tue tues|wednesday wed|thursday thu thur thurs|friday fri|saturday sat|sunday sun"
)
_EN_DAYS = {name: i for i, names in enumerate(_EN_NAMES.split("|")) for name in names.split()}
_CN_DAYS = {c: i for i, c in enumerate("一二三四五六日")} | {"天": 6}
_OFFSET = re.compile(r"([+-]) ?(\d+) ?([dwmy])")
_IN = re.compile(r"in (\d+) (day|week|month|year)s?")
_EN_WEEKDAY = re.compile(rf"(?:next )?({'|'.join(sorted(_EN_DAYS, key=len, reverse=True))})")
_CN_WEEKDAY = re.compile(r"(本|这|下|上)?(?:周|星期|礼拜)([一二三四五六日天])")


def _relative(s: str, raw: str, today: date | None) -> date | None:
    shift = _relative_form(s)
    if shift is None:
        return None
    if today is None:
        raise DateError("err.dom.date.relative", raw=raw)
    return shift(today)


def _relative_form(s: str) -> Callable[[date], date] | None:
    if s in _WORDS:
        return lambda t: t + timedelta(days=_WORDS[s])
    if m := _OFFSET.fullmatch(s):
        n = int(m[2]) * (-1 if m[1] == "-" else 1)
        offset: dict[str, Any] = {_UNITS[m[3]]: n}
        return lambda t: t + relativedelta(**offset)
    if m := _IN.fullmatch(s):
        step: dict[str, Any] = {m[2] + "s": int(m[1])}
        return lambda t: t + relativedelta(**step)
    if m := _EN_WEEKDAY.fullmatch(s):
        weekday = _EN_DAYS[m[1]]
        return lambda t: _after(t, weekday)
    if m := _CN_WEEKDAY.fullmatch(s):
        return lambda t: _cn_weekday(t, m[1], _CN_DAYS[m[2]])
    return None


def _after(today: date, weekday: int) -> date:
    """The first `weekday` strictly after today (friday, next friday, 周五)."""
    return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def _cn_weekday(today: date, which: str | None, weekday: int) -> date:
    """周五: the next Friday; 本周五/这周五, 下周五, 上周五: in this, next, last Monday-to-Sunday week."""
    if which is None:
        return _after(today, weekday)
    monday = today - timedelta(days=today.weekday())
    return monday + timedelta(days=weekday + {"本": 0, "这": 0, "下": 7, "上": -7}[which])


# ---- refusals --------------------------------------------------------------------------------

_AMBIGUOUS = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{2}|\d{4})")
_TWO_DIGIT_YEAR = re.compile(r"(?<!\d)(\d{2})年")


def _refusal(raw: str, s: str, core: str) -> DateError:
    if re.fullmatch(r"\d{5,8}", core):
        return _lost(raw, core)
    if m := _AMBIGUOUS.fullmatch(core):
        return _ambiguous(raw, int(m[1]), int(m[3]), m[4])
    if re.fullmatch(r"\d{1,2}[-/.]\d{1,2}", core):
        return DateError("err.dom.date.no_order", raw=raw)
    if _TWO_DIGIT_YEAR.search(s):
        fixed = _TWO_DIGIT_YEAR.sub(r"20\1年", s, count=1).upper()
        return DateError("err.dom.date.two_digit_year", raw=raw, fixed=fixed)
    if re.fullmatch(r"\d+ ?[dwmy]", core):
        return DateError("err.dom.date.sign", raw=raw, core=core)
    return DateError("err.dom.date.unreadable", raw=raw, examples=_EXAMPLES)


def _lost(raw: str, digits: str) -> DateError:
    """A digit run such as 2021824: name the readings, never pick one."""
    y, rest = int(digits[:4]), digits[4:]
    splits = [(y, int(rest[:i]), int(rest[i:])) for i in range(1, len(rest))]
    readings = [date(*r) for r in splits if _valid(*r)]
    example = readings[0] if readings else date(2021, 8, 23)
    could = (
        Words("err.dom.date.could_be", dates=either(d.isoformat() for d in readings))
        if len(readings) > 1
        else ""
    )
    return DateError(
        "err.dom.date.lost", raw=raw, could=could, iso=example.isoformat(), cn=format_cn(example)
    )


def _ambiguous(raw: str, a: int, b: int, y: str) -> DateError:
    year = int(y) + 2000 if len(y) == 2 else int(y)
    readings = [date(year, m, d) for d, m in ((a, b), (b, a)) if _valid(year, m, d)]
    example = readings[0] if readings else date(2021, 8, 23)
    why = Words("err.dom.date.why_order_year" if len(y) == 2 else "err.dom.date.why_order")
    return DateError(
        "err.dom.date.ambiguous", raw=raw, why=why, iso=example.isoformat(), cn=format_cn(example)
    )
