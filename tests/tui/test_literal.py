"""Stored text is shown as it is: markup, action links and terminal escapes in titles, targets and unit
names cannot break, restyle or drive the UI."""

from __future__ import annotations

from textual.widgets import Input

from tasktrack.services.ledger import Ledger
from tasktrack.tui.app import TaskTrackApp
from tasktrack.tui.modals.assign import AssignModal
from tasktrack.tui.modals.find import FilterModal, JumpModal
from tests.tui.conftest import SIZE, press, screen_text, settle
from tests.tui.test_actions import fill, jump

TITLE = "[@click=app.quit]点我退出[/] [b]"
METRIC = "\x1b[31m红色\x1b[0m[/]目标"
UNIT = "[red]恶意[/red]单位"


def plant(ledger: Ledger) -> None:
    """A task, a milestone and a unit whose text is markup, an action link and escape codes."""
    ledger.tasks.add(
        "kaizhou-7p", "X[/]", TITLE, text="全文 [/bold] \x1b]0;title\x07", quote="[link=http://x]原文[/link]"
    )
    ledger.milestones.add(
        "kaizhou-7p:X[/]", "X-M1", METRIC, 2021, target="5", unit="[/]", quote="[@click=app.bell]q[/]"
    )
    ledger.units.add(UNIT, short_name="[/]")
    ledger.tasks.assign("kaizhou-7p:X[/]", lead="[/]")


def assert_inert(app: TaskTrackApp) -> str:
    """Nothing on screen carries an action, and no escape character reaches the terminal."""
    strips = app.screen._compositor.render_strips()
    for strip in strips:
        for segment in strip:
            style = segment.style
            meta = style.meta if style else {}
            planted = ("app.quit", "app.bell", "http://x")
            assert not any(p in str(v) for v in meta.values() for p in planted), meta
            assert style is None or style.link is None
            assert "\x1b" not in segment.text and "\x07" not in segment.text
    return screen_text(app)


async def test_markup_and_escapes_are_shown_literally(plain: Ledger) -> None:
    plant(plain)
    app = TaskTrackApp(plain)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await jump(pilot, "kaizhou-7p:X-M1")
        text = assert_inert(app)
        assert TITLE in text and "␛[31m红色␛[0m[/]目标" in text and "[red]恶意[/red]单位" not in text
        assert "[@click=app.bell]q[/]" in text and "全文 [/bold] ␛]0;title␇" in text
        await pilot.click("#detail", offset=(20, 6))  # clicking the quoted action does nothing
        await settle(pilot)
        assert app.is_running
        for key in ("2", "5"):  # the attention list (it is overdue) and the history show it too
            await press(pilot, key)
            text = assert_inert(app)
            assert "X-M1" in text
        await press(pilot, "1", "o")  # the unit's name in the assign dialog's lists
        assert isinstance(app.screen, AssignModal)
        text = assert_inert(app)
        assert "[/]（示例）" not in text and "[/]" in text
        await press(pilot, "escape", "slash")
        assert isinstance(app.screen, FilterModal)
        assert_inert(app)
        await press(pilot, "escape")
        assert app.is_running


async def test_a_typed_code_with_markup_comes_back_literally_in_the_error(plain: Ledger) -> None:
    app = TaskTrackApp(plain)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "g")
        fill(app, "#code", "[/]\x1b[2J")
        await press(pilot, "enter")
        assert isinstance(app.screen, JumpModal)
        assert "[/]␛[2J" in assert_inert(app)
        assert app.screen.query_one("#code", Input).value == "[/]␛[2J"  # kept, made visible
