"""Two real OS accounts on one SQLite ledger: a coordinator and a unit member, made with useradd.

The identity is the account the kernel says a process runs as; `--as` only names who is typing. These
run the installed command as each account (runuser), so what is tested is what an office's two people
at two logins get. Skipped unless run as root with useradd, and with an interpreter other accounts can
run (.ci/run makes the path to it traversable).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import BACKEND, Result

COORD, MEMBER, GROUP = "tt_coord", "tt_member", "tt_office"


def _can_run_as_others() -> str | None:
    if BACKEND != "sqlite":
        return "the OS accounts are SQLite's identity; PostgreSQL logins are tested in test_permissions_pg"
    if not hasattr(os, "getuid") or os.getuid() != 0:
        return "needs root to create the two accounts"
    if shutil.which("useradd") is None or shutil.which("runuser") is None:
        return "needs useradd and runuser"
    return None


pytestmark = pytest.mark.skipif(_can_run_as_others() is not None, reason=str(_can_run_as_others()))


def _ensure_accounts() -> None:
    if subprocess.run(["getent", "group", GROUP], capture_output=True).returncode != 0:
        subprocess.run(["groupadd", GROUP], check=True)
    for name in (COORD, MEMBER):
        if subprocess.run(["id", name], capture_output=True).returncode != 0:
            subprocess.run(["useradd", "--no-create-home", "-G", GROUP, name], check=True)


@pytest.fixture(scope="module")
def office() -> Iterator[Path]:
    """A directory the office's group shares (setgid, group-writable), as a shared ledger lives in."""
    _ensure_accounts()
    probe = subprocess.run(
        ["runuser", "-u", MEMBER, "--", sys.executable, "-c", "import tasktrack"], capture_output=True
    )
    if probe.returncode != 0:
        pytest.skip(f"account {MEMBER} cannot run {sys.executable}: {probe.stderr.decode()[-200:]}")
    where = Path(tempfile.mkdtemp(prefix="tt-office-", dir="/tmp"))
    shutil.chown(where, group=GROUP)
    where.chmod(0o2770)
    yield where
    shutil.rmtree(where, ignore_errors=True)


def as_user(account: str, where: Path, *args: str) -> Result:
    """`tasktrack --db ledger.db ARGS` run by `account`, with the group-friendly umask an office uses."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(where),
        "LANG": "C.UTF-8",
        "TASKTRACK_FILES": str(where / "ledger.db.files"),
        "PYTHONPATH": os.pathsep.join(p for p in sys.path if p),
    }
    cmd = ["runuser", "-u", account, "--", "sh", "-c", 'umask 007; exec "$@"', "sh"]
    cmd += [sys.executable, "-m", "tasktrack", "--db", str(where / "ledger.db"), *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=where, timeout=120)
    return Result(proc.returncode, proc.stdout, proc.stderr)


def ok(r: Result) -> Result:
    assert r.code == 0, r.err
    return r


def content(db: Path) -> list[str]:
    """The ledger's rows, whatever state its WAL is in (a reader may checkpoint it)."""
    with sqlite3.connect(db) as conn:
        return list(conn.iterdump())


def actual(where: Path, code: str) -> float | None:
    with sqlite3.connect(where / "ledger.db") as conn:
        row = conn.execute("SELECT actual FROM milestone WHERE code = ?", (code,)).fetchone()
    return row[0]


@pytest.fixture(scope="module")
def ledger_db(office: Path) -> Path:
    """The coordinator sets the ledger up: the bundled plans with the demo units, itself as coordinator,
    the other account as a member of 区科技局, and one change of its own (1-M2's actual to 13)."""
    ok(as_user(COORD, office, "seed", "load", "--demo"))
    for f in office.glob("ledger.db*"):  # the office shares the file: `chmod g+w ledger.db`
        if f.is_file():
            f.chmod(0o660)
    ok(as_user(COORD, office, "member", "add", COORD, "--coordinator"))
    ok(as_user(COORD, office, "member", "add", MEMBER, "--unit", "区科技局"))
    ok(as_user(COORD, office, "--as", "主任", "milestone", "progress", "kaizhou-7p:1-M2", "13"))
    ok(as_user(COORD, office, "db", "backup", str(office / "monday.db")))
    return office / "ledger.db"


def test_borrowing_the_coordinators_name_does_not_undo_the_coordinators_change(
    office: Path, ledger_db: Path
) -> None:
    refused = as_user(MEMBER, office, "--as", "主任", "undo")
    assert refused.code == 2
    assert refused.err == (
        f"tasktrack: error: 没有可撤销的操作：主任（账号 {MEMBER}）没有可以撤销的修改\n"
    )
    assert actual(office, "1-M2") == 13
    refused = as_user(MEMBER, office, "--as", COORD, "undo")
    assert refused.code == 2 and f"（账号 {MEMBER}）" in refused.err
    assert actual(office, "1-M2") == 13


def test_history_shows_the_claimed_name_beside_the_account(office: Path, ledger_db: Path) -> None:
    was = actual(office, "1-M1")
    ok(as_user(MEMBER, office, "--as", "主任", "milestone", "progress", "kaizhou-7p:1-M1", "9"))
    text = ok(as_user(COORD, office, "history", "kaizhou-7p:1-M1", "--limit", "1")).out
    assert f"主任（账号 {MEMBER}）" in text
    mine = ok(as_user(COORD, office, "--lang", "en", "history", "--account", COORD, "--limit", "500")).out
    assert f"主任 (account {COORD})" in mine and f"(account {MEMBER})" not in mine
    # the member's own undo takes back the member's own change, and only that
    ok(as_user(MEMBER, office, "--as", "主任", "undo"))
    assert actual(office, "1-M1") == was != 9 and actual(office, "1-M2") == 13


def test_a_member_cannot_restore_the_ledger(office: Path, ledger_db: Path) -> None:
    wiped = office / "wiped.db"
    shutil.copy(office / "monday.db", wiped)
    with sqlite3.connect(wiped) as conn:
        conn.execute("DROP TRIGGER IF EXISTS change_no_delete")
        conn.execute("DELETE FROM member")
    wiped.chmod(0o660)
    before = content(office / "ledger.db")
    refused = as_user(MEMBER, office, "db", "restore", str(wiped))
    assert refused.code == 2
    assert f"账号 {MEMBER} 无权恢复数据库：仅限协调人" in refused.err
    assert content(office / "ledger.db") == before
    ok(as_user(COORD, office, "db", "check"))


def test_a_coordinator_cannot_restore_a_copy_that_drops_the_coordinators(
    office: Path, ledger_db: Path
) -> None:
    refused = as_user(COORD, office, "db", "restore", str(office / "wiped.db"))
    assert refused.code == 2
    assert f"中账号 {COORD} 不是协调人" in refused.err


@pytest.mark.parametrize(
    "make, says",
    [
        (lambda p: p.write_bytes(b""), "是空文件，不是 tasktrack 台账"),
        (lambda p: sqlite3.connect(p).execute("CREATE TABLE notes (x)").connection.commit(), "不是 tasktrack 台账"),
        (lambda p: p.write_text("名单\n张三\n"), "未恢复"),
    ],
    ids=["zero-bytes", "another-programs-database", "a-text-file"],
)
def test_restore_refuses_what_is_not_a_ledger(office: Path, ledger_db: Path, make, says: str) -> None:  # type: ignore[no-untyped-def]
    bogus = office / "bogus.db"
    bogus.unlink(missing_ok=True)
    make(bogus)
    bogus.chmod(0o660)
    before = content(office / "ledger.db")
    refused = as_user(COORD, office, "db", "restore", str(bogus))
    assert refused.code == 2 and says in refused.err, refused.err
    assert refused.err.count("\n") == 1
    assert content(office / "ledger.db") == before


def test_a_coordinators_restore_shows_both_and_keeps_the_replaced_ledger(office: Path, ledger_db: Path) -> None:
    shown = ok(as_user(COORD, office, "--lang", "en", "db", "restore", str(office / "monday.db"), "--dry-run")).out
    assert shown.startswith("replaces: ") and "\nwith:     " in shown
    zh = ok(as_user(COORD, office, "db", "restore", str(office / "monday.db"), "--dry-run")).out
    assert zh.startswith("将被替换：") and "\n替换为：" in zh and "个，节点" in zh and "变更记录" in zh
    assert not list(office.glob("ledger.db.before-restore-*"))
    ok(as_user(COORD, office, "milestone", "progress", "kaizhou-7p:1-M2", "14"))
    done = ok(as_user(COORD, office, "--lang", "en", "db", "restore", str(office / "monday.db"))).out
    kept = list(office.glob("ledger.db.before-restore-*.bak"))
    assert len(kept) == 1 and str(kept[0]) in done
    assert actual(office, "1-M2") == 13
    with sqlite3.connect(kept[0]) as conn:  # what was replaced is still there to go back to
        assert conn.execute("SELECT actual FROM milestone WHERE code = '1-M2'").fetchone()[0] == 14


def test_a_member_cannot_send_reminders_and_nothing_is_sent(office: Path, ledger_db: Path) -> None:
    import socket

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.settimeout(0.5)
    port = server.getsockname()[1]
    try:
        out = office / "notices.txt"
        refused = as_user(
            MEMBER, office, "--as-of", "2022-01-10", "remind", "--send", "--smtp", f"127.0.0.1:{port}", "-o", str(out)
        )
        assert refused.code == 2
        assert f"账号 {MEMBER} 无权发送催办通知" in refused.err
        assert not out.exists()
        with pytest.raises(TimeoutError):
            server.accept()  # no connection was ever made
    finally:
        server.close()
