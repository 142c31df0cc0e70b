"""The section tree from a document's own numbering: 第一章 / 一、 / （一） / 1． / (1) / ①, and 专栏N / 表N boxes.

Levels are not fixed: a numbering style nests under the styles seen before it and is a sibling of its own
earlier use, so a plan that goes 一、 → 1． directly (as many 实施方案 do) reads as well as one that goes
一、 → （一） → 1．. Boxes (专栏, 表, 附件) stand at the top of the tree, as coordinators file them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tasktrack.importers.document.tables import Table
from tasktrack.importers.document.text import CN_DIGITS, Span, cn_number

_CN = f"[{CN_DIGITS}]+"
_STYLES: list[tuple[str, re.Pattern[str]]] = [
    ("chapter", re.compile(rf"第(?P<n>{_CN}|\d+)(?:章|部分|篇)\s*")),
    ("section", re.compile(rf"第(?P<n>{_CN}|\d+)节\s*")),
    (
        "box",
        re.compile(
            rf"(?P<w>专栏|附表|表)\s*(?P<n>\d+|{_CN})(?=$|[\s:、.“\"（(]|[\u4e00-\u9fff])(?![年月日个家项])[\s:、.]*"
        ),
    ),
    ("annex", re.compile(r"(?P<w>附件|附表)\s*(?P<n>\d*)(?=$|[\s:、.]|[\u4e00-\u9fff])[\s:、.]*")),
    ("cn", re.compile(rf"(?P<n>{_CN})[、.](?![{CN_DIGITS}]+(?:季度|月|年|、))\s*")),
    ("pcn", re.compile(rf"\((?P<n>{_CN})\)\s*")),
    # 5. not 5.5%; but 5．12月中旬前… and 3．2023年… are an item whose text opens with a date
    ("num", re.compile(r"(?P<n>\d{1,2})(?:[.、](?!\d)|[.、](?=\d{1,2}月|\d{4}年)|\s+(?=\S))\s*")),
    ("pnum", re.compile(r"\((?P<n>\d{1,2})\)\s*")),
    ("circ", re.compile(r"(?P<n>[①-⑳])\s*")),
]
_BARE_NUM = re.compile(r"(?P<n>\d{1,2})(?=[\u4e00-\u9fff])(?![年月日个家项件人名所万亿元次批期号届])")
_TOC = re.compile(r"(?:…{2,}|\.{4,}|·{4,}|-{6,}|_{6,})\s*\d*\s*$")
_FOOTER = re.compile(r"^(?:抄送[:]|扫一扫在手机)")
# 发展基础 / 基础与形势 look back; 新型基础设施 / 夯实算力基础 are tasks: 基础 counts only as a title's
# subject (at its end, or before 与 / 和 / 条件), never inside a word such as 基础设施.
_BASIS = r"基础(?=$|与|和|及|条件)"
# A title that opens with a verb names work to do (夯实算力基础, 应对新形势), whatever words it contains.
_TASK_VERB = re.compile(r"[\d.、()\s]*(?:夯实|筑牢|打牢|完善|建设|强化|加强|提升|推进|推动|加快|构建|打造|实施|应对|巩固|优化|健全)")
_DESCRIPTIVE = re.compile(
    _BASIS + r"|形势|现状|机遇|挑战|指导思想|基本原则|总体思路|工作原则|重要意义|编制依据|背景|回顾|成效|成就|存在问题|主要问题"
)
_PAST = re.compile(_BASIS + r"|现状|回顾|成效|成就|十三五|形势|存在问题")
_GOALS = re.compile(r"目标|主要指标|预期")


@dataclass
class Node:
    code: str
    title: str
    style: str  # root, chapter, section, box, annex, cn, pcn, num, pnum, circ
    heading: Span | None = None
    paras: list[Span] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    parent: Node | None = None
    around: Node | None = None  # the section a box stands in, for what the text around it says
    tables: list[Table] = field(default_factory=list)
    number: int | None = None

    @property
    def is_descriptive(self) -> bool:
        t = self.title
        return bool(_DESCRIPTIVE.search(t)) and not _GOALS.search(t) and not _TASK_VERB.match(t)

    @property
    def is_past(self) -> bool:
        t = self.title
        return bool(_PAST.search(t)) and not _GOALS.search(t) and not _TASK_VERB.match(t)

    @property
    def is_goals(self) -> bool:
        return bool(_GOALS.search(self.title))

    def walk(self) -> list[Node]:
        out = [self]
        for c in self.children:
            out.extend(c.walk())
        return out


@dataclass
class Outline:
    root: Node
    preamble: list[Span]  # lines before the first heading: the notice, the title, the opening paragraph
    has_headings: bool


def heading(
    line: Span, in_box: bool = False, last_num: int | None = None
) -> tuple[str, str, int | None, int] | None:
    """(style, token, number, where the title starts) if the line starts with numbering."""
    f = line.folded
    for style, pattern in _STYLES:
        m = pattern.match(f)
        if m is None:
            continue
        n = m["n"]
        number = int(n) if n.isdigit() else (ord(n) - 0x245F if style == "circ" else cn_number(n))
        if number is None and style not in ("annex",):
            continue
        if style == "num" and re.match(r"\d{1,2}\s+\d", f):
            continue
        if style in ("box", "annex"):
            token = f"{m['w']}{n}"
        elif style in ("pcn", "pnum"):
            token = f"({n})"
        elif style in ("chapter", "section"):
            token = re.sub(r"[\s、.:]+", "", m.group())
        else:
            token = n
        return style, token, number, m.end()
    m = _BARE_NUM.match(f)
    if m and (int(m["n"]) == (last_num or 0) + 1) and (in_box or last_num):
        return "num", m["n"], int(m["n"]), m.end()
    return None


def split_heading(line: Span, at: int) -> tuple[str, Span, Span | None]:
    """The title after the numbering, the heading as a quote, and the body text that follows on the line."""
    rest = line.folded[at:]
    stop = min((i for i in (rest.find(c) for c in "。:;!?") if i != -1), default=-1)
    if stop == -1 or stop > 40:
        comma = rest.find(",")
        stop = comma if 0 < comma <= 30 else (len(rest) if len(rest) <= 40 else -1)
    if stop <= 0:
        title = line.text[at : at + 30].strip()
        rest_span = line.sub(at, len(line.text))
        return title or line.text.strip(), line, rest_span if rest_span.text else None
    title = line.text[at : at + stop].strip().strip('“”"')
    body = line.sub(at + stop + 1, len(line.text))
    return title, line.sub(0, at + stop), body if body.text else None


def _unquote(title: str) -> str:
    """“智慧开州”重点任务 keeps its marks; a title wholly in quotes loses them."""
    if len(title) > 2 and title[0] in '“"' and title[-1] in '”"' and title.count("“") + title.count('"') <= 2:
        return title[1:-1]
    return title


def build(lines: list[Span], tables: list[Table]) -> Outline:
    """The tree of numbered sections and boxes; tables hang on the node they appear in."""
    root = Node("", "", "root")
    main: list[Node] = [root]
    box: list[Node] = []
    table_at = {t.first: t for t in tables}
    preamble: list[Span] = []
    seen_heading, in_toc, i = False, False, 0
    while i < len(lines):
        line = lines[i]
        if i in table_at:
            (box or main)[-1].tables.append(table_at[i])
            i = table_at[i].last + 1
            continue
        i += 1
        if not line.text:
            continue
        if re.fullmatch(r"目\s*录", line.folded.strip()):
            in_toc = True
            continue
        if _TOC.search(line.folded):
            continue
        if _FOOTER.match(line.folded) and seen_heading:
            stop = _footer_end(lines, i)
            i = stop
            continue
        stack = box or main
        found = heading(line, bool(box), _last_num(stack))
        if found is None:
            if in_toc and _looks_toc_entry(line):
                continue
            (stack[-1].paras if seen_heading else preamble).append(line)
            continue
        in_toc = False
        style, token, number, at = found
        title, quote, body = split_heading(line, at)
        node = Node(token, title, style, quote, _heading_paras(line, at, title, body), number=number)
        seen_heading = True
        if style in ("box", "annex"):
            if not body and quote.text == line.text.strip() and len(title) <= len(token) + 1:
                i = _title_below(lines, i, node, table_at)
            node.around = main[-1]
            node.parent = root
            root.children.append(node)
            box = [node]
            continue
        if box and style in {n.style for n in main[1:]} and not _continues_box(box, main, style, number):
            box = []
        _place(box or main, node)
    return Outline(root, preamble, seen_heading)


_SAYS = re.compile(r"\d|[两二三四五六七八九十][个家所项座]|牵头|负责|单位|[。)]$|月底|年底|上半年|季度")


def _heading_paras(line: Span, at: int, title: str, body: Span | None) -> list[Span]:
    """What a heading line says besides its title. A numbered item that is one short sentence
    (1．新增普惠性托位300个。（区卫生健康委）) is its own text: its title is read with it, so its target,
    deadline (年底前，…) and owners are not lost."""
    rest = line.sub(at, len(line.text))
    if rest.text and _SAYS.search(title + rest.folded[-1:]) and _long_enough(rest):
        return [rest]
    return [body] if body else []


def _long_enough(rest: Span) -> bool:
    """Not a bare title that happens to hold a number (专栏1, 第3章)."""
    return len(rest.text) >= 6


def _continues_box(box: list[Node], main: list[Node], style: str, number: int | None) -> bool:
    """专栏 items numbered like the body (1． 2． under a body item 1．): an item that goes on with the box's
    own count stays in the box; one that goes on with the body's count closes it."""
    in_box = next((n.number for n in reversed(box[1:]) if n.style == style), None)
    in_main = next((n.number for n in reversed(main[1:]) if n.style == style), None)
    if number is None:
        return in_box is not None
    if number == (in_box or 0) + 1:
        return True
    return in_box is not None and number != (in_main or 0) + 1


def _title_below(lines: list[Span], i: int, node: Node, tables: dict[int, Table]) -> int:
    """附件 alone on its line: the title is the next line (奉节县…重点任务分工表)."""
    j = i
    while j < len(lines) and not lines[j].text:
        j += 1
    if j < len(lines) and j not in tables and heading(lines[j]) is None:
        f = lines[j].folded.strip()
        if len(f) <= 50 and "。" not in f and not re.fullmatch(r"序号|\d+", f):
            node.title = lines[j].text.strip()
            return j + 1
    return i


def _place(stack: list[Node], node: Node) -> None:
    styles = [n.style for n in stack]
    if node.style in styles[1:]:
        del stack[styles.index(node.style, 1) :]
    parent = stack[-1]
    node.parent = parent
    node.code = _join(parent.code if parent.style != "root" else "", node.code)
    parent.children.append(node)
    stack.append(node)


def _join(parent: str, token: str) -> str:
    if not parent:
        return token
    return parent + token if token.startswith("(") else f"{parent}-{token}"


def _last_num(stack: list[Node]) -> int | None:
    for n in reversed(stack):
        if n.style == "num":
            return n.number
    top = stack[-1]
    nums = [c.number for c in top.children if c.style == "num"]
    return nums[-1] if nums else None


def _looks_toc_entry(line: Span) -> bool:
    return bool(re.search(r"\d+\s*$", line.folded)) and len(line.text) <= 40


def _footer_end(lines: list[Span], i: int) -> int:
    """After 抄送 … only the distribution list and the site's footer follow, unless an annex does."""
    while i < len(lines):
        if re.match(r"附件", lines[i].folded):
            return i
        i += 1
    return i
