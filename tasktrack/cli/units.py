"""`tasktrack unit`: responsible units and their contacts."""

from __future__ import annotations

import typer

from tasktrack import present
from tasktrack.cli.output import emit_json, say, table
from tasktrack.cli.state import state
from tasktrack.errors import UserError
from tasktrack.i18n import t
from tasktrack.services.views import UnitView

app = typer.Typer(help="Responsible units (牵头 / 配合单位).", no_args_is_help=True)
JSON_OPT = typer.Option(False, "--json", help="Print JSON.")


@app.command("list")
def list_(ctx: typer.Context, json_out: bool = JSON_OPT) -> None:
    """List units with their contact person."""
    st = state(ctx)
    units = st.ledger().units.list()
    if json_out:
        emit_json({"units": units})
        return
    lang = st.lang
    table(
        [t(k, lang) for k in ("id", "name", "short_name", "contact", "email", "phone")],
        [
            (u.id, _name(u, lang), u.short_name, u.contact, u.email, u.phone)
            for u in units
        ],
        lang,
        text=(1, 3),  # name, contact
    )


def _name(u: UnitView, lang: str) -> str:
    name = present.unit(u, lang, short=False)
    return name + t("unit.retired_mark", lang, on=u.retired_on.isoformat()) if u.retired_on else name


@app.command("retire")
def retire(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="Unit id, name or short name."),
    reason: str = typer.Option(..., "--reason", help="Why (e.g. the reform document's 文号); kept in the log."),
    on: str = typer.Option(None, "--on", help="From this date (default: today)."),
    json_out: bool = JSON_OPT,
) -> None:
    """Retire a unit (撤销/撤并): it takes no new duties; what it did stays on the record."""
    from tasktrack.domain.dates import DateError, parse_date

    st = state(ctx)
    day = None
    if on is not None:
        try:
            day = parse_date(on, today=st.today).value
        except DateError as exc:
            raise UserError("err.cli.option", option="--on", reason=exc) from None
    u = st.ledger().units.retire(ref, reason=reason, on=day)
    emit_json(u) if json_out else say(t("unit.retired", st.lang, unit=present.unit(u, st.lang, short=False), on=u.retired_on))


@app.command("add")
def add(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="Full name, e.g. 开州区科学技术局."),
    short_name: str = typer.Option(None, "--short", help="Short name, e.g. 区科技局."),
    contact: str = typer.Option(None, "--contact", help="Contact person (联络员)."),
    email: str = typer.Option(None, "--email", help="Where reminders go."),
    phone: str = typer.Option(None, "--phone"),
    json_out: bool = JSON_OPT,
) -> None:
    """Add a unit."""
    st = state(ctx)
    ledger = st.ledger()
    uid = ledger.units.add(name, short_name=short_name, contact=contact, email=email, phone=phone)
    unit = ledger.units.get(uid)
    emit_json(unit) if json_out else say(f"#{unit.id} {unit.name}")


@app.command("edit")
def edit(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="Unit id, name or short name."),
    name: str = typer.Option(None, "--name"),
    short_name: str = typer.Option(None, "--short"),
    contact: str = typer.Option(None, "--contact"),
    email: str = typer.Option(None, "--email"),
    phone: str = typer.Option(None, "--phone"),
    reason: str = typer.Option(None, "--reason", "-r", help="Why: recorded in the history."),
    expect_version: int = typer.Option(
        None, "--expect-version", help="Refuse if changed since this version."
    ),
    json_out: bool = JSON_OPT,
) -> None:
    """Change a unit's name or contact details; the old values stay in the history."""
    values = {
        k: v
        for k, v in dict(name=name, short_name=short_name, contact=contact, email=email, phone=phone).items()
        if v is not None
    }
    if not values:
        raise UserError("err.cli.unit_nothing")
    st = state(ctx)
    unit = st.ledger().units.edit(ref, values, expected_version=expect_version, reason=reason)
    emit_json(unit) if json_out else say(f"#{unit.id} {unit.name} · {unit.contact or ''} {unit.email or ''}")
