"""Reporting duties (报送要求) on the bundled seed and demo layer: each period's deadline, who filed on time,
late (迟报) or not at all (漏报), the 报送及时率, reminders before and after the deadline, and the circular."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from tasktrack.config import Settings
from tasktrack.domain.duties import DutyError, DutyRule, deadline, parse_duty, periods
from tasktrack.services.duties import filings, timeliness
from tasktrack.services.ledger import Ledger, open_ledger
from tests.conftest import SeedTemplate, clone_into
from tests.test_remind import settings_file, smtp_server  # noqa: F401  (fixtures)

MONTHLY = "每月25日前报送进展"


def at(day: date) -> datetime:
    """Noon UTC: the same calendar day in every time zone from −11 to +11 hours."""
    return datetime(day.year, day.month, day.day, 12, 0, tzinfo=UTC)


def file_report(ledger: Ledger, on: date, item: str, unit: str, period: str) -> int:
    ledger.ctx.now = lambda: at(on)
    return ledger.progress.add(item, unit=unit, period=period, progress="推进中（示例）").id


@pytest.fixture
def office(db_path: Path, seed_template: SeedTemplate) -> Ledger:
    """The seed and demo layer with a monthly duty on kaizhou-7p's lead units from September 2021;
    区科技局 files September on time, 区财政局 files October three days late, 开州高新区管委会 files nothing."""
    clone_into(seed_template("kaizhou.yaml", "demo.yaml"), db_path)
    ledger = open_ledger(str(db_path), actor="张明", clock=lambda: date(2021, 11, 30), settings=Settings())
    ledger.ctx.now = lambda: at(date(2021, 9, 1))
    ledger.duties.add(MONTHLY, plan="kaizhou-7p", starts=date(2021, 9, 1))
    file_report(ledger, date(2021, 9, 20), "kaizhou-7p:1-3", "区科技局", "2021-09")
    file_report(ledger, date(2021, 10, 28), "kaizhou-7p:6-1", "区财政局", "2021-10")
    yield ledger
    ledger.close()


def states(ledger: Ledger, as_of: date) -> dict[tuple[str, str], str]:
    return {(f.unit.short_name or f.unit.name, f.period): f.state for f in filings(ledger.connect, as_of)}


def test_the_phrase_gives_the_cadence_and_each_period_its_deadline() -> None:
    rule = parse_duty(MONTHLY)
    assert rule == DutyRule("monthly", 25, "报送进展")
    assert periods(rule, 2021)[:2] == ["2021-01", "2021-02"] and len(periods(rule, 2021)) == 12
    assert deadline(rule, "2021-02") == date(2021, 2, 25)
    quarterly = parse_duty("每季度末报送指标数据")
    assert (quarterly.cadence, quarterly.day, quarterly.what) == ("quarterly", None, "报送指标数据")
    assert periods(quarterly, 2021) == ["2021Q1", "2021Q2", "2021Q3", "2021Q4"]
    assert deadline(quarterly, "2021Q3") == date(2021, 9, 30)
    assert deadline(parse_duty("每月底前报送进展"), "2021-02") == date(2021, 2, 28)


def test_a_day_past_a_months_end_falls_on_its_last_day_as_every_recurring_deadline_does() -> None:
    assert deadline(parse_duty("每月31日前报送进展"), "2021-02") == date(2021, 2, 28)
    assert deadline(parse_duty("每季度末月20日前报送数据"), "2021Q3") == date(2021, 9, 20)


@pytest.mark.parametrize("phrase", ["每周报送", "双月报送进展", "每月25日前", "按时报送"])
def test_a_phrase_it_cannot_read_is_refused_saying_what_it_can(phrase: str) -> None:
    with pytest.raises(DutyError, match="每月25日前报送进展|每月底前"):
        parse_duty(phrase)


def test_a_monthly_duty_gives_the_late_reporters_at_a_fixed_date(office: Ledger) -> None:
    got = states(office, date(2021, 11, 30))
    assert got == {
        ("区科技局", "2021-09"): "on_time",
        ("区财政局", "2021-09"): "missing",
        ("开州高新区管委会", "2021-09"): "missing",
        ("区科技局", "2021-10"): "missing",
        ("区财政局", "2021-10"): "late",
        ("开州高新区管委会", "2021-10"): "missing",
        ("区科技局", "2021-11"): "missing",
        ("区财政局", "2021-11"): "missing",
        ("开州高新区管委会", "2021-11"): "missing",
    }
    late = next(f for f in filings(office.connect, date(2021, 11, 30)) if f.state == "late")
    assert (late.deadline, late.filed_on, late.days_late) == (date(2021, 10, 25), date(2021, 10, 28), 3)
    rates = {r.unit.short_name: (r.on_time, r.due) for r in timeliness(filings(office.connect, date(2021, 11, 30)))}
    assert rates == {"区科技局": (1, 3), "区财政局": (0, 3), "开州高新区管委会": (0, 3)}


def test_a_filing_recorded_after_the_date_does_not_count_on_it(office: Ledger) -> None:
    """The same database and date give the same answer: 区财政局's October report, recorded on 28 October,
    is not there on the 20th (not due yet) nor on the 26th (missed)."""
    assert states(office, date(2021, 10, 20))[("区财政局", "2021-10")] == "open"
    assert states(office, date(2021, 10, 26))[("区财政局", "2021-10")] == "missing"
    assert states(office, date(2021, 10, 28))[("区财政局", "2021-10")] == "late"


def test_duty_status_lists_the_late_and_missing_with_the_rate(office: Ledger, cli) -> None:  # type: ignore[no-untyped-def]
    res = cli("--as-of", "2021-11-30", "duty", "status", "--late", "--unit", "区财政局")
    assert res.code == 0, res.err
    assert "迟报（3天）" in res.out and res.out.count("漏报") == 2
    assert "区财政局（示例） 报送及时率 0.0%（按时 0/应报 3）" in res.out
    data = json.loads(cli("--as-of", "2021-11-30", "duty", "status", "--json").out)
    assert {(f["unit"]["short_name"], f["period"], f["state"]) for f in data["filings"]} >= {
        ("区科技局", "2021-09", "on_time"), ("区财政局", "2021-10", "late")}  # fmt: skip


def test_remind_goes_out_before_the_deadline_and_after_it(office: Ledger, cli) -> None:  # type: ignore[no-untyped-def]
    before = cli("--as-of", "2021-09-20", "remind", "--unit", "开州高新区管委会", "--within", "7d")
    assert before.code == 12, before.err  # the duty is only due soon, but the unit's items behind 序时 outrank it
    assert "报送提醒（即将截止）" in before.out and "2021-09期，截止2021年9月25日，距截止还有5天" in before.out
    after = cli("--as-of", "2021-09-27", "remind", "--unit", "开州高新区管委会")
    assert after.code == 11, after.err
    assert "【漏报】每月25日前报送进展：2021-09期，截止2021年9月25日，已过截止2天仍未报送" in after.out
    filed = cli("--as-of", "2021-09-27", "remind", "--unit", "区科技局", "--format", "json")
    assert json.loads(filed.out)["duties"] == []  # 区科技局 filed September on time: nothing to remind


def test_the_circular_lists_the_late_reporters(office: Ledger, cli) -> None:  # type: ignore[no-untyped-def]
    res = cli("--as-of", "2021-11-30", "report", "weekly", "--plan", "kaizhou-7p", "--draft")
    assert res.code == 0, res.err
    assert "迟报、漏报单位3家" in res.out
    assert "区财政局（示例）：每月25日前报送进展2021-09期漏报；每月25日前报送进展2021-10期迟报（3天）" in res.out
    en = cli("--lang", "en", "--as-of", "2021-11-30", "report", "weekly", "--plan", "kaizhou-7p", "--draft")
    assert "Units late with or missing reports: 3" in en.out


def test_duties_are_set_and_removed_through_the_change_log(office: Ledger, cli) -> None:  # type: ignore[no-untyped-def]
    res = cli("--as", "张明", "duty", "add", "每季度末报送指标数据", "--unit", "区统计局", "--from", "2021-01-01")
    assert res.code == 0, res.err
    assert "已设报送要求 #2：每季度末报送指标数据（区统计局）" in res.out
    listed = cli("duty", "list", "--json")
    assert [d["phrase"] for d in json.loads(listed.out)["duties"]] == [MONTHLY, "每季度末报送指标数据"]
    gone = cli("--as", "张明", "duty", "remove", "2", "--reason", "改由区科技局汇总")
    assert gone.code == 0, gone.err
    rows = [(c.field, c.old, c.new) for c in office.history.list() if c.entity == "duty" and c.entity_id == 2]
    assert ("removed", "每季度末报送指标数据", None) in rows and ("cadence", None, "quarterly") in rows


def test_a_duty_set_in_error_is_undone(office: Ledger, cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("--as", "张明", "duty", "add", "每月底前报送进展", "--unit", "区统计局").code == 0
    res = cli("--as", "张明", "undo")
    assert res.code == 0, res.err
    assert [d.phrase for d in office.duties.list()] == [MONTHLY]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["duty", "add", "每周报送", "--plan", "kaizhou-7p"], "无法识别报送要求“每周报送”"),
        (["duty", "add", MONTHLY], "报送职责须指定 --plan"),
        (["duty", "add", MONTHLY, "--unit", "区无此局"], "区无此局"),
        (["duty", "remove", "99", "--reason", "x"], "没有报送职责 #99"),
    ],
)
def test_bad_duty_input_is_one_line_and_changes_nothing(office: Ledger, cli, args: list[str], says: str) -> None:  # type: ignore[no-untyped-def]
    before = len(office.history.list())
    res = cli(*args)
    assert res.code == 2 and says in res.err and len(res.err.strip().splitlines()) == 1, res.err
    assert "Traceback" not in res.err
    assert len(office.history.list()) == before


def test_remind_send_mails_each_duty_stage_once_and_keeps_it_in_the_sent_log(  # type: ignore[no-untyped-def]
    office: Ledger, cli, smtp_server, settings_file
) -> None:
    from email import message_from_bytes, policy

    from tests.test_remind import Inbox

    inbox = Inbox()
    server = smtp_server(inbox)
    args = ("--as-of", "2021-09-27", "remind", "--unit", "开州高新区管委会", "--send", "--smtp", server)
    def duty_mails() -> list[tuple[list[str], bytes]]:
        """The 报送提醒 among the mails: the unit's 催办 for its items behind 序时 goes out beside them."""
        return [(to, raw) for to, raw in inbox.messages if message_from_bytes(raw, policy=policy.default)["Subject"].startswith("报送提醒")]

    first = cli(*args)
    assert first.code == 11, first.err
    assert len(duty_mails()) == 1
    to, raw = duty_mails()[0]
    assert to == ["gxq@example.invalid"]
    mail = message_from_bytes(raw, policy=policy.default)
    assert mail["Subject"] == "报送提醒：开州高新区管理委员会（示例）"
    assert "【漏报】每月25日前报送进展：2021-09期" in mail.get_body().get_content()  # type: ignore[union-attr]
    again = cli(*args)
    assert again.code == 11 and len(duty_mails()) == 1  # the same stage is not sent twice
    assert "本阶段已发送过" in again.err
    week_on = cli("--as-of", "2021-10-03", "remind", "--unit", "开州高新区管委会", "--send", "--smtp", server)
    assert week_on.code == 11 and len(duty_mails()) == 2  # a week overdue: the next stage
    logged = [c for c in office.history.list() if c.entity == "dutyreminder" and c.field == "stage"]
    assert sorted(c.new for c in logged) == ["overdue-w0", "overdue-w1"]  # in the change log, by the actor
