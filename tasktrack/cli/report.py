"""`tasktrack report`: the weekly circular (通报) and the indicator table, in text, Markdown, HTML, PDF, XLSX, JSON."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import typer

from tasktrack.cli.state import CliState, state
from tasktrack.errors import UserError

app = typer.Typer(
    help="Reports: the weekly circular (周报/通报) and the indicator table.", no_args_is_help=True
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
        raise UserError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    return fmt


def apply_as_of(st: CliState, as_of: str | None) -> date:
    """`--as-of` given after the command: the same as before it; both given must agree."""
    if as_of is not None:
        from tasktrack.cli.main import parse_as_of

        parsed = parse_as_of(as_of)
        if st.as_of is not None and parsed != st.as_of:
            raise UserError(f"--as-of given twice ({st.as_of} and {parsed}); give it once")
        if st.opened() and parsed != st.as_of:  # pragma: no cover - the ledger opens later
            raise UserError("--as-of must come before anything opened the database")
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
        raise UserError(f"{fmt} is binary; give -o FILE.{fmt} or redirect stdout to a file")
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
        raise UserError(f"--since: {exc}") from None


@app.command("weekly")
def weekly(
    ctx: typer.Context,
    as_of: str = typer.Option(None, "--as-of", help="Report date (same as the global --as-of)."),
    since: str = typer.Option(
        None, "--since", help="Changes from this date, or 'last': since the previous issue (default)."
    ),
    plan: str = typer.Option(None, "--plan", help="Only this plan (key, document number or id)."),
    unit: str = typer.Option(None, "--unit", help="Only the items this unit leads or co-owns."),
    issue_no: int = typer.Option(None, "--issue-no", help="Issue number (第N期); default: the next one."),
    fmt: str = typer.Option(None, "--format", "-f", help=FORMAT_HELP),
    output: Path = typer.Option(None, "--output", "-o", help=OUTPUT_HELP),
    force: bool = typer.Option(False, "--force", help=FORCE_HELP),
    draft: bool = typer.Option(
        False, "--draft", help="Do not remember this issue (its number and date) for the next --since last."
    ),
) -> None:
    """The weekly circular: 总体情况, changes, 存在问题, items due soon, indicators and the annexed ledger.

    The same database and --as-of give the same report. The first report for a date is remembered as
    the next issue (第N期) of its plan and unit scope, so that the next report's --since last starts
    after it; run it again and it keeps its number. Nothing else is written.
    """
    from tasktrack.reports.render import render
    from tasktrack.reports.weekly import build
    from tasktrack.reports.weekly_doc import document
    from tasktrack.services.circulars import CircularService

    st = state(ctx)
    if output is not None:
        st.output(output, force=force)
    fmt = pick_format(fmt, output)
    today = apply_as_of(st, as_of)
    since_day = _since(since, st)
    ledger = st.ledger()
    circulars = CircularService(ledger.ctx)
    issue = circulars.issue(circulars.scope(plan, unit), today, issue_no=issue_no, since=since_day)
    report = build(ledger, issue, plan=plan, unit=unit)
    doc = None if fmt == "json" else document(report, st.lang, st.settings)  # JSON: the data, not laid out
    fonts = st.settings.font_dirs if st.settings else None
    content = render(doc, fmt, data=report, width=_width(fmt, output), font_dirs=fonts)  # type: ignore[arg-type]  # JSON renders `data`, no document
    write(content, output, fmt, lang=st.lang, force=force)
    if not draft:
        circulars.remember(issue, (report.chain_head_id, report.chain_head))


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
        raise UserError("give the year to score, e.g. --year 2021")
    if not 1900 <= year <= 2999:
        raise UserError(f"--year {year} is not a year like 2021")
    try:
        found = load_rules(rules)
    except RulesError as exc:
        raise UserError(str(exc)) from None
    today = apply_as_of(st, as_of)
    ledger = st.reader()
    result = score_units(ledger.connect, year, today, found, st.lang)
    doc = words.document(result, found, year, today, st.lang, explain=explain)
    data = words.data(result, found, year, today, st.lang)
    write(render(doc, fmt, data=data, width=_width(fmt, output)), output, fmt, lang=st.lang, force=force)
