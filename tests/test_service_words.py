"""The services' refusals are words (err.svc.*): one error, written in zh-CN or English where it is shown.

The services raise with keys and never choose a language; say(exc, lang) writes the same error in the
reader's language, and str(exc) stays the English line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tasktrack.errors import NotFound, UserError, say
from tasktrack.services.access import MemberService
from tasktrack.services.circulars import CircularService
from tasktrack.services.ledger import Ledger
from tasktrack.services.review import parse_ref
from tests.test_permissions import OpenAs, office, open_as  # noqa: F401 - fixtures


def both(exc: pytest.ExceptionInfo[UserError]) -> tuple[str, str]:
    zh, en = say(exc.value, "zh"), say(exc.value, "en")
    assert en == str(exc.value)
    return zh, en


def test_a_members_refusal_names_who_what_and_why_in_each_language(office: dict[str, Ledger]) -> None:  # noqa: F811
    wang = office["wang"]
    with pytest.raises(UserError) as refused:
        wang.milestones.set_status("2-M3", "in_progress")
    assert both(refused) == (
        "王五（账号 tt_wang）无权修改节点 2-M3：区财政局不是任务 2-4 的牵头单位或配合单位；请联系协调人",
        "王五 (account tt_wang) may not change milestone 2-M3: 区财政局 neither leads nor "
        "co-owns task 2-4; ask a coordinator",
    )
    with pytest.raises(UserError) as refused:
        wang.units.add("开州区统计局")
    zh, en = both(refused)
    assert zh.endswith("无权修改单位：仅限协调人；请联系协调人")
    assert en.endswith("may not change units: only a coordinator may; ask a coordinator")


def test_membership_errors_in_each_language(ledger: Ledger) -> None:
    members = MemberService(ledger.ctx)
    with pytest.raises(UserError) as refused:
        members.add("wang wu", unit="区财政局")
    assert both(refused) == (
        "“wang wu”不是账号名：请填写操作系统账号（或 PostgreSQL 角色），例如 wangwu",
        "'wang wu' is not an account name; give the OS account (or PostgreSQL role), e.g. wangwu",
    )
    with pytest.raises(NotFound) as missing:
        members.remove("tt_nobody")
    assert both(missing) == (
        "tt_nobody 不是成员：请用 tasktrack member list 查看",
        "tt_nobody is not a member; see 'tasktrack member list'",
    )


def test_evidence_review_and_milestone_errors_in_each_language(ledger: Ledger, tmp_path: Path) -> None:
    with pytest.raises(UserError) as refused:
        ledger.evidence.add("1-M1", file=str(tmp_path / "无.pdf"))
    assert both(refused) == (
        f"找不到文件 {tmp_path / '无.pdf'}：请检查路径",
        f"no file {tmp_path / '无.pdf'}; check the path",
    )
    with pytest.raises(UserError) as refused:
        parse_ref("x1")
    zh, en = both(refused)
    assert zh.startswith("“x1”不是待审核事项的编号") and en.startswith("'x1' is not an inbox reference")
    with pytest.raises(UserError) as refused:
        ledger.milestones.set_status("1-M1", "closed")
    zh, en = both(refused)
    assert zh.startswith("节点 1-M1 没有佐证材料：") and en.startswith("milestone 1-M1 has no evidence;")
    with pytest.raises(UserError) as refused:
        ledger.milestones.set_status("1-M1", "finished")
    assert both(refused)[1].startswith("unknown status 'finished'")
    with pytest.raises(UserError) as refused:
        ledger.milestones.edit("1-M1", {"code": "x"})
    assert both(refused)[0].startswith("不能修改“code”：可修改的有 ")


def test_unit_circular_and_link_errors_in_each_language(ledger: Ledger) -> None:
    ledger.units.add("开州区统计局", short_name="区统计局")
    with pytest.raises(UserError) as refused:
        ledger.units.add("区统计局")
    assert both(refused) == (
        "名为“区统计局”的单位已存在：请用 tasktrack unit edit 修改",
        "a unit named '区统计局' exists already; edit it with 'tasktrack unit edit'",
    )
    with pytest.raises(NotFound) as missing:
        CircularService(ledger.ctx).find(7)
    assert both(missing) == (
        "没有印发过第7期周通报：请用 tasktrack report issues 查看",
        "no weekly circular number 7 was issued; 'tasktrack report issues' lists them",
    )
    with pytest.raises(UserError) as refused:
        ledger.links.link("kaizhou-7p:1-M1", "kaizhou-7p:1-M2", reason="同一目标")
    assert both(refused) == (
        "kaizhou-7p:1-M1 和 kaizhou-7p:1-M2 属于同一规划：关联只用于两个规划中的同一目标",
        "kaizhou-7p:1-M1 and kaizhou-7p:1-M2 are of one plan; a link joins the same commitment in two plans",
    )


def test_the_inbox_says_what_a_request_asks_in_the_readers_language(office: dict[str, Ledger]) -> None:  # noqa: F811
    wang = office["wang"]
    wang.review.request("1-M1", {"due": "2022-06-30"}, reason="受疫情影响")
    [item] = [i for i in office["boss"].review.inbox() if i.what == "due"]
    assert say(item.asks, "zh") == "完成时限 2021-12-31 → 2022-06-30（受疫情影响）"
    assert say(item.asks, "en") == "due date 2021-12-31 → 2022-06-30 (受疫情影响)"
