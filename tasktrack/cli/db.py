"""`tasktrack init` and `tasktrack db`: create the database and bring its schema up to date."""

from __future__ import annotations

import typer

from tasktrack.cli.output import emit_json
from tasktrack.cli.state import state
from tasktrack.i18n import t

app = typer.Typer(help="Database schema: upgrade, current revision.", no_args_is_help=True)


def init(ctx: typer.Context) -> None:
    """Create the database (or bring an existing one up to date) and print where it is."""
    _upgrade(ctx, json_out=False)


@app.command("upgrade")
def upgrade(ctx: typer.Context, json_out: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Migrate the database to the newest schema (a new database is created)."""
    _upgrade(ctx, json_out)


def _upgrade(ctx: typer.Context, json_out: bool) -> None:
    from tasktrack.store.schema import current_revision

    st = state(ctx)
    ledger = st.ledger()  # opening migrates
    rev = current_revision(ledger.ctx.engine)
    location = ledger.ctx.engine.url.render_as_string(hide_password=True)
    if json_out:
        emit_json({"database": location, "revision": rev})
    else:
        print(t("db_ready", st.lang, path=location, rev=rev))


@app.command("current")
def current(ctx: typer.Context, json_out: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Print the schema revision of the database without changing it."""
    from tasktrack.store.engine import make_engine, normalize_url
    from tasktrack.store.schema import HEAD, current_revision

    st = state(ctx)
    engine = make_engine(normalize_url(st.db_location()))
    rev = current_revision(engine)
    if json_out:
        emit_json({"revision": rev, "head": HEAD})
    else:
        print(f"{rev or '-'} (head {HEAD})")
