"""The benchmark harness runs end to end and prints every row of its table (CI runs it so it never rots).

Only that: whether a target is met is the benchmark's own output, measured on a quiet machine at the
scale the target names, never a unit test's business.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ROWS = (
    "remind --format json",
    "peak memory",
    "report weekly --format json",
    "milestone list --overdue",
    "read commands (each)",
    "plan list",
    "undo --dry-run",
    "milestone list --overdue --limit 20",
    "report weekly --plan",
    "export ledger",
    "tasktrack --help",
    "TUI first interactive frame",
    "TUI filter keystroke",
    "bulk load",
)


@pytest.mark.slow
@pytest.mark.sqlite_only  # the generated ledgers are SQLite files; one run of the harness is enough
def test_quick_harness_prints_every_row(tmp_path: Path) -> None:
    cmd = [sys.executable, "-m", "benchmarks", "--quick", "--scale", "small", "--dir", str(tmp_path)]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode in (0, 1), done.stderr  # 1: a target missed; anything else: the harness broke
    table = done.stdout
    missing = [row for row in ROWS if row not in table]
    assert not missing, f"rows missing from the table: {missing}\n{table}\n{done.stderr}"
    assert "failed:" not in table, table
    assert "OUTPUT DIFFERS" not in table and "COUNTS DIFFER" not in table, table
    assert "hyperfine -N" in table  # how to repeat each row by hand
