"""Shared fixtures: a seeded ledger on a fixed date, and the CLI run in-process like a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from tasktrack.config import Settings
from tasktrack.services.ledger import Ledger, open_ledger
from tasktrack.services.loading import bundled_seed_dir

AS_OF = date(2022, 1, 10)


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads the developer's own settings or database."""
    monkeypatch.setenv("TASKTRACK_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.delenv("TASKTRACK_DB", raising=False)
    monkeypatch.delenv("TASKTRACK_FILES", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "ledger.db"


def make_ledger(path: Path, *, actor: str = "tester", today: date = AS_OF, lang: str = "zh") -> Ledger:
    return open_ledger(str(path), actor=actor, clock=lambda: today, lang=lang, settings=Settings())


@pytest.fixture
def empty_ledger(db_path: Path) -> Ledger:
    ledger = make_ledger(db_path)
    yield ledger
    ledger.close()


@pytest.fixture
def ledger(db_path: Path) -> Ledger:
    """The bundled plans (no demo layer), as of 2022-01-10, acting as 'tester'."""
    ledger = make_ledger(db_path)
    ledger.loader.load(bundled_seed_dir() / "kaizhou.yaml")
    yield ledger
    ledger.close()


@pytest.fixture
def demo_ledger(db_path: Path) -> Ledger:
    """The bundled plans plus the demonstration layer."""
    ledger = make_ledger(db_path)
    ledger.loader.load(bundled_seed_dir() / "kaizhou.yaml")
    ledger.loader.load(bundled_seed_dir() / "demo.yaml")
    yield ledger
    ledger.close()


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(db_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """Run `tasktrack ARGS` in-process against db_path; returns exit code, stdout and stderr."""
    from tasktrack.cli.main import run

    def invoke(*args: str, db: Path | None = db_path) -> Result:
        argv = ["tasktrack"] + (["--db", str(db)] if db is not None else []) + list(args)
        monkeypatch.setattr(sys, "argv", argv)
        capsys.readouterr()
        try:
            run()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


def run_subprocess(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> Result:
    """Run the installed console script in a real process (for what in-process runs cannot show)."""
    full_env = {**os.environ, **(env or {})}
    proc = subprocess.run([sys.executable, "-m", "tasktrack", *args], capture_output=True, text=True,
                          env=full_env, cwd=cwd, timeout=120)
    return Result(proc.returncode, proc.stdout, proc.stderr)
