"""Every command that changes the ledger leaves change rows naming the actor (--as), the OS account of the
process and, on PostgreSQL, the database user; and every command is known to change the ledger or not."""

from __future__ import annotations

import os
import pwd
from pathlib import Path
from typing import Any

import pytest
import typer
from sqlalchemy import select
from sqlalchemy.engine import make_url

from tasktrack.cli.main import app
from tasktrack.models import Change
from tasktrack.store.engine import make_engine, normalize_url
from tests.conftest import BACKEND

ACTOR = "记录员"
UID_ACCOUNT = pwd.getpwuid(os.getuid()).pw_name
DOCUMENT = Path(__file__).parent / "fixtures" / "documents" / "fengjie_innovation_action.txt"

# Commands that write the ledger only through their own files or the schema, or change nothing.
NOT_LEDGER_WRITES = {
    "init": "creates or migrates the schema",
    "db upgrade": "migrates the schema",
    "db backup": "copies the database",
    "db restore": "replaces the whole database with a backup, whose own history then stands",
    "member grant": "PostgreSQL privileges for a role, not ledger data",
    "import review": "edits a draft file, not the database",
    "evidence get": "copies a stored file out, changing nothing",
    "tui": "interactive; its edits call the same services as the commands below",
}
READ_ONLY = {
    "config show",
    "db check",
    "db current",
    "duty list",
    "duty status",
    "evidence list",
    "evidence verify",
    "export ledger",
    "history",
    "indicator list",
    "indicator show",
    "member list",
    "milestone list",
    "milestone show",
    "plan list",
    "plan show",
    "progress list",
    "review list",
    "report indicators",
    "report scores",
    "report issues",
    "report show",
    "task list",
    "task show",
    "unit list",
}


def leaves(cmd: Any, path: tuple[str, ...] = ()) -> list[str]:
    subs = getattr(cmd, "commands", None)
    if not subs:
        return [" ".join(path)]
    return [leaf for name, sub in sorted(subs.items()) for leaf in leaves(sub, (*path, name))]


def mutations(tmp_path: Path, smtp: str, coordinator: str) -> list[tuple[str, list[str]]]:
    """(command, argv) in an order that works on one ledger; the first word(s) name the CLI leaf."""
    sheet = tmp_path / "ledger.csv"
    sheet.write_text("编号,实际\n1-M1,12\n", encoding="utf-8")
    return [
        ("seed load", ["seed", "load", "--demo"]),
        ("unit add", ["unit", "add", "开州区示例局", "--short", "区示例局"]),
        ("unit edit", ["unit", "edit", "区示例局", "--contact", "吴婷"]),
        ("unit add", ["unit", "add", "开州区旧局", "--short", "区旧局"]),
        ("unit retire", ["unit", "retire", "区旧局", "--reason", "机构改革"]),
        ("undo", ["undo"]),
        ("task add", ["task", "add", "kaizhou-7p", "--code", "1-5", "--title", "示例任务", "--parent", "1"]),
        ("task edit", ["task", "edit", "kaizhou-7p:1-5", "--note", "重点督办"]),
        ("task assign", ["task", "assign", "kaizhou-7p:1-5", "--lead", "区示例局"]),
        (
            "milestone add",
            [
                "milestone",
                "add",
                "kaizhou-7p:1-5",
                "--code",
                "1-M9",
                "--metric",
                "新增示例",
                "--year",
                "2022",
            ],
        ),
        ("milestone edit", ["milestone", "edit", "1-M9", "--target", "5"]),
        ("milestone set", ["milestone", "set", "1-M9", "--status", "in_progress"]),
        ("milestone progress", ["milestone", "progress", "1-M9", "3"]),
        ("review request", ["review", "request", "1-M9", "--target", "6", "--reason", "市级下调"]),
        ("review reject", ["review", "reject", "r1", "--reason", "不同意"]),
        ("evidence add", ["evidence", "add", "1-M9", "--text", "名单"]),
        ("review close-request", ["review", "close-request", "1-M9", "--note", "已完成"]),
        ("review return", ["review", "return", "r2", "--reason", "缺盖章件"]),
        ("review close-request", ["review", "close-request", "1-M9", "--note", "已补充"]),  # answers the return
        ("review approve", ["review", "approve", "e1"]),
        ("evidence remove", ["evidence", "remove", "1", "--reason", "传错"]),
        ("indicator record", ["indicator", "record", "kaizhou-14fyp:专栏2-3", "2023", "300"]),
        ("milestone link", ["milestone", "link", "kaizhou-7p:1-M1", "kaizhou-14fyp:专栏9-1-M-2021", "-r", "同一目标"]),
        ("milestone feed", ["milestone", "feed", "kaizhou-7p:1-M1", "--indicator", "kaizhou-14fyp:专栏2-3"]),
        ("milestone unlink", ["milestone", "unlink", "kaizhou-7p:1-M1", "--reason", "口径不同"]),
        ("indicator edit", ["indicator", "edit", "kaizhou-14fyp:专栏2-3", "--owner", "区科技局", "--data-due", "每季度末"]),
        (
            "progress add",
            [
                "progress",
                "add",
                "kaizhou-7p:1-5",
                "--unit",
                "区示例局",
                "--period",
                "2021-12",
                "--progress",
                "推进中",
            ],
        ),
        ("progress remove", ["progress", "remove", "1", "--reason", "重复报送"]),
        ("duty add", ["duty", "add", "每月25日前报送进展", "--plan", "kaizhou-7p", "--from", "2021-09-01"]),
        ("duty remove", ["duty", "remove", "1", "--reason", "报送要求调整"]),
                ("report weekly", ["report", "weekly", "--issue", "--issue-no", "3"]),
        ("report void", ["report", "void", "3", "--reason", "数据有误"]),
        ("report monthly", ["report", "monthly", "--issue"]),
        ("report quarterly", ["report", "quarterly", "--issue"]),
        ("report halfyear", ["report", "halfyear", "--issue"]),
        ("report annual", ["report", "annual", "--issue"]),
        ("remind", ["remind", "--send", "--smtp", smtp]),
        ("import ledger", ["import", "ledger", str(sheet), "--plan", "kaizhou-7p"]),
        ("import plan", ["import", "plan", str(DOCUMENT), "--load"]),
        ("member add", ["member", "add", coordinator, "--coordinator"]),
        ("member remove", ["member", "remove", coordinator]),
    ]


@pytest.fixture
def smtp() -> str:  # type: ignore[misc]
    from aiosmtpd.controller import Controller

    from tests.test_remind import Inbox, free_port

    port = free_port()
    controller = Controller(Inbox(), hostname="127.0.0.1", port=port)
    controller.start()
    yield f"127.0.0.1:{port}"
    controller.stop()


def test_every_command_is_known_to_change_the_ledger_or_not(tmp_path: Path) -> None:
    """A new command must be added to the run below, or to a list here saying why it writes no history."""
    tested = {leaf for leaf, _ in mutations(tmp_path, "-", "-")}
    every = set(leaves(typer.main.get_command(app)))
    assert every - tested - READ_ONLY - set(NOT_LEDGER_WRITES) == set()
    assert tested | READ_ONLY | set(NOT_LEDGER_WRITES) <= every


def test_every_mutating_command_logs_the_actor_and_the_accounts(  # type: ignore[no-untyped-def]
    cli, db_path: Path, tmp_path: Path, smtp: str
) -> None:
    config = Path(os.environ["TASKTRACK_CONFIG"])
    config.write_text('smtp_sender = "duban@example.invalid"\ncoordinator_email = "kjj@example.invalid"\n')
    db_user = make_url(str(db_path)).username if BACKEND == "postgresql" else None
    me = db_user or UID_ACCOUNT  # the account permissions are checked against: stays a coordinator
    seen: set[str] = set()
    last = 0
    for leaf, argv in mutations(tmp_path, smtp, me):
        r = cli("--as", ACTOR, "--as-of", "2022-01-10", *argv)
        assert r.code in (0, 11), f"{leaf}: {r.err}"  # 11: remind found overdue items, as cron wants
        engine = make_engine(normalize_url(str(db_path)))
        with engine.connect() as conn:
            rows = conn.execute(select(Change.__table__).where(Change.id > last).order_by(Change.id)).all()
        engine.dispose()
        assert rows, f"{leaf} wrote no change row"
        assert {(c.actor, c.os_user, c.db_user) for c in rows} == {(ACTOR, UID_ACCOUNT, db_user)}, leaf
        ids = {c.command_id for c in rows}
        assert not ids & seen, f"{leaf} reused a command id"
        seen |= ids
        last = rows[-1].id
