"""`tasktrack milestone`: list with filters, show, set status, record actual values, add, edit."""

from __future__ import annotations

from typing import Any

import typer

from tasktrack import present
from tasktrack.cli.output import details, emit_json, info, say, table
from tasktrack.cli.params import NEGATIVE_VALUES
from tasktrack.cli.state import state
from tasktrack.i18n import t

app = typer.Typer(help="Milestones: dated targets of tasks (年度目标).", no_args_is_help=True)

JSON_OPT = typer.Option(False, "--json", help="Print JSON (see README, 'JSON output').")


def as_json(m: Any) -> dict[str, Any]:
    """The documented JSON shape of a milestone: its facts, its owners and what the rules derive."""
    from tasktrack.services.views import jsonable

    data: dict[str, Any] = jsonable(m)  # a view is a dataclass: an object
    derived = data.pop("derived")
    data["lead"] = _unit_json(m.lead)
    data["co"] = [_unit_json(u) for u in m.co]
    data.update(derived)
    return data


def _unit_json(u: Any) -> dict[str, Any] | None:
    return None if u is None else {"id": u.id, "name": u.name, "short_name": u.short_name, "demo": u.is_demo}


@app.command("list")
def list_(
    ctx: typer.Context,
    plan: str = typer.Option(None, "--plan", help="Plan key, document number or id."),
    programme: str = typer.Option(None, "--programme", help="Code of a programme (top-level task)."),
    task: str = typer.Option(None, "--task", help="Code of a task: it and its sub-tasks."),
    unit: str = typer.Option(None, "--unit", help="Lead or co-unit (name, short name or id)."),
    unassigned: bool = typer.Option(False, "--unassigned", help="Only those with no lead unit."),
    status: list[str] = typer.Option(
        None,
        "--status",
        help="Stored status (repeatable): not_started, in_progress, done, blocked, cancelled, closed.",
    ),
    year: int = typer.Option(None, "--year", help="Target year."),
    overdue: bool = typer.Option(False, "--overdue", help="Overdue on the as-of date."),
    due_within: int = typer.Option(None, "--due-within", help="Due within N days of the as-of date."),
    text: str = typer.Option(None, "--text", help="Words in the target, code, source quote or task title."),
    limit: int = typer.Option(None, "--limit", min=1, help="At most N rows."),
    json_out: bool = JSON_OPT,
) -> None:
    """List milestones with their targets, status, 序时 colour and lead unit."""
    from tasktrack.services.views import MilestoneFilter

    st = state(ctx)
    f = MilestoneFilter(
        plan=plan,
        programme=programme,
        task=task,
        unit=unit,
        unassigned=unassigned,
        statuses=list(status or []),
        year=year,
        overdue=overdue,
        due_within=due_within,
        text=text,
        limit=limit,
    )
    source = st.reader()
    header = st.stood_header(source)
    if json_out:
        rows = source.milestones.list(f)
        data: dict[str, Any] = {"as_of": source.ctx.today, "count": len(rows), "milestones": [as_json(m) for m in rows]}
        if header:
            data = {"as_of": source.ctx.today, "as_it_stood": True, **data}
        emit_json(data)
        return
    lines = source.milestones.reads().table(f)  # only what the table shows: an overdue list stays fast
    if header:
        info(header)  # on stderr: the table below stays the table
    lang = st.lang
    heads = [
        t(k, lang)
        for k in (
            "id",
            "code",
            "year",
            "metric",
            "target",
            "actual",
            "due",
            "status",
            "schedule",
            "rag",
            "lead",
        )
    ]
    table(
        heads,
        [
            (
                m.id,
                m.code,
                m.year,
                m.metric,
                present.target(m, lang),
                present.actual(m),
                m.due.isoformat(),
                present.status(m.status, lang),
                present.schedule(m.schedule, lang),
                present.rag(m.rag, lang),
                present.unit(m.lead, lang),
            )
            for m in lines
        ],
        lang,
        aligns=["right", "left", "right", "left", "right", "right", "left", "left", "left", "left", "left"],
        text=(3, 10),  # 目标内容, 牵头单位
    )


@app.command("show")
def show(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="Milestone id or code (1-M1, PLAN:1-M1)."),
    json_out: bool = JSON_OPT,
) -> None:
    """Show one milestone: target, source quote, owners, what the rules say, evidence and history."""
    st = state(ctx)
    ledger = st.ledger()
    header = st.stood_header(ledger)
    m = ledger.milestones.get(ref)
    if json_out:
        linked, fed = ledger.links.of(m.id)
        data = {**as_json(m), "linked_to": linked, "feeds": fed}
        emit_json({**data, "as_it_stood": st.as_of} if header else data)
        return
    if header:
        info(header)  # on stderr: the table below stays the table
    print_milestone(ledger, m, st.lang, until=st.as_of)


def _colours(ledger: Any, m: Any, lang: str) -> str:
    """The 三色督办 stages the item was sent at (蓝 2021-12-24 → 黄 2022-01-01), from the sent-log."""
    from tasktrack.services.reminders import ReminderService

    return str(ReminderService(ledger.ctx, source=ledger).colour_history(m.id, lang))


def _links(ledger: Any, m: Any, lang: str) -> list[tuple[str, str]]:
    """The rows naming the milestone's link to another plan's and the indicator it feeds (none: none)."""
    linked, fed = ledger.links.of(m.id)
    return [(t(k, lang), v) for k, v in (("link.linked", linked), ("link.feeds", fed)) if v]


def print_milestone(ledger: Any, m: Any, lang: str, *, until: Any = None) -> None:
    """One milestone in full; with `until` (a date), only the evidence and history on the record by then."""
    from tasktrack.services.history import HistoryFilter

    d = m.derived
    details(
        [
            (t("code", lang), f"{m.plan}:{m.code}  (#{m.id}, v{m.version})"),
            (t("programme", lang), f"{m.programme_code} {m.programme_title}"),
            (t("task", lang), f"{m.task_code} {m.task_title}"),
            (t("metric", lang), m.metric),
            (t("target", lang), f"{present.target(m, lang)}  ({t('kind.' + m.kind, lang)})"),
            (
                t("baseline", lang),
                f"{present.number(m.baseline_value)} ({m.baseline_year})"
                if m.baseline_value is not None
                else "",
            ),
            (t("actual", lang), present.actual(m)),
            (t("due", lang), f"{m.due.isoformat()}" + (f"  «{m.due_text}»" if m.due_text else "")),
            (
                t("status", lang),
                present.status(m.status, lang) + (f"  {m.completed_on}" if m.completed_on else ""),
            ),
            (t("schedule", lang), f"{present.schedule(d.schedule, lang)} · {d.reason}"),
            (t("lead", lang), present.unit(m.lead, lang)),
            (t("co", lang), present.units(m.co, lang)),
            (t("quote", lang), f"“{m.quote}”" if m.quote else ""),
            (t("note", lang), m.note),
            (t("ladder.history", lang), _colours(ledger, m, lang)),
            *_links(ledger, m, lang),
        ]
    )
    adjusted = [r for r in ledger.review.requests(m.id, state="approved") if r.kind != "closure"]
    if adjusted:
        say(f"\n{t('review.adjustments', lang)}:")
        for r in adjusted:
            basis = r.reason + (f"，{r.doc_no}" if r.doc_no else "")
            for name, new in r.proposed.items():
                say(f"  {present.adjustment(name, r.old.get(name), new, basis, r.decided_by or '', m, lang)}")
    parts = ledger.progress.by_unit(m.id, until)
    if parts:
        say(f"\n{t('progress.by_unit', lang)}:")
        for p in parts:
            colon, sep = ("：", "；") if lang == "zh" else (": ", "; ")
            said = sep.join(f"{t(k, lang)}{colon}{v.rstrip('。；; ')}" for k, v in
                            (("progress", p.progress), ("problems", p.problems), ("next_steps", p.next_steps)) if v)  # fmt: skip
            head = t("progress.part", lang, unit=present.unit(p.unit, lang), period=p.period, author=p.author)
            say(f"  {head}: {said}")
    evidence = ledger.evidence.list(m.id)
    if until is not None:
        evidence = ledger.history.on_record(evidence, "evidence", until)
    if evidence:
        say(f"\n{t('evidence', lang)}:")
        for e in evidence:
            parts = [
                p for p in (e.text, e.doc_no, e.file_name and f"[{e.file_name} {e.file_sha256[:12]}]") if p
            ]
            review = ""
            if e.accepted_by:
                review = f"  [{t('review.st.approved', lang)} {e.accepted_by}]"
            elif e.rejected_by:
                review = f"  [{t('review.st.rejected', lang)} {e.rejected_by}：{e.reject_reason}]"
            unit = t("evidence.for", lang, unit=present.unit(e.unit, lang)) if e.unit else ""
            say(f"  e{e.id} {present.stamp(e.created_at)} {e.author}{unit}: {' · '.join(parts)}{review}")
    recent = HistoryFilter(milestone=str(m.id), limit=5)
    changes = ledger.history.list(recent) if until is None else ledger.history.as_it_stood(recent, until)
    if changes:
        say(f"\n{t('history', lang)}:")
        colon, why = ("：", "  （{}）") if lang == "zh" else (": ", "  ({})")
        for c in changes:
            item, field, old, new = present.change(c, lang)  # in words, as `tasktrack history` shows them
            say(
                f"  {present.stamp(c.at)} {c.actor} {item} {field}{colon}{old or '—'} → {new or '—'}"
                + (why.format(present.reason(c, lang)) if c.reason else "")
            )


@app.command("set")
def set_(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="Milestone id or code."),
    status: str = typer.Option(
        ...,
        "--status",
        "-s",
        help="not_started, in_progress, done, blocked, "
        "cancelled, closed (or 未启动/推进中/已完成/受阻/已取消/已销号).",
    ),
    note: str = typer.Option(None, "--note", "-n", help="Why: recorded with the change."),
    on: str = typer.Option(None, "--on", help="Completion date for done/closed (default: today)."),
    expect_version: int = typer.Option(
        None, "--expect-version", help="Refuse if the milestone changed since you read this version."
    ),
    json_out: bool = JSON_OPT,
) -> None:
    """Set a milestone's status. Done records the completion date; closing (销号) needs evidence."""
    st = state(ctx)
    on_date = _date(on, st) if on else None
    m = st.ledger().milestones.set_status(ref, status, note=note, on=on_date, expected_version=expect_version)
    _done(st, m, json_out)


@app.command("progress", context_settings=NEGATIVE_VALUES)
def progress(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="Milestone id or code."),
    value: str = typer.Argument(
        ..., help="The actual value so far (e.g. 56, 1.62 or -5); 'none' (or 无) clears it."
    ),
    note: str = typer.Option(None, "--note", "-n", help="Where the figure comes from."),
    expect_version: int = typer.Option(
        None, "--expect-version", help="Refuse if changed since this version."
    ),
    json_out: bool = JSON_OPT,
) -> None:
    """Record a milestone's actual value."""
    st = state(ctx)
    m = st.ledger().milestones.record_actual(ref, value, note=note, expected_version=expect_version)
    _done(st, m, json_out)


@app.command("add")
def add(
    ctx: typer.Context,
    task: str = typer.Argument(..., help="Task id or PLAN:CODE the milestone belongs to."),
    code: str = typer.Option(..., "--code", help="Code, unique in the plan (e.g. 1-M5)."),
    metric: str = typer.Option(..., "--metric", help="What is counted or achieved."),
    year: int = typer.Option(..., "--year", help="Target year."),
    due: str = typer.Option(
        None, "--due", help="Due date (default: end of the year): 2021-08-31, 8月底前 ..."
    ),
    target: str = typer.Option(None, "--target", help="Target value (none for an event)."),
    unit: str = typer.Option(None, "--unit", help="Unit of the value: 家, 个, %, 万元 ..."),
    comparison: str = typer.Option(">=", "--comparison", help=">=, >, = or <=."),
    kind: str = typer.Option("increment", "--kind", help="increment, stock, ratio, growth or event."),
    cumulative: bool = typer.Option(False, "--cumulative", help="A cumulative (累计) figure."),
    quote: str = typer.Option(None, "--quote", help="The sentence of the document that states it."),
    json_out: bool = JSON_OPT,
) -> None:
    """Add a milestone to a task."""
    st = state(ctx)
    ledger = st.ledger()
    mid = ledger.milestones.add(
        task,
        code,
        metric,
        year,
        due=due,
        target=target,
        unit=unit,
        comparison=comparison,
        kind=kind,
        cumulative=cumulative,
        quote=quote,
    )
    _done(st, ledger.milestones.get(mid), json_out)


@app.command("edit")
def edit(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="Milestone id or code."),
    due: str = typer.Option(None, "--due", help="New due date, in any form the documents use."),
    target: str = typer.Option(None, "--target", help="New target value."),
    metric: str = typer.Option(None, "--metric", help="New wording of the target."),
    unit: str = typer.Option(None, "--unit", help="New unit of the value."),
    comparison: str = typer.Option(None, "--comparison", help=">=, >, = or <=."),
    kind: str = typer.Option(None, "--kind", help="increment, stock, ratio, growth or event."),
    note: str = typer.Option(None, "--note", help="A remark shown with the milestone."),
    reason: str = typer.Option(None, "--reason", "-r", help="Why it changed: recorded in the history."),
    doc_no: str = typer.Option(None, "--doc-no", help="The document (文号) allowing a new due date or target."),
    expect_version: int = typer.Option(
        None, "--expect-version", help="Refuse if changed since this version."
    ),
    json_out: bool = JSON_OPT,
) -> None:
    """Change a milestone's due date, target or wording; the old values stay in the history.

    A unit member's new due date or target is a request (延期申请 / 调整申请, --reason required) that a
    coordinator approves or rejects ('tasktrack review list'); a coordinator's own needs --reason too."""
    from tasktrack.errors import UserError

    st = state(ctx)
    values = {
        k: v
        for k, v in dict(
            due=due, target=target, metric=metric, unit=unit, comparison=comparison, kind=kind, note=note
        ).items()
        if v is not None
    }
    if not values:
        raise UserError("err.cli.milestone_nothing")
    m, filed = st.ledger().milestones.edit_or_request(
        ref, values, expected_version=expect_version, reason=reason, doc_no=doc_no
    )
    for rid in filed:
        info(t("review.filed", st.lang, ref=f"r{rid}"))
    _done(st, m, json_out)


def _date(text: str, st: Any) -> Any:
    from tasktrack.domain.dates import DateError, parse_date
    from tasktrack.errors import UserError

    try:
        return parse_date(text, today=st.today).value
    except DateError as exc:
        raise UserError(exc.words) from None


def _done(st: Any, m: Any, json_out: bool) -> None:
    """After a change: the milestone as JSON, or one line saying where it stands now."""
    if json_out:
        emit_json(as_json(m))
        return
    lang = st.lang
    say(
        f"{m.plan}:{m.code} {m.metric}  {present.target(m, lang)}  {t('actual', lang)} {present.actual(m) or '—'}"
        f"  {present.status(m.status, lang)}  {m.derived.reason}"
    )


@app.command("link")
def link(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="Milestone id or code (PLAN:CODE)."),
    other: str = typer.Argument(..., help="The same commitment in another plan (PLAN:CODE)."),
    reason: str = typer.Option(None, "--reason", "-r", help="Why they are one commitment (required)."),
) -> None:
    """Link the same commitment in two plans: one recorded fact updates both, reminders chase it once."""
    st = state(ctx)
    ledger = st.ledger()
    a, b = ledger.links.link(ref, other, reason=reason)
    _linked_line(st, ledger, a, b, "link.done")


@app.command("unlink")
def unlink(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="Milestone id or code (PLAN:CODE)."),
    reason: str = typer.Option(None, "--reason", "-r", help="Why they are tracked apart again (required)."),
) -> None:
    """Undo a link: each milestone keeps its facts and is chased on its own again."""
    st = state(ctx)
    ledger = st.ledger()
    a, b = ledger.links.unlink(ref, reason=reason)
    _linked_line(st, ledger, a, b, "link.undone")


@app.command("feed")
def feed(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="Milestone id or code (PLAN:CODE)."),
    indicator: str = typer.Option(
        ..., "--indicator", "-i", help="Indicator code (PLAN:专栏2-3); 'none' stops feeding."
    ),
    reason: str = typer.Option(None, "--reason", "-r", help="Why (kept in the history)."),
) -> None:
    """Make a milestone feed an indicator: its recorded actual becomes (or, for an increment, adds to) the
    indicator's reading for the milestone's year."""
    st = state(ctx)
    ledger = st.ledger()
    target = None if indicator.strip().lower() in ("none", "无") else indicator
    mid = ledger.links.feed(ref, target, reason=reason)
    m = ledger.milestones.get(mid)
    fed = ledger.links.of(mid)[1]
    say(t("link.fed" if fed else "link.unfed", st.lang, milestone=f"{m.plan}:{m.code}", indicator=fed or ""))


def _linked_line(st: Any, ledger: Any, a: int, b: int, key: str) -> None:
    first, second = ledger.milestones.get(a), ledger.milestones.get(b)
    say(t(key, st.lang, a=f"{first.plan}:{first.code}", b=f"{second.plan}:{second.code}"))
    for m in (first, second):
        _done(st, m, False)
