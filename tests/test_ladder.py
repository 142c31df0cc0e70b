"""三色督办: the escalation ladder's stages, each sent once per item and unit, copied upward once, and the
colour history kept in the sent-log and shown in `milestone show` and the reminder."""

from __future__ import annotations

from datetime import date
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from sqlalchemy import select

from tasktrack.config import Settings
from tasktrack.models import ReminderSent
from tasktrack.services.ladder import colour_of, stage_key
from tests.test_remind import Inbox, sent_rows, smtp_server  # noqa: F401  (a fixture)

S = Settings()


@pytest.mark.parametrize(
    ("level", "days_left", "returns", "colour"),
    [
        ("due_soon", 5, 0, "blue"),
        ("due_soon", 7, 0, "blue"),
        ("due_soon", 10, 0, None),  # due soon for the list, not yet on the ladder
        ("lagging", 77, 0, "yellow"),
        ("overdue", -1, 0, "yellow"),
        ("overdue", -30, 0, "yellow"),
        ("overdue_30", -31, 0, "red"),
        ("returned", 20, 1, None),
        ("returned", 20, 2, "red"),  # returned twice
        ("stale", 40, 0, None),  # chased, not escalated
    ],
)
def test_default_stages(level: str, days_left: int, returns: int, colour: str | None) -> None:
    assert colour_of(level, days_left, returns, S) == colour


def test_the_stages_follow_the_settings() -> None:
    s = Settings(ladder_blue_days=3, ladder_red_overdue_days=10, ladder_red_returns=3)
    assert colour_of("due_soon", 5, 0, s) is None and colour_of("due_soon", 3, 0, s) == "blue"
    assert colour_of("overdue", -11, 0, s) == "red" and colour_of("returned", 9, 2, s) is None


def test_a_stage_is_entered_once_and_again_only_after_another() -> None:
    d = date(2022, 3, 1)
    assert stage_key("yellow", [], d) == "ladder-yellow"
    yellow = [("yellow", "ladder-yellow", date(2022, 1, 10))]
    assert stage_key("yellow", yellow, d) == "ladder-yellow"  # still yellow: the same stage, not resent
    red = [*yellow, ("red", "ladder-red", date(2022, 2, 1))]
    assert stage_key("red", red, d) == "ladder-red"
    assert stage_key("yellow", red, d) == "ladder-yellow-2022-03-01"  # 红→黄 on 2022-03-01: a new entry
    back = [*red, ("yellow", "ladder-yellow-2022-03-01", d)]
    assert stage_key("yellow", back, date(2022, 3, 8)) == "ladder-yellow-2022-03-01"


@pytest.fixture
def contacts(tmp_path: Path) -> None:
    (tmp_path / "no-config.toml").write_text(
        'smtp_sender = "duban@example.invalid"\ncoordinator_email = "kjj@example.invalid"\n'
        'unit_leaders = ["区科技局=王副区长（示例） <wang@example.invalid>"]\n'
        'office_head = "李主任（示例） <li@example.invalid>"\n',
        encoding="utf-8",
    )


def _cc(raw: bytes) -> str:
    return str(message_from_bytes(raw, policy=policy.default)["Cc"] or "")


def _kjj(inbox: Inbox) -> list[bytes]:
    return [raw for rcpt, raw in inbox.messages if "kjj@example.invalid" in rcpt and b"Cc:" in raw]


def test_the_ladder_sends_each_stage_once_and_copies_it_upward(  # type: ignore[no-untyped-def]
    cli, demo_ledger, smtp_server, contacts
) -> None:
    inbox = Inbox()
    server = smtp_server(inbox)

    def send(day: str) -> int:
        before = len(inbox.messages)
        r = cli("--as-of", day, "remind", "--send", "--smtp", server)
        assert r.code == 11, r.err
        return len(inbox.messages) - before

    def ladder_rows() -> list[tuple[int, str, int | None]]:
        with demo_ledger.ctx.engine.connect() as conn:
            q = select(ReminderSent.milestone_id, ReminderSent.stage, ReminderSent.unit_id)
            return [tuple(r) for r in conn.execute(q) if r[1].startswith("ladder-")]

    assert send("2022-01-10") > 0  # 2021's items 10 days overdue: 黄, copied to the unit's 分管领导
    copied = _kjj(inbox)
    assert len(copied) == 1 and "wang@example.invalid" in _cc(copied[0]) and "li@" not in _cc(copied[0])
    rcpts = next(rcpt for rcpt, raw in inbox.messages if raw == copied[0])
    assert "wang@example.invalid" in rcpts  # the server was given the copy's address
    yellow = ladder_rows()
    assert yellow and {s for _, s, _ in yellow} <= {"ladder-yellow", "ladder-blue"}
    assert len(yellow) == len(set(yellow))

    assert send("2022-01-17") > 0  # a week on: the overdue notice again, the stage not again
    assert len(_kjj(inbox)) == 1 and ladder_rows() == yellow

    assert send("2022-02-01") > 0  # 32 days overdue: 红, copied to the 分管领导 and the office's head
    copied = _kjj(inbox)
    assert len(copied) == 2 and "wang@" in _cc(copied[1]) and "li@example.invalid" in _cc(copied[1])
    red = [r for r in ladder_rows() if r not in yellow]
    assert red and {s for _, s, _ in red} == {"ladder-red"}

    assert send("2022-02-08") > 0  # weekly again: no stage is sent twice
    rows = ladder_rows()
    assert len(rows) == len(set(rows))
    later = [r for r in rows if r not in yellow and r not in red]
    escalated = {m for m, _, _ in yellow + red}
    assert later and all(m not in escalated for m, _, _ in later)  # only the 2022 targets turning 黄 now
    assert sent_rows(demo_ledger, ladder=True) == len(rows)

    r = cli("--as-of", "2022-02-08", "milestone", "show", "2-M3")
    assert "督办记录  黄 2022-01-10 → 红 2022-02-01" in r.out
    r = cli("--as-of", "2022-02-08", "remind", "--unit", "区科技局")
    assert "2-M3 2021年各类研发机构≥40家" in r.out and "督办记录：黄 2022-01-10 → 红 2022-02-01。" in r.out
    assert "三色督办：红色督办。" in r.out


def test_milestone_show_without_history_is_unchanged(cli, demo_ledger) -> None:  # type: ignore[no-untyped-def]
    assert "督办记录" not in cli("--as-of", "2022-01-10", "milestone", "show", "2-M3").out


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('ladder_cc_red = ["boss"]', "ladder_cc_red 中的 'boss' 无效：请用 leader 或 office_head"),
        ('unit_leaders = ["王副区长"]', "“王副区长”不符合 单位=姓名 <邮箱> 的写法"),
        ("ladder_cc_red = 3", "ladder_cc_red 应为文字列表，不能是 3"),
    ],
)
def test_bad_ladder_settings_are_one_line_errors(cli, demo_ledger, tmp_path, line, message) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "no-config.toml").write_text(line + "\n", encoding="utf-8")
    r = cli("--as-of", "2022-01-10", "remind")
    assert r.code == 2 and message in r.err and len(r.err.strip().splitlines()) == 1
