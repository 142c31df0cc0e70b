"""`tasktrack duty`: reporting duties (报送要求) and who has filed each period (按时 / 迟报 / 漏报)."""

from __future__ import annotations

from typing import Any

import typer

from tasktrack.cli.output import emit_json, say, table
from tasktrack.cli.state import state
from tasktrack.errors import UserError
from tasktrack.i18n import t

app = typer.Typer(help="Reporting duties (报送要求): 每月25日前报送进展, 每季度末报送指标数据.", no_args_is_help=True)
JSON_OPT = typer.Option(False, "--json", help="Print JSON.")


@app.command("add")
def add(
    ctx: typer.Context,
    phrase: str = typer.Argument(..., help="The duty as written: 每月25日前报送进展, 每月底前…, 每季度末报送指标数据."),
    plan: str = typer.Option(None, "--plan", help="The plan: its lead units carry the duty (with --unit: on its tasks)."),
    unit: str = typer.Option(None, "--unit", help="The one unit that carries the duty."),
    starts: str = typer.Option(None, "--from", help="First period, as a date in it (default: today's period)."),
    json_out: bool = JSON_OPT,
) -> None:
    """Set a recurring reporting duty on a plan's lead units or on one unit."""
    st = state(ctx)
    first = None
    if starts is not None:
        from tasktrack.cli.main import parse_as_of

        first = parse_as_of(starts)
    v = st.ledger().duties.add(phrase, plan=plan, unit=unit, starts=first)
    emit_json(v) if json_out else say(t("duty.added", st.lang, id=v.id, phrase=v.phrase, who=_who(v, st.lang)))


@app.command("remove")
def remove(
    ctx: typer.Context,
    duty_id: int = typer.Argument(..., help="The duty's id (see 'duty list')."),
    reason: str = typer.Option(..., "--reason", help="Why it is taken back (kept in the change log)."),
    json_out: bool = JSON_OPT,
) -> None:
    """Remove a duty; the change log keeps what it was, and why it went."""
    st = state(ctx)
    v = st.ledger().duties.remove(duty_id, reason=reason)
    emit_json(v) if json_out else say(t("duty.removed", st.lang, id=v.id, phrase=v.phrase))


@app.command("list")
def list_(ctx: typer.Context, json_out: bool = JSON_OPT) -> None:
    """List the reporting duties."""
    st = state(ctx)
    rows = st.ledger().duties.list()
    if json_out:
        emit_json({"duties": rows})
        return
    lang = st.lang
    heads = [t(k, lang) for k in ("id", "duty.phrase", "plan", "duty.who", "duty.from")]
    rows_ = [(v.id, v.phrase, v.plan or "", _who(v, lang), v.starts.isoformat()) for v in rows]
    table(heads, rows_, lang, text=(1, 3))  # the duty's wording, who files


@app.command("status")
def status(
    ctx: typer.Context,
    year: int = typer.Option(None, "--year", help="Only the periods of this year."),
    unit: str = typer.Option(None, "--unit", help="Only this unit."),
    late: bool = typer.Option(False, "--late", help="Only late (迟报) and missing (漏报) filings."),
    json_out: bool = JSON_OPT,
) -> None:
    """Each unit's filing for each period on the --as-of date: 按时, 迟报, 漏报 or not due yet; 报送及时率."""
    from tasktrack import present
    from tasktrack.services.duties import filings, timeliness

    st = state(ctx)
    if year is not None and not 1900 <= year <= 2999:
        raise UserError("err.cli.year", year=year)
    ledger = st.reader()
    as_of = st.today
    rows = filings(ledger.connect, as_of, year=year, unit=unit)
    rates = timeliness(rows)
    if late:
        rows = [f for f in rows if f.state in ("late", "missing")]
    if json_out:
        emit_json({"as_of": as_of, "filings": rows, "timeliness": [_rate_data(r) for r in rates]})
        return
    lang = st.lang
    heads = [t(k, lang) for k in ("unit", "duty.phrase", "duty.period", "duty.deadline", "status", "duty.filed")]
    table(heads, [_filing_row(f, lang) for f in rows], lang, text=(0, 1))  # unit, the duty's wording
    for r in rates:
        say(t("duty.rate", lang, unit=present.unit(r.unit, lang), on_time=r.on_time, due=r.due,
              rate="—" if r.rate is None else f"{r.rate:.1%}"))  # fmt: skip


def _who(v: Any, lang: str) -> str:
    return v.unit if v.unit else t("duty.plan_leads", lang, plan=v.plan)


def _filing_row(f: Any, lang: str) -> tuple[object, ...]:
    from tasktrack import present

    filed = f"#{f.report_id} {f.filed_on.isoformat()}" if f.report_id is not None else ""
    state_ = t(f"duty.st.{f.state}", lang)
    if f.state == "late":
        state_ += t("duty.days_late", lang, n=f.days_late)
    return (present.unit(f.unit, lang), f.phrase, f.period, f.deadline.isoformat(), state_, filed)


def _rate_data(r: Any) -> dict[str, Any]:
    return {"unit": r.unit, "on_time": r.on_time, "late": r.late, "missing": r.missing,
            "due": r.due, "rate": r.rate}  # fmt: skip
