"""Outputs never clobber inputs: -o, --out and DEST refuse the database, its companions, the evidence store
and existing files (unless --force); every file is written whole or not at all; killed writes' temporary
files are found and cleaned by `db check`; the evidence store is shared as the database is."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tasktrack.errors import UserError
from tasktrack.services.ledger import Ledger, open_ledger
from tasktrack.store import files
from tasktrack.store.files import Protected, check_output, staged, write_file
from tests.conftest import BACKEND, db_checksum, evidence_store

sqlite_only = pytest.mark.sqlite_only


def changes(db: Path | str) -> int:
    from tests.conftest import db_value

    return int(db_value(db, "SELECT count(*) FROM change"))


def intact(db: Path) -> None:
    """The ledger file is a good SQLite database that tasktrack opens, with its plans."""
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    ledger = open_ledger(str(db), migrate=False)
    try:
        assert len(ledger.milestones.list()) > 0
    finally:
        ledger.close()


# -- the wrong file name after -o ---------------------------------------------------------------------------


@sqlite_only
def test_report_weekly_onto_the_database_is_refused_even_with_force(
    cli: Any, ledger: Ledger, db_path: Path
) -> None:
    ledger.milestones.record_actual("1-M1", 5)  # something in the -wal
    before, logged = db_checksum(db_path), changes(db_path)
    names = {
        db_path: "is the database itself",
        db_path.with_name("ledger.db-wal"): "is the database's -wal file",
        db_path.with_name("ledger.db-shm"): "is the database's -shm file",
        db_path.with_name("ledger.db-journal"): "is the database's -journal file",
    }
    for target, why in names.items():
        for force in ([], ["--force"]):
            r = cli("--lang", "en", "--as-of", "2022-01-10", "report", "weekly", "-o", str(target), *force)
            assert r.code == 2, r.err
            expected = f"{target} {why} and is never overwritten; choose another file name"
            assert r.err.strip() == f"tasktrack: error: {expected}"
    zh = cli("report", "weekly", "-o", str(db_path), "--force")
    assert zh.code == 2 and zh.err.strip().endswith("是数据库文件本身，不会被覆盖；请换一个文件名")
    assert db_checksum(db_path) == before and changes(db_path) == logged  # no issue remembered either
    intact(db_path)


@sqlite_only
def test_links_to_the_database_and_relative_names_are_the_database_too(
    cli: Any, ledger: Ledger, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    soft = tmp_path / "report.txt"
    soft.symlink_to(db_path)
    hard = tmp_path / "hard.txt"
    os.link(db_path, hard)
    monkeypatch.chdir(tmp_path)
    before = db_checksum(db_path)
    for target in (soft, hard, Path("ledger.db"), Path("./sub/../ledger.db")):
        r = cli("--lang", "en", "export", "ledger", "-o", str(target), "--force")
        assert r.code == 2 and "is the database itself" in r.err, (target, r.err)
    assert db_checksum(db_path) == before
    intact(db_path)


def test_nothing_inside_the_evidence_store_is_written(
    cli: Any, ledger: Ledger, db_path: Path | str, tmp_path: Path
) -> None:
    proof = tmp_path / "批复.pdf"
    proof.write_bytes(b"%PDF approval")
    ev = ledger.evidence.add("1-M1", file=str(proof))
    blob = ledger.evidence.path_of(ev.id)
    store = evidence_store(db_path)
    for target in (blob, store / "new.csv", blob.parent / "x.md", store):
        r = cli("--lang", "en", "export", "ledger", "-o", str(target), "--force")
        assert r.code == 2 and f"is inside the evidence store {store}" in r.err, r.err
    assert blob.read_bytes() == b"%PDF approval"
    assert [r.state for r in ledger.evidence.verify()] == ["ok"]


def test_export_onto_an_existing_file_needs_force(cli: Any, ledger: Ledger, tmp_path: Path) -> None:
    existing = tmp_path / "existing.xlsx"
    existing.write_bytes(b"last week's sheet, edited by hand")
    r = cli("--lang", "en", "export", "ledger", "-o", str(existing))
    assert r.code == 2
    assert r.err.strip() == (
        f"tasktrack: error: {existing} exists already; add --force to replace it, or choose another file name"
    )
    assert existing.read_bytes() == b"last week's sheet, edited by hand"
    done = cli("export", "ledger", "-o", str(existing), "--force")
    assert done.code == 0, done.err
    sheet = openpyxl.load_workbook(existing, read_only=True).active
    assert {"规划", "编号", "状态"} <= set(next(sheet.iter_rows(values_only=True)))
    assert sorted(p.name for p in tmp_path.iterdir() if files.is_temp_name(p.name)) == []


def test_remind_and_indicators_refuse_an_existing_file_without_force(
    cli: Any, ledger: Ledger, tmp_path: Path
) -> None:
    mine = tmp_path / "notes.txt"
    mine.write_text("mine", encoding="utf-8")
    for args in (("remind", "--as-of", "2022-01-10"), ("report", "indicators")):
        r = cli(*args, "-o", str(mine))
        assert r.code == 2 and "--force" in r.err and mine.read_text(encoding="utf-8") == "mine"
    assert cli("remind", "--as-of", "2022-06-10", "-o", str(mine), "--force").code in (0, 10, 11)
    assert mine.read_text(encoding="utf-8") != "mine"
    assert cli("report", "indicators", "-o", str(mine), "--force").code == 0
    assert "指标" in mine.read_text(encoding="utf-8")


def test_import_plan_never_writes_over_the_document_it_reads(cli: Any, tmp_path: Path) -> None:
    doc = tmp_path / "规划.txt"
    doc.write_text("一、总体要求\n（一）到2025年，新增高新技术企业50家。\n", encoding="utf-8")
    before = doc.read_bytes()
    r = cli("--lang", "en", "import", "plan", str(doc), "--out", str(doc), "--force")
    assert r.code == 2 and "is this command's input and is never overwritten" in r.err
    assert doc.read_bytes() == before


def test_a_missing_directory_or_a_directory_is_one_line(cli: Any, ledger: Ledger, tmp_path: Path) -> None:
    refusals = {
        tmp_path / "no" / "x.csv": "does not exist; create it first",
        tmp_path: "is a directory",
        tmp_path / ("长" * 100 + ".csv"): "File name too long",
        tmp_path / ("长" * 100) / "x.csv": "File name too long",
    }
    for target, why in refusals.items():
        r = cli("--lang", "en", "export", "ledger", "-o", str(target))
        assert r.code == 2 and why in r.err and len(r.err.strip().splitlines()) == 1, r.err
    assert sorted(p.name for p in tmp_path.iterdir() if files.is_temp_name(p.name)) == []


# -- the writer itself ------------------------------------------------------------------------------------


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path: Path) -> None:
    good = tmp_path / "report.md"
    good.write_text("the good report", encoding="utf-8")
    with pytest.raises(RuntimeError), staged(good, replace=True) as out:
        out.write(b"half a rep")
        raise RuntimeError("killed half-way")
    assert good.read_text(encoding="utf-8") == "the good report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]


def test_the_temporary_name_never_follows_a_planted_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    planted = tmp_path / f"{files.TEMP_PREFIX}guessed{files.TEMP_SUFFIX}"
    planted.symlink_to(victim)
    names = iter(["guessed", "guessed", "fresh"])
    monkeypatch.setattr(files.secrets, "token_hex", lambda n: next(names))
    write_file(tmp_path / "out.txt", "report", replace=False, lang="en")
    assert victim.read_text(encoding="utf-8") == "precious" and planted.is_symlink()
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == "report"
    assert not (tmp_path / f"{files.TEMP_PREFIX}fresh{files.TEMP_SUFFIX}").exists()


def test_a_file_made_meanwhile_is_not_replaced(tmp_path: Path) -> None:
    dest = tmp_path / "out.txt"
    check_output(dest, Protected(None, None), force=False, lang="en")
    dest.write_text("someone else's", encoding="utf-8")  # between the check and the rename
    with pytest.raises(UserError, match="exists already"):
        write_file(dest, "mine", replace=False, lang="en")
    assert dest.read_text(encoding="utf-8") == "someone else's"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_force_replaces_a_link_itself_never_what_it_points_to(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("untouched", encoding="utf-8")
    link = tmp_path / "out.txt"
    link.symlink_to(elsewhere)
    check_output(link, Protected(None, None), force=True, lang="en")
    write_file(link, "new", replace=True, lang="en")
    assert not link.is_symlink() and link.read_text(encoding="utf-8") == "new"
    assert elsewhere.read_text(encoding="utf-8") == "untouched"


def test_replacing_keeps_the_old_files_permissions(tmp_path: Path) -> None:
    dest = tmp_path / "shared.csv"
    dest.write_text("old", encoding="utf-8")
    dest.chmod(0o640)
    write_file(dest, "new", replace=True, lang="en")
    assert stat.S_IMODE(dest.stat().st_mode) == 0o640


# -- db backup -------------------------------------------------------------------------------------------


@sqlite_only
def test_backup_never_follows_a_planted_partial_link(
    cli: Any, ledger: Ledger, db_path: Path, tmp_path: Path
) -> None:
    victim = tmp_path / "victim.conf"
    victim.write_text("someone's file", encoding="utf-8")
    dest = tmp_path / "monday.db"
    planted = tmp_path / "monday.db.partial"
    planted.symlink_to(victim)
    done = cli("db", "backup", str(dest))
    assert done.code == 0, done.err
    assert victim.read_text(encoding="utf-8") == "someone's file"
    assert planted.is_symlink() and os.readlink(planted) == str(victim)
    intact(dest)
    assert stat.S_IMODE(dest.stat().st_mode) == stat.S_IMODE(db_path.stat().st_mode) & 0o666
    leftover = [p for p in tmp_path.iterdir() if files.is_temp_name(p.name)]
    assert leftover == []


@sqlite_only
def test_backup_onto_the_database_or_an_existing_file_is_refused_even_with_force(
    cli: Any, ledger: Ledger, db_path: Path
) -> None:
    before = db_checksum(db_path)
    for dest in (db_path, db_path.with_name("ledger.db-wal")):
        r = cli("--lang", "en", "db", "backup", str(dest))
        assert r.code == 2 and "never overwritten" in r.err
    assert "--force" not in cli("db", "backup", "--help").out  # backups never overwrite
    assert db_checksum(db_path) == before
    intact(db_path)


def test_pg_dump_gets_the_password_in_its_environment_never_on_its_command_line(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    seen = tmp_path / "seen.txt"
    fake = bin_dir / "pg_dump"
    fake.write_text(
        f"#!{sys.executable}\n"
        "import os, sys\n"
        "out = next(a for a in sys.argv if a.startswith('--file='))[len('--file='):]\n"
        "open(out, 'wb').write(b'PGDMP dump')\n"
        f"open({str(seen)!r}, 'w').write(repr((sys.argv, os.environ.get('PGPASSWORD'))))\n",
        encoding="utf-8",
    )
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    url = "postgresql+psycopg://kjj:s3cret-pw@127.0.0.1:1/tasktrack"
    dest = tmp_path / "pg.dump"
    done = cli("db", "backup", str(dest), db=url)  # type: ignore[arg-type]
    assert done.code == 0, done.err
    argv, password = eval(seen.read_text(encoding="utf-8"))  # noqa: S307 - our own repr
    assert password == "s3cret-pw"
    assert not any("s3cret" in a for a in argv)
    assert "postgresql://kjj@127.0.0.1:1/tasktrack" in argv
    assert dest.read_bytes() == b"PGDMP dump"
    assert not [p for p in tmp_path.iterdir() if files.is_temp_name(p.name)]


# -- leftovers of killed writes ---------------------------------------------------------------------------


def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then), follow_symlinks=False)


def test_db_check_reports_and_cleans_stale_temporary_files(
    cli: Any, ledger: Ledger, db_path: Path | str, tmp_path: Path
) -> None:
    proof = tmp_path / "e.txt"
    proof.write_bytes(b"evidence")
    ledger.evidence.add("1-M1", file=str(proof))
    store = evidence_store(db_path)
    old_incoming = store / ".incoming-k1ll3d"  # what a killed `evidence add` of an older version left
    old_incoming.write_bytes(b"x" * 3000)
    killed = store / f"{files.TEMP_PREFIX}0123abcd{files.TEMP_SUFFIX}"
    killed.write_bytes(b"y" * 10)
    running = store / f"{files.TEMP_PREFIX}running{files.TEMP_SUFFIX}"
    running.write_bytes(b"z")  # fresh: maybe a write going on now
    stale = [old_incoming, killed]
    if BACKEND == "sqlite":
        workdir = Path(db_path).parent / f"{files.TEMP_PREFIX}backup{files.TEMP_SUFFIX}"
        workdir.mkdir()
        (workdir / "monday.db").write_bytes(b"w" * 2048)
        _age(workdir, 7200)
        stale.append(workdir)
    for path in (old_incoming, killed):
        _age(path, 7200)

    found = cli("--lang", "en", "db", "check")
    assert found.code == 1
    for path in stale:
        assert f"leftover temporary file {path}" in found.out
    assert "2 KiB" in found.out and str(running) not in found.out
    assert found.out.strip().splitlines()[-1] == "problems found"

    cleaned = cli("--lang", "en", "db", "check", "--clean", "--json")
    assert cleaned.code == 0, cleaned.out + cleaned.err
    import json

    report = json.loads(cleaned.out)
    assert report["ok"] is True and report["leftovers"] == []
    assert len(report["removed"]) == len(stale)
    assert not any(p.exists() for p in stale) and running.exists()
    assert cli("db", "check").code == 0
    assert "--clean" in cli("db", "check", "--help").out


# -- evidence --------------------------------------------------------------------------------------------


def _files(store: Path) -> list[str]:
    return sorted(str(p.relative_to(store)) for p in store.rglob("*")) if store.exists() else []


def test_a_refused_attachment_leaves_nothing_on_disk(
    ledger: Ledger, db_path: Path | str, tmp_path: Path
) -> None:
    from tasktrack.services.access import MemberService

    if BACKEND == "postgresql":
        pytest.skip("the account is the login role on PostgreSQL: tests/test_permissions_pg.py")
    MemberService(ledger.ctx).add("tt_boss", coordinator=True)
    store = evidence_store(db_path)
    before = _files(store)
    big = tmp_path / "scan.pdf"
    big.write_bytes(os.urandom(3 * 2**20))
    ledger.ctx.os_user = "tt_nobody"  # not a member
    with pytest.raises(UserError, match="may not change milestone 1-M1"):
        ledger.evidence.add("1-M1", file=str(big))
    assert _files(store) == before


@sqlite_only
@pytest.mark.parametrize(
    ("db_mode", "dir_mode", "file_mode"),
    [(0o660, 0o2770, 0o440), (0o640, 0o2750, 0o440), (0o600, 0o700, 0o400), (0o644, 0o2750, 0o440)],
)
def test_the_store_is_made_with_the_databases_group_access(
    ledger: Ledger, db_path: Path, tmp_path: Path, db_mode: int, dir_mode: int, file_mode: int
) -> None:
    store = evidence_store(db_path)
    assert not store.exists()
    db_path.chmod(db_mode)
    proof = tmp_path / "e.txt"
    proof.write_bytes(b"evidence")
    blob = ledger.evidence.path_of(ledger.evidence.add("1-M1", file=str(proof)).id)
    assert stat.S_IMODE(store.stat().st_mode) == dir_mode
    assert stat.S_IMODE(blob.parent.stat().st_mode) == dir_mode
    assert stat.S_IMODE(blob.stat().st_mode) == file_mode  # never writable, never other accounts'
    assert store.stat().st_gid == db_path.stat().st_gid


# -- two real OS accounts sharing one ledger ----------------------------------------------------------------


def _run_as(user: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    import pwd

    entry = pwd.getpwnam(user)

    def become() -> None:
        os.initgroups(user, entry.pw_gid)
        os.setgid(entry.pw_gid)
        os.setuid(entry.pw_uid)
        os.umask(0o022)

    env = {**os.environ, "HOME": str(cwd), "TASKTRACK_CONFIG": str(cwd / "none.toml")}
    env.pop("TASKTRACK_FILES", None)
    return subprocess.run(
        [sys.executable, "-m", "tasktrack", *args],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=become,
        env=env,
        cwd=cwd,
    )


@pytest.fixture
def two_accounts() -> Any:
    """Two OS accounts in one group (tt_office) and one outside it: made with useradd, removed after."""
    if os.geteuid() != 0 or not shutil_which("useradd"):
        pytest.skip("needs root and useradd to make real OS accounts")
    suffix = str(os.getpid())[-5:]
    group, users = f"ttg{suffix}", [f"tta{suffix}", f"ttb{suffix}", f"ttc{suffix}"]
    subprocess.run(["groupadd", group], check=True)
    try:
        for user in users[:2]:
            subprocess.run(["useradd", "-M", "-G", group, user], check=True)
        subprocess.run(["useradd", "-M", users[2]], check=True)
        yield group, users
    finally:
        for user in users:
            subprocess.run(["userdel", user], capture_output=True)
        subprocess.run(["groupdel", group], capture_output=True)


def shutil_which(name: str) -> str | None:
    import shutil

    return shutil.which(name)


@pytest.fixture
def shared_tmp() -> Any:
    import shutil
    import tempfile

    path = Path(tempfile.mkdtemp(prefix="tt-office-", dir="/tmp"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


@sqlite_only
def test_two_accounts_of_one_group_both_attach_and_a_third_reads_nothing(
    two_accounts: Any, shared_tmp: Path
) -> None:
    tmp_path = shared_tmp
    import grp
    import shutil

    group, (alice, bob, carol) = two_accounts
    office = tmp_path / "office"  # under a directory the accounts can reach (pytest's own is root's only)
    office.mkdir()
    shutil.chown(office, group=group)
    office.chmod(0o2770)
    db = office / "ledger.db"
    made = _run_as(alice, "--db", str(db), "seed", "load", cwd=office)
    assert made.returncode == 0, made.stderr
    db.chmod(0o660)  # the coordinator shares the ledger with the group
    for user, name in ((alice, "a.txt"), (bob, "b.txt")):
        source = office / name
        source.write_text(f"proof by {user}", encoding="utf-8")
        source.chmod(0o644)
        done = _run_as(user, "--db", str(db), "evidence", "add", "1-M1", "--file", str(source), cwd=office)
        assert done.returncode == 0, done.stderr  # bob is not refused by a store alice made
    store = office / "ledger.db.files"
    assert grp.getgrgid(store.stat().st_gid).gr_name == group
    assert stat.S_IMODE(store.stat().st_mode) == 0o2770
    blobs = [p for p in store.rglob("*") if p.is_file()]
    assert len(blobs) == 2 and all(stat.S_IMODE(b.stat().st_mode) == 0o440 for b in blobs)
    assert all(grp.getgrgid(b.stat().st_gid).gr_name == group for b in blobs)
    verified = _run_as(bob, "--db", str(db), "evidence", "verify", cwd=office)
    assert verified.returncode == 0, verified.stderr
    probe = subprocess.run(
        ["su", "-s", "/bin/sh", carol, "-c", f"cat {blobs[0]}"], capture_output=True, text=True, timeout=60
    )
    assert probe.returncode != 0 and "Permission denied" in probe.stderr


@sqlite_only
def test_db_check_names_a_store_the_databases_group_cannot_write(
    cli: Any, ledger: Ledger, db_path: Path, tmp_path: Path
) -> None:
    proof = tmp_path / "e.txt"
    proof.write_bytes(b"evidence")
    ledger.evidence.add("1-M1", file=str(proof))  # db 0644: a private store (0750 for the group to read)
    store = evidence_store(db_path)
    assert cli("db", "check").code == 0
    db_path.chmod(0o660)  # the ledger is shared with the group now; the store, made before, is not
    found = cli("--lang", "en", "db", "check")
    assert found.code == 1
    assert f"directory {store} (mode 2750) is not writable by the database file's group" in found.out
    store.chmod(0o2770)
    (shard,) = [p for p in store.iterdir() if p.is_dir()]
    found = cli("--lang", "en", "db", "check")
    assert found.code == 1 and f"directory {shard} (mode 2750)" in found.out  # its shard directories too
    shard.chmod(0o2770)
    assert cli("db", "check").code == 0
