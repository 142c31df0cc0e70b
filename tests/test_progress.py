"""序时进度, measure start, progress share and the red/amber/green rule: pure functions of facts and a date."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tasktrack.domain.kinds import Comparison, MeasureKind, Rag, Schedule, Status
from tasktrack.domain.progress import (
    MilestoneFacts,
    Thresholds,
    assess,
    elapsed_share,
    is_due_soon,
    is_overdue,
    measure_start,
    progress_share,
)

D = date
Y_START, Y_END = D(2021, 1, 1), D(2021, 12, 31)
MID_YEAR = D(2021, 6, 30)  # 序时 exactly 50% of 2021
END_NOV = D(2021, 11, 30)  # 序时 11/12 ≈ 91.7%


def facts(
    kind: MeasureKind = MeasureKind.INCREMENT,
    status: Status = Status.IN_PROGRESS,
    *,
    due: date = Y_END,
    start: date = Y_START,
    **kw: object,
) -> MilestoneFacts:
    return MilestoneFacts(kind=kind, status=status, due=due, start=start, **kw)  # type: ignore[arg-type]


# ---- 序时进度 -------------------------------------------------------------------------------------


def test_end_of_november_is_eleven_twelfths() -> None:
    assert elapsed_share(Y_START, Y_END, END_NOV) == pytest.approx(11 / 12, abs=0.001)


@pytest.mark.parametrize("month", range(1, 13))
def test_each_month_end_weighs_one_twelfth(month: int) -> None:
    last = (D(2021, month, 28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    assert elapsed_share(Y_START, Y_END, last) == pytest.approx(month / 12, abs=1e-9)


def test_mid_month_counts_the_days_of_that_month() -> None:
    # 15 of 30 days of June elapsed: 5.5 months of 12
    assert elapsed_share(Y_START, Y_END, D(2021, 6, 15)) == pytest.approx(5.5 / 12, abs=1e-9)


@pytest.mark.parametrize(
    ("as_of", "share"),
    [
        (D(2020, 12, 31), 0.0),  # the day before the period starts
        (D(2019, 5, 1), 0.0),  # long before
        (Y_END, 1.0),  # the last day, at its end
        (D(2022, 1, 10), 1.0),  # after the period
        (D(2030, 1, 1), 1.0),
    ],
)
def test_elapsed_share_is_clamped(as_of: date, share: float) -> None:
    assert elapsed_share(Y_START, Y_END, as_of) == share


def test_first_day_counts_as_elapsed_at_its_end() -> None:
    assert elapsed_share(Y_START, Y_END, Y_START) == pytest.approx(1 / 31 / 12)


def test_end_before_start_counts_as_fully_elapsed() -> None:
    assert elapsed_share(D(2021, 12, 31), D(2021, 1, 1), D(2021, 6, 1)) == 1.0


def test_single_day_period() -> None:
    day = D(2021, 3, 5)
    assert elapsed_share(day, day, day - timedelta(days=1)) == 0.0
    assert elapsed_share(day, day, day) == 1.0


def test_leap_year_february_end_is_two_twelfths() -> None:
    assert elapsed_share(D(2024, 1, 1), D(2024, 12, 31), D(2024, 2, 29)) == pytest.approx(2 / 12)
    assert elapsed_share(D(2023, 1, 1), D(2023, 12, 31), D(2023, 2, 28)) == pytest.approx(2 / 12)
    # in a leap year 28 February is not yet the end of the month
    assert elapsed_share(D(2024, 1, 1), D(2024, 12, 31), D(2024, 2, 28)) < 2 / 12
    assert elapsed_share(D(2024, 1, 1), D(2024, 12, 31), D(2024, 3, 1)) > 2 / 12


def test_five_year_period_across_a_leap_day() -> None:
    # 2021-01-01 .. 2025-12-31, end of 29 Feb 2024: 3 years and 2 months of 60 months
    assert elapsed_share(D(2021, 1, 1), D(2025, 12, 31), D(2024, 2, 29)) == pytest.approx(38 / 60)


dates = st.dates(min_value=D(2000, 1, 1), max_value=D(2040, 12, 31))


@given(a=dates, b=dates, x=dates, y=dates)
def test_elapsed_share_is_a_monotone_share(a: date, b: date, x: date, y: date) -> None:
    start, end = min(a, b), max(a, b)
    early, late = min(x, y), max(x, y)
    s_early = elapsed_share(start, end, early)
    s_late = elapsed_share(start, end, late)
    assert 0.0 <= s_early <= 1.0
    assert 0.0 <= s_late <= 1.0
    assert s_early <= s_late


# ---- when a milestone's clock starts ------------------------------------------------------------


def test_2021_increment_counts_from_1_january_though_issued_in_august() -> None:
    start = measure_start(MeasureKind.INCREMENT, 2021, None, 2021)
    assert start == D(2021, 1, 1)
    # on the issue date (23 August) more than 7/12 of the year is already behind
    assert elapsed_share(start, Y_END, D(2021, 8, 23)) == pytest.approx((7 + 23 / 31) / 12)


@pytest.mark.parametrize(
    ("kind", "year", "baseline_year", "plan_start", "expected"),
    [
        (MeasureKind.STOCK, 2025, 2020, 2021, D(2021, 1, 1)),  # the day after the 2020 baseline
        (MeasureKind.STOCK, 2025, 2020, None, D(2021, 1, 1)),
        (MeasureKind.STOCK, 2025, 2022, 2021, D(2023, 1, 1)),  # a later baseline moves the start
        (MeasureKind.STOCK, 2025, None, 2021, D(2021, 1, 1)),  # no baseline: the plan's period
        (MeasureKind.STOCK, 2021, None, 2021, D(2021, 1, 1)),
        (MeasureKind.STOCK, 2025, None, None, D(2025, 1, 1)),  # nothing known: the year itself
        (MeasureKind.STOCK, 2021, 2021, 2021, D(2021, 1, 1)),  # baseline not before the year
        (MeasureKind.INCREMENT, 2023, 2020, 2021, D(2023, 1, 1)),  # annual: the calendar year
        (MeasureKind.RATIO, 2021, 2020, 2021, D(2021, 1, 1)),
        (MeasureKind.GROWTH, 2025, None, 2021, D(2025, 1, 1)),
        (MeasureKind.EVENT, 2025, None, 2021, D(2025, 1, 1)),
    ],
)
def test_measure_start(
    kind: MeasureKind, year: int, baseline_year: int | None, plan_start: int | None, expected: date
) -> None:
    assert measure_start(kind, year, baseline_year, plan_start) == expected


# ---- share of the target achieved ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("f", "share"),
    [
        (facts(MeasureKind.INCREMENT, target=75, actual=38), 38 / 75),
        (facts(MeasureKind.INCREMENT, target=50, actual=56), 56 / 50),
        (facts(MeasureKind.STOCK, target=500, actual=256, baseline=204), 52 / 296),
        (facts(MeasureKind.STOCK, target=500, actual=204, baseline=204), 0.0),
        (facts(MeasureKind.STOCK, target=500, actual=190, baseline=204), -14 / 296),  # fell back
        (facts(MeasureKind.STOCK, target=40, actual=31), 31 / 40),  # no baseline: a plain share
        (facts(MeasureKind.RATIO, target=2.0, actual=1.6, baseline=1.5), 0.2),
        (facts(MeasureKind.RATIO, target=1.55, actual=1.24), 0.8),
        (facts(MeasureKind.GROWTH, target=15, actual=12), 0.8),
        (facts(MeasureKind.INCREMENT, target=0, actual=0), 1.0),  # zero target met
    ],
)
def test_progress_share_by_kind(f: MilestoneFacts, share: float) -> None:
    assert progress_share(f) == pytest.approx(share)


def test_increment_ignores_a_baseline() -> None:
    # a baseline belongs to a stock; an annual increment counts from zero
    assert progress_share(facts(MeasureKind.INCREMENT, target=50, actual=25, baseline=204)) == 0.5


@pytest.mark.parametrize(
    ("status", "share"),
    [
        (Status.DONE, 1.0),
        (Status.CLOSED, 1.0),
        (Status.IN_PROGRESS, None),
        (Status.NOT_STARTED, None),
        (Status.BLOCKED, None),
    ],
)
def test_event_is_done_or_not(status: Status, share: float | None) -> None:
    assert progress_share(facts(MeasureKind.EVENT, status)) == share
    # no partial credit, whatever number someone typed
    assert progress_share(facts(MeasureKind.EVENT, status, target=1, actual=0.9)) == share


@pytest.mark.parametrize(
    "f",
    [
        facts(MeasureKind.INCREMENT, target=50),
        facts(MeasureKind.INCREMENT, actual=50),
        facts(MeasureKind.STOCK, target=500, baseline=204),
        facts(MeasureKind.RATIO, target=1.55),
    ],
)
def test_nothing_recorded_means_no_share(f: MilestoneFacts) -> None:
    assert progress_share(f) is None


@pytest.mark.parametrize(
    ("target", "actual", "share"),
    [
        (5.0, 4.0, 1.0),  # at most 5, got 4: met
        (5.0, 5.0, 1.0),
        (5.0, 10.0, 0.5),  # twice the ceiling: half way
        (0.0, 0.0, 1.0),  # "zero accidents" met
        (0.0, 3.0, 0.0),
    ],
)
def test_at_most_targets(target: float, actual: float, share: float) -> None:
    f = facts(MeasureKind.INCREMENT, target=target, actual=actual, comparison=Comparison.LE)
    assert progress_share(f) == pytest.approx(share)


def test_at_most_stock_counts_down_from_the_baseline() -> None:
    f = facts(MeasureKind.STOCK, target=5, actual=8, baseline=10, comparison=Comparison.LE)
    assert progress_share(f) == pytest.approx(0.4)  # 2 of the 5 to shed


@pytest.mark.parametrize(
    ("comparison", "actual", "share"),
    [
        (Comparison.GE, 5.0, 1.0),
        (Comparison.GE, 6.0, 1.0),
        (Comparison.GE, 4.0, 0.0),
        (Comparison.LE, 4.0, 1.0),
        (Comparison.LE, 6.0, 0.0),
        (Comparison.EQ, 5.0, 1.0),
        (Comparison.GT, 5.0, 0.0),
    ],
)
def test_target_equal_to_baseline_is_met_or_not(comparison: Comparison, actual: float, share: float) -> None:
    # 七(二)-M1: 5 incubators in 2020 and "5个以上" by 2025 — no division by zero
    f = facts(MeasureKind.STOCK, target=5, baseline=5, actual=actual, comparison=comparison)
    assert progress_share(f) == share


def test_comparisons() -> None:
    assert Comparison.GE.holds(50, 50) and not Comparison.GE.holds(49.9, 50)
    assert Comparison.GT.holds(50.1, 50) and not Comparison.GT.holds(50, 50)
    assert Comparison.LE.holds(50, 50) and not Comparison.LE.holds(50.1, 50)
    assert Comparison.EQ.holds(1.55, 1.55) and not Comparison.EQ.holds(1.56, 1.55)


# ---- the colour rule ----------------------------------------------------------------------------


@pytest.mark.parametrize("status", [Status.DONE, Status.CLOSED])
def test_achieved_is_green_even_after_the_due_date(status: Status) -> None:
    a = assess(facts(status=status, target=50, actual=50), D(2022, 3, 1))  # below target: test_done_means_met
    assert (a.schedule, a.rag) == (Schedule.DONE, Rag.GREEN)
    assert not a.overdue and not a.due_soon
    assert a.explain("zh") == "绿灯：已完成"
    assert a.explain("en") == "green: done"


def test_cancelled_is_grey_and_never_overdue() -> None:
    a = assess(facts(status=Status.CANCELLED, target=50), D(2022, 3, 1))
    assert (a.schedule, a.rag, a.overdue) == (Schedule.CANCELLED, Rag.GREY, False)
    assert a.explain("zh") == "灰色：已取消"
    assert a.explain("en") == "grey: cancelled"


@pytest.mark.parametrize(
    "status", [Status.NOT_STARTED, Status.IN_PROGRESS, Status.BLOCKED], ids=lambda s: s.value
)
def test_overdue_is_red_with_the_days_late(status: Status) -> None:
    a = assess(facts(status=status, target=50, actual=49), D(2022, 1, 10))
    assert a.overdue
    assert (a.schedule, a.rag, a.days_left) == (Schedule.OVERDUE, Rag.RED, -10)
    assert a.explain("zh") == "红灯：逾期10天"
    assert a.explain("en") == "red: overdue by 10 days"


def test_overdue_by_one_day_is_singular() -> None:
    a = assess(facts(target=50), D(2022, 1, 1))
    assert a.explain("en") == "red: overdue by 1 day"
    assert a.explain("zh") == "红灯：逾期1天"


def test_due_today_is_not_overdue() -> None:
    f = facts(target=50, actual=50)
    assert not is_overdue(f, Y_END)
    assert is_overdue(f, Y_END + timedelta(days=1))
    assert assess(f, Y_END).overdue is False


def test_met_target_before_the_due_date_is_not_enough_to_stop_the_clock() -> None:
    # the status says whether it is finished: an in-progress item past its date is overdue
    assert is_overdue(facts(target=50, actual=60), D(2022, 1, 1))


def test_red_41_points_behind_92_percent() -> None:
    # 38 of 75 at the end of November: 50.7% done against 序时 91.7%
    a = assess(facts(target=75, actual=38), END_NOV)
    assert a.gap_points == 41.0
    assert (a.schedule, a.rag) == (Schedule.BEHIND, Rag.RED)
    assert a.met is False
    assert a.explain("en") == "red: 41 points behind 序时 92%"
    assert a.explain("zh") == "红灯：落后序时进度41个百分点（序时92%）"
    assert a.explain() == a.explain("zh")


@pytest.mark.parametrize(
    ("actual", "gap", "schedule", "rag"),
    [
        (20, 30.0, Schedule.BEHIND, Rag.AMBER),  # 30 behind: still amber ("more than 30" is red)
        (19, 31.0, Schedule.BEHIND, Rag.RED),
        (40, 10.0, Schedule.BEHIND, Rag.AMBER),  # 10 behind: amber begins
        (41, 9.0, Schedule.ON_SCHEDULE, Rag.GREEN),
        (50, 0.0, Schedule.ON_SCHEDULE, Rag.GREEN),
        (59, -9.0, Schedule.ON_SCHEDULE, Rag.GREEN),
        (60, -10.0, Schedule.AHEAD, Rag.GREEN),
        (100, -50.0, Schedule.AHEAD, Rag.GREEN),
    ],
)
def test_default_thresholds(actual: float, gap: float, schedule: Schedule, rag: Rag) -> None:
    a = assess(facts(target=100, actual=actual), MID_YEAR)
    assert a.expected == pytest.approx(0.5)
    assert a.gap_points == pytest.approx(gap)
    assert (a.schedule, a.rag) == (schedule, rag)


def test_ahead_explains_itself() -> None:
    a = assess(facts(target=100, actual=70), MID_YEAR)
    assert a.explain("en") == "green: 20 points ahead of 序时 50%"
    assert a.explain("zh") == "绿灯：超序时进度20个百分点（序时50%）"


def test_on_schedule_behind_by_a_fraction() -> None:
    a = assess(facts(target=100, actual=45), MID_YEAR)
    assert a.explain("en") == "green: 5 points behind 序时 50%"


def test_thresholds_are_configurable() -> None:
    f = facts(target=100, actual=30)  # 20 points behind at mid-year
    assert assess(f, MID_YEAR).rag is Rag.AMBER
    strict = assess(f, MID_YEAR, Thresholds(amber_points=5, red_points=15))
    assert (strict.schedule, strict.rag) == (Schedule.BEHIND, Rag.RED)
    assert strict.explain("en") == "red: 20 points behind 序时 50%"
    lenient = assess(f, MID_YEAR, Thresholds(amber_points=25, red_points=40))
    assert (lenient.schedule, lenient.rag) == (Schedule.ON_SCHEDULE, Rag.GREEN)


def test_blocked_without_figures_is_red() -> None:
    a = assess(facts(MeasureKind.STOCK, Status.BLOCKED, target=40), D(2021, 3, 1))
    assert (a.schedule, a.rag) == (Schedule.BEHIND, Rag.RED)
    assert a.explain("en") == "red: blocked"
    assert a.explain("zh") == "红灯：受阻"


def test_blocked_is_red_whatever_the_figures() -> None:
    a = assess(facts(MeasureKind.STOCK, Status.BLOCKED, target=40, actual=39), MID_YEAR)
    assert (a.schedule, a.rag) == (Schedule.BEHIND, Rag.RED)


def test_blocked_with_figures_explains_blocked() -> None:
    # 2-M4 of the demo: blocked at 39 of 40 in June reads "red: 47.5 points ahead of 序时 50%"
    a = assess(facts(MeasureKind.STOCK, Status.BLOCKED, target=40, actual=39), MID_YEAR)
    assert a.explain("en") == "red: blocked"
    assert a.explain("zh") == "红灯：受阻"


def test_ratio_in_progress_without_figures_is_pending_data() -> None:
    a = assess(facts(MeasureKind.RATIO, Status.IN_PROGRESS, target=1.55), END_NOV)
    assert (a.schedule, a.rag, a.progress, a.gap_points) == (Schedule.PENDING_DATA, Rag.GREY, None, None)
    assert a.explain("en") == "grey: data pending"
    assert a.explain("zh") == "灰色：数据待发布"


def test_ratio_not_started_is_not_excused_as_pending_data() -> None:
    a = assess(facts(MeasureKind.RATIO, Status.NOT_STARTED, target=1.55), END_NOV)
    assert a.schedule is Schedule.NOT_STARTED
    assert a.rag is Rag.RED


def test_not_started_without_figures_is_judged_by_the_time_elapsed() -> None:
    a = assess(facts(status=Status.NOT_STARTED, target=50), MID_YEAR)
    assert (a.schedule, a.gap_points) == (Schedule.NOT_STARTED, 50.0)
    assert a.rag is Rag.RED
    early = assess(facts(status=Status.NOT_STARTED, target=50), D(2021, 1, 31))
    assert early.rag is Rag.GREEN  # one month of twelve: 8.3 points


def test_event_in_progress_is_on_schedule_until_due_soon() -> None:
    f = facts(MeasureKind.EVENT, Status.IN_PROGRESS)
    a = assess(f, D(2021, 11, 1))
    assert (a.schedule, a.rag, a.gap_points) == (Schedule.ON_SCHEDULE, Rag.GREEN, None)
    assert a.explain("en") == "green: in progress, due in 60 days"
    assert a.explain("zh") == "绿灯：进行中，距完成时限60天"
    soon = assess(f, D(2021, 12, 20))
    assert (soon.schedule, soon.rag, soon.due_soon) == (Schedule.ON_SCHEDULE, Rag.AMBER, True)


def test_event_done_is_green() -> None:
    a = assess(facts(MeasureKind.EVENT, Status.DONE), D(2021, 11, 30))
    assert (a.rag, a.progress) == (Rag.GREEN, 1.0)


def test_before_the_clock_starts_nothing_is_judged() -> None:
    f = facts(MeasureKind.EVENT, Status.NOT_STARTED, due=D(2025, 12, 31), start=D(2025, 1, 1))
    a = assess(f, D(2022, 1, 10))
    assert (a.schedule, a.rag, a.gap_points) == (Schedule.NOT_STARTED, Rag.GREY, None)
    assert a.explain("en") == "grey: period not begun"


def test_stock_with_baseline_on_the_five_year_clock() -> None:
    # 科技型企业 204 → 500 by 2025, 256 at the end of 2021: 17.6% done against 序时 20%
    start = measure_start(MeasureKind.STOCK, 2025, 2020, 2021)
    f = facts(MeasureKind.STOCK, due=D(2025, 12, 31), start=start, target=500, actual=256, baseline=204)
    a = assess(f, D(2021, 12, 31))
    assert a.expected == pytest.approx(0.2)
    assert a.progress == pytest.approx(52 / 296)
    assert a.gap_points == 2.4
    assert (a.schedule, a.rag, a.met) == (Schedule.ON_SCHEDULE, Rag.GREEN, False)


# ---- due soon -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "soon"),
    [(-1, False), (0, True), (1, True), (13, True), (14, True), (15, False), (100, False)],
)
def test_due_soon_window_includes_both_ends(days: int, soon: bool) -> None:
    today = D(2021, 12, 1)
    f = facts(due=today + timedelta(days=days), target=50)
    assert is_due_soon(f, today, 14) is soon
    assert assess(f, today, Thresholds(due_soon_days=14)).due_soon is soon


def test_due_soon_window_is_configurable() -> None:
    today = D(2021, 12, 1)
    f = facts(due=today + timedelta(days=7), target=50)
    assert is_due_soon(f, today, 7)
    assert not is_due_soon(f, today, 6)
    assert assess(f, today, Thresholds(due_soon_days=3)).due_soon is False
    assert assess(f, today, Thresholds(due_soon_days=0)).due_soon is False
    assert is_due_soon(facts(due=today, target=50), today, 0)


@pytest.mark.parametrize("status", [Status.DONE, Status.CLOSED, Status.CANCELLED], ids=lambda s: s.value)
def test_finished_items_are_never_due_soon(status: Status) -> None:
    today = D(2021, 12, 31)
    f = facts(status=status, due=today, target=50)
    assert not is_due_soon(f, today, 14)
    assert not assess(f, today).due_soon
