"""tasktrack against the floor and against Taskwarrior, at district and city scale: one command.

    python -m benchmarks --quick      # every row once, at district scale (50,000 milestones)
    python -m benchmarks              # district, 200,000 items and the city: tens of minutes, the first
                                      # time longer (the city ledger is generated, ~2 GB)

Each figure is the median of several runs, measured side by side with its reference in the same run
(hyperfine when installed, else interleaved runs timed here), with the wall-clock ratio and the ratio of
CPU time (user + system: the fairer one on a busy machine). Outputs of tasktrack and of each floor are
compared byte for byte. Generated inputs are kept in --dir and reused while their recipe is unchanged.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from benchmarks import data, rows, timing
from benchmarks.rows import Bench, Line

DEFAULT_DIR = Path(__file__).parent / "out"


def environment() -> dict[str, str]:
    """What every timed command runs with: no user settings or database, UTC, bytecode cached."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "TASKTRACK_DB")}
    root = str(Path(__file__).resolve().parent.parent)
    env.update(TASKTRACK_CONFIG=os.devnull, TZ="UTC", LANG="C.UTF-8", PYTHONPATH=root)
    return env


def plan(quick: str | None) -> dict[str, str]:
    """Which ledger each row runs on: --quick puts every row on one (district unless told), but loads the
    small ledger's plans in the bulk row (a district's take a quarter of a minute, twice)."""
    if quick:
        return {"big": quick, "items": quick, "items2": "", "reads": quick, "bulk": "small"}
    return {"big": "city", "items": "district", "items2": "region", "reads": "district", "bulk": "city"}


def run(b: Bench, only: set[str], quick: str | None) -> list[Line]:
    scales = plan(quick)
    big = data.ledger(b.where, scales["big"], b.say)
    empty = data.ledger(b.where, "empty", b.say)
    steps = [
        ("remind", lambda: rows.remind(b, big, scales["big"])),
        ("weekly", lambda: rows.weekly(b, big, scales["big"])),
        ("taskwarrior", lambda: rows.overdue_vs_taskwarrior(b, scales["items"])),
        ("taskwarrior", lambda: _second_size(b, scales["items2"])),
        (
            "reads",
            lambda: rows.reads(b, data.ledger(b.where, scales["reads"], b.say), empty, scales["reads"]),
        ),
        ("undo", lambda: rows.undo(b, scales["big"])),
        ("page", lambda: rows.overdue_page(b, big, scales["big"])),
        ("plan", lambda: rows.weekly_plan(b, big, scales["big"])),
        ("export", lambda: rows.export(b, big, scales["big"])),
        ("help", lambda: rows.help_(b)),
        ("tui", lambda: rows.tui(b, big, empty, scales["big"])),
        ("bulk", lambda: rows.bulk(b, scales["bulk"])),
    ]
    out: list[Line] = []
    for name, step in steps:
        if only and name not in only:
            continue
        began = time.perf_counter()
        try:
            lines = step()
        except (subprocess.CalledProcessError, OSError, ValueError) as exc:
            lines = [Line(name, "", "", "", "", "", False, f"failed: {exc}")]
        for line in lines:
            b.say(f"{line.operation.strip()} [{line.scale}]: {line.ratio or line.ours} {line.note}".rstrip())
        b.say(f"  ({time.perf_counter() - began:.0f} s)")
        out += lines
    return out


def _second_size(b: Bench, scale: str) -> list[Line]:
    if not scale:
        return [Line("milestone list --overdue", "200,000 items", "", "", "", rows.OVERDUE_TARGET, None,
                     "not in --quick (run without it)")]  # fmt: skip
    return rows.overdue_vs_taskwarrior(b, scale)


def table(lines: list[Line]) -> str:
    head = ("operation", "scale", "tasktrack (median)", "reference (median)", "ratio", "target", "met")
    body = [(x.operation, x.scale, x.ours, x.reference, x.ratio, x.target, _met(x.ok)) for x in lines]
    widths = [max(len(r[i]) for r in [head, *body]) for i in range(len(head))]
    fmt = " | ".join(f"{{:<{w}}}" for w in widths)
    out = [fmt.format(*head), "-+-".join("-" * w for w in widths)]
    for x, r in zip(lines, body, strict=True):
        out.append(fmt.format(*r))
        if x.note:
            out.append(" " * (widths[0] + 3) + x.note)
    return "\n".join(out)


def _met(ok: bool | None) -> str:
    return "-" if ok is None else ("yes" if ok else "NO")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="every row at district scale, one run each")
    parser.add_argument("--scale", choices=("small", "district"), default="district", help="--quick's ledger")
    parser.add_argument("--runs", type=int, default=None, help="runs per figure (default 5; --quick 1)")
    parser.add_argument(
        "--dir", type=Path, default=DEFAULT_DIR, help=f"where inputs are kept (default {DEFAULT_DIR})"
    )
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall", help="which ratio decides 'met'")
    parser.add_argument(
        "--only", nargs="*", default=[], help="remind weekly taskwarrior reads undo page plan export help tui bulk"
    )
    args = parser.parse_args(argv)
    args.dir.mkdir(parents=True, exist_ok=True)
    env = environment()
    b = Bench(args.dir, args.runs or (1 if args.quick else 5), env, args.quick, args.clock,
              warmup=0 if args.quick else 1, say=lambda s: print(s, file=sys.stderr, flush=True))  # fmt: skip
    found = timing.tools()
    b.say(f"hyperfine: {found['hyperfine'] or 'not found, timing runs here'}; "
          f"GNU time: {found['time'] or 'not found, os.wait4 for peak memory'}")  # fmt: skip
    subprocess.run([sys.executable, "-m", "tasktrack", "--help"], env=env, capture_output=True)  # bytecode
    began = time.perf_counter()
    lines = run(b, set(args.only), args.scale if args.quick else None)
    print(f"\ntasktrack benchmarks ({'--quick, ' if args.quick else ''}{b.runs} runs per figure, "
          f"'met' by the {args.clock} clock, {time.perf_counter() - began:.0f} s)\n")  # fmt: skip
    print(table(lines))
    print("\nTo repeat a row by hand (environment as above: TASKTRACK_CONFIG=/dev/null TZ=UTC):")
    for line in b.repeat:
        print("  " + line)
    return 0 if all(x.ok is not False for x in lines) else 1


if __name__ == "__main__":
    sys.exit(main())
