"""Who may change what, checked by the services on both backends: open mode, coordinators, unit members.

The account is the identity the backend verifies: on SQLite the OS account (set here on the context, as
os_account() would return it for another uid), on PostgreSQL the login role the ledger connects as (one
role per account, created on the test server). Either way the claimed --as name gives no rights.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url

from tasktrack.errors import UserError
from tasktrack.models import Change, Member
from tasktrack.services.access import MemberService, grant
from tasktrack.services.history import HistoryFilter
from tasktrack.services.base import os_account
from tasktrack.services.ledger import Ledger
from tasktrack.services.loading import bundled_seed_dir
from tests.conftest import BACKEND, make_ledger

PG = BACKEND == "postgresql"
BOSS, WANG, LI, NOBODY = "tt_boss", "tt_wang", "tt_li", "tt_nobody"
OpenAs = Callable[..., Ledger]


def ensure_role(admin: Ledger, role: str) -> None:
    """A login role on the test server (trust auth on loopback: no password). Roles are cluster-wide and
    other runs may create the same one at the same moment, so an existing role is fine."""
    with admin.ctx.engine.begin() as conn:
        conn.exec_driver_sql(
            f"DO $$ BEGIN CREATE ROLE {role} LOGIN; "
            "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$"
        )


def url_as(db: Path | str, role: str) -> str:
    return make_url(str(db)).set(username=role).render_as_string(hide_password=False)


@pytest.fixture
def open_as(db_path: Path, ledger: Ledger) -> Iterator[OpenAs]:
    """open_as(account, actor=None): the seeded ledger as the backend would know `account`."""
    opened: list[Ledger] = []
    for account in (BOSS, WANG, LI, NOBODY) if PG else ():
        ensure_role(ledger, account)

    def open_(account: str, actor: str | None = None) -> Ledger:
        if PG:
            ensure_role(ledger, account)
            grant(ledger.ctx, account)
            lg = make_ledger(url_as(db_path, account), actor=actor or account)
        else:
            lg = make_ledger(db_path, actor=actor or account)
            lg.ctx.os_user = account
        opened.append(lg)
        return lg

    yield open_
    for lg in opened:
        lg.close()


def members(lg: Ledger) -> MemberService:
    return MemberService(lg.ctx)


@pytest.fixture
def office(ledger: Ledger, open_as: OpenAs) -> dict[str, Ledger]:
    """区财政局 leads 1-3 and co-owns 2-5; 区科技局 leads programme 2 (so 2-4 inherits it); 区发改委 leads 2-5.
    王五 (tt_wang) is a member of 区财政局, 李四 (tt_li) of 区科技局, tt_boss the coordinator."""
    members(ledger).add(BOSS, coordinator=True)  # open mode: anyone may add the first coordinator
    boss = open_as(BOSS, "老板")
    for name, short in (
        ("开州区财政局", "区财政局"),
        ("开州区科学技术局", "区科技局"),
        ("开州区发展和改革委员会", "区发改委"),
    ):
        boss.units.add(name, short_name=short)
    boss.tasks.assign("kaizhou-7p:1-3", lead="区财政局")
    boss.tasks.assign("kaizhou-7p:2", lead="区科技局")
    boss.tasks.assign("kaizhou-7p:2-5", lead="区发改委", co=["区财政局"])
    members(boss).add(WANG, unit="区财政局")
    members(boss).add(LI, unit="区科技局")
    return {"boss": boss, "wang": open_as(WANG, "王五"), "li": open_as(LI, "李四"), "nobody": open_as(NOBODY)}


def changes(lg: Ledger) -> int:
    with lg.ctx.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(Change)).scalar_one()


# -- open mode --------------------------------------------------------------------------------------------


def test_while_there_are_no_members_anyone_may_change_anything(open_as: OpenAs) -> None:
    stranger = open_as(NOBODY, "路人")
    assert members(stranger).is_open()
    stranger.units.add("开州区统计局", short_name="区统计局")
    stranger.tasks.assign("kaizhou-7p:1-3", lead="区统计局")
    assert stranger.milestones.set_status("1-M1", "in_progress").status == "in_progress"
    stranger.indicators.record("kaizhou-14fyp:专栏2-3", "2021", 256)


def test_the_first_member_must_be_a_coordinator_or_no_one_could_change_anything(
    ledger: Ledger, open_as: OpenAs
) -> None:
    ledger.units.add("开州区财政局", short_name="区财政局")
    before = changes(ledger)
    with pytest.raises(UserError, match="the first member must be a coordinator"):
        members(ledger).add(WANG, unit="区财政局")
    assert members(ledger).list() == [] and changes(ledger) == before
    assert members(ledger).add(BOSS, coordinator=True).role == "coordinator"
    assert not members(ledger).is_open()


# -- members of a unit -----------------------------------------------------------------------------------


def test_a_member_changes_the_milestones_of_tasks_their_unit_leads(office: dict[str, Ledger]) -> None:
    wang = office["wang"]
    m = wang.milestones.record_actual("1-M1", 12)  # 1-3: 区财政局 leads
    assert (m.actual, m.status) == (12, "in_progress")
    assert wang.milestones.edit("1-M1", {"note": "按月调度"}).note == "按月调度"
    assert wang.milestones.set_status("1-M1", "done").status == "done"


def test_a_member_is_refused_another_units_milestone_and_nothing_changes(office: dict[str, Ledger]) -> None:
    wang, boss = office["wang"], office["boss"]
    before, n = boss.milestones.get("2-M3"), changes(boss)
    with pytest.raises(UserError) as exc:
        wang.milestones.set_status("2-M3", "in_progress")
    assert str(exc.value) == (
        "王五 (account tt_wang) may not change milestone 2-M3: 区财政局 neither leads nor co-owns task 2-4; "
        "ask a coordinator"
    )
    for attempt in (
        lambda: wang.milestones.record_actual("2-M3", 300),
        lambda: wang.milestones.edit("2-M3", {"due": "2022-06-30"}),
        lambda: wang.evidence.add("2-M3", text="名单"),
        lambda: wang.progress.add("kaizhou-7p:2-4", unit=None, period="2021-12", progress="推进中"),
        lambda: wang.milestones.add("kaizhou-7p:2-4", "2-M9", "新增示例", 2022, target=5),
        lambda: wang.tasks.edit("kaizhou-7p:2-4", {"note": "重点督办"}),
        lambda: wang.tasks.add("kaizhou-7p", "2-4-1", "子任务", parent="2-4"),
    ):
        with pytest.raises(UserError, match=r"may not change .*neither leads nor co-owns task 2-4"):
            attempt()
    assert boss.milestones.get("2-M3") == before and changes(boss) == n


def test_ownership_is_inherited_from_the_parent_task_and_a_nearer_lead_overrides_it(
    office: dict[str, Ledger],
) -> None:
    li, wang = office["li"], office["wang"]
    assert li.milestones.record_actual("2-M3", 300).actual == 300  # 2-4 inherits 区科技局 from programme 2
    assert li.milestones.set_status("2-M1", "in_progress").status == "in_progress"
    with pytest.raises(UserError, match=r"李四 .* 区科技局 neither leads nor co-owns task 2-5"):
        li.milestones.record_actual("2-M5", 80)  # 2-5 has its own lead, 区发改委
    assert wang.milestones.record_actual("2-M5", 80).actual == 80  # ... and 区财政局 co-owns it


def test_a_member_adds_evidence_reports_sub_tasks_and_milestones_on_their_own_tasks(
    office: dict[str, Ledger],
) -> None:
    wang = office["wang"]
    assert wang.evidence.add("1-M1", text="认定名单").author == "王五"
    assert wang.evidence.add("kaizhou-7p:1-3", text="工作方案", on_task=True).task_id is not None
    assert wang.progress.add("kaizhou-7p:2-5", unit="区财政局", period="2021-12", progress="推进中").id
    sub = wang.tasks.add("kaizhou-7p", "1-3-1", "科技型企业入库培育", parent="1-3")
    assert wang.tasks.get(sub).lead.short_name == "区财政局"
    wang.milestones.add("kaizhou-7p:1-3-1", "1-M9", "新增入库企业", 2022, target=20)
    assert wang.milestones.record_actual("1-M9", 5).actual == 5


def test_a_members_progress_report_is_filed_in_the_name_of_its_own_unit(office: dict[str, Ledger]) -> None:
    """2-5 is led by 区发改委 and co-owned by 区财政局: 王五 (区财政局) reports on it as 区财政局, not as the
    lead and not unnamed; a coordinator may file for any unit that owns the task."""
    wang, boss = office["wang"], office["boss"]
    n = changes(boss)
    with pytest.raises(UserError) as exc:
        wang.progress.add("kaizhou-7p:2-5", unit="区发改委", period="2021-12", progress="代报")
    assert str(exc.value) == (
        "王五 (account tt_wang) may not file a progress report for 区发改委: the account is a member of "
        "区财政局, not of 区发改委; file it as 区财政局 or ask a coordinator"
    )
    with pytest.raises(UserError, match="may not file a progress report for 区科技局: the account is a member of "
                       "区财政局, not of 区科技局"):  # fmt: skip
        wang.progress.add("kaizhou-7p:2-5", unit="区科技局", period="2021-12", progress="代报")
    with pytest.raises(UserError, match=r"^老板 \(account tt_boss\) is a coordinator: a progress report filed on a unit's "
                       "behalf names the unit, e.g. --unit"):  # fmt: skip
        boss.progress.add("kaizhou-7p:2-5", unit=None, period="2021-12", progress="代报")
    assert changes(boss) == n
    # the unit is the member's own, from the membership: typed or not, it is 区财政局
    assert wang.progress.add("kaizhou-7p:2-5", unit=None, period="2021-12", progress="推进中").unit.short_name == "区财政局"
    assert wang.progress.add("kaizhou-7p:2-5", unit="区财政局", period="2022-01", progress="推进中").unit
    filed = boss.progress.add("kaizhou-7p:2-5", unit="区发改委", period="2021-12", progress="推进中")
    assert (filed.unit.short_name, filed.author) == ("区发改委", "老板")
    created = [c for c in boss.history.list(HistoryFilter(limit=None)) if c.entity == "progress" and c.entity_id == filed.id]
    assert {c.reason for c in created} == {"filed by coordinator 老板 for 区发改委"}  # filed on the unit's behalf


def test_a_member_of_several_units_of_a_task_chooses_among_its_own_units_only(office: dict[str, Ledger]) -> None:
    """王五 joins 区发改委 too: on 2-5 (led by 区发改委, co-owned by 区财政局) it must say which of the two
    files; on 1-3 (区财政局's alone) it is 区财政局, and 区发改委 or a unit not its own are refused."""
    wang, boss = office["wang"], office["boss"]
    members(boss).add(WANG, unit="区发改委")
    with pytest.raises(UserError, match="is a member of 区财政局、区发改委, each on task 2-5: say which one files "
                       "this, --unit 区财政局 or --unit 区发改委"):  # fmt: skip
        wang.progress.add("kaizhou-7p:2-5", unit=None, period="2021-12", progress="代报")
    assert wang.progress.add("kaizhou-7p:2-5", unit="区发改委", period="2021-12", progress="牵头推进").unit.short_name == "区发改委"
    assert wang.progress.add("kaizhou-7p:2-5", unit="区财政局", period="2021-12", progress="配合").unit.short_name == "区财政局"
    assert wang.progress.add("kaizhou-7p:1-3", unit=None, period="2021-12", progress="推进中").unit.short_name == "区财政局"
    with pytest.raises(UserError, match="may not file a progress report for 区发改委 on task 1-3: 区发改委 neither "
                       "leads nor co-owns it; file it as 区财政局"):  # fmt: skip
        wang.progress.add("kaizhou-7p:1-3", unit="区发改委", period="2021-12", progress="代报")
    with pytest.raises(UserError, match="not of 区科技局"):
        wang.progress.add("kaizhou-7p:1-3", unit="区科技局", period="2021-12", progress="代报")
    assert len(boss.progress.list(latest=False)) == 3


def test_a_member_may_change_nothing_plan_wide(office: dict[str, Ledger]) -> None:
    wang, boss = office["wang"], office["boss"]
    n = changes(boss)
    for what, attempt in (
        ("units", lambda: wang.units.add("开州区统计局")),
        ("units", lambda: wang.units.edit("区财政局", {"contact": "王五"})),
        ("assignments", lambda: wang.tasks.assign("kaizhou-7p:1-3", co=["区发改委"])),
        ("indicator readings", lambda: wang.indicators.record("kaizhou-14fyp:专栏2-3", "2021", 256)),
        ("the plan's programmes", lambda: wang.tasks.add("kaizhou-7p", "8", "新工程")),
        ("load plan files", lambda: wang.loader.load(bundled_seed_dir() / "kaizhou.yaml")),
        ("members", lambda: members(wang).add("tt_zhao", unit="区财政局")),
        ("members", lambda: members(wang).remove(LI)),
    ):
        with pytest.raises(
            UserError, match=f"王五 \\(account tt_wang\\) may not .*{what}.*only a coordinator"
        ):
            attempt()
    assert changes(boss) == n


def test_closing_a_milestone_is_for_a_coordinator_and_a_closed_one_stays_closed(
    office: dict[str, Ledger],
) -> None:
    wang, boss = office["wang"], office["boss"]
    wang.evidence.add("1-M1", text="认定名单")
    wang.milestones.set_status("1-M1", "done")
    with pytest.raises(UserError, match=r"may not close milestone 1-M1 \(销号\): only a coordinator may"):
        wang.milestones.set_status("1-M1", "closed")
    closed = boss.milestones.set_status("1-M1", "closed")
    assert closed.status == "closed"
    assert {e.accepted_by for e in boss.evidence.list("1-M1")} == {"老板"}
    with pytest.raises(UserError, match=r"may not change milestone 1-M1: it is closed \(已销号\)"):
        wang.milestones.set_status("1-M1", "in_progress")
    with pytest.raises(UserError, match="it is closed"):
        wang.milestones.edit("1-M1", {"note": "补充说明"})
    assert boss.milestones.get("1-M1").version == closed.version


def test_an_account_that_is_not_a_member_may_change_nothing(
    office: dict[str, Ledger], open_as: OpenAs
) -> None:
    nobody = office["nobody"]
    with pytest.raises(UserError, match="account tt_nobody is not a member of any unit; ask a coordinator"):
        nobody.milestones.record_actual("1-M1", 1)
    with pytest.raises(UserError, match="only a coordinator"):
        nobody.units.add("开州区统计局")


def test_the_claimed_name_gives_no_rights(office: dict[str, Ledger], open_as: OpenAs) -> None:
    """`--as 老板` is only a name for the history: the account decides."""
    posing = open_as(NOBODY, "老板")
    with pytest.raises(UserError, match=r"老板 \(account tt_nobody\) may not change milestone 1-M1"):
        posing.milestones.record_actual("1-M1", 1)


# -- coordinators and the member table --------------------------------------------------------------------


def test_a_coordinator_may_change_everything(office: dict[str, Ledger]) -> None:
    boss = office["boss"]
    boss.milestones.record_actual("2-M3", 300)
    boss.milestones.record_actual("1-M1", 10)
    boss.units.edit("区财政局", {"contact": "王五"})
    boss.tasks.add("kaizhou-7p", "8", "新工程")
    boss.indicators.record("kaizhou-14fyp:专栏2-3", "2021", 256)
    boss.loader.load(bundled_seed_dir() / "kaizhou.yaml", update=True)


def test_the_last_coordinator_stays_while_members_remain(office: dict[str, Ledger]) -> None:
    boss = office["boss"]
    with pytest.raises(UserError, match="would leave no coordinator"):
        members(boss).remove(BOSS)
    assert [m.account for m in members(boss).list()] == [BOSS, LI, WANG]
    members(boss).add(WANG, coordinator=True)
    members(boss).remove(BOSS)
    wang = office["wang"]
    assert wang.milestones.record_actual("2-M3", 300).actual == 300  # now a coordinator
    removed = members(wang).remove(LI)
    assert [(m.account, m.unit.short_name) for m in removed] == [(LI, "区科技局")]
    members(wang).remove(WANG)  # the last member of all: back to open mode
    assert members(boss).is_open()
    assert boss.milestones.record_actual("2-M3", 301).actual == 301


def test_member_changes_are_in_the_history(office: dict[str, Ledger]) -> None:
    boss = office["boss"]
    with boss.ctx.engine.connect() as conn:
        rows = conn.execute(
            select(Change.actor, Change.field, Change.new).where(
                Change.entity == "member", Change.field == "account"
            )
        ).all()
    assert [(r.actor, r.new) for r in rows] == [("tester", BOSS), ("老板", WANG), ("老板", LI)]


def test_member_add_refuses_duplicates_and_bad_account_names(office: dict[str, Ledger]) -> None:
    boss = office["boss"]
    with pytest.raises(UserError, match="tt_wang is already a member of 区财政局"):
        members(boss).add(WANG, unit="区财政局")
    with pytest.raises(UserError, match="not an account name"):
        members(boss).add("wang wu", unit="区财政局")
    with pytest.raises(UserError, match="--unit UNIT, or --coordinator"):
        members(boss).add("tt_zhao")
    with boss.ctx.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Member)).scalar_one() == 3


# -- the command line -------------------------------------------------------------------------------------


def test_cli_refusal_is_one_line_exit_2_and_nothing_changes(
    cli, db_path: Path, office: dict[str, Ledger]
) -> None:  # type: ignore[no-untyped-def]
    """The CLI's own account: the OS account on SQLite, the role in the URL on PostgreSQL."""
    boss = office["boss"]
    me = WANG if PG else os_account()
    db = url_as(db_path, WANG) if PG else db_path
    if not PG:
        members(boss).add(me, unit="区财政局")
    before, n = boss.milestones.get("2-M3"), changes(boss)
    r = cli("--as", "王五", "milestone", "set", "2-M3", "--status", "in_progress", db=db)
    assert r.code == 2 and r.out == ""
    assert r.err == (
        f"tasktrack: error: 王五（账号 {me}）无权修改节点 2-M3：区财政局不是任务 2-4 的牵头单位或配合单位；"
        "请联系协调人\n"
    )
    r = cli("--lang", "en", "--as", "王五", "milestone", "set", "2-M3", "--status", "in_progress", db=db)
    assert r.code == 2 and r.err == (
        f"tasktrack: error: 王五 (account {me}) may not change milestone 2-M3: 区财政局 neither leads nor "
        "co-owns task 2-4; ask a coordinator\n"
    )
    assert boss.milestones.get("2-M3") == before and changes(boss) == n
    r = cli("--as", "王五", "milestone", "progress", "1-M1", "12", db=db)
    assert r.code == 0, r.err
    assert boss.milestones.get("1-M1").actual == 12


def test_cli_member_commands(cli, db_path: Path, ledger: Ledger, open_as: OpenAs) -> None:  # type: ignore[no-untyped-def]
    ledger.units.add("开州区财政局", short_name="区财政局")
    assert "open mode" in cli("--lang", "en", "member", "list").out
    r = cli("member", "add", WANG, "--unit", "区财政局")
    assert r.code == 2 and "第一个成员必须是协调人" in r.err
    me = "postgres" if PG else os_account()  # the CLI's account: it manages members from here on
    assert cli("member", "add", me, "--coordinator").code == 0
    r = cli("--lang", "en", "member", "add", WANG, "--unit", "区财政局")
    assert r.code == 0 and r.out == "added tt_wang: member · 区财政局\n"
    listed = cli("member", "list", "--json")
    assert [(m["account"], m["role"]) for m in json.loads(listed.out)["members"]] == [
        (me, "coordinator"),
        (WANG, "member"),
    ]
    assert cli("member", "remove", WANG).code == 0
    r = cli("member", "remove", WANG)
    assert r.code == 2 and "tt_wang 不是成员" in r.err
    assert "tt_wang is not a member" in cli("--lang", "en", "member", "remove", WANG).err


@pytest.mark.skipif(PG, reason="SQLite has no roles")
def test_member_grant_is_for_postgresql(ledger: Ledger) -> None:
    with pytest.raises(UserError, match="SQLite has no database roles"):
        grant(ledger.ctx, WANG)


def test_change_rows_name_the_database_user(office: dict[str, Ledger]) -> None:
    wang = office["wang"]
    wang.milestones.record_actual("1-M1", 3)
    with wang.ctx.engine.connect() as conn:
        row = conn.execute(
            select(Change.actor, Change.os_user, Change.db_user).order_by(Change.id.desc()).limit(1)
        ).one()
        session_user = conn.execute(text("SELECT session_user")).scalar() if PG else None
    assert row.actor == "王五"
    assert row.db_user == session_user and (row.db_user == WANG if PG else row.os_user == WANG)
