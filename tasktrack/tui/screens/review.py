"""Screen 6, Review (审核): what waits for review, oldest first, with keys to approve, reject or return.

The same inbox as `tasktrack review list` (ReviewService.inbox): a coordinator sees the pending requests
and the evidence of items asking to close; a unit member sees their own requests and their state. The
note or reason typed in the field below goes with the decision (a reject or a return needs one).
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Input

from tasktrack.i18n import t
from tasktrack.tui.keys import key
from tasktrack.tui.rows import INBOX_COLUMNS, inbox_cells
from tasktrack.tui.screens.base import LedgerScreen, describe_error
from tasktrack.tui.widgets.paged_table import ListSource, PagedTable
from tasktrack.tui.widgets.safe_input import SafeInput


DONE = {"approve": "review.approved", "reject": "review.rejected", "return": "review.returned"}


class ReviewScreen(LedgerScreen):
    NAME = "review"
    BINDINGS = [
        key("a", "decide('approve')", "review_approve"),
        key("j", "decide('reject')", "review_reject"),
        key("b", "decide('return')", "review_return"),
        key("n", "focus_note", "review_note"),
        key("escape", "leave_field", "leave_field", show=False),
        key("r", "refresh", "refresh", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield from self.compose_nav()
        yield PagedTable(INBOX_COLUMNS, inbox_cells, id="inbox")
        yield SafeInput(id="review-note")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#inbox", PagedTable).focus()

    def relabel(self) -> None:
        super().relabel()
        self.query_one("#inbox", PagedTable).lang = self.lang
        self.query_one("#review-note", Input).placeholder = t("tui.review_note", self.lang)

    def fetch(self) -> list[Any]:
        return self.ledger.review.inbox()

    def show(self, items: list[Any]) -> None:
        self.query_one("#inbox", PagedTable).load(ListSource(items), keep_cursor=True)
        if not items:
            self.say(t("review.empty", self.lang))

    def action_decide(self, verb: str) -> None:
        if self.tapp.refused_read_only():  # under --as-of: the inbox as it stood, not to be decided on
            return
        item = self.query_one("#inbox", PagedTable).current
        if item is None:
            self.say(t("tui.review_none", self.lang), "warning")
            return
        field = self.query_one("#review-note", Input)
        note = field.value.strip() or None
        review = self.ledger.review
        try:
            if verb == "approve":
                review.approve(item.ref, note=note)
            elif verb == "reject":
                review.reject(item.ref, reason=note)
            else:
                review.return_(item.ref, reason=note)
        except Exception as exc:  # refused: say why, keep the note for another try
            self.say(describe_error(exc, self.lang), "error")
            return
        field.value = ""
        self.say(t(DONE[verb], self.lang, ref=item.ref))
        self.tapp.ledger_changed()

    def action_focus_note(self) -> None:
        self.query_one("#review-note", Input).focus()

    def action_leave_field(self) -> None:
        self.query_one("#inbox", PagedTable).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#inbox", PagedTable).focus()

    def action_refresh(self) -> None:
        self.reload()
