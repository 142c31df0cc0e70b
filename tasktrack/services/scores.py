"""考核: each unit's score for a year, from the ledger's rows as they stood on a date, by a rules file.

Every item a rule counts is a row (milestone, progress report, evidence, request; a duty's period where
nothing was filed) that was in the ledger by `as_of`; so the same database and date always give the same
scores, and each point can be traced (`--explain`).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date
from typing import Any

from tasktrack.domain import scoring
from tasktrack.domain.scoring import Item, Rules, UnitScore
from tasktrack.services.duties import filings
from tasktrack.store import duty_sql

DONE = ("done", "closed")

Connect = Callable[[], AbstractContextManager[Any]]


def _done_by(m: duty_sql.ScoredMilestone, day: date) -> bool:
    return m.status in DONE and m.completed_on is not None and m.completed_on <= day


def unit_items(connect: Connect, year: int, as_of: date) -> dict[int, dict[str, list[Item]]]:
    """unit id → measure → the items of that measure, each naming its row."""
    with connect() as conn:
        milestones = [m for m in duty_sql.scored_milestones(conn, year) if m.status != "cancelled"]
        evidence = [e for e in duty_sql.scored_evidence(conn) if e.created_on <= as_of]
        requests = duty_sql.scored_requests(conn)
    out: dict[int, dict[str, list[Item]]] = {}

    def add(unit_id: int, measure: str, item: Item) -> None:
        out.setdefault(unit_id, {}).setdefault(measure, []).append(item)

    for m in milestones:
        if m.lead_id is None:
            continue
        name = f"{m.plan_key}:{m.code}"
        done = _done_by(m, as_of)
        if m.due <= as_of or done:
            on_time = done and m.completed_on is not None and m.completed_on <= m.due
            when = m.completed_on.isoformat() if done and m.completed_on else "—"
            add(m.lead_id, "on_time_completion", Item(f"m{m.id}", on_time, f"{name} {m.due.isoformat()} {when}"))
        if m.due < as_of and not done:
            add(m.lead_id, "overdue", Item(f"m{m.id}", False, f"{name} {m.due.isoformat()}"))
    leads = {m.id: m.lead_id for m in milestones}
    codes = {m.id: f"{m.plan_key}:{m.code}" for m in milestones}
    first: dict[int, duty_sql.ScoredEvidence] = {}
    for e in evidence:  # in id order: the first item reviewed on each milestone
        if e.milestone_id in leads and (e.accepted or e.rejected) and e.milestone_id not in first:
            first[e.milestone_id] = e
    for mid, e in sorted(first.items()):
        lead = leads[mid]
        if lead is not None:
            add(lead, "evidence", Item(f"e{e.id}", e.accepted, codes[mid]))
    for r in requests:
        lead = leads.get(r.milestone_id)
        if lead is not None and r.kind == "closure" and r.state == "returned" and r.decided_on and r.decided_on <= as_of:
            add(lead, "returns", Item(f"r{r.id}", False, codes[r.milestone_id]))
    for f in filings(connect, as_of, year=year):
        if f.state == "open":
            continue
        ref = f"p{f.report_id}" if f.report_id is not None else f"d{f.duty_id}/{f.period}"
        add(f.unit.id, "reporting", Item(ref, f.state == "on_time", f"{f.period} {f.state}"))
    return out


def scores(connect: Connect, year: int, as_of: date, rules: Rules, lang: str = "zh") -> list[UnitScore]:
    """Each unit with anything to score, in unit id order (named as present.unit names it in `lang`)."""
    from tasktrack import present

    items = unit_items(connect, year, as_of)
    with connect() as conn:
        units = duty_sql.units(conn)
    return [
        scoring.score(uid, present.unit(units[uid], lang), rules, {k: tuple(v) for k, v in items[uid].items()})
        for uid in sorted(items)
    ]
