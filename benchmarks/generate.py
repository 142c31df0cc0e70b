"""Realistic ledgers for the benchmarks: districts' plans, task trees, units, milestones 2021–2025, evidence,
progress reports, indicators, a sent-log and a change log.

    python -m benchmarks.generate district /tmp/district.db     # 5,000 tasks, 50,000 milestones
    python -m benchmarks.generate city /tmp/city.db             # 200,000 tasks, 1,000,000 milestones

The schema is the real one: `tasktrack db upgrade` creates the file; the rows then go in through stdlib
sqlite3 executemany (the services' row-at-a-time writes would take hours at city scale), with the
indexes dropped during the load and recreated from their own SQL. Same scale and seed, same database.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from benchmarks import fixtures as fx
from benchmarks.district import AS_OF, COORDINATOR, District


@dataclass(frozen=True)
class Scale:
    districts: int
    tasks: int  # per district
    milestones: int  # per district
    evidence: int  # per district

    @property
    def items(self) -> int:
        return self.districts * self.milestones


SCALES = {
    "empty": Scale(0, 0, 0, 0),
    "small": Scale(1, 1_000, 10_000, 20_000),  # for CI: the harness runs, whatever the numbers
    "district": Scale(1, 5_000, 50_000, 100_000),
    "region": Scale(4, 5_000, 50_000, 100_000),  # 200,000 milestones: Taskwarrior's second size
    "city": Scale(40, 5_000, 25_000, 50_000),  # 200,000 tasks, 1,000,000 milestones, 2,000,000 evidence
}


def create_schema(path: Path) -> None:
    """An empty ledger at the newest schema, made by tasktrack's own migrations."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    cmd = [sys.executable, "-m", "tasktrack", "--db", str(path), "db", "upgrade"]
    subprocess.run(cmd, check=True, capture_output=True, env={**os.environ, "TASKTRACK_CONFIG": os.devnull})


def generate(path: Path, scale: Scale, seed: int = 1) -> None:
    create_schema(path)
    if not scale.districts:
        return
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode = OFF")
    con.execute("PRAGMA synchronous = OFF")
    con.execute("PRAGMA cache_size = -400000")
    indexes = _drop_indexes(con)
    con.execute("BEGIN")
    rng = random.Random(seed)
    ids = fx.Ids()
    con.execute(
        "CREATE TEMP TABLE chg (at TEXT, entity TEXT, entity_id INT, field TEXT, old TEXT, new TEXT, command TEXT)"
    )
    for d in range(scale.districts):
        District(con, rng, ids, d, scale).write()
    _write_changes(con)
    con.execute(
        "INSERT INTO reportissue (kind, scope, issue_no, as_of, since, actor, created_at) VALUES "
        "('weekly', 'plan=*;unit=*', 24, ?, ?, ?, ?)",
        (str(AS_OF - timedelta(days=7)), str(AS_OF - timedelta(days=13)), COORDINATOR, fx.stamp(AS_OF, 9)),
    )
    con.execute("COMMIT")
    for sql in indexes:
        con.execute(sql)
    con.execute("ANALYZE")
    con.execute("PRAGMA journal_mode = WAL")
    con.close()


def _drop_indexes(con: sqlite3.Connection) -> list[str]:
    rows = con.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        " AND tbl_name IN ('task', 'milestone', 'evidence', 'change', 'responsibility', 'progressreport')"
    ).fetchall()
    for name, _ in rows:
        con.execute(f'DROP INDEX "{name}"')
    return [sql for _, sql in rows]


def _write_changes(con: sqlite3.Connection) -> None:
    """The change log in time order, as the commands that made these rows would have written it: ids in
    that order, each row hashed into the chain as tasktrack.store.chain does it."""
    from tasktrack.store import chain

    rows = con.execute(
        f"SELECT at, '{COORDINATOR}', 'bench', NULL, printf('%08x-0000-4000-8000-%012x', rowid / 50, rowid / 50),"
        " command, entity, entity_id, field, old, new, NULL FROM chg ORDER BY at, rowid"
    )
    insert = (
        f"INSERT INTO change ({', '.join(chain.CHAINED)}, prev_hash, hash) VALUES ({', '.join('?' * 15)})"
    )
    prev, batch = chain.GENESIS, []
    for n, values in enumerate(rows, 1):
        row = (n, *values)
        digest = chain.row_hash(prev, row)
        batch.append((*row, prev, digest))
        prev = digest
        if len(batch) >= 50_000:
            con.executemany(insert, batch)
            batch.clear()
    con.executemany(insert, batch)
    con.execute("DROP TABLE chg")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scale", choices=SCALES)
    parser.add_argument("path", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    began = time.perf_counter()
    generate(args.path, SCALES[args.scale], args.seed)
    size = args.path.stat().st_size / 2**20
    print(f"{args.path}: {args.scale} ({size:,.0f} MiB) in {time.perf_counter() - began:.1f} s")


if __name__ == "__main__":
    main()
