"""Tables in a plan's text: found by their header, cut into rows even when flattened one cell per line.

Two layouts reach this module: a row per line with cells split by tabs (HTML, .docx, Markdown, or text with
wide gaps), and the layout of pages copied from government sites, one cell per line, where a row is only
known by its 序号 or by the kinds of its cells (a name, then 预期性, then numbers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tasktrack.importers.document.text import UNIT_CELL_RE, Span

_WORDS = (
    r"序号|编号|类别|类型|领域|分类|方面|板块|工程|指标名称|指标|名称|内容|计量单位|单位|属性|指标属性|性质|基期值|基期|基数|"
    r"现状值|现状|目标值|目标|预期值|预期|指标值|完成值|完成情况|规划值|实际值|期末值|年均增长率?|年均增速|增速|累计|备注|说明|"
    r"重点任务|主要任务|工作任务|任务内容|工作内容|具体任务|具体措施|工作措施|主要内容|建设内容|目标任务|工作目标|主要目标|"
    r"任务|措施|责任单位|牵头单位|配合单位|协同单位|协办单位|责任部门|牵头部门|配合部门|主责单位|完成时限|时间节点|完成时间|"
    r"时限|进度安排|时间安排|项目名称|项目|总投资|建设规模|建设年限|年度|值"
)
_HEAD_CELL = re.compile(
    rf"(?:[\"“]?十[三四五六]五[\"”]?(?:期末|末|时期)?)?(?:(?:19|20)\d\d年?(?:度|末|底)?)?(?:{_WORDS})*(?:\([^()]{{0,10}}\)?)?"
)
_NUM_CELL = re.compile(
    r"[【\[〔(]?\s*(?:[≥≤><]=?|不低于|不高于|不少于|不超过)?\s*-?\d+(?:,\d{3})*(?:\.\d+)?\s*"
    r"(?:%|‰|个百分点|(?P<unit>" + UNIT_CELL_RE.pattern + r"))?\s*[】\]〕)]?"
    r"(?:以上|以下|以内|左右)?(?:\((?:累计|年均)\))?"
)
_DASH = re.compile(r"[-—–/\\_~·.]+|无|暂无|空|—")
_ATTR = re.compile(r"(预期性|约束性|预期|约束)(指标)?")
_QUAL = re.compile(
    r".{0,8}(持续|稳步|逐步|明显|显著|不断|进一步|保持|稳定|完成|提升|提高|改善|下降|达标|实现|争取|力争)[^,。]{0,8}"
)
_END = re.compile(r"^(注[:]?|备注[:]|说明[:]|数据来源|资料来源|来源[:])")
_BREAK = re.compile(
    r"^(第[一二三四五六七八九十百]+[章节部篇]|[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\)|专栏\s*\d|附件)"
)
_DATE_CELL = re.compile(r"(?:19|20)\d\d|年底|年内|季度|半年|月底|长期|持续推进|每年|常态|逐年")
_SPLIT = re.compile(r"\t| {2,}|\u3000{1,}")
_PIPE = re.compile(r"\s*[|｜]\s*")
# A header cell outside the word list still reads as one by its ending: 推进措施, 2021-2025累计, 责任领导.
_HEAD_END = re.compile(
    r"(?:序号|名称|指标|属性|单位|部门|措施|任务|内容|目标|时限|时间|节点|备注|说明|值|年度|年份|领导|累计|增长|增速|"
    r"现状|基期|规划|预期|项目|类别|领域)$"
)
_VALUE_LABEL = re.compile(r"(?:现状|基期|目标|预期|规划|实际|完成|预计|期末|指标)?值?|现状|基期|目标|预期|预计|\([^()]{1,8}\)")


@dataclass
class Table:
    first: int  # first line consumed (the header)
    last: int  # last line consumed
    kind: str  # indicator | task | other
    header: list[Span]
    rows: list[list[Span]] = field(default_factory=list)
    note: Span | None = None  # 注：【】为累计数
    transposed: bool = False  # years were rows in the document


def kind_of(cell: str) -> str:
    """seq-or-number (int), num, dash, attr, unit, qual or text, for one folded cell."""
    c = cell.replace(" ", "")
    if re.fullmatch(r"\d{1,3}", c):
        return "int"
    if _NUM_CELL.fullmatch(c):
        return "num"
    if not c or _DASH.fullmatch(c):
        return "dash"
    if _ATTR.fullmatch(c):
        return "attr"
    if UNIT_CELL_RE.fullmatch(c) or re.fullmatch(r"[(]?(?:%|‰|个|家|件|项|万元|亿元)[)]?", c):
        return "unit"
    if len(c) <= 14 and _QUAL.fullmatch(c):
        return "qual"
    return "text"


def cell_unit(cell: str) -> str | None:
    """The unit a value cell writes after its number (150亿元, ≥350家), if any."""
    m = _NUM_CELL.fullmatch(cell.replace(" ", ""))
    return m["unit"] if m and m["unit"] else None


def is_head(cell: str) -> bool:
    c = re.sub(r"\s+", "", cell)
    if not c or len(c) > 16 or re.fullmatch(r"\d{1,3}", c):
        return False
    if _HEAD_CELL.fullmatch(c) is not None:
        return True
    figure = re.search(r"[,。;:、%]|\d+(?:\.\d+)?[^\d年-]", c)  # a value or a sentence, not a header
    return len(c) <= 10 and _HEAD_END.search(c) is not None and not figure


def _table_kind(header: list[Span]) -> str:
    words = "".join(h.folded for h in header)
    if re.search(r"责任|牵头|配合|协同|主责", words):
        return "task"
    if re.search(r"指标|属性|基期|目标值|\d{4}", words):
        return "indicator"
    return "other"


def row_cells(line: Span) -> list[Span]:
    """The cells of a row written on one line (tabs, `|`, or gaps of two or more spaces)."""
    cells, start = [], 0
    splitter = _PIPE if line.folded.count("|") + line.folded.count("｜") >= 2 else _SPLIT
    if splitter is _PIPE:
        a = len(line.text) - len(line.text.lstrip(" |｜"))
        b = len(line.text.rstrip(" |｜"))
        line = line.sub(a, b)
    for m in splitter.finditer(line.text):
        cells.append(line.sub(start, m.start()))
        start = m.end()
    cells.append(line.sub(start, len(line.text)))
    return [c for c in cells if c.text] if len(cells) > 1 else [line]


def find_tables(lines: list[Span]) -> list[Table]:
    """Every table with a recognisable header, in order."""
    out: list[Table] = []
    i = 0
    while i < len(lines):
        table = _explicit(lines, i) or _stream(lines, i)
        if table is not None:
            out.append(table)
            i = table.last + 1
        else:
            i += 1
    return out


# ---- rows on lines -------------------------------------------------------------------------------


def _explicit(lines: list[Span], i: int) -> Table | None:
    cells = row_cells(lines[i])
    if len(cells) >= 2 and re.fullmatch(r"年度|年份|年|时间", cells[0].folded.replace(" ", "")):
        transposed = _transposed(lines, i, cells)
        if transposed is not None:
            return transposed
    if len(cells) < 3 or sum(is_head(c.folded) for c in cells) < max(2, len(cells) // 2):
        return None
    table = Table(i, i, _table_kind(cells), cells)
    j = i + 1
    while j < len(lines):
        row = row_cells(lines[j])
        if len(row) >= 3 and sum(is_head(c.folded) for c in row) >= max(2, len(row) // 2 + 1):
            break  # the header of the next table
        if len(row) >= 2:
            table.rows.append(row)
        elif not lines[j].text:
            if j + 1 < len(lines) and len(row_cells(lines[j + 1])) >= 2:
                j += 1
                continue
            break
        elif _END.match(lines[j].folded):
            table.note = lines[j]
            table.last = j
            break
        elif (
            j + 1 < len(lines)
            and len(row_cells(lines[j + 1])) >= 2
            and len(lines[j].text) <= 20
            and not _BREAK.match(lines[j].folded)
        ):
            table.rows.append([lines[j]])  # a category row spanning the table
        else:
            break
        table.last = j
        j += 1
    return table if table.rows else None


def _transposed(lines: list[Span], i: int, head: list[Span]) -> Table | None:
    """Years as rows (年度 | 指标A | 指标B …): read as one row per indicator, a column per year."""
    by_year: list[list[Span]] = []
    j, last = i + 1, i
    while j < len(lines):
        if not lines[j].text:
            j += 1
            continue
        row = row_cells(lines[j])
        if len(row) != len(head) or not re.match(r"(?:19|20)\d\d", row[0].folded.strip()):
            break
        by_year.append(row)
        last = j
        j += 1
    if len(by_year) < 2:
        return None
    header = [head[0]] + [r[0] for r in by_year]
    rows = [[head[k]] + [r[k] for r in by_year] for k in range(1, len(head))]
    return Table(i, last, "indicator", header, rows, transposed=True)


# ---- one cell per line ---------------------------------------------------------------------------


def _stream(lines: list[Span], i: int) -> Table | None:
    first = lines[i]
    if not is_head(first.folded) or not re.search(
        r"序号|指标|任务|措施|内容|项目|名称|类别|领域", first.folded
    ):
        return None
    header, j = _header(lines, i)
    if len(header) < 3:
        return None
    merged = merge_header(header)
    table = Table(i, j - 1, _table_kind(merged), merged)
    cells: list[Span] = []
    k = j
    while k < len(lines):
        line = lines[k]
        if not line.text:
            k += 1
            continue
        if _END.match(line.folded):
            break
        if _BREAK.match(line.folded) or (len(line.text) > 60 and table.kind != "task"):
            break
        if re.fullmatch(r"其中[:]?", line.folded.strip()):
            k += 1  # 其中： on its own line: the sub-rows that follow say it by having no 序号
            continue
        cells.append(line)
        k += 1
    rows, used = (
        _rows_by_seq(cells, len(merged), table.kind == "task")
        if _has_seq(merged, cells)
        else _rows_by_kind(cells)
    )
    if not rows:
        return None
    table.rows = rows
    last_cell = cells[used - 1]
    table.last = last_cell.line
    after = _next_text(lines, table.last + 1)
    if after is not None and _END.match(lines[after].folded):
        table.note = lines[after]
        table.last = after
    return table


def _header(lines: list[Span], i: int) -> tuple[list[Span], int]:
    header: list[Span] = []
    j = i
    while j < len(lines):
        line = lines[j]
        if not line.text:
            j += 1
            continue
        if not is_head(line.folded) or (header and re.fullmatch(r"\d{1,3}", line.folded.strip())):
            break
        header.append(line)
        j += 1
    return header, j


def merge_header(cells: list[Span]) -> list[Span]:
    """2020 / 指标值 → 2020指标值, 指标 / 属性 → 指标属性: one header cell split over two lines."""
    out: list[Span] = []
    for c in cells:
        f = c.folded.replace(" ", "")
        if out:
            prev = out[-1].folded.replace(" ", "")
            year_then_label = re.fullmatch(r"(?:19|20)\d\d年?", prev) and _VALUE_LABEL.fullmatch(f)
            split_word = (prev, f) in {("指标", "属性"), ("指标", "名称"), ("完成", "时限"), ("责任", "单位")}
            if year_then_label or split_word or re.fullmatch(r"\([^()]{1,8}\)", f):
                out[-1] = Span(c.line, out[-1].start, out[-1].text + c.text, out[-1].folded + c.folded)
                continue
        out.append(c)
    return out


def _has_seq(header: list[Span], cells: list[Span]) -> bool:
    return any("序号" in h.folded or h.folded.strip() in ("编号", "序") for h in header) or (
        bool(cells) and cells[0].folded.strip() == "1"
    )


def _rows_by_seq(cells: list[Span], width: int, tasks: bool = False) -> tuple[list[list[Span]], int]:
    """Rows start at 1, 2, 3 … where the next cell is a name, not another number; the last row is as long
    as the longest before it (or the header), and text after it is no longer the table's."""
    rows: list[list[Span]] = []
    expected, i, n = 1, 0, len(cells)
    while i < n:
        c = cells[i].folded.strip()
        nxt = kind_of(cells[i + 1].folded) if i + 1 < n else ""
        if c == str(expected) and (nxt == "text" or (tasks and nxt == "qual")):  # 持续开展… is a task
            rows.append([cells[i]])
            expected += 1
            i += 1
            continue
        after = cells[i + 1].folded.strip() if i + 1 < n else ""
        if not rows:
            if kind_of(c) == "text" and after == "1":
                i += 1  # a category cell before row 1
                continue
            return [], 0
        done = [len(r) for r in rows[:-1]]
        typical = max(done) if done else width
        if len(rows[-1]) >= typical and kind_of(c) == "text":
            if after == str(expected):
                i += 1  # a category cell (merged over several rows) before the next row
                continue
            if not tasks and i + 1 < n and kind_of(cells[i + 1].folded) in ("unit", "num", "dash"):
                rows.append([cells[i]])  # a 其中 sub-row: a name and values, no 序号 of its own
                i += 1
                continue
            break
        rows[-1].append(cells[i])
        i += 1
    return rows, i


def _rows_by_kind(cells: list[Span]) -> tuple[list[list[Span]], int]:
    """No 序号: a row is a name followed by its unit, attribute and values."""
    rows: list[list[Span]] = []
    used = 0
    for i, c in enumerate(cells):
        k = kind_of(c.folded)
        if k == "text":
            ahead = [kind_of(x.folded) for x in cells[i + 1 : i + 4]]
            if not any(a in ("num", "int", "dash", "attr", "unit", "qual") for a in ahead):
                break
            rows.append([c])
        elif rows:
            rows[-1].append(c)
        else:
            break
        used = i + 1
    rows = [r for r in rows if len(r) > 1]
    return rows, used


def _next_text(lines: list[Span], i: int) -> int | None:
    while i < len(lines):
        if lines[i].text:
            return i
        i += 1
    return None


def is_date_cell(cell: Span) -> bool:
    return bool(_DATE_CELL.search(cell.folded)) and len(cell.text) <= 30
