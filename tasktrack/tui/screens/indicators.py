"""Screen 3, Indicators: baseline → latest reading → target, progress against 序时进度, readings over years."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll

from tasktrack.tui.keys import key
from tasktrack.tui.screens.base import LedgerScreen
from tasktrack.tui.widgets.indicator_card import IndicatorCard


class IndicatorsScreen(LedgerScreen):
    NAME = "indicators"
    BINDINGS = [key("r", "refresh", "refresh", show=False)]

    def compose(self) -> ComposeResult:
        yield from self.compose_nav()
        yield VerticalScroll(id="cards")
        yield from self.compose_footer()

    def fetch(self) -> list[Any]:
        return self.ledger.indicators.list()

    def show(self, indicators: list[Any]) -> None:
        cards = self.query_one("#cards", VerticalScroll)
        cards.remove_children()
        cards.mount_all(IndicatorCard(ind, self.lang) for ind in indicators)
        cards.focus()

    def action_refresh(self) -> None:
        self.reload()
