"""`tasktrack undo`: the actor's last command reverted by compensating changes, the history kept whole."""

from __future__ import annotations

import contextlib
import json
import os
import random
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from tasktrack.errors import Conflict, UserError
from tasktrack.models import (
    Change,
    Evidence,
    Indicator,
    Milestone,
    Plan,
    ReminderSent,
    Responsibility,
    Task,
    Unit,
)
from tasktrack.services.access import MemberService, grant
from tasktrack.services.base import encode, unit_of_work
from tasktrack.services.ledger import Ledger
from tasktrack.services.undo import decode
from tests.conftest import AS_OF, BACKEND, make_ledger

TASK = "kaizhou-7p:1-3"
SMALL_PLAN = """\
format: tasktrack/1
layer: plan
plans:
  - key: fj
    title: 奉节县科技创新行动方案
    period: 2022-2025
    tasks:
      - code: "1"
        title: 培育高新技术企业
        lead: 县科技局
        co: [县经济信息委]
        milestones:
          - {code: 1-M1, metric: 高新技术企业, year: 2022, target: 30, unit: 家, kind: stock}
        tasks:
          - code: 1-1
            title: 建立后备企业库
            milestones:
              - {code: 1-1-M1, metric: 入库企业, year: 2022, target: 100, unit: 家}
      - code: "2"
        title: 壮大科技型企业
    indicators:
      - code: "1"
        name: 高新技术企业数
        unit: 家
        attribute: expected
        cumulative: true
        baseline: {year: 2021, value: 20}
        target: {year: 2025, value: 60}
"""


# -- helpers ---------------------------------------------------------------------------------------


def at(ledger: Ledger, hour: int, minute: int) -> None:
    """Make the ledger's next commands happen at this UTC time on the test day."""
    ledger.ctx.now = lambda: datetime(2022, 1, 10, hour, minute, tzinfo=UTC)


def rows(ledger: Ledger, model: Any, *, without: tuple[str, ...] = ("version",)) -> list[tuple[Any, ...]]:
    """A table's rows, sorted, minus the columns an undo may rightly change."""
    table = model.__table__
    cols = [c for c in table.columns if c.name not in without]
    with ledger.ctx.engine.connect() as conn:
        return sorted(tuple(r) for r in conn.execute(select(*cols)))


def snapshot(ledger: Ledger) -> dict[str, list[tuple[Any, ...]]]:
    """Every ledger table except the change log; responsibilities without their ids (re-added rows get
    new ones)."""
    out = {m.__tablename__: rows(ledger, m) for m in (Plan, Task, Milestone, Unit, Evidence, Indicator)}
    out["responsibility"] = rows(ledger, Responsibility, without=("id",))
    return out


def changes(ledger: Ledger, **where: Any) -> list[Any]:
    with ledger.ctx.engine.connect() as conn:
        stmt = select(Change.__table__).order_by(Change.id)
        for name, value in where.items():
            stmt = stmt.where(getattr(Change, name) == value)
        return list(conn.execute(stmt))


def change_count(ledger: Ledger) -> int:
    with ledger.ctx.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(Change)).scalar_one())


def owners(ledger: Ledger, task: str) -> tuple[str | None, list[str]]:
    view = ledger.tasks.get(task)
    return (view.lead.label if view.lead else None), sorted(u.label for u in view.co)


@pytest.fixture
def units(ledger: Ledger) -> Ledger:
    """The bundled plans plus three units (each added by tester, a command of its own)."""
    for name, short in (
        ("开州区科学技术局", "区科技局"),
        ("开州区财政局", "区财政局"),
        ("开州区统计局", "区统计局"),
    ):
        ledger.units.add(name, short_name=short)
    return ledger


@pytest.fixture
def wang(db_path: Path, ledger: Ledger) -> Ledger:
    """A second person, 王五, on the same database."""
    other = make_ledger(db_path, actor="王五")
    yield other
    other.close()


@pytest.fixture
def shanghai():  # type: ignore[no-untyped-def]
    """Local time is China Standard Time (UTC+8), as the people using the ledger see it. A POSIX rule, so
    no time zone database is needed."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = "CST-8"
    time.tzset()
    yield
    if old is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = old
    time.tzset()


def _reminder(ledger: Ledger, milestone_id: int) -> None:
    """Record a reminder as sent, as `remind --send` does after e-mailing it."""
    with unit_of_work(ledger.ctx, "remind --send") as uow:
        row = ReminderSent(
            milestone_id=milestone_id, recipient="kjj@example.invalid", stage="overdue-w0", level="overdue",
            as_of=AS_OF, message_id="<1@x>", actor=ledger.ctx.actor, sent_at=uow.at,
        )  # fmt: skip
        uow.created(row, "reminder", ["milestone_id", "recipient", "stage"])


# -- decode ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "field", "value"),
    [
        (Milestone, "due", date(2021, 12, 31)),
        (Milestone, "target", 50.0),
        (Milestone, "target", 1.55),
        (Milestone, "year", 2021),
        (Milestone, "cumulative", True),
        (Milestone, "cumulative", False),
        (Milestone, "metric", "新增科技型企业"),
        (Milestone, "note", ""),
        (Evidence, "accepted_at", datetime(2022, 1, 10, 2, 30, tzinfo=UTC)),
        (Task, "parent_id", 7),
        (Milestone, "completed_on", None),
    ],
)
def test_decode_reverses_encode_with_the_columns_type(model: Any, field: str, value: Any) -> None:
    back = decode(model, field, encode(value))
    assert back == value and type(back) is type(value)


def test_decode_refuses_what_is_not_a_column() -> None:
    with pytest.raises(ValueError):
        decode(Milestone, "lead", "区科技局")
    with pytest.raises(ValueError):
        decode(Milestone, "cumulative", "yes")


# -- single commands -----------------------------------------------------------------------------------


def test_undo_set_status_restores_status_and_completion_date(ledger: Ledger) -> None:
    before = ledger.milestones.get("1-M1")
    done = ledger.milestones.set_status("1-M1", "done")
    assert (done.status, done.completed_on) == ("done", AS_OF)
    result = ledger.undo.undo()
    after = ledger.milestones.get("1-M1")
    assert (after.status, after.completed_on) == ("not_started", None)
    assert result.undone.command == "milestone set" and result.restored == 2
    assert after.version > done.version > before.version  # a compensating change is a change
    with pytest.raises(Conflict):  # a dialog opened on the done milestone is stale now
        ledger.milestones.set_status("1-M1", "blocked", expected_version=done.version)
    original = changes(ledger, command_id=result.undone.command_id)
    assert [(c.field, c.old, c.new) for c in original] == [
        ("status", "not_started", "done"),
        ("completed_on", None, AS_OF.isoformat()),
    ]
    undo_rows = changes(ledger, command_id=result.command_id)
    assert {c.command for c in undo_rows} == {"undo"}
    assert all(c.reason == f"undo {result.undone.command_id} (milestone set)" for c in undo_rows)
    assert ("milestone", "status", "done", "not_started") in [
        (c.entity, c.field, c.old, c.new) for c in undo_rows
    ]
    assert ("milestone", "completed_on", AS_OF.isoformat(), None) in [
        (c.entity, c.field, c.old, c.new) for c in undo_rows
    ]


def test_undo_record_actual_clears_the_value_and_the_status_it_set(ledger: Ledger) -> None:
    ledger.milestones.record_actual("1-M2", 7, note="月报")
    assert ledger.milestones.get("1-M2").actual == 7
    ledger.undo.undo()
    m = ledger.milestones.get("1-M2")
    assert (m.actual, m.status) == (None, "not_started")


def test_undo_assign_gives_the_task_its_old_lead_back(units: Ledger) -> None:
    units.tasks.assign(TASK, lead="区科技局", co=["区统计局"])
    version = units.tasks.get(TASK).version
    units.tasks.assign(TASK, lead="区财政局")
    assert owners(units, TASK) == ("区财政局", ["区统计局"])
    units.undo.undo()
    assert owners(units, TASK) == ("区科技局", ["区统计局"])
    assert units.tasks.get(TASK).version > version + 1  # the assignment and its undo both count
    undo_rows = changes(units, command="undo", entity="task")
    assert [(c.field, c.old, c.new) for c in undo_rows] == [
        ("lead", "区财政局", None),
        ("lead", None, "区科技局"),
    ]


def test_undo_milestone_edit_restores_every_field(ledger: Ledger) -> None:
    before = ledger.milestones.get("1-M2")
    ledger.milestones.edit(
        "1-M2",
        {"due": "2022-06-30", "target": "77.5", "metric": "改写的目标", "note": "延期", "kind": "stock"},
        reason="批复延期",
    )
    edited = ledger.milestones.get("1-M2")
    assert (edited.due, edited.target, edited.kind) == (date(2022, 6, 30), 77.5, "stock")
    result = ledger.undo.undo()
    after = ledger.milestones.get("1-M2")
    fields = ("due", "due_text", "target", "metric", "note", "kind", "status", "aspirational")
    assert {f: getattr(after, f) for f in fields} == {f: getattr(before, f) for f in fields}
    assert result.restored == 6  # due_text changed with the due date


def test_undo_evidence_add_removes_the_row_and_keeps_the_file(ledger: Ledger, tmp_path: Path) -> None:
    proof = tmp_path / "批复.txt"
    proof.write_text("同意", encoding="utf-8")
    ev = ledger.evidence.add("1-M1", file=str(proof), doc_no="渝府〔2021〕1号")
    blob = ledger.evidence.path_of(ev.id)
    result = ledger.undo.undo()
    assert ledger.evidence.list("1-M1") == []
    assert blob.read_text(encoding="utf-8") == "同意"  # content-addressed: other evidence may share it
    (deleted,) = changes(ledger, command_id=result.command_id, entity="evidence")
    assert deleted.field == "deleted" and deleted.new is None
    kept = json.loads(deleted.old)
    assert (kept["file_sha256"], kept["doc_no"], kept["author"]) == (
        ev.file_sha256,
        "渝府〔2021〕1号",
        "tester",
    )
    assert [c.field for c in changes(ledger, entity="evidence", entity_id=ev.id)][:2] == [
        "created",
        "milestone_id",
    ]


def test_undo_a_seed_load_removes_all_it_created_and_reloading_works(
    empty_ledger: Ledger, tmp_path: Path
) -> None:
    path = tmp_path / "fj.yaml"
    path.write_text(SMALL_PLAN, encoding="utf-8")
    empty = snapshot(empty_ledger)
    empty_ledger.loader.load(path)
    loaded = snapshot(empty_ledger)
    assert owners(empty_ledger, "fj:1") == ("县科技局", ["县经济信息委"])
    load_rows = change_count(empty_ledger)
    result = empty_ledger.undo.undo()
    assert result.undone.command == "seed load fj.yaml"
    assert snapshot(empty_ledger) == empty
    assert result.deleted == 9  # plan, 3 tasks, 2 milestones, indicator, 2 units
    assert change_count(empty_ledger) > load_rows  # the load's rows are all still there
    assert len(changes(empty_ledger, command_id=result.undone.command_id)) == len(result.undone.changes)
    empty_ledger.loader.load(path)
    again = snapshot(empty_ledger)
    assert {k: len(v) for k, v in again.items()} == {k: len(v) for k, v in loaded.items()}
    assert owners(empty_ledger, "fj:1") == ("县科技局", ["县经济信息委"])


def test_undo_the_demo_layer_takes_its_progress_and_units_away(demo_ledger: Ledger) -> None:
    demo_ledger.undo.undo()
    assert demo_ledger.units.list() == []
    assert {m.status for m in demo_ledger.milestones.list()} == {"not_started"}
    assert demo_ledger.evidence.list() == [] and demo_ledger.progress.list() == []


def test_a_note_kept_only_in_the_history_is_not_undone_onto_the_milestone(ledger: Ledger) -> None:
    seeded = ledger.milestones.get("1-M1").note
    ledger.milestones.edit("1-M1", {"note": "原备注"})
    ledger.milestones.set_status("1-M1", "not_started", note="已电话催办")  # same status: a remark only
    assert changes(ledger, command="milestone set")[-1].field == "remark"
    assert ledger.undo.undo().undone.command == "milestone set"
    assert ledger.milestones.get("1-M1").note == "原备注"  # the remark never changed the note
    ledger.undo.undo()
    assert ledger.milestones.get("1-M1").note == seeded != "原备注"


# -- which command -------------------------------------------------------------------------------------


def test_undo_twice_walks_back_two_commands(ledger: Ledger) -> None:
    ledger.milestones.set_status("1-M1", "done")
    ledger.milestones.set_status(
        "1-M1", "blocked"
    )  # the same field again: the first undo must not block the second
    ledger.milestones.record_actual("1-M2", 12)
    assert ledger.undo.preview().command == "milestone progress"
    ledger.undo.undo()
    assert ledger.milestones.get("1-M2").actual is None
    assert ledger.milestones.get("1-M1").status == "blocked"
    ledger.undo.undo()
    assert ledger.milestones.get("1-M1").status == "done"
    assert ledger.undo.preview().command == "milestone set"
    ledger.undo.undo()
    m = ledger.milestones.get("1-M1")
    assert (m.status, m.completed_on) == ("not_started", None)


def test_the_last_command_is_found_across_chunks_of_the_actors_rows(
    ledger: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The actor's rows are read backwards a chunk at a time (issue 16): a command whose rows straddle
    chunks, undone commands and other actors' rows in between change nothing about which comes next."""
    import tasktrack.services.undo as undo_module

    monkeypatch.setattr(undo_module, "CHUNK", 2)
    ledger.milestones.set_status("1-M1", "done")  # status and completion date: two rows
    ledger.milestones.record_actual("1-M2", 12)
    ledger.milestones.set_status("1-M2", "blocked")
    walked = []
    for _ in range(3):
        walked.append(ledger.undo.preview().command)
        ledger.undo.undo()
    assert walked == ["milestone set", "milestone progress", "milestone set"]
    assert ledger.milestones.get("1-M1").status == "not_started"
    assert ledger.milestones.get("1-M2").actual is None


def test_a_bulk_edit_that_changed_a_field_twice_goes_back_to_the_value_before_it(ledger: Ledger) -> None:
    start = ledger.milestones.get("1-M2")
    with unit_of_work(ledger.ctx, "milestone bulk-edit") as uow:  # one command, as a bulk edit is
        row = uow.session.get(Milestone, start.id)
        uow.update(row, "milestone", {"target": 60.0, "unit": "个"})
        uow.update(row, "milestone", {"target": 70.0})
    assert ledger.milestones.get("1-M2").target == 70
    result = ledger.undo.undo()
    assert result.undone.command == "milestone bulk-edit"
    m = ledger.milestones.get("1-M2")
    assert (m.target, m.unit) == (start.target, start.unit) == (15, "家")


def test_refused_when_the_database_no_longer_holds_what_the_history_says(ledger: Ledger) -> None:
    ledger.milestones.record_actual("1-M2", 12)
    with ledger.ctx.engine.begin() as conn:  # changed behind the ledger's back, with no change logged
        conn.execute(Milestone.__table__.update().where(Milestone.code == "1-M2").values(actual=13))
    with pytest.raises(UserError, match=r"milestone 1-M2 actual is '13', not '12' as the history says"):
        ledger.undo.undo()
    assert ledger.milestones.get("1-M2").actual == 13


def test_an_undo_is_never_itself_undone(wang: Ledger) -> None:
    wang.milestones.set_status("1-M1", "done")
    wang.undo.undo()
    with pytest.raises(UserError, match="nothing to undo: 王五"):  # not a redo of 'milestone set'
        wang.undo.preview()
    with pytest.raises(UserError, match="nothing to undo"):
        wang.undo.undo()
    assert wang.milestones.get("1-M1").status == "not_started"


def test_another_actors_commands_are_never_undone_by_me(ledger: Ledger, wang: Ledger) -> None:
    ledger.milestones.record_actual("1-M2", 12)
    wang.milestones.set_status("1-M1", "done")
    assert ledger.undo.undo().undone.actor == "tester"
    assert ledger.milestones.get("1-M2").actual is None
    assert ledger.milestones.get("1-M1").status == "done"  # 王五's change stands
    wang.undo.undo()
    assert ledger.milestones.get("1-M1").status == "not_started"


def test_a_record_of_a_reminder_sent_is_skipped_not_undone(ledger: Ledger) -> None:
    ledger.milestones.set_status("1-M1", "in_progress")
    _reminder(ledger, ledger.milestones.get("1-M1").id)
    assert ledger.undo.undo().undone.command == "milestone set"
    assert len(rows(ledger, ReminderSent)) == 1  # the e-mail was sent: its record stays


def test_nothing_to_undo_is_a_clear_error(empty_ledger: Ledger) -> None:
    with pytest.raises(UserError, match=r"nothing to undo: tester \(account [^)]+\) has no change left"):
        empty_ledger.undo.preview()
    with pytest.raises(UserError, match="nothing to undo"):
        empty_ledger.undo.undo()


# -- refusals ------------------------------------------------------------------------------------------


def test_refused_when_someone_changed_the_same_field_since(
    ledger: Ledger, wang: Ledger, shanghai: None
) -> None:
    at(ledger, 2, 30)  # 10:30 in Chongqing
    ledger.milestones.set_status("2-M3", "done")
    at(wang, 2, 42)
    wang.milestones.set_status("2-M3", "in_progress", note="尚未批复")
    before, count = snapshot(ledger), change_count(ledger)
    message = (
        "cannot undo 'milestone set' of 2022-01-10 10:30: 王五 changed milestone 2-M3 status at 10:42 since; "
        "undo theirs first or change it by hand"
    )
    refusal = ledger.undo.preview().refusal
    assert refusal is not None and refusal("en") == message
    assert refusal("zh") == (
        "无法撤销 2022-01-10 10:30 的“milestone set”：此后 王五 于 10:42 修改了节点 2-M3 的状态；"
        "请先撤销其修改，或手工修改"
    )
    with pytest.raises(UserError) as refused:
        ledger.undo.undo()
    assert str(refused.value) == message
    assert snapshot(ledger) == before and change_count(ledger) == count
    wang.undo.undo()  # 王五 takes theirs back: now mine can go
    ledger.undo.undo()
    assert ledger.milestones.get("2-M3").status == "not_started"


def test_a_change_to_another_field_does_not_block(ledger: Ledger, wang: Ledger) -> None:
    ledger.milestones.set_status("2-M3", "in_progress")
    wang.milestones.edit("2-M3", {"note": "王五的备注"})
    ledger.undo.undo()
    m = ledger.milestones.get("2-M3")
    assert (m.status, m.note) == ("not_started", "王五的备注")


def test_refused_when_someone_added_evidence_to_a_milestone_i_created(
    ledger: Ledger, wang: Ledger, shanghai: None
) -> None:
    at(ledger, 2, 30)
    ledger.milestones.add(TASK, "1-M9", "新增的节点", 2022, target=5)
    at(wang, 3, 5)
    ev = wang.evidence.add("1-M9", text="已完成")
    before, count = snapshot(ledger), change_count(ledger)
    with pytest.raises(UserError) as refused:
        ledger.undo.undo()
    assert str(refused.value) == (
        f"cannot undo 'milestone add' of 2022-01-10 10:30: 王五 added evidence {ev.id} to milestone 1-M9 "
        "at 11:05 since; undo theirs first or change it by hand"
    )
    assert snapshot(ledger) == before and change_count(ledger) == count
    wang.undo.undo()
    ledger.undo.undo()
    with pytest.raises(UserError, match="no milestone"):
        ledger.milestones.get("kaizhou-7p:1-M9")


def test_refused_when_someone_assigned_a_unit_i_added(ledger: Ledger, wang: Ledger, shanghai: None) -> None:
    at(ledger, 2, 30)
    ledger.units.add("开州区审计局", short_name="区审计局")
    at(wang, 8, 0)
    wang.tasks.assign(TASK, co=["区审计局"])
    with pytest.raises(UserError) as refused:
        ledger.undo.undo()
    assert str(refused.value) == (
        "cannot undo 'unit add' of 2022-01-10 10:30: 王五 assigned 区审计局 to task 1-3 at 16:00 since; "
        "undo theirs first or change it by hand"
    )
    assert [u.short_name for u in ledger.units.list()] == ["区审计局"]


def test_refused_when_my_own_sent_reminder_refers_to_the_milestone(ledger: Ledger) -> None:
    ledger.milestones.add(TASK, "1-M9", "新增的节点", 2022, target=5)
    _reminder(ledger, ledger.milestones.get("kaizhou-7p:1-M9").id)  # skipped by undo, yet it refers to 1-M9
    count = change_count(ledger)
    with pytest.raises(
        UserError, match=r"tester added reminder \d+ to milestone 1-M9 at .*; change it by hand"
    ):
        ledger.undo.undo()
    assert change_count(ledger) == count


def as_account(db: Path | str, admin: Ledger, account: str, actor: str) -> Ledger:
    """The ledger as the backend knows `account`: the OS account on SQLite, the login role on PostgreSQL."""
    if BACKEND != "postgresql":
        lg = make_ledger(db, actor=actor)
        lg.ctx.os_user = account
        return lg
    with admin.ctx.engine.begin() as conn:
        conn.exec_driver_sql(
            f"DO $$ BEGIN CREATE ROLE {account} LOGIN; "
            "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$"
        )
    grant(admin.ctx, account)
    return make_ledger(
        make_url(str(db)).set(username=account).render_as_string(hide_password=False), actor=actor
    )


def test_an_undo_needs_the_rights_the_command_needed_now(ledger: Ledger, db_path: Path) -> None:
    boss = as_account(db_path, ledger, "tt_boss", "老板")  # on PostgreSQL: creates the login role first
    MemberService(ledger.ctx).add("tt_boss", coordinator=True)
    wang = as_account(db_path, ledger, "tt_wang", "王五")
    impostor = as_account(db_path, ledger, "tt_nobody", "王五")  # claims 王五's name with --as
    try:
        boss.units.add("开州区财政局", short_name="区财政局")
        boss.units.add("开州区统计局", short_name="区统计局")
        boss.tasks.assign(TASK, lead="区财政局")
        MemberService(boss.ctx).add("tt_wang", unit="区财政局")
        wang.milestones.record_actual("1-M1", 20)  # 1-M1 belongs to 1-3, which 区财政局 leads
        boss.tasks.assign(TASK, lead="区统计局")  # not the milestone's fields: no clash, but no rights either
        before, count = snapshot(ledger), change_count(ledger)
        with pytest.raises(
            UserError, match="may not change milestone 1-M1: 区财政局 neither leads nor co-owns"
        ):
            wang.undo.undo()
        assert snapshot(ledger) == before and change_count(ledger) == count
        boss.undo.undo()  # the coordinator takes the reassignment back: 王五 may again
        with pytest.raises(UserError, match=r"nothing to undo: 王五 \(account tt_nobody\)"):
            impostor.undo.undo()  # a claimed name finds none of the commands another account made under it
        wang.undo.undo()
        assert ledger.milestones.get("1-M1").actual is None
    finally:
        for lg in (boss, wang, impostor):
            lg.close()


# -- the CLI ---------------------------------------------------------------------------------------------


def test_cli_undo_dry_run_changes_nothing_then_undo_exits_0(cli, ledger: Ledger) -> None:
    assert cli("--as", "张三", "milestone", "set", "1-M1", "--status", "done").code == 0
    count = change_count(ledger)
    res = cli("--as", "张三", "undo", "--dry-run")
    assert res.code == 0, res.err
    assert "milestone set" in res.out and "1-M1" in res.out and "done" in res.out
    assert ledger.milestones.get("1-M1").status == "done" and change_count(ledger) == count
    res = cli("--as", "张三", "--lang", "en", "undo")
    assert res.code == 0, res.err
    assert "undone: 张三's 'milestone set'" in res.out
    assert ledger.milestones.get("1-M1").status == "not_started"
    res = cli("--as", "张三", "undo")
    assert res.code == 2 and "没有可撤销的操作：张三" in res.err and res.out == ""
    res = cli("--as", "张三", "--lang", "en", "undo")
    assert res.code == 2 and "nothing to undo: 张三" in res.err and res.out == ""


def test_cli_undo_json_and_refusal_exit_2(cli, ledger: Ledger) -> None:
    assert cli("--as", "张三", "milestone", "progress", "1-M2", "9").code == 0
    assert cli("--as", "王五", "milestone", "progress", "1-M2", "10").code == 0
    count = change_count(ledger)
    res = cli("--as", "张三", "undo", "--dry-run", "--json")
    assert res.code == 2 and "此后 王五 于" in res.err and "修改了节点 1-M2 的实际" in res.err
    data = json.loads(res.out)
    assert data["command"] == "milestone progress" and data["undone"] is False
    assert "修改了节点 1-M2 的实际" in data["refusal"] and [c["field"] for c in data["changes"]] == ["actual", "status"]
    res = cli("--as", "张三", "--lang", "en", "undo", "--dry-run", "--json")
    assert "王五 changed milestone 1-M2 actual" in res.err and "王五 changed milestone 1-M2 actual" in res.out
    res = cli("--as", "张三", "undo")
    assert res.code == 2 and "请先撤销其修改" in res.err
    assert change_count(ledger) == count
    res = cli("--as", "王五", "undo", "--json")
    assert res.code == 0, res.err
    data = json.loads(res.out)
    assert data["undone"] is True and data["actor"] == "王五" and data["undo_command_id"]
    assert ledger.milestones.get("1-M2").actual == 9


# -- property: any run of one person's changes, undone one by one, leaves the ledger as it was -----------------


def _mutate(ledger: Ledger, rng: random.Random, i: int) -> None:
    """One random change a coordinator might make; some are refused by the rules, which is fine."""
    ms = [m.code for m in ledger.milestones.list()]
    tasks = [f"{t.plan}:{t.code}" for t in ledger.tasks.list(plan="kaizhou-7p")]
    units = [u.short_name or u.name for u in ledger.units.list()]
    m, task = rng.choice(ms), rng.choice(tasks)
    kind = rng.choice(["status", "actual", "edit", "assign", "task", "evidence", "milestone", "unit"])
    if kind == "status":
        statuses = ["not_started", "in_progress", "done", "blocked", "cancelled"]
        if ledger.evidence.list(m):
            statuses.append("closed")
        ledger.milestones.set_status(m, rng.choice(statuses), note=rng.choice([None, f"说明{i}"]))
    elif kind == "actual":
        ledger.milestones.record_actual(m, rng.choice([None, rng.randint(0, 300), rng.random() * 10]))
    elif kind == "edit":
        options = {"target": str(rng.randint(1, 99)), "due": f"2023-0{rng.randint(1, 9)}-15", "note": f"备注{i}",
                   "metric": f"目标{i}", "cumulative": rng.random() < 0.5, "baseline_value": "12.5"}  # fmt: skip
        ledger.milestones.edit(m, dict(rng.sample(sorted(options.items()), rng.randint(1, 3))))
    elif kind == "assign":
        current = ledger.tasks.get(task)
        remove = [u.label for u in current.co][:1] if rng.random() < 0.3 else []
        co = [u for u in rng.sample(units, 2) if u not in remove]
        ledger.tasks.assign(task, lead=rng.choice(units), co=co, remove=remove)
    elif kind == "task":
        ledger.tasks.edit(task, {"title": f"任务{i}", "status": rng.choice(["in_progress", "blocked"])})
    elif kind == "evidence":
        ledger.evidence.add(m, text=f"佐证{i}", doc_no=rng.choice([None, f"文号{i}"]))
    elif kind == "milestone":
        ledger.milestones.add(task, f"R-{i}", f"随机节点{i}", 2022, target=rng.randint(1, 9))
    else:
        ledger.units.add(f"随机单位{i}", short_name=f"随机{i}")


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_twenty_changes_undone_twenty_times_leave_the_ledger_as_it_was(
    units: Ledger, db_path: Path, seed: int
) -> None:
    units.tasks.assign(TASK, lead="区科技局", co=["区统计局"])  # by tester: not to be undone below
    start = snapshot(units)
    zhou = make_ledger(db_path, actor="周五")
    try:
        rng = random.Random(seed)
        for i in range(20):
            with contextlib.suppress(UserError):  # refused by a rule: then no command was logged
                _mutate(zhou, rng, i)
        commands = {c.command_id for c in changes(zhou, actor="周五")}
        assert len(commands) >= 12  # most of the twenty went through
        assert snapshot(zhou) != start
        for _ in commands:
            zhou.undo.undo()
        assert snapshot(zhou) == start
        with pytest.raises(UserError, match="nothing to undo"):
            zhou.undo.undo()
    finally:
        zhou.close()
