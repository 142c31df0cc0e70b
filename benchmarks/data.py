"""The benchmark inputs, made once and reused while their recipe is unchanged: ledgers per scale, plan
files, Taskwarrior data directories, an empty ledger."""

from __future__ import annotations

import hashlib
import os
import pwd
import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from tasktrack.store.revision import HEAD

HERE = Path(__file__).parent


def recipe(*parts: str) -> str:
    """A stamp of what makes an input: the generator's code, the schema, the given parts."""
    h = hashlib.sha256(HEAD.encode())
    for name in ("generate.py", "district.py", "fixtures.py", "planfile.py", "taskwarrior.py"):
        h.update((HERE / name).read_bytes())
    for p in parts:
        h.update(p.encode())
    return h.hexdigest()[:16]


def _cached(target: Path, stamp: str, make: Callable[[], object], say: Callable[[str], None]) -> Path:
    mark = target.with_name(target.name + ".stamp")
    if target.exists() and mark.exists() and mark.read_text() == stamp:
        return target
    say(f"making {target.name} ...")
    began = datetime.now(UTC)
    make()
    mark.write_text(stamp)
    say(f"made {target.name} in {(datetime.now(UTC) - began).total_seconds():.0f} s")
    return target


def _module(name: str, *args: object) -> None:
    """Run `python -m benchmarks.NAME ARGS`: the harness stays small (its children inherit its memory)."""
    env = {**os.environ, "PYTHONPATH": str(HERE.parent)}
    cmd = [sys.executable, "-m", f"benchmarks.{name}", *map(str, args)]
    subprocess.run(cmd, env=env, check=True, stdout=sys.stderr)  # its progress, not the table


def ledger(where: Path, scale: str, say: Callable[[str], None]) -> Path:
    path = where / f"{scale}.db"
    return _cached(path, recipe(scale), lambda: _module("generate", scale, path), say)


def plan_file(where: Path, scale: str, say: Callable[[str], None]) -> Path:
    db = ledger(where, scale, say)
    path = where / f"{scale}-plan.json"
    return _cached(path, recipe(scale, "plan"), lambda: _module("planfile", db, path), say)


def taskwarrior_data(where: Path, scale: str, say: Callable[[str], None]) -> Path:
    """Taskwarrior's copy of a ledger's milestones (remade each day: its due dates are moved to today)."""
    db = ledger(where, scale, say)
    data = where / f"taskwarrior-{scale}"
    today = datetime.now(UTC).date().isoformat()
    _cached(data, recipe(scale, "tw", today), lambda: _module("taskwarrior", db, data), say)
    return data


def with_command(where: Path, scale: str, say: Callable[[str], None]) -> Path:
    """A copy of a ledger with one command of the account running the benchmarks on top (a unit added),
    for `undo --dry-run` to find: the generated change log is all another account's."""
    db = ledger(where, scale, say)
    path = where / f"{scale}-undo.db"
    me = pwd.getpwuid(os.getuid()).pw_name

    def make() -> None:
        fresh_copy(db, path)
        cmd = [sys.executable, "-m", "tasktrack", "--db", str(path), "unit", "add", "基准测试单位"]
        subprocess.run(cmd, check=True, capture_output=True, env={**os.environ, "TASKTRACK_CONFIG": os.devnull})

    return _cached(path, recipe(scale, "undo", me), make, say)


def fresh_copy(source: Path, target: Path) -> None:
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(source, target)
