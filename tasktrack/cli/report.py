"""`tasktrack report`: the weekly circular (通报) and the indicator table, in text, Markdown, HTML, PDF, XLSX, JSON."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import typer

from tasktrack.cli.state import CliState, state
from tasktrack.errors import UserError

app = typer.Typer(
    help="Reports: circulars (周报/月报/季报/半年报/年报), their issues, and the indicator table.",
    no_args_is_help=True,
)

FORMAT_HELP = "text, md, html, pdf, docx, xlsx or json (default: from the -o suffix, else text)."
OUTPUT_HELP = (
    "Write to this new file instead of stdout (never the database, its -wal/-shm or the evidence store)."
)
FORCE_HELP = "Replace the -o file if it exists."


def pick_format(fmt: str | None, output: Path | None) -> str:
    from tasktrack.reports.render import FORMATS, SUFFIXES

    if fmt is None:
        fmt = SUFFIXES.get(output.suffix.lower(), "text") if output else "text"
    if fmt not in FORMATS:
        raise UserError("err.cli.format", formats=", ".join(FORMATS), value=repr(fmt))
    return fmt


def apply_as_of(st: CliState, as_of: str | None) -> date:
    """`--as-of` given after the command: the same as before it; both given must agree."""
    if as_of is not None:
        from tasktrack.cli.main import parse_as_of

        parsed = parse_as_of(as_of)
        if st.as_of is not None and parsed != st.as_of:
            raise UserError("err.cli.as_of_twice", first=st.as_of, second=parsed)
        if st.opened() and parsed != st.as_of:  # pragma: no cover - the ledger opens later
            raise UserError("err.cli.as_of_late")
        st.as_of = parsed
    return st.today


def write(
    content: str | bytes | Iterable[bytes],
    output: Path | None,
    fmt: str,
    *,
    lang: str = "zh",
    force: bool = False,
) -> None:
    """Write to -o FILE (checked first with CliState.output; whole or not at all), or stdout; binary formats
    (bytes, or bytes in chunks as they are made) go to stdout only when it is not a terminal."""
    from tasktrack.cli.output import info
    from tasktrack.i18n import t
    from tasktrack.services.files import write_file

    if output is not None:
        write_file(output, content, replace=force, lang=lang)
        info(t("out.wrote", lang, path=output))
        return
    if isinstance(content, str):
        sys.stdout.write(content)
        return
    if sys.stdout.isatty():
        raise UserError("err.cli.binary", fmt=fmt)
    sys.stdout.flush()
    for chunk in [content] if isinstance(content, bytes) else content:
        sys.stdout.buffer.write(chunk)
    sys.stdout.buffer.flush()


def _since(text: str | None, st: CliState) -> date | None:
    if text is None or text.strip().lower() == "last":
        return None
    from tasktrack.domain.dates import DateError, parse_date

    try:
        return parse_date(text, today=st.today).value
    except DateError as exc:
        raise UserError("err.cli.option", option="--since", reason=exc) from None


ISSUE_HELP = (
    "Issue it: take the next number (第N期) of its series and freeze its figures and text "
    "(coordinators only). Without it the circular is a preview: no number, nothing written."
)
PERIOD_HELP = "The period it covers: 2022-W02, 2022-01, 2022Q1, 2022H1 or 2022 (default: the one holding --as-of)."


@dataclass(frozen=True)
class CircularArgs:
    as_of: str | None
    since: str | None
    plan: str | None
    unit: str | None
    year: int | None
    period: str | None
    issue: bool
    issue_no: int | None
    fmt: str | None
    output: Path | None
    force: bool


def circular(ctx: typer.Context, kind: str, a: CircularArgs) -> None:
    """Make one circular of `kind`: a preview (no number, nothing written), or with --issue the next issue
    of its series, frozen (figures, document and the output as printed) so `report show N` gives it back."""
    from tasktrack.reports.render import render
    from tasktrack.reports.weekly import build
    from tasktrack.reports.weekly_doc import document
    from tasktrack.services.circulars import CircularService

    st = state(ctx)
    if a.output is not None:
        st.output(a.output, force=a.force)
    fmt = pick_format(a.fmt, a.output)
    if a.period is not None and a.as_of is None and st.as_of is None:
        a = replace(a, as_of=_period_bounds(kind, a.period)[1].isoformat())
    today = apply_as_of(st, a.as_of)
    since_day = _since(a.since, st)
    if a.period is not None:
        first, last = _period_bounds(kind, a.period)
        if not first <= today <= last:
            raise UserError("err.cli.period_outside", today=today, period=a.period, first=first, last=last)
        since_day = since_day or first
    ledger = st.ledger()
    st.as_it_stood(ledger)
    circulars = CircularService(ledger.ctx)
    scope = circulars.scope(a.plan, a.unit, a.year)
    issue = circulars.issue(scope, today, issue_no=a.issue_no, since=since_day, kind=kind, preview=not a.issue)
    report = build(ledger, issue, plan=a.plan, unit=a.unit, year=a.year, previous=circulars.previous_figures(issue))
    doc = document(report, st.lang, st.settings)
    width = None if a.issue else _width(fmt, a.output)  # an issued text is laid out the same on any terminal
    fonts = st.settings.font_dirs if st.settings else None
    content = render(doc, fmt, data=report, width=width, font_dirs=fonts)
    if a.issue:  # frozen before anything is printed: what goes out is what is stored
        from tasktrack.reports.model import to_json
        from tasktrack.services.views import dumps

        circulars.freeze(issue, figures=dumps(report), document=to_json(doc), fmt=fmt, content=content,
                         head=(report.chain_head_id, report.chain_head))  # fmt: skip
    write(content, a.output, fmt, lang=st.lang, force=a.force)
    if a.issue:
        from tasktrack import present
        from tasktrack.cli.output import info
        from tasktrack.i18n import t

        info(t("iss.issued_line", st.lang, n=issue.issue_no, kind=t(f"rep.kind.{kind}", st.lang),
               date=present.day(today, st.lang)))  # fmt: skip


def _period_bounds(kind: str, period: str) -> tuple[date, date]:
    from tasktrack.domain.periods import period_end, period_kind, period_start

    try:
        found = period_kind(period)
    except ValueError as exc:
        raise UserError("err.cli.option", option="--period", reason=exc) from None
    if found != kind:
        raise UserError("err.cli.period_kind", period=period, found=found, kind=kind)
    return period_start(period), period_end(period)


def _circular_command(kind: str, summary: str) -> None:
    def command(
        ctx: typer.Context,
        as_of: str = typer.Option(None, "--as-of", help="Report date (same as the global --as-of)."),
        since: str = typer.Option(
            None, "--since", help="Changes from this date, or 'last' (default: since the previous issue / the period's start)."
        ),
        plan: str = typer.Option(None, "--plan", help="Only this plan (key, document number or id)."),
        unit: str = typer.Option(None, "--unit", help="Only the items this unit leads or co-owns."),
        year: int = typer.Option(None, "--year", help="Only this year's targets (a 2022 circular: --year 2022)."),
        period: str = typer.Option(None, "--period", help=PERIOD_HELP),
        issue: bool = typer.Option(False, "--issue", help=ISSUE_HELP),
        issue_no: int = typer.Option(None, "--issue-no", help="With --issue: this number (to continue a paper series)."),
        fmt: str = typer.Option(None, "--format", "-f", help=FORMAT_HELP),
        output: Path = typer.Option(None, "--output", "-o", help=OUTPUT_HELP),
        force: bool = typer.Option(False, "--force", help=FORCE_HELP),
        draft: bool = typer.Option(False, "--draft", hidden=True, help="A preview (the default without --issue)."),
    ) -> None:
        if draft and issue:
            raise UserError("err.cli.draft_issue")
        if issue_no is not None and not issue:
            raise UserError("err.cli.issue_no")
        circular(ctx, kind, CircularArgs(as_of, since, plan, unit, year, period, issue, issue_no, fmt, output, force))

    command.__doc__ = summary + """

    Without --issue it is a preview: it prints what the next issue would say, takes no number and writes
    nothing. With --issue (coordinators) it takes the next number of its series (period type, plan, unit,
    year), in date order, and freezes it: 'report issues' lists it, 'report show N' prints it again byte
    for byte, 'report void N --reason ...' voids it. Each issue compares itself with the previous one (环比).
    With --as-of the figures are the ledger as it stood at the end of that day, rebuilt from the change log.
    """
    app.command(kind)(command)


_circular_command("weekly", "The weekly circular: 总体情况, 本期进展, 存在问题, items due soon, indicators and the annexed ledger.")
_circular_command("monthly", "The monthly circular (月报): as the weekly one, for the month ending at --as-of.")
_circular_command("quarterly", "The quarterly circular (季报): as the weekly one, for the quarter ending at --as-of.")
_circular_command(
    "halfyear", "The half-year pack (半年报): every item classed 已完成/超进度/达进度/欠进度, indicator forecasts (预警)."
)
_circular_command("annual", "The annual pack (年报): every item classed, each indicator forecast to its target (预警).")


@app.command("issues")
def issues(
    ctx: typer.Context,
    kind: str = typer.Option(None, "--kind", help="Only this period type (weekly, monthly, quarterly, halfyear, annual)."),
    json_out: bool = typer.Option(False, "--json", help="JSON instead of a table."),
) -> None:
    """The issued circulars, voided ones marked: series, number, as-of date, who issued them, when."""
    from tasktrack import present
    from tasktrack.cli.output import emit_json, table
    from tasktrack.i18n import t
    from tasktrack.services.circulars import CircularService

    st = state(ctx)
    lang = st.lang
    rows = CircularService(st.ledger().ctx).list(kind)
    if json_out:
        emit_json({"issues": rows})
        return
    if not rows:
        print(t("iss.none", lang))
        return
    heads = [t(k, lang) for k in ("iss.kind", "iss.scope", "iss.no", "iss.as_of", "iss.issued", "iss.by", "iss.format", "iss.state")]
    table(
        heads,
        [
            (
                t(f"rep.kind.{r.kind}", lang),
                r.scope,
                r.issue_no,
                r.as_of.isoformat(),
                present.stamp(r.created_at),
                r.actor,
                r.format or "",
                t("iss.void", lang, by=r.voided_by, at=present.stamp(r.voided_at), reason=r.void_reason)
                if r.voided
                else t("iss.live", lang),
            )
            for r in rows
        ],
        lang,
        aligns=["left", "left", "right", "left", "left", "left", "left", "left"],
        text=(7,),  # live, or voided with its reason
    )


def _series_args(plan: str | None, unit: str | None, year: int | None) -> bool:
    return plan is not None or unit is not None or year is not None


@app.command("show")
def show(
    ctx: typer.Context,
    number: int = typer.Argument(..., help="The issue number (第N期)."),
    kind: str = typer.Option("weekly", "--kind", help="Its period type."),
    plan: str = typer.Option(None, "--plan", help="Its plan scope, when numbers repeat across scopes."),
    unit: str = typer.Option(None, "--unit", help="Its unit scope."),
    year: int = typer.Option(None, "--year", help="Its year scope."),
    fmt: str = typer.Option(None, "--format", "-f", help="Default: the format it was issued in, exactly as issued."),
    json_out: bool = typer.Option(False, "--json", help="Its frozen figures as JSON (the same as --format json)."),
    output: Path = typer.Option(None, "--output", "-o", help=OUTPUT_HELP),
    force: bool = typer.Option(False, "--force", help=FORCE_HELP),
) -> None:
    """An issued circular again: in the format it was issued in, byte for byte as it went out; in another
    format, laid out again from its frozen document (JSON: its frozen figures). Never from today's data."""
    from tasktrack.reports.model import from_json
    from tasktrack.reports.render import render
    from tasktrack.services.circulars import CircularService, check_kind

    st = state(ctx)
    if json_out:
        if fmt not in (None, "json"):
            raise UserError("err.cli.json_format", fmt=fmt)
        fmt = "json"
    if output is not None:
        st.output(output, force=force)
    svc = CircularService(st.ledger().ctx)
    scope = svc.scope(plan, unit, year) if _series_args(plan, unit, year) else None
    row = svc.find(number, check_kind(kind), scope)
    if row.document is None:
        raise UserError("iss.old", n=number)
    wanted = fmt or (None if output is None else pick_format(None, output)) or row.format
    wanted = pick_format(wanted, output)
    if wanted == row.format:
        content = svc.content(row)
        assert content is not None
    elif wanted == "json":
        content = row.figures + "\n"
    else:
        content = render(from_json(row.document), wanted, width=None, font_dirs=st.settings.font_dirs if st.settings else None)
    write(content, output, wanted, lang=st.lang, force=force)


@app.command("void")
def void(
    ctx: typer.Context,
    number: int = typer.Argument(..., help="The issue number (第N期) to void."),
    reason: str = typer.Option(..., "--reason", help="Why (it is kept with the issue and in the change log)."),
    kind: str = typer.Option("weekly", "--kind", help="Its period type."),
    plan: str = typer.Option(None, "--plan", help="Its plan scope, when numbers repeat across scopes."),
    unit: str = typer.Option(None, "--unit", help="Its unit scope."),
    year: int = typer.Option(None, "--year", help="Its year scope."),
) -> None:
    """Void an issued circular (作废; coordinators only): it stays listed, marked void; its number is not reused."""
    from tasktrack.cli.output import info
    from tasktrack.i18n import t
    from tasktrack.services.circulars import CircularService, check_kind

    st = state(ctx)
    svc = CircularService(st.ledger().ctx)
    scope = svc.scope(plan, unit, year) if _series_args(plan, unit, year) else None
    svc.void(number, reason, kind=check_kind(kind), scope=scope)
    info(t("iss.voided_line", st.lang, n=number))


@app.command("indicators")
def indicators(
    ctx: typer.Context,
    as_of: str = typer.Option(None, "--as-of", help="Readings known on this date (default: today)."),
    plan: str = typer.Option(None, "--plan", help="Only this plan."),
    fmt: str = typer.Option(None, "--format", "-f", help=FORMAT_HELP),
    output: Path = typer.Option(None, "--output", "-o", help=OUTPUT_HELP),
    force: bool = typer.Option(False, "--force", help=FORCE_HELP),
) -> None:
    """The indicator table in the plan's annex layout: baseline, each year's reading, target; 【】 cumulative."""
    from tasktrack.reports.indicator_doc import indicators_document
    from tasktrack.reports.render import render
    from tasktrack.reports.weekly import indicator_line

    st = state(ctx)
    if output is not None:
        st.output(output, force=force)
    fmt = pick_format(fmt, output)
    today = apply_as_of(st, as_of)
    ledger = st.ledger()
    doc = indicators_document(ledger, today, plan)
    data: dict[str, Any] = {
        "as_of": today,
        "indicators": [
            {"plan": v.plan, **_json(indicator_line(v, today))} for v in ledger.indicators.list(plan, today)
        ],
    }
    fonts = st.settings.font_dirs if st.settings else None
    content = render(doc, fmt, data=data, width=_width(fmt, output), font_dirs=fonts)
    write(content, output, fmt, lang=st.lang, force=force)


def _json(line: Any) -> dict[str, Any]:
    from tasktrack.services.views import jsonable

    data: dict[str, Any] = jsonable(line)
    return data


def _width(fmt: str, output: Path | None) -> int | None:
    if fmt != "text" or output is not None:
        return None
    from tasktrack.cli.output import terminal_width

    return terminal_width()


@app.command("scores")
def scores(
    ctx: typer.Context,
    year: int = typer.Option(None, "--year", help="The year scored (its milestones, duties' periods, reviews)."),
    as_of: str = typer.Option(None, "--as-of", help="Score the ledger as it stood on this date (default: today)."),
    rules: Path = typer.Option(None, "--rules", help="A rules file (TOML) instead of the bundled default."),
    explain: bool = typer.Option(False, "--explain", help="List, for each unit and rule, the rows behind its points."),
    show_rules: bool = typer.Option(False, "--show-rules", help="Print the bundled default rules file and stop."),
    fmt: str = typer.Option(None, "--format", "-f", help=FORMAT_HELP),
    output: Path = typer.Option(None, "--output", "-o", help=OUTPUT_HELP),
    force: bool = typer.Option(False, "--force", help=FORCE_HELP),
) -> None:
    """考核: each unit's score for a year by a rules file: 单位, 得分, 扣分项, 说明 (--explain: the rows behind them).

    The default rules (--show-rules) score 按时完成率, 报送及时率 and 佐证合格率, and deduct for 退回 and 逾期.
    Only rows in the ledger by --as-of count: the same database and date always give the same scores.
    """
    from tasktrack.domain.scoring import RulesError, default_rules_text, load_rules
    from tasktrack.reports import scores as words
    from tasktrack.reports.render import render
    from tasktrack.services.scores import scores as score_units

    if show_rules:
        write(default_rules_text(), None, "text")
        return
    st = state(ctx)
    if output is not None:
        st.output(output, force=force, inputs=(rules,) if rules else ())
    fmt = pick_format(fmt, output)
    if year is None:
        raise UserError("err.cli.year_needed")
    if not 1900 <= year <= 2999:
        raise UserError("err.cli.year", year=year)
    try:
        found = load_rules(rules)
    except RulesError as exc:
        raise UserError(exc.words) from None
    today = apply_as_of(st, as_of)
    ledger = st.reader()
    result = score_units(ledger.connect, year, today, found, st.lang)
    doc = words.document(result, found, year, today, st.lang, explain=explain)
    data = words.data(result, found, year, today, st.lang)
    write(render(doc, fmt, data=data, width=_width(fmt, output)), output, fmt, lang=st.lang, force=force)
