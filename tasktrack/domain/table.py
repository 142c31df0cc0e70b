"""Plain-text tables for terminals and reports: CJK-aware widths, alignment, fitting to a width."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal

from tasktrack.domain.text import (
    UNSAFE_CHAR,
    check_align,
    display_width,
    pad_measured,
    sanitize,
    truncate_measured,
    wrap,
)

__all__ = ["ROLES", "render_table"]

# What a column carries, for fitting a table to a narrow terminal. A "fact" (an id, a code, a date, a value,
# a status, a colour) is never cut: a row that is read wrongly because "2021-1…" could be any autumn date is
# worse than a row that takes two lines. A "text" column (a title, a unit's name, a reason) gives up cells
# first, and is shortened with "…" (or wrapped).
ROLES = ("fact", "text")
_TEXT_FLOOR = 6  # the fewest cells a text column is squeezed to beside its row's facts
_TEXT_ROOM = 8
_CONTINUATION_ROOM = 20  # the fewest cells a continuation line is given beside the first column  # the fewest cells worth filling with a shortened text on a continuation line


def render_table(
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    aligns: Sequence[str] | None = None,
    max_width: int | None = None,
    wrap_cols: bool = False,
    roles: Sequence[str] | None = None,
) -> str:
    """A plain-text table: header line, a rule of "─", one line per row; columns two spaces apart.

    Cells are str()-ed (None → "") and sanitize()d. Without aligns, a column whose values are all numbers
    (int, float, Decimal; not bool; None allowed) is right-aligned, others left; headers follow their column.
    Short rows are padded with empty cells; a row longer than headers is an error. If max_width is given
    and the table is wider, the widest columns give up cells first, none below min(4, its natural width);
    cells that no longer fit are cut with "…", or wrapped over several lines with wrap_cols=True. If even
    the minimum widths do not fit, the table is wider than max_width. Lines carry no trailing spaces.

    With roles (one of ROLES per column), only "text" columns give up cells (down to min(6, natural)); fact
    columns keep their natural width. If the facts and those floors still do not fit, the table folds:
    each row's first line holds the fact columns that fit, in order, lined up under their headers, and
    indented continuation lines under it carry the other facts whole as "header value", then the texts as
    "header value", shortened with "…" (wrapped with wrap_cols=True) to the width.
    """
    ncols = len(headers)
    if ncols == 0:
        return ""
    if aligns is not None:
        if len(aligns) != ncols:
            raise ValueError(f"{len(aligns)} aligns for {ncols} columns")
        for a in aligns:
            check_align(a)
    table = _table_rows(ncols, rows)
    columns: list[Sequence[object]] = list(zip(*table, strict=True)) if table else [()] * ncols
    width_cache: dict[str, int] = {}
    measured = [_column_cells(col, width_cache) for col in columns]
    col_align = list(aligns) if aligns is not None else [_default_align(col) for col in columns]
    head = [sanitize("" if h is None else str(h)) for h in headers]
    head_w = [display_width(h) for h in head]
    natural = [max(hw, max(ws, default=0)) for hw, (_, ws) in zip(head_w, measured, strict=True)]
    col_w = natural
    if max_width is not None and roles is not None:
        if len(roles) != ncols:
            raise ValueError(f"{len(roles)} roles for {ncols} columns")
        if any(r not in ROLES for r in roles):
            raise ValueError(f"roles must be among {ROLES}, not {roles!r}")
        floors = [w if r == "fact" else min(_TEXT_FLOOR, w) for w, r in zip(natural, roles, strict=True)]
        if sum(floors) + 2 * (ncols - 1) > max_width:
            return _folded(head, table, roles, col_align, natural, max_width, wrap_cols)
        col_w = _shrink(natural, floors, max_width - 2 * (ncols - 1))
    elif max_width is not None:
        col_w = _shrink(natural, [min(4, w) for w in natural], max_width - 2 * (ncols - 1))

    out = _header_lines(head, head_w, col_w, col_align, wrap_cols)
    padded: list[list[str]] = []
    blocks: list[dict[int, list[str]]] = []
    for i, (cells, ws) in enumerate(measured):
        fits = natural[i] <= col_w[i]
        blocks.append({} if fits else _fit_column(cells, ws, col_w[i], col_align[i], wrap_cols))
        padded.append(_pad_column(cells, ws, col_w[i], col_align[i], last=i == ncols - 1))
    if any(blocks):
        out.extend(_stacked_lines(padded, blocks, col_w, len(table)))
    else:
        out.extend(line.rstrip(" ") for line in map("  ".join, zip(*padded, strict=True)))
    return "\n".join(out)


def _folded(
    head: list[str],
    table: list[Sequence[object]],
    roles: Sequence[str],
    col_align: list[str],
    natural: list[int],
    max_width: int,
    wrap_cols: bool,
) -> str:
    """The table as rows of facts that fit in max_width, each followed by continuation lines holding the
    rest of its row (see render_table)."""
    shown: list[int] = []
    used = -2
    for i, (w, role) in enumerate(zip(natural, roles, strict=True)):
        if role == "fact" and used + 2 + w <= max_width:
            shown.append(i)
            used += 2 + w
    if not shown:  # not even one fact fits: the first one stands, wider than the width
        shown = [next((i for i, r in enumerate(roles) if r == "fact"), 0)]
    rest = [i for i in range(len(head)) if i not in shown]
    lines = render_table(
        [head[i] for i in shown],
        [[row[i] for i in shown] for row in table],
        aligns=[col_align[i] for i in shown],
    ).split("\n")
    # Continuation lines start right of the first column, so that a row's first cell shows where it starts
    # (unless that leaves too little room: a timestamp column on a very narrow terminal).
    indent = natural[shown[0]] + 2
    if max_width - indent < _CONTINUATION_ROOM:
        indent = 2
    out = lines[:2]
    for row, line in zip(table, lines[2:], strict=True):
        out.append(line)
        segments = []
        for i in sorted(rest, key=lambda i: roles[i] != "fact"):  # the facts first
            cell = sanitize("" if row[i] is None else str(row[i]))
            if cell:
                segments.append((f"{head[i]} {cell}" if head[i] else cell, roles[i] == "fact"))
        out.extend(" " * indent + x for x in _pack(segments, max_width - indent, wrap_cols))
    return "\n".join(out)


def _pack(segments: list[tuple[str, bool]], width: int, wrap_cols: bool) -> list[str]:
    """Lines of at most width cells holding the segments two spaces apart: a fact segment (True) whole, on
    wrapped over lines of its own if it is wider than a line; a text segment shortened with "…" (or wrapped) where it does not fit."""
    lines: list[str] = []
    cur, cur_w = "", 0

    def put(text: str, w: int) -> None:
        nonlocal cur, cur_w
        cur, cur_w = (f"{cur}  {text}", cur_w + 2 + w) if cur else (text, w)

    def flush() -> None:
        nonlocal cur, cur_w
        if cur:
            lines.append(cur)
        cur, cur_w = "", 0

    for text, fact in segments:
        w = display_width(text)
        room = width - cur_w - (2 if cur else 0)
        if w <= room:
            put(text, w)
            continue
        if not fact and not wrap_cols and room >= _TEXT_ROOM:
            put(*truncate_measured(text, w, room))
            continue
        flush()
        if w <= width:
            put(text, w)
        elif fact or wrap_cols:  # a fact is never cut: wider than a line, it wraps
            *full, last = wrap(text, width)
            lines.extend(full)
            put(last, display_width(last))
        else:
            put(*truncate_measured(text, w, width))
    flush()
    return lines


def _table_rows(ncols: int, rows: Iterable[Sequence[object]]) -> list[Sequence[object]]:
    """The rows, each exactly ncols long: short ones padded with empty cells, long ones refused."""
    empty = ("",) * ncols
    table: list[Sequence[object]] = []
    for row in rows:
        n = len(row)
        if n != ncols:
            if n > ncols:
                raise ValueError(f"row has {n} cells, table has {ncols} columns: {row!r}")
            row = (*row, *empty[n:])
        table.append(row)
    return table


def _is_number_type(t: type) -> bool:
    return issubclass(t, (int, float, Decimal)) and not issubclass(t, bool)


def _default_align(values: Sequence[object]) -> str:
    """Right for a column of numbers (None allowed), left for anything else."""
    kinds = set(map(type, values))
    kinds.discard(type(None))
    return "right" if kinds and all(map(_is_number_type, kinds)) else "left"


def _column_cells(values: Sequence[object], width_cache: dict[str, int]) -> tuple[list[str], list[int]]:
    """A column's cells as sanitized text, and their widths."""
    cells = ["" if v is None else v if type(v) is str else str(v) for v in values]
    joined = "".join(cells)  # one scan of the whole column tells whether any cell needs work
    if UNSAFE_CHAR.search(joined) is not None:
        cells = [sanitize(t) for t in cells]
        joined = "".join(cells)
    if joined.isascii():  # sanitized ASCII is printable: one cell per character
        return cells, list(map(len, cells))
    widths = []
    for t in cells:
        if t.isascii():
            widths.append(len(t))
            continue
        w = width_cache.get(t)
        if w is None:
            w = width_cache[t] = display_width(t)
        widths.append(w)
    return cells, widths


def _shrink(natural: list[int], floors: list[int], budget: int) -> list[int]:
    """Column widths summing to at most budget, taking cells from the widest columns first."""
    if sum(natural) <= budget:
        return natural
    if sum(floors) >= budget:
        return floors

    def total(level: int) -> int:
        return sum(max(f, min(w, level)) for w, f in zip(natural, floors, strict=True))

    lo, hi = 0, max(natural)  # the highest level with total(level) <= budget; total(0) < budget
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if total(mid) <= budget:
            lo = mid
        else:
            hi = mid - 1
    widths = [max(f, min(w, lo)) for w, f in zip(natural, floors, strict=True)]
    spare = budget - sum(widths)
    for i, (w, cur) in enumerate(zip(natural, widths, strict=True)):
        if spare <= 0:
            break
        if w > cur == lo:  # cut down to the level: hand back what is left over, leftmost first
            widths[i] += 1
            spare -= 1
    return widths


def _fit_cell(t: str, w: int, cw: int, wrap_cols: bool) -> tuple[list[str], list[int]]:
    """A cell's lines in a column cw cells wide, and their widths: as is, cut, or wrapped."""
    if w <= cw:
        return [t], [w]
    if not wrap_cols:
        cut, cut_w = truncate_measured(t, w, cw)
        return [cut], [cut_w]
    lines = wrap(t, cw)
    widths = [len(x) if x.isascii() else display_width(x) for x in lines]
    for k, lw in enumerate(widths):
        if lw > cw:  # one character wider than the column
            lines[k], widths[k] = truncate_measured(lines[k], lw, cw)
    return lines, widths


def _header_lines(
    head: list[str], head_w: list[int], col_w: list[int], col_align: list[str], wrap_cols: bool
) -> list[str]:
    """The header line (several if wrapped) and the rule under it."""
    fitted = [_fit_cell(h, hw, cw, wrap_cols) for h, hw, cw in zip(head, head_w, col_w, strict=True)]
    out = []
    for k in range(max(len(lines) for lines, _ in fitted)):
        parts = [
            pad_measured(lines[k], ws[k], cw, al) if k < len(lines) else " " * cw
            for (lines, ws), cw, al in zip(fitted, col_w, col_align, strict=True)
        ]
        out.append("  ".join(parts).rstrip(" "))
    out.append("  ".join("─" * cw for cw in col_w).rstrip(" "))  # a column may be 0 wide
    return out


def _fit_column(
    cells: list[str], ws: list[int], cw: int, align: str, wrap_cols: bool
) -> dict[int, list[str]]:
    """Cut or wrap, in place, the cells wider than cw. Returns row -> all the padded lines of each cell
    that wrapped onto several (its first line is left in cells, like any other cell's)."""
    blocks: dict[int, list[str]] = {}
    fitted: dict[str, tuple[str, int, list[str] | None]] = {}  # cell text -> first line, its width, block
    for r, w in enumerate(ws):
        if w <= cw:
            continue
        t = cells[r]
        hit = fitted.get(t)
        if hit is None:
            lines, line_ws = _fit_cell(t, w, cw, wrap_cols)
            block = None
            if len(lines) > 1:
                block = [pad_measured(x, xw, cw, align) for x, xw in zip(lines, line_ws, strict=True)]
            hit = fitted[t] = (lines[0], line_ws[0], block)
        cells[r], ws[r], block = hit
        if block is not None:
            blocks[r] = block
    return blocks


def _pad_column(cells: list[str], ws: list[int], cw: int, align: str, *, last: bool) -> list[str]:
    """Every cell padded to cw cells. str.ljust counts characters, so ask it for the extra wide ones need."""
    if align == "center":
        return [pad_measured(t, w, cw, align) for t, w in zip(cells, ws, strict=True)]
    if last and align == "left":
        return cells  # the padding would only be stripped again
    just: Callable[[str, int], str] = str.ljust if align == "left" else str.rjust
    if all(map(int.__eq__, map(len, cells), ws)):
        return [just(t, cw) for t in cells]
    return [just(t, cw + len(t) - w) for t, w in zip(cells, ws, strict=True)]


def _stacked_lines(
    padded: list[list[str]], blocks: list[dict[int, list[str]]], col_w: list[int], nrows: int
) -> Iterator[str]:
    """Table lines when some cells take several: each column stacked to its row's height, then joined."""
    heights = [1] * nrows
    for column_blocks in blocks:
        for r, lines in column_blocks.items():
            heights[r] = max(heights[r], len(lines))
    stacked = []
    for cells, column_blocks, cw in zip(padded, blocks, col_w, strict=True):
        blank = " " * cw
        stack: list[str] = []
        for r, (first, height) in enumerate(zip(cells, heights, strict=True)):
            block = column_blocks.get(r)
            if block is None:
                stack.append(first)
                if height > 1:
                    stack.extend([blank] * (height - 1))
            else:
                stack.extend(block)
                if len(block) < height:
                    stack.extend([blank] * (height - len(block)))
        stacked.append(stack)
    return (line.rstrip(" ") for line in map("  ".join, zip(*stacked, strict=True)))


# JSON escapes C0 controls itself; these it would pass through raw with ensure_ascii=False, and a
# terminal showing the JSON may act on them.
