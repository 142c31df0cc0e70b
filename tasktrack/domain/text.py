"""Terminal-safe text: controls made visible; measuring, cutting, padding, wrapping by cell width (tables that
line it up: tasktrack.domain.table)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from tasktrack.errors import UserError, Words

__all__ = [
    "ALIGNS",
    "BIDI_CONTROLS",
    "LINE_BREAK_MARK",
    "display_width",
    "either",
    "one_line",
    "pad",
    "sanitize",
    "sanitize_multiline",
    "truncate",
    "wrap",
]


def wcwidth(c: str) -> int:
    """wcwidth.wcwidth, loaded on first use: the text this tool mostly holds (ASCII, CJK, common
    punctuation) is measured without it, and importing it costs more than most commands' own work."""
    _load_wcwidth()
    return wcwidth(c)


def wcswidth(s: str) -> int:
    """wcwidth.wcswidth, loaded on first use (see wcwidth above)."""
    _load_wcwidth()
    return wcswidth(s)


def _load_wcwidth() -> None:
    global wcwidth, wcswidth
    from wcwidth import wcswidth as measure_string
    from wcwidth import wcwidth as measure_char

    wcwidth, wcswidth = measure_char, measure_string  # type: ignore[assignment]  # theirs take more, optional, args


ALIGNS = ("left", "right", "center")
LINE_BREAK_MARK = "↵"  # what a line break becomes in single-line text
# Explicit embeddings/overrides (LRE RLE PDF LRO RLO) and isolates (LRI RLI FSI PDI): they reorder what follows.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

# Everything sanitize() rewrites. C0, DEL, C1, bidi controls, the Unicode line/paragraph separators and lone
# surrogates (which cannot even be encoded for output). "\r\n" comes first so it becomes one mark, not two.
_UNSAFE_CLASS = "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
_UNSAFE = re.compile("\r\n|" + _UNSAFE_CLASS)
UNSAFE_CHAR = re.compile(_UNSAFE_CLASS)
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
    if UNSAFE_CHAR.search(s) is None:
        return s
    return _UNSAFE.sub(_replace_single, s)


def one_line(value: str, what: str | Words) -> str:
    """`value` unchanged when it is one line of text; else UserError naming `what`, with the offending
    characters shown as sanitize() shows them. For names, short names, contacts, addresses and the like:
    text that goes into a mail header, a calendar field or a table cell, where a line break or an escape
    sequence would change what the reader sees."""
    if UNSAFE_CHAR.search(value) is None:
        return value
    raise UserError("err.dom.one_line", what=what, shown=sanitize(value))


def either(choices: Iterable[object]) -> object:
    """Choices as a message names them, in the reader's language: 'a or b or c', 'a或b或c' (Words; one
    choice is itself, none is empty text)."""
    out: object = ""
    for n, choice in enumerate(choices):
        out = choice if n == 0 else Words("err.dom.or", a=out, b=choice)
    return out


def sanitize_multiline(s: str) -> str:
    """Like sanitize(), but line breaks ("\\r\\n", "\\r", U+2028, U+2029 normalized) stay as "\\n"."""
    if UNSAFE_CHAR.search(s) is None:
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


# wcwidth lets a zero-width joiner swallow whatever follows it; terminals join only emoji (👨‍👩‍👧 is one
# picture), so a joiner without an emoji on each side (a variation selector may follow the first) joins nothing.
_ZWJ = "\u200d"
_PICTOGRAPHS = (
    "\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u2199\u21a9\u21aa\u231a\u231b\u2328\u23cf\u23e9-\u23f3"
    "\u23f8-\u23fa\u24c2\u25aa\u25ab\u25b6\u25c0\u25fb-\u25fe\u2600-\u27bf\u2934\u2935\u2b05-\u2b07"
    "\u2b1b\u2b1c\u2b50\u2b55\u3030\u303d\u3297\u3299\U0001f000-\U0001faff"
)
_PICTOGRAPH = re.compile(f"[{_PICTOGRAPHS}]")
_LONE_ZWJ = re.compile(
    f"(?<![{_PICTOGRAPHS}])(?<![{_PICTOGRAPHS}][\ufe0e\ufe0f])\u200d|\u200d(?![{_PICTOGRAPHS}])"
)


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
    if UNSAFE_CHAR.search(s) is not None:
        s = sanitize(s)
    if _ZWJ in s:
        s = _LONE_ZWJ.sub("\u200c", s)  # measure it as the plain zero-width character it is
    w = wcswidth(s)
    if w < 0:  # pragma: no cover - sanitize leaves nothing wcwidth calls non-printable
        w = sum(max(wcwidth(c), 0) for c in s)
    return w


_SPACES = " \u3000"  # where lines may break and the spaces be dropped; other spaces are ordinary characters
_SPACE_SET = frozenset(_SPACES)


def _clusters(s: str) -> Iterator[tuple[str, int]]:
    """(piece, width) for the pieces s is never cut inside: a character with its combining marks, joined
    emoji sequences. An unsafe character is a piece of its own, as wide as what sanitize() shows for it."""
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        w = wcwidth(c)
        j = i + 1
        if w < 0 or UNSAFE_CHAR.match(c):
            yield c, display_width(c)
            i = j
            continue
        while (
            j < n
            # a ZWJ joins the next pictograph only into an emoji sequence, as display_width() counts it
            and (
                (s[j - 1] == _ZWJ and _PICTOGRAPH.match(s[j]) and _PICTOGRAPH.match(c)) or wcwidth(s[j]) == 0
            )
            and not UNSAFE_CHAR.match(s[j])
        ):
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


def truncate_measured(s: str, s_width: int, width: int, ellipsis: str = "…") -> tuple[str, int]:
    """truncate() for a string already measured; returns the result and its width."""
    if s_width <= width:
        return s, s_width
    if width <= 0:
        return "", 0
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
    return truncate_measured(s, display_width(s), width, ellipsis)[0]


def check_align(align: str) -> None:
    if align not in ALIGNS:
        raise ValueError(f"align must be one of {ALIGNS}, not {align!r}")


def pad(s: str, width: int, align: str = "left") -> str:
    """s padded with spaces to width cells ("left" | "right" | "center"; center puts the odd space right).

    Text already width cells or wider is returned unchanged (use truncate() first to bound it).
    """
    check_align(align)
    return pad_measured(s, display_width(s), width, align)


# Line-breaking courtesy for CJK text: these never start a line / never end one.
_NO_START = frozenset("，。、；：？！）》」』】〕〉”’…·～%,.;:?!)]}")
_NO_END = frozenset("（《「『【〔〈“‘([{")
_LINE_SPLIT = re.compile("\r\n|\r|\n|\u2028|\u2029")


def _break_ok(before: str, after: str, before_wide: bool, after_wide: bool) -> bool:
    """May a line end between these two pieces? At spaces, and next to a wide character unless the
    punctuation rules forbid it; never inside a run of narrow characters (a latin word, a number)."""
    if after in _SPACE_SET or before in _SPACE_SET:
        return True
    if after[0] in _NO_START or before[0] in _NO_END:
        return False
    return before_wide or after_wide


def _wrap_common(para: str, width: int) -> list[str]:
    """_wrap_paragraph() for _COMMON text: fill each line, then back off to the last place it may break."""
    lines: list[str] = []
    rest = para
    while _common_width(rest) > width:
        head, _, _ = _take(rest, width)
        n = len(head)
        lead = len(rest) - len(rest.lstrip(_SPACES))  # indentation: only the first line can have any
        b = n
        while b > lead and not _break_ok(rest[b - 1], rest[b], rest[b - 1] >= "\u3000", rest[b] >= "\u3000"):
            b -= 1
        if b <= lead:
            if lead:  # nothing after the indentation fits beside it: drop the indentation
                rest = rest[lead:]
                continue
            b = n or 1  # nowhere to break: cut the word (or a lone character too wide for any line)
        lines.append(rest[:b].rstrip(_SPACES))
        rest = rest[b:].lstrip(_SPACES)
    tail = rest.rstrip(_SPACES)
    if tail or not lines:
        lines.append(tail)
    return lines


def _tokens(line: str) -> list[tuple[str, int, bool]]:
    """(text, width, is_space) runs: a line may break between two runs, never inside one."""
    tokens: list[tuple[str, int, bool]] = []
    last_piece, last_w = "", 0
    for piece, w in _clusters(line):
        is_space = piece in _SPACE_SET
        if tokens and (
            (is_space and last_piece in _SPACE_SET) or not _break_ok(last_piece, piece, last_w >= 2, w >= 2)
        ):
            text, width, was_space = tokens[-1]
            tokens[-1] = (text + piece, width + w, was_space)
        else:
            tokens.append((piece, w, is_space))
        last_piece, last_w = piece, w
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

    for text, w, is_space in _tokens(para):
        if is_space:
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
    latin words and numbers stay whole unless longer than a line, when they start a fresh line and are cut.
    Spaces (" ", U+3000) at a break are dropped; a first line's indentation is kept if its first word fits
    beside it. A single character wider than width gets a line to itself. Does not sanitize: pass
    sanitize_multiline() output.
    """
    if width < 1:
        raise ValueError("width must be at least 1")
    if s.isascii() and s.isprintable() and " " not in s:  # one long word: numbers, codes, links
        return [s[i : i + width] for i in range(0, len(s), width)] or [""]
    out: list[str] = []
    for para in _LINE_SPLIT.split(s):
        out.extend(_wrap_paragraph(para, width))
    return out


def pad_measured(t: str, w: int, cw: int, align: str) -> str:
    """pad() for a string already measured."""
    gap = cw - w
    if gap <= 0:
        return t
    if align == "left":
        return t + " " * gap
    if align == "right":
        return " " * gap + t
    return " " * (gap // 2) + t + " " * (gap - gap // 2)


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def json_safe(text: str) -> str:
    """JSON text (from json.dumps(..., ensure_ascii=False)) with DEL, C1 and bidi controls escaped."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
