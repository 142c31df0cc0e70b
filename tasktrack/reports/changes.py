"""本期进展: what changed in the period, per item, as a person would write it, read from the change log.

Each milestone gets one line with its net change over the period (实际 31→42家；状态 推进中→已完成), the
reason given and the unit that reports on it; a field changed and changed back (an undo, a correction that
cancels out) says nothing, and what a seed load brought in is not progress. Evidence added and progress
reported (by the reporting unit) are listed with their item; an indicator's reading with its net value.
Items are named by their words (the target), not by internal codes; nobody is named by an account.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from tasktrack import present
from tasktrack.services.base import encode
from tasktrack.services.history import HistoryFilter
from tasktrack.services.views import ChangeView, MilestoneView

MILESTONE_FIELDS = ("status", "actual", "due")
SEED_LOAD = "seed load"  # a seed file's rows (services.loading): the starting record, not progress


@dataclass(frozen=True)
class ChangeLine:
    day: date  # local date of the item's last change in the period
    plan: str
    item: str  # the milestone's target in words, or the indicator's name
    kind: str  # milestone | evidence | progress | reading
    text: str  # what changed, in words
    unit: str  # who reports on it: the milestone's lead unit, the reporting unit; "" when none


def local_day(at: datetime) -> date:
    return (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone().date()


def _day(c: ChangeView, stated: dict[str, date]) -> date:
    """The day a line is dated: its command's stated day, else the local day it was logged."""
    return stated.get(c.command_id) or local_day(c.at)


def collect(
    ledger: Any,
    since: date,
    until: date,
    milestones: list[MilestoneView],
    evidence: dict[int, Any],
    indicators: Any,
    *,
    plan: str | None = None,
) -> list[ChangeLine]:
    """Net changes from `since` to `until` (both whole days) about the report's milestones and indicators,
    in the order their items last changed. A change counts on the day its command was made for (--as-of),
    else on the day it was logged (services.replay.effective_day). `plan`: the report is of that plan's
    milestones only, so only changes about the plan are read."""
    from tasktrack.services.as_it_stood import effective_day

    lang = ledger.ctx.lang
    stated = ledger.history.stated_days()
    # logged since `since`: a back-dated command is logged after its day (one dated ahead, before it, is rare)
    log = ledger.history.list(HistoryFilter(since=since, limit=None, plan=plan))
    if plan is not None:  # readings are matched to the report's indicators by code, of whichever plan
        shown = {c.id for c in log}
        log += [c for c in ledger.history.list(HistoryFilter(since=since, limit=None, entity="reading")) if c.id not in shown]
    log = [c for c in log if not (c.command or "").startswith(SEED_LOAD) and since <= effective_day(c, {}, stated) <= until]
    if not log:
        return []
    log.sort(key=lambda c: c.id)
    by_id = {m.id: m for m in milestones}
    by_task: dict[int, MilestoneView] = {}
    for m in milestones:
        by_task.setdefault(m.task_id, m)
    reports = (
        {r.id: r for r in ledger.progress.list(plan=plan, latest=False)}
        if any(c.entity == "progress" for c in log)
        else {}
    )
    names = {i.code: i for i in indicators}
    out: list[tuple[int, ChangeLine]] = []
    out += _milestone_lines(log, by_id, lang, stated)
    out += _reading_lines(log, names, lang, stated)
    for c in log:
        line = _added(c, lang, by_id, by_task, evidence, reports, stated)
        if line is not None:
            out.append((c.id, line))
    out.sort(key=lambda x: x[0])
    return [line for _, line in out]


def _net(rows: list[ChangeView]) -> dict[str, tuple[str | None, str | None]]:
    """Per field, its value before the first row and after the last; fields back where they began left out."""
    first: dict[str, str | None] = {}
    last: dict[str, str | None] = {}
    for c in rows:
        first.setdefault(c.field, c.old)
        last[c.field] = c.new
    return {k: (first[k], last[k]) for k in last if encode(first[k]) != encode(last[k])}


def _milestone_lines(
    log: list[ChangeView], by_id: dict[int, MilestoneView], lang: str, stated: dict[str, date]
) -> list[tuple[int, ChangeLine]]:
    groups: dict[int, list[ChangeView]] = {}
    for c in log:
        if c.entity == "milestone" and c.field in MILESTONE_FIELDS and c.entity_id in by_id:
            groups.setdefault(c.entity_id, []).append(c)
    out = []
    for mid, rows in groups.items():
        net = _net(rows)
        if not net:
            continue
        m = by_id[mid]
        parts = [_field_text(name, *net[name], m, lang) for name in MILESTONE_FIELDS if name in net]
        reasons = [present.reason(c, lang) for c in rows if c.field in net and c.reason]
        text = ("；" if lang == "zh" else "; ").join(parts)
        if reasons:
            text += f"（{reasons[-1]}）" if lang == "zh" else f" ({reasons[-1]})"
        unit = present.unit(m.lead, lang) if m.lead else ""
        out.append((rows[-1].id, ChangeLine(_day(rows[-1], stated), m.plan, _label(m, lang), "milestone", text, unit)))
    return out


def _reading_lines(
    log: list[ChangeView], indicators: dict[str, Any], lang: str, stated: dict[str, date]
) -> list[tuple[int, ChangeLine]]:
    groups: dict[str, list[ChangeView]] = {}
    for c in log:
        if c.entity == "reading" and c.field == "value" and c.label:
            groups.setdefault(c.label, []).append(c)
    out = []
    for label, rows in groups.items():
        code, _, period = label.rpartition(" ")
        ind = indicators.get(code)
        net = _net(rows).get("value")
        if ind is None or net is None:
            continue
        old, new = (f"{present.number(float(v))}{ind.unit}" if v else "—" for v in net)
        text = _say(f"{period}年读数", f"reading for {period}", lang, f"{old}→{new}" if net[0] else new)
        out.append((rows[-1].id, ChangeLine(_day(rows[-1], stated), "", ind.name, "reading", text, "")))
    return out


def _added(
    c: ChangeView,
    lang: str,
    by_id: dict[int, MilestoneView],
    by_task: dict[int, MilestoneView],
    evidence: dict[int, Any],
    reports: dict[int, Any],
    stated: dict[str, date],
) -> ChangeLine | None:
    """Evidence added and progress reported in the period (and still on the record)."""
    day = _day(c, stated)
    if c.entity == "evidence" and c.field == "created" and c.entity_id in evidence:
        e = evidence[c.entity_id]
        m = by_id.get(e.milestone_id) if e.milestone_id else by_task.get(e.task_id)
        if m is None:
            return None
        what = "，".join(b for b in (e.text, e.doc_no, e.file_name) if b)
        unit = present.unit(m.lead, lang) if m.lead else ""
        return ChangeLine(day, m.plan, _label(m, lang), "evidence", _say("新增佐证材料", "evidence added", lang, what), unit)
    if c.entity == "progress" and c.field == "created" and c.entity_id in reports:
        r = reports[c.entity_id]
        m = by_id.get(r.milestone_id) if r.milestone_id else by_task.get(r.task_id)
        if m is None:
            return None
        unit = present.unit(r.unit, lang) if r.unit else ""
        head = f"报送{r.period}进展" if lang == "zh" else f"reported progress for {r.period}"
        return ChangeLine(day, m.plan, _label(m, lang), "progress", f"{head}：{r.progress or ''}".rstrip("："), unit)
    return None


def _label(m: MilestoneView, lang: str) -> str:
    """The item in words: its target (2021年新增高新技术企业≥15家), never its internal code."""
    from tasktrack.reports.weekly import target_text

    return target_text(m, lang)


def _say(zh: str, en: str, lang: str, what: str) -> str:
    return f"{zh}{what}" if lang == "zh" else f"{en} {what}"


def _field_text(name: str, old: str | None, new: str | None, m: MilestoneView, lang: str) -> str:
    if name == "status":
        was = present.status(old, lang) if old else "—"
        now = present.status(new, lang) if new else "—"
        return _say("状态 ", "status", lang, f"{was}→{now}")
    if name == "actual":
        unit = m.unit or ""
        was = present.number(float(old)) if old else "—"
        now = present.number(float(new)) if new else "—"
        return _say("实际 ", "actual", lang, f"{was}→{now}{unit}")
    return _say("完成时限 ", "due date", lang, f"{old or '—'}→{new or '—'}")
