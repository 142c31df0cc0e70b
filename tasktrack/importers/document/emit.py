"""Drafted items as a plan file (format tasktrack/1): plain dicts in the seed's key order, then YAML."""

from __future__ import annotations

import re
from typing import Any

import yaml

from tasktrack.importers.document.draft import MAX_DEPTH, TaskDraft
from tasktrack.importers.document.rows import IndicatorRow
from tasktrack.importers.document.targets import Baseline, Target
from tasktrack.importers.document.when import PERIOD, RECURRING


class Codes:
    """Codes unique within a plan: a repeated one gets -2, -3 …"""

    def __init__(self) -> None:
        self.used: dict[str, set[str]] = {"task": set(), "milestone": set(), "indicator": set()}

    def take(self, kind: str, code: str) -> str:
        code = code or "1"
        out, n = code, 1
        while out in self.used[kind]:
            n += 1
            out = f"{code}-{n}"
        self.used[kind].add(out)
        return out


def num(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def task_dict(d: TaskDraft, depth: int, codes: Codes, years: YearRule) -> dict[str, Any]:
    code = codes.take("task", d.code)
    paras, targets, notes = [p.text for p in d.paras], list(d.targets), list(d.notes)
    children = d.children
    if depth >= MAX_DEPTH and children:  # fold what nests deeper into this task's text
        for c in _flatten(children):
            paras.append("\n".join(x for x in [c.quote or c.title, *(p.text for p in c.paras)] if x))
            targets.extend(c.targets)
        children = []
    out: dict[str, Any] = {"code": code, "title": d.title or (d.quote or code)[:30]}
    text = "\n\n".join(p for p in paras if p)
    if text:
        out["text"] = text
    out["quote"] = d.quote or (paras[0][:40] if paras else None)
    if d.owners is not None:
        if d.owners.lead:
            out["lead"] = d.owners.lead
        if d.owners.co:
            out["co"] = list(d.owners.co)
        notes.append(f"责任单位见原文“{d.owners.quote.text}”" if d.owners.quote else "")
    out["confidence"] = round(min(d.confidence, d.owners.confidence if d.owners else 1), 2)
    note = "；".join(n for n in notes if n)
    if note:
        out["note"] = note
    milestones = []
    for i, t in enumerate(targets, 1):
        m = milestone_dict(t, codes.take("milestone", f"{code}-M{i}"), years)
        if m is not None:
            milestones.append(m)
    out["milestones"] = milestones
    out["tasks"] = [task_dict(c, depth + 1, codes, years) for c in children]
    return out


def _flatten(children: list[TaskDraft]) -> list[TaskDraft]:
    out = []
    for c in children:
        out.append(c)
        out.extend(_flatten(c.children))
    return out


class YearRule:
    """Years for targets that do not state their own: the plan's period, else its issue year."""

    def __init__(
        self,
        period: tuple[int, int] | None,
        issue_year: int | None,
        baselines: list[Baseline],
        year_from: str = "发文日期",
    ) -> None:
        self.period, self.issue_year, self.baselines = period, issue_year, baselines
        self.year_from = year_from  # where issue_year was read: the title (2023年…工作要点) or the 发文日期
        self.undated: list[str] = []  # quotes of targets no year could be found for: named, not loaded

    def end(self) -> int | None:
        return self.period[1] if self.period else self.issue_year


def milestone_dict(t: Target, code: str, years: YearRule) -> dict[str, Any] | None:
    notes, confidence = list(t.notes), t.confidence
    out: dict[str, Any] = {"code": code, "metric": (t.metric or "（未写明指标）")[:80]}
    w = t.when
    if w is not None and w.role == RECURRING:
        first = w.first or (years.period[0] if years.period else years.issue_year)
        last = w.year or (years.period[1] if years.period else None)
        if first is None or last is None or first > last:
            return None
        out["every_year"] = [first, last]
        if not w.first:
            notes.append(f"“每年”按规划期{first}—{last}年逐年记")
    elif w is not None and (w.year or years.issue_year):
        out["year"] = w.year or years.issue_year
        if w.due and w.role not in (PERIOD,):
            out["due"] = w.due
        if w.year is None:
            notes.append(f"原文未写年份，按{years.year_from}所示{years.issue_year}年记")
            confidence -= 0.05 if years.year_from == "标题" else 0.1
        if w.bare:
            notes.append(f"原文年份“{w.year}”后缺“年”字，按{w.year}年度记")
            confidence -= 0.1
        if w.role == PERIOD:
            notes.append("目标为规划期内合计或期末值，请核对")
    else:
        end = years.end()
        if end is None:
            years.undated.append(t.quote.text)
            return None
        out["year"] = end
        if years.period:
            notes.append(f"未写年份，按规划期末{end}年记")
            confidence = min(confidence, 0.5)
        else:
            notes.append(f"未写年份，按{years.year_from}所示{end}年记")
            confidence = min(confidence, 0.85 if years.year_from == "标题" else 0.6)
    out["target"] = num(t.value) if t.value is not None else None
    out["unit"] = t.unit
    out["comparison"] = t.comparison
    out["kind"] = t.kind
    out["cumulative"] = t.cumulative
    out["aspirational"] = t.aspirational
    base = t.baseline or _known_baseline(t, years.baselines)
    if base is not None:
        year, value, quote = base
        out["baseline"] = {"year": year, "value": num(value)} if year else None
        if year is None:
            out.pop("baseline")
        out["baseline_quote"] = quote
    out["quote"] = t.quote.text
    if notes:
        out["note"] = "；".join(dict.fromkeys(notes))
    out["confidence"] = round(max(0.1, min(confidence, 0.95)), 2)
    return out


def _known_baseline(t: Target, baselines: list[Baseline]) -> tuple[int | None, float, str] | None:
    """截至2020年…科技型企业204家 for a target on 科技型企业: only when exactly one figure matches."""
    if t.kind not in ("stock", "ratio") or t.value is None:
        return None
    name = re.sub(r"^(?:全区|全市|全县|全社会)?", "", t.metric)
    hits = [b for b in baselines if b.unit == t.unit and re.sub(r"^(?:全区|全市|全县)", "", b.metric) == name]
    if len(hits) != 1 or hits[0].year is None:
        return None
    b = hits[0]
    t.notes.append(f"基数取自原文“{b.quote.text}”")
    return b.year, b.value, b.quote.text


def row_quote(r: IndicatorRow, lines: list[str]) -> str:
    """The words of the whole row as they stand in the document, from its first cell to its last."""
    cells = r.rows or [r.quote]
    first, last = cells[0], cells[-1]
    if first.line == last.line:
        return lines[first.line][first.start : last.start + len(last.text)]
    parts = [lines[first.line][first.start :], *lines[first.line + 1 : last.line]]
    parts.append(lines[last.line][: last.start + len(last.text)])
    return "\n".join(parts)


def indicator_dict(r: IndicatorRow, code: str, lines: list[str] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"code": code, "name": r.name, "unit": r.unit}
    out["attribute"] = {"预期性": "expected", "预期": "expected", "约束性": "binding", "约束": "binding"}.get(
        (r.attribute or "").strip().removesuffix("指标"), "expected"
    )
    out["cumulative"] = r.cumulative
    if r.baseline is not None:
        out["baseline"] = {"year": r.baseline[0], "value": num(r.baseline[1])}
    notes = list(r.notes)
    if r.target is not None:
        out["target"] = {"year": r.target[0], "value": num(r.target[1])}
        if r.comparison != ">=":
            out["comparison"] = r.comparison
            notes.append(f"目标值原文带比较符（{r.comparison}）")
    if r.yearly:
        out["yearly"] = {y: num(v) for y, v in sorted(r.yearly.items())}
    out["quote"] = row_quote(r, lines) if lines is not None else r.quote.text
    notes += ["未读出目标值"] if r.target is None else []
    if notes:
        out["note"] = "；".join(notes)
    out["confidence"] = round(max(0.1, r.confidence - (0.3 if r.target is None else 0)), 2)
    return out


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump(data: dict[str, Any]) -> str:
    """A plan file as YAML text: keys in their order, multi-line text as a block, no folded lines."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)


def render(data: dict[str, Any], header: list[str]) -> str:
    body = dump(data)
    lines = [f"# {h}".rstrip() for h in header]
    return "\n".join(lines) + ("\n" if lines else "") + body
