"""Responsible units where the text names them: 由X负责, X牵头, 牵头单位：X, 责任单位：X、Y (first is lead).

Every name returned is cut from the document's own text; nothing is made up. A phrase that only looks like an
owner (鼓励企业牵头建立…) is refused because what precedes 牵头 does not read as the name of a unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tasktrack.importers.document.text import Span

_LEAD_LABELS = (
    "牵头单位|牵头部门|责任单位|责任部门|主责单位|主责部门|负责单位|实施单位|承办单位|主办单位|责任主体|"
    "牵头|主责"  # 牵头：X；配合：Y, as table cells write it (only with the colon)
)
_CO_LABELS = (
    "配合单位|配合部门|协同单位|协同部门|协办单位|协办部门|参与单位|参与部门|协作单位|协助单位|配合|协同|协办|参与"
)
_LABEL = re.compile(rf"(?P<label>{_LEAD_LABELS}|{_CO_LABELS})\s*[:]\s*")
_NEXT_LABEL = re.compile(rf"(?:{_LEAD_LABELS}|{_CO_LABELS})\s*[:]")
_BY = re.compile(
    r"由(?P<lead>[^,。;:由()]{2,40}?)(?:牵头负责|牵头|负责|统筹)"
    r"(?:[,、]?(?P<co>[^,。;:()]{2,80}?)(?:配合|参与|协同|协助|共同负责))?"
)
_X_LEAD = re.compile(
    r"(?:^|(?<=[(\[【,;。:\s]))(?P<lead>[^,。;:()\[\]【】\s由]{2,40}?)牵头(?:负责)?"
    r"(?:[,、]\s*(?P<co>[^,。;:()\[\]【】]{2,80}?)(?:配合|参与|协同|协助))?"
)
# (区市场监督管理局，以下简称区市场监管局，负责): the unit, named with the short name used after.
_ALIAS = re.compile(r"\((?P<lead>[^,()]{2,30}),\s*以下简称[^,()]{2,20},\s*(?:牵头)?负责\)")
# （区卫生健康委） or （区民政局、区残联） closing an item: the units alone in brackets, the first leads.
_BARE = re.compile(r"\((?P<units>[^()]{2,60})\)\s*[。;]?\s*$")
_SUFFIX = re.compile(
    r"(?:局|委|办|办公室|部|厅|院|会|中心|政府|街道|街道办事处|镇|乡|公司|集团|所|队|站|处|署|团|联|社|行|馆|"
    r"委员会|管委会|法院|检察院|学校|学院|大学|医院|高新区|开发区|园区|银行|分局|支队|大队|协会|学会|商会|"
    r"工会|妇联|科协|侨联|残联|政协|部门|单位|\(街道\)|班子|小组|平台公司|镇街|镇\(街道\))$"
)
_NOT_UNIT = re.compile(
    r"^(?:鼓励|支持|推动|引导|发挥|加强|依托|积极|全面|加快|通过|由|以|对|在|按|将|把|企业|龙头|各类|相关工作)"
)
_TRIM_TAIL = re.compile(
    r"(?:\s*[(](?:牵头|配合|负责|主责|责任)[)]|等部门|等单位|等|按职责分工负责|按职责负责|分别负责|负责|按职责)$"
)


@dataclass
class Owners:
    lead: str | None
    co: list[str] = field(default_factory=list)
    quote: Span | None = None
    end: int = 0  # offset in the paragraph where the naming ends
    confidence: float = 0.8
    label: str = ""  # 牵头单位, 责任单位 … when a label named them


def find_owners(p: Span) -> list[Owners]:
    """Every naming of responsible units in a paragraph, in order."""
    out: list[Owners] = []
    taken: list[tuple[int, int]] = []
    for m in _LABEL.finditer(p.folded):
        end = _units_end(p.folded, m.end())
        units = split_units(p, m.end(), end)
        if not units:
            continue
        near = out[-1] if out and m.start() - out[-1].end <= 3 else None
        # 牵头单位：X；责任单位：Y — after a named lead, the 责任单位 are the units that work with it
        is_co = re.fullmatch(_CO_LABELS, m["label"]) is not None or (
            near is not None and is_lead_label(near.label) and co_after_lead(m["label"])
        )
        if near is not None and is_co:
            near.co.extend(u for u in units if u != near.lead and u not in near.co)
            near.quote = p.sub(near.quote.start - p.start if near.quote else m.start(), end)
            near.end = end
        elif is_co:
            out.append(Owners(None, units, p.sub(m.start(), end), end, 0.85, m["label"]))
        else:
            lead, co = marked_lead(p, units)
            out.append(Owners(lead, co, p.sub(m.start(), end), end, 0.9, m["label"]))
        taken.append((m.start(), end))
    for m in _ALIAS.finditer(p.folded):
        units = split_units(p, m.start("lead"), m.end("lead"))
        if len(units) == 1 and not any(a <= m.start() < b for a, b in taken):
            out.append(Owners(units[0], [], p.sub(m.start(), m.end()), m.end(), 0.85))
            taken.append((m.start(), m.end()))
    for m in _BARE.finditer(p.folded):
        if any(a <= m.start() < b for a, b in taken):
            continue
        units = split_units(p, m.start("units"), m.end("units"))
        if units and _all_units(p, m.start("units"), m.end("units"), units):
            out.append(Owners(units[0], units[1:], p.sub(m.start(), m.end()), m.end(), 0.8))
            taken.append((m.start(), m.end()))
    for pattern, confidence in ((_BY, 0.85), (_X_LEAD, 0.75)):
        for m in pattern.finditer(p.folded):
            if any(a <= m.start("lead") < b for a, b in taken):
                continue
            found = _lead_and_co(p, m)
            if found is None:
                continue
            lead, co = found
            out.append(Owners(lead, co, p.sub(m.start("lead"), m.end()), m.end(), confidence))
            taken.append((m.start(), m.end()))
    return sorted(out, key=lambda o: o.end)


def is_lead_label(label: str) -> bool:
    """牵头单位 / 牵头部门 / 主责单位: the label of the one unit that leads."""
    return bool(re.match(r"牵头|主责", label))


def co_after_lead(label: str) -> bool:
    """责任单位 / 责任部门 named after a 牵头单位 list the units that share the work."""
    return label in ("责任单位", "责任部门", "实施单位")


def _units_end(f: str, i: int) -> int:
    """Where a list of units after 责任单位： ends: at ; 。 or a bracket it did not open, or the next label."""
    depth = 0
    for j in range(i, len(f)):
        c = f[j]
        if c == "(":
            depth += 1
        elif (c in ")]】" and depth == 0) or (c in ";。\n" and depth == 0):
            return j
        elif c == ")":
            depth -= 1
        elif _NEXT_LABEL.match(f, j) and j > i:
            return j
    return len(f)


def _lead_and_co(p: Span, m: re.Match[str]) -> tuple[str, list[str]] | None:
    a, b = m.start("lead"), m.end("lead")
    joint = p.folded.find("会同", a, b)
    co: list[str] = []
    if joint != -1:
        co = split_units(p, joint + 2, b)
        b = joint
    leads = split_units(p, a, b)
    if not leads or (joint != -1 and not co) or not _all_units(p, a, b, leads):
        return None
    if m["co"]:
        co.extend(split_units(p, m.start("co"), m.end("co")))
    co = leads[1:] + co  # X、Y牵头: joint leads; the first named leads, as a single 牵头单位 must
    return leads[0], [c for c in dict.fromkeys(co) if c != leads[0]]


def _all_units(p: Span, a: int, b: int, units: list[str]) -> bool:
    """Every listed name is a unit: 区经济信息委、区大数据局牵头, not 企业、区科技局牵头."""
    return len(units) == len([x for x in re.split(r"[、,/]|以及|及", p.folded[a:b]) if x.strip()])


def marked_lead(p: Span, units: list[str]) -> tuple[str | None, list[str]]:
    """责任单位：X、Y: X leads unless another is marked (牵头)."""
    lead = units[0]
    for u in units:
        i = p.text.find(u)
        after = p.folded[i + len(u) : i + len(u) + 4] if i != -1 else ""
        if re.match(r"\s*\(牵头\)", after):
            lead = u
    return lead, [u for u in units if u != lead]


def split_units(p: Span, a: int, b: int) -> list[str]:
    """Unit names in p[a:b], listed with 、 , ; or 及; each one a run of the original text."""
    out: list[str] = []
    start = a
    for i in range(a, b + 1):
        if (
            i == b
            or p.folded[i] in "、,;/"
            or p.folded.startswith("及各", i)
            or p.folded.startswith("以及", i)
        ):
            name = _clean(p, start, i)
            if name and name not in out:
                out.append(name)
            start = i + (2 if i < b and p.folded.startswith("以及", i) else 1)
            if i < b and p.folded.startswith("及各", i):
                start = i + 1
    return out


def _clean(p: Span, a: int, b: int) -> str | None:
    f = p.folded
    while a < b and f[a] in " \t“”\"'":
        a += 1
    while b > a and f[b - 1] in " \t“”\"'":
        b -= 1
    while True:
        m = _TRIM_TAIL.search(f, a, b)
        if not m or m.start() == a:
            break
        b = m.start()
    name = p.text[a:b]
    folded = f[a:b]
    if not (2 <= len(folded) <= 30) or not _SUFFIX.search(folded) or _NOT_UNIT.match(folded):
        return None
    if re.search(r"[,。;:!?]|\d{3,}", folded) or folded.count("(") != folded.count(")"):
        return None
    return name


def is_unit_list(cell: Span) -> bool:
    """A table cell that lists units (区科技局、区财政局)."""
    units = split_units(cell, 0, len(cell.text))
    return bool(units) and sum(len(u) for u in units) >= 0.6 * len(cell.text.replace("、", ""))
