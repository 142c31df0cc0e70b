"""三色督办: the escalation ladder. Each reminder item is on a stage (蓝 near its due date, 黄 behind 序时 or
just overdue, 红 long overdue or returned repeatedly; the bounds are settings), each stage is sent once per
item and unit and copied upward to the contacts the settings name for it (the unit's 分管领导, the
coordinating office's head); the sent-log keeps the stages an item went through, which is its colour
history ("红→黄 2022-03-01")."""

from __future__ import annotations

from datetime import date
from typing import Any

from tasktrack.config import CC_ROLES, Contact, Settings, contact, leaders
from tasktrack.i18n import t
from tasktrack.store.rawsql import day, fetch

__all__ = ["CC_ROLES", "COLOURS", "Contact", "colour_of", "contact", "histories", "leaders", "stage_key"]

COLOURS = ("blue", "yellow", "red")  # lowest first
PREFIX = "ladder-"


def colour_of(level: str, days_left: int, returns: int, s: Settings) -> str | None:
    """The stage of an item on the ladder: red when overdue by more than ladder_red_overdue_days or
    returned ladder_red_returns times; yellow when behind 序时 or overdue up to that; blue when due within
    ladder_blue_days; none otherwise (a stale item is chased, not escalated)."""
    if returns >= s.ladder_red_returns or (days_left < 0 and -days_left > s.ladder_red_overdue_days):
        return "red"
    if days_left < 0 or level == "lagging":
        return "yellow"
    if level == "due_soon" and days_left <= s.ladder_blue_days:
        return "blue"
    return None


def stage_key(colour: str, history: list[tuple[str, str, date]], as_of: date) -> str:
    """The sent-log stage of `colour` now: the stage already entered when the item is still on it (sent
    once); ladder-COLOUR the first time; ladder-COLOUR-DATE on coming back to it after another colour."""
    if history and history[-1][0] == colour:
        return history[-1][1]
    if all(c != colour for c, _, _ in history):
        return PREFIX + colour
    return f"{PREFIX}{colour}-{as_of.isoformat()}"


HISTORY = """SELECT milestone_id, stage, as_of, id FROM remindersent WHERE stage LIKE 'ladder-%' ORDER BY as_of, id"""


def histories(conn: Any) -> dict[int, list[tuple[str, str, date]]]:
    """Per milestone, the ladder stages it was sent at, in order: (colour, stage, first day), each once."""
    out: dict[int, list[tuple[str, str, date]]] = {}
    for mid, stage, as_of, _ in fetch(conn, HISTORY):
        steps = out.setdefault(mid, [])
        if any(st == stage for _, st, _ in steps):
            continue  # the same stage sent to another unit of the item
        colour = stage[len(PREFIX) :].split("-", 1)[0]
        when = day(as_of)
        assert when is not None  # remindersent.as_of is NOT NULL
        steps.append((colour, stage, when))
    return out


def returns(conn: Any) -> dict[int, int]:
    """Per milestone, how many times a closure request on it was returned (退回)."""
    rows = fetch(conn, "SELECT milestone_id, count(*) FROM request WHERE state = 'returned' GROUP BY milestone_id")
    return {mid: n for mid, n in rows}


def history_text(steps: list[tuple[str, str, date]], lang: str, current: str | None = None) -> str:
    """蓝 2021-12-24 → 黄 2022-01-01 → 红 2022-02-01: the stages sent, with the day each was entered."""
    parts = [f"{t('ladder.' + c, lang)} {d.isoformat()}" for c, _, d in steps]
    if current is not None and steps and steps[-1][0] != current:
        parts.append(t("ladder.now", lang, colour=t("ladder." + current, lang)))
    return " → ".join(parts)
