"""The monitoring cadence's two rules beyond due dates, for `remind` and the circular's 存在问题 alike:
an item behind 序时进度 (amber or red by the configured thresholds) and an item nobody updated for
`stale_days` days (settings), each with the words of the rule that flagged it."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from tasktrack.domain.kinds import FINISHED, MeasureKind
from tasktrack.domain.progress import measure_start
from tasktrack.i18n import t
from tasktrack.services.views import MilestoneView
from tasktrack.store.rawsql import fetch, in_list, param

LAGGING_COLOURS = ("amber", "red")
_OPEN = ("not_started", "behind")  # what 序时 judges: not done, not overdue, not cancelled, not pending data
_FINISHED = frozenset(s.value for s in FINISHED)


def is_lagging(m: MilestoneView) -> bool:
    """Behind 序时进度: unfinished, not overdue, its clock started, amber or red against 序时."""
    d = m.derived
    return not d.overdue and d.schedule in _OPEN and d.rag in LAGGING_COLOURS and m.status != "blocked"


def lag_rule(m: MilestoneView, lang: str) -> str:
    """落后序时进度：完成42%，序时83%: the rule that flagged the item, with its two numbers."""
    d = m.derived
    expected = f"{d.expected * 100:.0f}%"
    if d.progress is None:
        return t("cad.lag_none", lang, expected=expected)
    return t("cad.lag", lang, done=f"{max(d.progress, 0) * 100:.0f}%", expected=expected)


def stale_rule(last: date, as_of: date, lang: str) -> str:
    """70天未更新（最近更新2021年8月23日）."""
    from tasktrack import present

    return t("cad.stale", lang, days=(as_of - last).days, last=present.day(last, lang))


_LAST = """SELECT m.id, p.issued,
(SELECT max(c.at) FROM change c WHERE c.entity = 'milestone' AND c.entity_id = m.id AND c.at < :until),
(SELECT max(r.created_at) FROM progressreport r WHERE (r.milestone_id = m.id
   OR (r.milestone_id IS NULL AND r.task_id = m.task_id)) AND r.created_at < :until),
(SELECT max(e.created_at) FROM evidence e WHERE e.milestone_id = m.id AND e.created_at < :until)
FROM milestone m JOIN plan p ON p.id = m.plan_id"""


def _day(value: Any) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def last_updates(conn: Any, ids: list[int], as_of: date) -> dict[int, date]:
    """Per milestone, the day of the newest fact recorded about it on or before `as_of`: a change in the
    change log, a progress report on it or its task, evidence; with none, its plan's issue date (the day
    it was assigned). Milestones with neither are left out (nothing to count from)."""
    if not ids:
        return {}
    params: dict[str, Any] = {"until": param(conn, as_of + timedelta(days=1))}
    wanted = set(ids)
    many = len(wanted) > 500  # past a bound-parameter list's size: read all, keep the wanted
    sql = _LAST if many else f"{_LAST} WHERE m.id IN ({in_list('m', sorted(wanted), params)})"
    out: dict[int, date] = {}
    for mid, issued, *facts in fetch(conn, sql, params):
        if many and mid not in wanted:
            continue
        days = [d for d in map(_day, facts) if d is not None]
        last = max(days) if days else _day(issued)
        if last is not None:
            out[mid] = min(last, as_of)
    return out


def stale_since(m: MilestoneView, last: dict[int, date], as_of: date, days: int) -> date | None:
    """The day `m` was last updated when that is more than `days` days before `as_of` and `m` is still
    open, not overdue (an overdue item is chased as overdue) and its clock has started (not grey:
    neither before its period nor waiting for statistics); else None."""
    d = m.derived
    if d.overdue or m.status in _FINISHED or d.rag == "grey":
        return None
    when = last.get(m.id)
    if when is None:
        return None
    # counted from no earlier than the item's own clock: a 2022 target is not silent since 2021
    when = max(when, measure_start(MeasureKind(m.kind), m.year, m.baseline_year, None))
    return when if (as_of - when).days > days else None
