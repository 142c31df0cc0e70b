"""`tasktrack tui` and bare `tasktrack`: registered, the global options reach the app, no Textual in the CLI."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest


def test_importing_the_cli_loads_no_textual() -> None:
    code = "import sys, tasktrack.cli.main; print(sorted(m for m in sys.modules if m.startswith('textual')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_tui_command_opens_the_app_with_the_global_options(
    cli, demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from tasktrack.tui.app import TaskTrackApp

    opened = {}

    def fake_run(self: TaskTrackApp) -> None:
        opened.update(actor=self.ledger.ctx.actor, today=self.clock(), lang=self.lang)

    monkeypatch.setattr(TaskTrackApp, "run", fake_run)
    result = cli("--as", "王五", "--as-of", "2022-01-10", "--lang", "en", "tui", db=demo_db)
    assert result.code == 0, result.err
    assert opened == {"actor": "王五", "today": date(2022, 1, 10), "lang": "en"}


def test_tui_under_as_of_opens_the_ledger_as_it_stood(
    cli, demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from tasktrack.tui.app import TaskTrackApp

    opened = {}

    def fake_run(self: TaskTrackApp) -> None:
        opened.update(as_of=self.as_of, stood=self.ledger.ctx.as_it_stood, today=self.clock())

    monkeypatch.setattr(TaskTrackApp, "run", fake_run)
    assert cli("--as-of", "2021-10-15", "tui", db=demo_db).code == 0
    assert opened == {"as_of": date(2021, 10, 15), "stood": date(2021, 10, 15), "today": date(2021, 10, 15)}
    opened.clear()
    assert cli("tui", db=demo_db).code == 0
    assert opened["as_of"] is None and opened["stood"] is None


def test_bare_tasktrack_without_a_terminal_prints_help(cli, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli(db=demo_db)
    assert result.code == 0 and "tui" in result.out and "Usage" in result.out
