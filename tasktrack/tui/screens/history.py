"""Screen 5, History: recent changes, newest first, filterable by unit, item, actor and date."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input

from tasktrack.domain.dates import DateError, parse_date
from tasktrack.errors import UserError, say
from tasktrack.i18n import t
from tasktrack.services.history import HistoryFilter
from tasktrack.tui.keys import key
from tasktrack.tui.rows import CHANGE_COLUMNS, change_cells
from tasktrack.tui.screens.base import LedgerScreen
from tasktrack.tui.widgets.paged_table import ListSource, PagedTable
from tasktrack.tui.widgets.safe_input import SafeInput

FIELDS = ("unit", "item", "who", "tui.since", "tui.until")
LIMIT = 1000


class HistoryScreen(LedgerScreen):
    NAME = "history"
    BINDINGS = [
        key("slash", "focus_filter", "filter"),
        key("x", "clear_filter", "clear_filter"),
        key("escape", "leave_field", "leave_field", show=False),
        key("r", "refresh", "refresh", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.filter = HistoryFilter(limit=LIMIT)

    def compose(self) -> ComposeResult:
        yield from self.compose_nav()
        with Horizontal(id="history-bar"):
            for name in FIELDS:
                yield SafeInput(id=f"h-{name.replace('.', '-')}", classes="history-field")
        yield PagedTable(CHANGE_COLUMNS, change_cells, id="changes")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#changes", PagedTable).focus()

    def inputs(self) -> list[Input]:
        return list(self.query(".history-field").results(Input))

    def relabel(self) -> None:
        super().relabel()
        self.query_one("#changes", PagedTable).lang = self.lang
        for name, field in zip(FIELDS, self.inputs(), strict=True):
            field.placeholder = t(name, self.lang)

    def reload(self) -> None:
        values = [f.value.strip() or None for f in self.inputs()]
        unit, item, actor, since, until = values
        try:
            self.filter = HistoryFilter(
                unit=unit,
                milestone=item,
                actor=actor,
                since=self.day(since),
                until=self.day(until),
                limit=LIMIT,
            )
        except (UserError, DateError) as exc:
            self.say(say(exc, self.lang), "error")
            return
        super().reload()

    def day(self, text: str | None) -> Any:
        if text is None:
            return None
        return parse_date(text, today=self.tapp.clock()).value

    def fetch(self) -> list[Any]:
        stood = self.tapp.as_of
        if stood is not None:  # under --as-of: the changes that had taken effect by the end of that day
            return self.ledger.history.as_it_stood(self.filter, stood)
        return self.ledger.history.list(self.filter)

    def show(self, changes: list[Any]) -> None:
        self.query_one("#changes", PagedTable).load(ListSource(changes), keep_cursor=True)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.reload()
        self.query_one("#changes", PagedTable).focus()

    def action_focus_filter(self) -> None:
        self.inputs()[0].focus()

    def action_leave_field(self) -> None:
        self.query_one("#changes", PagedTable).focus()

    def action_clear_filter(self) -> None:
        for field in self.inputs():
            field.value = ""
        self.reload()

    def action_refresh(self) -> None:
        self.reload()
