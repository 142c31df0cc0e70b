"""`tasktrack seed load`: the bundled Kaizhou plans (and, on request, the demonstration layer) or a plan file."""

from __future__ import annotations

from pathlib import Path

import typer

from tasktrack.cli.output import emit_json, info, say
from tasktrack.cli.state import state
from tasktrack.i18n import t

app = typer.Typer(help="Load plans from the bundled seed or a plan file.", no_args_is_help=True)


@app.command("load")
def load(
    ctx: typer.Context,
    files: list[Path] = typer.Argument(
        None,
        help="Plan files (YAML, format tasktrack/1). Default: the bundled Kaizhou plans.",
        show_default=False,
    ),
    demo: bool = typer.Option(
        False,
        "--demo",
        help="Also load the demonstration layer (fictional units, "
        "assignments and progress, labelled as demo).",
    ),
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Load plans; loading the same file again changes nothing."""
    from tasktrack.services.loading import bundled_seed_dir

    st = state(ctx)
    paths = list(files or [])
    if not paths:
        paths = [bundled_seed_dir() / "kaizhou.yaml"]
    if demo:
        paths.append(bundled_seed_dir() / "demo.yaml")
    ledger = st.ledger()
    results = [ledger.loader.load(p) for p in paths]
    if json_out:
        emit_json(
            [
                {"source": r.source, "layer": r.layer, "created": r.created, "updated": r.updated}
                for r in results
            ]
        )
        return
    for r in results:
        if not r.changed:
            say(t("seed_unchanged", st.lang, source=r.source))
            continue
        parts = [f"{k} +{v}" for k, v in r.created.items()] + [f"{k} ~{v}" for k, v in r.updated.items()]
        say(t("seed_loaded", st.lang, source=r.source, summary=", ".join(parts)))
        if r.layer == "demo":
            info(t("demo_banner", st.lang))
