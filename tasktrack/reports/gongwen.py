"""The 公文 layout of GB/T 9704-2012 that the PDF and .docx renderers share: page geometry, type sizes,
the letterhead from the settings, and table column widths that keep short columns on one or two lines."""

from __future__ import annotations

import math
from datetime import date

from tasktrack.config import Settings
from tasktrack.domain.text import display_width
from tasktrack.reports.model import Block, Cell, Document, Heading, Letterhead, Table

# A4, 版心 156 mm × 225 mm: 天头 (top) 37 mm, 订口 (left) 28 mm; so 26 mm right and 35 mm bottom.
PAGE_W, PAGE_H = 210.0, 297.0
TOP, LEFT, BODY_W, BODY_H = 37.0, 28.0, 156.0, 225.0
LINES, CHARS = 22, 28  # 22 lines of 28 characters of 3号 type fill the 版心
LINE_PITCH = BODY_H / LINES  # 10.23 mm
PT = 25.4 / 72  # mm per point
# Type sizes (points): 2号 title, 3号 body and headings, 4号 版记 and page numbers, 五号/小五 tables.
SIZE_TITLE, SIZE_BODY, SIZE_FOOT, SIZE_TABLE, SIZE_ANNEX = 22.0, 16.0, 14.0, 10.5, 9.0
SIZE_MASTHEAD = 40.0  # 发文机关标志: at most 22 mm × 15 mm a character; shrunk to fit the 版心 width
MASTHEAD_TOP = 35.0  # mm from the top of the 版心 to the masthead's top
RED = (0xC8, 0x10, 0x2E)  # the masthead and the separator line
RULE_RED = 0.5  # mm: the red separator line under the 文号
RULE_THICK, RULE_THIN = 0.35, 0.25  # mm: 版记 lines
PAGE_NO_GAP = 7.0  # mm from the bottom of the 版心 to the page number's dash


def letterhead(settings: Settings, issue_no: int, as_of: date, day_text: str) -> Letterhead:
    """The 公文 parts from the settings: masthead, 文号 of issue `issue_no`, 主送, 抄送, 印发."""
    issuer = settings.coordinator_name
    doc_no = settings.doc_no_format.format(issuer=issuer, year=as_of.year, n=issue_no)
    return Letterhead(
        masthead=settings.masthead or f"{issuer}文件",
        doc_no=doc_no,
        main_to="、".join(settings.main_to),
        signer=issuer,
        date=day_text,
        cc="，".join(settings.cc),
        printer=settings.printer or issuer,
    )


def split_annexes(doc: Document) -> tuple[list[Block], list[tuple[Heading, list[Block]]]]:
    """The body, and each annex: a level-0 heading (附件：…) and the blocks under it, set on pages of its own."""
    body: list[Block] = []
    annexes: list[tuple[Heading, list[Block]]] = []
    for b in doc.blocks:
        if isinstance(b, Heading) and b.level == 0:
            annexes.append((b, []))
        elif annexes:
            annexes[-1][1].append(b)
        else:
            body.append(b)
    return body, annexes


def annex_parts(heading: str) -> tuple[str, str]:
    """"附件：重点任务推进台账" → ("附件", "重点任务推进台账"): the label set top left, the title centred."""
    for sep in ("：", ":"):
        if sep in heading:
            label, _, name = heading.partition(sep)
            return label.strip(), name.strip()
    return heading, ""


def em(text: str) -> float:
    """Width in em of a 3号-style line: CJK characters 1, Latin and digits ½."""
    return display_width(text) / 2


def _longest(values: list[Cell]) -> float:
    widest = 0.0
    for v in values:
        for line in ("" if v is None else str(v)).splitlines() or [""]:
            widest = max(widest, em(line))
    return widest


def column_widths(t: Table, total: float, pad: float = 0.6) -> tuple[list[float], bool]:
    """Column widths in em summing to `total`: every column gets room for its longest value on two lines
    (one line when short), so 牵头单位 or 完成时限 never run to three lines; the rest goes to the long-text
    columns in proportion to their relative widths. `pad` is the cell's inner margin in em. The flag is
    False when even the narrowest widths did not fit and were scaled down (a smaller type size would fit)."""
    n = len(t.headers)
    natural = []
    for i in range(n):
        values = [r[i] if i < len(r) else None for r in t.rows]
        head_word = max((em(w) for w in str(t.headers[i]).split()), default=0.0)
        natural.append(max(_longest(values), min(head_word, 4.0), 1.0) + pad)
    if sum(natural) <= total:
        spare = total - sum(natural)
        weights = [t.width(i) for i in range(n)]
        return [w + spare * k / sum(weights) for w, k in zip(natural, weights, strict=True)], True
    floors = [_floor(w, pad) for w in natural]
    if sum(floors) >= total:
        scale = total / sum(floors)
        return [f * scale for f in floors], False
    spare = total - sum(floors)
    wants = [float(t.width(i)) if w > f else 0.0 for i, (w, f) in enumerate(zip(natural, floors, strict=True))]
    return _fill(floors, natural, wants, spare), True


def _floor(natural: float, pad: float) -> float:
    """A column's narrowest width: whole when up to 6 em, else half (two lines) up to 16 em, else 4 em."""
    text = natural - pad
    if text <= 6:
        return natural
    if text <= 16:
        return math.ceil(text / 2) + pad
    return 4 + pad


def _fill(floors: list[float], natural: list[float], wants: list[float], spare: float) -> list[float]:
    """Share `spare` among columns in proportion to `wants`, none past its natural width; what a column
    cannot take goes round again to the others."""
    widths = list(floors)
    open_ = [i for i, w in enumerate(wants) if w > 0]
    while spare > 1e-6 and open_:
        total_want = sum(wants[i] for i in open_)
        given = 0.0
        still = []
        for i in open_:
            share = spare * wants[i] / total_want
            room = natural[i] - widths[i]
            take = min(share, room)
            widths[i] += take
            given += take
            if room - take > 1e-6:
                still.append(i)
        spare -= given
        if not still or given < 1e-9:
            break
        open_ = still
    if spare > 1e-6:  # every column at its natural width: the rest in proportion to width
        total_w = sum(widths)
        widths = [w + spare * w / total_w for w in widths]
    return widths
