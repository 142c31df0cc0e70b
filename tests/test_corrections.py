"""Mistakes corrected without losing the record: a progress report filed in error is removed with a
reason, and the change log still holds everything it said."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tasktrack.errors import UserError
from tasktrack.importers.planfile import ImportErrors
from tasktrack.services.history import HistoryFilter
from tasktrack.services.ledger import Ledger


def _report(ledger: Ledger) -> int:
    ledger.units.add("开州区科学技术局", short_name="区科技局")
    ledger.tasks.assign("kaizhou-7p:1-3", lead="区科技局")
    v = ledger.progress.add(
        "kaizhou-7p:1-3", unit="区科技局", period="2021-09", progress="新增入库38家", problems="材料反复补正", value=38
    )
    return v.id


def test_a_removed_report_leaves_every_field_and_the_reason_in_the_change_log(ledger: Ledger) -> None:
    rid = _report(ledger)
    ledger.progress.remove(rid, reason="报错期间，重新报送")
    assert rid not in {v.id for v in ledger.progress.list(latest=False)}
    rows = ledger.history.list(HistoryFilter(entity="progress", limit=None))
    gone = {r.field: r.old for r in rows if r.entity_id == rid and r.command == "progress remove"}
    assert gone["progress"] == "新增入库38家" and gone["problems"] == "材料反复补正" and gone["value"] == "38"
    assert gone["period"] == "2021-09" and gone["removed"] == "2021-09" and gone["author"] == "tester"
    assert {r.reason for r in rows if r.command == "progress remove"} == {"报错期间，重新报送"}
    assert {r.new for r in rows if r.command == "progress remove"} == {None}


def test_removing_needs_a_reason_and_an_existing_report(ledger: Ledger) -> None:
    rid = _report(ledger)
    with pytest.raises(UserError, match=r"say why progress #\d+ is removed"):
        ledger.progress.remove(rid, reason="  ")
    with pytest.raises(UserError, match="no progress report #999"):
        ledger.progress.remove(999, reason="x")
    assert rid in {v.id for v in ledger.progress.list(latest=False)}


def test_undo_does_not_pretend_to_bring_a_removed_report_back(ledger: Ledger) -> None:
    rid = _report(ledger)
    ledger.progress.remove(rid, reason="重复报送")
    with pytest.raises(UserError, match=rf"it removed progress #{rid}, which undo does not bring back"):
        ledger.undo.undo()


def test_the_cli_removes_with_a_reason_in_both_languages(cli: Any, ledger: Ledger) -> None:
    rid = _report(ledger)
    missing = cli("progress", "remove", str(rid))
    assert missing.code == 2 and "--reason" in missing.err
    r = cli("--lang", "en", "progress", "remove", str(rid), "--reason", "wrong period")
    assert r.code == 0 and r.out == f"removed progress report #{rid} (1-3, 2021-09)\n"
    rid2 = _report_again(ledger)
    r = cli("progress", "remove", str(rid2), "--reason", "报错")
    assert r.code == 0 and r.out == f"已撤回进展报送 #{rid2}（1-3，2021-09）\n"


def _report_again(ledger: Ledger) -> int:
    return ledger.progress.add("kaizhou-7p:1-3", unit="区科技局", period="2021-09", progress="再报").id


# -- evidence: removed with a reason, got back out checked against its SHA-256 -----------------------------


def _evidence_file(ledger: Ledger, tmp_path: Path) -> int:
    proof = tmp_path / "入库名单.txt"
    proof.write_text("第一批 12家\n", encoding="utf-8")
    return ledger.evidence.add(M1, file=str(proof)).id


M1 = "kaizhou-7p:1-M1"


def test_evidence_comes_back_out_whole_and_checked(cli: Any, ledger: Ledger, tmp_path: Path) -> None:
    eid = _evidence_file(ledger, tmp_path)
    out = tmp_path / "取回.txt"
    r = cli("evidence", "get", str(eid), "-o", str(out))
    assert r.code == 0, r.err
    assert out.read_text(encoding="utf-8") == "第一批 12家\n"
    again = cli("evidence", "get", str(eid), "-o", str(out))  # an existing file: only with --force
    assert again.code == 2 and "--force" in again.err
    assert cli("evidence", "get", str(eid), "-o", str(out), "--force").code == 0


def test_a_stored_file_that_no_longer_matches_its_hash_is_not_handed_out(
    cli: Any, ledger: Ledger, tmp_path: Path
) -> None:
    eid = _evidence_file(ledger, tmp_path)
    stored = ledger.evidence.path_of(eid)
    stored.chmod(0o600)
    stored.write_text("第一批 99家\n", encoding="utf-8")  # changed in the store behind tasktrack's back
    out = tmp_path / "取回.txt"
    r = cli("evidence", "get", str(eid), "-o", str(out))
    assert r.code == 2 and "保存的文件与其 SHA-256" in r.err and r.err.count("\n") == 1
    assert not out.exists() and not [p for p in tmp_path.iterdir() if p.name.startswith(".tasktrack")]


def test_evidence_get_never_writes_over_the_database(cli: Any, ledger: Ledger, tmp_path: Path, db_path: Any) -> None:
    if not isinstance(db_path, Path):
        pytest.skip("a SQLite file to protect")
    eid = _evidence_file(ledger, tmp_path)
    before = db_path.read_bytes()
    r = cli("evidence", "get", str(eid), "-o", str(db_path), "--force")
    assert r.code == 2 and db_path.read_bytes() == before


def test_removed_evidence_stays_on_the_record_and_its_file_in_the_store(ledger: Ledger, tmp_path: Path) -> None:
    eid = _evidence_file(ledger, tmp_path)
    stored = ledger.evidence.path_of(eid)
    ledger.evidence.remove(eid, reason="附件传错")
    assert eid not in {e.id for e in ledger.evidence.list()}
    rows = [r for r in ledger.history.list(HistoryFilter(entity="evidence", limit=None)) if r.entity_id == eid]
    gone = {r.field: r.old for r in rows if r.command == "evidence remove"}
    assert gone["file_name"] == "入库名单.txt" and gone["removed"] == "入库名单.txt"
    assert len(gone["file_sha256"]) == 64 and gone["milestone_id"] == str(ledger.milestones.get(M1).id)
    assert {r.reason for r in rows if r.command == "evidence remove"} == {"附件传错"}
    assert stored.read_text(encoding="utf-8") == "第一批 12家\n"
    with pytest.raises(UserError, match=r"say why evidence #\d+ is removed"):
        ledger.evidence.remove(_evidence_file(ledger, tmp_path), reason="")


def test_accepted_evidence_is_removed_by_a_coordinator_only(ledger: Ledger, db_path: Any, tmp_path: Path) -> None:
    from tasktrack.services.access import MemberService
    from tests.conftest import BACKEND, make_ledger

    if BACKEND != "sqlite":
        pytest.skip("accounts are OS accounts here; PostgreSQL logins are tested in test_permissions_pg")
    eid = ledger.evidence.add(M1, text="入库名单").id
    ledger.units.add("开州区科学技术局", short_name="区科技局")
    ledger.tasks.assign("kaizhou-7p:1-3", lead="区科技局")
    MemberService(ledger.ctx).add(ledger.ctx.os_user, coordinator=True)
    MemberService(ledger.ctx).add("tt_unit_clerk", unit="区科技局")
    ledger.milestones.set_status(M1, "closed", note="销号")  # closing accepts (认定) its evidence
    clerk = make_ledger(db_path, actor="科员")
    clerk.ctx.os_user = "tt_unit_clerk"
    try:
        with pytest.raises(UserError, match=rf"may not remove evidence #{eid}: it was accepted"):
            clerk.evidence.remove(eid, reason="想撤回")
        ledger.evidence.remove(eid, reason="认定有误，退回重报")
    finally:
        clerk.close()


# -- units: retired (撤销/撤并) with a reason, never deleted --------------------------------------------------


def test_a_unit_holding_duties_cannot_be_retired_until_they_are_handed_on(ledger: Ledger) -> None:
    ledger.units.add("开州区财政局", short_name="区财政局")
    ledger.units.add("开州区科学技术局", short_name="区科技局")
    ledger.tasks.assign("kaizhou-7p:1-3", lead="区财政局")
    with pytest.raises(UserError, match=r"区财政局 still leads or co-owns 1 tasks \(kaizhou-7p:1-3\)"):
        ledger.units.retire("区财政局", reason="机构改革")
    ledger.tasks.assign("kaizhou-7p:1-3", lead="区科技局")  # the duty goes to the unit that takes it over
    u = ledger.units.retire("区财政局", reason="机构改革，职能并入区科技局", on=date(2022, 3, 1))
    assert u.retired_on == date(2022, 3, 1)
    rows = ledger.history.list(HistoryFilter(entity="unit", limit=None))
    assert [(r.field, r.new, r.reason) for r in rows if r.command == "unit retire"] == [
        ("retired_on", "2022-03-01", "机构改革，职能并入区科技局")
    ]
    with pytest.raises(UserError, match="say why the unit is retired"):
        ledger.units.retire("区科技局", reason=" ")


def _me(ledger: Ledger) -> str:
    """The account the backend knows this ledger's process as (the coordinator-to-be), and a clerk login."""
    from tasktrack.services.base import account
    from tests.test_permissions import ensure_role

    with ledger.ctx.engine.connect() as conn:
        me = account(conn, ledger.ctx)
    if ledger.ctx.engine.dialect.name == "postgresql":
        ensure_role(ledger, "tt_old_clerk")
    return me


def test_a_retired_unit_takes_no_new_duty_on_any_path(ledger: Ledger, cli: Any, tmp_path: Path) -> None:
    from tests.test_ledger_import import apply, write_csv

    from tasktrack.services.access import MemberService

    MemberService(ledger.ctx).add(_me(ledger), coordinator=True)
    ledger.units.add("开州区旧局", short_name="区旧局")
    ledger.units.retire("区旧局", reason="撤销")
    said = "unit 区旧局 was retired on"
    with pytest.raises(UserError, match=said):
        ledger.tasks.assign("kaizhou-7p:1-3", co=["区旧局"])
    r = cli("task", "assign", "kaizhou-7p:1-3", "--lead", "区旧局")
    assert r.code == 2 and "单位 区旧局 已于 2022-" in r.err and "撤销" in r.err
    with pytest.raises(ImportErrors, match=said):
        apply(ledger, write_csv(tmp_path / "台账.csv", [["编号", "牵头单位"], ["1-M1", "区旧局"]]), plan="kaizhou-7p")
    with pytest.raises(UserError, match=said):
        MemberService(ledger.ctx).add("tt_old_clerk", unit="区旧局")
    listed = cli("--lang", "en", "unit", "list").out
    assert "开州区旧局 (retired " in listed
    ledger.undo.undo()  # retired in error: undo puts it back in office
    ledger.tasks.assign("kaizhou-7p:1-3", co=["区旧局"])


def test_a_unit_with_members_cannot_be_retired(ledger: Ledger) -> None:
    from tasktrack.services.access import MemberService

    ledger.units.add("开州区旧局", short_name="区旧局")
    MemberService(ledger.ctx).add(_me(ledger), coordinator=True)
    MemberService(ledger.ctx).add("tt_old_clerk", unit="区旧局")
    with pytest.raises(UserError, match=r"区旧局 still has members \(tt_old_clerk\)"):
        ledger.units.retire("区旧局", reason="撤销")
