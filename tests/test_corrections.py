"""Mistakes corrected without losing the record: a progress report filed in error is removed with a
reason, and the change log still holds everything it said."""

from __future__ import annotations

from typing import Any

import pytest

from tasktrack.errors import UserError
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
    with pytest.raises(UserError, match="say why the report is removed"):
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
