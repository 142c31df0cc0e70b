"""What the TUI tells the person (a refused save, a bad date, a failure) is written in the app's language."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Label, Static

from tasktrack.domain.dates import DateError, parse_date
from tasktrack.errors import UserError, say
from tasktrack.services.ledger import Ledger
from tasktrack.tui.app import TaskTrackApp
from tasktrack.tui.modals.edits import ActualModal, DueModal, EvidenceModal
from tasktrack.tui.screens.base import describe_error
from tests.tui.conftest import SIZE, press, settle
from tests.tui.test_actions import fill, jump


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("zh", "没有文件 {path}：请检查路径"), ("en", "no file {path}; check the path")],
)
async def test_a_refused_save_comes_back_in_the_apps_language(
    plain: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, expected: str
) -> None:
    missing = tmp_path / "scan.pdf"

    def refuse(*_: object, **__: object) -> None:
        raise UserError("err.cli.no_file", path=missing)

    monkeypatch.setattr(plain.evidence, "add", refuse)
    app = TaskTrackApp(plain, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await jump(pilot)
        await press(pilot, "e")
        fill(app, "#text", "验收材料")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, EvidenceModal)
        assert app.screen.error == expected.format(path=missing)
        assert app.screen.query_one("#text", Input).value == "验收材料"


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_a_due_date_that_is_not_a_date_says_so_in_the_apps_language(plain: Ledger, lang: str) -> None:
    app = TaskTrackApp(plain, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await jump(pilot)
        await press(pilot, "d")
        assert isinstance(app.screen, DueModal)
        fill(app, "#due", "某天")
        await settle(pilot)
        with pytest.raises(DateError) as bad:
            parse_date("某天", today=app.clock(), year=app.screen.milestone.year)
        parsed = app.screen.query_one("#parsed", Label)
        assert str(parsed.content) == f"✗ {say(bad.value, lang)}"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, DueModal)  # kept open
        await press(pilot, "escape")


def test_an_error_is_described_in_the_language_asked() -> None:
    refused = UserError("err.cli.year", year=21)
    assert describe_error(refused, "zh") == "--year 21 不是年份（应如 2021）"
    assert describe_error(refused, "en") == "--year 21 is not a year like 2021"
    locked = RuntimeError("database is locked")
    assert (
        describe_error(locked, "zh") == "出错：数据库一直被其他写入者锁定（database is locked）：请稍后重试"
    )
    assert (
        describe_error(locked, "en")
        == "failed: the database stayed locked by another writer (database is locked); try again"
    )
    assert describe_error(KeyError("x"), "en") == "failed: KeyError: 'x'"


@pytest.mark.parametrize(("lang", "field"), [("zh", "实际值"), ("en", "actual value")])
async def test_a_value_that_is_not_a_number_names_the_field_in_the_apps_language(
    plain: Ledger, lang: str, field: str
) -> None:
    app = TaskTrackApp(plain, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await jump(pilot)
        await press(pilot, "a")
        fill(app, "#value", "很多")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ActualModal)  # kept open, with the reason
        assert field in str(app.screen.query_one("#error", Static).content)
        await press(pilot, "escape")
