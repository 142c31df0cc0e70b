"""Who did it: the claimed name (--as) is shown, the OS account comes from the process's uid (never from
$USER, which anyone can set), and on PostgreSQL the role the server authenticated is recorded too."""

from __future__ import annotations

import os
import pwd
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from tasktrack.errors import UserError
from tasktrack.models import Change
from tasktrack.services.access import MemberService
from tasktrack.services.ledger import Ledger
from tests.conftest import BACKEND, make_ledger, run_subprocess
from tests.test_permissions import WANG, ensure_role, office, open_as  # noqa: F401 - fixtures
from tests.test_permissions_pg import run, sql_as, value  # noqa: F401 - sql_as is a fixture

UID_ACCOUNT = pwd.getpwuid(os.getuid()).pw_name  # what the kernel says this process is
PG = BACKEND == "postgresql"


def rows_of(ledger: Ledger, command: str) -> list[Change]:
    with ledger.ctx.engine.connect() as conn:
        return list(conn.execute(select(Change).where(Change.command == command)).all())


def session_user(db: Path | str) -> str | None:
    return make_url(str(db)).username if PG else None


def test_a_service_records_the_claimed_name_the_os_account_and_the_database_user(db_path: Path) -> None:
    ledger = make_ledger(db_path, actor="张三")
    ledger.units.add("开州区科学技术局", short_name="区科技局")
    rows = rows_of(ledger, "unit add")
    assert rows and {(r.actor, r.os_user, r.db_user) for r in rows} == {
        ("张三", UID_ACCOUNT, session_user(db_path))
    }
    ledger.close()


def test_user_variable_cannot_change_the_recorded_os_account(db_path: Path) -> None:
    env = {"USER": "mallory", "LOGNAME": "mallory", "USERNAME": "mallory"}
    r = run_subprocess("--db", str(db_path), "--as", "张三", "unit", "add", "开州区财政局", env=env)
    assert r.code == 0, r.err
    r = run_subprocess("--db", str(db_path), "unit", "add", "开州区统计局", env=env)  # no --as
    assert r.code == 0, r.err
    ledger = make_ledger(db_path)
    rows = rows_of(ledger, "unit add")
    assert {(r.actor, r.os_user) for r in rows} == {("张三", UID_ACCOUNT), (UID_ACCOUNT, UID_ACCOUNT)}
    assert "mallory" not in {v for r in rows for v in (r.actor, r.os_user, r.db_user)}
    assert {r.db_user for r in rows} == {session_user(db_path)}
    ledger.close()


def test_neither_as_nor_user_gives_a_coordinators_rights(db_path: Path) -> None:
    ledger = make_ledger(db_path)
    if PG:
        ensure_role(ledger, "tt_boss")
    MemberService(ledger.ctx).add("tt_boss", coordinator=True)  # permissions are on from here
    account = session_user(db_path) if PG else UID_ACCOUNT
    r = run_subprocess(
        "--db", str(db_path), "--as", "tt_boss", "unit", "add", "开州区财政局", env={"USER": "tt_boss"}
    )
    assert r.code == 2
    assert r.err == f"tasktrack: error: tt_boss（账号 {account}）无权修改单位：仅限协调人；请联系协调人\n"
    assert rows_of(ledger, "unit add") == []
    ledger.close()


@pytest.mark.skipif(not PG, reason="a member's raw SQL against the server's own row security")
def test_a_row_forged_in_the_coordinators_name_is_never_what_the_coordinator_undoes(
    office: dict[str, Ledger], sql_as: Any
) -> None:
    """The issue's sequence: a member inserts a change row naming the coordinator (actor 老板) about another
    unit's milestone; the coordinator's next undo takes back the coordinator's own last command, not it."""
    boss, wang = office["boss"], office["wang"]
    boss.milestones.record_actual("kaizhou-7p:1-M2", 7)  # the coordinator's last command
    target = boss.milestones.get("kaizhou-7p:2-M3")  # 区科技局's, not 王五's unit's
    with sql_as(WANG) as conn:
        run(
            conn,
            "INSERT INTO change (at, actor, os_user, command_id, command, entity, entity_id, field, old, new) "
            "VALUES (now(), '老板', 'tt_boss', 'forged', 'milestone set', 'milestone', :mid, 'status', "
            "'closed', :now)",
            mid=target.id,
            now=target.status,
        )
    assert value(boss, "SELECT db_user FROM change WHERE command_id = 'forged'") == WANG  # set by the server
    result = boss.undo.undo()
    assert result.undone.command == "milestone progress"
    assert boss.milestones.get("kaizhou-7p:1-M2").actual is None
    assert boss.milestones.get("kaizhou-7p:2-M3").status == target.status  # never closed by the undo
    with pytest.raises(UserError, match=r"nothing to undo: 王五 \(account tt_wang\)"):
        wang.undo.undo()  # and the member's own undo stack holds no change of the coordinator's either
