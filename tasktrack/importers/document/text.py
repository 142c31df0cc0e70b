"""Text helpers for reading plans: width folding that keeps offsets, lines, sentences, clauses and units."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Full-width ASCII (０-９, Ａ-Ｚ, ，：；（）％ …) → ASCII, ideographic and no-break spaces → space. One character
# for one character, so an offset into the folded text is an offset into the original: patterns are written
# once against ASCII punctuation and quotes are still cut from the text as published.
_FOLD = {i: i - 0xFEE0 for i in range(0xFF01, 0xFF5F)} | {
    0x3000: 0x20,
    0xA0: 0x20,
    0x2002: 0x20,
    0x2003: 0x20,
}


def fold(s: str) -> str:
    """Full-width → half-width, same length."""
    return s.translate(_FOLD)


CJK = "\u4e00-\u9fff"
CN_DIGITS = "〇零一二三四五六七八九十百两"
_CN_VALUE = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}


def cn_number(s: str) -> int | None:
    """一 → 1, 十一 → 11, 二十三 → 23, 一百零五 → 105; None when it is not a Chinese numeral."""
    if not s or any(c not in CN_DIGITS for c in s):
        return None
    if "百" in s:
        hundreds, _, rest = s.partition("百")
        h = _CN_VALUE.get(hundreds, 1) if hundreds else 1
        rest = rest.lstrip("零〇")
        tail = cn_number(rest) if rest else 0
        return None if tail is None else h * 100 + tail
    if "十" in s:
        tens, _, units = s.partition("十")
        t = _CN_VALUE.get(tens, 1) if tens else 1
        return t * 10 + (_CN_VALUE.get(units, 0) if units else 0)
    if len(s) == 1:
        return _CN_VALUE.get(s)
    return None


@dataclass(frozen=True)
class Span:
    """A run of one line: `text` is exactly what the document says, `folded` the same run width-folded."""

    line: int
    start: int  # offset of text within the line
    text: str
    folded: str

    def sub(self, a: int, b: int) -> Span:
        """The run [a, b) of this span (offsets within it), with edge spaces trimmed."""
        a, b = max(0, a), min(len(self.text), b)
        while a < b and self.text[a].isspace():
            a += 1
        while b > a and self.text[b - 1].isspace():
            b -= 1
        return Span(self.line, self.start + a, self.text[a:b], self.folded[a:b])


def line_span(no: int, raw: str) -> Span:
    """A whole line, trimmed."""
    return Span(no, 0, raw, fold(raw)).sub(0, len(raw))


_SENTENCE_END = re.compile(r"[。!?！？]+[”’\"]?")


def sentences(span: Span) -> list[Span]:
    """Split a paragraph at 。！？ (keeping the mark with its sentence)."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(span.folded):
        piece = span.sub(start, m.end())
        if piece.text:
            out.append(piece)
        start = m.end()
    rest = span.sub(start, len(span.text))
    if rest.text:
        out.append(rest)
    return out


CLAUSE_BREAK = ",;:。!?"  # in folded text; 、 lists items inside a clause


def clause_bounds(folded: str, pos: int) -> tuple[int, int]:
    """The clause around `pos`: between the nearest , ; : 。 ! ? marks."""
    a = max(folded.rfind(c, 0, pos) for c in CLAUSE_BREAK) + 1
    ends = [i for i in (folded.find(c, pos) for c in CLAUSE_BREAK) if i != -1]
    return a, min(ends) if ends else len(folded)


def has_cjk(s: str) -> bool:
    return re.search(f"[{CJK}]", s) is not None


# Units a target is counted in, longest first so 万平方米 wins over 平方米 and 个百分点 over 个.
UNITS = sorted(
    [
        "个百分点",
        "百分点",
        "万平方米",
        "平方公里",
        "平方米",
        "立方米",
        "万千瓦",
        "千瓦时",
        "千瓦",
        "兆瓦",
        "万人次",
        "人次",
        "万人",
        "万户",
        "万亩",
        "万吨",
        "万头",
        "万只",
        "万元",
        "亿元",
        "万亿元",
        "亿",
        "元",
        "公顷",
        "公里",
        "千米",
        "亩",
        "吨",
        "户",
        "头",
        "只",
        "家",
        "个",
        "件",
        "项",
        "人",
        "名",
        "所",
        "座",
        "台",
        "套",
        "辆",
        "张",
        "床",
        "条",
        "处",
        "篇",
        "部",
        "场",
        "次",
        "批",
        "栋",
        "间",
        "%",
        "‰",
        "倍",
    ],
    key=len,
    reverse=True,
)
# What may not follow a unit for it to be one: 个月 is a span of time, 家居 a trade, 次数 a noun …
_NOT_AFTER = {
    "个": "月工作小季体",
    "家": "居电庭乡属具长族",
    "人": "民口才员均",
    "名": "单称牌录优列额",
    "部": "门署分委",
    "处": "理置室级",
    "次": "数",
    "条": "件例款",
    "场": "所景地馆",
    "台": "账阶",
    "元": "素",
    "件": "事",
    "批": "准复",
    "头": "部",
    "只": "有是能",
    "间": "隔",
    "所": "有以在需属",
    "项": "目",
}
UNIT_RE = re.compile(
    "(?:"
    + "|".join(re.escape(u) + (f"(?![{_NOT_AFTER[u]}])" if u in _NOT_AFTER else "") for u in UNITS)
    + ")"
)
UNIT_CELL_RE = re.compile(
    r"(?:%|‰|" + "|".join(re.escape(u) for u in UNITS if u not in ("%", "‰")) + r")(?:/(?:万人|人|户|年|亩))?"
)
