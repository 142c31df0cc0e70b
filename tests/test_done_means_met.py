"""Done means met (issue 12): a milestone completed below its target is 已完成（未达标）, never green, in
every output, with the reason (实际39家，目标≥40家)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from tasktrack.domain.kinds import Comparison, MeasureKind, Rag, Schedule, Status
from tasktrack.domain.progress import MilestoneFacts, assess
from tasktrack.services.ledger import Ledger
from tasktrack.services.overview import bucket

M = "kaizhou-7p:2-M4"  # 科技服务机构 ≥40家


def _facts(status: Status, actual: float | None, comparison: Comparison = Comparison.GE) -> MilestoneFacts:
    return MilestoneFacts(
        MeasureKind.STOCK, status, date(2021, 12, 31), date(2021, 1, 1), 40, actual, None, comparison, "家"
    )


@pytest.mark.parametrize("status", [Status.DONE, Status.CLOSED])
def test_done_below_target_is_amber_with_the_shortfall(status: Status) -> None:
    a = assess(_facts(status, 39), date(2022, 1, 10))
    assert (a.schedule, a.rag, a.met) == (Schedule.DONE_UNMET, Rag.AMBER, False)
    assert a.explain("zh") == "黄灯：已完成（未达标），实际39家，目标≥40家"
    assert a.explain("en") == "amber: done, target not met: actual 39家, target ≥40家"


def test_done_at_or_above_target_stays_green_and_an_le_target_is_judged_its_way() -> None:
    assert assess(_facts(Status.DONE, 40), date(2022, 1, 10)).rag is Rag.GREEN
    assert assess(_facts(Status.DONE, None), date(2022, 1, 10)).schedule is Schedule.DONE  # nothing recorded
    assert assess(_facts(Status.DONE, 39, Comparison.LE), date(2022, 1, 10)).rag is Rag.GREEN
    assert assess(_facts(Status.DONE, 41, Comparison.LE), date(2022, 1, 10)).schedule is Schedule.DONE_UNMET


def _done_unmet(ledger: Ledger) -> None:
    ledger.milestones.record_actual(M, 39)
    ledger.milestones.set_status(M, "done")


def test_services_list_show_and_counts(ledger: Ledger) -> None:
    _done_unmet(ledger)
    m = ledger.milestones.get(M)
    assert (m.derived.schedule, m.derived.rag, m.derived.met) == ("done_unmet", "amber", False)
    assert "实际39家，目标≥40家" in m.derived.reason
    [listed] = [x for x in ledger.milestones.list() if x.id == m.id]
    assert listed.derived.rag == "amber"
    assert bucket(m) == "done"  # completed, so counted 已完成 in a circular's totals


def test_cli_list_show_json_export_and_circular(cli, ledger: Ledger) -> None:  # type: ignore[no-untyped-def]
    _done_unmet(ledger)
    shown = cli("milestone", "show", M)
    assert shown.code == 0
    assert "已完成（未达标）" in shown.out and "实际39家，目标≥40家" in shown.out
    row = next(line for line in cli("milestone", "list", "--plan", "kaizhou-7p").out.splitlines() if "2-M4" in line)
    assert "已完成（未达标）" in row and "黄" in row and "绿" not in row
    en = next(line for line in cli("--lang", "en", "milestone", "list").out.splitlines() if " 2-M4 " in line)
    assert "done, target not met" in en and "amber" in en and "green" not in en
    data = json.loads(cli("milestone", "show", M, "--json").out)
    assert (data["met"], data["schedule"], data["rag"]) == (False, "done_unmet", "amber")
    exported = cli("export", "ledger", "--plan", "kaizhou-7p")
    rows = list(csv.DictReader(io.StringIO(exported.out.lstrip("\ufeff"))))
    [r] = [r for r in rows if r["编号"] == "2-M4"]
    assert r["评判"] == "黄灯：已完成（未达标），实际39家，目标≥40家"
    circular = cli("report", "weekly", "--plan", "kaizhou-7p")
    assert circular.code == 0, circular.err
    assert "（三）已完成但未达标事项1项" in circular.out
    assert "已完成（未达标）（39家）" in circular.out  # the attached 台账's status column


def test_the_ledger_sheet_with_the_judgement_column_imports_back_unchanged(cli, ledger: Ledger, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _done_unmet(ledger)
    out = tmp_path / "sheet.csv"
    assert cli("export", "ledger", "--plan", "kaizhou-7p", "-o", str(out)).code == 0
    before = ledger.milestones.get(M).version
    result = cli("import", "ledger", str(out))
    assert result.code == 0, result.err
    assert ledger.milestones.get(M).version == before
