"""Drafting a plan file from a policy document, every item traceable to the words it came from.

    draft = draft_document(Path("plan.txt"))   # or draft_text(text, source="plan.txt")
    draft.to_yaml()                            # format tasktrack/1, for a person to review

Pure functions over text: no database, no services. The steps are separate modules: reading formats
(reading), tables (tables, rows), the section tree (sections), time phrases (when), targets (targets),
responsible units (owners), the plan's particulars (meta), walking the tree (draft) and the YAML (emit).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tasktrack.importers.document.draft import table_task, walk_outline
from tasktrack.importers.document.emit import Codes, YearRule, indicator_dict, render, task_dict
from tasktrack.importers.document.meta import read_meta
from tasktrack.importers.document.reading import DocumentError, read_bytes, read_document
from tasktrack.importers.document.noise import Noise, find_noise, lost_dates, without
from tasktrack.importers.document.rows import IndicatorRow, indicator_rows
from tasktrack.importers.document.sections import Node, build
from tasktrack.importers.document.tables import Table, find_tables
from tasktrack.importers.document.text import Span, line_span
from tasktrack.importers.document.when import DEADLINE, find_whens

__all__ = ["DocumentError", "Draft", "draft_bytes", "draft_document", "draft_text"]


@dataclass
class Draft:
    data: dict[str, Any]  # the plan file: format, layer, plans
    text: str  # the document's text, which every quote is cut from
    notes: list[str] = field(default_factory=list)
    noise: Noise = field(default_factory=Noise)

    @property
    def mostly_noise(self) -> bool:
        """Most of the text is page furniture, or nothing in it reads as a plan's target, owner or table."""
        return self.noise.mostly or not self.has_plan_content()

    def has_plan_content(self) -> bool:
        c = self.counts()
        return bool(c["milestones"] or c["indicators"] or c["owned"])

    @property
    def plan(self) -> dict[str, Any]:
        plan: dict[str, Any] = self.data["plans"][0]
        return plan

    def counts(self) -> dict[str, int]:
        tasks = list(_all_tasks(self.plan["tasks"]))
        return {
            "tasks": len(tasks),
            "milestones": sum(len(t["milestones"]) for t in tasks),
            "indicators": len(self.plan["indicators"]),
            "owned": sum(1 for t in tasks if t.get("lead") or t.get("co")),
        }

    def to_yaml(self) -> str:
        source = self.plan.get("source") or "the document"
        header = [
            f"Draft plan file drafted by `tasktrack import plan` from {source}.",
            "Review every item before loading it: each has the exact words it came from (quote) and a",
            "confidence from 0 to 1. Units (lead / co) appear only where the text names them.",
        ]
        if self.notes:
            header += ["", "Notes:"] + [f"  - {n}" for n in self.notes]
        return render(self.data, header)


def _all_tasks(tasks: list[dict[str, Any]]) -> Any:
    for t in tasks:
        yield t
        yield from _all_tasks(t.get("tasks") or [])


def draft_document(path: Path) -> Draft:
    """Read the file (text, Markdown, HTML or .docx) and draft its plan; DocumentError if unreadable."""
    text, _ = read_document(path)
    return draft_text(text, source=path.name)


def draft_bytes(data: bytes, name: str) -> Draft:
    text, _ = read_bytes(data, name)
    return draft_text(text, source=name)


def draft_text(text: str, source: str = "document.txt") -> Draft:
    """Draft a plan file from a document's text."""
    lines = [line_span(i, raw) for i, raw in enumerate(text.split("\n"))]
    noise = find_noise(lines)
    lines = without(lines, noise)
    tables = find_tables(lines)
    outline = build(lines, tables)
    meta = read_meta(outline.preamble if outline.has_headings else lines[:60])
    issue_year = meta.issued.year if meta.issued else None
    title_year = _title_year(meta.title or "")
    period = meta.period or (None if title_year else _infer_period(lines, issue_year))
    tasks, walked = walk_outline(outline, period, scan_preamble=True)
    notes = list(meta.notes) + walked.skipped
    codes = Codes()
    indicators = _indicators(outline.root, period, codes, notes, text.split("\n"))
    tasks += [
        t
        for k, table in enumerate(outline.root.tables, 1)
        if (t := table_task(f"表{k}", "任务分工表", None, table, period))
    ]
    years = YearRule(
        period,
        title_year or issue_year,
        walked.baselines,
        "标题" if title_year else "发文日期",
    )
    plan: dict[str, Any] = {
        "key": _key(source),
        "doc_no": meta.doc_no,
        "title": meta.title or Path(source).stem or "未命名规划",
        "issuer": meta.issuer,
        "issued": meta.issued,
        "period": f"{period[0]}-{period[1]}" if period else None,
        "parent": None,
        "source": source,
        "quote": meta.quote,
        "indicators": indicators,
        "tasks": [task_dict(t, 1, codes, years) for t in tasks],
    }
    if not period:
        notes.append("规划期未能从原文读出（period 为空），请补写")
    for quote in years.undated:
        notes.append(f"目标“{quote}”原文、标题与发文日期均无年份，未列入，请补写")
    if noise.lines:
        notes.append(f"原文中{len(noise.lines)}行为网页导航、页脚、新闻或音视频链接（约占{noise.share:.0%}），未读")
    if noise.heavy:
        _cap_confidence(plan, 0.7)
        notes.append("原文夹杂较多网页内容，各项置信度已降至0.7以下，请逐项核对")
    for lost in lost_dates(lines):
        notes.append(f"原文日期“{lost}”缺字（年、月或日），未读，请按原件核对")
    draft = Draft({"format": "tasktrack/1", "layer": "plan", "plans": [plan]}, text, notes, noise)
    if draft.mostly_noise:
        notes.append("原文大部分不是规划正文，请核对来源")
    return draft


def _cap_confidence(plan: dict[str, Any], cap: float) -> None:
    for item in [*plan["indicators"], *_all_tasks(plan["tasks"])]:
        item["confidence"] = min(item["confidence"], cap)
        for m in item.get("milestones") or []:
            m["confidence"] = min(m["confidence"], cap)


def _key(source: str) -> str:
    stem = Path(source).stem
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    return slug or re.sub(r"\s+", "-", stem.strip()) or "plan"


def _title_year(title: str) -> int | None:
    """2023年…工作要点: a plan for one year says so in its title."""
    years = set(re.findall(r"(?<!\d)((?:19|20)\d\d)\s*年", title))
    if len(years) == 1 and not re.search(r"(?:19|20)\d\d\s*年?\s*[-—–~至到]", title):
        return int(years.pop())
    return None


def _infer_period(lines: list[Span], issue_year: int | None) -> tuple[int, int] | None:
    """No period in the title: from the issue year to the last deadline the text sets (002: 2021—2025)."""
    years = []
    for line in lines:
        for w in find_whens(line.folded, line.text):
            if w.role == DEADLINE and w.year and not w.bare:
                years.append(w.year)
    if issue_year:
        years = [y for y in years if issue_year <= y <= issue_year + 15]
    if not years:
        return None
    first = min([*years, issue_year] if issue_year else years)
    return (first, max(years)) if max(years) > first else None


def _row_codes(prefix: str, rows: list[IndicatorRow]) -> list[str]:
    """专栏1-3 by the row's 序号; a 其中 sub-row under row 3 is 专栏1-3-1; a table without 序号 counts 1, 2 …"""
    out: list[str] = []
    last, sub = None, 0
    for k, r in enumerate(rows, 1):
        if r.seq:
            last, sub = r.seq, 0
            out.append(f"{prefix}-{r.seq}")
        elif last is not None:
            sub += 1
            out.append(f"{prefix}-{last}-{sub}")
        else:
            out.append(f"{prefix}-{k}")
    return out


def _boxes_with_tables(root: Node) -> list[tuple[Node, Table]]:
    return [(n, t) for n in root.walk() for t in n.tables]


def _indicators(
    root: Node, period: tuple[int, int] | None, codes: Codes, notes: list[str], lines: list[str]
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for k, (node, table) in enumerate(_boxes_with_tables(root), 1):
        if table.kind != "indicator":
            continue
        rows = indicator_rows(table, period)
        prefix = node.code if node.style in ("box", "annex") else f"指标表{k}"
        years = [y for r in rows for y in ([r.target[0]] if r.target else []) if y]
        if re.search(r"完成情况|回顾", node.title) or (period and years and max(years) < period[0]):
            notes.append(f"{prefix} {node.title}：上一规划期的完成情况，未列为本规划指标")
            continue
        for code, r in zip(_row_codes(prefix, rows), rows, strict=True):
            out.append(indicator_dict(r, codes.take("indicator", code), lines))
    return out
