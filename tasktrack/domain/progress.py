"""序时进度, overdue, due-soon and red/amber/green: pure functions of a milestone's facts and a date."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from tasktrack.domain.kinds import ACHIEVED, FINISHED, Comparison, MeasureKind, Rag, Schedule, Status
from tasktrack.domain.numbers import SYMBOL, number


@dataclass(frozen=True)
class Thresholds:
    """The colour rule. Places differ: one city's amber is 10–30 points behind 序时, red beyond 30."""

    amber_points: float = 10.0
    red_points: float = 30.0
    due_soon_days: int = 14


@dataclass(frozen=True)
class MilestoneFacts:
    """What the rules need to know about a milestone; built from a database row or by hand in tests."""

    kind: MeasureKind
    status: Status
    due: date
    start: date
    target: float | None = None
    actual: float | None = None
    baseline: float | None = None
    comparison: Comparison = Comparison.GE
    measure_unit: str | None = None  # 家, %, 个: only for saying what a shortfall is


@dataclass(frozen=True)
class Assessment:
    """How a milestone stands on a date, with the reason the colour was given."""

    schedule: Schedule
    rag: Rag
    overdue: bool
    due_soon: bool
    days_left: int  # negative when overdue
    expected: float  # 序时进度, 0..1
    progress: float | None  # share achieved, None when nothing is recorded
    met: bool | None  # whether the recorded actual meets the target
    gap_points: float | None  # expected − progress, in percentage points
    blocked: bool = False  # stored status is blocked (受阻)
    # When done below target: (actual, comparison, target, unit), for "实际39家，目标≥40家"
    shortfall: tuple[float, str, float, str] | None = None

    def explain(self, lang: str = "zh") -> str:
        """One line saying why this colour: 'red: 41 points behind 序时 92%'."""
        return explain(self, lang)


def _month_position(d: date, *, start_of_day: bool = False) -> float:
    """Months since year 0 at the end (or start) of day `d`, each month weighing the same."""
    days = calendar.monthrange(d.year, d.month)[1]
    day = d.day - 1 if start_of_day else d.day
    return d.year * 12 + (d.month - 1) + day / days


@lru_cache(maxsize=4096)  # pure, and a ledger's milestones share a few dozen (start, due) pairs
def elapsed_share(start: date, end: date, as_of: date) -> float:
    """序时进度: the share of [start, end] elapsed at the end of `as_of` (end of November = 11/12)."""
    if end < start:
        return 1.0
    first = _month_position(start, start_of_day=True)
    span = _month_position(end) - first
    share = (_month_position(as_of) - first) / span
    return min(1.0, max(0.0, share))


def progress_share(facts: MilestoneFacts) -> float | None:
    """Share of the target achieved by the recorded actual (None when nothing is recorded)."""
    if facts.kind is MeasureKind.EVENT:
        return 1.0 if facts.status in ACHIEVED else None
    if facts.actual is None or facts.target is None:
        return None
    if facts.baseline is not None and facts.kind in (MeasureKind.STOCK, MeasureKind.RATIO):
        if facts.target == facts.baseline:
            return 1.0 if facts.comparison.holds(facts.actual, facts.target) else 0.0
        return (facts.actual - facts.baseline) / (facts.target - facts.baseline)
    if facts.comparison is Comparison.LE:
        return 1.0 if facts.actual <= facts.target else facts.target / facts.actual if facts.actual else 0.0
    if facts.target == 0:
        return 1.0 if facts.comparison.holds(facts.actual, facts.target) else 0.0
    return facts.actual / facts.target


def is_overdue(facts: MilestoneFacts, today: date) -> bool:
    return facts.status not in FINISHED and facts.due < today


def is_due_soon(facts: MilestoneFacts, today: date, within_days: int) -> bool:
    return facts.status not in FINISHED and 0 <= (facts.due - today).days <= within_days


def assess(facts: MilestoneFacts, today: date, thresholds: Thresholds = Thresholds()) -> Assessment:
    """Judge a milestone on `today` against 序时进度 and the colour thresholds."""
    expected = elapsed_share(facts.start, facts.due, today)
    progress = progress_share(facts)
    met = None
    if facts.actual is not None and facts.target is not None:
        met = facts.comparison.holds(facts.actual, facts.target)
    gap = None if progress is None else round((expected - progress) * 100, 1)
    base: dict[str, Any] = {
        "overdue": is_overdue(facts, today),
        "due_soon": is_due_soon(facts, today, thresholds.due_soon_days),
        "days_left": (facts.due - today).days,
        "expected": expected,
        "progress": progress,
        "met": met,
    }
    schedule, rag, gap = _judge(facts, today, expected, progress, gap, thresholds, base["overdue"])
    blocked = facts.status is Status.BLOCKED
    short = None
    if schedule is Schedule.DONE_UNMET:
        assert facts.actual is not None and facts.target is not None
        short = (facts.actual, facts.comparison.value, facts.target, facts.measure_unit or "")
    return Assessment(schedule=schedule, rag=rag, gap_points=gap, blocked=blocked, shortfall=short, **base)


def _judge(
    facts: MilestoneFacts,
    today: date,
    expected: float,
    progress: float | None,
    gap: float | None,
    th: Thresholds,
    overdue: bool,
) -> tuple[Schedule, Rag, float | None]:
    if facts.status is Status.CANCELLED:
        return Schedule.CANCELLED, Rag.GREY, gap
    if facts.status in ACHIEVED:
        if facts.actual is not None and facts.target is not None and facts.kind is not MeasureKind.EVENT:
            if not facts.comparison.holds(facts.actual, facts.target):
                return Schedule.DONE_UNMET, Rag.AMBER, gap  # done means met: never green below target
        return Schedule.DONE, Rag.GREEN, gap
    if overdue:
        return Schedule.OVERDUE, Rag.RED, gap
    if facts.status is Status.BLOCKED:
        return Schedule.BEHIND, Rag.RED, gap
    if today < facts.start:
        return Schedule.NOT_STARTED, Rag.GREY, None
    if progress is None:
        if facts.kind is MeasureKind.RATIO and facts.status is not Status.NOT_STARTED:
            return Schedule.PENDING_DATA, Rag.GREY, None
        if facts.kind is MeasureKind.EVENT and facts.status is Status.IN_PROGRESS:
            rag = Rag.AMBER if is_due_soon(facts, today, th.due_soon_days) else Rag.GREEN
            return Schedule.ON_SCHEDULE, rag, None
        gap = round(expected * 100, 1)
        schedule = Schedule.NOT_STARTED if facts.status is Status.NOT_STARTED else Schedule.BEHIND
        return schedule, _colour(gap, th), gap
    assert gap is not None
    if progress >= 1.0 or gap <= -th.amber_points:
        return Schedule.AHEAD, Rag.GREEN, gap
    if gap >= th.amber_points:
        return Schedule.BEHIND, _colour(gap, th), gap
    return Schedule.ON_SCHEDULE, Rag.GREEN, gap


def _colour(gap: float, th: Thresholds) -> Rag:
    if gap > th.red_points:
        return Rag.RED
    if gap >= th.amber_points:
        return Rag.AMBER
    return Rag.GREEN


def indicator_colour(
    progress: float | None, expected: float, th: Thresholds = Thresholds(), lang: str = "zh"
) -> tuple[Rag, str]:
    """An indicator's colour against 序时进度 by the milestones' rule (points behind the elapsed share),
    and why ("红灯：落后序时41个百分点（完成18.9%，序时60.0%）"); grey without a reading."""
    if progress is None:
        return Rag.GREY, "灰色：尚无读数" if lang == "zh" else "grey: no reading yet"
    gap = (expected - progress) * 100
    rag = _colour(gap, th)
    word = _RAG_WORD["zh" if lang == "zh" else "en"][rag]
    if lang == "zh":
        how = f"落后序时{gap:.1f}个百分点" if gap > 0 else "不低于序时"
        return rag, f"{word}：{how}（完成{progress:.1%}，序时{expected:.1%}）"
    how = f"{gap:.1f} points behind time elapsed" if gap > 0 else "on or ahead of time elapsed"
    return rag, f"{word}: {how} (achieved {progress:.1%}, elapsed {expected:.1%})"


_RAG_WORD = {
    "zh": {Rag.RED: "红灯", Rag.AMBER: "黄灯", Rag.GREEN: "绿灯", Rag.GREY: "灰色"},
    "en": {Rag.RED: "red", Rag.AMBER: "amber", Rag.GREEN: "green", Rag.GREY: "grey"},
}


def explain(a: Assessment, lang: str = "zh") -> str:
    """Say why the rule gave this colour, in zh or en."""
    zh = lang == "zh"
    word = _RAG_WORD["zh" if zh else "en"][a.rag]
    sep = "：" if zh else ": "
    pct = f"{a.expected * 100:.0f}%"
    if a.schedule is Schedule.CANCELLED:
        why = "已取消" if zh else "cancelled"
    elif a.schedule is Schedule.DONE:
        why = "已完成" if zh else "done"
    elif a.schedule is Schedule.DONE_UNMET:
        why = shortfall(a, lang)
    elif a.overdue:
        days = -a.days_left
        why = f"逾期{days}天" if zh else f"overdue by {days} day{'s' if days != 1 else ''}"
    elif a.blocked:
        why = "受阻" if zh else "blocked"
    elif a.schedule is Schedule.PENDING_DATA:
        why = "数据待发布" if zh else "data pending"
    elif a.gap_points is None:
        why = (
            (f"进行中，距完成时限{a.days_left}天" if zh else f"in progress, due in {a.days_left} days")
            if a.schedule is Schedule.ON_SCHEDULE
            else ("尚未开始计时" if zh else "period not begun")
        )
    elif a.gap_points > 0:
        why = (
            f"落后序时进度{a.gap_points:g}个百分点（序时{pct}）"
            if zh
            else f"{a.gap_points:g} points behind 序时 {pct}"
        )
    else:
        why = (
            f"超序时进度{-a.gap_points:g}个百分点（序时{pct}）"
            if zh
            else f"{-a.gap_points:g} points ahead of 序时 {pct}"
        )
    return f"{word}{sep}{why}"


def shortfall(a: Assessment, lang: str = "zh") -> str:
    """已完成（未达标），实际39家，目标≥40家: why a completed milestone is not counted as met."""
    if a.shortfall is None:
        return ""
    actual, comparison, target, unit = a.shortfall
    goal = f"{SYMBOL.get(comparison, comparison)}{number(target)}{unit}"
    if lang == "zh":
        return f"已完成（未达标），实际{number(actual)}{unit}，目标{goal}"
    return f"done, target not met: actual {number(actual)}{unit}, target {goal}"


def measure_start(kind: MeasureKind, year: int, baseline_year: int | None, plan_start: int | None) -> date:
    """When a milestone's clock starts: the year itself for annual targets; for a stock, the day after
    its baseline (or the plan period's start). 2021 targets count from 1 January although the plan
    was issued in August."""
    if kind is MeasureKind.STOCK:
        if baseline_year is not None and baseline_year < year:
            return date(baseline_year + 1, 1, 1)
        if plan_start is not None and plan_start <= year:
            return date(plan_start, 1, 1)
    return date(year, 1, 1)
