"""A big 台账 import is checked and applied on a private copy and swapped in by one short write transaction
(issue 17: a 10,000-row import held SQLite's write lock ~100 s and concurrent writers failed with "database
is locked"). Still all or nothing, still one command in the change log, the chain whole; a change made
meanwhile to what the sheet touches is seen (the row is refused as stale), one made elsewhere is kept."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tasktrack.importers.planfile import ImportErrors
from tasktrack.services import ledger_import
from tasktrack.services.history import HistoryFilter
from tasktrack.services.ledger import Ledger
from tasktrack.store import chain, staging
from tasktrack.store.engine import read_connection
from tests.conftest import make_ledger
from tests.test_ledger_import import apply, export_csv, snapshot, write_csv

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def swaps(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Stage every import (however few its rows) and record what each swap returned."""
    monkeypatch.setattr(ledger_import, "STAGE_ROWS", 1)
    seen: list[bool] = []
    swap = staging.Stage.swap

    def recorded(self: staging.Stage, conflicts: Any) -> bool:
        seen.append(swap(self, conflicts))
        return seen[-1]

    monkeypatch.setattr(staging.Stage, "swap", recorded)
    return seen


def before_swap(monkeypatch: pytest.MonkeyPatch, act: Any) -> None:
    """Run `act()` once, as another writer would, after the stage is applied and before it is swapped in."""
    swap = staging.Stage.swap
    done: list[bool] = []

    def meanwhile(self: staging.Stage, conflicts: Any) -> bool:
        if not done:
            done.append(True)
            act()
        return swap(self, conflicts)

    monkeypatch.setattr(staging.Stage, "swap", meanwhile)


def chain_ok(ledger: Ledger) -> bool:
    with read_connection(ledger.ctx.engine) as conn:
        return chain.verify(conn).ok


def edited_sheet(cli: Any, tmp_path: Path) -> Path:
    path = export_csv(cli, tmp_path, "--plan", "kaizhou-7p")
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    head = rows[0]
    row = next(r for r in rows if r[head.index("编号")] == "1-M2")
    row[head.index("实际")] = "15"
    row[head.index("进展情况")] = "已完成摸底"
    return write_csv(path, rows)


def other_milestone(ledger: Ledger) -> str:
    """A numeric milestone of another plan, open: one a concurrent writer may change meanwhile."""
    m = next(
        m for m in ledger.milestones.list()
        if m.plan != "kaizhou-7p" and m.kind != "event" and m.status not in ("done", "closed")
    )  # fmt: skip
    return f"{m.plan}:{m.code}"


@pytest.mark.sqlite_only
def test_a_staged_import_is_swapped_in_as_one_command(
    cli: Any, demo_ledger: Ledger, tmp_path: Path, swaps: list[bool]
) -> None:
    path = edited_sheet(cli, tmp_path)
    changes = snapshot(demo_ledger)[0]
    result = apply(demo_ledger, path)
    assert swaps == [True]
    m = demo_ledger.milestones.get("kaizhou-7p:1-M2")
    assert m.actual == 15
    assert (result.milestones, result.reports) == (1, 1)
    logged = demo_ledger.history.list(HistoryFilter(limit=None))
    assert len(logged) == changes + result.changes
    ours = [c for c in logged if c.command == "import ledger ledger.csv"]
    assert len(ours) == result.changes and len({c.command_id for c in ours}) == 1
    assert chain_ok(demo_ledger)
    again = apply(demo_ledger, path)  # the sheet now shows what is stored
    assert (again.changes, swaps) == (0, [True, True])


@pytest.mark.sqlite_only
def test_a_dry_run_is_staged_and_never_swapped(cli: Any, demo_ledger: Ledger, tmp_path: Path, swaps: list[bool]) -> None:
    path = edited_sheet(cli, tmp_path)
    before = snapshot(demo_ledger)
    result = apply(demo_ledger, path, dry_run=True)
    assert {(c.code, c.field, c.new) for c in result.diff} >= {("1-M2", "actual", "15")}
    assert swaps == [] and snapshot(demo_ledger) == before


@pytest.mark.sqlite_only
def test_errors_found_on_the_stage_write_nothing(demo_ledger: Ledger, tmp_path: Path, swaps: list[bool]) -> None:
    path = write_csv(tmp_path / "t.csv", [["编号", "实际"], ["kaizhou-7p:1-M2", "15"], ["kaizhou-7p:9-M9", "1"]])
    before = snapshot(demo_ledger)
    with pytest.raises(ImportErrors, match="no milestone '9-M9'"):
        apply(demo_ledger, path)
    assert swaps == [] and snapshot(demo_ledger) == before


@pytest.mark.sqlite_only
def test_a_change_elsewhere_meanwhile_is_kept_and_the_import_goes_after_it(
    cli: Any, demo_ledger: Ledger, tmp_path: Path, swaps: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = edited_sheet(cli, tmp_path)
    other = other_milestone(demo_ledger)
    colleague = make_ledger(demo_ledger.ctx.engine.url.database, actor="同事")  # type: ignore[arg-type]
    before_swap(monkeypatch, lambda: colleague.milestones.record_actual(other, 7))
    apply(demo_ledger, path)
    assert demo_ledger.milestones.get(other).actual == 7
    assert demo_ledger.milestones.get("kaizhou-7p:1-M2").actual == 15
    assert chain_ok(demo_ledger)
    logged = demo_ledger.history.list(HistoryFilter(limit=None))
    commands = [c.command for c in sorted(logged, key=lambda c: c.id)]
    assert commands[-1] == "import ledger ledger.csv" and "milestone progress" in commands[-12:]


@pytest.mark.sqlite_only
def test_a_change_meanwhile_to_a_row_of_the_sheet_makes_that_row_stale(
    cli: Any, demo_ledger: Ledger, tmp_path: Path, swaps: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = edited_sheet(cli, tmp_path)
    colleague = make_ledger(demo_ledger.ctx.engine.url.database, actor="同事")  # type: ignore[arg-type]
    before_swap(monkeypatch, lambda: colleague.milestones.record_actual("kaizhou-7p:1-M2", 9))
    before = snapshot(demo_ledger)
    with pytest.raises(ImportErrors, match="1-M2 was changed by 同事"):
        apply(demo_ledger, path)
    # The first stage was not swapped in (nothing of it written); the second saw the change and refused.
    assert swaps == [False]
    assert demo_ledger.milestones.get("kaizhou-7p:1-M2").actual == 9
    assert snapshot(demo_ledger)[0] == before[0] + 1  # the colleague's change, nothing of the import
    assert chain_ok(demo_ledger)


# ---- a real concurrent writer ---------------------------------------------------------------------------


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "TASKTRACK_DB"}
    env.update(TASKTRACK_CONFIG=os.devnull, TZ="UTC", LANG="C.UTF-8", PYTHONPATH=str(ROOT))
    return env


@pytest.mark.slow
@pytest.mark.sqlite_only
def test_a_concurrent_writer_never_meets_a_locked_database_during_a_big_import(tmp_path: Path) -> None:
    """2,000 rows of the benchmarks' small ledger, each changing something, imported while a second process
    runs `milestone progress` in a loop with the normal busy timeout: the import's write lock is held for a
    moment, and the writer never fails."""
    from benchmarks.ledger_import import ten_thousand_rows

    env = _env()
    db = tmp_path / "small.db"
    subprocess.run([sys.executable, "-m", "benchmarks.generate", "small", str(db)], env=env, check=True,
                   capture_output=True, cwd=ROOT)  # fmt: skip
    sheet = ten_thousand_rows(tmp_path, db, 2_000)
    with sqlite3.connect(db) as conn:
        (ref,) = conn.execute(
            "SELECT id FROM milestone WHERE kind = 'increment' AND status NOT IN ('done', 'closed') "
            "ORDER BY id DESC LIMIT 1"
        ).fetchone()
    stop, times = tmp_path / "stop", tmp_path / "holds.json"
    writer = subprocess.Popen([sys.executable, "-m", "benchmarks.ledger_import", "writer", str(db), str(stop),
                               str(ref)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              cwd=ROOT)  # fmt: skip
    try:
        time.sleep(1)
        began = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.ledger_import", "child", "--db", str(db), "import", "ledger",
             str(sheet)], env={**env, "LOCK_TIMES": str(times)}, capture_output=True, text=True, cwd=ROOT,
            timeout=900,
        )  # fmt: skip
        took = time.perf_counter() - began
    finally:
        stop.touch()
        out, err = writer.communicate(timeout=120)
    assert done.returncode == 0, done.stderr
    assert "已导入 ledger-2000.csv，2000 行" in done.stderr, done.stderr
    holds = json.loads(times.read_text())
    # One write transaction on the ledger, short: the swap. The import itself ran on the private copy.
    assert len(holds["ledger"]) == 1 and len(holds["stage"]) == 1, holds
    assert holds["ledger"][0] < 5, f"the swap held the write lock {holds['ledger'][0]:.1f} s of {took:.0f} s"
    assert holds["stage"][0] > 2 * holds["ledger"][0], holds
    ok, failed = (int(out.split()[0]), int(out.split()[2]))
    assert failed == 0 and ok > 0, out + err
    assert "locked" not in err, err


@pytest.mark.sqlite_only
def test_a_ledger_too_busy_to_swap_into_is_applied_directly(
    cli: Any, demo_ledger: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ledger_import, "STAGE_ROWS", 1)
    tries: list[int] = []
    monkeypatch.setattr(staging.Stage, "swap", lambda self, conflicts: bool(tries.append(1)))
    path = edited_sheet(cli, tmp_path)
    result = apply(demo_ledger, path)
    assert len(tries) == ledger_import.STAGE_TRIES
    assert demo_ledger.milestones.get("kaizhou-7p:1-M2").actual == 15 and result.reports == 1
    assert chain_ok(demo_ledger)


@pytest.mark.sqlite_only
def test_a_killed_import_leaves_a_stage_that_db_check_reports_and_cleans(demo_ledger: Ledger, db_path: Path) -> None:
    """The stage lives beside the ledger under a temporary name: a killed import's copy is among the
    leftovers `db check` reports (and `--clean` removes), not lost in /tmp."""
    from tasktrack.store import staging
    from tasktrack.store.files import leftovers

    stage = staging.Stage(demo_ledger.ctx.engine)
    stage.__enter__()  # the import is killed here: __exit__ never runs
    where = Path(str(stage._dir))
    assert where.parent == db_path.parent and where.is_dir()
    found = leftovers([db_path.parent], stale_after_s=0)
    assert [f.path for f in found] == [where]
    assert stage.engine is not None
    stage.engine.dispose()
