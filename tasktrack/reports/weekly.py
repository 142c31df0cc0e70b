"""The weekly circular (周报 / 通报) as plain data, gathered from the services for one date and scope."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from tasktrack import present
from tasktrack.domain.periods import ShownReports, period_end, period_of, period_start
from tasktrack.i18n import t
from tasktrack.reports import changes as change_log
from tasktrack.services.annex import evidence_notes
from tasktrack.services.circulars import Issue
from tasktrack.services.indicators import indicator_progress
from tasktrack.services.overview import BUCKETS, Counts, ProgrammeSummary
from tasktrack.services.views import IndicatorView, MilestoneFilter, MilestoneView, PlanView, ProgressView


@dataclass(frozen=True)
class CountRow:
    label: str
    total: int
    counts: dict[str, int]
    shares: dict[str, float]

    @classmethod
    def of(cls, label: str, c: Counts) -> CountRow:
        return cls(label, c.total, dict(c.by), {k: c.share(k) for k in BUCKETS})


@dataclass(frozen=True)
class Item:
    """A milestone as the circular names it."""

    id: int
    plan: str
    code: str
    target: str  # "2021年新增高新技术企业≥15家"
    task: str  # "1-3 培育科技型企业"
    due: date
    days_left: int
    schedule: str
    reason: str
    lead: str  # the lead unit's label, demo-marked; 未明确 when none
    lead_id: int | None


@dataclass(frozen=True)
class UnitItems:
    unit: str
    unit_id: int | None
    items: tuple[Item, ...]


@dataclass(frozen=True)
class IndicatorLine:
    code: str
    name: str
    unit: str
    attribute: str
    cumulative: bool
    baseline_year: int | None
    baseline: float | None
    latest_period: str | None
    latest: float | None
    target_year: int | None
    target: float | None
    progress: float | None
    expected: float
    readings: dict[str, float]  # annual readings known on the as-of date


@dataclass(frozen=True)
class LedgerRow:
    """One row of the annexed ledger (台账), in the conventional columns."""

    no: int
    programme: str
    task: str
    target: str
    lead: str
    co: str
    due: str
    progress: str
    problems: str
    next_steps: str
    evidence: str
    status: str
    due_on: date | None = None  # `due` as a date, for spreadsheets


@dataclass(frozen=True)
class ItemState:
    """How one milestone stood on the report date: what the next issue's 环比 compares with."""

    id: int
    label: str  # the target in words
    lead: str
    schedule: str
    rag: str


@dataclass(frozen=True)
class Comparison:
    """环比: this issue against the previous issued one of its series."""

    previous_no: int
    previous_as_of: date
    newly_done: tuple[str, ...]
    newly_overdue: tuple[str, ...]
    colour_changes: tuple[tuple[str, str, str], ...]  # (label, colour before, colour now)


@dataclass(frozen=True)
class Forecast:
    """An indicator's readings extended to its target year by a straight line (least squares over the
    baseline and the annual readings): 预警 when the line falls short of the target."""

    code: str
    name: str
    unit: str
    points: tuple[tuple[int, float], ...]  # (year, value): the baseline, then each annual reading
    per_year: float  # the line's slope
    target_year: int
    target: float
    projected: float
    short: bool  # 预计难以完成


CLASSES = ("done", "ahead", "on_track", "behind")  # 已完成 / 超进度 / 达进度 / 欠进度


def classify(schedule: str, expected: float) -> str:
    """The half-year and annual packs' class of an item, from its 序时 judgement: 已完成 (done and met),
    超进度 (ahead of 序时), 达进度 (on 序时, or nothing due yet), 欠进度 (behind, overdue, not started when
    something is due, or done below target); pending data and cancelled keep their own words."""
    if schedule == "done":
        return "done"
    if schedule == "ahead":
        return "ahead"
    if schedule == "on_schedule" or (schedule == "not_started" and expected <= 0):
        return "on_track"
    if schedule in ("pending_data", "cancelled"):
        return schedule
    return "behind"


@dataclass(frozen=True)
class WeeklyReport:
    as_of: date
    since: date
    issue_no: int
    issuer: str
    plans: tuple[PlanView, ...]
    unit: str | None
    overall: CountRow
    programmes: tuple[CountRow, ...]
    changes: tuple[change_log.ChangeLine, ...]
    overdue: tuple[UnitItems, ...]
    behind: tuple[UnitItems, ...]
    due_soon: tuple[Item, ...]
    due_soon_days: int
    indicators: tuple[IndicatorLine, ...]
    ledger: tuple[LedgerRow, ...]
    has_demo: bool
    chain_head_id: int = 0  # the change log's newest row when the report was made, and its hash
    chain_head: str | None = None
    unmet: tuple[UnitItems, ...] = ()  # 已完成（未达标）: completed below target, listed under 存在问题
    returned: tuple[UnitItems, ...] = ()  # 退回: closure requests returned and not answered yet
    stale_requests: tuple[str, ...] = ()  # requests pending longer than review_pending_days, worded
    pending_days: int = 7
    late_reporters: tuple[str, ...] = ()  # 迟报/漏报 under reporting duties, one worded line per unit
    lagging: tuple[UnitItems, ...] = ()  # not started and behind 序时进度 (amber/red), with the rule
    not_updated: tuple[UnitItems, ...] = ()  # open items with nothing recorded for over stale_days
    stale_days: int = 60
    kind: str = "weekly"  # weekly | monthly | quarterly | halfyear | annual
    period: str = ""  # the period the issue covers: 2022-W02, 2022-01, 2022Q1, 2022H1, 2022
    year: int | None = None  # only this year's milestones (--year)
    preview: bool = False  # not issued: no number printed
    as_it_stood: bool = False  # the milestones as the ledger stood at the end of as_of, rebuilt from the log
    items: tuple[ItemState, ...] = ()
    compared: Comparison | None = None
    classes: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (class, item labels) for halfyear and annual
    forecasts: tuple[Forecast, ...] = ()


def target_text(m: MilestoneView, lang: str) -> str:
    goal = "" if m.kind == "event" or m.target is None else present.target(m, lang)
    return f"{m.year}年{m.metric}{goal}" if lang == "zh" else f"{m.year} {m.metric} {goal}".rstrip()


def item_of(m: MilestoneView, lang: str) -> Item:
    return Item(
        id=m.id,
        plan=m.plan,
        code=m.code,
        target=target_text(m, lang),
        task=f"{m.task_code} {m.task_title}",
        due=m.due,
        days_left=m.derived.days_left,
        schedule=m.derived.schedule,
        reason=m.derived.reason,
        lead=present.unit(m.lead, lang),
        lead_id=m.lead.id if m.lead else None,
    )


def by_lead(items: list[Item]) -> tuple[UnitItems, ...]:
    """Items grouped by lead unit in unit order; the unassigned last."""
    groups: dict[int | None, list[Item]] = {}
    for i in items:
        groups.setdefault(i.lead_id, []).append(i)
    keys = sorted(groups, key=lambda k: (k is None, k or 0))
    return tuple(UnitItems(groups[k][0].lead, k, tuple(groups[k])) for k in keys)


def build(
    ledger: Any,
    issue: Issue,
    *,
    plan: str | None = None,
    unit: str | None = None,
    year: int | None = None,
    previous: dict[str, Any] | None = None,
) -> WeeklyReport:
    """Gather everything the circular shows, as of `issue.as_of`; reads only. `year`: only that year's
    milestones; `previous`: the figures the previous issue froze (for 环比)."""
    ctx = ledger.ctx
    lang, as_of = ctx.lang, issue.as_of
    rows = ledger.milestones.list(MilestoneFilter(plan=plan, unit=unit, year=year), as_of)
    plans = _plans(ledger, plan, rows)
    multi = len(plans) > 1
    titles = {p.key: p.short_title or p.title for p in plans}
    programmes = tuple(
        CountRow.of(
            f"{titles.get(p.plan, p.plan)}·{p.code} {p.title}" if multi else f"{p.code} {p.title}", p.counts
        )
        for p in _programmes(ledger, plans, rows, as_of, unit)
    )
    chase, also = _chased_once(ledger, rows, lang)  # a linked commitment is chased once, naming both plans
    items = [also(item_of(m, lang)) for m in chase if m.derived.schedule in ("overdue", "behind", "done_unmet")]
    within = ctx.settings.due_soon_days
    evidence = evidence_notes(ledger, plan)
    reports = [r for r in ledger.progress.list(plan=plan, latest=False) if period_start(r.period) <= as_of]
    if getattr(ctx, "as_it_stood", None) is not None:  # as the ledger stood: what was on the record by then
        added = ledger.history.created_days("evidence")
        evidence = {k: e for k, e in evidence.items() if added.get(k, date.min) <= as_of}
        filed = ledger.history.created_days("progress")
        reports = [r for r in reports if filed.get(r.id, date.min) <= as_of]
    indicators = () if unit else tuple(indicator_line(v, as_of) for v in ledger.indicators.list(plan, as_of))
    changes = tuple(change_log.collect(ledger, issue.since, as_of, rows, evidence, indicators, plan=plan))
    states = _states(rows, lang)
    # Read last: the head covers every change the report was made from.
    head_id, head = ledger.history.chain_head()
    return WeeklyReport(
        as_of=as_of,
        since=issue.since,
        issue_no=issue.issue_no,
        issuer=ctx.settings.coordinator_name,
        plans=plans,
        unit=present.unit(ledger.units.get(unit), lang) if unit else None,
        overall=CountRow.of("合计" if lang == "zh" else "Total", Counts.of(rows)),
        programmes=programmes,
        changes=changes,
        overdue=by_lead([i for i in items if i.schedule == "overdue"]),
        behind=by_lead([i for i in items if i.schedule == "behind"]),
        due_soon=tuple(sorted((also(item_of(m, lang)) for m in chase if m.derived.due_soon), key=_by_due)),
        due_soon_days=within,
        indicators=indicators,
        ledger=_ledger(rows, reports, evidence, lang, adjusted_texts(ledger, rows, lang)),
        has_demo=_has_demo(rows, reports),
        chain_head_id=head_id,
        chain_head=head,
        unmet=by_lead([i for i in items if i.schedule == "done_unmet"]),
        returned=by_lead([also(i) for i in _returned(ledger, chase, lang)]),
        stale_requests=_stale(ledger, rows, as_of, lang),
        pending_days=ctx.settings.review_pending_days,
        late_reporters=_late_reporters(ledger, plans, unit, as_of, lang),
        **_cadence(ledger, chase, as_of, lang, also),
        kind=issue.kind,
        period=period_of(issue.kind, as_of),
        year=year,
        preview=issue.preview,
        as_it_stood=getattr(ctx, "as_it_stood", None) is not None,
        items=states,
        compared=compare(states, previous, issue),
        classes=_classes(rows, lang) if issue.kind in ("halfyear", "annual") else (),
        forecasts=tuple(f for f in map(forecast, indicators) if f is not None)
        if issue.kind in ("halfyear", "annual")
        else (),
    )


def _states(rows: list[MilestoneView], lang: str) -> tuple[ItemState, ...]:
    return tuple(
        ItemState(m.id, target_text(m, lang), present.unit(m.lead, lang), m.derived.schedule, m.derived.rag)
        for m in rows
    )


def compare(items: tuple[ItemState, ...], previous: dict[str, Any] | None, issue: Issue) -> Comparison | None:
    """环比 against the previous issue's frozen figures: items completed since, newly overdue, colour changes."""
    if previous is None or issue.previous_no is None or issue.previous is None:
        return None
    before = {int(i["id"]): i for i in previous.get("items", ())}
    done, overdue, colours = [], [], []
    for i in items:
        was = before.get(i.id)
        if was is None:
            continue
        if i.schedule in ("done", "done_unmet") and was["schedule"] not in ("done", "done_unmet"):
            done.append(i.label)
        if i.schedule == "overdue" and was["schedule"] != "overdue":
            overdue.append(i.label)
        if i.rag != was["rag"] and "grey" not in (i.rag, was["rag"]):
            colours.append((i.label, str(was["rag"]), i.rag))
    return Comparison(issue.previous_no, issue.previous, tuple(done), tuple(overdue), tuple(colours))


def _classes(rows: list[MilestoneView], lang: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    found: dict[str, list[str]] = {}
    for m in rows:
        found.setdefault(classify(m.derived.schedule, m.derived.expected), []).append(target_text(m, lang))
    order = [*CLASSES, *(k for k in found if k not in CLASSES)]
    return tuple((k, tuple(found.get(k, ()))) for k in order)


def forecast(line: IndicatorLine) -> Forecast | None:
    """The straight line through an indicator's baseline and annual readings (least squares), at its
    target year; None without a target or with fewer than two points."""
    points = sorted({int(y): v for y, v in line.readings.items()}.items())
    if line.baseline is not None and line.baseline_year is not None:
        points = [(line.baseline_year, line.baseline), *[p for p in points if p[0] != line.baseline_year]]
        points.sort()
    if line.target is None or line.target_year is None or len(points) < 2:
        return None
    n = len(points)
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    slope = sum((x - mx) * (y - my) for x, y in points) / sum((x - mx) ** 2 for x, _ in points)
    projected = my + slope * (line.target_year - mx)
    rising = line.baseline is None or line.target >= line.baseline
    short = projected < line.target if rising else projected > line.target
    return Forecast(line.code, line.name, line.unit, tuple(points), round(slope, 4), line.target_year,
                    line.target, round(projected, 4), short)  # fmt: skip


def _chased_once(
    ledger: Any, rows: list[MilestoneView], lang: str
) -> tuple[list[MilestoneView], Callable[[Item], Item]]:
    """The rows the circular chases (a milestone linked to one listed before it left out, by
    services.link_rules.chase_once) and what names an item's linked milestone after its target."""
    from tasktrack.services.link_rules import chase_once, partners

    with ledger.connect() as conn:
        links = partners(conn)
    drop = chase_once((m.id for m in rows), links)
    titles = {p.key: p.short_title or p.title for p in _plans(ledger, None, [])} if links else {}

    def also(item: Item) -> Item:
        if item.id not in links:
            return item
        _, plan, code = links[item.id]
        return replace(item, target=item.target + t("rep.also", lang, plan=titles.get(plan, plan), code=code))

    return [m for m in rows if m.id not in drop], also


def _cadence(
    ledger: Any, rows: list[MilestoneView], as_of: date, lang: str, also: Callable[[Item], Item]
) -> dict[str, Any]:
    """存在问题's cadence sections: items not started and already behind 序时进度, and open items nobody
    updated for stale_days (those not listed as overdue or behind already), each with its rule."""
    from tasktrack.services.cadence import is_lagging, lag_rule, last_updates, stale_rule, stale_since

    days = ledger.ctx.settings.stale_days
    lagging = [m for m in rows if is_lagging(m) and m.derived.schedule == "not_started"]
    listed = {m.id for m in lagging} | {m.id for m in rows if m.derived.schedule in ("overdue", "behind")}
    rest = [m for m in rows if m.id not in listed]
    with ledger.connect() as conn:
        last = last_updates(conn, [m.id for m in rest], as_of)
    stale = [(m, since) for m in rest if (since := stale_since(m, last, as_of, days)) is not None]
    return {
        "lagging": by_lead([also(replace(item_of(m, lang), reason=lag_rule(m, lang))) for m in lagging]),
        "not_updated": by_lead(
            [also(replace(item_of(m, lang), reason=stale_rule(d, as_of, lang))) for m, d in stale]
        ),
        "stale_days": days,
    }


def _programmes(
    ledger: Any, plans: tuple[PlanView, ...], rows: list[MilestoneView], as_of: date, unit: str | None
) -> list[ProgrammeSummary]:
    """Counts per programme; a whole-plan circular lists every programme (all 七大工程), those with no
    target yet at 0, in the plan's order."""
    counted = ledger.overview.by_programme(as_of, milestones=rows)
    if unit:
        return list(counted)
    by_key = {(s.plan, s.code): s for s in counted}
    out: list[ProgrammeSummary] = []
    for p in plans:
        for task in ledger.tasks.list(p.key):
            if task.parent_code is None:
                out.append(by_key.pop((p.key, task.code), None) or ProgrammeSummary(p.key, task.code, task.title, Counts.of([])))
    return out + [s for s in counted if (s.plan, s.code) in by_key]


def _returned(ledger: Any, rows: list[MilestoneView], lang: str) -> list[Item]:
    """The report's milestones returned (退回) and not answered, each with the return's reason."""
    views = {m.id: m for m in rows}
    out = []
    for r in ledger.review.open_returns():
        if r.milestone_id in views:
            why = t("rep.returned_why", lang, why=r.decision_note or "", by=r.decided_by or "")
            out.append(replace(item_of(views[r.milestone_id], lang), reason=why))
    return out


def _stale(ledger: Any, rows: list[MilestoneView], as_of: date, lang: str) -> tuple[str, ...]:
    """Requests on the report's milestones pending longer than the set number of days, oldest first."""
    ids = {m.id: m for m in rows}
    days = ledger.ctx.settings.review_pending_days
    out = []
    for r in ledger.review.requests(state="pending"):
        waited = (as_of - r.requested_at.date()).days
        if r.milestone_id in ids and waited > days:
            m = ids[r.milestone_id]
            out.append(t("rep.stale_item", lang, ref=r.ref, code=target_text(m, lang), kind=t(f"review.kind.{r.kind}", lang),
                         by=r.requested_by, days=waited))  # fmt: skip
    return tuple(out)


LATE_WINDOW_DAYS = 365  # the circular names the late and missed filings of the past year


def _late_reporters(ledger: Any, plans: tuple[PlanView, ...], unit: str | None, as_of: date, lang: str) -> tuple[str, ...]:
    """Per unit, its filings under the report's plans' duties (and duties of no plan) that were late (迟报)
    or are missing (漏报), with deadlines in the past year."""
    from tasktrack.services.duties import filings

    keys = {p.key for p in plans}
    late: dict[Any, list[str]] = {}
    for f in filings(ledger.connect, as_of, unit=unit):
        if f.state not in ("late", "missing") or (f.plan is not None and f.plan not in keys):
            continue
        if (as_of - f.deadline).days > LATE_WINDOW_DAYS:
            continue
        word = t(f"duty.st.{f.state}", lang) + (t("duty.days_late", lang, n=f.days_late) if f.state == "late" else "")
        late.setdefault(f.unit, []).append(t("rep.late_item", lang, phrase=f.phrase, period=f.period, state=word))
    sep = "；" if lang == "zh" else "; "
    return tuple(
        t("rep.late_unit", lang, unit=present.unit(u, lang), items=sep.join(items))
        for u, items in sorted(late.items(), key=lambda kv: kv[0].id)
    )


def _by_due(i: Item) -> tuple[date, int]:
    return (i.due, i.id)


def _plans(ledger: Any, plan: str | None, rows: list[MilestoneView]) -> tuple[PlanView, ...]:
    if plan:
        return (ledger.plans.get(plan),)
    keys = {m.plan for m in rows}
    return tuple(p for p in ledger.plans.list() if p.key in keys or not rows)


def _has_demo(rows: list[MilestoneView], reports: list[ProgressView]) -> bool:
    units = [u for m in rows for u in (m.lead, *m.co) if u is not None]
    return any(u.is_demo for u in units) or any(r.is_demo for r in reports)


def indicator_line(v: IndicatorView, as_of: date) -> IndicatorLine:
    known = [r for r in v.readings if period_end(r.period) <= as_of]
    latest = known[-1] if known else None
    progress = indicator_progress(v.baseline_value, v.target_value, latest.value if latest else None)
    return IndicatorLine(
        code=v.code,
        name=v.name,
        unit=v.unit or "",
        attribute=v.attribute,
        cumulative=v.cumulative,
        baseline_year=v.baseline_year,
        baseline=v.baseline_value,
        latest_period=latest.period if latest else None,
        latest=latest.value if latest else None,
        target_year=v.target_year,
        target=v.target_value,
        progress=None if progress is None else round(progress, 4),
        expected=v.expected,
        readings={r.period: r.value for r in known if r.period.isdigit()},
    )


def adjusted_texts(ledger: Any, rows: list[MilestoneView], lang: str) -> dict[int, str]:
    """Per milestone, its approved 延期/调整申请 as reports say them: 原目标15家 → 调整为10家（依据…，某某批准）."""
    views = {m.id: m for m in rows}
    out: dict[int, list[str]] = {}
    for r in ledger.review.requests(state="approved"):
        m = views.get(r.milestone_id)
        if m is None or r.kind == "closure":
            continue
        basis = r.reason + (f"，{r.doc_no}" if r.doc_no else "")
        for name, new in r.proposed.items():
            line = present.adjustment(name, r.old.get(name), new, basis, r.decided_by or "", m, lang)
            out.setdefault(m.id, []).append(line)
    return {k: "；".join(v) for k, v in out.items()}


def _ledger(
    rows: list[MilestoneView],
    reports: list[ProgressView],
    evidence: dict[int, Any],
    lang: str,
    adjusted: dict[int, str] | None = None,
) -> tuple[LedgerRow, ...]:
    """The annex, one row per milestone: each report and each piece of evidence is looked up once."""
    shown = ShownReports(reports)  # (already limited to periods begun by the as-of date)
    proofs: dict[int, list[Any]] = {}
    for e in sorted(evidence.values(), key=lambda e: e.id):
        if e.milestone_id is not None:
            proofs.setdefault(e.milestone_id, []).append(e)
    said: dict[Any, str] = {}  # what rows share (units, co-unit lists, due dates), worded once
    out = [_ledger_row(n, m, shown.of(m.id, m.task_id), proofs, lang, said) for n, m in enumerate(rows, 1)]
    for i, m in enumerate(rows):
        if adjusted and m.id in adjusted:
            sep = "；" if lang == "zh" else "; "
            out[i] = replace(out[i], target=f"{out[i].target}{sep}{adjusted[m.id]}")
    return tuple(out)


def _evidence_text(m: MilestoneView, proofs: dict[int, list[Any]]) -> str:
    parts = []
    for e in proofs.get(m.id, ()):
        bits = [b for b in (e.text, e.doc_no, e.file_name) if b]
        parts.append("，".join(bits) + ("（已认定）" if e.accepted_by else ""))
    return "；".join(parts)


def _ledger_row(
    n: int,
    m: MilestoneView,
    r: ProgressView | None,
    proofs: dict[int, list[Any]],
    lang: str,
    said: dict[Any, str],
) -> LedgerRow:
    status = present.schedule(m.derived.schedule, lang)
    if m.actual is not None:
        status += f"（{present.actual(m)}）" if lang == "zh" else f" ({present.actual(m)})"
    # Views share their lead, co-unit tuple and due date objects: keyed by identity, each is worded once
    # (the objects live as long as the rows, so an id is never reused while `said` is in use).
    lead = said.get(("lead", id(m.lead)))
    if lead is None:
        lead = said[("lead", id(m.lead))] = present.unit(m.lead, lang)
    co = said.get(("co", id(m.co)))
    if co is None:
        co = said[("co", id(m.co))] = present.units(m.co, lang)
    due = said.get(m.due)
    if due is None:
        due = said[m.due] = present.day(m.due, lang)
    return LedgerRow(
        no=n,
        programme=f"{m.programme_code} {m.programme_title}",
        task=f"{m.task_code} {m.task_title}",
        target=target_text(m, lang),
        lead=lead,
        co=co,
        due=due,
        progress=(r.progress or "") if r else "",
        problems=(r.problems or "") if r else "",
        next_steps=(r.next_steps or "") if r else "",
        evidence=_evidence_text(m, proofs),
        status=status,
        due_on=m.due,
    )
