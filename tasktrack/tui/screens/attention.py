"""Screen 2, Attention: overdue and due-soon milestones grouped by lead unit, as of a date the user can change."""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Label, Static

from tasktrack import present
from tasktrack.domain.dates import DateError, parse_date
from tasktrack.errors import say
from tasktrack.i18n import t
from tasktrack.services.views import MilestoneView
from tasktrack.tui.editing import EDIT_BINDINGS, MilestoneEditing
from tasktrack.tui.keys import key
from tasktrack.tui.rows import ATTENTION_COLUMNS, GroupRow, attention_cells
from tasktrack.tui.widgets.detail import DetailPane
from tasktrack.tui.widgets.paged_table import ListSource, PagedTable
from tasktrack.tui.widgets.safe_input import SafeInput


class AttentionScreen(MilestoneEditing):
    NAME = "attention"
    BINDINGS = [
        *EDIT_BINDINGS,
        key("t", "pick_date", "as_of"),
        key("escape", "leave_field", "leave_field", show=False),
        key("r", "refresh", "refresh", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.as_of: date | None = None  # None: the app's today

    def compose(self) -> ComposeResult:
        yield from self.compose_nav()
        with Horizontal(id="attention-bar"):
            yield Label(id="as-of-label")
            yield SafeInput(id="as-of", placeholder="2022-01-10")
            yield Static(id="attention-summary")
        yield PagedTable(ATTENTION_COLUMNS, attention_cells, id="attention")
        yield DetailPane(id="detail")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.table.focus()

    @property
    def table(self) -> PagedTable[Any]:
        return self.query_one("#attention", PagedTable)

    def milestone_table(self) -> PagedTable[Any]:
        return self.table

    def current_milestone(self) -> MilestoneView | None:
        row = self.table.current
        return row if isinstance(row, MilestoneView) else None

    def day(self) -> date:
        return self.as_of or self.tapp.clock()

    def relabel(self) -> None:
        super().relabel()
        self.table.lang = self.lang
        self.query_one("#as-of-label", Label).update(t("tui.as_of_label", self.lang))
        field = self.query_one("#as-of", Input)
        field.disabled = self.tapp.as_of is not None  # under --as-of the date is that day
        if field.disabled or not field.has_focus:
            field.value = self.day().isoformat()

    def fetch(self) -> tuple[date, list[Any]]:
        day = self.day()
        return day, self.ledger.overview.attention(day)

    def show(self, data: tuple[date, list[Any]]) -> None:
        day, groups = data
        lang = self.lang
        rows: list[Any] = []
        overdue = soon = 0
        for g in groups:
            overdue, soon = overdue + len(g.overdue), soon + len(g.due_soon)
            words = t(
                "tui.group", lang, unit=present.unit(g.unit, lang), late=len(g.overdue), soon=len(g.due_soon)
            )
            rows.append(GroupRow(words, f"unit:{g.unit.id if g.unit else '-'}"))
            rows.extend(g.overdue)
            rows.extend(g.due_soon)
        # Stay on the item the cursor was on if it is still listed; else start at the first item, not a heading.
        current = self.current_milestone()
        first = next((r.id for r in rows if isinstance(r, MilestoneView)), None)
        self.table.load(
            ListSource(rows), keep_cursor=current is not None, select_id=current.id if current else first
        )
        days = self.ledger.ctx.settings.due_soon_days
        summary = t(
            "tui.attention_summary", lang, date=present.day(day, lang), late=overdue, days=days, soon=soon
        )
        self.query_one("#attention-summary", Static).update(Text(summary))

    def action_pick_date(self) -> None:
        if self.tapp.as_of is not None:  # the ledger as it stood that day is judged on that day
            self.say(t("tui.asof.fixed_date", self.lang, date=self.tapp.as_of.isoformat()), "warning")
            return
        self.query_one("#as-of", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        try:
            self.as_of = parse_date(text, today=self.tapp.clock()).value if text else None
        except DateError as exc:
            self.say(say(exc, self.lang), "error")
            return
        event.input.value = self.day().isoformat()
        self.table.focus()
        self.reload()

    def action_leave_field(self) -> None:
        """Esc in the date field: back to the list, the date as it was."""
        field = self.query_one("#as-of", SafeInput)
        if field.has_focus:
            field.value = self.day().isoformat()
            self.table.focus()

    def action_refresh(self) -> None:
        self.reload()
