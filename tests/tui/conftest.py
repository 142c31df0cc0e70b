"""TUI fixtures: the seeded ledger (plans + demo layer) built once and copied per test, a fixed clock,
fixed change-log times and UTC, so what the screens show does not depend on the machine or the day."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tasktrack.config import Settings
from tasktrack.services.ledger import Ledger, open_ledger
from tasktrack.services.loading import bundled_seed_dir

AS_OF = date(2022, 1, 10)
NOW = datetime(2022, 1, 9, 8, 30, tzinfo=UTC)
SIZE = (120, 36)


def open_at(path: Path, actor: str = "tester", lang: str = "zh") -> Ledger:
    ledger = open_ledger(str(path), actor=actor, clock=lambda: AS_OF, lang=lang, settings=Settings())
    ledger.ctx.now = lambda: NOW
    ledger.ctx.os_user = "os-user"
    return ledger


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two databases built once: the bundled plans alone, and with the demonstration layer."""
    out = {}
    for name, files in (("plain", ["kaizhou.yaml"]), ("demo", ["kaizhou.yaml", "demo.yaml"])):
        path = tmp_path_factory.mktemp("template") / f"{name}.db"
        ledger = open_at(path, actor="seed")
        for f in files:
            ledger.loader.load(bundled_seed_dir() / f)
        ledger.close()
        out[name] = path
    return out


@pytest.fixture(autouse=True)
def _utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Change-log times are shown in local time: make local time UTC for every TUI test."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _copy(template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "ledger.db"
    shutil.copy(template, target)
    return target


@pytest.fixture
def demo_db(seeded_template: dict[str, Path], tmp_path: Path) -> Path:
    return _copy(seeded_template["demo"], tmp_path)


@pytest.fixture
def plain_db(seeded_template: dict[str, Path], tmp_path: Path) -> Path:
    return _copy(seeded_template["plain"], tmp_path)


@pytest.fixture
def demo(demo_db: Path) -> Iterator[Ledger]:
    ledger = open_at(demo_db)
    yield ledger
    ledger.close()


@pytest.fixture
def plain(plain_db: Path) -> Iterator[Ledger]:
    ledger = open_at(plain_db)
    yield ledger
    ledger.close()


async def settle(pilot: Pilot) -> None:
    """Until no worker is running and the screen has caught up with what they posted."""
    app = pilot.app
    for _ in range(50):
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not any(w.is_running for w in app.workers):
            await pilot.pause()
            if not any(w.is_running for w in app.workers):
                return


async def press(pilot: Pilot, *keys: str) -> None:
    """Press keys one at a time, letting the workers each key starts finish."""
    for k in keys:
        await pilot.press(k)
        await settle(pilot)


async def type_text(pilot: Pilot, text: str) -> None:
    await pilot.press(*text)
    await settle(pilot)


def screen_text(app: object) -> str:
    """The visible text of the app's screen, as plain lines."""
    from textual.app import App

    assert isinstance(app, App)
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())
