"""The services a user's commands go through: statuses, values, owners, filters, evidence, history."""

from __future__ import annotations

import os
import stat
import time
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from tasktrack.config import Settings
from tasktrack.errors import Conflict, NotFound, UserError
from tasktrack.models import Change, ProgressReport, Responsibility, Unit
from tasktrack.services.base import os_account
from tasktrack.services.history import HistoryFilter
from tasktrack.services.ledger import Ledger
from tasktrack.services.views import MilestoneFilter, MilestoneView
from tests.conftest import AS_OF, evidence_store, make_ledger

SEVEN = "kaizhou-7p"
FYP = "kaizhou-14fyp"
SEVEN_2021 = {"1-M1", "1-M2", "2-M1", "2-M3", "2-M4", "6-M1", "三-M1"}


def change_count(ledger: Ledger) -> int:
    with ledger.ctx.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(Change)).scalar_one())


def new_changes(ledger: Ledger, after: int) -> list[Change]:
    with ledger.ctx.engine.connect() as conn:
        return list(conn.execute(select(Change.__table__).where(Change.id > after).order_by(Change.id)))


def last_change_id(ledger: Ledger) -> int:
    with ledger.ctx.engine.connect() as conn:
        return int(conn.execute(select(func.coalesce(func.max(Change.id), 0))).scalar_one())


def codes(views: list[MilestoneView]) -> list[str]:
    return [v.code for v in views]


def ms(ledger: Ledger, as_of: date | None = None, **kw: object) -> set[str]:
    return set(codes(ledger.milestones.list(MilestoneFilter(**kw), as_of=as_of)))  # type: ignore[arg-type]


@pytest.fixture
def units(ledger: Ledger) -> Ledger:
    """The bundled plans plus three units and nothing assigned yet."""
    ledger.units.add("开州区科学技术局", short_name="区科技局")
    ledger.units.add("开州区财政局", short_name="区财政局")
    ledger.units.add("开州区统计局", short_name="区统计局")
    return ledger


@pytest.fixture
def li(db_path: Path, ledger: Ledger) -> Ledger:
    """A second person, 李四, on the same database file."""
    other = make_ledger(db_path, actor="李四")
    yield other
    other.close()


# ---- status -------------------------------------------------------------------------------------


def test_done_records_the_ledger_date_and_undone_clears_it(ledger: Ledger) -> None:
    m = ledger.milestones.set_status("1-M1", "done")
    assert (m.status, m.completed_on) == ("done", AS_OF)
    assert m.derived.rag == "green"
    m = ledger.milestones.set_status("1-M1", "in_progress")
    assert (m.status, m.completed_on) == ("in_progress", None)
    fields = [(c.field, c.old, c.new) for c in ledger.history.list(HistoryFilter(milestone="1-M1", limit=4))]
    assert ("completed_on", AS_OF.isoformat(), None) in fields
    assert ("status", "done", "in_progress") in fields


def test_done_on_a_given_date(ledger: Ledger) -> None:
    m = ledger.milestones.set_status("1-M1", "done", on=date(2021, 12, 20))
    assert m.completed_on == date(2021, 12, 20)
    assert m.derived.overdue is False


def test_office_words_for_statuses(ledger: Ledger) -> None:
    assert ledger.milestones.set_status("1-M1", "已完成").status == "done"
    assert ledger.milestones.set_status("1-M2", "受阻").status == "blocked"
    with pytest.raises(UserError, match="unknown status"):
        ledger.milestones.set_status("1-M1", "差不多")


def test_closing_without_evidence_is_refused_and_changes_nothing(ledger: Ledger) -> None:
    before = ledger.milestones.get("1-M1")
    n = change_count(ledger)
    with pytest.raises(UserError, match="evidence") as exc:
        ledger.milestones.set_status("1-M1", "closed")
    assert not isinstance(exc.value, NotFound)
    after = ledger.milestones.get("1-M1")
    assert (after.status, after.completed_on, after.version) == (
        before.status,
        before.completed_on,
        before.version,
    )
    assert change_count(ledger) == n
    with pytest.raises(UserError):
        ledger.milestones.set_status("1-M1", "销号")


def test_closing_with_evidence_accepts_it(ledger: Ledger) -> None:
    ev = ledger.evidence.add("1-M1", text="入库名单", doc_no="开州科技发〔2021〕1号")
    assert ev.accepted_by is None
    ledger.milestones.set_status("1-M1", "done", on=date(2021, 12, 20))
    m = ledger.milestones.set_status("1-M1", "closed")
    assert m.status == "closed"
    assert m.completed_on == date(2021, 12, 20)  # closing keeps the day it was done
    accepted = ledger.evidence.get(ev.id)
    assert accepted.accepted_by == "tester"
    assert accepted.accepted_at is not None
    logged = {(c.entity, c.field, c.new) for c in ledger.history.list(HistoryFilter(milestone="1-M1"))}
    assert ("evidence", "accepted_by", "tester") in logged


# ---- actual values ------------------------------------------------------------------------------


def test_record_actual_logs_old_and_new_and_starts_the_item(ledger: Ledger) -> None:
    assert ledger.milestones.get("1-M1").status == "not_started"
    m = ledger.milestones.record_actual("1-M1", 38)
    assert (m.actual, m.status) == (38.0, "in_progress")
    m = ledger.milestones.record_actual("1-M1", "41.5", note="第二批入库")
    assert m.actual == 41.5
    rows = [(c.field, c.old, c.new) for c in ledger.history.list(HistoryFilter(milestone="1-M1", limit=3))]
    assert ("actual", "38", "41.5") in rows
    assert ("actual", None, "38") in rows
    assert ("status", "not_started", "in_progress") in rows


def test_record_actual_keeps_other_statuses(ledger: Ledger) -> None:
    ledger.milestones.set_status("2-M4", "blocked")
    assert ledger.milestones.record_actual("2-M4", 31).status == "blocked"


def test_record_actual_is_refused_for_events(ledger: Ledger) -> None:
    n = change_count(ledger)
    with pytest.raises(UserError, match="event"):
        ledger.milestones.record_actual("2-M1", 1)
    assert ledger.milestones.get("2-M1").actual is None
    assert change_count(ledger) == n


def test_record_actual_needs_a_number(ledger: Ledger) -> None:
    with pytest.raises(UserError, match="number"):
        ledger.milestones.record_actual("1-M1", "五十")


# ---- who did it ---------------------------------------------------------------------------------


def test_every_mutation_logs_the_actor_and_os_user(ledger: Ledger, li: Ledger) -> None:
    ledger.units.add("开州区科学技术局", short_name="区科技局")
    mutations = [
        lambda lg: lg.milestones.record_actual("1-M1", 10),
        lambda lg: lg.milestones.set_status("1-M1", "done"),
        lambda lg: lg.milestones.edit("1-M2", {"note": "按15家督办"}),
        lambda lg: lg.units.add("开州区统计局", short_name="区统计局"),
        lambda lg: lg.units.edit("区统计局", {"contact": "吴婷"}),
        lambda lg: lg.tasks.assign("kaizhou-7p:1-3", lead="区科技局", co=["区统计局"]),
        lambda lg: lg.tasks.edit("kaizhou-7p:1-3", {"note": "重点督办"}),
        lambda lg: lg.evidence.add("1-M1", text="名单"),
        lambda lg: lg.indicators.record("kaizhou-14fyp:专栏2-3", "2021", 256),
        lambda lg: lg.progress.add("kaizhou-7p:1-3", unit="区科技局", period="2021-12", progress="推进中"),
        lambda lg: lg.milestones.add("kaizhou-7p:1-3", "1-M9", "新增示例", 2022, target=5),
    ]
    for i, mutate in enumerate(mutations):
        lg, who = (li, "李四") if i % 2 else (ledger, "tester")
        mark = last_change_id(ledger)
        mutate(lg)
        rows = new_changes(ledger, mark)
        assert rows, f"mutation {i} wrote no change row"
        assert {r.actor for r in rows} == {who}
        assert {r.os_user for r in rows} == {os_account()}
        assert len({r.command_id for r in rows}) == 1  # one command, one id


def test_history_filters_by_actor(ledger: Ledger, li: Ledger) -> None:
    ledger.milestones.record_actual("1-M1", 10)
    li.milestones.record_actual("1-M2", 3)
    by_li = ledger.history.list(HistoryFilter(actor="李四"))
    assert by_li and {c.actor for c in by_li} == {"李四"}
    assert {c.label for c in by_li} == {"1-M2"}


def test_stale_save_is_refused_naming_who_changed_it(ledger: Ledger, li: Ledger) -> None:
    opened = ledger.milestones.get("1-M1")
    li.milestones.record_actual("1-M1", 12)
    with pytest.raises(Conflict) as exc:
        ledger.milestones.set_status("1-M1", "done", expected_version=opened.version)
    assert exc.value.changed_by == "李四"
    assert "李四" in str(exc.value)
    assert "\n" not in str(exc.value)
    assert ledger.milestones.get("1-M1").status == "in_progress"
    with pytest.raises(Conflict):
        ledger.milestones.edit("1-M1", {"target": 60}, expected_version=opened.version)
    assert ledger.milestones.get("1-M1").target == 50
    # with the version just read, the save goes through
    fresh = ledger.milestones.get("1-M1")
    assert ledger.milestones.set_status("1-M1", "done", expected_version=fresh.version).status == "done"


def test_stale_assignment_is_refused(units: Ledger, li: Ledger) -> None:
    opened = units.tasks.get("kaizhou-7p:1-3")
    li.tasks.assign("kaizhou-7p:1-3", lead="区科技局")
    with pytest.raises(Conflict, match="李四"):
        units.tasks.assign("kaizhou-7p:1-3", lead="区财政局", expected_version=opened.version)
    assert units.tasks.get("kaizhou-7p:1-3").lead.short_name == "区科技局"


# ---- editing plan facts -------------------------------------------------------------------------


def test_edit_due_accepts_document_forms(ledger: Ledger) -> None:
    m = ledger.milestones.edit("1-M1", {"due": "2022年三季度"}, reason="延期申请已批准")
    assert (m.due, m.due_text) == (date(2022, 9, 30), "2022年三季度")
    row = ledger.history.list(HistoryFilter(milestone="1-M1", limit=5))
    assert ("due", "2021-12-31", "2022-09-30", "延期申请已批准") in [
        (c.field, c.old, c.new, c.reason) for c in row
    ]
    assert m.derived.overdue is False


def test_edit_due_without_a_year_takes_the_milestone_year(ledger: Ledger) -> None:
    assert ledger.milestones.edit("1-M1", {"due": "三季度"}).due == date(2021, 9, 30)


def test_edit_due_aspirational(ledger: Ledger) -> None:
    m = ledger.milestones.edit("1-M3", {"due": "力争2024年"})
    assert (m.due, m.aspirational) == (date(2024, 12, 31), True)


def test_edit_due_refuses_a_date_that_lost_its_characters(ledger: Ledger) -> None:
    n = change_count(ledger)
    with pytest.raises(UserError, match="2021824") as exc:
        ledger.milestones.edit("1-M1", {"due": "2021824"})
    assert "\n" not in str(exc.value)
    assert ledger.milestones.get("1-M1").due == date(2021, 12, 31)
    assert change_count(ledger) == n


def test_edit_refuses_unknown_fields_and_values(ledger: Ledger) -> None:
    with pytest.raises(UserError, match="cannot edit 'status'"):
        ledger.milestones.edit("1-M1", {"status": "done"})
    with pytest.raises(UserError, match="number"):
        ledger.milestones.edit("1-M1", {"target": "很多"})
    with pytest.raises(UserError, match="comparison"):
        ledger.milestones.edit("1-M1", {"comparison": "about"})
    assert ledger.milestones.get("1-M1").target == 50


# ---- owners -------------------------------------------------------------------------------------


def test_replacing_the_lead_logs_old_and_new(units: Ledger) -> None:
    t = units.tasks.assign("kaizhou-7p:1", lead="区科技局", co=["区财政局"])
    assert t.lead.short_name == "区科技局"
    assert [u.short_name for u in t.co] == ["区财政局"]
    mark = last_change_id(units)
    t = units.tasks.assign("kaizhou-7p:1", lead="区统计局", reason="调整牵头单位")
    assert t.lead.short_name == "区统计局"
    assert [u.short_name for u in t.co] == ["区财政局"]
    logged = {(c.field, c.old, c.new, c.reason) for c in new_changes(units, mark)}
    assert ("lead", "区科技局", None, "调整牵头单位") in logged
    assert ("lead", None, "区统计局", "调整牵头单位") in logged


def test_a_co_unit_promoted_to_lead(units: Ledger) -> None:
    units.tasks.assign("kaizhou-7p:1-3", lead="区科技局", co=["区财政局", "区统计局"])
    t = units.tasks.assign("kaizhou-7p:1-3", lead="区财政局")
    assert t.lead.short_name == "区财政局"
    assert [u.short_name for u in t.co] == ["区统计局"]
    with units.ctx.engine.connect() as conn:
        rows = conn.execute(
            select(Unit.short_name, Responsibility.role).join(Unit, Unit.id == Responsibility.unit_id)
        ).all()
    # one row per unit: the promoted co-unit is not also left as a co-unit, the old lead is gone
    assert sorted(map(tuple, rows)) == [("区统计局", "co"), ("区财政局", "lead")]


def test_sub_tasks_inherit_the_parent_lead(units: Ledger) -> None:
    units.tasks.assign("kaizhou-7p:1", lead="区科技局", co=["区财政局"])
    child = units.tasks.get("kaizhou-7p:1-3")
    assert child.lead.short_name == "区科技局"
    assert child.lead_inherited_from == "1"
    assert [u.short_name for u in child.co] == ["区财政局"]
    m = units.milestones.get("1-M1")
    assert m.lead.short_name == "区科技局"
    assert [u.short_name for u in m.co] == ["区财政局"]
    own = units.tasks.assign("kaizhou-7p:1-3", lead="区统计局")
    assert (own.lead.short_name, own.lead_inherited_from) == ("区统计局", None)
    assert units.milestones.get("1-M1").lead.short_name == "区统计局"
    assert units.tasks.get("kaizhou-7p:1-4").lead_inherited_from == "1"


def test_assigning_an_unknown_unit_changes_nothing(units: Ledger) -> None:
    n = change_count(units)
    with pytest.raises(NotFound):
        units.tasks.assign("kaizhou-7p:1", lead="区科技局", co=["区不存在局"])
    assert units.tasks.get("kaizhou-7p:1").lead is None
    assert change_count(units) == n


def test_removing_a_unit(units: Ledger) -> None:
    units.tasks.assign("kaizhou-7p:1", lead="区科技局", co=["区财政局"])
    t = units.tasks.assign("kaizhou-7p:1", remove=["区财政局"])
    assert t.co == ()
    with pytest.raises(UserError, match="not assigned"):
        units.tasks.assign("kaizhou-7p:1", remove=["区统计局"])


# ---- milestone filters --------------------------------------------------------------------------


def test_filter_by_plan(ledger: Ledger) -> None:
    seven = ledger.milestones.list(MilestoneFilter(plan=SEVEN))
    fyp = ledger.milestones.list(MilestoneFilter(plan="开州府办发〔2021〕61号"))  # by document number
    assert {m.plan for m in seven} == {SEVEN}
    assert {m.plan for m in fyp} == {FYP}
    assert len(seven) + len(fyp) == len(ledger.milestones.list())
    assert ledger.milestones.count(MilestoneFilter(plan=SEVEN)) == len(seven) == 11


def test_filter_by_programme_and_task(ledger: Ledger) -> None:
    assert ms(ledger, programme="1") == {"1-M1", "1-M2", "1-M3", "1-M4"}
    assert ms(ledger, programme="2") == {"2-M1", "2-M2", "2-M3", "2-M4", "2-M5"}
    assert ms(ledger, task="1-3") == {"1-M1", "1-M2"}
    assert ms(ledger, task="1") == {"1-M1", "1-M2", "1-M3", "1-M4"}  # with its sub-tasks
    assert ms(ledger, task="专栏9-1") == {f"专栏9-1-M-{y}" for y in range(2021, 2026)}


def test_filter_by_task_reference(ledger: Ledger) -> None:
    assert ms(ledger, task="kaizhou-7p:1-3") == {"1-M1", "1-M2"}


def test_filter_by_unknown_task_is_refused(ledger: Ledger) -> None:
    with pytest.raises(NotFound):
        ledger.milestones.list(MilestoneFilter(task="1-99"))


def test_filter_by_unit_lead_or_co_including_inherited(units: Ledger) -> None:
    units.tasks.assign("kaizhou-7p:1", lead="区科技局")
    units.tasks.assign("kaizhou-7p:1-3", co=["区财政局"])
    units.tasks.assign("kaizhou-14fyp:专栏9-3", lead="区统计局", co=["区财政局"])
    assert ms(units, unit="区科技局") == {"1-M1", "1-M2", "1-M3", "1-M4"}
    assert ms(units, unit="开州区财政局") == {"1-M1", "1-M2", "专栏9-3-M", "专栏9-3-M2"}
    assert ms(units, unit="区统计局") == {"专栏9-3-M", "专栏9-3-M2"}
    assert ms(units, unit="区财政局", plan=SEVEN) == {"1-M1", "1-M2"}
    with pytest.raises(NotFound):
        units.milestones.list(MilestoneFilter(unit="区不存在局"))


def test_filter_unassigned(units: Ledger) -> None:
    everything = ms(units)
    assert ms(units, unassigned=True) == everything  # the documents name no unit
    units.tasks.assign("kaizhou-7p:1", lead="区科技局")
    units.tasks.assign("kaizhou-7p:2-1", co=["区财政局"])  # a co-unit alone does not make an owner
    assert ms(units, unassigned=True) == everything - {"1-M1", "1-M2", "1-M3", "1-M4"}


def test_filter_by_status_words(ledger: Ledger) -> None:
    ledger.milestones.set_status("1-M1", "done")
    ledger.milestones.set_status("2-M4", "blocked")
    ledger.milestones.record_actual("1-M2", 5)
    assert ms(ledger, statuses=["已完成"]) == {"1-M1"}
    assert ms(ledger, statuses=["done", "受阻"]) == {"1-M1", "2-M4"}
    assert ms(ledger, statuses=["in-progress"]) == {"1-M2"}
    with pytest.raises(UserError, match="unknown status"):
        ledger.milestones.list(MilestoneFilter(statuses=["半完成"]))


def test_filter_by_year(ledger: Ledger) -> None:
    assert ms(ledger, plan=SEVEN, year=2021) == SEVEN_2021
    assert ms(ledger, plan=SEVEN, year=2025) == {"1-M3", "1-M4", "2-M2", "2-M5"}
    assert ms(ledger, plan=SEVEN, year=2023) == set()


def test_filter_overdue_as_of_a_date(ledger: Ledger) -> None:
    assert ms(ledger, as_of=date(2021, 12, 31), plan=SEVEN, overdue=True) == set()  # due today: not yet
    assert ms(ledger, as_of=date(2022, 1, 1), plan=SEVEN, overdue=True) == SEVEN_2021
    ledger.milestones.set_status("1-M1", "done")
    ledger.milestones.set_status("2-M3", "cancelled")
    assert ms(ledger, plan=SEVEN, overdue=True) == SEVEN_2021 - {"1-M1", "2-M3"}
    views = ledger.milestones.list(MilestoneFilter(plan=SEVEN, overdue=True))
    assert all(v.derived.overdue and v.derived.days_left == -10 for v in views)


def test_filter_due_within_includes_both_ends(ledger: Ledger) -> None:
    dec17 = date(2021, 12, 17)  # 14 days before 31 December
    assert ms(ledger, as_of=dec17, plan=SEVEN, due_within=14) == SEVEN_2021
    assert ms(ledger, as_of=dec17, plan=SEVEN, due_within=13) == set()
    assert ms(ledger, as_of=date(2021, 12, 31), plan=SEVEN, due_within=0) == SEVEN_2021
    assert ms(ledger, as_of=date(2022, 1, 1), plan=SEVEN, due_within=30) == set()  # overdue, not due
    ledger.milestones.set_status("6-M1", "done")
    assert "6-M1" not in ms(ledger, as_of=dec17, plan=SEVEN, due_within=14)


def test_filter_by_text(ledger: Ledger) -> None:
    assert ms(ledger, text="高新技术企业") >= {"1-M2", "1-M4", "专栏9-2-M-2021"}
    assert ms(ledger, text="三-M") == {"三-M1"}  # codes are searched too
    assert ms(ledger, text="倍增工程") >= {"专栏9-1-M-2021"}  # and task titles


def test_text_search_treats_like_wildcards_as_characters(ledger: Ledger) -> None:
    everything = ledger.milestones.list()
    with_percent = {
        m.code for m in everything if any("%" in (s or "") for s in (m.metric, m.code, m.quote, m.task_title))
    }
    assert with_percent and len(with_percent) < len(everything)
    assert ms(ledger, text="%") == with_percent
    assert ms(ledger, text="_") == set()
    assert ms(ledger, text="15%以上") == {"二(三)-M1"}
    assert ms(ledger, text="%以上%") == set()
    assert ms(ledger, text="' OR 1=1 --") == set()


def test_limit_and_count(ledger: Ledger) -> None:
    everything = codes(ledger.milestones.list())
    assert codes(ledger.milestones.list(MilestoneFilter(limit=3))) == everything[:3]
    assert codes(ledger.milestones.list(MilestoneFilter(limit=3, offset=3))) == everything[3:6]
    assert ledger.milestones.count(MilestoneFilter(year=2021)) == len(ms(ledger, year=2021))


def test_thresholds_come_from_the_settings(db_path: Path, ledger: Ledger) -> None:
    strict = make_ledger(db_path)
    strict.ctx.settings = Settings(amber_points=1, red_points=2)
    ledger.milestones.record_actual("1-M4", 5)  # 5% of 100, 序时 20.5%
    assert ledger.milestones.get("1-M4").derived.rag == "amber"
    assert strict.milestones.get("1-M4").derived.rag == "red"
    strict.close()


# ---- evidence -----------------------------------------------------------------------------------


def test_evidence_file_is_stored_read_only_by_hash(ledger: Ledger, db_path: Path, tmp_path: Path) -> None:
    src = tmp_path / "批复 (扫描件).pdf"
    src.write_bytes(b"%PDF-1.4 approval letter")
    ev = ledger.evidence.add("1-M1", file=str(src), text="批复")
    import hashlib

    sha = hashlib.sha256(b"%PDF-1.4 approval letter").hexdigest()
    blob = evidence_store(db_path) / sha[:2] / sha  # <db>.files beside a SQLite file, or TASKTRACK_FILES
    assert (ev.file_sha256, ev.file_name, ev.file_size) == (sha, "批复 (扫描件).pdf", 24)
    assert ledger.evidence.path_of(ev.id) == blob
    assert blob.read_bytes() == b"%PDF-1.4 approval letter"
    assert stat.S_IMODE(blob.stat().st_mode) & 0o222 == 0
    assert [(v.evidence_id, v.state) for v in ledger.evidence.verify()] == [(ev.id, "ok")]
    # the same content again shares the blob
    twin = tmp_path / "copy.pdf"
    twin.write_bytes(b"%PDF-1.4 approval letter")
    ledger.evidence.add("1-M2", file=str(twin))
    assert len([p for p in blob.parent.iterdir() if not p.name.startswith(".")]) == 1
    assert {v.state for v in ledger.evidence.verify()} == {"ok"}


def test_verify_reports_tampered_and_missing_files(ledger: Ledger, tmp_path: Path) -> None:
    src = tmp_path / "名单.xlsx"
    src.write_bytes(b"list of firms")
    ev = ledger.evidence.add("1-M1", file=str(src))
    ledger.evidence.add("1-M2", text="no file, nothing to verify")
    blob = ledger.evidence.path_of(ev.id)
    os.chmod(blob, 0o644)
    blob.write_bytes(b"list of firms, edited")
    assert [(v.evidence_id, v.state) for v in ledger.evidence.verify()] == [(ev.id, "corrupt")]
    blob.unlink()
    assert [(v.evidence_id, v.state) for v in ledger.evidence.verify()] == [(ev.id, "missing")]


@pytest.mark.parametrize(
    ("path", "message"),
    [
        (lambda tmp: str(tmp / "no-such.pdf"), "no file"),
        (lambda tmp: str(tmp), "not a regular file"),
        (lambda tmp: str(tmp / "a\x00b.pdf"), "NUL"),
    ],
    ids=["missing", "directory", "nul-byte"],
)
def test_evidence_file_refusals(ledger: Ledger, tmp_path: Path, path, message: str) -> None:  # type: ignore[no-untyped-def]
    n = change_count(ledger)
    with pytest.raises(UserError, match=message):
        ledger.evidence.add("1-M1", file=path(tmp_path))
    assert ledger.evidence.list() == []
    assert change_count(ledger) == n


def test_evidence_needs_content_and_a_known_item(ledger: Ledger, db_path: Path, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="evidence needs"):
        ledger.evidence.add("1-M1")
    src = tmp_path / "x.pdf"
    src.write_bytes(b"x")
    with pytest.raises(NotFound):
        ledger.evidence.add("1-M99", file=str(src))
    store = evidence_store(db_path)
    assert not store.exists() or not any(store.rglob("*"))  # nothing stored for nothing recorded


# ---- indicators ---------------------------------------------------------------------------------


def test_indicator_reading_and_replace(ledger: Ledger, li: Ledger) -> None:
    ind = ledger.indicators.record("kaizhou-14fyp:专栏2-3", "2021", 256, note="入库")
    assert ind.latest.value == 256
    assert ind.progress == pytest.approx(52 / 296, abs=1e-4)
    n = change_count(ledger)
    with pytest.raises(UserError, match="replace") as exc:
        li.indicators.record("kaizhou-14fyp:专栏2-3", "2021", 260)
    assert "tester" in str(exc.value)  # who recorded the reading that stands
    assert change_count(ledger) == n
    assert ledger.indicators.get("kaizhou-14fyp:专栏2-3").latest.value == 256
    ind = li.indicators.record("kaizhou-14fyp:专栏2-3", "2021", 260, replace=True)
    assert (ind.latest.value, ind.latest.actor) == (260, "李四")
    assert len(ind.readings) == 1
    old_new = [
        (c.old, c.new, c.actor)
        for c in ledger.history.list(HistoryFilter(entity="reading"))
        if c.field == "value"
    ]
    assert ("256", "260", "李四") in old_new


def test_indicator_readings_by_period(ledger: Ledger) -> None:
    ledger.indicators.record("kaizhou-14fyp:专栏2-1", "2021q4", "1.62%")
    ind = ledger.indicators.record("kaizhou-14fyp:专栏2-1", "2021", 1.6)
    assert [r.period for r in ind.readings] == ["2021", "2021Q4"]
    with pytest.raises(UserError, match="period"):
        ledger.indicators.record("kaizhou-14fyp:专栏2-1", "去年", 1.6)
    with pytest.raises(UserError, match="value"):
        ledger.indicators.record("kaizhou-14fyp:专栏2-1", "2022", None)


# ---- progress reports ---------------------------------------------------------------------------


def test_progress_report_from_a_unit_that_is_not_responsible_is_refused(units: Ledger) -> None:
    units.tasks.assign("kaizhou-7p:1", lead="区科技局")
    units.tasks.assign("kaizhou-7p:1-3", co=["区财政局"])
    with pytest.raises(UserError, match="neither lead nor co-unit"):
        units.progress.add("kaizhou-7p:1-3", unit="区统计局", period="2021-12", progress="x")
    with units.ctx.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(ProgressReport)).scalar_one() == 0
    # the inherited lead and the co-unit may report
    units.progress.add("kaizhou-7p:1-3", unit="区科技局", period="2021-12", progress="lead")
    units.progress.add("1-M1", unit="区财政局", period="2021-12", value=38, on_milestone=True)
    assert len(units.progress.list()) == 2


def test_progress_listing_latest_only(units: Ledger) -> None:
    units.tasks.assign("kaizhou-7p:1-3", lead="区科技局", co=["区财政局"])
    units.progress.add("kaizhou-7p:1-3", unit="区科技局", period="2021-11", progress="十一月")
    units.progress.add("kaizhou-7p:1-3", unit="区科技局", period="2021-12", progress="十二月")
    units.progress.add("kaizhou-7p:1-3", unit="区财政局", period="2021-11", progress="财政十一月")
    latest = units.progress.list()
    assert sorted(p.progress for p in latest) == ["十二月", "财政十一月"]
    everything = units.progress.list(latest=False)
    assert [p.progress for p in everything] == ["十一月", "财政十一月", "十二月"]
    assert [p.progress for p in units.progress.list(unit="区财政局")] == ["财政十一月"]


def test_progress_report_needs_content_and_a_period(units: Ledger) -> None:
    with pytest.raises(UserError, match="needs"):
        units.progress.add("kaizhou-7p:1-3", unit=None, period="2021-12")
    with pytest.raises(UserError, match="period"):
        units.progress.add("kaizhou-7p:1-3", unit=None, period="12月", progress="x")


# ---- history ------------------------------------------------------------------------------------


def test_history_of_a_milestone_includes_its_evidence(ledger: Ledger) -> None:
    ledger.milestones.record_actual("1-M1", 10)
    ev = ledger.evidence.add("1-M1", text="名单")
    ledger.milestones.record_actual("1-M2", 3)
    ledger.evidence.add("1-M2", text="其他")
    rows = ledger.history.list(HistoryFilter(milestone="kaizhou-7p:1-M1"))
    assert {(c.entity, c.entity_id) for c in rows} == {
        ("milestone", ledger.milestones.get("1-M1").id),
        ("evidence", ev.id),
    }
    assert [c.id for c in rows] == sorted((c.id for c in rows), reverse=True)  # newest first


def test_history_of_a_task(units: Ledger) -> None:
    units.tasks.assign("kaizhou-7p:1-3", lead="区科技局")
    units.milestones.record_actual("1-M1", 10)
    units.milestones.record_actual("1-M3", 300)  # another task's milestone
    rows = units.history.list(HistoryFilter(task="kaizhou-7p:1-3", since=date(2000, 1, 1)))
    what = {(c.entity, c.label, c.field) for c in rows}
    assert ("task", "1-3", "lead") in what
    assert ("milestone", "1-M1", "actual") in what
    assert not any(c.label == "1-M3" for c in rows)


def test_history_of_a_unit(units: Ledger) -> None:
    units.tasks.assign("kaizhou-7p:1-3", lead="区科技局")
    units.milestones.record_actual("1-M1", 10)
    units.milestones.record_actual("2-M3", 10)
    units.units.edit("区科技局", {"contact": "张明"})
    rows = units.history.list(HistoryFilter(unit="区科技局"))
    what = {(c.entity, c.label, c.field) for c in rows}
    assert ("unit", "开州区科学技术局", "contact") in what
    assert ("milestone", "1-M1", "actual") in what
    assert ("task", "1-3", "lead") in what
    assert not any(c.label == "2-M3" for c in rows)


def test_history_of_a_unit_includes_tasks_without_milestones(units: Ledger) -> None:
    units.tasks.assign("kaizhou-7p:1-1", lead="区科技局")  # 1-1 has no milestone of its own
    rows = units.history.list(HistoryFilter(unit="区科技局"))
    assert ("task", "1-1", "lead") in {(c.entity, c.label, c.field) for c in rows}


@pytest.fixture
def utc_time(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The machine's clock is on UTC, whatever the developer's own zone."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def beijing_time(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The machine's clock is in China Standard Time (UTC+8), as the offices' machines are."""
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_history_since_and_until(ledger: Ledger, utc_time: None) -> None:
    ledger.ctx.now = lambda: datetime(2022, 1, 5, 9, 30, tzinfo=UTC)
    ledger.milestones.record_actual("1-M1", 10)
    ledger.ctx.now = lambda: datetime(2022, 1, 8, 23, 59, tzinfo=UTC)
    ledger.milestones.record_actual("1-M1", 20)
    ledger.ctx.now = lambda: datetime(2022, 1, 9, 0, 0, tzinfo=UTC)
    ledger.milestones.record_actual("1-M1", 30)

    def actuals(**kw: object) -> list[str | None]:
        f = HistoryFilter(milestone="1-M1", **kw)  # type: ignore[arg-type]
        return [c.new for c in ledger.history.list(f) if c.field == "actual"]

    assert actuals(until=date(2022, 1, 5)) == ["10"]
    assert actuals(since=date(2022, 1, 6), until=date(2022, 1, 8)) == ["20"]
    assert actuals(since=date(2022, 1, 9), until=date(2022, 1, 9)) == ["30"]
    assert actuals(since=date(2022, 1, 5)) == ["30", "20", "10"]
    assert actuals(since=date(2022, 1, 10), until=date(2022, 1, 31)) == []


def test_history_days_are_the_days_the_user_sees(ledger: Ledger, beijing_time: None) -> None:
    from tasktrack import present

    ledger.ctx.now = lambda: datetime(2022, 1, 9, 23, 30, tzinfo=UTC)  # 07:30 on 10 January in Kaizhou
    ledger.milestones.record_actual("1-M1", 10)
    (change,) = [c for c in ledger.history.list(HistoryFilter(milestone="1-M1")) if c.field == "actual"]
    assert present.stamp(change.at).startswith("2022-01-10")
    on_the_10th = ledger.history.list(
        HistoryFilter(milestone="1-M1", since=date(2022, 1, 10), until=date(2022, 1, 10))
    )
    assert [c.new for c in on_the_10th if c.field == "actual"] == ["10"]


# ---- references and the log itself --------------------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        lambda lg: lg.milestones.get("1-M99"),
        lambda lg: lg.milestones.get(99999),
        lambda lg: lg.milestones.get("nowhere:1-M1"),
        lambda lg: lg.milestones.set_status("#99999", "done"),
        lambda lg: lg.tasks.get("kaizhou-7p:9-9"),
        lambda lg: lg.tasks.get(99999),
        lambda lg: lg.plans.get("kaizhou-99"),
        lambda lg: lg.units.get("区不存在局"),
        lambda lg: lg.indicators.get("专栏2-99"),
        lambda lg: lg.milestones.list(MilestoneFilter(plan="kaizhou-99")),
        lambda lg: lg.history.list(HistoryFilter(milestone="1-M99")),
        lambda lg: lg.evidence.list("1-M99"),
        lambda lg: lg.progress.list("kaizhou-7p:9-9"),
    ],
)
def test_unknown_references_are_not_found_in_one_line(ledger: Ledger, call) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFound) as exc:
        call(ledger)
    message = str(exc.value)
    assert message and "\n" not in message
    assert message.startswith("no ")


def test_ambiguous_code_names_the_choices(ledger: Ledger) -> None:
    ledger.milestones.add("kaizhou-14fyp:专栏9-1", "1-M1", "同码示例", 2022, target=1)
    with pytest.raises(UserError, match="kaizhou-14fyp:1-M1") as exc:
        ledger.milestones.get("1-M1")
    assert not isinstance(exc.value, NotFound)
    assert ledger.milestones.get("kaizhou-7p:1-M1").plan == SEVEN


@pytest.mark.parametrize(
    "sql",
    ["UPDATE change SET actor = 'someone else'", "UPDATE change SET new = NULL", "DELETE FROM change"],
)
def test_change_log_is_append_only(ledger: Ledger, sql: str) -> None:
    ledger.milestones.record_actual("1-M1", 10)
    n = change_count(ledger)
    with pytest.raises(DBAPIError, match="append-only"), ledger.ctx.engine.begin() as conn:
        conn.execute(text(sql))
    assert change_count(ledger) == n
    assert {c.actor for c in ledger.history.list(HistoryFilter(limit=None))} == {"tester"}
