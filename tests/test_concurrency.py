"""Several writers on one ledger: no 'database is locked', no lost update, stale saves refused."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import uuid
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from tasktrack import present
from tasktrack.errors import Conflict
from tasktrack.models import Change
from tasktrack.services.ledger import open_ledger
from tasktrack.services.loading import bundled_seed_dir
from tasktrack.store import chain
from tasktrack.store.engine import BUSY_TIMEOUT_MS, make_engine, normalize_url, write_connection

UPDATES = 500  # per process
WRITERS = ("writer-a", "writer-b")


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A blank ledger on SQLite, and on a fresh PostgreSQL database when TASKTRACK_TEST_PG is set."""
    if request.param == "sqlite":
        yield normalize_url(str(tmp_path / "shared.db"))
        return
    server = os.environ.get("TASKTRACK_TEST_PG")
    if not server:
        pytest.skip('TASKTRACK_TEST_PG is not set (start a server with: eval "$(.ci/start-postgres)")')
    name = f"tasktrack_conc_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _increment(url: str, actor: str, milestone_id: int, n: int, barrier: Any, results: Any) -> None:
    """A child process: n times, read the milestone and save actual + 1 with the version it read, as a
    person editing it would; a Conflict (the other writer saved in between) means read again."""
    done, conflicts, named = 0, 0, set()
    error = None
    try:
        ledger = open_ledger(url, actor=actor, migrate=False)
        try:
            barrier.wait(timeout=120)
            seen = ledger.milestones.get(milestone_id)
            while done < n:
                try:  # a save returns the row as it now is: what the person sees next
                    seen = ledger.milestones.record_actual(
                        milestone_id, seen.actual + 1, expected_version=seen.version
                    )
                except Conflict as exc:
                    conflicts += 1
                    named.add(exc.changed_by)
                    seen = ledger.milestones.get(milestone_id)
                    continue
                done += 1
        finally:
            ledger.close()
    except BaseException as exc:  # reported to the parent: any error at all fails the test
        error = f"{type(exc).__name__}: {exc}"
    results.put((actor, done, conflicts, sorted(named), error))


@pytest.mark.slow
def test_two_processes_update_one_milestone_without_locks_or_lost_updates(db_url: str) -> None:
    setup = open_ledger(db_url, actor="setup")
    setup.loader.load(bundled_seed_dir() / "kaizhou.yaml")
    start = setup.milestones.record_actual("1-M1", 0)  # in progress from here: one change row per save
    with setup.ctx.engine.connect() as conn:
        mark = conn.execute(select(Change.id).order_by(Change.id.desc()).limit(1)).scalar_one()

    spawn = multiprocessing.get_context("spawn")  # real OS processes, each with its own engine and pool
    barrier, results = spawn.Barrier(len(WRITERS)), spawn.Queue()
    children = [
        spawn.Process(target=_increment, args=(db_url, actor, start.id, UPDATES, barrier, results))
        for actor in WRITERS
    ]
    for child in children:
        child.start()
    reports = {r[0]: r for r in (results.get(timeout=300) for _ in children)}
    for child in children:
        child.join(timeout=60)
        assert child.exitcode == 0

    for actor, other in (WRITERS, WRITERS[::-1]):
        _, done, _conflicts, named, error = reports[actor]
        assert error is None, f"{actor} failed: {error}"  # no 'database is locked', nothing else
        assert done == UPDATES
        assert set(named) <= {other}  # a refused save names the one who saved in between

    end = setup.milestones.get(start.id)
    assert end.version == start.version + 2 * UPDATES
    assert end.actual == start.actual + 2 * UPDATES  # every increment counted: no lost update
    with setup.ctx.engine.connect() as conn:
        rows = conn.execute(
            select(Change.actor, Change.entity, Change.entity_id, Change.field, Change.old, Change.new)
            .where(Change.id > mark)
            .order_by(Change.id)
        ).all()
        verdict = chain.verify(conn)
    setup.close()
    assert verdict.ok, verdict.problems[:1]  # one hash chain: the two writers never chained from one row
    assert len(rows) == 2 * UPDATES
    assert Counter(r.actor for r in rows) == dict.fromkeys(WRITERS, UPDATES)
    assert {(r.entity, r.entity_id, r.field) for r in rows} == {("milestone", start.id, "actual")}
    # the log is the whole story, in order: 0→1, 1→2, ... 999→1000
    assert [(r.old, r.new) for r in rows] == [(str(i), str(i + 1)) for i in range(2 * UPDATES)]


def test_stale_save_from_another_connection_names_who_and_when(db_url: str) -> None:
    """Two people on two engines (as two processes would be): the one who saved second with the version
    they had read is refused, told who changed the row and at what time, and nothing is written."""
    zhang = open_ledger(db_url, actor="张三")
    zhang.loader.load(bundled_seed_dir() / "kaizhou.yaml")
    li = open_ledger(db_url, actor="李四", migrate=False)
    saved_at = datetime(2022, 1, 10, 9, 30, tzinfo=UTC)
    li.ctx.now = lambda: saved_at
    try:
        opened = zhang.milestones.get("1-M2")
        li.milestones.record_actual("1-M2", 7)
        with pytest.raises(Conflict) as exc:
            zhang.milestones.record_actual("1-M2", 9, expected_version=opened.version)
        assert exc.value.changed_by == "李四"
        when = exc.value.changed_at
        assert isinstance(when, datetime)
        assert (when if when.tzinfo else when.replace(tzinfo=UTC)) == saved_at  # SQLite: naive UTC
        assert "李四" in str(exc.value) and present.stamp(saved_at) in str(exc.value)
        assert zhang.milestones.get("1-M2").actual == 7
    finally:
        zhang.close()
        li.close()


@pytest.mark.sqlite_only
def test_every_pooled_sqlite_connection_has_foreign_keys_wal_and_busy_timeout(tmp_path: Path) -> None:
    engine = make_engine(normalize_url(str(tmp_path / "pool.db")))
    held = [engine.connect() for _ in range(4)]  # four at once: four distinct DB-API connections
    try:
        assert len({id(c.connection.dbapi_connection) for c in held}) == 4
        for conn in held:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == BUSY_TIMEOUT_MS
    finally:
        for conn in held:
            conn.close()
    engine.dispose()  # and the ones made after a dispose
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    engine.dispose()


@pytest.mark.sqlite_only
def test_a_write_transaction_takes_the_write_lock_before_it_reads(tmp_path: Path) -> None:
    """BEGIN IMMEDIATE: a second writer waits at BEGIN, rather than reading, then failing on its first
    write with 'database is locked' (which a busy timeout does not cure for a deferred BEGIN)."""
    path = tmp_path / "lock.db"
    engine = make_engine(normalize_url(str(path)))
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE t (x INTEGER)")
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        with write_connection(engine) as conn:
            assert conn.connection.dbapi_connection.in_transaction  # nothing read or written yet
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # free again once the first one has committed
        other.execute("ROLLBACK")
    finally:
        other.close()
        engine.dispose()
