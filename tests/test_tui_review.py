"""The TUI's review screen (6, 审核): the inbox with keys to approve, reject and return (pilot tests)."""

from __future__ import annotations

from typing import Any

import pytest

from tasktrack.services.ledger import Ledger
from tests.conftest import AS_OF
from tests.test_permissions import PG, OpenAs, office, open_as  # noqa: F401 - fixtures

M = "kaizhou-7p:1-M2"


@pytest.fixture
def filed(office: dict[str, Ledger]) -> dict[str, Any]:  # noqa: F811
    """王五 of 区财政局 (lead of 1-3) asked to move 1-M2's deadline and to close 1-M1 on one evidence item."""
    boss, wang = office["boss"], office["wang"]
    [due] = wang.review.request(M, {"due": "2022-06-30"}, reason="受疫情影响")
    ev = wang.evidence.add("kaizhou-7p:1-M1", text="认定名单")
    closure = wang.review.request_closure("kaizhou-7p:1-M1", note="已完成")
    return {"boss": boss, "wang": wang, "li": office["li"], "due": f"r{due}", "ev": f"e{ev.id}",
            "closure": f"r{closure}"}


async def _open(lg: Ledger, lang: str = "zh") -> Any:
    from tasktrack.tui.app import TaskTrackApp

    return TaskTrackApp(lg, clock=lambda: AS_OF, lang=lang)


async def _settle(app: Any, pilot: Any) -> None:
    for _ in range(4):
        await app.workers.wait_for_complete()
        await pilot.pause()


def _refs(app: Any) -> list[str]:
    return [i.ref for i in app.screen.query_one("#inbox").loaded_rows()]


async def _select(app: Any, pilot: Any, ref: str) -> None:
    table = app.screen.query_one("#inbox")
    table.cursor = _refs(app).index(ref)
    await pilot.pause()


async def test_the_coordinator_decides_from_the_inbox(filed: dict[str, Any]) -> None:
    boss = filed["boss"]
    app = await _open(boss)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("6")
        await _settle(app, pilot)
        assert _refs(app) == [filed["due"], filed["ev"], filed["closure"]]  # oldest first
        await _select(app, pilot, filed["due"])
        await pilot.press("j")  # no reason typed: refused, nothing decided
        await _settle(app, pilot)
        assert [r.state for r in boss.review.requests(M)] == ["pending"]
        app.screen.query_one("#review-note").value = "年度任务不延期"
        await pilot.press("j")
        await _settle(app, pilot)
        assert [(r.state, r.decision_note) for r in boss.review.requests(M)] == [("rejected", "年度任务不延期")]
        await _select(app, pilot, filed["ev"])
        await pilot.press("a")  # accept the evidence
        await _settle(app, pilot)
        await _select(app, pilot, filed["closure"])
        await pilot.press("a")  # 销号
        await _settle(app, pilot)
        assert boss.milestones.get("kaizhou-7p:1-M1").status == "closed"
        assert _refs(app) == []


async def test_return_from_the_inbox_and_the_member_sees_the_state(filed: dict[str, Any]) -> None:
    boss, wang = filed["boss"], filed["wang"]
    app = await _open(boss, "en")
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("6")
        await _settle(app, pilot)
        await _select(app, pilot, filed["closure"])
        app.screen.query_one("#review-note").value = "缺盖章件"
        await pilot.press("b")
        await _settle(app, pilot)
        assert filed["closure"] not in _refs(app)
    assert boss.milestones.get("kaizhou-7p:1-M1").status == "in_progress"
    member = await _open(wang)
    async with member.run_test(size=(160, 40)) as pilot:
        await pilot.press("6")
        await _settle(member, pilot)
        rows = {i.ref: i for i in member.screen.query_one("#inbox").loaded_rows()}
        assert (rows[filed["closure"]].state, rows[filed["closure"]].note) == ("returned", "缺盖章件")
        assert rows[filed["due"]].state == "pending"
        await _select(member, pilot, filed["due"])
        await pilot.press("a")  # a member may not approve: refused, still pending
        await _settle(member, pilot)
    assert [r.state for r in boss.review.requests(M)] == ["pending"]


async def _status(app: Any, pilot: Any, ref: str, status: str, note: str) -> None:
    """The plan screen's status dialog (s) on `ref`: pick `status`, type `note`, save (ctrl+s)."""
    from textual.widgets import OptionList

    from tasktrack.tui.modals.edits import STATUSES, StatusModal
    from tests.tui.conftest import press, screen_text
    from tests.tui.test_actions import fill, jump

    await jump(pilot, ref)
    await press(pilot, "s")
    assert isinstance(app.screen, StatusModal), screen_text(app)
    app.screen.query_one("#status", OptionList).highlighted = STATUSES.index(status)
    fill(app, "#note", note)
    await press(pilot, "ctrl+s")


async def test_closing_from_the_status_dialog_goes_through_the_closure_review(filed: dict[str, Any]) -> None:
    """s → 已销号 on 1-M1 approves 王五's pending closure request under the one rule; reopening says why."""
    from tasktrack.tui.modals.edits import StatusModal
    from tests.tui.conftest import press, screen_text

    boss, wang = filed["boss"], filed["wang"]
    member = await _open(wang)
    async with member.run_test(size=(160, 40)) as pilot:
        await _settle(member, pilot)
        await _status(member, pilot, "kaizhou-7p:1-M1", "closed", "")
        assert isinstance(member.screen, StatusModal)  # refused: back in the dialog, saying how to ask
        assert "review close-request" in screen_text(member)
        await press(pilot, "escape")
    app = await _open(boss)
    async with app.run_test(size=(160, 40)) as pilot:
        await _settle(app, pilot)
        await _status(app, pilot, "kaizhou-7p:1-M1", "closed", "同意销号")
        assert not isinstance(app.screen, StatusModal), screen_text(app)
        await _status(app, pilot, "kaizhou-7p:1-M1", "in_progress", "")
        assert isinstance(app.screen, StatusModal)  # reopening needs a reason: refused
        assert "为何重新打开" in screen_text(app)
        await press(pilot, "escape")
    m = boss.milestones.get("kaizhou-7p:1-M1")
    assert m.status == "closed"
    [closure] = boss.review.requests("kaizhou-7p:1-M1")
    assert (f"r{closure.id}", closure.state, closure.decided_by, closure.decision_note) == (
        filed["closure"], "approved", "老板", "同意销号")  # fmt: skip
    assert {e.accepted_by for e in boss.evidence.list("kaizhou-7p:1-M1")} == {"老板"}


async def test_the_detail_pane_shows_each_units_part(filed: dict[str, Any]) -> None:
    """The lead unit's and the co-unit's reports on 1-M2, each under its own unit, in the plan's detail pane."""
    from textual.widgets import Static

    from tests.tui.test_actions import jump

    boss, wang = filed["boss"], filed["wang"]
    boss.tasks.assign("kaizhou-7p:1-3", co=["区科技局"])
    li = filed["li"]
    wang.progress.add(M, unit=None, period="2022-01", progress="已认定14家", on_milestone=True)
    li.progress.add("kaizhou-7p:1-3", unit=None, period="2022-01", progress="配合完成申报辅导")
    app = await _open(boss)
    async with app.run_test(size=(160, 40)) as pilot:
        await _settle(app, pilot)
        await jump(pilot, M)
        await _settle(app, pilot)
        body = str(app.screen.query_one("#detail-body", Static).content)
    assert "各单位报送 (2)" in body
    assert "区财政局 2022-01（王五）: 已认定14家" in body and "区科技局 2022-01（李四）: 配合完成申报辅导" in body


def test_the_inbox_as_it_stood(filed: dict[str, Any]) -> None:
    """Under --as-of (ctx.as_it_stood) the inbox is the one of that day: requests and evidence filed by
    then, in the state they were in then; a decision taken later does not show."""
    from datetime import UTC, date, datetime, timedelta

    boss = filed["boss"]
    later = datetime.now(UTC) + timedelta(days=3)
    boss.ctx.now = lambda: later
    boss.review.reject(filed["due"], reason="年度任务不延期")
    boss.review.approve(filed["ev"])
    now = [i.ref for i in boss.review.inbox()]
    assert now == [filed["closure"]]
    boss.ctx.as_it_stood = date(2022, 1, 10)  # before anything was filed
    assert boss.review.inbox() == []
    if PG:  # the server dates every change row (now()): a decision cannot be made three days ahead there
        return
    filed_on, decided_on = datetime.now(UTC).astimezone().date(), later.astimezone().date()
    boss.ctx.as_it_stood = filed_on
    assert [(i.ref, i.state) for i in boss.review.inbox()] == [
        (filed["due"], "pending"), (filed["ev"], "pending"), (filed["closure"], "pending")
    ]
    boss.ctx.as_it_stood = decided_on
    assert [i.ref for i in boss.review.inbox()] == now
    boss.ctx.as_it_stood = date(2022, 1, 10)  # before anything was filed
    assert boss.review.inbox() == []
    wang = filed["wang"]  # a member sees their requests in the state they were in then
    wang.ctx.as_it_stood = filed_on
    assert {i.ref: i.state for i in wang.review.inbox()}[filed["due"]] == "pending"
    wang.ctx.as_it_stood = None
    assert {i.ref: i.state for i in wang.review.inbox()}[filed["due"]] == "rejected"
