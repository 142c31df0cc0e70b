"""The benchmark table's rows: what runs against what, and the target each ratio is held to."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks import data, taskwarrior
from benchmarks.generate import AS_OF, SCALES
from benchmarks.timing import Figure, compare, hyperfine_line, measured, output

FLOORS = Path(__file__).parent / "floors"
READS = (
    ("plan list",),
    ("unit list",),
    ("milestone", "list", "--limit", "20"),
    ("milestone", "list", "--overdue", "--limit", "20"),
    ("indicator", "list"),
    ("history", "--limit", "20"),
    ("report", "indicators", "--format", "json"),
)


@dataclass
class Bench:
    where: Path
    runs: int
    env: dict[str, str]
    quick: bool
    clock: str = "wall"
    warmup: int = 1
    say: Callable[[str], None] = print
    repeat: list[str] = field(default_factory=list)  # hyperfine lines to repeat the rows by hand

    @property
    def short_runs(self) -> int:
        """Runs of a row of sub-second commands: three even with --quick, whose one run a busy machine
        can throw off by more than a target's margin."""
        return max(self.runs, 3)

    def tt(self, db: Path, *args: str) -> list[str]:
        return [sys.executable, "-m", "tasktrack", "--db", str(db), "--as-of", AS_OF.isoformat(), *args]

    def floor(self, name: str, *args: object) -> list[str]:
        return [sys.executable, str(FLOORS / f"{name}.py"), *map(str, args)]

    def time(self, commands: list[list[str]], *, runs: int | None = None, memory: bool = False,
             env: dict[str, str] | None = None, prepare: list[list[str]] | None = None,
             warmup: int | None = None) -> list[Figure]:  # fmt: skip
        """Medians of `commands` side by side; a long row (minutes a run) may skip the warm-up run."""
        runs = runs or self.runs
        self.repeat.append(hyperfine_line(commands, runs, prepare))
        warm = self.warmup if warmup is None else warmup
        return compare(
            commands, runs, {**self.env, **(env or {})}, memory=memory, prepare=prepare, warmup=warm
        )


@dataclass
class Line:
    operation: str
    scale: str
    ours: str
    reference: str
    ratio: str
    target: str
    ok: bool | None
    note: str = ""


def _t(f: Figure) -> str:
    return f"{f.wall:.3g} s (cpu {f.cpu:.3g})"


def _ratio(b: Bench, ours: Figure, ref: Figure, limit: float, *, faster: bool = False) -> tuple[str, bool]:
    """ours/ref (or ref/ours: how many times faster), on the wall clock and on CPU time."""
    wall, cpu = (
        (ref.wall / ours.wall, ref.cpu / ours.cpu) if faster else (ours.wall / ref.wall, ours.cpu / ref.cpu)
    )
    judged = cpu if b.clock == "cpu" else wall
    return f"{wall:.2f}× (cpu {cpu:.2f}×)", judged >= limit if faster else judged <= limit


def at_city(b: Bench, ok: bool) -> bool | None:
    """A target set at city scale is not judged on a smaller ledger (--quick)."""
    return None if b.quick else ok


def checked(b: Bench, ours: list[str], floor: list[str], *, runs: int | None = None, memory: bool = False,
            warmup: int | None = None) -> tuple[Figure, Figure, str]:  # fmt: skip
    """Time tasktrack and its floor, and say whether they printed the same bytes (checked on a run of
    its own, which warms up too; with --quick the one timed run is the one checked)."""
    if b.quick:
        (t, ours_out), (f, floor_out) = measured(ours, b.env), measured(floor, b.env)
    else:
        ours_out, floor_out = output(ours, b.env), output(floor, b.env)
        t, f = b.time([ours, floor], runs=runs, memory=memory, warmup=warmup)  # the check run warmed up
    return t, f, "same output" if ours_out == floor_out else "OUTPUT DIFFERS"


def remind(b: Bench, db: Path, scale: str) -> list[Line]:
    ours, floor = b.tt(db, "remind", "--format", "json"), b.floor("remind", db, AS_OF)
    t, f, note = checked(b, ours, floor, memory=True)
    ratio, ok = _ratio(b, t, f, 1.5)
    mem = t.rss_mib / f.rss_mib  # type: ignore[operator]
    return [
        Line("remind --format json", scale, _t(t), f"stdlib floor {_t(f)}", ratio, "≤ 1.5×",
             at_city(b, ok) and "same" in note, note),
        Line("  peak memory", scale, f"{t.rss_mib:.0f} MiB", f"floor {f.rss_mib:.0f} MiB", f"{mem:.2f}×", "≤ 2×",
             at_city(b, mem <= 2)),
    ]  # fmt: skip


def weekly(b: Bench, db: Path, scale: str) -> list[Line]:
    ours = b.tt(db, "report", "weekly", "--format", "json", "--draft")
    floor = b.floor("weekly", db, AS_OF)
    long = scale == "city"  # minutes a run: three runs, the check run as the warm-up
    t, f, note = checked(b, ours, floor, runs=min(b.runs, 3) if long else None, warmup=0 if long else None)
    ratio, ok = _ratio(b, t, f, 1.5)
    return [Line("report weekly --format json", scale, _t(t), f"stdlib floor {_t(f)}", ratio, "≤ 1.5×",
                 at_city(b, ok) and "same" in note, note)]  # fmt: skip


OVERDUE_TARGET = "≤ 1.3× floor, ≥ 3× faster than Taskwarrior"


def overdue_met(ours: float, floor: float, peer: float, *, same: bool, counts: bool) -> bool:
    """The overdue list's target (issue 16): within 1.3× of the stdlib floor printing the same bytes, and
    3× faster than `task +OVERDUE export` listing as many (seconds on the clock that decides)."""
    return same and counts and ours <= 1.3 * floor and peer >= 3 * ours


def overdue_vs_taskwarrior(b: Bench, scale: str) -> list[Line]:
    label = f"{SCALES[scale].items:,} items"
    if taskwarrior.available() is None:
        return [Line("milestone list --overdue", label, "", "", "", OVERDUE_TARGET, None,
                     "skipped: Taskwarrior not installed (apt-get install taskwarrior)")]  # fmt: skip
    db = data.ledger(b.where, scale, b.say)
    tw = data.taskwarrior_data(b.where, scale, b.say)
    counted = json.loads(output(b.tt(db, "milestone", "list", "--overdue", "--json"), b.env))["count"]
    peers = taskwarrior.overdue_count(tw)
    note = f"both list {counted:,} overdue" if counted == peers else f"COUNTS DIFFER: {counted} vs {peers}"
    ours, peer = b.tt(db, "milestone", "list", "--overdue"), ["task", "+OVERDUE", "export"]
    floor = b.floor("overdue", db, AS_OF)  # how far Python and SQLite alone get: the same table, stdlib only
    same = output(ours, b.env) == output(floor, b.env)
    t, p, f = b.time([ours, peer, floor], env=taskwarrior.env(tw), runs=b.short_runs)
    ratio, _ = _ratio(b, t, p, 3, faster=True)
    floor_ratio, _ = _ratio(b, t, f, 1.3)
    pick = (lambda x: x.cpu) if b.clock == "cpu" else (lambda x: x.wall)
    ok = overdue_met(pick(t), pick(f), pick(p), same=same, counts=counted == peers)
    note += (
        f"; stdlib floor {_t(f)}: tasktrack {floor_ratio} of it, "
        f"{'same output' if same else 'OUTPUT DIFFERS'}"
    )
    return [Line("milestone list --overdue", label, _t(t), f"task +OVERDUE export {_t(p)}", f"{ratio} faster",
                 OVERDUE_TARGET, ok, note)]  # fmt: skip


def reads(b: Bench, full: Path, empty: Path, scale: str) -> list[Line]:
    lines, worst = [], 0.0
    for args in READS[::3] if b.quick else READS:
        words = args[0].split() + list(args[1:])
        t, e = b.time([b.tt(full, *words), b.tt(empty, *words)], runs=b.short_runs)
        ratio, ok = _ratio(b, t, e, 1.5)
        worst = max(worst, (t.cpu / e.cpu) if b.clock == "cpu" else (t.wall / e.wall))
        lines.append(
            Line(f"  {' '.join(words)}", f"{scale} vs empty", _t(t), f"empty {_t(e)}", ratio, "≤ 1.5×", ok)
        )
    head = Line(
        "read commands (each)", f"{scale} vs empty", "", "", f"worst {worst:.2f}×", "≤ 1.5×", worst <= 1.5
    )
    return [head, *lines]


def undo(b: Bench, scale: str) -> list[Line]:
    """`undo --dry-run` finding the last command of one's own (issue 16: through the actor index, not a
    scan of the change log), on a big ledger and on an empty one, each with that one command on top."""
    full, bare = data.with_command(b.where, scale, b.say), data.with_command(b.where, "empty", b.say)
    args = ("undo", "--dry-run")
    t, e = b.time([b.tt(full, *args), b.tt(bare, *args)], runs=b.short_runs)
    ratio, ok = _ratio(b, t, e, 1.2)
    return [Line("undo --dry-run", f"{scale} vs empty", _t(t), f"empty {_t(e)}", ratio, "≤ 1.2×", at_city(b, ok),
                 "the last command: a unit added by this account on top of the generated change log")]  # fmt: skip


def overdue_page(b: Bench, big: Path, scale: str) -> list[Line]:
    """`milestone list --overdue --limit 20` on the city against a district (issue 16: the page's ids
    cut from the milestone table, not every overdue row joined and sorted)."""
    target = "≤ 1.2×"
    if b.quick:
        return [Line("milestone list --overdue --limit 20", "city vs district", "", "", "", target, None,
                     "not in --quick (run without it)")]  # fmt: skip
    district = data.ledger(b.where, "district", b.say)
    args = ("milestone", "list", "--overdue", "--limit", "20")
    t, d = b.time([b.tt(big, *args), b.tt(district, *args)], runs=b.short_runs)
    ratio, ok = _ratio(b, t, d, 1.2)
    return [Line("milestone list --overdue --limit 20", f"{scale} vs district", _t(t), f"district {_t(d)}",
                 ratio, target, ok)]  # fmt: skip


def weekly_plan(b: Bench, big: Path, scale: str) -> list[Line]:
    """`report weekly --plan d01-7p` on the city against the same plan key on a district (issue 16: the
    plan's changes and owners read in SQL by the plan, not the whole ledger's filtered in Python)."""
    target, op = "≤ 1.2×", "report weekly --plan d01-7p"
    if b.quick:
        return [Line(op, "city vs district", "", "", "", target, None, "not in --quick (run without it)")]
    district = data.ledger(b.where, "district", b.say)
    args = ("report", "weekly", "--plan", "d01-7p", "--draft")
    t, d = b.time([b.tt(big, *args), b.tt(district, *args)], runs=b.short_runs)
    ratio, ok = _ratio(b, t, d, 1.2)
    return [Line(op, f"{scale} vs district", _t(t), f"district {_t(d)}", ratio, target, ok,
                 "the city's plan has 6,250 milestones, the district's 12,500: not the same size, the city's smaller")]  # fmt: skip


def export(b: Bench, big: Path, scale: str) -> list[Line]:
    """`export ledger` (CSV, the whole ledger): one run, its time and peak memory. Issue 16's target is
    against a stdlib floor writing the same cells, which is not written yet: shown, not judged."""
    t, out = measured(b.tt(big, "export", "ledger"), b.env)
    b.repeat.append(hyperfine_line([b.tt(big, "export", "ledger")], 1))
    lines = out.count(b"\n") - 1  # less the header (a cell with a line break counts twice)
    note = f"{lines:,} lines, {len(out) / 2**20:,.0f} MiB written; no stdlib floor yet: not judged"
    return [Line("export ledger (csv, whole ledger)", scale, _t(t), "", f"peak {t.rss_mib:.0f} MiB",
                 "≤ 2× floor time and memory", None, note)]  # fmt: skip


def help_(b: Bench) -> list[Line]:
    t, f = b.time([[sys.executable, "-m", "tasktrack", "--help"], b.floor("typer_app", "--help")], runs=b.short_runs)
    ratio, ok = _ratio(b, t, f, 1.5)
    return [Line("tasktrack --help", "-", _t(t), f"two-command Typer app {_t(f)}", ratio, "≤ 1.5×", ok)]


def _ui(b: Bench, db: Path, empty: Path, runs: int) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "benchmarks.ui", "all", str(db), "--empty", str(empty), "--runs", str(runs)]
    done = subprocess.run(cmd, env=b.env, capture_output=True, text=True, timeout=3600)
    if done.returncode:
        raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed")
    return json.loads(done.stdout)


def tui(b: Bench, big: Path, empty: Path, scale: str) -> list[Line]:
    try:
        f = g = _ui(b, big, empty, b.runs)
        e = g["empty"]
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        why = f"failed: {exc}"
        return [Line("TUI first interactive frame", scale, "", "", "", "≤ 1.5×", False, why),
                Line("TUI filter keystroke → repaint", scale, "", "", "", "≤ 0.2 s", False, why)]  # fmt: skip
    ratio = g["first_frame"] / e["first_frame"]
    rows = g["first_rows"] / e["first_rows"]
    return [
        Line("TUI first interactive frame", f"{scale} vs empty", f"{g['first_frame']:.3f} s",
             f"empty {e['first_frame']:.3f} s", f"{ratio:.2f}×", "≤ 1.5×", at_city(b, ratio <= 1.5),
             f"first page of rows {g['first_rows']:.3f} s vs {e['first_rows']:.3f} s ({rows:.2f}×)"),
        Line("TUI filter keystroke → repaint", scale, f"{f['filter']:.3f} s", "", "median", "≤ 0.2 s",
             at_city(b, f["filter"] <= 0.2), "words " + " ".join(f["words"])),
    ]  # fmt: skip


def bulk(b: Bench, scale: str) -> list[Line]:
    plan = data.plan_file(b.where, scale, b.say)
    empty = data.ledger(b.where, "empty", b.say)
    ours_db, floor_db = b.where / "bulk-tasktrack.db", b.where / "bulk-floor.db"
    ours, floor = b.tt(ours_db, "seed", "load", str(plan)), b.floor("bulk", plan, floor_db, AS_OF)
    fresh = [["sh", "-c", f"rm -f {d}-wal {d}-shm && cp {empty} {d}"] for d in (ours_db, floor_db)]
    long = scale == "city"
    t, f = b.time(
        [ours, floor], runs=min(b.runs, 3) if long else None, prepare=fresh, warmup=0 if long else None
    )
    rows = _count_rows(ours_db)
    same = rows == _count_rows(floor_db)
    ratio, ok = _ratio(b, t, f, 0.5, faster=True)
    note = f"{rows:,} rows written ({'same' if same else 'DIFFERENT'} in both): {rows / t.wall:,.0f} rows/s vs {rows / f.wall:,.0f}"
    return [Line("bulk load (seed load plan file)", scale, _t(t), f"stdlib executemany {_t(f)}", ratio,
                 "≥ 0.5× throughput", at_city(b, ok) and same, note)]  # fmt: skip


def _count_rows(db: Path) -> int:
    import sqlite3

    con = sqlite3.connect(db)
    tables = ("plan", "task", "unit", "responsibility", "milestone", "indicator", "change")
    return sum(con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables)
