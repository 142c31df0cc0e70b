"""`tasktrack plan`: the plans in the ledger."""

from __future__ import annotations

from typing import Any

import typer

from tasktrack import present
from tasktrack.cli.output import details, emit_json, say, table
from tasktrack.cli.state import state
from tasktrack.i18n import t

app = typer.Typer(help="Plans (规划 / 行动方案).", no_args_is_help=True)


@app.command("list")
def list_(ctx: typer.Context, json_out: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """List the plans with their document numbers and sizes."""
    st = state(ctx)
    plans = st.ledger().plans.list()
    if json_out:
        emit_json({"plans": plans})
        return
    lang = st.lang
    table(
        [
            t(k, lang)
            for k in ("id", "code", "doc_no", "title", "period", "tasks", "milestones", "indicators")
        ],
        [
            (p.id, p.key, p.doc_no, p.short_title or p.title, _period(p), p.tasks, p.milestones, p.indicators)
            for p in plans
        ],
        lang,
        text=(3,),  # title
    )


def _period(p: Any) -> str:
    return f"{p.period_start}–{p.period_end}" if p.period_start else ""


@app.command("show")
def show(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="Plan key, document number or id."),
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Show a plan and its tree of programmes and tasks."""
    st = state(ctx)
    ledger = st.ledger()
    plan = ledger.plans.get(ref)
    tasks = ledger.tasks.list(plan.key)
    if json_out:
        emit_json(
            {
                "plan": plan,
                "tasks": [
                    {
                        "id": x.id,
                        "code": x.code,
                        "parent": x.parent_code,
                        "title": x.title,
                        "milestones": x.milestones,
                    }
                    for x in tasks
                ],
            }
        )
        return
    lang = st.lang
    details(
        [
            (t("title", lang), plan.title),
            (t("doc_no", lang), plan.doc_no),
            (t("issuer", lang), plan.issuer),
            (t("issued", lang), present.day(plan.issued, lang)),
            (t("period", lang), _period(plan)),
            (t("parent", lang), plan.parent_key),
            (t("quote", lang), plan.quote),
        ]
    )
    say()
    for task in tasks:
        indent = "  " * (task.depth - 1)
        lead = f"  [{present.unit(task.lead, lang)}]" if task.lead else ""
        count = f"  ({task.milestones})" if task.milestones else ""
        say(f"{indent}{task.code}  {_short(task.title)}{lead}{count}")


def _short(text: str, width: int = 60) -> str:
    from tasktrack.domain.text import sanitize, truncate

    return truncate(sanitize(text), width)
