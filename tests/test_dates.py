"""The one date parser: every written form, every relative form, every refusal."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tasktrack.domain.dates import (
    PRECISIONS,
    DateError,
    ParsedDate,
    Recurrence,
    format_cn,
    parse_date,
    parse_day,
    parse_deadline,
    parse_recurrence,
)

D = date
TODAY = D(2021, 9, 15)  # a Wednesday


# (text, value, precision, start) for forms that carry their own year
WRITTEN = [
    # ISO and its cousins
    ("2021-08-23", D(2021, 8, 23), "day", None),
    ("2021/8/23", D(2021, 8, 23), "day", None),
    ("2021.8.23", D(2021, 8, 23), "day", None),
    ("2021-8-3", D(2021, 8, 3), "day", None),
    ("20210823", D(2021, 8, 23), "day", None),
    ("2024-02-29", D(2024, 2, 29), "day", None),
    ("2021-08", D(2021, 8, 31), "month", D(2021, 8, 1)),
    ("2021/2", D(2021, 2, 28), "month", D(2021, 2, 1)),
    # 年月日
    ("2021年8月23日", D(2021, 8, 23), "day", None),
    ("2021年8月23号", D(2021, 8, 23), "day", None),
    ("2021年08月03日", D(2021, 8, 3), "day", None),
    ("2021年8月23日前", D(2021, 8, 23), "day", None),
    ("2021 年 8 月 23 日", D(2021, 8, 23), "day", None),
    ("2021年8月", D(2021, 8, 31), "month", D(2021, 8, 1)),
    ("2021年8月份", D(2021, 8, 31), "month", D(2021, 8, 1)),
    ("2021年8月底", D(2021, 8, 31), "month", D(2021, 8, 1)),
    ("2021年8月底前", D(2021, 8, 31), "month", D(2021, 8, 1)),
    ("2021年8月末", D(2021, 8, 31), "month", D(2021, 8, 1)),
    ("2021年9月底以前", D(2021, 9, 30), "month", D(2021, 9, 1)),
    ("2024年2月底之前", D(2024, 2, 29), "month", D(2024, 2, 1)),
    ("2021年8月上旬", D(2021, 8, 10), "dekad", D(2021, 8, 1)),
    ("2021年8月中旬", D(2021, 8, 20), "dekad", D(2021, 8, 11)),
    ("2021年8月下旬", D(2021, 8, 31), "dekad", D(2021, 8, 21)),
    ("2021年2月下旬", D(2021, 2, 28), "dekad", D(2021, 2, 21)),
    ("2021年9月下旬", D(2021, 9, 30), "dekad", D(2021, 9, 21)),
    # Chinese numerals
    ("2021年八月", D(2021, 8, 31), "month", D(2021, 8, 1)),
    ("2021年十二月", D(2021, 12, 31), "month", D(2021, 12, 1)),
    ("2021年十月十日", D(2021, 10, 10), "day", None),
    ("2021年八月二十三日", D(2021, 8, 23), "day", None),
    ("二〇二一年八月三十一日", D(2021, 8, 31), "day", None),
    # years
    ("2021年", D(2021, 12, 31), "year", D(2021, 1, 1)),
    ("2021", D(2021, 12, 31), "year", D(2021, 1, 1)),
    ("2021年底", D(2021, 12, 31), "year", D(2021, 1, 1)),
    ("2021年底前", D(2021, 12, 31), "year", D(2021, 1, 1)),
    ("2021年末", D(2021, 12, 31), "year", D(2021, 1, 1)),
    ("2021年内", D(2021, 12, 31), "year", D(2021, 1, 1)),
    ("2021年度", D(2021, 12, 31), "year", D(2021, 1, 1)),
    ("到2025年", D(2025, 12, 31), "year", D(2025, 1, 1)),
    ("到2025年底", D(2025, 12, 31), "year", D(2025, 1, 1)),
    ("至2025年", D(2025, 12, 31), "year", D(2025, 1, 1)),
    ("于2022年6月底前", D(2022, 6, 30), "month", D(2022, 6, 1)),
    ("在2021年内", D(2021, 12, 31), "year", D(2021, 1, 1)),
    ("截止2021年底", D(2021, 12, 31), "year", D(2021, 1, 1)),
    ("2021年底前完成", D(2021, 12, 31), "year", D(2021, 1, 1)),
    # quarters and halves
    ("2021年一季度", D(2021, 3, 31), "quarter", D(2021, 1, 1)),
    ("2021年二季度", D(2021, 6, 30), "quarter", D(2021, 4, 1)),
    ("2021年三季度", D(2021, 9, 30), "quarter", D(2021, 7, 1)),
    ("2021年四季度", D(2021, 12, 31), "quarter", D(2021, 10, 1)),
    ("2021年第三季度", D(2021, 9, 30), "quarter", D(2021, 7, 1)),
    ("2021年三季度末", D(2021, 9, 30), "quarter", D(2021, 7, 1)),
    ("Q3 2021", D(2021, 9, 30), "quarter", D(2021, 7, 1)),
    ("2021Q3", D(2021, 9, 30), "quarter", D(2021, 7, 1)),
    ("2021-Q1", D(2021, 3, 31), "quarter", D(2021, 1, 1)),
    ("q4 2021", D(2021, 12, 31), "quarter", D(2021, 10, 1)),
    ("2021年上半年", D(2021, 6, 30), "half", D(2021, 1, 1)),
    ("2021年下半年", D(2021, 12, 31), "half", D(2021, 7, 1)),
    # periods
    ("2021—2025年", D(2025, 12, 31), "period", D(2021, 1, 1)),
    ("2021——2025年", D(2025, 12, 31), "period", D(2021, 1, 1)),
    ("2021-2025年", D(2025, 12, 31), "period", D(2021, 1, 1)),
    ("2021～2025年", D(2025, 12, 31), "period", D(2021, 1, 1)),
    ("2021~2025年", D(2025, 12, 31), "period", D(2021, 1, 1)),
    ("2021至2025年", D(2025, 12, 31), "period", D(2021, 1, 1)),
    ("2021年—2025年", D(2025, 12, 31), "period", D(2021, 1, 1)),
    # full-width digits and punctuation, spaces, brackets
    ("２０２１年８月２３日", D(2021, 8, 23), "day", None),
    ("２０２１－０８－２３", D(2021, 8, 23), "day", None),
    ("  2021-08-23  ", D(2021, 8, 23), "day", None),
    ("（2021年底前）", D(2021, 12, 31), "year", D(2021, 1, 1)),
    ("【2021年三季度】", D(2021, 9, 30), "quarter", D(2021, 7, 1)),
]


@pytest.mark.parametrize(("text", "value", "precision", "start"), WRITTEN)
def test_written_forms(text: str, value: date, precision: str, start: date | None) -> None:
    got = parse_date(text)
    assert got == ParsedDate(value, text.strip(), precision, start)
    assert got.precision in PRECISIONS


@pytest.mark.parametrize(("text", "value", "precision", "start"), WRITTEN[:5])
def test_context_year_is_ignored_when_the_text_has_a_year(text, value, precision, start) -> None:
    assert parse_date(text, year=1999, today=TODAY).value == value


@pytest.mark.parametrize(
    ("text", "value", "precision", "start", "flags"),
    [
        ("力争2023年", D(2023, 12, 31), "year", D(2023, 1, 1), {"aspirational": True}),
        ("争取2022年底前", D(2022, 12, 31), "year", D(2022, 1, 1), {"aspirational": True}),
        ("力争到2025年", D(2025, 12, 31), "year", D(2025, 1, 1), {"aspirational": True}),
        ("力争2021年三季度", D(2021, 9, 30), "quarter", D(2021, 7, 1), {"aspirational": True}),
        ("截至2020年", D(2020, 12, 31), "year", D(2020, 1, 1), {"baseline": True}),
        ("截至2020年底", D(2020, 12, 31), "year", D(2020, 1, 1), {"baseline": True}),
        ("截至2021年6月底", D(2021, 6, 30), "month", D(2021, 6, 1), {"baseline": True}),
    ],
)
def test_flags(text: str, value: date, precision: str, start: date, flags: dict[str, bool]) -> None:
    assert parse_date(text) == ParsedDate(value, text, precision, start, **flags)


# (text, value in context year 2022, precision, start, flags)
YEARLESS = [
    ("8月底前", D(2022, 8, 31), "month", D(2022, 8, 1), {}),
    ("八月底前", D(2022, 8, 31), "month", D(2022, 8, 1), {}),
    ("8月23日", D(2022, 8, 23), "day", None, {}),
    ("十二月", D(2022, 12, 31), "month", D(2022, 12, 1), {}),
    ("9月中旬", D(2022, 9, 20), "dekad", D(2022, 9, 11), {}),
    ("年底前", D(2022, 12, 31), "year", D(2022, 1, 1), {}),
    ("年内", D(2022, 12, 31), "year", D(2022, 1, 1), {}),
    ("年底", D(2022, 12, 31), "year", D(2022, 1, 1), {}),
    ("到年底", D(2022, 12, 31), "year", D(2022, 1, 1), {}),
    ("三季度", D(2022, 9, 30), "quarter", D(2022, 7, 1), {}),
    ("第三季度", D(2022, 9, 30), "quarter", D(2022, 7, 1), {}),
    ("一季度末", D(2022, 3, 31), "quarter", D(2022, 1, 1), {}),
    ("Q2", D(2022, 6, 30), "quarter", D(2022, 4, 1), {}),
    ("上半年", D(2022, 6, 30), "half", D(2022, 1, 1), {}),
    ("下半年", D(2022, 12, 31), "half", D(2022, 7, 1), {}),
    ("每年", D(2022, 12, 31), "year", D(2022, 1, 1), {"recurring": True}),
    ("每年底前", D(2022, 12, 31), "year", D(2022, 1, 1), {"recurring": True}),
    ("每年8月底前", D(2022, 8, 31), "month", D(2022, 8, 1), {"recurring": True}),
    ("力争年底前", D(2022, 12, 31), "year", D(2022, 1, 1), {"aspirational": True}),
]


@pytest.mark.parametrize(("text", "value", "precision", "start", "flags"), YEARLESS)
def test_yearless_forms_take_the_context_year(text, value, precision, start, flags) -> None:
    assert parse_date(text, year=2022) == ParsedDate(value, text, precision, start, **flags)


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("8月底前", "2021年8月底前"),
        ("八月底前", "2021年八月底前"),
        ("8月23日", "2021年8月23日"),
        ("年底前", "2021年底前"),
        ("年内", "2021年内"),
        ("年底", "2021年底"),
        ("到年底", "到2021年底"),
        ("三季度", "2021年三季度"),
        ("上半年", "2021年上半年"),
        ("每年", "2021年底"),
        ("每年8月底前", "2021年8月底前"),
        ("力争年底前", "力争2021年底前"),
        ("Q2", "2021年Q2"),
    ],
)
def test_yearless_forms_without_a_year_are_refused(text: str, suggestion: str) -> None:
    with pytest.raises(DateError) as e:
        parse_date(text)
    assert str(e.value) == f'"{text}" has no year; write {suggestion}'


def test_yearless_forms_never_take_the_year_from_today() -> None:
    with pytest.raises(DateError, match="has no year; write 2030年8月底前"):
        parse_date("8月底前", today=D(2030, 1, 1))


RELATIVE = [
    ("today", TODAY),
    ("Today", TODAY),
    ("今天", TODAY),
    ("今日", TODAY),
    ("tomorrow", D(2021, 9, 16)),
    ("明天", D(2021, 9, 16)),
    ("yesterday", D(2021, 9, 14)),
    ("昨天", D(2021, 9, 14)),
    ("+3d", D(2021, 9, 18)),
    ("+2w", D(2021, 9, 29)),
    ("+1m", D(2021, 10, 15)),
    ("+1y", D(2022, 9, 15)),
    ("-1d", D(2021, 9, 14)),
    ("-1m", D(2021, 8, 15)),
    ("+ 3 d", D(2021, 9, 18)),
    ("+0d", TODAY),
    ("in 3 days", D(2021, 9, 18)),
    ("in 1 day", D(2021, 9, 16)),
    ("in 2 weeks", D(2021, 9, 29)),
    ("in 1 month", D(2021, 10, 15)),
    ("in 1 year", D(2022, 9, 15)),
    ("friday", D(2021, 9, 17)),
    ("fri", D(2021, 9, 17)),
    ("next friday", D(2021, 9, 17)),
    ("Next Friday", D(2021, 9, 17)),
    ("wednesday", D(2021, 9, 22)),  # strictly after today
    ("next wed", D(2021, 9, 22)),
    ("monday", D(2021, 9, 20)),
    ("tues", D(2021, 9, 21)),
    ("thurs", D(2021, 9, 16)),
    ("sat", D(2021, 9, 18)),
    ("sunday", D(2021, 9, 19)),
    ("周五", D(2021, 9, 17)),
    ("周三", D(2021, 9, 22)),
    ("星期一", D(2021, 9, 20)),
    ("星期日", D(2021, 9, 19)),
    ("星期天", D(2021, 9, 19)),
    ("本周五", D(2021, 9, 17)),
    ("本周一", D(2021, 9, 13)),
    ("这周日", D(2021, 9, 19)),
    ("下周五", D(2021, 9, 24)),
    ("下周一", D(2021, 9, 20)),
    ("下星期三", D(2021, 9, 22)),
    ("上周五", D(2021, 9, 10)),
]


@pytest.mark.parametrize(("text", "value"), RELATIVE)
def test_relative_forms(text: str, value: date) -> None:
    assert parse_date(text, today=TODAY) == ParsedDate(value, text, "day")


def test_month_arithmetic_clamps_to_month_end() -> None:
    assert parse_day("+1m", today=D(2021, 1, 31)) == D(2021, 2, 28)
    assert parse_day("+1y", today=D(2024, 2, 29)) == D(2025, 2, 28)


def test_friday_on_a_friday_is_a_week_later() -> None:
    assert parse_day("friday", today=D(2021, 9, 17)) == D(2021, 9, 24)
    assert parse_day("周五", today=D(2021, 9, 17)) == D(2021, 9, 24)
    assert parse_day("本周五", today=D(2021, 9, 17)) == D(2021, 9, 17)


@pytest.mark.parametrize(("text", "value"), RELATIVE)
def test_relative_forms_need_today(text: str, value: date) -> None:
    with pytest.raises(DateError) as e:
        parse_date(text, year=2021)
    message = str(e.value)
    assert f'"{text}" is relative' in message
    assert "write a date, e.g. 2021-08-23" in message


REFUSED = [
    # day/month order
    ("03/04/2021", '"03/04/2021" is ambiguous (day and month order); write 2021-04-03 or 2021年4月3日'),
    (
        "3/4/21",
        '"3/4/21" is ambiguous (day and month order, two-digit year); write 2021-04-03 or 2021年4月3日',
    ),
    ("04-03-2021", '"04-03-2021" is ambiguous (day and month order); write 2021-03-04 or 2021年3月4日'),
    ("13.04.2021", '"13.04.2021" is ambiguous (day and month order); write 2021-04-13 or 2021年4月13日'),
    ("8/23", '"8/23" has no year and no clear day/month order; write e.g. 2021-08-23'),
    # two-digit years
    ("21年8月", '"21年8月" has a two-digit year; write 2021年8月'),
    ("到25年底", '"到25年底" has a two-digit year; write 到2025年底'),
    # lost 年月日
    (
        "2021824",
        '"2021824" looks like a date that lost its 年月日; write it in full, e.g. 2021-08-24 or 2021年8月24日',
    ),
    (
        "202183",
        '"202183" looks like a date that lost its 年月日; write it in full, e.g. 2021-08-03 or 2021年8月3日',
    ),
    (
        "2021112",
        '"2021112" looks like a date that lost its 年月日 (could be 2021-01-12 or 2021-11-02); '
        "write it in full, e.g. 2021-01-12 or 2021年1月12日",
    ),
    (
        "20211324",
        '"20211324" looks like a date that lost its 年月日; write it in full, e.g. 2021-08-23 or 2021年8月23日',
    ),
    (
        "12345",
        '"12345" looks like a date that lost its 年月日; write it in full, e.g. 2021-08-23 or 2021年8月23日',
    ),
    # impossible dates
    (
        "2021-02-30",
        '"2021-02-30" is not a real date (2021-02 has 28 days); write e.g. 2021-02-28 or 2021年2月28日',
    ),
    (
        "2021年2月29日",
        '"2021年2月29日" is not a real date (2021-02 has 28 days); write e.g. 2021-02-28 or 2021年2月28日',
    ),
    (
        "2021-04-31",
        '"2021-04-31" is not a real date (2021-04 has 30 days); write e.g. 2021-04-30 or 2021年4月30日',
    ),
    ("2021年13月", '"2021年13月" has month 13; write a month from 1 to 12, e.g. 2021年12月 or 2021-12-31'),
    ("2021-13", '"2021-13" has month 13; write a month from 1 to 12, e.g. 2021年12月 or 2021-12-31'),
    ("2021-00-10", '"2021-00-10" has month 0; write a month from 1 to 12, e.g. 2021年12月 or 2021-12-31'),
    ("0000-01-01", '"0000-01-01" has year 0; write a four-digit year, e.g. 2021-08-23'),
    ("2025—2021年", '"2025—2021年" ends before it starts; write the earlier year first, e.g. 2021—2025年'),
    # relative without a sign
    ("3d", '"3d" needs a sign; write +3d (from today on) or -3d (back)'),
]


@pytest.mark.parametrize(("text", "message"), REFUSED)
def test_refusals(text: str, message: str) -> None:
    for kwargs in ({}, {"today": TODAY, "year": 2021}):
        with pytest.raises(DateError) as e:
            parse_date(text, **kwargs)
        assert str(e.value) == message
        assert "\n" not in message


UNREADABLE = [
    "hello",
    "next",
    "in three days",
    "2021/8-23",
    "8月32号日",
    "到",
    "前",
    "底",
    "2021年8月23日9点",
    "123",
]


@pytest.mark.parametrize("text", UNREADABLE)
def test_unrecognized_input_lists_examples(text: str) -> None:
    with pytest.raises(DateError) as e:
        parse_date(text, today=TODAY, year=2021)
    message = str(e.value)
    assert message.startswith(f'"{text}" is not a date tasktrack can read; write e.g. ')
    for example in ("2021-08-23", "2021年8月23日", "2021年底", "三季度", "+3d", "next friday"):
        assert example in message


@pytest.mark.parametrize("text", ["", "   ", "\u3000", "\t\n"])
def test_empty_input(text: str) -> None:
    with pytest.raises(DateError, match=r"^empty date; write e\.g\. 2021-08-23"):
        parse_date(text, today=TODAY, year=2021)


def test_date_error_is_a_value_error() -> None:
    assert issubclass(DateError, ValueError)


def test_parsed_date_is_frozen() -> None:
    parsed = parse_date("2021-08-23")
    with pytest.raises(AttributeError):
        parsed.value = D(2022, 1, 1)  # type: ignore[misc]


def test_parse_day_is_the_value() -> None:
    assert parse_day("2021年三季度") == D(2021, 9, 30)
    assert parse_day("每年", year=2023) == D(2023, 12, 31)
    assert parse_day("下周五", today=TODAY) == D(2021, 9, 24)


def test_format_cn() -> None:
    assert format_cn(D(2021, 8, 23)) == "2021年8月23日"
    assert format_cn(D(2021, 12, 1)) == "2021年12月1日"


@given(st.dates())
def test_any_date_round_trips_through_iso_and_chinese(d: date) -> None:
    assert parse_date(d.isoformat()).value == d
    assert parse_date(format_cn(d)).value == d
    assert parse_date(d.strftime("%Y%m%d") if d.year >= 1000 else d.isoformat()).value == d


# ---- cadence phrases: 年中, 全年, and recurring deadlines -------------------------------------------

CADENCE_SINGLE = [
    ("年中", D(2022, 6, 30), "half", D(2022, 1, 1)),
    ("年中前", D(2022, 6, 30), "half", D(2022, 1, 1)),
    ("全年", D(2022, 12, 31), "year", D(2022, 1, 1)),
    ("年末", D(2022, 12, 31), "year", D(2022, 1, 1)),
    ("第一季度末", D(2022, 3, 31), "quarter", D(2022, 1, 1)),
    ("一季度", D(2022, 3, 31), "quarter", D(2022, 1, 1)),
    ("10月底前", D(2022, 10, 31), "month", D(2022, 10, 1)),
    ("9月15日前", D(2022, 9, 15), "day", None),
]


@pytest.mark.parametrize(("text", "value", "precision", "start"), CADENCE_SINGLE)
def test_cadence_words_for_one_date(text: str, value: date, precision: str, start: date | None) -> None:
    assert parse_date(text, year=2022) == ParsedDate(value, text, precision, start)


def test_cadence_words_with_their_own_year() -> None:
    assert parse_date("2021年中", year=1999).value == D(2021, 6, 30)
    assert parse_date("2021年全年").value == D(2021, 12, 31)
    with pytest.raises(DateError, match='^"年中" has no year; write 2021年中$'):
        parse_date("年中")


# (text, months per period, deadline day or None for the period's last day)
RECURRING = [
    ("每月25日前", 1, 25),
    ("每月25号前报送", 1, 25),
    ("每月二十五日前", 1, 25),
    ("每月", 1, None),
    ("每月底前", 1, None),
    ("双月", 2, None),
    ("每双月末", 2, None),
    ("每两个月", 2, None),
    ("每季度末", 3, None),
    ("每季度", 3, None),
    ("每个季度末前", 3, None),
    ("每季", 3, None),
    ("每半年", 6, None),
    ("每半年末", 6, None),
]


@pytest.mark.parametrize(("text", "months", "day"), RECURRING)
def test_recurring_deadlines(text: str, months: int, day: int | None) -> None:
    rec = parse_recurrence(text)
    assert (rec.months, rec.day) == (months, day)
    parsed = parse_date(text, year=2021)
    assert parsed.recurring and parsed.recurrence == rec
    assert parsed.value == rec.periods(D(2021, 1, 1), D(2021, 12, 31))[0].deadline  # the year's first


def test_recurring_deadlines_need_a_year_and_refuse_one_due_date() -> None:
    with pytest.raises(DateError, match='^"每季度末" has no year; write 2021年每季度末$'):
        parse_date("每季度末")
    assert parse_date("2022年每月25日前").value == D(2022, 1, 25)
    with pytest.raises(DateError) as e:
        parse_deadline("每月25日前", year=2021)
    assert str(e.value) == '"每月25日前" recurs in every period, not one due date; write one, e.g. 2021-01-25'
    assert parse_deadline("年中", year=2021).value == D(2021, 6, 30)


@pytest.mark.parametrize("text", ["2021年底", "hello", "每周", "每月32日前", "月25日"])
def test_not_a_recurrence_is_refused_in_one_line(text: str) -> None:
    with pytest.raises(DateError) as e:
        parse_recurrence(text)
    assert "\n" not in str(e.value) and str(e.value).startswith(f'"{text}"')


def test_each_periods_deadline() -> None:
    def show(text: str, a: date, b: date) -> list[tuple[str, str]]:
        return [(p.label, p.deadline.isoformat()) for p in parse_recurrence(text).periods(a, b)]

    assert show("每月25日前", D(2021, 10, 15), D(2022, 1, 31)) == [
        ("2021-10", "2021-10-25"), ("2021-11", "2021-11-25"), ("2021-12", "2021-12-25"), ("2022-01", "2022-01-25")
    ]  # fmt: skip
    assert show("每季度末", D(2021, 1, 1), D(2021, 12, 31)) == [
        ("2021Q1", "2021-03-31"), ("2021Q2", "2021-06-30"), ("2021Q3", "2021-09-30"), ("2021Q4", "2021-12-31")
    ]  # fmt: skip
    assert show("双月", D(2021, 9, 1), D(2022, 2, 28)) == [
        ("2021-09/10", "2021-10-31"), ("2021-11/12", "2021-12-31"), ("2022-01/02", "2022-02-28")
    ]  # fmt: skip
    assert show("每半年", D(2021, 7, 1), D(2022, 6, 30)) == [("2021H2", "2021-12-31"), ("2022H1", "2022-06-30")]
    assert show("每月31日前", D(2021, 2, 1), D(2021, 4, 30)) == [
        ("2021-02", "2021-02-28"), ("2021-03", "2021-03-31"), ("2021-04", "2021-04-30")
    ]  # fmt: skip
    assert show("每月25日前", D(2021, 10, 26), D(2021, 11, 24)) == []
    assert parse_recurrence("每月25日前").next_deadline(D(2021, 10, 26)) == D(2021, 11, 25)
    assert parse_recurrence("每月25日前").next_deadline(D(2021, 10, 25)) == D(2021, 10, 25)


@given(
    st.sampled_from([(1, None), (1, 25), (2, None), (3, None), (3, 10), (6, None), (12, None), (1, 31)]),
    st.dates(min_value=D(1990, 1, 1), max_value=D(2090, 1, 1)),
    st.integers(min_value=0, max_value=800),
)
def test_periods_tile_the_calendar_and_each_deadline_is_in_its_period(
    shape: tuple[int, int | None], start: date, days: int
) -> None:
    months, day = shape
    rec = Recurrence(months, day)
    end = start + timedelta(days=days)
    got = rec.periods(start, end)
    for p in got:
        assert start <= p.deadline <= end and p.start <= p.deadline <= p.end
        assert (p.end.year * 12 + p.end.month) - (p.start.year * 12 + p.start.month) + 1 == months
        assert rec.period_of(p.deadline) == p
    for a, b in zip(got, got[1:], strict=False):
        assert b.start == a.end + timedelta(days=1)  # consecutive, no gap, no overlap
    # every deadline in the range is listed: none is due between two listed ones or at the edges
    assert rec.next_deadline(start) == got[0].deadline if got else rec.next_deadline(start) > end
