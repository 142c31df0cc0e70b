"""`tasktrack undo`: revert your last command by recording compensating changes; history is kept."""

from __future__ import annotations

from typing import Any

import typer

from tasktrack import present
from tasktrack.cli.output import emit_json, info, say, table
from tasktrack.cli.state import state
from tasktrack.errors import UserError
from tasktrack.i18n import t

SHOWN = 30  # rows of a large command (a seed load) listed before "... and N more"
CELL = 40  # old and new values are cut to this width: the history has them in full


def undo(
    ctx: typer.Context,
    dry_run: bool = typer.Option(False, "--dry-run", help="Only show what would be undone; change nothing."),
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Undo your last command (a whole import or bulk edit counts as one) by recording compensating changes.

    The history keeps the command and its undo. Refused, changing nothing, when someone has built on the
    command since; run it again to walk further back (an undo itself is never undone).
    """
    st = state(ctx)
    service = st.ledger().undo
    if dry_run:
        preview = service.preview()
        _show(preview, st.lang, json_out, undo_id=None)
        info(t("undo.dry_run", st.lang))
        if preview.refusal:
            raise UserError(preview.refusal)
        return
    result = service.undo()
    _show(result.undone, st.lang, json_out, undo_id=result.command_id)


def _show(p: Any, lang: str, json_out: bool, *, undo_id: str | None) -> None:
    if json_out:
        emit_json(
            {
                "command_id": p.command_id,
                "command": p.command,
                "actor": p.actor,
                "at": p.at,
                "changes": list(p.changes),
                "undone": undo_id is not None,
                "undo_command_id": undo_id,
                "refusal": None if p.refusal is None else p.refusal(lang),
            }
        )
        return
    key = "undo.will" if undo_id is None else "undo.done"
    say(t(key, lang, actor=p.actor, command=p.command, at=present.stamp(p.at), n=len(p.changes)))
    table(
        [t(k, lang) for k in ("item", "field", "old", "new")],
        [
            (f"{c.entity} {c.label or c.entity_id}", c.field, _cut(c.old), _cut(c.new))
            for c in p.changes[:SHOWN]
        ],
        lang,
    )
    if len(p.changes) > SHOWN:
        say(t("undo.more", lang, n=len(p.changes) - SHOWN))


def _cut(value: str | None) -> str:
    from tasktrack.domain.text import truncate

    return "" if value is None else truncate(" ".join(value.split()), CELL)
