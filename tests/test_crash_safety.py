"""A writer killed with SIGKILL at random moments leaves a sound database holding all it acknowledged.

Durability here is against the process dying, not the machine: tasktrack runs SQLite in WAL mode with
synchronous=NORMAL, where a commit is in the -wal file (in the OS's page cache) when COMMIT returns
but is fsynced only at checkpoints. A killed process loses nothing the OS already has, so every
acknowledged change must survive; a power cut or kernel crash may lose the last commits (that would
need synchronous=FULL, and is not what this test can show).
"""

from __future__ import annotations

import os
import random
import select
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from tasktrack.services.ledger import open_ledger
from tasktrack.services.loading import bundled_seed_dir
from tasktrack.store.maintenance import check

pytestmark = [pytest.mark.sqlite_only, pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")]

KILLS = 100


def _writer(db: Path, milestone_id: int, first: int, ack_fd: int) -> None:
    """The child: save values first, first+1, ... through the services, and acknowledge each one on
    the pipe only after the call has returned (committed)."""
    ledger = open_ledger(str(db), actor="crash-writer", migrate=False)
    value = first
    while True:
        if value % 2:
            ledger.milestones.record_actual(milestone_id, value)
        else:
            ledger.milestones.edit(milestone_id, {"target": value}, reason="crash test")
        os.write(ack_fd, f"{value}\n".encode())
        value += 1


def _run_and_kill(db: Path, milestone_id: int, first: int, rng: random.Random) -> list[int]:
    """Fork a writer (already-imported code: a fork starts in microseconds where an interpreter takes
    a second), SIGKILL it at a random moment, and return the values it acknowledged."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child, which only ever ends by SIGKILL or os._exit
        os.close(read_fd)
        try:
            _writer(db, milestone_id, first, write_fd)
        except BaseException as exc:
            os.write(write_fd, f"error {type(exc).__name__}: {exc}\n".encode())
        os._exit(1)
    os.close(write_fd)
    if rng.random() < 0.8:  # mostly mid-stream: wait for the first acknowledgement, then a little more
        select.select([read_fd], [], [], 30)
        time.sleep(rng.uniform(0, 0.05))
    else:  # sometimes while it is still opening the database
        time.sleep(rng.uniform(0, 0.02))
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    data = b""
    while chunk := os.read(read_fd, 65536):
        data += chunk
    os.close(read_fd)
    lines = data.decode().splitlines()
    assert not [ln for ln in lines if ln.startswith("error")], lines
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    return [int(ln) for ln in lines]


def test_sigkilled_writer_loses_nothing_it_acknowledged(tmp_path: Path) -> None:
    db = tmp_path / "crash.db"
    setup = open_ledger(str(db), actor="setup")
    setup.loader.load(bundled_seed_dir() / "kaizhou.yaml")
    start = setup.milestones.record_actual("1-M1", 0)
    setup.close()  # no connection of ours is open across a fork
    offset = _state(db, start.id)[2]

    rng = random.Random(20220110)
    acknowledged: list[int] = []
    next_value, mid_stream = 1000, 0  # above the seeded target, so that every save changes something
    for _ in range(KILLS):
        acked = _run_and_kill(db, start.id, next_value, rng)
        mid_stream += bool(acked)
        acknowledged += acked
        logged, last, rows_minus_version = _state(db, start.id)  # runs the integrity checks too
        assert set(acknowledged) <= logged  # every acknowledged change is there
        assert rows_minus_version == offset  # each save (one row + one version) whole or absent
        next_value = max(next_value + len(acked), last) + 1  # a call in flight may have committed

    assert mid_stream >= KILLS // 2  # most kills hit a writer in the middle of its work
    ledger = open_ledger(str(db), migrate=False)
    try:
        assert check(ledger.ctx.engine).ok
        assert ledger.milestones.get(start.id).version >= start.version + len(acknowledged)
    finally:
        ledger.close()


def _state(db: Path, milestone_id: int) -> tuple[set[int], int, int]:
    """After a crash: integrity and foreign keys checked; the values the writer's changes logged, the
    largest, and the milestone's change-row count minus its version."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        logged = {
            int(float(new))
            for (new,) in conn.execute(
                "SELECT new FROM change WHERE entity = 'milestone' AND entity_id = ? "
                "AND actor = 'crash-writer'",
                (milestone_id,),
            )
        }
        (rows_minus_version,) = conn.execute(
            "SELECT (SELECT count(*) FROM change WHERE entity = 'milestone' AND entity_id = ?) - version "
            "FROM milestone WHERE id = ?",
            (milestone_id, milestone_id),
        ).fetchone()
    finally:
        conn.close()
    return logged, max(logged, default=0), rows_minus_version
