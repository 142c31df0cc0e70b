"""`tasktrack task`: list, show, add, edit tasks and assign their lead and co-units."""

from __future__ import annotations

from typing import Any

import typer

from tasktrack import present
from tasktrack.cli.output import details, emit_json, say, table
from tasktrack.cli.state import state
from tasktrack.errors import UserError
from tasktrack.i18n import t

app = typer.Typer(help="Tasks: programmes, tasks and sub-tasks of a plan.", no_args_is_help=True)
JSON_OPT = typer.Option(False, "--json", help="Print JSON.")


def as_json(v: Any) -> dict[str, Any]:
    from tasktrack.services.views import jsonable

    data: dict[str, Any] = jsonable(v)  # a view is a dataclass: an object
    return data


@app.command("list")
def list_(
    ctx: typer.Context,
    plan: str = typer.Option(None, "--plan", help="Plan key, document number or id."),
    unit: str = typer.Option(None, "--unit", help="Lead or co-unit."),
    text: str = typer.Option(None, "--text", help="Words in the code, title or text."),
    json_out: bool = JSON_OPT,
) -> None:
    """List tasks with their lead and co-units."""
    st = state(ctx)
    rows = st.ledger().tasks.list(plan, text=text, unit=unit)
    if json_out:
        emit_json({"tasks": [as_json(v) for v in rows]})
        return
    lang = st.lang
    table(
        [t(k, lang) for k in ("id", "plan", "code", "title", "lead", "co", "milestones")],
        [
            (
                v.id,
                v.plan,
                v.code,
                v.title,
                present.unit(v.lead, lang),
                present.units(v.co, lang),
                v.milestones,
            )
            for v in rows
        ],
        lang,
        text=(3, 4, 5),  # title, lead, co-units
    )


@app.command("show")
def show(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="Task id or PLAN:CODE."),
    json_out: bool = JSON_OPT,
) -> None:
    """Show a task: full text, source quote, owners, milestones."""
    st = state(ctx)
    v = st.ledger().tasks.get(ref)
    if json_out:
        emit_json(as_json(v))
        return
    _print(st, v)


def _print(st: Any, v: Any) -> None:
    from tasktrack.services.views import MilestoneFilter

    lang = st.lang
    lead = present.unit(v.lead, lang)
    if v.lead_inherited_from:
        lead += f"  ({t('inherited', lang)} {v.lead_inherited_from})"
    details(
        [
            (t("code", lang), f"{v.plan}:{v.code}  (#{v.id}, v{v.version})"),
            (t("title", lang), v.title),
            (t("status", lang), present.status(v.status, lang)),
            (t("lead", lang), lead),
            (t("co", lang), present.units(v.co, lang)),
            (t("full_text", lang), v.text),
            (t("quote", lang), f"“{v.quote}”" if v.quote else ""),
            (t("note", lang), v.note),
        ]
    )
    ms = st.ledger().milestones.list(MilestoneFilter(plan=v.plan, task=v.code))
    if ms:
        say()
        table(
            [t(k, lang) for k in ("id", "code", "year", "metric", "target", "status", "schedule")],
            [
                (
                    m.id,
                    m.code,
                    m.year,
                    m.metric,
                    present.target(m, lang),
                    present.status(m.status, lang),
                    present.schedule(m.derived.schedule, lang),
                )
                for m in ms
            ],
            lang,
            text=(3,),  # 目标内容
        )


@app.command("add")
def add(
    ctx: typer.Context,
    plan: str = typer.Argument(..., help="Plan key, document number or id."),
    code: str = typer.Option(..., "--code", help="The document's numbering, e.g. 1-5 or 专栏9-4."),
    title: str = typer.Option(..., "--title", help="Short title."),
    parent: str = typer.Option(None, "--parent", help="Code of the parent task in the same plan."),
    text: str = typer.Option(None, "--text", help="Full text."),
    quote: str = typer.Option(None, "--quote", help="The sentence of the document it comes from."),
    json_out: bool = JSON_OPT,
) -> None:
    """Add a task (or a programme, with no --parent)."""
    st = state(ctx)
    tid = st.ledger().tasks.add(plan, code, title, parent=parent, text=text, quote=quote)
    _done(st, st.ledger().tasks.get(tid), json_out)


@app.command("edit")
def edit(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="Task id or PLAN:CODE."),
    title: str = typer.Option(None, "--title"),
    text: str = typer.Option(None, "--text"),
    quote: str = typer.Option(None, "--quote"),
    note: str = typer.Option(None, "--note"),
    status: str = typer.Option(
        None, "--status", help="not_started, in_progress, done, blocked, cancelled, closed."
    ),
    reason: str = typer.Option(None, "--reason", "-r", help="Why: recorded in the history."),
    expect_version: int = typer.Option(
        None, "--expect-version", help="Refuse if changed since this version."
    ),
    json_out: bool = JSON_OPT,
) -> None:
    """Change a task's wording or status; the old values stay in the history."""
    st = state(ctx)
    values = {
        k: v
        for k, v in dict(title=title, text=text, quote=quote, note=note, status=status).items()
        if v is not None
    }
    if not values:
        raise UserError("err.cli.task_nothing")
    _done(st, st.ledger().tasks.edit(ref, values, expected_version=expect_version, reason=reason), json_out)


@app.command("assign")
def assign(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="Task id or PLAN:CODE."),
    lead: str = typer.Option(None, "--lead", help="Lead unit (牵头单位); replaces the current lead."),
    co: list[str] = typer.Option(None, "--co", help="Co-unit (配合单位); repeatable."),
    remove: list[str] = typer.Option(None, "--remove", help="Unit to take off the task; repeatable."),
    clear_lead: bool = typer.Option(False, "--clear-lead", help="Leave the task without a lead unit."),
    reason: str = typer.Option(None, "--reason", "-r", help="Why: recorded in the history."),
    json_out: bool = JSON_OPT,
) -> None:
    """Assign the lead unit and co-units of a task (its sub-tasks inherit them unless assigned)."""
    if not (lead or co or remove or clear_lead):
        raise UserError("err.cli.assign_nothing")
    st = state(ctx)
    v = st.ledger().tasks.assign(
        ref, lead=lead, co=list(co or []), remove=list(remove or []), clear_lead=clear_lead, reason=reason
    )
    _done(st, v, json_out)


def _done(st: Any, v: Any, json_out: bool) -> None:
    if json_out:
        emit_json(as_json(v))
    else:
        _print(st, v)
