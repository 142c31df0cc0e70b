"""What changed since the previous circular, read from the change log: statuses, values, evidence, reports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from tasktrack import present
from tasktrack.services.history import HistoryFilter
from tasktrack.services.views import ChangeView, MilestoneView

MILESTONE_FIELDS = ("status", "actual", "due")


@dataclass(frozen=True)
class ChangeLine:
    day: date  # local date of the change
    plan: str
    item: str  # milestone code and target, or indicator name
    kind: str  # status | actual | due | evidence | progress | reading
    text: str  # what changed, in words
    actor: str


def local_day(at: datetime) -> date:
    return (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone().date()


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
    """Changes logged from `since` to `until` (both whole days) about the report's milestones and indicators;
    `plan`: the report is of that plan's milestones only, so only changes about the plan are read."""
    lang = ledger.ctx.lang
    log = ledger.history.list(HistoryFilter(since=since, until=until, limit=None, plan=plan))
    if plan is not None:  # readings are matched to the report's indicators by code, of whichever plan
        shown = {c.id for c in log}
        readings = ledger.history.list(HistoryFilter(since=since, until=until, limit=None, entity="reading"))
        log += [c for c in readings if c.id not in shown]
    if not log:
        return []
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
    out: list[tuple[datetime, int, ChangeLine]] = []
    for c in log:
        line = _line(c, lang, by_id, by_task, evidence, reports, names)
        if line is not None:
            out.append((c.at, c.id, line))
    out.sort(key=lambda x: (x[0], x[1]))
    return [line for _, _, line in out]


def _line(
    c: ChangeView,
    lang: str,
    by_id: dict[int, MilestoneView],
    by_task: dict[int, MilestoneView],
    evidence: dict[int, Any],
    reports: dict[int, Any],
    indicators: dict[str, Any],
) -> ChangeLine | None:
    day = local_day(c.at)
    if c.entity == "milestone" and c.field in MILESTONE_FIELDS and c.entity_id in by_id:
        milestone = by_id[c.entity_id]
        return ChangeLine(day, milestone.plan, _label(milestone), c.field, _field_text(c, milestone, lang), c.actor)
    if c.entity == "evidence" and c.field == "created" and c.entity_id in evidence:
        e = evidence[c.entity_id]
        m = by_id.get(e.milestone_id) if e.milestone_id else by_task.get(e.task_id)
        if m is None:
            return None
        what = "，".join(b for b in (e.text, e.doc_no, e.file_name) if b)
        return ChangeLine(
            day, m.plan, _label(m), "evidence", _say("新增佐证材料", "evidence added", lang, what), c.actor
        )
    if c.entity == "progress" and c.field == "created" and c.entity_id in reports:
        r = reports[c.entity_id]
        m = by_id.get(r.milestone_id) if r.milestone_id else by_task.get(r.task_id)
        if m is None:
            return None
        who = present.unit(r.unit, lang) if r.unit else r.author
        head = f"{who}报送{r.period}进展" if lang == "zh" else f"{who} reported progress for {r.period}"
        return ChangeLine(
            day, m.plan, _label(m), "progress", f"{head}：{r.progress or ''}".rstrip("："), c.actor
        )
    if c.entity == "reading" and c.field == "value" and c.label:
        code, _, period = c.label.rpartition(" ")
        ind = indicators.get(code)
        if ind is None:
            return None
        value = present.number(float(c.new)) if c.new else ""
        text = _say(f"{period}年读数", f"reading for {period}", lang, f"{value}{ind.unit}")
        return ChangeLine(day, "", f"{ind.code} {ind.name}", "reading", text, c.actor)
    return None


def _label(m: MilestoneView) -> str:
    return f"{m.code} {m.metric}"


def _say(zh: str, en: str, lang: str, what: str) -> str:
    return f"{zh}：{what}" if lang == "zh" else f"{en}: {what}"


def _field_text(c: ChangeView, m: MilestoneView, lang: str) -> str:
    if c.field == "status":
        old = present.status(c.old, lang) if c.old else "—"
        new = present.status(c.new, lang) if c.new else "—"
        return _say("状态", "status", lang, f"{old} → {new}")
    if c.field == "actual":
        unit = m.unit or ""
        old = f"{present.number(float(c.old))}{unit}" if c.old else "—"
        new = f"{present.number(float(c.new))}{unit}" if c.new else "—"
        return _say("实际完成", "actual", lang, f"{old} → {new}")
    return _say("完成时限", "due date", lang, f"{c.old or '—'} → {c.new or '—'}")
