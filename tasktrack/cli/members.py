"""`tasktrack member`: who may change what (coordinators, and members of responsible units)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from tasktrack import present
from tasktrack.cli.output import emit_json, say, table
from tasktrack.cli.state import state
from tasktrack.i18n import t

if TYPE_CHECKING:
    from tasktrack.services.access import MemberService, MemberView

app = typer.Typer(
    help="Who may change what: while there are no members everyone may change everything; then "
    "coordinators may change everything, a unit's members only what their unit leads or co-owns.",
    no_args_is_help=True,
)
JSON_OPT = typer.Option(False, "--json", help="Print JSON.")
ACCOUNT = typer.Argument(
    ..., help="The OS account (SQLite) or PostgreSQL login role, as the system knows it, e.g. wangwu."
)


def _service(ctx: typer.Context) -> MemberService:
    from tasktrack.services.access import MemberService

    return MemberService(state(ctx).ledger().ctx)


def _role(m: MemberView, lang: str) -> str:
    if m.unit is None:
        return t("member.coordinator", lang)
    return f"{t('member.member', lang)} · {present.unit(m.unit, lang)}"


@app.command("list")
def list_(ctx: typer.Context, json_out: bool = JSON_OPT) -> None:
    """List the members and what each may change."""
    members = _service(ctx).list()
    if json_out:
        emit_json({"open": not members, "members": members})
        return
    lang = state(ctx).lang
    if not members:
        say(t("member.open", lang))
        return
    table(
        [t(k, lang) for k in ("id", "member.account", "member.role", "member.since")],
        [(m.id, m.account, _role(m, lang), present.stamp(m.created_at)) for m in members],
        lang,
    )


@app.command("add")
def add(
    ctx: typer.Context,
    account: str = ACCOUNT,
    unit: str = typer.Option(None, "--unit", help="The unit whose tasks the account may change."),
    coordinator: bool = typer.Option(
        False, "--coordinator", help="May change everything, and manage members (the first one must be)."
    ),
    json_out: bool = JSON_OPT,
) -> None:
    """Add a member of a unit (--unit) or a coordinator (--coordinator)."""
    m = _service(ctx).add(account, unit=unit, coordinator=coordinator)
    emit_json(m) if json_out else say(
        t("member.added", state(ctx).lang, account=m.account, role=_role(m, state(ctx).lang))
    )


@app.command("remove")
def remove(
    ctx: typer.Context,
    account: str = ACCOUNT,
    unit: str = typer.Option(None, "--unit", help="Only from this unit (default: every role it has)."),
    json_out: bool = JSON_OPT,
) -> None:
    """Remove an account's membership; the last coordinator cannot go while other members remain."""
    gone = _service(ctx).remove(account, unit=unit)
    if json_out:
        emit_json({"removed": gone})
        return
    lang = state(ctx).lang
    for m in gone:
        say(t("member.removed", lang, account=m.account, role=_role(m, lang)))


@app.command("grant")
def grant(
    ctx: typer.Context,
    role: str = typer.Argument(..., help="An existing PostgreSQL login role that does not own the tables."),
    json_out: bool = JSON_OPT,
) -> None:
    """PostgreSQL: let a login role use tasktrack under row-level security (run as the tables' owner)."""
    from tasktrack.services.access import grant as do_grant

    st = state(ctx)
    sql = do_grant(st.ledger().ctx, role)
    emit_json({"role": role, "sql": sql}) if json_out else say(t("member.granted", st.lang, role=role))
