"""The monitoring cadence on the bundled seed with the demo layer: items behind 序时进度 and items nobody
updated are chased in `remind` and named in the circular's 存在问题, each with its rule; co-units get a
notice for their part of a task."""

from __future__ import annotations

from datetime import date, timedelta

from tasktrack.reports import reminders as words
from tasktrack.services.reminders import ReminderService

OCT_15 = date(2021, 10, 15)


def items(notices, code: str):  # type: ignore[no-untyped-def]
    """(unit short name, level, role, note) of every notice item for milestone `code`."""
    return [
        (n.unit.short_name if n.unit else None, i.level, i.role, i.note)
        for n in notices
        for i in n.items
        if i.milestone.code == code
    ]


def test_items_behind_schedule_are_chased_with_their_rule(demo_ledger) -> None:
    notices = ReminderService(demo_ledger.ctx).notices(OCT_15)
    rule = "落后序时进度：尚无完成数，序时79%"
    assert ("区科技局", "lagging", "lead", rule) in items(notices, "2-M3")
    assert ("区科技局", "lagging", "lead", rule) in items(notices, "三-M1")
    text = words.to_text(notices, "区科技局", "zh")
    assert f"【落后序时进度】2-M3 2021年各类研发机构≥40家（{rule}）" in text
    assert "贵单位牵头的以下7项事项落后序时进度，现予催办" in text
    # on schedule and done items are not chased: 1-M2 (11 of 15, 73% at 79%), 1-M1 (done)
    assert items(notices, "1-M2") == [] and items(notices, "1-M1") == []


def test_remind_exit_code_12_when_behind_and_nothing_overdue(cli, demo_ledger) -> None:  # type: ignore[no-untyped-def]
    r = cli("--as-of", "2021-10-15", "remind")
    assert r.code == 12 and "【落后序时进度】三-M1" in r.out
    r = cli("--as-of", "2021-10-15", "remind", "--format", "json")
    assert r.code == 12 and '"level": "lagging"' in r.out and '"role": "co"' in r.out


def test_an_item_nobody_updated_for_60_days_is_stale(demo_ledger) -> None:
    # 2-M4 (受阻) has nothing recorded by then: it counts from the plan's issue date, 2021-08-23
    assert items(ReminderService(demo_ledger.ctx).notices(OCT_15), "2-M4") == []  # 53 days: not yet
    notices = ReminderService(demo_ledger.ctx).notices(date(2021, 11, 1))
    assert ("区科技局", "stale", "lead", "70天未更新（最近更新2021年8月23日）") in items(notices, "2-M4")
    assert "【长期未更新】2-M4" in words.to_text(notices, "区科技局", "zh")


def test_stale_stage_is_sent_once_per_silence(demo_ledger) -> None:
    service = ReminderService(demo_ledger.ctx)
    stages = {i.stage for n in service.notices(date(2021, 11, 1)) for i in n.items if i.milestone.code == "2-M4"}
    later = {i.stage for n in service.notices(date(2021, 11, 20)) for i in n.items if i.milestone.code == "2-M4"}
    assert stages == later == {"stale-2021-08-23"}  # the same silence: the same stage, sent once


def test_co_units_get_a_notice_for_their_part(demo_ledger) -> None:
    notices = ReminderService(demo_ledger.ctx).notices(OCT_15)
    assert len({n.unit.id if n.unit else None for n in notices}) == len(notices)  # one per unit
    # 三-2 is led by 区科技局 with 区财政局 and 区统计局: each co-unit is told about 三-M1
    got = items(notices, "三-M1")
    assert {(u, role) for u, _, role, _ in got} == {("区科技局", "lead"), ("区财政局", "co"), ("区统计局", "co")}
    tjj = next(n for n in notices if n.unit and n.unit.short_name == "区统计局")
    assert tjj.email == "tjj@example.invalid" and [i.milestone.code for i in tjj.items] == ["三-M1"]
    text = words.to_text([tjj], "区科技局", "zh")
    assert "贵单位负责或配合的以下1项事项落后序时进度" in text and "【落后序时进度】【配合】三-M1" in text
    only = ReminderService(demo_ledger.ctx).notices(OCT_15, unit="区统计局")
    assert [(n.unit.short_name if n.unit else None, len(n.items)) for n in only] == [("区统计局", 1)]


def test_co_unit_notices_are_logged_per_unit(cli, demo_ledger, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from aiosmtpd.controller import Controller

    from tests.test_remind import Inbox, free_port

    (tmp_path / "no-config.toml").write_text(
        'smtp_sender = "duban@example.invalid"\ncoordinator_email = "kjj@example.invalid"\n', encoding="utf-8"
    )
    inbox, port = Inbox(), free_port()
    c = Controller(inbox, hostname="127.0.0.1", port=port)
    c.start()
    try:
        r = cli("--as-of", "2021-10-15", "remind", "--send", "--smtp", f"127.0.0.1:{port}")
        n = len(ReminderService(demo_ledger.ctx).notices(OCT_15))
        assert r.code == 12 and len(inbox.messages) == n and n > 1
        assert any(rcpt == ["tjj@example.invalid"] for rcpt, _ in inbox.messages)
        r = cli("--as-of", "2021-10-20", "remind", "--send", "--smtp", f"127.0.0.1:{port}")
        assert len(inbox.messages) == n  # same colours, same stages: nothing sent twice
    finally:
        c.stop()


def test_the_circular_names_lagging_items_under_problems(demo_ledger) -> None:
    from tasktrack.reports import weekly
    from tasktrack.services.circulars import Issue

    r = weekly.build(demo_ledger, Issue("", 1, OCT_15, date(2021, 10, 9), None, False), plan="kaizhou-7p")
    lagging = {i.code: i.reason for g in r.lagging for i in g.items}
    assert lagging["2-M3"] == lagging["三-M1"] == "落后序时进度：尚无完成数，序时79%"
    assert "2-M4" not in lagging  # 受阻: listed under 滞后序时进度 already, once
    late = weekly.build(demo_ledger, Issue("", 2, date(2021, 11, 1), OCT_15, None, False), plan="kaizhou-7p")
    assert {i.code for g in late.behind for i in g.items} == {"1-M2", "2-M4"}


def test_the_circular_text_shows_the_rule(cli, demo_ledger) -> None:  # type: ignore[no-untyped-def]
    r = cli("--as-of", "2021-10-15", "report", "weekly", "--plan", "kaizhou-7p", "--draft")
    problems = r.out.split("二、存在问题")[1].split("三、下步工作要求")[0]
    assert "（三）未启动、已落后序时进度的事项6项" in problems  # with 6-M1, not yet started as the ledger stood then
    assert "2021年各类研发机构≥40家（落后序时进度：尚无完成数，序时79%）" in problems
    assert "2021年全社会研发经费投入占GDP比重≥1.55%（落后序时进度：尚无完成数，序时79%）" in problems


def test_due_dates_take_cadence_words_and_refuse_a_recurrence(cli, demo_ledger) -> None:  # type: ignore[no-untyped-def]
    r = cli("--as-of", "2021-10-15", "milestone", "edit", "2-M3", "--due", "每月25日前")
    assert r.code == 2 and len(r.err.strip().splitlines()) == 1
    assert "“每月25日前”是每期都有的周期性时限，不是一个完成时限：请写一个日期，如 2021-01-25" in r.err
    assert demo_ledger.milestones.get("2-M3").due == date(2021, 12, 31)  # nothing written
    r = cli("--as-of", "2021-10-15", "milestone", "edit", "2-M3", "--due", "年中", "--reason", "test")
    assert r.code == 0, r.err
    m = demo_ledger.milestones.get("2-M3")
    assert m.due == date(2021, 6, 30) and m.due_text == "年中"


def test_last_update_is_the_newest_fact_by_the_date_else_the_plans_issue(demo_ledger) -> None:
    from tasktrack.services.cadence import last_updates

    m = demo_ledger.milestones.get("2-M4")  # its status and actual were recorded when the demo loaded
    loaded = date.today()
    with demo_ledger.connect() as conn:
        assert last_updates(conn, [m.id], OCT_15) == {m.id: date(2021, 8, 23)}  # nothing by then: issued
        later = last_updates(conn, [m.id], loaded + timedelta(days=1))[m.id]
        assert abs((later - loaded).days) <= 1  # the facts the demo layer recorded
        many = last_updates(conn, [m.id, *range(10_000, 10_600)], OCT_15)  # past a parameter list's size
    assert many == {m.id: date(2021, 8, 23)}


def test_the_circular_names_items_nobody_updated(cli, demo_ledger, tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "no-config.toml").write_text("stale_days = 30\n", encoding="utf-8")
    r = cli("--as-of", "2021-10-15", "report", "weekly", "--plan", "kaizhou-7p", "--draft")
    problems = r.out.split("二、存在问题")[1].split("三、下步工作要求")[0]
    # 1-M2 is on schedule (11 of 15 at 序时 79%) but nothing was recorded on it since the plan was issued;
    # as the ledger stood that day (rebuilt from the log) two more open items had nothing recorded either
    assert "（四）超过30天未更新的事项3项" in problems
    assert "2021年新增高新技术企业≥15家（53天未更新（最近更新2021年8月23日））" in problems
    (tmp_path / "no-config.toml").unlink()
    r = cli("--as-of", "2021-10-15", "report", "weekly", "--plan", "kaizhou-7p", "--draft")
    assert "未更新" not in r.out  # 53 days is within the default 60
