"""Screen 4, Units: each lead unit's milestones counted (done, on schedule, behind, overdue), and its items."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Static

from tasktrack import present
from tasktrack.i18n import t
from tasktrack.services.views import MilestoneFilter, MilestoneView
from tasktrack.tui.editing import EDIT_BINDINGS, MilestoneEditing
from tasktrack.tui.keys import key
from tasktrack.tui.rows import MILESTONE_COLUMNS, UNIT_COLUMNS, milestone_cells, unit_cells
from tasktrack.tui.sources import MilestoneSource
from tasktrack.tui.widgets.paged_table import ListSource, PagedTable


class UnitsScreen(MilestoneEditing):
    NAME = "units"
    BINDINGS = [*EDIT_BINDINGS, key("r", "refresh", "refresh", show=False)]

    def compose(self) -> ComposeResult:
        yield from self.compose_nav()
        yield PagedTable(UNIT_COLUMNS, unit_cells, row_id=lambda s: s.unit.id if s.unit else -1, id="units")
        yield Static(id="unit-line")
        yield PagedTable(MILESTONE_COLUMNS, milestone_cells, id="unit-items")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#units", PagedTable).focus()

    @property
    def items(self) -> PagedTable[MilestoneView]:
        return self.query_one("#unit-items", PagedTable)

    def current_milestone(self) -> MilestoneView | None:
        return self.items.current

    def relabel(self) -> None:
        super().relabel()
        for table in self.query(PagedTable):
            table.lang = self.lang

    def fetch(self) -> list[Any]:
        return self.ledger.overview.by_unit()

    def show(self, summaries: list[Any]) -> None:
        self.query_one("#units", PagedTable).load(ListSource(summaries), keep_cursor=True)

    @on(PagedTable.Highlighted, "#units")
    def unit_chosen(self, event: PagedTable.Highlighted) -> None:
        summary = event.row
        if summary is None:
            return
        f = MilestoneFilter(unit=str(summary.unit.id)) if summary.unit else MilestoneFilter(unassigned=True)
        self.items.load(MilestoneSource(self.ledger, f), keep_cursor=False)
        name = present.unit(summary.unit, self.lang)
        line = (
            t("tui.unit_items", self.lang, unit=name)
            if summary.unit
            else t("tui.unassigned_items", self.lang)
        )
        self.query_one("#unit-line", Static).update(Text(line))

    def action_refresh(self) -> None:
        self.reload()
