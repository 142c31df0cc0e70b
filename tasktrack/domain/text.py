"""Terminal-safe text: make control characters visible, measure, cut, pad and wrap by cell width, plain tables."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal

from wcwidth import wcswidth, wcwidth

__all__ = [
    "ALIGNS",
    "BIDI_CONTROLS",
    "LINE_BREAK_MARK",
    "display_width",
    "pad",
    "render_table",
    "sanitize",
    "sanitize_multiline",
    "truncate",
    "wrap",
]

ALIGNS = ("left", "right", "center")
LINE_BREAK_MARK = "↵"  # what a line break becomes in single-line text
# Explicit embeddings/overrides (LRE RLE PDF LRO RLO) and isolates (LRI RLI FSI PDI): they reorder what follows.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

# Everything sanitize() rewrites. C0, DEL, C1, bidi controls, the Unicode line/paragraph separators and lone
# surrogates (which cannot even be encoded for output). "\r\n" comes first so it becomes one mark, not two.
_UNSAFE_CLASS = "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
_UNSAFE = re.compile("\r\n|" + _UNSAFE_CLASS)
_UNSAFE_CHAR = re.compile(_UNSAFE_CLASS)
_BREAKS = frozenset("\r\n\u2028\u2029")


def _visible(ch: str) -> str:
    code = ord(ch)
    if ch == "\t":
        return " "
    if code < 0x20:
        return chr(0x2400 + code)  # control pictures: ␀ … ␛ … ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"  # C1, bidi controls, surrogates: no control picture exists


def _replace_single(m: re.Match[str]) -> str:
    s = m.group()
    return LINE_BREAK_MARK if s == "\r\n" or s in _BREAKS else _visible(s)


def _replace_multi(m: re.Match[str]) -> str:
    s = m.group()
    return "\n" if s == "\r\n" or s in _BREAKS else _visible(s)


def sanitize(s: str) -> str:
    """One line of text a terminal shows literally: controls become visible symbols, line breaks become ↵.

    Tab → one space; "\\r\\n", "\\n", "\\r", U+2028, U+2029 → "↵"; other C0 → control picture (ESC → "␛", so
    "\\x1b[31m" shows as "␛[31m"); DEL → "␡"; C1, bidi embeddings/overrides/isolates and lone surrogates →
    "<U+XXXX>". Everything else (brackets, zero-width joiners, combining marks) is left alone.
    """
    if _UNSAFE_CHAR.search(s) is None:
        return s
    return _UNSAFE.sub(_replace_single, s)


def sanitize_multiline(s: str) -> str:
    """Like sanitize(), but line breaks ("\\r\\n", "\\r", U+2028, U+2029 normalized) stay as "\\n"."""
    if _UNSAFE_CHAR.search(s) is None:
        return s
    return _UNSAFE.sub(_replace_multi, s)


# Fast measuring for the text this tool mostly holds: ASCII, CJK and common punctuation. Within these ranges a
# string's width is the sum of its characters' widths (no joiners, marks or emoji sequences), each 1 or 2.
_WIDE_CHARS = (
    "\u3000-\u3029\u3030-\u303e\u3041-\u3096\u309b-\u30ff\u3105-\u312f\u3200-\u321e"
    "\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uff01-\uff60\uffe0-\uffe6"
)
_NARROW_CHARS = (
    " -~\xa0-\xac\xae-\u017f\u2010-\u2027\u2030-\u205e\u2190-\u21ff\u2460-\u24ff\u2500-\u257f\u25a0-\u25fc"
)
_COMMON = re.compile(f"[{_NARROW_CHARS}{_WIDE_CHARS}]*")
_ASCII_OR_WIDE = re.compile(f"[ -~{_WIDE_CHARS}]*")
_WIDE = re.compile(f"[{_WIDE_CHARS}]+")


def _common_width(s: str) -> int:
    """Width of a string _COMMON matches whole: one cell a character plus one more per wide character."""
    if _ASCII_OR_WIDE.fullmatch(s) is not None:  # ASCII is 1 byte in UTF-8, all the wide ones 3
        return (len(s.encode()) + len(s)) // 2
    return 2 * len(s) - len(_WIDE.sub("", s))


def display_width(s: str) -> int:
    """Terminal cells s occupies (CJK = 2). Unsafe characters count as the symbols sanitize() shows."""
    if s.isascii() and s.isprintable():
        return len(s)
    if _COMMON.fullmatch(s) is not None:
        return _common_width(s)
    if _UNSAFE_CHAR.search(s) is not None:
        s = sanitize(s)
    w = wcswidth(s)
    if w < 0:  # pragma: no cover - sanitize leaves nothing wcwidth calls non-printable
        w = sum(max(wcwidth(c), 0) for c in s)
    return w


_ZWJ = "\u200d"


def _clusters(s: str) -> Iterator[tuple[str, int]]:
    """(piece, width) for the pieces s is never cut inside: a character with its combining marks, joined
    emoji sequences. An unsafe character is a piece of its own, as wide as what sanitize() shows for it."""
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        w = wcwidth(c)
        j = i + 1
        if w < 0 or _UNSAFE_CHAR.match(c):
            yield c, display_width(c)
            i = j
            continue
        while j < n and (s[j - 1] == _ZWJ or wcwidth(s[j]) == 0) and not _UNSAFE_CHAR.match(s[j]):
            j += 1
        if j == i + 1:
            yield c, w
        else:
            piece = s[i:j]
            yield piece, display_width(piece)
        i = j


def _is_common(s: str) -> bool:
    return (s.isascii() and s.isprintable()) or _COMMON.fullmatch(s) is not None


def _take(s: str, budget: int) -> tuple[str, int, bool]:
    """The longest run of whole pieces from the start of s that fits in budget cells, its width, and whether
    that width is exact (else it is the sum of the pieces, which joining rules may change)."""
    if s.isascii() and s.isprintable():
        head = s[:budget]
        return head, len(head), True
    if _COMMON.fullmatch(s) is not None:
        # Each character is 1 or 2 cells: dropping ceil(excess / 2) characters never drops one too many
        # wide characters, and leaves at most one cell that a following narrow character may still use.
        k = min(len(s), budget)
        w = _common_width(s[:k])
        while w > budget:
            k -= (w - budget + 1) // 2
            w = _common_width(s[:k])
        if w < budget and k < len(s) and s[k] < "\u3000":
            k += 1
            w += 1
        return s[:k], w, True
    used = end = 0
    for piece, w in _clusters(s):
        if used + w > budget:
            break
        used += w
        end += len(piece)
    return s[:end], used, False


def _truncate(s: str, s_width: int, width: int, ellipsis: str = "…") -> tuple[str, int]:
    """truncate() for a string already measured; returns the result and its width."""
    if width <= 0:
        return "", 0
    if s_width <= width:
        return s, s_width
    ew = 1 if ellipsis == "…" else display_width(ellipsis)
    if ew > width:
        ellipsis, ew, _ = _take(ellipsis, width)
    head, hw, exact = _take(s, width - ew)
    result = head + ellipsis
    if exact and (ellipsis == "…" or _is_common(ellipsis)):
        return result, hw + ew
    # Joining rules (variation selectors, emoji sequences) can make a whole wider than its parts: re-check.
    rw = display_width(result)
    while head and rw > width:
        head = "".join(piece for piece, _ in list(_clusters(head))[:-1])
        result = head + ellipsis
        rw = display_width(result)
    return result, rw


def truncate(s: str, width: int, ellipsis: str = "…") -> str:
    """s cut to at most width cells, with ellipsis appended when anything was cut.

    Never splits a wide character or a character from its combining marks; a cut may leave the result a cell
    short of width. If the ellipsis alone does not fit, it is cut too. Does not sanitize.
    """
    if width <= 0:
        return ""
    return _truncate(s, display_width(s), width, ellipsis)[0]


def _check_align(align: str) -> None:
    if align not in ALIGNS:
        raise ValueError(f"align must be one of {ALIGNS}, not {align!r}")


def pad(s: str, width: int, align: str = "left") -> str:
    """s padded with spaces to width cells ("left" | "right" | "center"; center puts the odd space right).

    Text already width cells or wider is returned unchanged (use truncate() first to bound it).
    """
    _check_align(align)
    gap = width - display_width(s)
    if gap <= 0:
        return s
    if align == "left":
        return s + " " * gap
    if align == "right":
        return " " * gap + s
    left = gap // 2
    return " " * left + s + " " * (gap - left)


# Line-breaking courtesy for CJK text: these never start a line / never end one.
_NO_START = frozenset("，。、；：？！）》」』】〕〉”’…·～%,.;:?!)]}")
_NO_END = frozenset("（《「『【〔〈“‘([{")
_SPACES = " \u3000"  # where lines may break and the spaces be dropped; other spaces are ordinary characters
_SPACE_SET = frozenset(_SPACES)
_LINE_SPLIT = re.compile("\r\n|\r|\n|\u2028|\u2029")


def _break_ok(before: str, after: str) -> bool:
    """May a line end between these two characters? (For _COMMON text, whose wide characters start at U+3000.)"""
    if after in _SPACE_SET or before in _SPACE_SET:
        return True
    if after in _NO_START or before in _NO_END:
        return False
    return before >= "\u3000" or after >= "\u3000"  # next to a wide character; not inside a latin word


def _wrap_common(para: str, width: int) -> list[str]:
    """_wrap_paragraph() for _COMMON text: fill each line, then back off to the last place it may break."""
    lines: list[str] = []
    rest = para
    while _common_width(rest) > width:
        head, _, _ = _take(rest, width)
        n = len(head)
        lead = n - len(head.lstrip(_SPACES))
        b = n
        while b > lead and not _break_ok(rest[b - 1], rest[b]):
            b -= 1
        if b == lead:
            if lead:  # indentation with nothing after it that fits: drop it (only the first line has any)
                rest = rest[lead:]
                continue
            b = n or 1  # nowhere to break: cut the word (or a lone character too wide for any line)
        lines.append(rest[:b].rstrip(_SPACES))
        rest = rest[b:].lstrip(_SPACES)
    tail = rest.rstrip(_SPACES)
    if tail or not lines:
        lines.append(tail)
    return lines


_SPACE, _WORD, _WIDE_CHAR = 0, 1, 2


def _tokens(line: str) -> list[list]:
    """[text, width, kind] runs: spaces, latin words, single wide pieces; lines break only between runs."""
    tokens: list[list] = []
    for piece, w in _clusters(line):
        kind = _SPACE if piece in _SPACE_SET else _WIDE_CHAR if w >= 2 else _WORD
        last = tokens[-1] if tokens else None
        if last is not None and kind == last[2] != _WIDE_CHAR:
            glue = True  # word continues, or more spaces
        elif last is not None and kind != _SPACE != last[2]:
            glue = piece[0] in _NO_START or last[0][-1] in _NO_END
        else:
            glue = False
        if glue:
            last[0] += piece
            last[1] += w
            if kind == _WORD and piece[0] not in _NO_START:
                last[2] = _WORD  # "（" + "abc": later latin letters join too
        else:
            tokens.append([piece, w, kind])
    return tokens


def _wrap_paragraph(para: str, width: int) -> list[str]:
    """Greedy line filling, one paragraph (no line breaks inside): a list of at least one line."""
    if _COMMON.fullmatch(para) is not None:
        return _wrap_common(para, width)
    return _wrap_tokens(para, width)


def _wrap_tokens(para: str, width: int) -> list[str]:
    """_wrap_paragraph() for any text: pieces grouped into tokens, tokens fitted into lines."""
    lines: list[str] = []
    cur: list[str] = []
    cur_w = 0
    ends_in_space = False

    def flush() -> None:
        nonlocal cur, cur_w, ends_in_space
        if ends_in_space:
            cur.pop()
        if cur:  # only the first line can be empty here: indentation with nothing after it that fits
            lines.append("".join(cur))
        cur, cur_w, ends_in_space = [], 0, False

    for text, w, kind in _tokens(para):
        if kind == _SPACE:
            if cur_w + w <= width and (cur or not lines):  # indentation is kept on the first line only
                cur.append(text)
                cur_w += w
                ends_in_space = True
            elif cur:
                flush()
            continue
        if cur_w + w > width:
            if cur:
                flush()
            if w > width:  # wider than a whole line: cut it between pieces
                rest = text
                while rest:
                    head, hw, _ = _take(rest, width)
                    if not head:
                        head, hw = next(_clusters(rest))  # one piece wider than any line
                    rest = rest[len(head) :]
                    if rest:
                        lines.append(head)
                    else:
                        cur, cur_w = [head], hw
                continue
        cur.append(text)
        cur_w += w
        ends_in_space = False
    flush()
    return lines or [""]


def wrap(s: str, width: int) -> list[str]:
    """s broken into lines of at most width cells; existing line breaks are kept, every line is returned.

    CJK text breaks between any two characters (but not before closing or after opening punctuation);
    latin words stay whole unless longer than a line. Spaces at a break are dropped. A single character
    wider than width gets a line to itself. Does not sanitize: pass sanitize_multiline() output.
    """
    if width < 1:
        raise ValueError("width must be at least 1")
    if s.isascii() and s.isprintable() and " " not in s:  # one long word: numbers, codes, links
        return [s[i : i + width] for i in range(0, len(s), width)] or [""]
    out: list[str] = []
    for para in _LINE_SPLIT.split(s):
        out.extend(_wrap_paragraph(para, width))
    return out


def _is_number_type(t: type) -> bool:
    return issubclass(t, (int, float, Decimal)) and not issubclass(t, bool)


def _shrink(natural: list[int], floors: list[int], budget: int) -> list[int]:
    """Column widths summing to at most budget, taking cells from the widest columns first."""
    if sum(natural) <= budget:
        return natural
    if sum(floors) >= budget:
        return floors

    def total(level: int) -> int:
        return sum(max(f, min(w, level)) for w, f in zip(natural, floors, strict=True))

    lo, hi = 0, max(natural)  # largest level with total(level) <= budget; total(0) == sum(floors) < budget
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
        if w > cur == lo:
            widths[i] += 1
            spare -= 1
    return widths


def _fit(t: str, w: int, cw: int, align: str) -> str:
    gap = cw - w
    if gap <= 0:
        return t
    if align == "left":
        return t + " " * gap
    if align == "right":
        return " " * gap + t
    return " " * (gap // 2) + t + " " * (gap - gap // 2)


def render_table(
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    aligns: Sequence[str] | None = None,
    max_width: int | None = None,
    wrap_cols: bool = False,
) -> str:
    """A plain-text table: header line, a rule of "─", one line per row; columns two spaces apart.

    Cells are str()-ed (None → "") and sanitize()d. Without aligns, a column whose values are all numbers
    (int, float, Decimal; not bool; None allowed) is right-aligned, others left; headers follow their column.
    Short rows are padded with empty cells; a row longer than headers is an error. If max_width is given
    and the table is wider, the widest columns give up cells first, none below min(4, its natural width);
    cells that no longer fit are cut with "…", or wrapped over several lines with wrap_cols=True. If even
    the minimum widths do not fit, the table is wider than max_width. Lines carry no trailing spaces.
    """
    ncols = len(headers)
    if ncols == 0:
        return ""
    if aligns is not None:
        if len(aligns) != ncols:
            raise ValueError(f"{len(aligns)} aligns for {ncols} columns")
        for a in aligns:
            _check_align(a)
    empty = ("",) * ncols
    table = []
    for row in rows:
        n = len(row)
        if n != ncols:
            if n > ncols:
                raise ValueError(f"row has {n} cells, table has {ncols} columns: {row!r}")
            row = (*row, *empty[n:])
        table.append(row)
    columns: list[Sequence[object]] = list(zip(*table, strict=True)) if table else [()] * ncols

    width_cache: dict[str, int] = {}

    def width_of(t: str) -> int:
        w = width_cache.get(t)
        if w is None:
            w = width_cache[t] = display_width(t)
        return w

    head = [sanitize("" if h is None else str(h)) for h in headers]
    head_w = [display_width(h) for h in head]
    col_align: list[str] = []
    texts: list[list[str]] = []
    widths: list[list[int]] = []
    for i, col in enumerate(columns):
        kinds = set(map(type, col))
        kinds.discard(type(None))
        if aligns is not None:
            col_align.append(aligns[i])
        else:
            col_align.append("right" if kinds and all(map(_is_number_type, kinds)) else "left")
        cells: list[str] = ["" if v is None else v if type(v) is str else str(v) for v in col]
        joined = "".join(cells)
        if _UNSAFE_CHAR.search(joined) is not None:
            cells = [sanitize(t) for t in cells]
            joined = "".join(cells)
        texts.append(cells)
        if joined.isascii():  # sanitized ASCII is printable: one cell per character
            widths.append(list(map(len, cells)))
        else:
            widths.append([len(t) if t.isascii() else width_of(t) for t in cells])

    natural = [max(hw, max(ws, default=0)) for hw, ws in zip(head_w, widths, strict=True)]
    col_w = natural
    if max_width is not None:
        budget = max_width - 2 * (ncols - 1)
        col_w = _shrink(natural, [min(4, w) for w in natural], budget)

    # Header lines.
    head_cells = [_fit_cell(h, hw, cw, wrap_cols) for h, hw, cw in zip(head, head_w, col_w, strict=True)]
    out = [
        "  ".join(
            _line_part(cell, k, cw, al) for cell, cw, al in zip(head_cells, col_w, col_align, strict=True)
        )
        for k in range(max(len(cell[0]) for cell in head_cells))
    ]
    out = [line.rstrip(" ") for line in out]
    out.append("  ".join("─" * cw for cw in col_w).rstrip(" "))  # a column may be 0 wide

    # Cells: cut (or wrap) the ones that no longer fit, then pad every column.
    blocks: list[dict[int, list[str]]] = []  # per column: row -> all the cell's padded lines, if several
    padded: list[list[str]] = []
    for i in range(ncols):
        cells, ws, cw, al = texts[i], widths[i], col_w[i], col_align[i]
        column_blocks: dict[int, list[str]] = {}
        blocks.append(column_blocks)
        if natural[i] > cw:
            fitted: dict[str, tuple[str, int, list[str] | None]] = {}  # cell text -> first line, width, block
            for r, w in enumerate(ws):
                if w > cw:
                    t = cells[r]
                    hit = fitted.get(t)
                    if hit is None:
                        lines, line_ws = _fit_cell(t, w, cw, wrap_cols)
                        block = None
                        if len(lines) > 1:
                            block = [_fit(x, xw, cw, al) for x, xw in zip(lines, line_ws, strict=True)]
                        hit = fitted[t] = (lines[0], line_ws[0], block)
                    cells[r], ws[r], block = hit
                    if block is not None:
                        column_blocks[r] = block
        just: Callable[[str, int], str] = str.ljust if al == "left" else str.rjust
        if al == "center":
            padded.append([_fit(t, w, cw, al) for t, w in zip(cells, ws, strict=True)])
        elif i == ncols - 1 and al == "left":
            padded.append(cells)  # would be stripped again
        elif all(map(int.__eq__, map(len, cells), ws)):
            padded.append([just(t, cw) for t in cells])
        else:
            padded.append([just(t, cw + len(t) - w) for t, w in zip(cells, ws, strict=True)])

    if not any(blocks):
        out.extend(line.rstrip(" ") for line in map("  ".join, zip(*padded, strict=True)))
        return "\n".join(out)
    # Some cells take several lines: stack every column to the height of its row, then join across.
    heights = [1] * len(table)
    for column_blocks in blocks:
        for r, block in column_blocks.items():
            heights[r] = max(heights[r], len(block))
    stacked = []
    for i in range(ncols):
        blank = " " * col_w[i]
        column_blocks = blocks[i]
        stack: list[str] = []
        for r, (first, height) in enumerate(zip(padded[i], heights, strict=True)):
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
    out.extend(line.rstrip(" ") for line in map("  ".join, zip(*stacked, strict=True)))
    return "\n".join(out)


def _fit_cell(t: str, w: int, cw: int, wrap_cols: bool) -> tuple[list[str], list[int]]:
    """A cell's lines in a column cw cells wide, and their widths: as is, cut, or wrapped."""
    if w <= cw:
        return [t], [w]
    if not wrap_cols:
        cut, cut_w = _truncate(t, w, cw)
        return [cut], [cut_w]
    lines = wrap(t, cw)
    widths = [len(x) if x.isascii() else display_width(x) for x in lines]
    for k, w in enumerate(widths):
        if w > cw:  # one character wider than the column
            lines[k], widths[k] = _truncate(lines[k], w, cw)
    return lines, widths


def _line_part(cell: tuple[list[str], list[int]], k: int, cw: int, align: str) -> str:
    lines, ws = cell
    return _fit(lines[k], ws[k], cw, align) if k < len(lines) else " " * cw
