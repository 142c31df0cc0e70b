"""What a circular's annex quotes for each milestone: its evidence notes, read in bulk.

The annex needs the words of each piece of evidence and whether it was accepted, not its timestamps:
reading a city's two million notes as EvidenceViews (every time parsed) would cost more than the rest
of the report.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from tasktrack.services.source import LedgerReader
from tasktrack.store import rawsql

SQL = (
    """SELECT e.id, e.milestone_id, e.task_id, e.text, e.doc_no, e.file_name, e.accepted_by FROM evidence e"""
)
IN_PLAN = """ WHERE e.milestone_id IN (SELECT id FROM milestone WHERE plan_id = :plan)
OR e.task_id IN (SELECT id FROM task WHERE plan_id = :plan)"""


class EvidenceNote(NamedTuple):
    id: int
    milestone_id: int | None
    task_id: int | None
    text: str | None
    doc_no: str | None
    file_name: str | None
    accepted_by: str | None


def evidence_notes(source: LedgerReader, plan: str | None = None) -> dict[int, EvidenceNote]:
    """Every piece of evidence (on the plan's milestones and tasks, if given), by id, in id order."""
    with source.connect() as conn:
        params: dict[str, Any] = {}
        sql = SQL
        if plan:
            sql += IN_PLAN
            params["plan"] = rawsql.plan_id(conn, plan)
        rows = rawsql.fetch(conn, sql + " ORDER BY e.id", params)
    return {r[0]: EvidenceNote(*r) for r in rows}
