"""Reads for reporting duties and 考核 as SQL text (rawsql), so the light Reader and the Ledger share them.

Named rows are built here, next to the SQL that fills them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, NamedTuple

from tasktrack.store import owners
from tasktrack.store.rawsql import day, fetch


class DutyRow(NamedTuple):
    id: int
    plan_id: int | None
    plan_key: str | None
    unit_id: int | None
    phrase: str
    cadence: str
    day: int | None
    what: str
    starts: date


class UnitRow(NamedTuple):
    id: int
    name: str
    short_name: str | None
    email: str | None
    is_demo: bool
    retired_on: date | None


class FilingRow(NamedTuple):
    """A progress report as a filing: who, for which period, on which plan, and the day it was filed."""

    id: int
    unit_id: int
    period: str
    plan_id: int
    filed_on: date


DUTIES = """SELECT d.id, d.plan_id, p.key, d.unit_id, d.phrase, d.cadence, d.day, d.what, d.starts
FROM duty d LEFT JOIN plan p ON p.id = d.plan_id ORDER BY d.id"""
UNITS = "SELECT id, name, short_name, email, is_demo, retired_on FROM unit ORDER BY id"
# A plan's lead units: those that lead a task of it (sub-tasks inherit their parent's lead).
PLAN_LEADS = """SELECT DISTINCT t.plan_id, r.unit_id FROM responsibility r JOIN task t ON t.id = r.task_id
WHERE r.role = 'lead' ORDER BY t.plan_id, r.unit_id"""
FILINGS = """SELECT pr.id, pr.unit_id, pr.period, t.plan_id, pr.created_at FROM progressreport pr
JOIN task t ON t.id = pr.task_id WHERE pr.unit_id IS NOT NULL ORDER BY pr.id"""


def duties(conn: Any) -> list[DutyRow]:
    return [DutyRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], day(r[8]) or date.min) for r in fetch(conn, DUTIES)]


def units(conn: Any) -> dict[int, UnitRow]:
    return {r[0]: UnitRow(r[0], r[1], r[2], r[3], bool(r[4]), day(r[5])) for r in fetch(conn, UNITS)}


def plan_leads(conn: Any) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for plan_id, unit_id in fetch(conn, PLAN_LEADS):
        out.setdefault(plan_id, []).append(unit_id)
    return out


def filings(conn: Any) -> list[FilingRow]:
    return [FilingRow(r[0], r[1], r[2], r[3], local_day(r[4])) for r in fetch(conn, FILINGS)]


def duty_reminders_sent(conn: Any) -> set[tuple[int, int, str, str]]:
    """(duty, unit, period, stage) of every duty reminder sent."""
    return {(r[0], r[1], r[2], r[3]) for r in fetch(conn, "SELECT duty_id, unit_id, period, stage FROM dutyremindersent")}


def local_day(value: Any) -> date:
    """A stored time (UTC; SQLite gives ISO text without a zone) as the day it was in local time, as
    present.stamp shows it."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().date()


# -- 考核: the ledger rows behind each score ----------------------------------------------------------

class ScoredMilestone(NamedTuple):
    """A milestone due in the scored year, with its lead unit (inherited from the task's ancestors)."""

    id: int
    code: str
    plan_key: str
    lead_id: int | None
    due: date
    status: str
    completed_on: date | None


class ScoredEvidence(NamedTuple):
    id: int
    milestone_id: int | None
    task_id: int | None
    accepted: bool
    rejected: bool
    created_on: date


class ScoredRequest(NamedTuple):
    id: int
    milestone_id: int
    kind: str
    state: str
    decided_on: date | None


# The lead is the one definition of store.owners: the task's own, else the nearest one up the chain.
MILESTONES = f"""SELECT m.id, m.code, p.key, {owners.lead("unit_id")}, m.due, m.status, m.completed_on
FROM milestone m JOIN plan p ON p.id = m.plan_id JOIN task t ON t.id = m.task_id{owners.lead_joins("t")}
WHERE m.year = :year ORDER BY m.id"""
EVIDENCE = """SELECT e.id, e.milestone_id, e.task_id, e.accepted_by IS NOT NULL, e.rejected_by IS NOT NULL,
e.created_at FROM evidence e ORDER BY e.id"""
REQUESTS = """SELECT r.id, r.milestone_id, r.kind, r.state, r.decided_at FROM request r ORDER BY r.id"""


def scored_milestones(conn: Any, year: int) -> list[ScoredMilestone]:
    return [
        ScoredMilestone(r[0], r[1], r[2], r[3], day(r[4]) or date.min, r[5], day(r[6]))
        for r in fetch(conn, MILESTONES, {"year": year})
    ]


def scored_evidence(conn: Any) -> list[ScoredEvidence]:
    return [ScoredEvidence(r[0], r[1], r[2], bool(r[3]), bool(r[4]), local_day(r[5])) for r in fetch(conn, EVIDENCE)]


def scored_requests(conn: Any) -> list[ScoredRequest]:
    return [
        ScoredRequest(r[0], r[1], r[2], r[3], local_day(r[4]) if r[4] is not None else None)
        for r in fetch(conn, REQUESTS)
    ]
