"""Walking the section tree: each numbered section a task, each target a milestone, owners where named."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from tasktrack.importers.document.owners import Owners, co_after_lead, find_owners, is_lead_label
from tasktrack.importers.document.rows import task_rows
from tasktrack.importers.document.sections import Node, Outline
from tasktrack.importers.document.tables import Table
from tasktrack.importers.document.targets import Baseline, Context, Target, read_sentence, subject_of
from tasktrack.importers.document.text import Span, sentences
from tasktrack.importers.document.when import DEADLINE, PERIOD, When, find_whens

MAX_DEPTH = 3  # the plan-file format nests tasks at most three deep


@dataclass
class TaskDraft:
    code: str
    title: str
    quote: str | None
    paras: list[Span] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    owners: Owners | None = None
    children: list[TaskDraft] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    confidence: float = 0.9
    node: Node | None = None

    def all_targets(self) -> list[Target]:
        out = list(self.targets)
        for c in self.children:
            out.extend(c.all_targets())
        return out

    def has_content(self) -> bool:
        return bool(self.targets or self.owners or any(c.has_content() for c in self.children))


@dataclass
class Walk:
    period: tuple[int, int] | None
    baselines: list[Baseline] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def walk_outline(
    outline: Outline, period: tuple[int, int] | None, scan_preamble: bool
) -> tuple[list[TaskDraft], Walk]:
    w = Walk(period)
    tasks: list[TaskDraft] = []
    base = Context(period=period)
    if scan_preamble and outline.preamble:
        pre = TaskDraft("0", "总述", None, paras=outline.preamble, confidence=0.5)
        pre.targets = [
            t
            for t in _read_paras(outline.preamble, base, w)
            if t.year_from == "own" or not outline.has_headings
        ]
        if pre.targets:
            tasks.append(pre)
    for node in outline.root.children:
        ctx = _context_for(node.around, base) if node.around is not None else base
        draft = _walk(node, ctx, w, depth=1)
        if draft is not None:
            tasks.append(draft)
    return tasks, w


def _context_for(node: Node | None, base: Context) -> Context:
    """What a box inherits from the section it stands in."""
    chain: list[Node] = []
    while node is not None and node.style != "root":
        chain.append(node)
        node = node.parent
    ctx = base
    for n in reversed(chain):
        ctx = replace(ctx, baseline=ctx.baseline or n.is_past, goal_section=ctx.goal_section or n.is_goals)
    return ctx


def _walk(node: Node, inherited: Context, w: Walk, depth: int) -> TaskDraft | None:
    ctx = replace(
        inherited,
        baseline=inherited.baseline or node.is_past,
        goal_section=inherited.goal_section or node.is_goals,
        prev_subject="",
    )
    draft = TaskDraft(node.code, node.title, node.heading.text if node.heading else None, node=node)
    draft.paras = list(node.paras)
    lead_in = _section_deadline(node)
    if lead_in is not None and not ctx.baseline:
        ctx = replace(ctx, deadline=lead_in, carried_from="section")
    draft.targets = _read_paras(node.paras, ctx, w)
    for child in node.children:
        sub = _walk(child, ctx, w, depth + 1)
        if sub is not None:
            draft.children.append(sub)
    for table in node.tables:
        rows = table_task(node.code, node.title, None, table, w.period)
        if rows is not None:
            draft.children.extend(rows.children)
    _assign_owners(draft)
    if node.is_descriptive and not draft.has_content():
        w.skipped.append(f"{node.code} {node.title}: 背景性内容，未列为任务")
        return None
    if not (draft.paras or draft.children or draft.targets or any(t.kind == "task" for t in node.tables)):
        return None
    return draft


def _section_deadline(node: Node) -> When | None:
    """到2025年，… opening a section's first paragraph sets the year for the whole section."""
    if not node.paras:
        return None
    first = node.paras[0]
    whens = find_whens(first.folded, first.text)
    if whens and whens[0].start <= 2 and whens[0].role == DEADLINE and whens[0].year:
        return whens[0]
    return None


_DUE_LABEL = re.compile(r"(?:完成时限|完成时间|时间节点|办结时限)\s*[:]\s*")


def _labelled_due(p: Span) -> When | None:
    """完成时限：2023年9月 closing an item: the deadline of the item's targets that state none of their own."""
    m = _DUE_LABEL.search(p.folded)
    if m is None:
        return None
    rest = p.sub(m.end(), len(p.text))
    whens = [x for x in find_whens(rest.folded, rest.text) if x.role == DEADLINE and x.start <= 2]
    return whens[0] if whens else None


def _read_paras(paras: list[Span], ctx: Context, w: Walk) -> list[Target]:
    out: list[Target] = []
    for p in paras:
        pctx = replace(ctx)
        due = _labelled_due(p)
        if due is not None and due.year is None and ctx.deadline is not None:
            due = replace(due, year=ctx.deadline.year)
        before = len(out)
        for s in sentences(p):
            found, baselines = read_sentence(s, pctx)
            for t in found:
                if t.year_from == "context" and t.when is not None:
                    t.notes.append(f"年份取自上文“{t.when.due or t.when.year}”")
                    t.confidence -= 0.15
            out.extend(found)
            w.baselines.extend(baselines)
            whens = find_whens(s.folded, s.text)
            deadlines = [x for x in whens if x.role == DEADLINE and x.year]
            if any(x.role in ("baseline", "past") for x in whens) and not deadlines:
                pctx = replace(pctx, baseline=True)
            elif deadlines:
                pctx = replace(pctx, deadline=deadlines[-1], carried_from="paragraph", baseline=ctx.baseline)
            pctx = replace(pctx, prev_subject=subject_of(s))
        if due is not None:
            _apply_due(out[before:], due)
    return out


def _apply_due(targets: list[Target], due: When) -> None:
    for t in targets:
        if t.year_from != "own" or (t.when is not None and not t.when.due and t.when.year == due.year):
            t.when, t.year_from = due, "own"
            t.notes.append(f"完成时限见本项末“{due.due or due.year}”")


def _assign_owners(draft: TaskDraft) -> None:
    """One naming of units: the task's. Several: each covers the sentences up to it, as a sub-task."""
    found: list[tuple[Span, Owners]] = [(p, o) for p in draft.paras for o in find_owners(p)]
    order = {p.line: k for k, p in enumerate(draft.paras)}
    found = _merge_label_lines([(p, o) for p, o in found if o.lead or o.co], order)
    if not found:
        return
    if len(found) == 1 or len({(o.lead, tuple(o.co)) for _, o in found}) == 1:
        draft.owners = found[0][1]
        return
    node_depth = _depth(draft.node)
    if node_depth >= MAX_DEPTH:
        draft.notes.append("本项下列有多组责任单位，未归入，请按原文分配")
        return
    kept: list[Span] = []
    start_of: dict[int, int] = {}
    for i, (p, o) in enumerate(found):
        a = start_of.get(p.line, 0)
        end = o.end + 1 if p.folded[o.end : o.end + 1] in (")", "]", "】") else o.end
        segment = p.sub(a, end)
        start_of[p.line] = end
        rest = segment.folded.lstrip("。;, )")
        k = len(segment.folded) - len(rest)
        title = segment.text[k : k + len(re.split(r"[。;(]", rest, maxsplit=1)[0][:30])] or segment.text[:24]
        sub = TaskDraft(
            f"{draft.code}-{i + 1}" if draft.code else str(i + 1), title, segment.text, paras=[segment]
        )
        sub.owners = o
        sub.confidence = min(o.confidence, 0.8)
        lo, hi = segment.start, segment.start + len(segment.text)
        sub.targets = [t for t in draft.targets if t.quote.line == p.line and lo <= t.quote.start < hi]
        draft.targets = [t for t in draft.targets if t not in sub.targets]
        draft.children.insert(i, sub)
    for p in draft.paras:
        if p.line not in start_of:
            kept.append(p)
    draft.paras = kept


def _merge_label_lines(found: list[tuple[Span, Owners]], order: dict[int, int]) -> list[tuple[Span, Owners]]:
    """牵头单位：X on one line and 配合单位：Y on the next (blank lines between or not) name one set of owners."""
    out: list[tuple[Span, Owners]] = []
    for p, o in found:
        if out and out[-1][1].lead and not out[-1][1].co and (
            (o.lead is None and o.co) or (is_lead_label(out[-1][1].label) and co_after_lead(o.label))
        ):
            q, prev = out[-1]
            o = Owners(None, [u for u in [o.lead, *o.co] if u], o.quote, o.end, o.confidence, o.label)
            if order.get(p.line, -9) - order.get(q.line, -99) <= 1:
                confidence = min(prev.confidence, o.confidence)
                merged = Owners(prev.lead, list(o.co), prev.quote, prev.end, confidence, prev.label)
                out[-1] = (q, merged)
                continue
        out.append((p, o))
    return out


def _depth(node: Node | None) -> int:
    d = 0
    while node is not None and node.style != "root":
        d += 1
        node = node.parent if node.style not in ("box", "annex") else None
    return d


def _same_event(t: Target, earlier: list[Target]) -> bool:
    """The row's task (建成项目库, 完成时限 2024年3月) and its measure (3月底前建成项目库) name one event."""
    if t.kind != "event" or t.when is None:
        return False
    return any(
        e.kind == "event" and e.when is not None and _month(e.when) == _month(t.when) for e in earlier
    )


def _month(w: When) -> tuple[int | None, str | None]:
    """The year and month a deadline falls in, as far as its words say."""
    m = re.search(r"(\d{1,2})月", w.due or "")
    return w.year, m.group(1) if m else None


def table_task(
    code: str, title: str, quote: str | None, table: Table, period: tuple[int, int] | None
) -> TaskDraft | None:
    """A 重点任务分工 table: one task per row, units from its cells, targets from its words and deadline."""
    if table.kind != "task":
        return None
    parent = TaskDraft(code, title or "任务分工表", quote)
    for i, row in enumerate(task_rows(table), 1):
        name = re.split(r"[。；;，,：:]", row.task.text.strip(), maxsplit=1)[0][:40] or row.task.text[:40]
        sub = TaskDraft(f"{code}-{row.seq or i}", name, row.task.text[:80], paras=row.texts, confidence=0.8)
        sub.owners = row.owners
        sub.targets = _row_targets(row.texts, row.due, period)
        if row.category:
            sub.notes.append(f"类别：{row.category}")
        parent.children.append(sub)
    return parent if parent.children else None


def _row_targets(texts: list[Span], due: Span | None, period: tuple[int, int] | None) -> list[Target]:
    deadline = None
    if due is not None:
        folded, text = due.folded, due.text
        if re.fullmatch(r"\s*(?:19|20)\d\d\s*[-—–~至]\s*(?:19|20)\d\d\s*", folded):
            folded, text = folded.strip() + "年", text.strip() + "年"  # 建设年限 2022-2024, as cells write it
        whens = [w for w in find_whens(folded, text) if w.role in (DEADLINE, PERIOD) and w.year]
        deadline = whens[-1] if whens else None
    ctx = Context(deadline=deadline, carried_from="paragraph" if deadline else "", period=period)
    out: list[Target] = []
    for cell in texts:
        for s in sentences(cell):
            found, _ = read_sentence(s, ctx)
            for t in found:
                if t.year_from == "context" and due is not None:
                    t.notes.append(f"完成时限“{due.text}”")
            out.extend(t for t in found if not _same_event(t, out))
    if not out and deadline is not None and texts and due is not None:
        name = re.split(r"[。；;]", texts[0].text.strip(), maxsplit=1)[0][:60]
        event = Target(texts[0], texts[0].sub(0, len(name)), name, None, None, None, "event", when=deadline)
        event.year_from, event.confidence = "context", 0.6
        event.notes.append(f"完成时限“{due.text}”")
        out.append(event)
    return out
