"""`tasktrack config`: the settings in force and where they come from."""

from __future__ import annotations

import typer

from tasktrack.cli.output import emit_json, table
from tasktrack.cli.state import state
from tasktrack.i18n import t

app = typer.Typer(
    help="Settings (TOML in your config directory; TASKTRACK_CONFIG overrides).", no_args_is_help=True
)


@app.command("show")
def show(ctx: typer.Context, json_out: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Print the settings in force, the settings file and the database location."""
    from tasktrack.config import config_path

    st = state(ctx)
    assert st.settings is not None
    data = {
        "config_file": str(config_path()),
        "database": st.db_location(),
        "lang": st.lang,
        **{k: v for k, v in st.settings.as_dict().items() if k != "lang"},
    }
    if json_out:
        emit_json(data)
        return
    table([t("setting", st.lang), t("value", st.lang)], [(k, v) for k, v in data.items()], st.lang)
