"""`tasktrack progress`: units' progress reports (进展报送)."""

from __future__ import annotations

import typer

from tasktrack import present
from tasktrack.cli.output import emit_json, say, table
from tasktrack.cli.state import state
from tasktrack.i18n import t

app = typer.Typer(help="Progress reports (进展报送) by responsible units.", no_args_is_help=True)
JSON_OPT = typer.Option(False, "--json", help="Print JSON.")


@app.command("add")
def add(
    ctx: typer.Context,
    item: str = typer.Argument(..., help="Task id or PLAN:CODE (a milestone with --milestone)."),
    unit: str = typer.Option(
        None, "--unit", help="Which of your own units on the task files it (a coordinator: the unit it files for)."
    ),
    period: str = typer.Option(..., "--period", help="2021-12, 2021-W50, 2021Q4, 2021H2 or 2021."),
    progress: str = typer.Option(None, "--progress", help="进展情况."),
    problems: str = typer.Option(None, "--problems", help="存在问题."),
    next_steps: str = typer.Option(None, "--next-steps", help="下步打算."),
    value: str = typer.Option(None, "--value", help="A figure reported with it."),
    milestone: bool = typer.Option(False, "--milestone", help="ITEM is a milestone."),
    json_out: bool = JSON_OPT,
) -> None:
    """Add a progress report."""
    st = state(ctx)
    v = st.ledger().progress.add(
        item,
        unit=unit,
        period=period,
        progress=progress,
        problems=problems,
        next_steps=next_steps,
        value=value,
        on_milestone=milestone,
    )
    emit_json(v) if json_out else say(f"#{v.id} {v.task_code} {v.period}")


@app.command("remove")
def remove(
    ctx: typer.Context,
    report_id: int = typer.Argument(..., help="The report's id (see 'progress list --all')."),
    reason: str = typer.Option(..., "--reason", help="Why it is taken back (kept in the change log)."),
    json_out: bool = JSON_OPT,
) -> None:
    """Remove a report filed in error; the change log keeps everything it said, and why it went."""
    st = state(ctx)
    v = st.ledger().progress.remove(report_id, reason=reason)
    emit_json(v) if json_out else say(t("progress.removed", st.lang, id=v.id, task=v.task_code, period=v.period))


@app.command("list")
def list_(
    ctx: typer.Context,
    item: str = typer.Argument(None, help="Task id or PLAN:CODE (a milestone with --milestone)."),
    plan: str = typer.Option(None, "--plan", help="Only this plan's reports."),
    unit: str = typer.Option(None, "--unit", help="Only this unit's reports."),
    milestone: bool = typer.Option(False, "--milestone", help="ITEM is a milestone."),
    all_: bool = typer.Option(False, "--all", help="Every report, not only the latest per task and unit."),
    json_out: bool = JSON_OPT,
) -> None:
    """List progress reports (the latest per task and unit unless --all)."""
    st = state(ctx)
    rows = st.ledger().progress.list(item, plan=plan, unit=unit, on_milestone=milestone, latest=not all_)
    if json_out:
        emit_json({"reports": rows})
        return
    lang = st.lang
    table(
        [t(k, lang) for k in ("id", "task", "unit", "period", "progress", "problems", "next_steps")],
        [
            (
                r.id,
                r.task_code + (f"/{r.milestone_code}" if r.milestone_code else ""),
                present.unit(r.unit, lang),
                r.period,
                r.progress,
                r.problems,
                r.next_steps,
            )
            for r in rows
        ],
        lang,
        text=(2, 4, 5, 6),  # unit, progress, problems, next steps
    )
