"""`tasktrack history`: the change log, newest first, filterable by item, unit, actor and date."""

from __future__ import annotations

from datetime import date

import typer

from tasktrack import present
from tasktrack.cli.output import emit_json, table
from tasktrack.cli.state import state
from tasktrack.errors import UserError
from tasktrack.i18n import t


def history(
    ctx: typer.Context,
    item: str = typer.Argument(None, help="Milestone id or code (a task with --task); default: everything."),
    task: bool = typer.Option(False, "--task", help="ITEM is a task: its changes and its milestones'."),
    unit: str = typer.Option(None, "--unit", help="Changes to items this unit leads or co-owns."),
    actor: str = typer.Option(None, "--actor", help="Changes made under this name (as shown, --as)."),
    account: str = typer.Option(
        None, "--account", help="Changes made by this account (OS account; PostgreSQL login)."
    ),
    entity: str = typer.Option(
        None, "--entity", help="plan, task, milestone, unit, indicator, reading, evidence or progress."
    ),
    since: str = typer.Option(None, "--since", help="From this date (2022-01-01, -7d ...)."),
    until: str = typer.Option(None, "--until", help="Up to and including this date."),
    limit: int = typer.Option(50, "--limit", min=1, help="At most N changes (newest first)."),
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Show who changed what, when, from what to what, and why."""
    from tasktrack.domain.dates import DateError, parse_date
    from tasktrack.services.history import HistoryFilter

    st = state(ctx)

    def day(text: str | None, flag: str) -> date | None:
        if text is None:
            return None
        try:
            return parse_date(text, today=st.today).value
        except DateError as exc:
            raise UserError("err.cli.option", option=flag, reason=exc) from None

    f = HistoryFilter(
        milestone=None if task else item,
        task=item if task else None,
        unit=unit,
        actor=actor,
        account=account,
        entity=entity,
        since=day(since, "--since"),
        until=day(until, "--until"),
        limit=limit,
    )
    rows = st.ledger().history.list(f)
    if json_out:
        emit_json({"changes": rows})
        return
    lang = st.lang
    table(
        [t(k, lang) for k in ("when", "who", "item", "field", "old", "new", "reason")],
        [
            (
                present.stamp(c.at),
                present.who(c.actor, c.account, lang),
                *present.change(c, lang),
                present.reason(c, lang),
            )
            for c in rows
        ],
        lang,
        text=(6,),  # reason
    )
