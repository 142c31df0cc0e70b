"""Finding the time phrases of a sentence (到2025年, 力争2023年底前, 每年, 截至2020年, 2021—2025年 …).

Finding is done here with patterns; reading what a phrase means is left to the one date parser,
tasktrack.domain.dates.parse_date, so a deadline here means exactly what it means everywhere else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tasktrack.domain.dates import DateError, parse_date
from tasktrack.importers.document.text import CJK, UNIT_RE

DEADLINE, BASELINE, BASE, PERIOD, RECURRING, PAST = (
    "deadline",
    "baseline",
    "base",
    "period",
    "recurring",
    "past",
)

# Five-year plans by number: 十四五 → 2021–2025.
FIVE_YEAR = {"十一五": (2006, 2010), "十二五": (2011, 2015), "十三五": (2016, 2020), "十四五": (2021, 2025)}
FIVE_YEAR |= {"十五五": (2026, 2030), "十六五": (2031, 2035)}


@dataclass(frozen=True)
class When:
    start: int  # offsets in the sentence
    end: int
    role: str  # DEADLINE, BASELINE (截至), BASE (比2020年), PERIOD, RECURRING (每年), PAST
    year: int | None  # the deadline's year; None: the issue year is meant (年内, 年底前)
    due: str | None = None  # the phrase as written, when parse_date reads it
    aspirational: bool = False
    first: int | None = None  # first year of a period or of a recurring range
    bare: bool = False  # 2021兑现: a year written without 年


_PRE = r"(?P<pre>(?:力争|争取|确保|计划|预计|力求|要)?(?:在|于|到|至|截至|截止到|截止至|截止)?)"
_YEAR = _PRE + (
    r"(?P<y>(?:19|20)\d\d)年(?:(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})[日号])?(?:[上中下]旬)?"
    r"|第?[一二三四1-4]季度|[上下]半年)?(?P<tail>(?:年?底|年?末|内|以前|之前|前|度)*)"
)
_PERIOD = _PRE + r"(?P<a>(?:19|20)\d\d)年?\s*(?:-|—+|–|~|至|到)\s*(?P<b>(?:19|20)\d\d)年(?P<tail>期间|间|内)?"
_FIVE = _PRE + r"[“\"']?(?P<f>十[一二三四五六]五)[”\"']?(?P<tail>期间|时期|期末|末期|末|以来|规划期)?"
# 2021兑现 is a year that lost its 年; 2000户 is a count
_BARE = r"(?<![\d.〔\[(])(?P<y>20\d\d)(?=[" + CJK + r"])(?![年万亿千百元号届版期])(?!" + UNIT_RE.pattern + ")"
_RELATIVE = _PRE + (
    r"(?P<rel>今年|年内|年底前|年底|本年度|当年|全年|[上下]半年|第?[一二三四1-4]季度(?:末|底)?(?:前|以前|之前)?"
    r"|(?<![\d年])(?:1[0-2]|0?[1-9])月"
    r"(?:(?:[12]\d|3[01]|0?[1-9])[日号](?:前|以前|之前)?|(?:底|末|[上中下]旬)(?:前|以前|之前)?|前|以前|之前))"
)
_FINDER = re.compile(
    "|".join(
        f"(?P<k_{name}>{p})"
        for name, p in (
            ("period", _PERIOD),
            ("year", _YEAR),
            ("five", _FIVE),
            ("rel", _RELATIVE),
            ("bare", _BARE),
        )
    )
    .replace("(?P<pre>", "(?:")
    .replace("(?P<tail>", "(?:")
    .replace("(?P<y>", "(?:")
    .replace("(?P<a>", "(?:")
    .replace("(?P<b>", "(?:")
    .replace("(?P<m>", "(?:")
    .replace("(?P<d>", "(?:")
    .replace("(?P<f>", "(?:")
    .replace("(?P<rel>", "(?:")
)
_PARTS = {
    name: re.compile(p)
    for name, p in (
        ("period", _PERIOD),
        ("year", _YEAR),
        ("five", _FIVE),
        ("rel", _RELATIVE),
        ("bare", _BARE),
    )
}
_BASE_BEFORE = re.compile(r"(?:比|较|同比|相比|与|由|从|以|对比|高于|低于|超过)$")
_BASE_AFTER = re.compile(
    r"^(?:的)?(?:为基数|为基期|为基准|基础上|的基础|水平|相比|同期|末的?|底的?)?(?:为基|基础上|相比|同期)"
)
_RECURRING = re.compile(r"每年|逐年|年度(?=新增|完成)")


def find_whens(folded: str, original: str) -> list[When]:
    """Every time phrase in a sentence, in order. `folded` is the width-folded `original`."""
    out: list[When] = []
    for m in _FINDER.finditer(folded):
        kind = (m.lastgroup or "k_").removeprefix("k_")
        part = _PARTS[kind].match(folded, m.start())
        when = _read(kind, part, m.start(), m.end(), folded, original) if part else None
        if when is not None:
            out.append(when)
    for m in _RECURRING.finditer(folded):
        if not any(w.start <= m.start() < w.end for w in out):
            out.append(When(m.start(), m.end(), RECURRING, None))
    return _mark_recurring_periods(sorted(out, key=lambda w: w.start), folded)


def _read(kind: str, g: re.Match[str] | None, a: int, b: int, folded: str, original: str) -> When | None:
    if g is None:
        return None
    pre = g.groupdict().get("pre") or ""
    text = original[a:b]
    aspirational = any(w in pre for w in ("力争", "争取", "力求"))
    if kind == "period":
        first, last = int(g["a"]), int(g["b"])
        return When(a, b, PERIOD, last, None, aspirational, first) if first <= last else None
    if kind == "five":
        first, last = FIVE_YEAR[g["f"]]
        tail = folded[b - 2 : b]
        role = PAST if tail == "以来" else PERIOD
        return When(a, b, role, last, None, aspirational, first)
    if kind == "bare":
        return When(a, b, DEADLINE, int(g["y"]), None, False, bare=True)
    if kind == "rel":
        return When(a, b, DEADLINE, None, _due(text, pre), aspirational)
    due = _due(text, pre)
    try:
        year = parse_date(due or f"{g['y']}年").value.year
    except DateError:
        year = int(g["y"])
    role = _role(pre, a, b, folded)
    return When(a, b, role, year, due if role == DEADLINE else None, aspirational)


def _role(pre: str, a: int, b: int, folded: str) -> str:
    if "截至" in pre:
        return BASELINE
    if _BASE_BEFORE.search(folded[max(0, a - 3) : a]) and not pre:
        return BASE
    after = folded[b : b + 6]
    if after.startswith("以来"):
        return PAST
    if _BASE_AFTER.match(after):
        return BASE
    return DEADLINE


_NAMES_THE_YEAR = ("全年", "今年", "当年", "本年度")


def _due(text: str, pre: str) -> str | None:
    """The phrase without the words parse_date does not take (确保, 计划 …), if parse_date reads it; None
    for a word that only names the year (全年新增800家: the year's target, due when the year's plan is)."""
    for word in ("确保", "计划", "预计", "力求", "要"):
        if text.startswith(word):
            text = text[len(word) :]
            break
    if text in _NAMES_THE_YEAR:
        return None
    try:
        parse_date(text, year=2000)
    except DateError:
        return None
    return text


def _mark_recurring_periods(whens: list[When], folded: str) -> list[When]:
    """2022—2025年每年 … : the 每年 runs over that period."""
    out: list[When] = []
    for w in whens:
        if w.role == RECURRING and out and out[-1].role == PERIOD and w.start - out[-1].end <= 2:
            p = out.pop()
            out.append(When(p.start, w.end, RECURRING, p.year, None, p.aspirational, p.first))
            continue
        out.append(w)
    return out
