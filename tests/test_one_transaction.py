"""One milestone field update is one transaction: the change, its change-log row and the view the command
answers with, read on the same connection (traced on the sqlite3 connection itself, which sees the raw
and the SQLAlchemy statements alike)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import event

from tasktrack.services.ledger import Ledger
from tests.conftest import BACKEND

pytestmark = pytest.mark.skipif(BACKEND != "sqlite", reason="traced on the sqlite3 connection")


def _traced(ledger: Ledger) -> list[str]:
    trace: list[str] = []
    ledger.ctx.engine.dispose()

    @event.listens_for(ledger.ctx.engine, "connect")
    def _connect(dbapi: Any, record: Any) -> None:
        dbapi.set_trace_callback(trace.append)

    return trace


@pytest.mark.parametrize(
    "change",
    [
        lambda lg: lg.milestones.record_actual("kaizhou-7p:1-M1", 13),
        lambda lg: lg.milestones.set_status("kaizhou-7p:1-M1", "in_progress"),
        lambda lg: lg.milestones.edit("kaizhou-7p:1-M1", {"note": "按月调度"}),
    ],
    ids=["progress", "set", "edit"],
)
def test_a_milestone_change_and_its_answer_are_one_transaction(ledger: Ledger, change: Any) -> None:
    trace = _traced(ledger)
    view = change(ledger)
    statements = [s for s in trace if not s.startswith("PRAGMA")]
    begins = [s for s in statements if s.split()[0].upper() == "BEGIN"]
    assert [s.split()[0].upper() for s in begins] == ["BEGIN"] and begins[0].upper() == "BEGIN IMMEDIATE"
    assert statements[-1].upper() == "COMMIT"
    assert len(statements) <= 16, statements  # no re-reads creeping in (14 for `progress` here)
    assert view.version == ledger.milestones.get("kaizhou-7p:1-M1").version  # the answer is what was saved
