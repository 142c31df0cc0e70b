"""Statements and transactions one milestone change costs, traced on the sqlite3 connection itself
(set_trace_callback sees the raw and the SQLAlchemy statements alike).

    python3 -m benchmarks.statements [progress|set|edit]

Prints the count and the statements; run it with another checkout's interpreter to compare."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import event

import tasktrack
from tasktrack.services.ledger import open_ledger

CHANGES = {
    "progress": lambda lg: lg.milestones.record_actual("kaizhou-7p:1-M1", 13),
    "set": lambda lg: lg.milestones.set_status("kaizhou-7p:1-M1", "done"),
    "edit": lambda lg: lg.milestones.edit("kaizhou-7p:1-M1", {"note": "按月调度"}),
}


def main(op: str = "progress") -> None:
    lg = open_ledger(str(Path(tempfile.mkdtemp()) / "t.db"), actor="tester")
    lg.loader.load(Path(tasktrack.__file__).parent.parent / "seed" / "kaizhou.yaml")
    lg.milestones.record_actual("kaizhou-7p:1-M1", 12)  # started: every change below is a plain update
    lg.ctx.engine.dispose()
    trace: list[str] = []

    @event.listens_for(lg.ctx.engine, "connect")
    def _connect(dbapi: Any, record: Any) -> None:
        dbapi.set_trace_callback(trace.append)

    CHANGES[op](lg)
    statements = [s for s in trace if not s.startswith("PRAGMA")]
    begins = sum(1 for s in statements if s.split()[0].upper() == "BEGIN")
    print(f"{op}: {len(statements)} statements (BEGIN and COMMIT included) in {begins} transaction(s)")
    for s in statements:
        print("  ", " ".join(s.split())[:110])


if __name__ == "__main__":
    main(*sys.argv[1:2])
