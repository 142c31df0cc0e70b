"""Terminal text helpers: stored text shown literally, CJK measured and lined up, tables that hold their shape."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from wcwidth import wcswidth

from tasktrack.domain import text as text_module
from tasktrack.domain.table import render_table
from tasktrack.domain.text import (
    BIDI_CONTROLS,
    display_width,
    pad,
    sanitize,
    sanitize_multiline,
    truncate,
    wrap,
)

# Text a user might store: everything, weighted towards what this tool holds (CJK, latin, punctuation, spaces)
# and towards what must not reach a terminal raw (controls, escapes, bidi controls).
COMMON_ALPHABET = "abcXYZ019 ,.()-中文字任务单位，。、（）《》“”—…·\u3000"
NASTY_ALPHABET = "\x1b\x9b\x07\x00\t\n\r\x7f\x85\u202e\u2066\u2028\u200d\u0301\ufe0f👨👩[]/@=😀"
texts = st.one_of(
    st.text(),
    st.text(alphabet=COMMON_ALPHABET),
    st.text(alphabet=COMMON_ALPHABET + NASTY_ALPHABET),
)

ESCAPES = [
    ("\x1b[31mred\x1b[0m", "␛[31mred␛[0m"),  # SGR colour
    ("\x1b]52;c;SGVsbG8=\x07", "␛]52;c;SGVsbG8=␇"),  # OSC 52: write the clipboard
    ("\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\", "␛]8;;http://evil.example␛\\link␛]8;;␛\\"),
    ("\x9b31m", "<U+009B>31m"),  # 8-bit CSI
    ("\x9d0;title\x9c", "<U+009D>0;title<U+009C>"),  # 8-bit OSC ... ST
    ("\x1bc", "␛c"),  # full reset
    ("a\x08b", "a␈b"),  # backspace over-striking
    ("\x00\x7f", "␀␡"),
]


def unsafe(ch: str) -> bool:
    """What sanitize() must never let through."""
    return unicodedata.category(ch) in ("Cc", "Cs") or ch in BIDI_CONTROLS or ch in "\u2028\u2029"


# -- sanitize -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "shown"), ESCAPES)
def test_escape_sequences_are_shown_not_obeyed(raw: str, shown: str) -> None:
    assert sanitize(raw) == shown
    assert sanitize_multiline(raw) == shown


@pytest.mark.parametrize("raw", ["a\nb", "a\r\nb", "a\rb", "a\u2028b", "a\u2029b"])
def test_line_breaks_become_one_mark(raw: str) -> None:
    assert sanitize(raw) == "a↵b"
    assert sanitize_multiline(raw) == "a\nb"


def test_tab_is_one_space() -> None:
    assert sanitize("a\tb") == "a b"
    assert sanitize_multiline("a\tb\n\tc") == "a b\n c"


@pytest.mark.parametrize("ch", sorted(BIDI_CONTROLS))
def test_bidi_overrides_and_isolates_are_neutralized(ch: str) -> None:
    raw = f"合同{ch}exe.txt"
    shown = sanitize(raw)
    assert shown == f"合同<U+{ord(ch):04X}>exe.txt"
    assert not any(c in BIDI_CONTROLS for c in shown)


def test_trojan_source_line() -> None:
    raw = 'access_level = "user\u202e \u2066// Check if admin\u2069 \u2066"'
    shown = sanitize(raw)
    assert "<U+202E>" in shown and "<U+2066>" in shown and "<U+2069>" in shown
    assert not any(unsafe(c) for c in shown)


def test_c1_controls_and_lone_surrogates_are_spelled_out() -> None:
    assert sanitize("a\x85b\x9fc") == "a<U+0085>b<U+009F>c"
    assert sanitize("x\ud800y") == "x<U+D800>y"
    sanitize("x\ud800y").encode("utf-8")  # printable at all


@pytest.mark.parametrize(
    "markup",
    ["[/]", "[@click=app.quit]", "[bold red]boom[/bold red]", "\\[b]", "[link=http://x]x[/link]", "[[", "]"],
)
def test_markup_looking_text_survives_unchanged(markup: str) -> None:
    assert sanitize(markup) == markup
    assert sanitize_multiline(markup) == markup
    table = render_table(["名称"], [[markup]])
    assert table.splitlines()[2] == markup


@pytest.mark.parametrize(
    "kept",
    [
        "开州区数字政府建设",
        "👨\u200d👩\u200d👧 family",  # zero-width joiners are fine
        "e\u0301",  # combining mark
        "全角\u3000空格",
        "\u00ad\ufeff\u200b",  # soft hyphen, BOM, zero-width space: invisible but inert
        "①②③ ─ ↵ ␛",  # look-alikes of what sanitize produces are ordinary text
    ],
)
def test_ordinary_text_is_untouched(kept: str) -> None:
    assert sanitize(kept) == kept
    assert sanitize_multiline(kept) == kept


@settings(max_examples=300)
@given(texts)
def test_sanitize_leaves_nothing_a_terminal_would_interpret(s: str) -> None:
    out = sanitize(s)
    assert not any(unsafe(c) for c in out), ascii(out)
    assert "\n" not in out
    assert sanitize(out) == out  # idempotent
    multi = sanitize_multiline(s)
    assert not any(unsafe(c) for c in multi.replace("\n", "")), ascii(multi)
    assert sanitize_multiline(multi) == multi
    assert multi.count("\n") == out.count("↵") - s.count("↵")


# -- display_width --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("s", "width"),
    [
        ("", 0),
        ("abc", 3),
        ("中文", 4),
        ("中a文b", 6),
        ("ｱｲｳ", 3),  # halfwidth katakana
        ("ＡＢ", 4),  # fullwidth latin
        ("\u3000", 2),
        ("e\u0301", 1),
        ("“引号”—…", 8),  # ambiguous-width punctuation counts narrow, as wcwidth and Rich do
        ("👨\u200d👩\u200d👧", 2),
        ("\x1b[31m", 5),  # as shown: "␛[31m"
        ("a\nb", 3),  # as shown: "a↵b"
        ("\u202e", 8),  # as shown: "<U+202E>"
    ],
)
def test_display_width(s: str, width: int) -> None:
    assert display_width(s) == width


def test_display_width_agrees_with_wcwidth_for_every_bmp_character() -> None:
    # The fast paths (ASCII, CJK and common punctuation) must give what wcwidth gives.
    for code in range(0x10000):
        ch = chr(code)
        assert display_width(ch) == wcswidth(sanitize(ch)), hex(code)


@settings(max_examples=300)
@given(texts)
def test_display_width_is_the_width_of_what_is_shown(s: str) -> None:
    assert display_width(s) == display_width(sanitize(s))
    if "\u200d" not in s:
        assert display_width(s) == wcswidth(sanitize(s))


@pytest.mark.parametrize(
    ("s", "width"),
    [
        ("👨\u200d👩\u200d👧", 2),  # an emoji sequence is one picture
        ("❤\ufe0f\u200d🔥", 2),
        ("a\u200db", 2),  # between letters a joiner joins nothing (wcwidth alone would say 1)
        ("中\u200d文", 4),
        ("👨\u200d ", 3),  # nor before a space: padding after such a cell is not swallowed
        ("\u200d", 0),
    ],
)
def test_zero_width_joiner(s: str, width: int) -> None:
    assert display_width(s) == width


# -- truncate -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("s", "width", "cut"),
    [
        ("abcdef", 6, "abcdef"),
        ("abcdef", 5, "abcd…"),
        ("中文字", 6, "中文字"),
        ("中文字", 5, "中文…"),
        ("中文字", 4, "中…"),  # 中 + … is 3 cells; half of 文 would not be a character
        ("中文字", 2, "…"),
        ("中", 1, "…"),
        ("ab中文", 4, "ab…"),
        ("x", 0, ""),
        ("e\u0301e\u0301e\u0301", 2, "e\u0301…"),  # a mark stays with its letter
        ("👨\u200d👩\u200d👧abc", 3, "👨\u200d👩\u200d👧…"),  # a joined emoji is one piece
        ("abcdef", 4, "a..."),
    ],
)
def test_truncate(s: str, width: int, cut: str) -> None:
    ellipsis = "..." if cut.endswith("...") else "…"
    assert truncate(s, width, ellipsis) == cut


def test_truncate_never_splits_a_wide_character() -> None:
    s = "ab中文字cd数据"
    for width in range(display_width(s) + 2):
        cut = truncate(s, width)
        assert display_width(cut) <= width
        if cut != s and cut:
            head = cut.removesuffix("…")
            assert s.startswith(head)
            # Either the cut used every cell, or the next character was too wide for what was left.
            gap = width - display_width(cut)
            assert gap == 0 or (gap == 1 and display_width(s[len(head)]) == 2)


def test_truncate_ellipsis_wider_than_the_room() -> None:
    assert truncate("abcdef", 2, "...") == ".."
    assert truncate("abcdef", 3, "") == "abc"


@settings(max_examples=300)
@given(texts, st.integers(min_value=0, max_value=30))
def test_truncate_respects_width(s: str, width: int) -> None:
    cut = truncate(s, width)
    assert display_width(cut) <= width
    if display_width(s) <= width:
        assert cut == s
    elif width > 0:
        assert cut.endswith("…")
        assert s.startswith(cut[:-1])


# -- pad ------------------------------------------------------------------------------------------------


def test_pad_by_display_width() -> None:
    assert pad("中", 4) == "中  "
    assert pad("中", 4, "right") == "  中"
    assert pad("中", 5, "center") == " 中  "
    assert pad("中文字", 4) == "中文字"  # never cuts
    for align in ("left", "right", "center"):
        assert display_width(pad("中a", 9, align)) == 9
    with pytest.raises(ValueError, match="align"):
        pad("x", 3, "middle")


# -- wrap -----------------------------------------------------------------------------------------------


def test_wrap_cjk_breaks_anywhere_latin_words_stay_whole() -> None:
    lines = wrap("推进数字政府建设，完成Python和SQLite迁移。", 10)
    # "SQLite迁移" would fit in 10 cells, but "。" may not start a line, so 移 goes down with it.
    assert lines == ["推进数字政", "府建设，完", "成Python和", "SQLite迁", "移。"]
    assert wrap("hello wide world", 7) == ["hello", "wide", "world"]
    assert wrap("开州区 数据局", 8) == ["开州区", "数据局"]  # a space is a break; it is dropped there


def test_wrap_keeps_closing_punctuation_off_the_line_start() -> None:
    lines = wrap("一二三四，五六", 8)
    assert lines == ["一二三", "四，五六"]  # "，" may not start a line, so 四 moves with it
    assert not any(line[0] in "，。）》" for line in wrap("甲乙丙丁。戊己（庚辛）壬癸，子丑。", 4))
    assert not any(line[-1] in "（《" for line in wrap("甲乙丙（丁戊）己《庚》", 4))


def test_wrap_long_words_explicit_breaks_and_edges() -> None:
    assert wrap("ab verylongword", 10) == ["ab", "verylongwo", "rd"]
    assert wrap("第一段\n\n第二段", 20) == ["第一段", "", "第二段"]
    assert wrap("a\r\nb", 5) == ["a", "b"]
    assert wrap("", 5) == [""]
    assert wrap("   ", 2) == [""]
    assert wrap("中文", 1) == ["中", "文"]  # a character wider than the line still gets shown
    with pytest.raises(ValueError):
        wrap("x", 0)


def _squeeze(s: str) -> str:
    return re.sub("[ \u3000]", "", s)


@settings(max_examples=300)
@given(texts, st.integers(min_value=2, max_value=25))
def test_wrap_fits_and_loses_nothing_but_spaces(s: str, width: int) -> None:
    shown = sanitize(s)
    lines = wrap(shown, width)
    assert lines
    assert all(display_width(line) <= width for line in lines), lines
    assert _squeeze("".join(lines)) == _squeeze(shown)
    assert all(line == line.rstrip(" \u3000") for line in lines)


@settings(max_examples=500)
@given(st.text(alphabet=COMMON_ALPHABET), st.integers(min_value=1, max_value=12))
def test_wrap_fast_path_agrees_with_general_path(s: str, width: int) -> None:
    assert text_module._wrap_common(s, width) == text_module._wrap_tokens(s, width)


# -- render_table ---------------------------------------------------------------------------------------

HEADERS = ["编号", "任务", "牵头单位", "进度%", "备注"]
ROWS: list[list[object]] = [
    [1, "完成数字政府建设", "开州区大数据局", Decimal("85.5"), "按期"],
    [12, "Build the API", "区财政局", 7, None],
    [123, "政务服务 one-stop 改革", "Kaizhou Finance Bureau", 100.0, "需协调 2 个单位"],
    [4, "", "区发改委", None, "—"],
]


def rule_index(lines: list[str]) -> int:
    return next(i for i, line in enumerate(lines) if "─" in line and set(line) <= {"─", " "})


def column_spans(table: str) -> list[tuple[int, int]]:
    """[start, end) display offsets of each column, read off the rule line (which is all narrow)."""
    lines = table.split("\n")
    return [(m.start(), m.end()) for m in re.finditer("─+", lines[rule_index(lines)])]


def assert_aligned(table: str, rows: list[list[object]], headers: list[str], aligns: list[str]) -> None:
    """Every cell sits at its column's offsets, measured as display_width of the line prefix before it."""
    spans = column_spans(table)
    lines = table.splitlines()
    assert len(spans) == len(headers)
    for line, cells in zip([lines[0], *lines[2:]], [headers, *rows], strict=True):
        pos = 0
        for (start, end), cell, align in zip(spans, cells, aligns, strict=True):
            s = "" if cell is None else str(cell)
            if not s:
                continue
            pos = line.index(s, pos)
            offset = display_width(line[:pos])
            if align == "left":
                assert offset == start, (line, s)
            else:
                assert offset + display_width(s) == end, (line, s)
            pos += len(s)


def test_cjk_columns_line_up() -> None:
    table = render_table(HEADERS, ROWS)
    lines = table.splitlines()
    assert len(lines) == 2 + len(ROWS)
    assert_aligned(table, ROWS, HEADERS, ["right", "left", "left", "right", "left"])
    # Columns are exactly as wide as their widest cell, two spaces apart.
    spans = column_spans(table)
    assert spans[0] == (0, 4)  # "编号" is 4 cells, "123" is 3
    assert spans[1] == (6, 6 + display_width("政务服务 one-stop 改革"))
    for (_, end), (start, _) in pairwise(spans):
        assert start - end == 2


def test_numbers_right_text_left_by_default() -> None:
    table = render_table(
        ["名称", "数量", "金额", "完成"], [["甲", 5, Decimal("1.50"), True], ["乙乙乙", 120, 3.25, False]]
    )
    lines = table.splitlines()
    assert lines[0] == "名称    数量  金额  完成"
    assert lines[2] == "甲         5  1.50  True"
    assert lines[3] == "乙乙乙   120  3.25  False"  # bools are not numbers


def test_explicit_aligns() -> None:
    table = render_table(
        ["a", "b", "c"], [["中", "x", "yy"], ["中文字", "xxx", "y"]], aligns=["right", "center", "left"]
    )
    assert table.splitlines()[2:] == ["    中   x   yy", "中文字  xxx  y"]
    with pytest.raises(ValueError):
        render_table(["a"], [["x"]], aligns=["left", "left"])
    with pytest.raises(ValueError):
        render_table(["a"], [["x"]], aligns=["justify"])


def test_no_trailing_spaces_and_rule_under_header() -> None:
    table = render_table(["任务", "备注", ""], [["甲", None, None], ["乙乙", "x", ""]])
    for line in table.splitlines():
        assert line == line.rstrip(), repr(line)
    assert table.splitlines()[1].startswith("────  ────")


def test_cells_are_sanitized() -> None:
    table = render_table(["任务", "备注"], [["\x1b[2J清屏", "第一行\n第二行"], ["\u202eevil", "[/]"]])
    lines = table.splitlines()
    assert len(lines) == 4
    assert "␛[2J清屏" in lines[2] and "第一行↵第二行" in lines[2]
    assert "<U+202E>evil" in lines[3] and lines[3].endswith("[/]")
    assert not any(unsafe(c) for c in table.replace("\n", ""))


def test_rows_shapes() -> None:
    assert render_table(["a", "b"], []) == "a  b\n─  ─"
    assert render_table(["a", "b"], iter([("x",)])).splitlines()[2] == "x"  # short rows: empty cells
    assert render_table([], [[1]]) == ""
    with pytest.raises(ValueError):
        render_table(["a"], [["x", "y"]])


def test_max_width_shrinks_the_widest_columns_first() -> None:
    natural = render_table(HEADERS, ROWS)
    natural_width = max(map(display_width, natural.splitlines()))
    table = render_table(HEADERS, ROWS, max_width=natural_width - 6)
    lines = table.splitlines()
    assert max(map(display_width, lines)) <= natural_width - 6
    spans, natural_spans = column_spans(table), column_spans(natural)
    widths = [e - s for s, e in spans]
    natural_widths = [e - s for s, e in natural_spans]
    assert widths[0] == natural_widths[0] and widths[3] == natural_widths[3]  # narrow columns untouched
    assert sum(natural_widths) - sum(widths) == 6
    assert "…" in table
    for line in lines:
        assert line == line.rstrip()
    # Cut cells still line up.
    cut_rows = [
        [truncate("" if c is None else str(c), w) for c, w in zip(row, widths, strict=True)] for row in ROWS
    ]
    cut_headers = [truncate(h, w) for h, w in zip(HEADERS, widths, strict=True)]
    assert_aligned(table, cut_rows, cut_headers, ["right", "left", "left", "right", "left"])


def test_max_width_floor() -> None:
    rows = [["一二三四五六七八", "abcdefghij", "x"]]
    table = render_table(["甲", "乙", "丙"], rows, max_width=5)
    widths = [e - s for s, e in column_spans(table)]
    assert widths == [4, 4, 2]  # min(4, natural): never narrower, even if the table overflows
    assert table.splitlines()[2] == "一…   abc…  x"


def column_text(line: str, span: tuple[int, int]) -> str:
    """The characters of line that start inside span, by the display width of the prefix before each."""
    start, end = span
    return "".join(ch for i, ch in enumerate(line) if start <= display_width(line[:i]) < end)


def test_wrap_cols_spreads_cells_over_lines() -> None:
    task = "推进数字政府建设，完成 Python 和 SQLite 迁移"
    rows = [[1, task, "区大数据局"], [2, "短", "财政局"]]
    table = render_table(["编号", "任务", "单位"], rows, max_width=30, wrap_cols=True)
    lines = table.splitlines()
    assert lines[2:] == [
        "   1  推进数字政府  区大数据局",
        "      建设，完成",
        "      Python 和",
        "      SQLite 迁移",
        "   2  短            财政局",
    ]
    spans = column_spans(table)
    assert max(map(display_width, lines)) <= 30
    assert _squeeze("".join(column_text(line, spans[1]) for line in lines[2:6])) == _squeeze(task)


def test_wrap_cols_wraps_headers_too() -> None:
    table = render_table(["责任单位名称", "n"], [["区大数据局", 1]], max_width=9, wrap_cols=True)
    assert table.splitlines() == ["责任单  n", "位名称", "──────  ─", "区大数  1", "据局"]


@settings(max_examples=200)
@given(
    st.lists(st.lists(st.one_of(texts, st.integers(), st.none()), min_size=3, max_size=3), max_size=6),
    st.integers(min_value=12, max_value=60),
    st.booleans(),
)
def test_tables_fit_and_keep_their_shape(rows: list[list[object]], max_width: int, wrap_cols: bool) -> None:
    headers = ["编号", "任务名称", "牵头单位"]
    table = render_table(headers, rows, max_width=max_width, wrap_cols=wrap_cols)
    lines = table.split("\n")
    spans = column_spans(table)
    floor = sum(min(4, e - s) for s, e in spans) + 2 * (len(spans) - 1)
    for line in lines:
        assert line == line.rstrip(" ")
        assert display_width(line) <= max(max_width, floor)
        assert not any(unsafe(c) for c in line)
        for (_, end), (start, _) in pairwise(spans):
            gap = column_text(line, (end, start))  # stays blank (a zero-width mark may trail the cell before)
            assert all(c == " " or display_width(c) == 0 for c in gap), (line, gap)
    if not wrap_cols:
        assert len(lines) == rule_index(lines) + 1 + len(rows)
