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
from tasktrack.store.rawsql import fetch, param

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


# The newest fact of each kind, each read by one grouped scan (a correlated subquery per milestone costs
# more than the whole reminder run on a district's ledger).
_CHANGES = """SELECT entity_id, max(at) FROM change WHERE entity = 'milestone' AND at < :until GROUP BY entity_id"""
_REPORTS = """SELECT milestone_id, task_id, max(created_at) FROM progressreport WHERE created_at < :until
GROUP BY milestone_id, task_id"""
_EVIDENCE = """SELECT milestone_id, max(created_at) FROM evidence WHERE milestone_id IS NOT NULL
AND created_at < :until GROUP BY milestone_id"""
_ITEMS = "SELECT m.id, m.task_id, p.issued FROM milestone m JOIN plan p ON p.id = m.plan_id"


def _day(value: Any) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _newest(found: dict[Any, date], key: Any, value: Any) -> None:
    d = _day(value)
    if d is not None and (key not in found or d > found[key]):
        found[key] = d


def last_updates(conn: Any, ids: list[int], as_of: date) -> dict[int, date]:
    """Per milestone, the day of the newest fact recorded about it on or before `as_of`: a change in the
    change log, a progress report on it or (a report on no milestone) on its task, evidence; with none,
    its plan's issue date (the day it was assigned). Milestones with neither are left out."""
    if not ids:
        return {}
    until = {"until": param(conn, as_of + timedelta(days=1))}
    wanted = set(ids)
    by_item: dict[Any, date] = {}
    by_task: dict[Any, date] = {}
    for mid, value in fetch(conn, _CHANGES, until):
        _newest(by_item, mid, value)
    for mid, task_id, value in fetch(conn, _REPORTS, until):
        if mid is not None:
            _newest(by_item, mid, value)
        else:
            _newest(by_task, task_id, value)
    for mid, value in fetch(conn, _EVIDENCE, until):
        _newest(by_item, mid, value)
    out: dict[int, date] = {}
    for mid, task_id, issued in fetch(conn, _ITEMS):
        if mid not in wanted:
            continue
        days = [d for d in (by_item.get(mid), by_task.get(task_id)) if d is not None]
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
