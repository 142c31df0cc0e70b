"""The errors of importers and services most often met, in both languages: the CLI writes them in the run's
language (LANG=C.UTF-8 is zh, --lang en English), str() stays the English line, and a list of problems
(a plan file's, a 台账's) is written item by item in the reader's language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tasktrack.errors import Conflict, UserError, say
from tasktrack.importers.planfile import ImportErrors, parse_plan_data
from tasktrack.services.ledger import Ledger
from tests.test_ledger_import import write_csv

ERR = "tasktrack: error: "


def _error(result: Any) -> str:
    assert result.code != 0 and result.out == "", (result.code, result.out, result.err)
    (line,) = result.err.splitlines()
    assert line.startswith(ERR), line
    return line.removeprefix(ERR)


def test_a_plan_files_problems_are_listed_in_the_readers_language() -> None:
    data = {"format": "tasktrack/1", "plans": [{"key": "p", "period": "2021到2025", "tasks": [{"code": "1"}]}]}
    with pytest.raises(ImportErrors) as exc:
        parse_plan_data(data, "f.yaml")
    assert exc.value.errors == [
        "plans[0].period: write the period as 2021-2025, not '2021到2025'",
        "plans[0].title: is required",
        "plans[0].tasks[0].title: is required",
    ]
    assert str(exc.value) == "f.yaml: 3 errors, nothing loaded: " + "; ".join(exc.value.errors)
    assert say(exc.value, "zh") == (
        "f.yaml：3 处错误，未载入任何内容：plans[0].period：期间请写作 2021-2025，不能是 '2021到2025'；"
        "plans[0].title：必须填写；plans[0].tasks[0].title：必须填写"
    )
    assert [say(p, "zh") for p in exc.value.problems][1] == "plans[0].title：必须填写"


def test_more_than_five_problems_end_with_how_many_more() -> None:
    data = {"format": "x", "layer": "x", "plans": [{"tasks": [{}, {}]}]}
    with pytest.raises(ImportErrors) as exc:
        parse_plan_data(data, "f.yaml")
    n = len(exc.value.errors) - 5
    assert n > 0
    assert str(exc.value).endswith(f"; and {n} more")
    assert say(exc.value, "zh").endswith(f"；另有 {n} 处")


def test_a_missing_file_in_both_languages(cli: Any, ledger: Ledger, tmp_path: Path) -> None:
    gone = tmp_path / "无此文件.yaml"
    assert _error(cli("seed", "load", str(gone))) == f"找不到文件 {gone}，请检查路径"
    assert _error(cli("--lang", "en", "seed", "load", str(gone))) == f"no file {gone}; check the path"
    sheet = tmp_path / "台账.xls"
    sheet.write_bytes(b"\xd0\xcf\x11\xe0")
    assert _error(cli("import", "ledger", str(sheet))) == (
        "台账.xls：台账须为 .csv 或 .xlsx 文件，不能是 .xls；请另存为 .xlsx"
    )
    assert _error(cli("--lang", "en", "import", "ledger", str(sheet))) == (
        "台账.xls: a ledger is read from .csv or .xlsx, not .xls; save it as .xlsx"
    )


def test_a_ledger_sheets_bad_cell_in_both_languages(cli: Any, demo_ledger: Ledger, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "t.csv", [["编号", "实际", "牵头单位"], ["kaizhou-7p:1-M3", "", "甲、乙"]])
    zh = _error(cli("import", "ledger", str(path)))
    en = _error(cli("--lang", "en", "import", "ledger", str(path)))
    assert zh == "t.csv：1 处错误，未载入任何内容：第 2 行，牵头单位：牵头单位只能有一个，不能是 甲、乙；其余请填入“配合单位”"
    assert en == (
        "t.csv: 1 error, nothing loaded: row 2, 牵头单位: one lead unit only, not 甲、乙; put the others under 配合单位"
    )


def test_a_stale_save_names_who_and_when_in_both_languages(ledger: Ledger) -> None:
    from tests.conftest import make_ledger

    opened = ledger.milestones.get("1-M1")
    other = make_ledger(ledger.ctx.engine.url.render_as_string(hide_password=False), actor="李四")
    try:
        other.milestones.record_actual("1-M1", 12)
    finally:
        other.close()
    with pytest.raises(Conflict) as exc:
        ledger.milestones.set_status("1-M1", "done", expected_version=opened.version)
    v = opened.version
    assert exc.value.changed_by == "李四"
    assert str(exc.value).startswith(f"milestone {opened.id} was changed by 李四 at ")
    assert str(exc.value).endswith(f"after you opened it (version {v}, now {v + 1}); reload and try again")
    zh = say(exc.value, "zh")
    assert zh.startswith(f"节点 {opened.id} 在您打开后已被 李四 于 ")
    assert zh.endswith(f"修改（打开时为第 {v} 版，现为第 {v + 1} 版）；请重新加载后再试")


def test_task_and_progress_refusals_in_both_languages(cli: Any, ledger: Ledger) -> None:
    add = ("task", "add", "kaizhou-7p", "--code", "1-3", "--title", "重复编号")
    assert _error(cli(*add)) == "任务编号 '1-3' 在本规划中已被使用，请另选编号"
    assert _error(cli("--lang", "en", *add)) == "task code '1-3' is already used in this plan; choose another code"
    remove = ("progress", "remove", "999", "--reason", "报错")
    assert _error(cli(*remove)) == "没有进展报送 #999；请用 tasktrack progress list --all 查看"
    assert _error(cli("--lang", "en", *remove)) == "no progress report #999; see 'tasktrack progress list --all'"


def test_a_reading_for_a_period_not_understood_in_both_languages(ledger: Ledger) -> None:
    with pytest.raises(UserError) as exc:
        ledger.indicators.record("专栏2-3", "2021年", 260)
    assert str(exc.value) == (
        "period '2021年' is not understood; write a year (2021), 2021H1, 2021Q3 or 2021-09"
    )
    assert say(exc.value, "zh") == "无法识别期间 '2021年'；请写作年度（2021）、2021H1、2021Q3 或 2021-09"
