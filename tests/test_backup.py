"""db backup / check / restore, and the copy kept before a migration."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from tasktrack.services.ledger import open_ledger
from tasktrack.services.loading import bundled_seed_dir
from tasktrack.store.engine import make_engine, normalize_url
from tasktrack.store.schema import HEAD, current_revision, upgrade

pytestmark = pytest.mark.sqlite_only


def seeded(db: Path) -> Path:
    ledger = open_ledger(str(db), actor="张三")
    ledger.loader.load(bundled_seed_dir() / "kaizhou.yaml")
    ledger.loader.load(bundled_seed_dir() / "demo.yaml")
    ledger.close()
    return db


def content(db: Path) -> dict[str, str]:
    """Each table's rows, hashed: two databases with equal content() hold the same data."""
    conn = sqlite3.connect(f"file:{quote(str(db))}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {
            t: hashlib.sha256(
                repr(conn.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall()).encode()
            ).hexdigest()
            for t in sorted(tables)
        }
    finally:
        conn.close()


def _keep_writing(db: str, milestone_id: int, stop: Any, count: Any) -> None:
    """A writer process: one committed save after another until told to stop."""
    ledger = open_ledger(db, actor="writer", migrate=False)
    value = 1000
    while not stop.is_set():
        ledger.milestones.record_actual(milestone_id, value)
        value += 1
        with count.get_lock():
            count.value += 1
    ledger.close()


def test_backup_while_a_writer_writes_is_consistent_and_opens(tmp_path: Path, cli: Any) -> None:
    db = seeded(tmp_path / "live.db")
    # Grow the file past 4096 pages (16 MB): copied in steps of that size, each commit of the writer
    # between two steps restarted the copy, and under a steady writer it never finished.
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("CREATE TABLE padding (x BLOB)")
        conn.executemany("INSERT INTO padding VALUES (randomblob(4000))", [()] * 5000)
        conn.commit()
    ledger = open_ledger(str(db), migrate=False)
    milestone = ledger.milestones.record_actual("1-M1", 0)
    ledger.close()

    spawn = multiprocessing.get_context("spawn")
    stop, count = spawn.Event(), spawn.Value("i", 0)
    writer = spawn.Process(target=_keep_writing, args=(str(db), milestone.id, stop, count))
    writer.start()
    try:
        while count.value < 20:  # the writer is up and committing
            assert writer.is_alive()
        backups = []
        for n in range(2):
            before = count.value
            dest = tmp_path / f"backup-{n}.db"
            # in its own process, as cron would run it, and with a deadline: the copy in steps never
            # finished here (it hung the test instead of failing it)
            done = subprocess.run(
                [sys.executable, "-m", "tasktrack", "--db", str(db), "db", "backup", str(dest)],
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert done.returncode == 0, done.stderr
            assert done.stdout.strip() == str(dest)
            backups.append((dest, count.value - before))
    finally:
        stop.set()
        writer.join(timeout=30)
    assert writer.exitcode == 0
    assert sum(written for _, written in backups) > 0  # the writer really wrote while we copied

    for dest, _ in backups:
        assert not dest.with_name(dest.name + ".partial").exists()
        with closing(sqlite3.connect(dest)) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
            # one snapshot: the milestone's version and its change rows agree (each save is both)
            version, actual, logged = conn.execute(
                "SELECT version, actual, (SELECT count(*) FROM change WHERE entity = 'milestone' "
                "AND entity_id = m.id AND actor = 'writer') FROM milestone m WHERE id = ?",
                (milestone.id,),
            ).fetchone()
        assert version == milestone.version + logged
        assert actual == (999 + logged if logged else 0)
        copy = open_ledger(str(dest), migrate=False)  # a backup is a tasktrack database as it is
        try:
            assert len(copy.milestones.list()) == 29
            assert copy.milestones.get(milestone.id).version == version
        finally:
            copy.close()
    assert cli("db", "check", db=backups[-1][0]).code == 0


def test_backup_never_overwrites(tmp_path: Path, cli: Any) -> None:
    db = seeded(tmp_path / "a.db")
    dest = tmp_path / "exists.db"
    dest.write_bytes(b"precious")
    refused = cli("db", "backup", str(dest), db=db)
    assert refused.code == 2 and "exists" in refused.err
    assert dest.read_bytes() == b"precious"


def test_backup_of_a_database_whose_path_has_a_hash_sign(tmp_path: Path, cli: Any) -> None:
    """'#' ends the file name in a SQLite URI: the backup used to open (and create, empty) the name
    cut there, and wrote an empty backup without any error."""
    folder = tmp_path / "台账 #2"
    folder.mkdir()
    db = seeded(folder / "ledger.db")
    done = cli("db", "backup", str(folder / "copy.db"), db=db)
    assert done.code == 0, done.err
    assert content(folder / "copy.db") == content(db)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["台账 #2"]  # no stray '台账 ' file


def test_check_passes_a_good_database_and_fails_a_bad_blob_or_a_dangling_reference(
    tmp_path: Path, cli: Any
) -> None:
    db = seeded(tmp_path / "checked.db")
    proof = tmp_path / "批复.pdf"
    proof.write_bytes(b"%PDF-1.4 approval letter")
    ledger = open_ledger(str(db), actor="张三")
    ev = ledger.evidence.add("1-M1", file=str(proof))
    blob = ledger.evidence.path_of(ev.id)
    ledger.close()

    good = cli("db", "check", db=db)
    assert good.code == 0, good.out + good.err
    assert good.out.strip().splitlines()[-1] == "检查通过"

    original = blob.read_bytes()
    blob.chmod(0o644)
    blob.write_bytes(original.replace(b"approval", b"APPROVAL"))  # same size, other content
    bad = cli("db", "check", "--json", db=db)
    assert bad.code == 1
    assert any(f"佐证材料 #{ev.id}" in line and "已损坏" in line for line in json.loads(bad.out)["files"])
    blob.write_bytes(original)
    assert cli("db", "check", db=db).code == 0

    # a reference to nothing, slipped in with foreign keys off (as a careless tool or migration could)
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute(
            "INSERT INTO evidence (milestone_id, author, created_at, text, is_demo) "
            "VALUES (99999, 'x', '2022-01-10 00:00:00', 'orphan', 0)"
        )
        conn.commit()
    dangling = cli("db", "check", "--json", db=db)
    assert dangling.code == 1
    report = json.loads(dangling.out)
    assert report["ok"] is False and report["integrity"] == []
    assert any(line.startswith("evidence ") for line in report["foreign_keys"])
    text = cli("db", "check", db=db)
    assert text.code == 1 and "表 evidence 第" in text.out and "中不存在的行" in text.out
    assert "evidence row" in cli("--lang", "en", "db", "check", db=db).out


def test_restore_brings_back_the_backed_up_state(tmp_path: Path, cli: Any) -> None:
    db = seeded(tmp_path / "ledger.db")
    backup = tmp_path / "monday.db"
    assert cli("db", "backup", str(backup), db=db).code == 0
    saved = content(backup)

    ledger = open_ledger(str(db), actor="李四")
    ledger.milestones.record_actual("1-M1", 77)
    ledger.units.add("开州区审计局", short_name="区审计局")
    ledger.close()
    assert content(db) != saved

    done = cli("db", "restore", str(backup), db=db)
    assert done.code == 0, done.err
    assert content(db) == saved
    assert not list(tmp_path.glob("monday.db-*"))  # the backup is still one file, used as it was
    ledger = open_ledger(str(db), migrate=False)  # and tasktrack reads it as it was on Monday
    try:
        assert ledger.milestones.get("1-M1").actual != 77
        assert "区审计局" not in {u.short_name for u in ledger.units.list()}
    finally:
        ledger.close()
    assert cli("db", "check", db=db).code == 0


def test_restore_refuses_a_damaged_backup_and_changes_nothing(tmp_path: Path, cli: Any) -> None:
    db = seeded(tmp_path / "ledger.db")
    backup = tmp_path / "damaged.db"
    assert cli("db", "backup", str(backup), db=db).code == 0
    data = bytearray(backup.read_bytes())
    page = 4096
    data[page * 3 : page * 6] = os.urandom(page * 3)  # scribble over b-tree pages
    backup.write_bytes(bytes(data))
    before = content(db)
    refused = cli("db", "restore", str(backup), db=db)
    assert refused.code == 2
    assert "未通过完整性检查" in refused.err and "未恢复" in refused.err
    assert content(db) == before


def test_a_database_behind_the_code_is_backed_up_before_it_is_migrated(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    engine = make_engine(normalize_url(str(db)))
    upgrade(engine, "0002")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO plan (key, title, doc_no, issuer, period_start, period_end, version) "
            "VALUES ('old-plan', '旧规划', '开州府办发〔2020〕1号', '开州区人民政府', 2021, 2025, 1)"
        )
    engine.dispose()
    at_0002 = content(db)

    ledger = open_ledger(str(db))  # the current code opens it: backup, then migrate
    assert current_revision(ledger.ctx.engine) == HEAD
    assert [p.key for p in ledger.plans.list()] == ["old-plan"]
    ledger.close()

    (kept,) = tmp_path.glob("old.db.before-0002-*.bak")
    assert content(kept) == at_0002
    with closing(sqlite3.connect(kept)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [("0002",)]

    # opening it again migrates nothing and copies nothing
    open_ledger(str(db)).close()
    assert len(list(tmp_path.glob("old.db.before-*"))) == 1


def test_db_backup_copies_an_older_database_as_it_is(tmp_path: Path, cli: Any) -> None:
    db = tmp_path / "old.db"
    engine = make_engine(normalize_url(str(db)))
    upgrade(engine, "0002")
    engine.dispose()
    done = cli("db", "backup", str(tmp_path / "copy.db"), db=db)
    assert done.code == 0, done.err
    for path in (db, tmp_path / "copy.db"):  # neither the database nor its copy was migrated
        with closing(sqlite3.connect(path)) as conn:
            assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [("0002",)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.db", "old.db"]
    missing = cli("db", "backup", str(tmp_path / "none-copy.db"), db=tmp_path / "none.db")
    assert missing.code == 2 and "找不到数据库" in missing.err


def test_a_new_database_is_not_backed_up(tmp_path: Path) -> None:
    open_ledger(str(tmp_path / "new.db")).close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.db"]


def test_a_good_backup_restores_over_a_ledger_whose_history_was_tampered_with(tmp_path: Path, cli: Any) -> None:
    db = seeded(tmp_path / "ledger.db")
    backup = tmp_path / "monday.db"
    assert cli("db", "backup", str(backup), db=db).code == 0
    with sqlite3.connect(db) as conn:  # someone with write access to the file cut the log
        conn.execute("DROP TRIGGER IF EXISTS change_no_delete")
        conn.execute("DELETE FROM change WHERE id = (SELECT min(id) + 3 FROM change)")
    assert cli("db", "check", db=db).code == 1
    done = cli("--lang", "en", "db", "restore", str(backup), db=db)
    assert done.code == 0, done.err
    assert "the replaced ledger is kept as" in done.out
    assert cli("db", "check", db=db).code == 0
    kept = list(tmp_path.glob("ledger.db.before-restore-*.bak"))
    assert len(kept) == 1  # the tampered file is kept too, as evidence of what was done to it


def test_a_backup_whose_history_was_tampered_with_is_not_restored(tmp_path: Path, cli: Any) -> None:
    db = seeded(tmp_path / "ledger.db")
    backup = tmp_path / "monday.db"
    assert cli("db", "backup", str(backup), db=db).code == 0
    with sqlite3.connect(backup) as conn:
        conn.execute("DROP TRIGGER IF EXISTS change_no_update")
        conn.execute("UPDATE change SET new = '999' WHERE id = (SELECT max(id) FROM change)")
    before = content(db)
    refused = cli("db", "restore", str(backup), db=db)
    assert refused.code == 2 and "未通过变更记录校验" in refused.err and "内容与哈希不符" in refused.err
    assert "未恢复" in refused.err
    english = cli("--lang", "en", "db", "restore", str(backup), db=db)
    assert english.code == 2 and ": altered); its history was edited outside tasktrack; not restored" in english.err
    assert content(db) == before
