"""`tasktrack tui`: the terminal UI on the same database (global --db/--as/--as-of/--lang apply)."""

from __future__ import annotations

import typer

from tasktrack.cli.state import CliState, state


def open_tui(st: CliState) -> None:
    """Open the ledger the global options name, then run the app on it (Textual is imported only here);
    with --as-of, on the ledger as it stood at the end of that day, read-only."""
    ledger = st.ledger()
    from tasktrack.tui.app import TaskTrackApp

    try:
        TaskTrackApp(ledger, lang=st.lang, as_of=st.as_it_stood(ledger)).run()
    finally:
        ledger.close()


def tui(ctx: typer.Context) -> None:
    """Open the terminal UI: plan tree, attention list, indicators, units and history, with quick edits."""
    open_tui(state(ctx))
