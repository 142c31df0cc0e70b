"""The paged table asks its source for the rows on screen only: a million rows cost a page or two."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from textual.app import App, ComposeResult

from tasktrack.tui.widgets.paged_table import PAGE, Column, PagedTable
from tests.tui.conftest import press, screen_text, settle


@dataclass(frozen=True)
class Row:
    id: int


class Million:
    def __init__(self) -> None:
        self.fetched: list[int] = []
        self.counted = 0

    def count(self) -> int:
        self.counted += 1
        return 1_000_000

    def fetch(self, offset: int, limit: int) -> list[Row]:
        self.fetched.append(offset)
        return [Row(i) for i in range(offset, min(offset + limit, 1_000_000))]


class TableApp(App[None]):
    def __init__(self, source: Million) -> None:
        super().__init__()
        self.source = source

    def compose(self) -> ComposeResult:
        yield PagedTable(
            [Column("id", 10, "right"), Column("code", 0)],
            lambda r, _lang: [(str(r.id), None), (f"行{r.id}", None)],
        )

    def on_mount(self) -> None:
        table = self.query_one(PagedTable)
        table.load(self.source)
        table.focus()


async def test_a_million_rows_fetch_only_what_is_shown() -> None:
    source = Million()
    app = TableApp(source)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        table = app.query_one(PagedTable)
        assert source.counted == 1 and source.fetched == [0]
        assert table.virtual_size.height == 1_000_001  # a header line and every row, scrollable
        await press(pilot, "end")
        assert table.cursor == 999_999 and table.current == Row(999_999)
        assert source.fetched == [0, 999_999 // PAGE * PAGE]
        await press(pilot, "pageup", "home")
        assert table.current == Row(0) and len(source.fetched) <= 4


class Blocked(Million):
    """A source whose queries wait until the test lets them go."""

    def __init__(self) -> None:
        super().__init__()
        self.go = threading.Event()

    def fetch(self, offset: int, limit: int) -> list[Row]:
        assert self.go.wait(10)
        return super().fetch(offset, limit)


async def test_the_ui_answers_while_a_query_is_running() -> None:
    source = Blocked()
    app = TableApp(source)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        table = app.query_one(PagedTable)
        assert "载入中" in screen_text(app)  # drawn while the first page is still being fetched
        table.lang = "en"  # the UI thread is free: attributes change and redraw
        await pilot.pause()
        assert "loading" in screen_text(app)
        source.go.set()
        await settle(pilot)
        assert table.current == Row(0) and "行0" in screen_text(app)
