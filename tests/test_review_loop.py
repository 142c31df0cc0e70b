"""The review loop of issue 12 (督办): requests instead of silent edits, 销号 as a review, the inbox.

Members act through the verified account (open_as/office of tests/test_permissions.py), on SQLite and
PostgreSQL alike: 王五 (tt_wang) of 区财政局, which here leads task 1-3 (milestone 1-M2, 新增高新技术企业
15家); 李四 (tt_li) of 区科技局, its co-unit; 老板 (tt_boss) the coordinator.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from tasktrack.errors import UserError
from tasktrack.services.history import HistoryFilter
from tasktrack.services.ledger import Ledger
from tests.conftest import BACKEND
from tests.test_permissions import OpenAs, office, open_as  # noqa: F401 - fixtures
from tests.test_permissions_pg import sql_as  # noqa: F401 - fixture

M = "kaizhou-7p:1-M2"


@pytest.fixture
def loop(office: dict[str, Ledger]) -> dict[str, Ledger]:  # noqa: F811
    office["boss"].tasks.assign("kaizhou-7p:1-3", lead="区财政局", co=["区科技局"])
    return office


def test_a_members_new_due_date_or_target_is_a_request_and_nothing_moves(loop: dict[str, Ledger]) -> None:
    wang, boss = loop["wang"], loop["boss"]
    before = boss.milestones.get(M)
    with pytest.raises(UserError, match="needs --reason"):
        wang.milestones.edit(M, {"target": 10, "due": "2022-06-30"})
    view, filed = wang.milestones.edit_or_request(
        M, {"target": 10, "due": "2022-06-30", "note": "已对接"}, reason="市级下调任务", doc_no="开州府办〔2022〕3号"
    )
    assert len(filed) == 2  # a 延期申请 and an 调整申请
    assert (view.target, view.due, view.note) == (15, before.due, "已对接")  # only the note applied
    assert view.derived.rag == "red"  # still overdue: the goalposts did not move
    kinds = {r.kind: r for r in boss.review.requests(M)}
    assert set(kinds) == {"due", "target"}
    assert kinds["target"].unit == "区财政局" and kinds["target"].requested_by == "王五"
    assert kinds["target"].doc_no == "开州府办〔2022〕3号"
    with pytest.raises(UserError, match="already has a pending"):
        wang.review.request(M, {"target": 9}, reason="再调")
    with pytest.raises(UserError, match="may not approve request"):
        wang.review.approve(kinds["target"].ref)
    boss.review.approve(kinds["target"].ref, note="同意")
    boss.review.reject(kinds["due"].ref, reason="不符合延期条件")
    after = boss.milestones.get(M)
    assert (after.target, after.due) == (10, before.due)
    decided = {r.kind: r for r in boss.review.requests(M)}
    assert (decided["target"].state, decided["target"].decided_by) == ("approved", "老板")
    assert (decided["due"].state, decided["due"].decision_note) == ("rejected", "不符合延期条件")
    target_change = [c for c in boss.history.list(HistoryFilter(milestone=M)) if c.field == "target"][0]
    assert target_change.actor == "老板"
    assert "requested by 王五" in (target_change.reason or "") and "approved by 老板" in target_change.reason


def test_a_coordinators_own_change_of_due_or_target_needs_a_reason(loop: dict[str, Ledger]) -> None:
    boss = loop["boss"]
    with pytest.raises(UserError, match="needs --reason"):
        boss.milestones.edit(M, {"target": 12})
    assert boss.milestones.edit(M, {"note": "无需理由"}).note == "无需理由"
    assert boss.milestones.edit(M, {"target": 12}, reason="依据市考核办通知").target == 12
    assert boss.review.requests(M) == []


def test_reopening_a_closed_item_needs_a_reason(loop: dict[str, Ledger]) -> None:
    boss = loop["boss"]
    boss.evidence.add(M, text="认定名单")
    boss.milestones.set_status(M, "closed")
    with pytest.raises(UserError, match="say why milestone 1-M2 is reopened"):
        boss.milestones.set_status(M, "in_progress")
    assert boss.milestones.set_status(M, "in_progress", note="复核发现数据有误").status == "in_progress"


def returned_in_remind(lg: Ledger) -> list[tuple[str, str | None]]:
    from tasktrack.services.reminders import ReminderService

    notices = ReminderService(lg.ctx).notices(unit="区财政局")
    return [(i.milestone.code, i.note) for n in notices for i in n.items if i.level == "returned"]


def test_the_loop_end_to_end_on_the_seed(loop: dict[str, Ledger], cli, db_path) -> None:  # type: ignore[no-untyped-def]
    wang, li, boss = loop["wang"], loop["li"], loop["boss"]
    # 1. the unit asks to move the deadline; the coordinator rejects it
    [due_req] = wang.review.request(M, {"due": "2022-06-30"}, reason="受疫情影响", doc_no="开州科〔2022〕1号")
    assert [i.ref for i in boss.review.inbox()] == [f"r{due_req}"]
    boss.review.reject(f"r{due_req}", reason="年度任务不延期")
    assert boss.milestones.get(M).due == date(2021, 12, 31)
    mine = wang.review.inbox()
    assert [(i.ref, i.state, i.note) for i in mine] == [(f"r{due_req}", "rejected", "年度任务不延期")]
    # 2. the unit reports progress and adds evidence; the co-unit reports its own part
    # (the unit is the filer's own, from the membership: 王五's report is 区财政局's, 李四's 区科技局's)
    assert wang.progress.add(M, unit=None, period="2022-01", progress="已认定14家", on_milestone=True).unit.short_name == "区财政局"
    wang.milestones.record_actual(M, 15)
    first = wang.evidence.add(M, text="高新技术企业认定名单（14家）")
    with pytest.raises(UserError, match="may not file a progress report for 区财政局: the account is a member of 区科技局"):
        li.progress.add(M, unit="区财政局", period="2022-01", progress="代报", on_milestone=True)
    assert li.progress.add(M, unit=None, period="2022-01", progress="配合完成申报辅导", on_milestone=True).unit.short_name == "区科技局"
    boss.progress.add(M, unit="区财政局", period="2021-12", problems="认定批次延后", on_milestone=True)
    shown = cli("milestone", "show", M).out  # the lead unit and the coordinator see each unit's part
    assert "各单位报送:" in shown and "区财政局 2022-01（王五）: 进展情况：已认定14家" in shown
    assert "区科技局 2022-01（李四）: 进展情况：配合完成申报辅导" in shown and "代报" not in shown
    en = cli("--lang", "en", "milestone", "show", M).out
    assert "Reports by unit:" in en and "区科技局 2022-01 (李四): Progress: 配合完成申报辅导" in en
    # 3. the unit requests closure; the item is reported done and waits in the coordinator's inbox
    closure = wang.review.request_closure(M, note="已完成15家认定")
    assert boss.milestones.get(M).status == "done"
    inbox = boss.review.inbox()
    assert [(i.ref, i.what) for i in inbox] == [(f"e{first.id}", "evidence"), (f"r{closure}", "closure")]
    with pytest.raises(UserError, match=f"review the evidence of milestone 1-M2 first \\(e{first.id}\\)"):
        boss.review.approve(f"r{closure}")
    # 4. the coordinator rejects the evidence item and returns the item
    boss.review.reject(f"e{first.id}", reason="名单缺1家，且未盖章")
    with pytest.raises(UserError, match="closing needs 1"):
        boss.review.approve(f"r{closure}")
    boss.review.return_(f"r{closure}", reason="佐证材料不全，请补充认定文件")
    assert boss.milestones.get(M).status == "in_progress"
    assert ("e%d" % first.id, "rejected") in {(i.ref, i.state) for i in wang.review.inbox()}
    assert returned_in_remind(wang) == [("1-M2", "佐证材料不全，请补充认定文件")]
    circular = cli("--as-of", "2022-01-10", "report", "weekly", "--plan", "kaizhou-7p").out
    assert "销号申请被退回、尚未重新申请的事项1项" in circular and "退回理由：佐证材料不全，请补充认定文件，老板退回" in circular
    mail = cli("--as-of", "2022-01-10", "remind", "--unit", "区财政局")
    assert "【销号申请被退回】1-M2" in mail.out and "退回理由：佐证材料不全，请补充认定文件。" in mail.out
    # 5. the unit adds evidence and requests again; the coordinator accepts it and closes the item
    second = wang.evidence.add(M, text="认定文件", doc_no="渝科局发〔2021〕88号")
    again = wang.review.request_closure(M, note="已补充认定文件")
    assert [i.ref for i in boss.review.inbox()] == [f"e{second.id}", f"r{again}"]  # oldest first
    assert returned_in_remind(wang) == []  # asked again: the return is answered
    later = cli("--as-of", "2030-01-10", "report", "weekly", "--plan", "kaizhou-7p").out
    assert "销号申请被退回" not in later
    assert f"超过7天未审核的申请1项" in later and f"r{again} 2021年新增高新技术企业≥15家 申请销号（王五提交" in later
    boss.review.approve(f"e{second.id}")
    boss.review.approve(f"r{again}", note="同意销号")
    closed = boss.milestones.get(M)
    assert closed.status == "closed" and closed.completed_on is not None
    ev = {e.id: e for e in boss.evidence.list(M)}
    assert (ev[first.id].accepted_by, ev[first.id].rejected_by) == (None, "老板")  # a rejected item stays so
    assert ev[second.id].accepted_by == "老板"
    assert boss.review.inbox() == []
    # history: every node with who and when
    nodes = [
        (c.actor, c.entity, c.field, c.new)
        for c in reversed(boss.history.list(HistoryFilter(milestone=M, limit=None)))
        if c.field in ("created", "state", "rejected_by", "accepted_by", "status") or c.entity == "progress"
        and c.field == "created"
    ]
    assert all(c.at is not None for c in boss.history.list(HistoryFilter(milestone=M, limit=None)))
    states = [(a, e, f, n) for a, e, f, n in nodes if e == "request" and f == "state" and n != "pending"]
    assert states == [("老板", "request", "state", "rejected"), ("老板", "request", "state", "returned"),
                      ("老板", "request", "state", "approved")]  # fmt: skip
    filed = [a for a, e, f, _ in nodes if e == "request" and f == "created"]
    assert filed == ["王五", "王五", "王五"]
    assert ("李四", "progress", "created") in {(a, e, f) for a, e, f, _ in nodes}
    assert ("老板", "evidence", "rejected_by", "老板") in nodes and ("老板", "evidence", "accepted_by", "老板") in nodes
    assert [n for a, e, f, n in nodes if e == "milestone" and f == "status"][-3:] == ["in_progress", "done", "closed"]
    # the same from the CLI: history shows the nodes; the inbox as JSON is empty now
    shown = cli("history", M, "--limit", "500")
    assert shown.code == 0, shown.err
    lines = shown.out.splitlines()
    for state in ("未通过", "已退回", "已批准"):  # the states in words (zh: the default here)
        assert any("申请" in ln and "审核状态" in ln and state in ln and "老板" in ln for ln in lines), state
    assert any("申请" in ln and "新建" in ln and "王五" in ln for ln in lines)
    assert json.loads(cli("review", "list", "--json").out) == {"items": []}


def test_cli_review_commands_in_open_mode(cli, ledger: Ledger) -> None:  # type: ignore[no-untyped-def]
    assert cli("review", "request", M, "--target", "10").code == 2  # no reason
    bad = cli("review", "request", M, "--target", "10", "--reason", "x", "--doc-no", "开州\n府办")
    assert bad.code == 2 and "--doc-no 只能是一行文字" in bad.err and "Traceback" not in bad.err
    assert ledger.review.requests(M) == []  # nothing half-written
    r = cli("review", "request", M, "--target", "10", "--reason", "市级下调", "--doc-no", "开州府办〔2022〕3号")
    assert r.code == 0 and "r1" in r.err
    listed = json.loads(cli("review", "list", "--json").out)["items"]
    assert [(i["ref"], i["what"], i["state"]) for i in listed] == [("r1", "target", "pending")]
    zh = cli("review", "list").out
    assert "调整申请" in zh and "目标 15 → 10（市级下调，开州府办〔2022〕3号）" in zh and "待审核" in zh
    en = cli("--lang", "en", "review", "list").out
    assert "adjustment request" in en and "target 15 → 10 (市级下调，开州府办〔2022〕3号)" in en and "pending" in en
    assert cli("review", "reject", "r1").code == 2  # no reason
    assert cli("review", "approve", "x1").code == 2
    assert cli("review", "approve", "r1", "--note", "同意").code == 0
    shown = cli("milestone", "show", M)
    assert "原目标15家 → 调整为10家（依据市级下调，开州府办〔2022〕3号，" in shown.out
    en = cli("--lang", "en", "milestone", "show", M)
    assert "target 15家 → 10家 (on 市级下调，开州府办〔2022〕3号, approved by" in en.out
    circular = cli("report", "weekly", "--plan", "kaizhou-7p")
    assert "原目标15家 → 调整为10家（依据市级下调，开州府办〔2022〕3号，" in circular.out
    assert cli("review", "approve", "r1").code == 2  # decided already
    assert cli("review", "close-request", M).code == 2  # no evidence
    assert cli("evidence", "add", M, "--text", "名单").code == 0
    assert cli("review", "close-request", M, "--note", "已完成").code == 0
    assert cli("review", "return", "r2").code == 2  # no reason
    assert cli("review", "return", "r2", "--reason", "缺盖章件").code == 0
    assert ledger.milestones.get(M).status == "in_progress"
    assert "已退回" in cli("review", "list").out or cli("review", "list").code == 0


@pytest.mark.skipif(BACKEND != "postgresql", reason="row-level security is PostgreSQL's")
def test_from_psql_a_member_can_neither_decide_a_request_nor_file_a_decided_one_nor_unreject_evidence(
    loop: dict[str, Ledger], sql_as  # noqa: F811
) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    wang, boss = loop["wang"], loop["boss"]
    [rid] = wang.review.request(M, {"target": 10}, reason="市级下调")
    ev = wang.evidence.add(M, text="名单")
    boss.review.reject(f"e{ev.id}", reason="未盖章")
    conn = sql_as("tt_wang")
    approved = conn.execute(text("UPDATE request SET state = 'approved', decided_by = '老板' WHERE id = :i"),
                            {"i": rid})  # fmt: skip
    assert approved.rowcount == 0
    cleared = conn.execute(text("UPDATE evidence SET rejected_by = NULL, reject_reason = NULL WHERE id = :i"),
                           {"i": ev.id})  # fmt: skip
    assert cleared.rowcount == 0
    mid = boss.milestones.get(M).id
    with pytest.raises(DBAPIError, match="row-level security"):
        conn.execute(text(
            "INSERT INTO request (kind, milestone_id, reason, state, requested_by, requested_account, "
            "requested_at, decided_by, decided_at) VALUES ('target', :m, 'x', 'approved', '王五', 'tt_wang', "
            "now(), '老板', now())"), {"m": mid})  # fmt: skip
    assert [r.state for r in boss.review.requests(M)] == ["pending"]
    assert boss.evidence.get(ev.id).rejected_by == "老板"


def test_closing_an_item_done_below_target_needs_the_coordinator_to_say_so(ledger: Ledger) -> None:
    unmet = "kaizhou-7p:2-M4"  # 科技服务机构 ≥40家
    ledger.milestones.record_actual(unmet, 39)
    ev = ledger.evidence.add(unmet, text="机构名录（39家）")
    rid = ledger.review.request_closure(unmet, note="已完成")
    ledger.review.approve(f"e{ev.id}")
    with pytest.raises(UserError, match="done below its target"):
        ledger.review.approve(f"r{rid}")
    with pytest.raises(UserError, match="done below its target"):
        ledger.milestones.set_status(unmet, "closed")  # the direct way keeps the same rule
    ledger.review.approve(f"r{rid}", note="未达标，差1家，已纳入明年任务")
    m = ledger.milestones.get(unmet)
    assert (m.status, m.derived.schedule, m.derived.rag) == ("closed", "done_unmet", "amber")


# -- 销号 has one rule, whichever way an item is closed ----------------------------------------------------
def test_a_coordinators_direct_close_is_a_closure_request_approved_under_the_same_rule(
    loop: dict[str, Ledger],
) -> None:
    from dataclasses import replace

    wang, boss = loop["wang"], loop["boss"]
    with pytest.raises(UserError, match="has no evidence"):
        boss.milestones.set_status(M, "closed")
    ev = wang.evidence.add(M, text="认定名单")
    with pytest.raises(UserError, match=r"may not close milestone 1-M2 \(销号\).*'tasktrack review close-request 1-M2'"
                       r".*'tasktrack review approve'"):  # fmt: skip
        wang.milestones.set_status(M, "closed")
    boss.ctx.settings = replace(boss.ctx.settings, closure_accepted_evidence=2)
    with pytest.raises(UserError, match="has 1 accepted evidence items, closing needs 2"):
        boss.milestones.set_status(M, "closed", note="同意销号")
    assert boss.review.requests(M) == [] and boss.evidence.get(ev.id).accepted_by is None  # nothing half-written
    boss.ctx.settings = replace(boss.ctx.settings, closure_accepted_evidence=1)
    closed = boss.milestones.set_status(M, "closed", note="同意销号")
    assert closed.status == "closed" and closed.completed_on is not None
    [req] = boss.review.requests(M)
    assert (req.kind, req.state, req.requested_by, req.decided_by, req.decision_note) == (
        "closure", "approved", "老板", "老板", "同意销号")  # fmt: skip
    assert req.decided_at is not None
    assert boss.evidence.get(ev.id).accepted_by == "老板"  # reviewed by the one who closed it, in their name
    logged = {(c.actor, c.entity, c.field, c.new) for c in boss.history.list(HistoryFilter(milestone=M, limit=None))}
    assert {("老板", "request", "created", None), ("老板", "request", "state", "approved"),
            ("老板", "milestone", "status", "closed"), ("老板", "evidence", "accepted_by", "老板")} <= {
        (a, e, f, None if f == "created" else n) for a, e, f, n in logged}  # fmt: skip


def test_a_direct_close_approves_the_units_pending_closure_request_and_rejected_evidence_never_counts(
    loop: dict[str, Ledger],
) -> None:
    wang, boss = loop["wang"], loop["boss"]
    bad = wang.evidence.add(M, text="x")
    rid = wang.review.request_closure(M, note="已完成")
    boss.review.reject(f"e{bad.id}", reason="不是佐证材料")
    with pytest.raises(UserError, match="has no evidence"):
        boss.milestones.set_status(M, "closed")
    good = wang.evidence.add(M, text="认定文件", doc_no="渝科局发〔2021〕88号")
    boss.milestones.set_status(M, "closed", note="同意")
    [req] = boss.review.requests(M)
    assert (req.id, req.state, req.requested_by, req.decided_by) == (rid, "approved", "王五", "老板")
    assert boss.evidence.get(bad.id).accepted_by is None and boss.evidence.get(good.id).accepted_by == "老板"


def test_closing_from_the_cli_and_reopening_says_why(cli, ledger: Ledger) -> None:  # type: ignore[no-untyped-def]
    refused = cli("milestone", "set", M, "--status", "closed")
    assert refused.code == 2 and "节点 1-M2 没有佐证材料" in refused.err and "Traceback" not in refused.err
    assert cli("evidence", "add", M, "--text", "认定名单").code == 0
    assert cli("milestone", "set", M, "--status", "closed").code == 0
    assert [(r.kind, r.state) for r in ledger.review.requests(M)] == [("closure", "approved")]
    again = cli("milestone", "set", M, "--status", "in_progress")
    assert again.code == 2 and "请说明节点 1-M2 为何重新打开" in again.err
    assert ledger.milestones.get(M).status == "closed"
    assert cli("milestone", "set", M, "--status", "in_progress", "--note", "复核发现数据有误").code == 0
    reopened = [c for c in ledger.history.list(HistoryFilter(milestone=M)) if c.field == "status"][0]
    assert (reopened.new, reopened.reason) == ("in_progress", "复核发现数据有误")


def test_a_ledger_sheets_status_column_closes_through_the_review_rule(
    ledger: Ledger, office: dict[str, Ledger], tmp_path  # noqa: F811
) -> None:  # type: ignore[no-untyped-def]
    from tasktrack.importers.planfile import ImportErrors
    from tests.test_ledger_import import HEAD, apply, write_csv

    boss, wang = office["boss"], office["wang"]
    unmet = "kaizhou-7p:2-M4"  # 科技服务机构 ≥40家
    boss.milestones.record_actual(unmet, 39)
    for ref in (M, unmet, "kaizhou-7p:1-M1"):
        boss.evidence.add(ref, text="名录")
    sheet = write_csv(tmp_path / "t.csv", [["规划", *HEAD], ["kaizhou-7p", "1-M1", "已销号", "", "", "", "", ""]])
    with pytest.raises(ImportErrors, match=r"may not close milestone 1-M1 \(销号\).*review close-request"):
        apply(wang, sheet)
    below = write_csv(tmp_path / "u.csv", [["规划", *HEAD], ["kaizhou-7p", "2-M4", "已销号", "", "", "", "", ""]])
    with pytest.raises(ImportErrors, match="done below its target"):  # a row's provenance acknowledges nothing
        apply(boss, below)
    assert boss.milestones.get(unmet).status != "closed" and boss.review.requests(unmet) == []
    apply(boss, sheet)
    assert boss.milestones.get("kaizhou-7p:1-M1").status == "closed"
    [req] = boss.review.requests("kaizhou-7p:1-M1")
    assert (req.state, req.decided_by, req.decision_note) == ("approved", "老板", "t.csv row 2")
    reopen = write_csv(tmp_path / "v.csv", [["规划", *HEAD], ["kaizhou-7p", "1-M1", "推进中", "", "", "", "", ""]])
    apply(boss, reopen)  # the row is the reason, kept in the history
    status = [c for c in boss.history.list(HistoryFilter(milestone="kaizhou-7p:1-M1")) if c.field == "status"][0]
    assert (status.new, status.reason) == ("in_progress", "v.csv row 2")


@pytest.mark.skipif(BACKEND != "postgresql", reason="row-level security is PostgreSQL's")
def test_from_psql_a_members_request_names_one_of_its_own_units_under_its_own_login(
    loop: dict[str, Ledger], sql_as  # noqa: F811
) -> None:  # type: ignore[no-untyped-def]
    """1-3 is led by 区财政局 (王五's) and co-owned by 区科技局 (李四's): on 1-M2 王五 files as 区财政局
    only, as tt_wang only, and 李四 as 区科技局 only; neither may file a decided request."""
    from sqlalchemy.exc import DBAPIError

    from tests.test_permissions import LI, WANG
    from tests.test_permissions_pg import MILESTONE, UNIT, log, run, value

    boss = loop["boss"]
    insert = (
        "INSERT INTO request (kind, milestone_id, unit_id, reason, state, requested_by, requested_account, "
        f"requested_at, decided_account, decision_note) VALUES ('due', {MILESTONE.format('1-M2')}, {{unit}}, "
        "'{reason}', 'pending', '王五', '{account}', now(), {decided}, {note})"
    )
    attempts = (
        dict(unit=UNIT.format("区科技局"), account=WANG, decided="NULL", note="NULL"),  # the co-unit's name
        dict(unit="NULL", account=WANG, decided="NULL", note="NULL"),  # no unit
        dict(unit=UNIT.format("区财政局"), account=LI, decided="NULL", note="NULL"),  # another's login
        dict(unit=UNIT.format("区财政局"), account=WANG, decided=f"'{BOSS_ACCOUNT}'", note="NULL"),  # decided
        dict(unit=UNIT.format("区财政局"), account=WANG, decided="NULL", note="'同意'"),  # a decision's note
    )
    with sql_as(WANG) as conn:
        for attempt in attempts:
            with pytest.raises(DBAPIError, match="row-level security"):
                run(conn, insert.format(reason="代报", **attempt))
    with sql_as(LI) as conn:  # 李四's own unit is a co-unit of 1-3, but not 区财政局
        with pytest.raises(DBAPIError, match="row-level security"):
            run(conn, insert.format(reason="代报", **attempts[2] | {"account": LI}))
    assert value(boss, "SELECT count(*) FROM request") == 0
    with sql_as(WANG, autocommit=False) as conn:  # its own unit, its own login, pending: allowed
        own = dict(unit=UNIT.format("区财政局"), account=WANG, decided="NULL", note="NULL")
        assert run(conn, insert.format(reason="受疫情影响", **own)) == 1
        assert log(conn, "request", "reason = '受疫情影响'", "created") == 1
        conn.commit()
    with sql_as(LI, autocommit=False) as conn:
        co = dict(unit=UNIT.format("区科技局"), account=LI, decided="NULL", note="NULL")
        assert run(conn, insert.format(reason="配合单位申请", **co).replace("'due'", "'target'")) == 1
        assert log(conn, "request", "reason = '配合单位申请'", "created") == 1
        conn.commit()
    assert [(r.unit, r.state) for r in boss.review.requests(M)] == [("区财政局", "pending"), ("区科技局", "pending")]
    with sql_as(WANG) as conn:  # nor approve one
        assert run(conn, "UPDATE request SET state = 'approved', decided_by = '王五', decided_at = now()") == 0
    assert {r.state for r in boss.review.requests(M)} == {"pending"}
    # evidence the same way: in the name of one of the member's own units on the task
    evidence = (
        "INSERT INTO evidence (milestone_id, unit_id, author, created_at, text, is_demo) "
        f"VALUES ({MILESTONE.format('1-M2')}, {{unit}}, '王五', now(), '{{text}}', false)"
    )
    with sql_as(WANG) as conn:
        for unit in (UNIT.format("区科技局"), "NULL", UNIT.format("区发改委")):
            with pytest.raises(DBAPIError, match="row-level security"):
                run(conn, evidence.format(unit=unit, text="代报"))
    with sql_as(WANG, autocommit=False) as conn:
        assert run(conn, evidence.format(unit=UNIT.format("区财政局"), text="认定名单")) == 1
        assert log(conn, "evidence", "text = '认定名单'", "created") == 1
        conn.commit()
    with sql_as(WANG) as conn:  # nor move its evidence to another unit's name
        with pytest.raises(DBAPIError, match="row-level security"):
            run(conn, f"UPDATE evidence SET unit_id = {UNIT.format('区科技局')} WHERE text = '认定名单'")
    assert [e.unit.short_name for e in boss.evidence.list(M) if e.unit] == ["区财政局"]


BOSS_ACCOUNT = "tt_boss"


def test_evidence_is_filed_for_the_filers_own_unit(loop: dict[str, Ledger], cli) -> None:  # type: ignore[no-untyped-def]
    """On 1-M2 (1-3: 区财政局 leads, 区科技局 co-owns) 王五's evidence is 区财政局's and 李四's 区科技局's,
    whatever is typed; a coordinator's is the office's own, or a unit's it names (and the log says so)."""
    wang, li, boss = loop["wang"], loop["li"], loop["boss"]
    mine = wang.evidence.add(M, text="认定名单")
    theirs = li.evidence.add(M, text="申报辅导记录")
    with pytest.raises(UserError, match="may not file evidence for 区财政局: the account is a member of 区科技局"):
        li.evidence.add(M, text="代报", unit="区财政局")
    office = boss.evidence.add(M, text="实地核查记录")
    behalf = boss.evidence.add(M, text="盖章文件（代传）", unit="区财政局")
    with pytest.raises(UserError, match="unit 区发改委 is neither lead nor co-unit of task 1-3"):
        boss.evidence.add(M, text="x", unit="区发改委")
    units = {e.id: e.unit.short_name if e.unit else None for e in boss.evidence.list(M)}
    assert units == {mine.id: "区财政局", theirs.id: "区科技局", office.id: None, behalf.id: "区财政局"}
    logged = {c.reason for c in boss.history.list(HistoryFilter(milestone=M, limit=None))
              if c.entity == "evidence" and c.entity_id == behalf.id}  # fmt: skip
    assert logged == {"filed by coordinator 老板 for 区财政局"}
    shown = cli("milestone", "show", M).out
    assert f"e{mine.id} " in shown and "王五（区财政局）: 认定名单" in shown and "李四（区科技局）: 申报辅导记录" in shown
    assert "老板: 实地核查记录" in shown
    wang.review.request_closure(M, note="已完成")
    inbox = {i.ref: i.unit for i in boss.review.inbox()}
    assert inbox[f"e{mine.id}"] == "区财政局" and inbox[f"e{theirs.id}"] == "区科技局"


def test_a_ledger_sheets_progress_is_the_importers_own_units_part(loop: dict[str, Ledger], tmp_path) -> None:  # type: ignore[no-untyped-def]
    """李四 (区科技局, co-unit of 1-3) imports a 台账 row's 进展情况 on 1-M2: it is 区科技局's report, not the
    lead's; the coordinator's import files it for the lead, on its behalf."""
    from tests.test_ledger_import import HEAD, apply, write_csv

    li, boss = loop["li"], loop["boss"]
    sheet = write_csv(tmp_path / "t.csv", [["规划", *HEAD], ["kaizhou-7p", "1-M2", "", "", "", "", "", "配合完成申报辅导"]])
    apply(li, sheet)
    boss_sheet = write_csv(tmp_path / "u.csv", [["规划", *HEAD], ["kaizhou-7p", "1-M2", "", "", "", "", "", "督办汇总"]])
    apply(boss, boss_sheet)
    parts = {(p.unit.short_name if p.unit else None, p.author, p.progress) for p in boss.progress.by_unit(M)}
    assert parts == {("区科技局", "李四", "配合完成申报辅导"), ("区财政局", "老板", "督办汇总")}
