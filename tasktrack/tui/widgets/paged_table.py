"""A table that renders only the rows on screen and fetches them a page at a time (Textual's Line API).

Textual's DataTable measures every cell of every row up front; this one knows only the row count and the
pages it has fetched, so a million rows open as fast as ten. Cells are plain text (sanitized, never markup),
padded by display width so CJK columns line up.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from rich.segment import Segment
from rich.style import Style
from textual import events, work
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

from tasktrack.domain.text import pad, sanitize, truncate
from tasktrack.i18n import t
from tasktrack.tui.widgets.columns import Cell, Column, ListSource, Source, fit

T = TypeVar("T")

STYLES = ("red", "amber", "green", "muted", "bold", "group")
PAGE = 100
KEEP_PAGES = 30


class PagedTable(ScrollView, Generic[T], can_focus=True):
    """Rows from a Source, fetched in pages as they scroll into view; a fixed header line."""

    COMPONENT_CLASSES = {
        "paged-table--header",
        "paged-table--cursor",
        "paged-table--cursor-blur",
        *(f"paged-table--{s}" for s in STYLES),
    }
    BINDINGS = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "edge(0)", show=False),
        Binding("end", "edge(1)", show=False),
    ]

    cursor: reactive[int] = reactive(0, always_update=True, repaint=False)
    lang: reactive[str] = reactive("zh", layout=True)

    class Highlighted(Message):
        """The cursor is on a row (row None: its page is still loading, or the table is empty)."""

        def __init__(self, table: PagedTable[Any], index: int, row: Any) -> None:
            super().__init__()
            self.table, self.index, self.row = table, index, row

        @property
        def control(self) -> PagedTable[Any]:
            return self.table

    class Counted(Highlighted):
        """The source's row count arrived (`index`: the count)."""

        @property
        def count(self) -> int:
            return self.index

    def __init__(
        self,
        columns: Sequence[Column],
        render_row: Callable[[T, str], Sequence[Cell]],
        *,
        row_id: Callable[[T], object] = lambda r: getattr(r, "id", None),
        empty_key: str = "no_rows",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.columns = list(columns)
        self.render_row = render_row
        self.row_id = row_id
        self.empty_key = empty_key
        self.source: Source[T] | None = None
        self.row_count: int | None = None  # None until counted
        self._pages: OrderedDict[int, list[T]] = OrderedDict()
        self._wanted: set[int] = set()
        self._generation = 0
        self._select_id: object = None
        self._announced: tuple[int, object] | None = None
        self._layout: tuple[tuple[int, str], list[int]] | None = None
        self._count_due = False

    # -- what the parent sets --------------------------------------------------------------------
    def load(self, source: Source[T], *, keep_cursor: bool = False, select_id: object = None) -> None:
        """Show rows from `source`: counts and fetches the first page on worker threads."""
        self._generation += 1
        self.source = source
        self._pages.clear()
        self._wanted.clear()
        self._select_id = select_id
        self._announced = None
        if not keep_cursor:
            self.cursor = 0
            self.scroll_to(y=0, animate=False)
        self._count_due = True  # counted once the first page is here: the two queries would compete
        self._want_page(self.cursor // PAGE)
        self.refresh()

    @property
    def current(self) -> T | None:
        return self.row_at(self.cursor)

    def row_at(self, index: int) -> T | None:
        page = self._pages.get(index // PAGE)
        if page is None or index % PAGE >= len(page):
            return None
        return page[index % PAGE]

    def loaded_rows(self) -> list[T]:
        return [r for _, rows in sorted(self._pages.items()) for r in rows]

    # -- workers ---------------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="table-count", exit_on_error=False)
    def _count(self, generation: int, source: Source[T]) -> None:
        n = source.count()
        self.app.call_from_thread(self._set_count, generation, n)

    @work(thread=True, exclusive=True, group="table-pages", exit_on_error=False)
    def _fetch(self, generation: int, source: Source[T], pages: list[int]) -> None:
        worker = get_current_worker()
        for page in pages:
            if worker.is_cancelled:
                return
            rows = source.fetch(page * PAGE, PAGE)
            self.app.call_from_thread(self._put_page, generation, page, rows)

    def _set_count(self, generation: int, n: int) -> None:
        if generation != self._generation:
            return
        self.row_count = n
        self.cursor = min(self.cursor, max(n - 1, 0))
        self._resize()
        self.post_message(self.Counted(self, n, None))
        self._announce()

    def _put_page(self, generation: int, page: int, rows: list[T]) -> None:
        if generation != self._generation:
            return
        self._wanted.discard(page)
        self._pages[page] = rows
        self._pages.move_to_end(page)
        while len(self._pages) > KEEP_PAGES:
            self._pages.popitem(last=False)
        if self._count_due:
            self._count_due = False
            if len(rows) < PAGE:  # the last page tells the count: no COUNT query needed
                self._set_count(generation, page * PAGE + len(rows))
            else:
                self._count(generation, self.source)
        if self._select_id is not None:
            for i, r in enumerate(rows):
                if self.row_id(r) == self._select_id:
                    self._select_id = None
                    self.cursor = page * PAGE + i
                    break
        self._resize()
        self._announce()

    def _want_page(self, page: int) -> None:
        if page in self._pages or page in self._wanted or self.source is None:
            return
        self._wanted.add(page)
        self.call_later(self._request)

    def _request(self) -> None:
        if not self._wanted or self.source is None:
            return
        top = int(self.scroll_y) // PAGE
        # Only what is (or was just) on screen: a fast scroll must not queue every page it passed.
        pages = sorted(p for p in self._wanted if abs(p - top) <= 2 or p == self.cursor // PAGE)
        self._wanted = set(pages)
        if pages:
            self._fetch(self._generation, self.source, pages)

    # -- geometry and keys -----------------------------------------------------------------------
    def _widths(self) -> list[int]:
        """Each column's width on screen now (0: dropped to make room), cached per width and language."""
        # The scrollbar's column is always kept free, so rows never change width when it appears.
        avail = max(self.size.width - self.styles.scrollbar_size_vertical, 1)
        if self._layout is not None and self._layout[0] == (avail, self.lang):
            return self._layout[1]
        widths = fit(self.columns, avail, self.lang)
        self._layout = ((avail, self.lang), widths)
        return widths

    def _total_width(self) -> int:
        shown = [w for w in self._widths() if w]
        return sum(shown) + len(shown) - 1

    def _resize(self) -> None:
        width = self._total_width()
        rows = self.row_count if self.row_count is not None else len(self.loaded_rows())
        self.virtual_size = Size(width, rows + 1)
        self.refresh()

    def on_resize(self, _event: events.Resize) -> None:
        self._resize()

    def watch_lang(self) -> None:
        self.refresh()

    def watch_cursor(self, old: int, new: int) -> None:
        self._scroll_to_cursor()
        self.refresh()
        self._announce()

    def _scroll_to_cursor(self) -> None:
        visible = max(self.scrollable_content_region.height - 1, 1)
        if self.cursor < self.scroll_y:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= self.scroll_y + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False)

    def _announce(self) -> None:
        row = self.current
        key = (self.cursor, None if row is None else self.row_id(row))
        if key != self._announced:
            self._announced = key
            self.post_message(self.Highlighted(self, self.cursor, row))
        if row is None and self.row_count:
            self._want_page(self.cursor // PAGE)

    def _last(self) -> int:
        n = self.row_count if self.row_count is not None else len(self.loaded_rows())
        return max(n - 1, 0)

    def action_move(self, step: int) -> None:
        self.cursor = min(max(self.cursor + step, 0), self._last())

    def action_page(self, step: int) -> None:
        self.action_move(step * max(self.scrollable_content_region.height - 2, 1))

    def action_edge(self, end: int) -> None:
        self.cursor = self._last() if end else 0

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y == 0:
            return
        index = int(self.scroll_y) + offset.y - 1
        if index <= self._last() and (self.row_count or self.loaded_rows()):
            self.cursor = index

    # -- drawing ---------------------------------------------------------------------------------
    def _style(self, name: str | None) -> Style:
        """A component style without its background, so a cell's colour never hides the cursor row."""
        if not name:
            return Style.null()
        s = self.get_component_rich_style(f"paged-table--{name}")
        if name in ("header", "cursor", "cursor-blur"):
            return s
        return Style(color=s.color, bold=s.bold, italic=s.italic, underline=s.underline)

    def _strip(self, cells: Sequence[Cell], base: Style) -> Strip:
        if len(cells) == 1 and len(self.columns) > 1:  # a group heading spans the row
            text, style = cells[0]
            width = self._total_width()
            return Strip([Segment(pad(truncate(sanitize(text), width), width), base + self._style(style))])
        segments: list[Segment] = []
        for (text, style), col, width in zip(cells, self.columns, self._widths(), strict=False):
            if not width:
                continue
            if segments:
                segments.append(Segment(" ", base))
            shown = pad(truncate(sanitize(text), width), width, col.align)
            segments.append(Segment(shown, base + self._style(style)))
        return Strip(segments)

    def _line(self, text: str, style: Style, width: int) -> Strip:
        return Strip([Segment(pad(truncate(text, width), width), style)])

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = max(self.size.width - self.styles.scrollbar_size_vertical, 1)
        base = self.rich_style
        if y == 0:
            head = base + self._style("header")
            strip = self._strip([(t(c.key, self.lang), None) for c in self.columns], head)
            return strip.crop_extend(scroll_x, scroll_x + width, head)
        muted = base + self._style("muted")
        if self.row_count == 0 or (self.row_count is None and not self._pages):
            if y != 1:
                return Strip.blank(width, base)
            key = self.empty_key if self.row_count == 0 else "tui.loading"
            return self._line(t(key, self.lang), muted, width)
        index = scroll_y + y - 1
        if index > self._last():
            return Strip.blank(width, base)
        style = base
        if index == self.cursor:
            style = base + self._style("cursor" if self.has_focus else "cursor-blur")
        row = self.row_at(index)
        if row is None:
            self._want_page(index // PAGE)
            return self._line(t("tui.loading", self.lang), style + self._style("muted"), width)
        cells = self.render_row(row, self.lang)
        return self._strip(cells, style).crop_extend(scroll_x, scroll_x + width, style)

    def on_focus(self) -> None:
        self.refresh()  # the cursor row's colour shows whether the table has focus

    def on_blur(self) -> None:
        self.refresh()


__all__ = ["PAGE", "Cell", "Column", "ListSource", "PagedTable", "Source"]
