"""At 80×24 the TUI keeps the facts a reader checks first: the milestone table shows 实际 and 序时进度 (进度)
beside 目标值, 完成时限, 状态 and 灯, and the change log keeps each change's reason; in zh and in en."""

from __future__ import annotations

import pytest

from tasktrack import present
from tasktrack.i18n import t
from tasktrack.services.ledger import Ledger
from tasktrack.tui.app import TaskTrackApp
from tasktrack.tui.screens.plan import PlanScreen
from tests.tui.conftest import press, screen_text, settle
from tests.tui.test_actions import jump

NARROW = (80, 24)
REF = "kaizhou-7p:1-M2"  # the demo layer records an actual for it


def _header(text: str, *keys: str, lang: str) -> str:
    """The screen's line that holds all these column headings."""
    words = [t(k, lang) for k in keys]
    lines = [line for line in text.split("\n") if all(w in line for w in words)]
    assert lines, (words, text)
    return lines[0]


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_milestone_table_keeps_actual_and_schedule_at_80x24(demo: Ledger, lang: str) -> None:
    app = TaskTrackApp(demo, lang=lang)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await jump(pilot, REF)
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        m = screen.current_milestone()
        assert m is not None and m.actual is not None
        text = screen_text(app)
        _header(text, "target", "actual", "due", "status", "schedule", "rag", lang=lang)
        row = next(line for line in text.split("\n") if line.startswith(m.code + " "))
        for cell in (present.actual(m), m.due.isoformat(), present.status(m.status, lang),
                     present.schedule(m.derived.schedule, lang)):  # fmt: skip
            assert cell in row, (cell, row)
        assert all(len(line) <= NARROW[0] for line in text.split("\n"))


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_history_keeps_the_reason_at_80x24(demo: Ledger, lang: str) -> None:
    demo.milestones.set_status(REF, "in_progress", note="已启动认定")
    app = TaskTrackApp(demo, lang=lang)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await press(pilot, "5")
        text = screen_text(app)
        _header(text, "when", "field", "old", "new", "reason", lang=lang)
        assert any("已启动认定" in line for line in text.split("\n")), text


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_attention_list_keeps_target_and_actual_at_80x24(demo: Ledger, lang: str) -> None:
    app = TaskTrackApp(demo, lang=lang)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        text = screen_text(app)
        _header(text, "due", "status", "rag", "target", "actual", lang=lang)
        m = demo.milestones.get(REF)  # overdue on 2022-01-10, with the demo layer's actual
        row = next(line for line in text.split("\n") if line.startswith(m.code + " "))
        assert present.actual(m) in row and m.due.isoformat() in row, row
