"""Each screen in zh and en at 120×36, on the seed with the demo layer, as of 2022-01-10 (fixed clock,
fixed change-log times, UTC), plus the plan screen and a dialog at 80×24. Review changes with
`pytest tests/tui --snapshot-report` before accepting them with `--snapshot-update`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tasktrack.tui.app import TaskTrackApp
from tests.tui.conftest import SIZE, open_at, press, settle

SCREENS = ["1", "2", "3", "4", "5"]


def run_before(*keys: str, row: int | None = None) -> Callable[[Pilot], object]:
    async def steps(pilot: Pilot) -> None:
        await settle(pilot)
        if row is not None:  # the plan table's cursor on this row (pressing down N times is slow)
            pilot.app.screen.query_one("#milestones").cursor = row
            await settle(pilot)
        await press(pilot, *keys)

    return steps


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("screen", SCREENS)
def test_screen(snap_compare, demo_db: Path, screen: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    ledger = open_at(demo_db, lang=lang)
    try:
        # On the plan screen the cursor goes to 1-M2: overdue, in progress, with evidence and history.
        steps = run_before(screen) if screen != "1" else run_before(row=19)
        assert snap_compare(TaskTrackApp(ledger), terminal_size=SIZE, run_before=steps)
    finally:
        ledger.close()


def test_plan_at_80x24(snap_compare, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    ledger = open_at(demo_db)
    try:
        assert snap_compare(TaskTrackApp(ledger), terminal_size=(80, 24), run_before=run_before(row=19))
    finally:
        ledger.close()


def test_status_dialog_at_80x24(snap_compare, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    ledger = open_at(demo_db)
    try:
        assert snap_compare(
            TaskTrackApp(ledger), terminal_size=(80, 24), run_before=run_before("s", "down", row=19)
        )
    finally:
        ledger.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_review_inbox(snap_compare, demo_db: Path, lang: str) -> None:  # type: ignore[no-untyped-def]
    """Screen 6 with what waits for review: a 延期申请 on 1-M2, and 1-M1's closure request with its evidence."""
    ledger = open_at(demo_db, lang=lang)
    try:
        ledger.review.request("kaizhou-7p:1-M2", {"due": "2022-06-30"}, reason="受疫情影响", doc_no="开州科〔2022〕1号")
        ledger.evidence.add("kaizhou-7p:1-M1", text="2021年科技型企业入库名单（56家）")
        ledger.review.request_closure("kaizhou-7p:1-M1", note="已完成56家入库")
        assert snap_compare(TaskTrackApp(ledger), terminal_size=SIZE, run_before=run_before("6"))
    finally:
        ledger.close()
