"""A plan's particulars from its notice and title page: title, 发文字号, issuing body, date, period."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from tasktrack.domain.dates import DateError, parse_date
from tasktrack.errors import say
from tasktrack.importers.document.text import Span
from tasktrack.importers.document.when import FIVE_YEAR

DOC_NO = re.compile(r"[\u4e00-\u9fff]{1,16}[〔\[【(]\s*(?:19|20)\d\d\s*[〕\]】)]\s*第?\s*\d{1,4}\s*号")
_PORTAL = re.compile(r"\[\s*(?P<k>[\u4e00-\u9fff]{2,6})\s*\]\s*(?P<v>[^\[]*)")
_PLAN_WORDS = r"规划|方案|计划|意见|要点|纲要|办法|清单|措施|通知|细则|行动|安排|分解表|分工表|任务表|一览表"
_ISSUER_END = re.compile(r"(?:政府|办公室|办公厅|委员会|管委会|局|厅|委|办|部|中心|街道办事处)$")
_DAY = re.compile(r"(?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
_LOST = re.compile(r"(?:19|20)\d{5,6}")


@dataclass
class Meta:
    title: str | None = None
    quote: str | None = None
    doc_no: str | None = None
    issuer: str | None = None
    issued: date | None = None
    period: tuple[int, int] | None = None
    notes: list[str] = field(default_factory=list)


def read_meta(lines: list[Span]) -> Meta:
    """Particulars from the lines before the plan's first heading."""
    meta = Meta()
    portal = _portal(lines)
    meta.doc_no = _doc_no(lines, portal)
    _title(lines, meta)
    meta.issuer = _issuer(lines, meta) or portal.get("发布机构")
    meta.issued = _issued(lines, portal, meta)
    meta.period = _period(meta.title or "") or _period(
        " ".join(s.folded for s in lines[:80]) if not meta.title else ""
    )
    return meta


def _portal(lines: list[Span]) -> dict[str, str]:
    """[ 发文字号 ]… [ 成文日期 ]… : the metadata block government portals print above a document."""
    out: dict[str, str] = {}
    for line in lines[:30]:
        if line.folded.count("[") >= 2:
            for m in _PORTAL.finditer(line.text.replace("［", "[").replace("］", "]")):
                if m["v"].strip():
                    out[m["k"]] = m["v"].strip()
    return out


def _doc_no(lines: list[Span], portal: dict[str, str]) -> str | None:
    if portal.get("发文字号") and DOC_NO.fullmatch(portal["发文字号"].replace(" ", "")):
        return portal["发文字号"]
    for line in lines:
        if DOC_NO.fullmatch(line.folded.strip()):
            return line.text.strip()
    for line in lines[:40]:
        m = DOC_NO.search(line.folded)
        if m and line.folded.rfind("《", 0, m.start()) <= line.folded.rfind("》", 0, m.start()):
            return line.text[m.start() : m.end()]
    return None


def _title(lines: list[Span], meta: Meta) -> None:
    for i, line in enumerate(lines):
        at = line.folded.find("关于印发")
        if at == -1:
            continue
        text, k = line.text[at + 4 :], i
        while not text.rstrip().endswith("通知") and k + 1 < len(lines) and k < i + 6:
            k += 1
            text += lines[k].text.strip()
        m = re.match(r"(.+?)的(?:补充)?通知\s*$", text.strip())
        if m:
            meta.title = m.group(1).strip().removeprefix("《").removesuffix("》").strip()
            meta.quote = line.text.strip()
            prefix = line.text[:at].strip()
            if prefix and _ISSUER_END.search(prefix):
                meta.issuer = prefix
            break
    for line in lines:
        m = re.search(r"[将把]?《(?P<t>[^《》]{4,80})》(?:印发|发布|已经)", line.text)
        if m and (meta.title is None or _same(m["t"], meta.title)):
            meta.title = meta.title or m["t"]
            if meta.quote is None or "现将" in line.text:
                meta.quote = _sentence_around(line.text, m.start(), m.end())
            if m["t"] != meta.title and _same(m["t"], meta.title) and len(m["t"]) >= len(meta.title):
                meta.title = m["t"]
            break
    if meta.title is None:
        _title_line(lines, meta)


def _same(a: str, b: str) -> bool:
    squash = re.compile(r"[\s“”\"'()（）—-]")
    return squash.sub("", a) == squash.sub("", b)


def _sentence_around(text: str, a: int, b: int) -> str:
    start = max(text.rfind(c, 0, a) for c in "。，,；;：:") + 1
    ends = [i for i in (text.find(c, b) for c in "。，,；;") if i != -1]
    return text[start : min(ends) if ends else len(text)].strip()


def _title_line(lines: list[Span], meta: Meta) -> None:
    for i, line in enumerate(lines[:60]):
        f = line.folded.strip()
        if 4 <= len(f) <= 60 and re.search(rf"(?:{_PLAN_WORDS})(?:\([^()]*\))?$", f) and "。" not in f:
            title = line.text.strip()
            nxt = next((x for x in lines[i + 1 : i + 4] if x.text), None)
            if nxt is not None and re.fullmatch(
                r"\(\s*(?:19|20)\d\d\s*[-—–~至]+\s*(?:19|20)\d\d\s*年?\s*\)", nxt.folded.strip()
            ):
                title += nxt.text.strip()
            meta.title, meta.quote = title, line.text.strip()
            return
    first = next((x for x in lines[:5] if x.text), None)  # 北岸区2024年科技创新重点任务: the opening line
    if first is not None:
        f = first.folded.strip()
        if 6 <= len(f) <= 40 and not re.search(r"[。,;:!?|>]", f) and not DOC_NO.fullmatch(f):
            meta.title, meta.quote = first.text.strip(), first.text.strip()


def _issuer(lines: list[Span], meta: Meta) -> str | None:
    if meta.issuer:
        return meta.issuer
    for i, line in enumerate(lines):
        if "关于印发" in line.folded:
            prev = next((x for x in reversed(lines[max(0, i - 3) : i]) if x.text), None)
            if prev is not None and _ISSUER_END.search(prev.folded.strip()) and len(prev.text.strip()) <= 30:
                return prev.text.strip()
    for i, line in enumerate(lines):
        if _DAY.fullmatch(line.folded.strip()) or _LOST.fullmatch(line.folded.strip()):
            prev = next((x for x in reversed(lines[max(0, i - 3) : i]) if x.text), None)
            if prev is not None and _ISSUER_END.search(prev.folded.strip()) and len(prev.text.strip()) <= 30:
                return prev.text.strip()
    return None


def _issued(lines: list[Span], portal: dict[str, str], meta: Meta) -> date | None:
    for key in ("成文日期", "发文日期", "印发日期"):
        if portal.get(key):
            try:
                return parse_date(portal[key]).value
            except DateError:
                pass
    for line in lines:
        f = line.folded.strip()
        if _DAY.fullmatch(f):
            try:
                return parse_date(f.replace(" ", "")).value
            except DateError:
                continue
        if _LOST.fullmatch(f):
            try:
                return parse_date(f).value
            except DateError as exc:
                meta.notes.append(f"发文日期未定：{say(exc, 'zh')}")  # a draft's notes are Chinese
    return None


def _period(text: str) -> tuple[int, int] | None:
    m = re.search(r"((?:19|20)\d\d)\s*年?\s*[-—–~至到]+\s*((?:19|20)\d\d)\s*年", text)
    if m and int(m[1]) < int(m[2]) <= int(m[1]) + 15:
        return int(m[1]), int(m[2])
    text = re.sub(r"第(十[一二三四五六])个五年", r"\1五", text)
    m = re.search(r"十[一二三四五六]五", text)
    if m and m.group() in FIVE_YEAR:
        return FIVE_YEAR[m.group()]
    return None
