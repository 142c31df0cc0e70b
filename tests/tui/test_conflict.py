"""An item changed elsewhere while its dialog was open: the save says who and when, and each way out
(reload, overwrite, keep as a note, back) does what it says without losing what was typed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Static

from tasktrack.services.history import HistoryFilter
from tasktrack.services.ledger import Ledger
from tasktrack.tui.app import TaskTrackApp
from tasktrack.tui.modals.conflict import ConflictModal
from tasktrack.tui.modals.edits import StatusModal
from tasktrack.tui.screens.plan import PlanScreen
from tests.tui.conftest import SIZE, open_at, press, screen_text, settle
from tests.tui.test_actions import REF, fill, jump

NOTE = "市政府已批复（张三录入）"


@pytest.fixture
def other(plain_db: Path) -> Iterator[Ledger]:
    """A second ledger on the same database, used by another person."""
    ledger = open_at(plain_db, actor="李四")
    yield ledger
    ledger.close()


async def open_conflict(pilot, other: Ledger) -> None:  # type: ignore[no-untyped-def]
    """Open the status dialog, let 李四 block the item meanwhile, then choose 已完成 with a note and save."""
    app = pilot.app
    await jump(pilot)
    await press(pilot, "s")
    assert isinstance(app.screen, StatusModal)
    other.milestones.set_status(REF, "blocked", note="评估材料被退回")
    await press(pilot, "down", "down", "enter")
    fill(app, "#note", NOTE)
    await press(pilot, "ctrl+s")
    assert isinstance(app.screen, ConflictModal)
    text = screen_text(app)
    assert "李四" in text and "2022-01-09 08:30:00" in text  # who changed it, and when
    assert NOTE in text  # what I typed is shown, not lost


def statuses(ledger: Ledger) -> list[tuple[str, str | None]]:
    return [
        (c.actor, c.new) for c in ledger.history.list(HistoryFilter(milestone=REF)) if c.field == "status"
    ]


async def test_reload_shows_the_new_state_and_keeps_the_typed_text(plain: Ledger, other: Ledger) -> None:
    app = TaskTrackApp(plain)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_conflict(pilot, other)
        await press(pilot, "r")
        dialog = app.screen
        assert isinstance(dialog, StatusModal)
        assert dialog.milestone.status == "blocked"  # the item as it is now
        assert "受阻" in screen_text(app)
        assert dialog.query_one("#note", Input).value == NOTE  # my text survived
        assert dialog.query_one("#status", OptionList).highlighted == 2  # and my choice
        await press(pilot, "ctrl+s")  # saved against the version just read: no conflict now
        assert isinstance(app.screen, PlanScreen)
    assert plain.milestones.get(REF).status == "done"
    assert statuses(plain)[:2] == [("tester", "done"), ("李四", "blocked")]


async def test_overwrite_saves_mine_over_theirs_in_the_record(plain: Ledger, other: Ledger) -> None:
    app = TaskTrackApp(plain)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_conflict(pilot, other)
        await press(pilot, "o")
        assert isinstance(app.screen, PlanScreen)
    assert plain.milestones.get(REF).status == "done"
    assert statuses(plain)[:2] == [("tester", "done"), ("李四", "blocked")]  # both kept in the history
    done = next(c for c in plain.history.list(HistoryFilter(milestone=REF)) if c.new == "done")
    assert done.reason == NOTE


async def test_keep_as_note_leaves_theirs_and_records_mine(plain: Ledger, other: Ledger) -> None:
    app = TaskTrackApp(plain)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_conflict(pilot, other)
        await press(pilot, "n")
        assert isinstance(app.screen, PlanScreen)
        detail = app.screen.query_one("#detail-body", Static).content
        assert NOTE in str(detail)  # the detail pane's history shows the kept note
    assert plain.milestones.get(REF).status == "blocked"  # theirs stands
    notes = [c for c in plain.history.list(HistoryFilter(milestone=REF)) if c.field == "remark"]
    assert (
        notes
        and notes[0].actor == "tester"
        and NOTE in (notes[0].new or "")
        and "已完成" in (notes[0].new or "")
    )


async def test_back_returns_to_the_dialog_and_a_second_save_still_conflicts(
    plain: Ledger, other: Ledger
) -> None:
    app = TaskTrackApp(plain)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_conflict(pilot, other)
        await press(pilot, "escape")
        assert isinstance(app.screen, StatusModal)
        assert app.screen.query_one("#note", Input).value == NOTE
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ConflictModal)  # nothing is overwritten silently
        await press(pilot, "escape", "escape")
    assert plain.milestones.get(REF).status == "blocked"
