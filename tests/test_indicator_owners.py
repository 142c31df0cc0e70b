"""Indicators have owners and data deadlines (issue 13): `remind` tells the responsible unit of a reading
due soon or overdue, and an indicator has a colour against 序时进度 by the milestones' rule."""

from __future__ import annotations

from datetime import date

import pytest

from tasktrack.domain.data_due import reading_owed
from tasktrack.errors import UserError
from tasktrack.reports import reminders as words
from tasktrack.services.reminders import ReminderService

DEC_30 = date(2021, 12, 30)


def owed(notices, unit: str):  # type: ignore[no-untyped-def]
    return [(r.code, r.period, r.deadline, r.level) for n in notices if n.unit and n.unit.short_name == unit
            for r in n.readings]  # fmt: skip


def test_an_indicator_reading_due_tomorrow_is_reminded(demo_ledger) -> None:  # type: ignore[no-untyped-def]
    demo_ledger.indicators.edit("专栏2-1", {"owner": "区统计局", "data_due": "2021-12-31"})
    notices = ReminderService(demo_ledger.ctx).notices(DEC_30)
    assert owed(notices, "区统计局") == [("专栏2-1", "2021", date(2021, 12, 31), "due_soon")]
    tjj = next(n for n in notices if n.unit and n.unit.short_name == "区统计局")
    text = words.to_text([tjj], "区科技局", "zh")
    assert "贵单位负责报送的以下1项指标数据临近或已过报送时限" in text
    assert "专栏2-1 研究经费投入强度 2021数据，应于2021年12月31日前报送（距到期还有1天）" in text
    # recorded: nothing owed any more
    demo_ledger.indicators.record("专栏2-1", "2021", 1.62)
    assert owed(ReminderService(demo_ledger.ctx).notices(DEC_30), "区统计局") == []


def test_a_quarterly_deadline_owes_the_last_quarter_then_this_one(demo_ledger) -> None:  # type: ignore[no-untyped-def]
    demo_ledger.indicators.edit("专栏2-4", {"owner": "区统计局", "data_due": "每季度末"})
    notices = ReminderService(demo_ledger.ctx).notices(DEC_30)
    assert owed(notices, "区统计局") == [("专栏2-4", "2021Q3", date(2021, 9, 30), "overdue")]
    assert any(n.has_overdue for n in notices if n.unit and n.unit.short_name == "区统计局")
    demo_ledger.indicators.record("专栏2-4", "2021Q3", 58)
    assert owed(ReminderService(demo_ledger.ctx).notices(DEC_30), "区统计局") == [
        ("专栏2-4", "2021Q4", date(2021, 12, 31), "due_soon")
    ]
    far = ReminderService(demo_ledger.ctx).notices(date(2021, 12, 1), within=7)
    assert owed(far, "区统计局") == []  # a month before the deadline, outside the window


def test_remind_cli_exit_code_and_json(cli, demo_ledger) -> None:  # type: ignore[no-untyped-def]
    r = cli("indicator", "edit", "专栏2-1", "--owner", "区统计局", "--data-due", "2021-12-31")
    assert r.code == 0 and "数据责任单位 区统计局" in r.out
    r = cli("--as-of", "2021-12-30", "remind", "--unit", "区统计局", "--format", "json")
    assert '"readings": [' in r.out and '"period": "2021"' in r.out and r.code == 10
    r = cli("indicator", "edit", "专栏2-1", "--data-due", "每周")
    assert r.code != 0 and "既不是周期性时限，也不是日期" in r.err and "Traceback" not in r.err
    assert cli("indicator", "edit", "专栏2-1").code != 0


def test_data_deadline_rules() -> None:
    assert reading_owed("每年", set(), date(2022, 1, 10), 2020) == ("2021", date(2021, 12, 31))
    assert reading_owed("每年", {"2021"}, date(2022, 1, 10), 2020) == ("2022", date(2022, 12, 31))
    assert reading_owed("2022-01-31", set(), date(2022, 1, 10), 2020) == ("2021", date(2022, 1, 31))
    assert reading_owed("每年", set(), date(2021, 6, 1), 2020) == ("2021", date(2021, 12, 31))  # 2020: baseline
    assert reading_owed(None, set(), date(2021, 6, 1), None) is None


def test_an_indicator_has_a_colour_against_schedule(demo_ledger) -> None:  # type: ignore[no-untyped-def]
    v = demo_ledger.indicators.get("专栏2-3", as_of=date(2021, 12, 30))
    assert v.rag == "green" and v.rag_reason.startswith("绿灯：落后序时2.4个百分点")
    late = demo_ledger.indicators.get("专栏2-3", as_of=date(2024, 6, 30))  # 17.6% done at 序时 70%
    assert late.rag == "red" and "红灯" in late.rag_reason
    assert demo_ledger.indicators.get("专栏2-1").rag == "grey"


def test_owner_and_deadline_are_logged_and_undone(demo_ledger) -> None:  # type: ignore[no-untyped-def]
    demo_ledger.indicators.edit("专栏2-4", {"owner": "区统计局", "data_due": "每季度末"}, reason="分工")
    assert demo_ledger.indicators.get("专栏2-4").owner.short_name == "区统计局"
    demo_ledger.undo.undo()
    v = demo_ledger.indicators.get("专栏2-4")
    assert (v.owner, v.data_due) == (None, None)
    with pytest.raises(UserError, match="no unit"):
        demo_ledger.indicators.edit("专栏2-4", {"owner": "不存在的局"})
