"""Time to the TUI's first interactive frame: an empty ledger against a city-sized one.

    python benchmarks/tui_first_frame.py                      # 200,000 tasks, 1,000,000 milestones, 5 runs
    python benchmarks/tui_first_frame.py --tasks 20000 --milestones 100000 --runs 3
    python benchmarks/tui_first_frame.py --dir /tmp/ttbench   # keep (and reuse) the generated databases
    python benchmarks/tui_first_frame.py --proposed-index     # also: with an index the schema lacks today

The large database is written straight into SQLite with executemany (the services' one-row-at-a-time
writes would take an hour for a million milestones): plans, a programme → task tree, lead units on the
programmes, five milestones a task. Each run opens the ledger and starts the app with App.run_test at
120×36, and records:

  first frame   until the first screen is composed and has handled its first events (keys work)
  key latency   one key press (toggle the help panel) while the milestones are still being fetched
  first rows    until the milestone table shows its first page (fetched on a worker thread)

and prints the median of each, and the large/empty ratio.

The first page is `ORDER BY plan_id, position, id LIMIT 100` over the milestones joined to their task chain;
without an index in that order SQLite sorts every row for every page. --proposed-index measures a copy of
the large database with `CREATE INDEX ix_milestone_plan_position ON milestone (plan_id, position, id)`,
and ANALYZE, the migration this benchmark argues for (neither is in the schema or the code yet).
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from textual import events

from tasktrack.services.ledger import open_ledger
from tasktrack.tui.app import TaskTrackApp
from tasktrack.tui.widgets.paged_table import PagedTable

AS_OF = date(2022, 1, 10)
STATUSES = ("not_started", "in_progress", "done", "blocked")


def build(
    path: Path, tasks: int, milestones: int, plans: int = 4, programmes: int = 50, units: int = 200
) -> None:
    """A ledger of `tasks` tasks and `milestones` milestones, written in bulk (schema by the migrations)."""
    path.unlink(missing_ok=True)
    open_ledger(str(path), actor="bench").close()  # creates and migrates the schema
    con = sqlite3.connect(path)
    con.execute("PRAGMA synchronous = OFF")
    con.executemany(
        "INSERT INTO plan (id, key, title, period_start, period_end, version) VALUES (?, ?, ?, 2021, 2025, 1)",
        [(p, f"city-{p}", f"城市科技创新规划（{p}）") for p in range(1, plans + 1)],
    )
    con.executemany(
        "INSERT INTO unit (id, name, short_name, is_demo, version) VALUES (?, ?, ?, 0, 1)",
        [(u, f"示例单位{u}", f"单位{u}") for u in range(1, units + 1)],
    )
    rows = list(_tasks(tasks, plans, programmes))
    con.executemany(
        "INSERT INTO task (id, plan_id, parent_id, depth, code, title, position, status, version)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, 'not_started', 1)",
        rows,
    )
    con.executemany(
        "INSERT INTO responsibility (task_id, unit_id, role, is_demo) VALUES (?, ?, 'lead', 0)",
        [(r[0], r[0] % units + 1) for r in rows if r[3] == 1],
    )
    con.executemany(
        "INSERT INTO milestone (id, plan_id, task_id, code, metric, year, due, target, unit, comparison, kind,"
        " cumulative, aspirational, status, position, version)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, 10, '家', '>=', 'increment', 0, 0, ?, ?, 1)",
        _milestones(rows, milestones // max(tasks, 1)),
    )
    con.commit()
    con.execute("ANALYZE")
    con.close()


def _tasks(n: int, plans: int, programmes: int) -> Iterator[tuple[int, int, int | None, int, str, str, int]]:
    tid = 0
    for plan in range(1, plans + 1):
        first = tid + 1
        for k in range(n // plans):
            tid += 1
            if k < programmes:
                yield (tid, plan, None, 1, f"P{k + 1}", f"工程{k + 1}", k)
            else:
                yield (tid, plan, first + k % programmes, 2, f"P{k % programmes + 1}-{k}", f"重点任务{k}", k)


def _milestones(tasks: list[tuple], per_task: int) -> Iterator[tuple]:
    mid = 0
    for t in tasks:
        for j in range(per_task):
            mid += 1
            year = 2021 + j % 5
            yield (
                mid,
                t[1],
                t[0],
                f"{t[4]}-M{j + 1}",
                f"年度目标{mid}",
                year,
                f"{year}-12-31",
                STATUSES[mid % 4],
                mid,
            )


class BenchApp(TaskTrackApp):
    """The app, noting when its first frame was shown and when a key's action ran."""

    ready_at = 0.0
    key_done: asyncio.Event

    def on_ready(self) -> None:
        self.ready_at = time.perf_counter()

    def action_toggle_help(self) -> None:
        super().action_toggle_help()
        self.key_done.set()


async def measure(db: Path) -> tuple[float, float, float]:
    """Times from opening the ledger; none waits for the process to go idle (workers keep it busy)."""
    start = time.perf_counter()
    ledger = open_ledger(str(db), actor="bench", clock=lambda: AS_OF)
    app = BenchApp(ledger)
    app.key_done = asyncio.Event()
    async with app.run_test(size=(120, 36)):
        while not app.ready_at:
            await asyncio.sleep(0.001)
        first_frame = app.ready_at - start
        sent = time.perf_counter()  # a key while the first page and the count are still being fetched
        key_event = events.Key("question_mark", "?")
        key_event.set_sender(app)
        app._driver.send_message(key_event)  # as a terminal's key press arrives (what Pilot.press does)
        await asyncio.wait_for(app.key_done.wait(), 60)
        key = time.perf_counter() - sent
        table = app.screen.query_one("#milestones", PagedTable)
        while table.row_at(0) is None and table.row_count != 0:
            await asyncio.sleep(0.002)
        first_rows = time.perf_counter() - start
        await app.workers.wait_for_complete()
    ledger.close()
    return first_frame, key, first_rows


def run(db: Path, runs: int) -> list[float]:
    results = [asyncio.run(measure(db)) for _ in range(runs)]
    return [statistics.median(r[i] for r in results) for i in range(3)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=200_000)
    parser.add_argument("--milestones", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--dir", type=Path, default=None, help="where to keep the databases (reused if there)"
    )
    parser.add_argument("--proposed-index", action="store_true", help="also measure with the proposed index")
    args = parser.parse_args()
    where = args.dir or Path(tempfile.mkdtemp(prefix="tasktrack-bench-"))
    where.mkdir(parents=True, exist_ok=True)
    empty, large = where / "empty.db", where / f"large-{args.tasks}-{args.milestones}.db"
    if not empty.exists():
        open_ledger(str(empty), actor="bench").close()
    if not large.exists():
        began = time.perf_counter()
        build(large, args.tasks, args.milestones)
        print(
            f"built {large.name} ({large.stat().st_size / 2**20:.0f} MiB) in {time.perf_counter() - began:.1f} s"
        )
    report(args.runs, run(empty, args.runs), run(large, args.runs), "large")
    if args.proposed_index:
        indexed = where / f"indexed-{large.name}"
        if not indexed.exists():
            shutil.copy(large, indexed)
            with sqlite3.connect(indexed) as con:
                con.execute("CREATE INDEX ix_milestone_plan_position ON milestone (plan_id, position, id)")
                con.execute("ANALYZE")  # the planner uses an index in this join only once it has statistics
        report(args.runs, run(empty, args.runs), run(indexed, args.runs), "indexed")


def report(runs: int, empty: list[float], large: list[float], name: str) -> None:
    print(f"median of {runs} runs    empty {name:>10}   {name}/empty")
    for what, a, b in zip(("first frame", "key latency", "first rows"), empty, large, strict=True):
        print(f"{what:<16} {a * 1000:7.0f} ms {b * 1000:7.0f} ms   {b / a:6.2f}×")


if __name__ == "__main__":
    main()
