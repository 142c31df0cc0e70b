"""Readers never write: listing, showing, history, reports and reminders work on a read-only file.

The file is made read-only for real: the commands run in a process the kernel refuses to let write it.
Root ignores file modes, so as root that process is root without the capabilities that bypass them
(CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER, dropped with setpriv): `nobody` cannot be used
here because the interpreter and its site-packages may live under /root (0700). Every test first
proves the process really cannot open the file for writing.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from tasktrack.services.ledger import open_ledger
from tasktrack.services.loading import bundled_seed_dir
from tasktrack.store.engine import make_engine, normalize_url
from tasktrack.store.schema import HEAD, alembic_config, upgrade

pytestmark = pytest.mark.sqlite_only

AS_OF = "2022-01-10"
DROP_CAPS = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner"]

# (arguments, exit codes that mean it worked: remind exits 11 when something is overdue)
READING = [
    (["milestone", "list"], {0}),
    (["milestone", "show", "1-M1"], {0}),
    (["milestone", "list", "--json"], {0}),
    (["history"], {0}),
    (["indicator", "list"], {0}),
    (["report", "weekly", "--format", "json", "--draft"], {0}),
    (["remind", "--format", "json"], {11}),
    # 1: the coordinator's notice (unassigned items behind 序时) has no address without coordinator_email
    (["remind", "--send", "--dry-run", "--smtp", "127.0.0.1:9", "--format", "json"], {0, 1, 11}),
    (["db", "current"], {0}),
    (["db", "check"], {0}),
]


def reader_prefix() -> list[str]:
    """How to start a process that may read but not write what only its owner may write."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: cannot start a process that file modes bind")
    return DROP_CAPS


def run_reader(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    argv = [*reader_prefix(), sys.executable, "-m", "tasktrack", "--db", str(db), "--as-of", AS_OF, *args]
    return subprocess.run(argv, capture_output=True, text=True, timeout=120, env=os.environ.copy())


# Runs several CLI commands in one reader process (one interpreter start-up instead of one each).
MANY = """
import contextlib, io, json, sys
from tasktrack.cli.main import run
results = []
for args in json.loads(sys.argv[1]):
    sys.argv = ["tasktrack", *args]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            run()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    results.append([code, out.getvalue(), err.getvalue()])
print(json.dumps(results))
"""


def run_many(prefix: list[str], db: Path, commands: list[list[str]]) -> list[tuple[int, str, str]]:
    argv = [["--db", str(db), "--as-of", AS_OF, *args] for args in commands]
    proc = subprocess.run(
        [*prefix, sys.executable, "-c", MANY, json.dumps(argv)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return [tuple(r) for r in json.loads(proc.stdout)]


def assert_cannot_write(path: Path) -> None:
    probe = f"open({str(path)!r}, 'r+b')"
    proc = subprocess.run([*reader_prefix(), sys.executable, "-c", probe], capture_output=True, text=True)
    if proc.returncode == 0:
        pytest.skip(f"could not make {path.name} read-only for a child process here")
    assert "PermissionError" in proc.stderr


def fingerprint(path: Path) -> tuple[str, int, int]:
    st = path.stat()
    return hashlib.sha256(path.read_bytes()).hexdigest(), st.st_mtime_ns, st.st_size


def seed(db: Path) -> None:
    ledger = open_ledger(str(db), actor="张三")
    ledger.loader.load(bundled_seed_dir() / "kaizhou.yaml")
    ledger.loader.load(bundled_seed_dir() / "demo.yaml")
    ledger.milestones.record_actual("1-M1", 12, note="一季度数据")
    ledger.close()  # the last connection checkpoints: no -wal or -shm is left beside the file
    assert not db.with_name(db.name + "-wal").exists()


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """A seeded ledger (0444) in a read-only directory (0555, so SQLite cannot put its -shm beside it),
    and a writable copy of it to compare with."""
    share = tmp_path / "共享 台账"  # a space and Chinese characters: the path goes into a SQLite URI
    share.mkdir()
    db = share / "ledger.db"
    seed(db)
    writable = tmp_path / "copy.db"
    shutil.copy2(db, writable)
    db.chmod(0o444)
    share.chmod(0o555)
    yield db, writable
    share.chmod(0o755)
    db.chmod(0o644)


def test_reading_commands_work_on_a_read_only_file_and_change_nothing(
    read_only: tuple[Path, Path],
) -> None:
    db, writable = read_only
    assert_cannot_write(db)
    before = fingerprint(db)
    commands = [args for args, _ in READING]
    got = run_many(reader_prefix(), db, commands)
    expected = run_many([], writable, commands)  # the same commands on a writable copy
    for (args, ok), (code, out, err), (_, same_out, _) in zip(READING, got, expected, strict=True):
        assert code in ok, f"{args}: {err}"
        assert out.strip(), args
        if "json" in args or "--json" in args:
            json.loads(out)
        assert out == same_out, args  # and print exactly the same
    assert fingerprint(db) == before
    assert sorted(p.name for p in db.parent.iterdir()) == ["ledger.db"]  # nothing beside it either


def test_a_write_on_a_read_only_file_is_refused_in_one_line(read_only: tuple[Path, Path]) -> None:
    db, writable = read_only
    assert_cannot_write(db)
    before = fingerprint(db)
    with sqlite3.connect(writable) as conn:
        (status,) = conn.execute("SELECT status FROM milestone WHERE code = '1-M1'").fetchone()
    proc = run_reader(
        db, "milestone", "set", "1-M1", "--status", "in_progress" if status == "done" else "done"
    )
    assert proc.returncode != 0
    assert "数据库为只读" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert fingerprint(db) == before


def test_read_only_file_in_a_writable_directory(tmp_path: Path) -> None:
    """A file its owner has made read-only: SQLite may put its shared-memory index beside it, but the
    database file itself is never written."""
    db = tmp_path / "ledger.db"
    seed(db)
    db.chmod(0o444)
    try:
        assert_cannot_write(db)
        before = fingerprint(db)
        for args in (["milestone", "list"], ["report", "weekly", "--format", "json", "--draft"]):
            proc = run_reader(db, *args)
            assert proc.returncode == 0, f"{args}: {proc.stderr}"
        assert fingerprint(db) == before
    finally:
        db.chmod(0o644)


def test_a_reader_without_write_access_sees_what_a_live_writer_committed(tmp_path: Path) -> None:
    """While a writer is connected its -shm exists, and the reader must use it (not read the file as
    if nobody were writing): it sees the commit that is still only in the -wal."""
    share = tmp_path / "share"
    share.mkdir()
    db = share / "ledger.db"
    seed(db)
    writer = open_ledger(str(db), actor="李四")
    writer.ctx.stated_on = date.fromisoformat(AS_OF)  # made for the day the reader reads (--as-of)
    try:
        writer.milestones.record_actual("1-M1", 34)
        with writer.ctx.engine.connect():  # stay connected: the change is in the -wal, not the file
            assert db.with_name("ledger.db-wal").stat().st_size > 0
            db.chmod(0o444)
            share.chmod(0o555)
            try:
                assert_cannot_write(db)
                proc = run_reader(db, "milestone", "show", "1-M1", "--json")
            finally:
                share.chmod(0o755)
                db.chmod(0o644)
    finally:
        writer.close()
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["actual"] == 34


def test_a_read_only_file_behind_the_code_asks_for_an_upgrade_where_it_is_writable(tmp_path: Path) -> None:
    from alembic.script import ScriptDirectory

    db = tmp_path / "old.db"
    engine = make_engine(normalize_url(str(db)))
    previous = ScriptDirectory.from_config(alembic_config(engine)).get_revision(HEAD).down_revision
    upgrade(engine, str(previous))
    engine.dispose()
    db.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    try:
        assert_cannot_write(db)
        before = fingerprint(db)
        proc = run_reader(db, "milestone", "list")
        assert proc.returncode != 0
        assert "tasktrack db upgrade" in proc.stderr and "只读" in proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1
        assert fingerprint(db) == before
        assert not list(tmp_path.glob("old.db.before-*"))  # no backup: nothing is migrated
    finally:
        db.chmod(0o644)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (previous,)
