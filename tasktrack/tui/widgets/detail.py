"""The detail pane: one milestone in full, with its task's text, the source quote, units, evidence and history."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from tasktrack import present
from tasktrack.domain.text import display_width, sanitize, sanitize_multiline
from tasktrack.i18n import t
from tasktrack.tui.rows import entity_word


@dataclass(frozen=True)
class Detail:
    """Everything the pane shows, read in one worker call."""

    milestone: Any
    task: Any
    evidence: tuple[Any, ...]
    changes: tuple[Any, ...]
    parts: tuple[Any, ...] = ()  # each unit's newest progress report on it (ProgressService.by_unit)


RAG_COLOUR = {"red": "bold red", "amber": "bold yellow", "green": "bold green"}


def _section(out: Text, title: str) -> None:
    out.append(f"\n{title}\n", "bold underline")


def _line(out: Text, label: str, value: str | None, lang: str, style: str = "") -> None:
    """A labelled value; a long one goes under its label, so wrapping never strands the label."""
    if not value:
        return
    colon = "：" if lang == "zh" else ": "
    text = sanitize_multiline(value)
    out.append(f"{label}{colon}", "dim")
    if "\n" in text or display_width(text) > 48:
        out.append("\n")
    out.append(text, style)
    out.append("\n")


def render_detail(d: Detail, lang: str) -> Text:
    m, task = d.milestone, d.task
    out = Text()
    out.append(sanitize(m.code), "bold")
    out.append("  ")
    out.append(sanitize_multiline(m.metric), "bold")
    out.append(f"  {present.target(m, lang)}\n")
    facts = [
        f"{t('year', lang)} {m.year}",
        f"{t('due', lang)} {present.day(m.due, lang)}"
        + (f"（{sanitize(m.due_text)}）" if m.due_text else ""),
        f"{t('status', lang)} {present.status(m.status, lang)}",
    ]
    if m.actual is not None:
        facts.append(f"{t('actual', lang)} {present.actual(m)}")
    out.append(" · ".join(facts) + "\n")
    out.append(f"{present.rag(m.derived.rag, lang)} ", RAG_COLOUR.get(m.derived.rag, "dim"))
    out.append(f"{present.schedule(m.derived.schedule, lang)} · {sanitize(m.derived.reason)}\n")
    _line(out, t("lead", lang), present.unit(m.lead, lang) + _inherited(task, lang), lang)
    _line(out, t("co", lang), present.units(m.co, lang) or t("none", lang), lang)
    _line(out, t("task", lang), f"{task.code} {task.title}", lang)
    if m.programme_code != task.code:
        _line(out, t("programme", lang), f"{m.programme_code} {m.programme_title}", lang)
    _line(out, t("full_text", lang), task.text, lang)
    _line(out, t("quote", lang), m.quote or task.quote, lang, "italic")
    _line(out, t("note", lang), m.note, lang)
    _section(out, f"{t('evidence', lang)} ({len(d.evidence)})")
    for e in d.evidence:
        parts = [p for p in (e.text, e.doc_no, e.file_name and f"📎 {e.file_name} {e.file_sha256[:12]}") if p]
        accepted = f" ✓{sanitize(e.accepted_by)}" if e.accepted_by else ""
        unit = sanitize(t("evidence.for", lang, unit=present.unit(e.unit, lang))) if e.unit else ""
        out.append(f"#{e.id} {present.stamp(e.created_at)} {sanitize(e.author)}{unit}{accepted}: ", "dim")
        out.append(sanitize(" · ".join(parts)) + "\n")
    if not d.evidence:
        out.append(t("no_rows", lang) + "\n", "dim")
    if d.parts:
        _section(out, f"{t('progress.by_unit', lang)} ({len(d.parts)})")
        for p in d.parts:
            head = t("progress.part", lang, unit=present.unit(p.unit, lang), period=p.period, author=p.author)
            out.append(f"{sanitize(head)}: ", "dim")
            said = [v for v in (p.progress, p.problems, p.next_steps) if v]
            out.append(sanitize(" · ".join(said)) + "\n")
    _section(out, t("history", lang))
    for c in d.changes:
        out.append(f"{present.stamp(c.at)} {sanitize(c.actor)} ", "dim")
        _, field, old, new = present.change(c, lang)  # in words, as `tasktrack history` shows them
        what = f"{entity_word(c.entity, lang)}.{field}" if c.entity != "milestone" else field
        out.append(sanitize(f"{what}: {old or '∅'} → {new or '∅'}"))
        if c.reason and c.reason != c.new:
            out.append(sanitize(f"（{c.reason}）"), "italic")
        out.append("\n")
    if not d.changes:
        out.append(t("no_rows", lang) + "\n", "dim")
    return out


def _inherited(task: Any, lang: str) -> str:
    if task.lead_inherited_from:
        return f"（{t('inherited', lang)} {sanitize(task.lead_inherited_from)}）"
    return ""


class DetailPane(VerticalScroll):
    """Scrolls; shows nothing but a hint until a milestone is chosen."""

    def compose(self) -> ComposeResult:
        yield Static(id="detail-body")

    def show(self, detail: Detail | None, lang: str) -> None:
        body = self.query_one("#detail-body", Static)
        body.update(
            Text(t("tui.no_selection", lang), "dim") if detail is None else render_detail(detail, lang)
        )
