"""The peer: Taskwarrior holding a generated ledger's milestones as tasks.

Each milestone becomes a task: its target as the description, the plan as the project, the lead unit as
a tag, pending / completed / deleted as its status says. Taskwarrior has no --as-of, so due dates are
moved by the days from the benchmarks' date to today: `task +OVERDUE` then selects exactly the
milestones `tasktrack --as-of ... milestone list --overdue` lists (the harness checks the two counts).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

STATUS = {"done": "completed", "closed": "completed", "cancelled": "deleted"}
SQL = """SELECT m.id, m.code, m.metric, m.due, m.status, m.completed_on, pl.key, u.short_name
FROM milestone m JOIN plan pl ON pl.id = m.plan_id JOIN task t ON t.id = m.task_id
LEFT JOIN task p ON p.id = t.parent_id LEFT JOIN task g ON g.id = p.parent_id
LEFT JOIN responsibility r0 ON r0.task_id = t.id AND r0.role = 'lead'
LEFT JOIN responsibility r1 ON r1.task_id = p.id AND r1.role = 'lead'
LEFT JOIN responsibility r2 ON r2.task_id = g.id AND r2.role = 'lead'
LEFT JOIN unit u ON u.id = coalesce(r0.unit_id, r1.unit_id, r2.unit_id) ORDER BY m.id"""


def available() -> str | None:
    return shutil.which("task")


def env(data: Path) -> dict[str, str]:
    return {"TASKRC": str(data / "taskrc"), "TASKDATA": str(data)}


def prepare(db: Path, as_of: date, data: Path) -> int:
    """Import `db`'s milestones into a fresh Taskwarrior data directory; returns how many."""
    task = available()
    assert task is not None
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    # news.version: no "what's new" notice on stderr; everything else as Taskwarrior comes.
    (data / "taskrc").write_text(
        f"data.location={data}\nconfirmation=off\nverbose=nothing\nnews.version=2.6.0\n"
    )
    shift = datetime.now(UTC).date() - as_of + timedelta(days=1)  # due < as_of  ⇔  due + shift < now
    items = []
    for mid, code, metric, due, status, done_on, plan, lead in sqlite3.connect(db).execute(SQL):
        item = {
            "uuid": str(uuid.uuid5(uuid.NAMESPACE_OID, f"tasktrack-milestone-{mid}")),
            "description": f"{code} {metric}",
            "project": plan,
            "status": STATUS.get(status, "pending"),
            "entry": "20200101T000000Z",
            "due": f"{date.fromisoformat(due) + shift:%Y%m%d}T000000Z",
        }
        if lead:
            item["tags"] = [lead]
        if item["status"] != "pending":
            item["end"] = f"{date.fromisoformat(done_on or due):%Y%m%d}T000000Z"
        items.append(item)
    source = data / "import.json"
    source.write_text(json.dumps(items, ensure_ascii=False))
    run = {**os.environ, **env(data)}
    subprocess.run([task, "import", str(source)], env=run, check=True, capture_output=True)
    source.unlink()
    subprocess.run([task, "+OVERDUE", "export"], env=run, check=True, capture_output=True)  # first gc
    return len(items)


def overdue_count(data: Path) -> int:
    out = subprocess.run([available() or "task", "+OVERDUE", "export"], env={**os.environ, **env(data)},
                         check=True, capture_output=True)  # fmt: skip
    return len(json.loads(out.stdout or b"[]"))


if __name__ == "__main__":
    import sys

    from benchmarks.generate import AS_OF

    print(prepare(Path(sys.argv[1]), AS_OF, Path(sys.argv[2])), "tasks imported")
