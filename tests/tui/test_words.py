"""The key panel, the footer and the command palette in the app's language, Textual's own words included."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.binding import Binding
from textual.command import CommandInput, CommandPalette
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.scroll_view import ScrollView
from textual.widget import Widget
from textual.widgets import Button, Footer, HelpPanel, Input, OptionList, Select, SelectionList, Tree

from tasktrack.i18n import MESSAGES
from tasktrack.services.ledger import Ledger
from tasktrack.tui.app import TaskTrackApp
from tasktrack.tui.keys import KeysInLanguage, textual_words
from tasktrack.tui.modals.assign import AssignModal
from tasktrack.tui.modals.conflict import ConflictModal
from tasktrack.tui.modals.edits import ActualModal, DueModal, EvidenceModal, StatusModal
from tasktrack.tui.modals.find import FilterModal, JumpModal
from tasktrack.tui.screens.base import LedgerScreen
from tests.tui.conftest import SIZE, press, screen_text, settle

# The Textual classes whose bindings the TUI's screens and widgets carry.
TEXTUAL = [App, Screen, ModalScreen, Widget, ScrollView, VerticalScroll, Tree, Input, Select, SelectionList]
TEXTUAL += [OptionList, Button, Footer, HelpPanel, CommandPalette, CommandInput]


def _textual_descriptions() -> set[str]:
    found = set()
    for cls in TEXTUAL:
        for c in cls.__mro__:
            for b in vars(c).get("BINDINGS", []):
                b = b if isinstance(b, Binding) else Binding(*b)
                found |= {text for text in (b.description, b.tooltip) if text}
    return found


@pytest.mark.parametrize("text", sorted(_textual_descriptions()))
def test_every_key_description_of_textual_has_chinese(text: str) -> None:
    zh = textual_words(text, "zh")
    assert zh != text, f"no tui.key.textual.* entry for Textual's {text!r}"
    assert textual_words(text, "en") == text
    assert any(en == text for k, (_, en) in MESSAGES.items() if k.startswith("tui.key.textual."))


@pytest.mark.parametrize(
    "screen",
    [
        LedgerScreen,
        AssignModal,
        ConflictModal,
        ActualModal,
        DueModal,
        EvidenceModal,
        StatusModal,
        FilterModal,
        JumpModal,
    ],
)
def test_every_screen_of_the_tui_shows_keys_in_its_language(screen: type) -> None:
    assert issubclass(screen, KeysInLanguage)


async def test_the_key_panel_in_both_languages(demo: Ledger) -> None:
    app = TaskTrackApp(demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "3", "question_mark")
        text = screen_text(app)
        for word in (
            "向上滚动",
            "向下翻页",
            "下一个控件",
            "复制所选文字",
            "退出程序，回到命令行。",
            "刷新",
            "规划",
        ):
            assert word in text, word
        assert "Focus Next" not in text and "Scroll Up" not in text
        await press(pilot, "l")
        text = screen_text(app)
        for word in ("Scroll Up", "Page Down", "Focus Next", "Copy selected text", "Refresh", "Plan"):
            assert word in text, word
        assert "向上滚动" not in text


async def test_the_palette_in_both_languages(demo: Ledger) -> None:
    app = TaskTrackApp(demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        commands = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert {"主题", "按键", "截图", "状态", "退出"} <= set(commands)
        assert commands["主题"] == "更换界面主题"
        assert not {"Theme", "Keys", "Screenshot", "Quit"} & set(commands)
        assert list(commands).count("退出") == 1  # ours (q); Textual's own Quit is not listed twice
        await press(pilot, "ctrl+p")
        assert "搜索命令" in screen_text(app)
        await press(pilot, "escape", "l")
        commands = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert {"Theme", "Keys", "Screenshot", "Status", "Quit"} <= set(commands)
        assert commands["Theme"] == "Change the current theme"
        await press(pilot, "ctrl+p")
        assert "Search for commands" in screen_text(app)


async def test_history_shows_fields_in_words_as_the_cli_does(demo: Ledger) -> None:
    app = TaskTrackApp(demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "5")
        text = screen_text(app)
        assert "所属指标" in text and "备注" in text and "新建" in text
        assert "indicator_id" not in text and "created" not in text
        await press(pilot, "l")
        text = screen_text(app)
        assert "indicator" in text and "note" in text and "indicator_id" not in text
