"""The terminal UI's two timings, each in a process of its own, printed as JSON (medians, seconds).

    python -m benchmarks.ui first-frame LEDGER.db --runs 5   # via benchmarks/tui_first_frame.py
    python -m benchmarks.ui filter LEDGER.db --runs 5
    python -m benchmarks.ui all LEDGER.db --empty EMPTY.db --runs 5   # both; first frames on EMPTY.db too

first-frame: the TUI engineer's measurement (App.run_test at 120×36): until the first screen is up and
takes keys, and until the milestone table shows its first page.
filter: on the plan screen with the first page shown, `/` opens the filter dialog, a word is typed, and
the clock runs from the Enter that applies it until the table has drawn itself again with the first page
of matches (fetched on a worker thread); the count that follows is not waited for.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
from pathlib import Path
from typing import Any

from benchmarks.generate import AS_OF

WORDS = ("高新", "孵化器", "专利", "科技型企业", "研发机构", "人才", "平台", "成果")


async def _until(check: Any, timeout: float = 120) -> None:
    began = time.perf_counter()
    while not check():
        if time.perf_counter() - began > timeout:
            raise TimeoutError("the TUI did not get there in time")
        await asyncio.sleep(0.001)


async def filter_times(db: Path, words: tuple[str, ...]) -> list[float]:
    from textual.widgets import Input

    from tasktrack.config import Settings
    from tasktrack.services.ledger import open_ledger
    from tasktrack.tui.app import TaskTrackApp
    from tasktrack.tui.modals.find import FilterModal

    ledger = open_ledger(str(db), actor="bench", clock=lambda: AS_OF, settings=Settings())
    app = TaskTrackApp(ledger)
    times = []
    async with app.run_test(size=(120, 36)) as pilot:
        plan = app.screen
        table = plan.query_one("#milestones")
        await _until(lambda: table.row_at(0) is not None)
        await app.workers.wait_for_complete()
        painted = _watch_paint(table)
        for word in words:
            await pilot.press("slash")
            await _until(lambda: isinstance(app.screen, FilterModal))
            field = app.screen.query_one("#text", Input)
            field.value = word
            field.focus()
            await pilot.pause()
            began = time.perf_counter()
            press = asyncio.ensure_future(pilot.press("enter"))  # returns only once the app is idle
            await _until(
                lambda w=word: plan.spec.text == w and (table.row_at(0) is not None or table.row_count == 0)
            )
            shown = time.perf_counter()
            await _until(lambda s=shown: bool(painted) and painted[-1] >= s)  # the table drew a line since
            times.append(painted[-1] - began)
            await press
            await app.workers.wait_for_complete()
    ledger.close()
    return times


def _watch_paint(table: Any) -> list[float]:
    """When the table last drew a line: its render_line, timed (instrumentation on this instance only)."""
    painted: list[float] = []
    draw = table.render_line

    def render_line(y: int) -> Any:
        line = draw(y)
        painted.append(time.perf_counter())
        return line

    table.render_line = render_line
    return painted


def first_frames(db: Path, runs: int) -> dict[str, float]:
    from benchmarks import tui_first_frame

    results = [asyncio.run(tui_first_frame.measure(db)) for _ in range(runs)]
    return {
        name: statistics.median(r[i] for r in results)
        for i, name in enumerate(("first_frame", "key", "first_rows"))
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("first-frame", "filter", "all"))
    parser.add_argument("db", type=Path)
    parser.add_argument("--empty", type=Path, help="with all: the empty ledger to compare first frames with")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    out: dict[str, Any] = {}
    if args.what in ("first-frame", "all"):
        out.update(first_frames(args.db, args.runs))
    if args.what == "all" and args.empty:
        out["empty"] = first_frames(args.empty, args.runs)
    if args.what in ("filter", "all"):
        words = (WORDS * (1 + args.runs // len(WORDS)))[: max(args.runs, 3)]
        times = asyncio.run(filter_times(args.db, words))
        out.update(filter=statistics.median(times), times=times, words=list(words))
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
