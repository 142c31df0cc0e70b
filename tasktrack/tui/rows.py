"""How each kind of row reads in the TUI's tables: the columns and the cells of one row, in zh or en."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tasktrack import present
from tasktrack.errors import say
from tasktrack.i18n import MESSAGES, t
from tasktrack.tui.widgets.paged_table import Cell, Column

RAG_STYLE = {"red": "red", "amber": "amber", "green": "green"}


def rag_cell(rag: str, lang: str) -> Cell:
    word = present.rag(rag, lang)
    return (f"● {word}" if rag in RAG_STYLE else word, RAG_STYLE.get(rag, "muted"))


# At 80×24 the facts stay (目标值, 实际, 完成时限, 状态, 序时进度, 灯): what gives way first is the lead unit
# and the year (both in the detail pane under the table), then, in English, whose status words are wider,
# the 目标内容 (the detail pane shows it whole for the row under the cursor).
MILESTONE_COLUMNS = [
    Column("code", 14),
    Column("year", 4, "right", drop=2),
    Column("metric", 0, min_width=10, drop=3),
    Column("target", 9, "right"),
    Column("actual", 8, "right"),
    Column("due", 10),
    Column("status", 6, width_en=11),
    Column("schedule", 10, width_en=11),
    Column("rag", 4, width_en=7),
    Column("lead", 16, width_en=18, drop=1),
]


def milestone_cells(m: Any, lang: str) -> list[Cell]:
    return [
        (m.code, None),
        (str(m.year), None),
        (m.metric, None),
        (present.target(m, lang), None),
        (present.actual(m), None),
        (m.due.isoformat(), "red" if m.derived.overdue else None),
        (present.status(m.status, lang), None),
        (present.schedule(m.derived.schedule, lang), None),
        rag_cell(m.derived.rag, lang),
        (present.unit(m.lead, lang), "muted" if m.lead is None else None),
    ]


@dataclass(frozen=True)
class GroupRow:
    """A heading row in a grouped list (a lead unit, or the unassigned)."""

    text: str
    id: object = None


# As in the milestone table, 目标值 and 实际 stay at 80 columns; in English the 目标内容 gives way (the detail
# pane shows it).
ATTENTION_COLUMNS = [
    Column("code", 14),
    Column("metric", 0, min_width=10, drop=1),
    Column("due", 10),
    Column("tui.days", 8, "right", width_en=10),
    Column("status", 6, width_en=11),
    Column("rag", 4, width_en=7),
    Column("target", 9, "right"),
    Column("actual", 8, "right"),
]


def attention_cells(row: Any, lang: str) -> list[Cell]:
    if isinstance(row, GroupRow):
        return [(row.text, "group")]
    m = row
    days = m.derived.days_left
    when = t("tui.days_late", lang, n=-days) if days < 0 else t("tui.days_left", lang, n=days)
    return [
        (m.code, None),
        (m.metric, None),
        (m.due.isoformat(), "red" if m.derived.overdue else "amber"),
        (when, "red" if days < 0 else "amber"),
        (present.status(m.status, lang), None),
        rag_cell(m.derived.rag, lang),
        (present.target(m, lang), None),
        (present.actual(m), None),
    ]


UNIT_COLUMNS = [
    Column("unit", 0, min_width=14),
    Column("tui.total", 6, "right", width_en=7),
    Column("sch.done", 6, "right", width_en=7),
    Column("sch.on_schedule", 6, "right", width_en=12),
    Column("sch.behind", 6, "right", width_en=7),
    Column("sch.not_started", 6, "right", width_en=12),
    Column("sch.overdue", 6, "right", width_en=8),
]


def unit_cells(summary: Any, lang: str) -> list[Cell]:
    c = summary.counts
    overdue = c.by.get("overdue", 0)
    return [
        (present.unit(summary.unit, lang), "muted" if summary.unit is None else None),
        (str(c.total), None),
        (str(c.by.get("done", 0)), "green" if c.by.get("done") else None),
        (str(c.by.get("on_schedule", 0)), None),
        (str(c.by.get("behind", 0)), "amber" if c.by.get("behind") else None),
        (str(c.by.get("not_started", 0)), None),
        (str(overdue), "red" if overdue else None),
    ]


# At 80 columns the reason stays (a change without its reason is half the record); who made it gives way
# first, then the item's width.
CHANGE_COLUMNS = [
    Column("when", 19),
    Column("who", 18, drop=1),
    Column("item", 18),
    Column("field", 12),
    Column("old", 0, min_width=6),
    Column("new", 0, min_width=8),
    Column("reason", 0, min_width=10),
]


def entity_word(entity: str, lang: str) -> str:
    key = f"tui.entity.{entity}"
    return t(key, lang) if key in MESSAGES else entity


def change_cells(c: Any, lang: str) -> list[Cell]:
    item, field, old, new = present.change(c, lang)  # in words, as `tasktrack history` shows them
    return [
        (present.stamp(c.at), "muted"),
        (present.who(c.actor, c.account, lang), None),
        (item, None),
        (field, None),
        (old, "muted"),
        (new, None),
        (present.reason(c, lang), "muted"),
    ]


INBOX_COLUMNS = [
    Column("review.ref", 5),
    Column("code", 16),
    Column("review.what", 8, width_en=18),
    Column("review.unit", 10, drop=2),
    Column("review.asks", 0, min_width=16),
    Column("author", 10, drop=1),
    Column("when", 19, drop=3),
    Column("review.state", 6, width_en=9),
]


def inbox_cells(i: Any, lang: str) -> list[Cell]:
    state = t(f"review.st.{i.state}", lang) + (f"：{i.note}" if i.note else "")
    style = {"pending": "amber", "rejected": "red", "returned": "red", "approved": "green"}.get(i.state)
    return [
        (i.ref, None),
        (i.milestone, None),
        (t(f"review.kind.{i.what}", lang), None),
        (i.unit or "", None),
        (say(i.asks, lang), None),
        (i.by, "muted"),
        (present.stamp(i.at), "muted"),
        (state, style),
    ]
