"""Reminders (催办): notices per lead unit, e-mail to a real SMTP server on loopback, the sent-log, exit codes."""

from __future__ import annotations

import socket
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tasktrack.models import Change, ReminderSent
from tasktrack.reports import reminders as words
from tasktrack.services.reminders import ReminderService, level_of, parse_smtp, stage_of
from tests.conftest import AS_OF

OVERDUE_2021 = ["专栏9-1-M-2021", "专栏9-2-M-2021", "1-M2", "2-M3", "2-M4", "三-M1"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        self.messages.append((list(envelope.rcpt_tos), envelope.original_content or envelope.content))
        return "250 OK"


class Refuser(Inbox):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # type: ignore[no-untyped-def]
        return "550 5.1.1 mailbox unavailable"


@pytest.fixture
def smtp_server():  # type: ignore[no-untyped-def]
    """Start a real SMTP server on 127.0.0.1 with the given handler; stopped after the test."""
    from aiosmtpd.controller import Controller

    started = []

    def start(handler: Inbox) -> str:
        port = free_port()
        c = Controller(handler, hostname="127.0.0.1", port=port)
        c.start()
        started.append(c)
        return f"127.0.0.1:{port}"

    yield start
    for c in started:
        c.stop()


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    path = tmp_path / "no-config.toml"  # the file conftest points TASKTRACK_CONFIG at
    path.write_text(
        'smtp_sender = "duban@example.invalid"\ncoordinator_email = "kjj@example.invalid"\n', encoding="utf-8"
    )
    return path


def sent_rows(ledger, *, ladder: bool = False) -> int:  # type: ignore[no-untyped-def]
    """Sent-log rows of notice items (or, with `ladder`, of 三色督办 stages)."""
    is_ladder = ReminderSent.stage.like("ladder-%")  # type: ignore[attr-defined]  # SQLModel column
    with ledger.ctx.engine.connect() as conn:
        query = select(func.count()).select_from(ReminderSent).where(is_ladder if ladder else ~is_ladder)
        return conn.execute(query).scalar_one()


def test_levels_and_stages() -> None:
    assert [level_of(d) for d in (5, 0, -1, -30, -31)] == [
        "due_soon",
        "due_soon",
        "overdue",
        "overdue",
        "overdue_30",
    ]
    steps = [3, 7]
    assert [stage_of(d, steps) for d in (7, 5, 3, 0, -1, -7, -8, -15)] == [
        "soon-7",
        "soon-7",
        "soon-3",
        "soon-3",
        "overdue-w0",
        "overdue-w0",
        "overdue-w1",
        "overdue-w2",
    ]
    assert parse_smtp("localhost:2525") == ("localhost", 2525) and parse_smtp("[::1]:25") == ("::1", 25)
    assert parse_smtp("mail.example.invalid") == ("mail.example.invalid", 25)


def test_one_notice_per_lead_unit_worded_as_a_cuiban(demo_ledger) -> None:
    notices = ReminderService(demo_ledger.ctx).notices(AS_OF)
    assert len({n.unit.id if n.unit else None for n in notices}) == len(notices)  # one per unit
    n = notices[0]
    assert n.unit is not None and n.unit.short_name == "区科技局" and n.email == "kjj@example.invalid"
    lead = [i for i in n.items if i.role == "lead" and i.level.startswith("overdue")]
    assert [i.milestone.code for i in lead] == OVERDUE_2021 and n.items[: len(lead)] == tuple(lead)
    assert {i.stage for i in lead} == {"overdue-w1"} and n.level == "overdue"
    # the rest it leads are behind 序时 or not updated (the 2025 targets, nothing recorded), each with its rule
    assert {i.level for i in n.items[len(lead) :] if i.role == "lead"} <= {"lagging", "stale"}
    assert all(i.note for i in n.items[len(lead) :])
    text = words.to_text(notices[:1], "区科技局", "zh")
    assert "催办通知（已逾期）" in text and "开州区科学技术局（示例）：" in text
    assert (
        "《贯彻落实区委十四届十次全会精神推进实施科技创新“七大工程”行动方案》（开州府办发〔2021〕63号）"
        in text
    )
    assert (
        "【已逾期】1-M2 2021年新增高新技术企业≥15家" in text and "完成时限2021年12月31日，已逾期10天" in text
    )
    assert "目前完成11家" in text and "请于2022年1月17日前报送上述事项的进展情况及佐证材料" in text


def test_unassigned_items_go_to_the_coordinator(ledger) -> None:
    notices = ReminderService(ledger.ctx).notices(AS_OF)
    assert len(notices) == 1 and notices[0].unit is None and notices[0].to_name == "区科技局"
    assert "尚未明确牵头单位" in words.to_text(notices, "区科技局", "zh")


def test_exit_codes_for_cron(cli, demo_ledger, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert cli("--as-of", "2021-02-01", "remind").code == 0  # nothing due, nothing behind 序时 yet
    r = cli("--as-of", "2021-06-01", "remind")
    assert r.code == 12 and "【落后序时进度】2-M3" in r.out  # behind 序时, nothing overdue
    r = cli("--as-of", "2021-12-28", "remind")
    assert r.code == 12 and "【即将到期】" in r.out and "【落后序时进度】1-M3" in r.out  # due soon and behind
    (tmp_path / "no-config.toml").write_text("amber_points = 50.0\nred_points = 60.0\nstale_days = 400\n", encoding="utf-8")
    r = cli("--as-of", "2021-12-28", "remind")  # a looser colour rule, a longer silence: nothing behind
    assert r.code == 10 and "【即将到期】" in r.out and "距到期还有3天" in r.out  # only due soon
    (tmp_path / "no-config.toml").unlink()
    assert cli("--as-of", "2022-01-10", "remind").code == 11  # overdue present
    assert cli("remind", "--as-of", "2022-03-01", "--format", "json").code == 11
    assert cli("--as-of", "2022-01-10", "remind", "--within", "soon").code == 2  # usage error
    assert cli("--as-of", "2022-01-10", "remind", "--resend").code == 2
    r = cli("--as-of", "2022-01-10", "remind", "--send", "--smtp", f"127.0.0.1:{free_port()}")
    assert r.code == 1 and "无法连接邮件服务器" in r.err and "未发出任何邮件" in r.err
    assert sent_rows(demo_ledger) == 0


def test_email_reaches_smtp_readable_in_chinese_and_is_sent_once(
    cli,
    demo_ledger,
    smtp_server,
    settings_file,  # type: ignore[no-untyped-def]
) -> None:
    inbox = Inbox()
    server = smtp_server(inbox)
    notices = ReminderService(demo_ledger.ctx).notices(AS_OF)
    items = sum(len(n.items) for n in notices)
    r = cli("--as", "督办员", "--as-of", "2022-01-10", "remind", "--send", "--smtp", server)
    assert r.code == 11, r.err
    assert f"已发送给 开州区科学技术局（示例） <kjj@example.invalid>：{len(notices[0].items)} 项，已逾期" in r.err
    assert len(inbox.messages) == len(notices)  # the lead unit's, and each co-unit's for its part
    rcpt, raw = inbox.messages[0]
    msg = message_from_bytes(raw, policy=policy.default)
    assert rcpt == ["kjj@example.invalid"]
    assert msg["Subject"] == "【催办】关于报送重点任务进展情况的通知（开州区科学技术局（示例））"
    assert "duban@example.invalid" in msg["From"] and msg["Date"]
    body = msg.get_content()
    assert "开州区科学技术局（示例）：" in body and "开州府办发〔2021〕63号" in body and "已逾期10天" in body
    assert sent_rows(demo_ledger) == items
    with demo_ledger.ctx.engine.connect() as conn:
        actors = conn.execute(select(Change.actor).where(Change.entity == "reminder")).scalars().all()
    assert actors and set(actors) == {"督办员"}

    sent = len(notices)
    r = cli("--as-of", "2022-01-10", "remind", "--send", "--smtp", server)  # again: nothing new
    assert r.code == 11 and "已跳过" in r.err and len(inbox.messages) == sent and sent_rows(demo_ledger) == items
    r = cli("--as-of", "2022-01-14", "remind", "--send", "--smtp", server)  # same weekly stage, same colours
    assert len(inbox.messages) == sent
    r = cli("--as-of", "2022-01-10", "remind", "--send", "--smtp", server, "--resend")
    assert r.code == 11 and len(inbox.messages) == 2 * sent
    r = cli("--as-of", "2022-01-15", "remind", "--send", "--smtp", server)  # a week later: escalates
    with_overdue = [n for n in ReminderService(demo_ledger.ctx).notices(AS_OF) if n.has_overdue]
    assert len(inbox.messages) == 2 * sent + len(with_overdue)  # only the notices with an overdue item


def test_a_refusing_server_is_a_clear_error_and_nothing_is_recorded(
    cli,
    demo_ledger,
    smtp_server,
    settings_file,  # type: ignore[no-untyped-def]
) -> None:
    server = smtp_server(Refuser())
    r = cli("--as-of", "2022-01-10", "remind", "--send", "--smtp", server)
    assert r.code == 1
    n = len(ReminderService(demo_ledger.ctx).notices(AS_OF))
    assert f"{n} 份通知未发出" in r.err and "550" in r.err and "mailbox unavailable" in r.err
    assert "<kjj@example.invalid>：" in r.err and len(r.err.strip().splitlines()) == 1
    r = cli("--lang", "en", "--as-of", "2022-01-10", "remind", "--send", "--smtp", server)
    assert r.code == 1 and f"tasktrack: error: {n} notice(s) not sent: " in r.err and "<kjj@example.invalid>: " in r.err
    assert "：" not in r.err.split("not sent: ")[1] and len(r.err.strip().splitlines()) == 1
    assert sent_rows(demo_ledger) == 0


def test_dry_run_sends_and_records_nothing(cli, demo_ledger, smtp_server, settings_file) -> None:  # type: ignore[no-untyped-def]
    inbox = Inbox()
    server = smtp_server(inbox)
    r = cli("--as-of", "2022-01-10", "remind", "--send", "--dry-run", "--smtp", server)
    assert r.code == 11 and "将发送给 开州区科学技术局（示例）" in r.err
    assert inbox.messages == [] and sent_rows(demo_ledger) == 0


def test_unit_without_address_is_an_error_for_the_others_still_sent(
    cli,
    demo_ledger,
    smtp_server,  # type: ignore[no-untyped-def]
) -> None:
    inbox = Inbox()
    server = smtp_server(inbox)
    demo_ledger.tasks.assign("kaizhou-7p:2-4", lead="区统计局")  # 2-M3, 2-M4 now led by a unit...
    demo_ledger.units.edit("区统计局", {"email": None})  # ...that has no address
    notices = ReminderService(demo_ledger.ctx).notices(AS_OF)
    mailed = [n for n in notices if n.email]
    r = cli("--as-of", "2022-01-10", "remind", "--send", "--smtp", server)
    assert r.code == 1 and "没有邮箱地址" in r.err and len(mailed) < len(notices)
    assert len(inbox.messages) == len(mailed) and sent_rows(demo_ledger) == sum(len(n.items) for n in mailed)
    kjj = next(n for n in mailed if n.unit and n.unit.short_name == "区科技局")
    assert {"2-M3", "2-M4"}.isdisjoint(i.milestone.code for i in kjj.items if i.role == "lead")


def test_email_and_ics_formats(cli, demo_ledger) -> None:  # type: ignore[no-untyped-def]
    from icalendar import Calendar

    r = cli("--as-of", "2022-01-10", "remind", "--format", "email")
    assert r.code == 11
    assert (
        "Subject: 【催办】关于报送重点任务进展情况的通知" in r.out
        and "Content-Transfer-Encoding: 8bit" in r.out
    )
    assert "Date:" not in r.out
    r = cli("--as-of", "2022-01-10", "remind", "--format", "ics")
    cal = Calendar.from_ical(r.out)
    events = list(cal.walk("VEVENT"))
    assert len(events) == 29 - 3  # every unfinished milestone
    summaries = {str(e["summary"]) for e in events}
    assert "【已逾期】1-M2 新增高新技术企业（区科技局（示例））" in summaries
    first = next(e for e in events if str(e["uid"]) == "milestone-20@tasktrack")
    assert first.decoded("dtstart").isoformat() == "2021-12-31" and len(first.subcomponents) == 2
    assert cli("--as-of", "2022-01-10", "remind", "--format", "ics").out == r.out  # reproducible
