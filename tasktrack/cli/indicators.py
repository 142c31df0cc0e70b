"""`tasktrack indicator`: the plan's indicator table and its readings."""

from __future__ import annotations

from typing import Any

import typer

from tasktrack import present
from tasktrack.cli.output import details, emit_json, say, table
from tasktrack.cli.params import NEGATIVE_VALUES
from tasktrack.cli.state import state
from tasktrack.errors import UserError
from tasktrack.i18n import t

app = typer.Typer(help="Indicators (指标): baselines, targets, readings.", no_args_is_help=True)
JSON_OPT = typer.Option(False, "--json", help="Print JSON.")


def _value(v: float | None, cumulative: bool) -> str:
    text = present.number(v)
    return f"【{text}】" if cumulative and text else text


def _attr(a: str, lang: str) -> str:
    return t(f"{a}_attr", lang)


@app.command("list")
def list_(
    ctx: typer.Context,
    plan: str = typer.Option(None, "--plan", help="Plan key or id."),
    json_out: bool = JSON_OPT,
) -> None:
    """List indicators: baseline → latest reading → target, and progress against 序时."""
    st = state(ctx)
    rows = st.ledger().indicators.list(plan)
    if json_out:
        emit_json({"as_of": st.ledger().ctx.today, "indicators": rows})
        return
    lang = st.lang
    table(
        [
            t(k, lang)
            for k in (
                "id",
                "code",
                "name",
                "unit",
                "attribute",
                "baseline",
                "latest",
                "goal",
                "achieved",
                "expected",
                "rag",
            )
        ],
        [
            (
                v.id,
                v.code,
                v.name,
                v.unit,
                _attr(v.attribute, lang),
                _value(v.baseline_value, v.cumulative),
                _latest(v),
                _value(v.target_value, v.cumulative),
                present.percent(v.progress),
                present.percent(v.expected),
                present.rag(v.rag, lang),
            )
            for v in rows
        ],
        lang,
        text=(2,),  # name
    )


def _latest(v: Any) -> str:
    return f"{_value(v.latest.value, v.cumulative)} ({v.latest.period})" if v.latest else ""


@app.command("show")
def show(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="Indicator id or code (专栏2-3)."),
    json_out: bool = JSON_OPT,
) -> None:
    """Show one indicator with all its readings."""
    st = state(ctx)
    v = st.ledger().indicators.get(ref)
    if json_out:
        emit_json(v)
        return
    lang = st.lang
    details(
        [
            (t("code", lang), f"{v.plan}:{v.code}  (#{v.id})"),
            (t("name", lang), v.name),
            (t("unit", lang), v.unit),
            (t("attribute", lang), _attr(v.attribute, lang)),
            (t("baseline", lang), f"{_value(v.baseline_value, v.cumulative)} ({v.baseline_year})"),
            (t("goal", lang), f"{_value(v.target_value, v.cumulative)} ({v.target_year})"),
            (t("achieved", lang), present.percent(v.progress)),
            (t("expected", lang), present.percent(v.expected)),
            (t("rag", lang), v.rag_reason),
            (t("ind.owner", lang), present.unit(v.owner, lang) if v.owner else ""),
            (t("ind.data_due", lang), _due(v, lang)),
            (t("quote", lang), f"“{v.quote}”" if v.quote else ""),
        ]
    )
    if v.readings:
        say()
        table(
            [t(k, lang) for k in ("period", "value", "note", "who", "when")],
            [
                (r.period, _value(r.value, v.cumulative), r.note, r.actor, present.stamp(r.recorded_at))
                for r in v.readings
            ],
            lang,
            text=(2,),  # note
        )


def _due(v: Any, lang: str) -> str:
    """每季度末 · 2021Q3 due 2021-09-30: the deadline as written and the reading owed next."""
    if not v.data_due:
        return ""
    if v.reading_due is None:
        return str(v.data_due)
    period, deadline = v.reading_due
    return f"{v.data_due} · " + t("ind.owed", lang, period=period, day=present.day(deadline, lang))


@app.command("edit")
def edit(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="Indicator id or code (PLAN:专栏2-3)."),
    owner: str = typer.Option(None, "--owner", help="The unit responsible for its data; 'none' clears it."),
    data_due: str = typer.Option(
        None, "--data-due", help="When a reading is due: 每季度末, 每月25日前, 每年, or a date; 'none' clears it."
    ),
    reason: str = typer.Option(None, "--reason", "-r", help="Why (kept in the history)."),
    json_out: bool = JSON_OPT,
) -> None:
    """Set an indicator's responsible unit and data deadline (remind chases a reading due)."""
    st = state(ctx)
    values = {k: v for k, v in (("owner", owner), ("data_due", data_due)) if v is not None}
    if not values:
        raise UserError("err.cli.indicator_nothing")
    v = st.ledger().indicators.edit(ref, values, reason=reason)
    if json_out:
        emit_json(v)
        return
    lang = st.lang
    say(f"{v.plan}:{v.code} {v.name}  {t('ind.owner', lang)} {present.unit(v.owner, lang) if v.owner else '—'}"
        f"  {t('ind.data_due', lang)} {_due(v, lang) or '—'}")  # fmt: skip


@app.command("record", context_settings=NEGATIVE_VALUES)
def record(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="Indicator id or code."),
    period: str = typer.Argument(..., help="2021, 2021H1, 2021Q3 or 2021-09."),
    value: str = typer.Argument(..., help="The reading."),
    note: str = typer.Option(None, "--note", "-n", help="Source of the figure."),
    replace: bool = typer.Option(False, "--replace", help="Change an existing reading for the period."),
    json_out: bool = JSON_OPT,
) -> None:
    """Record an indicator's reading for a period."""
    st = state(ctx)
    v = st.ledger().indicators.record(ref, period, value, note=note, replace=replace)
    if json_out:
        emit_json(v)
    else:
        say(f"{v.code} {v.name}: {_latest(v)}")
