"""The 台账 round trip: a stale spreadsheet is refused (naming who changed the row and when) unless the person
overwrites it explicitly, --dry-run shows every field it would change, and the export shows the same progress
report as the circular's annex."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tasktrack.errors import say
from tasktrack.importers.ledger_sheet import read_ledger_sheet
from tasktrack.importers.planfile import ImportErrors
from tasktrack.services.ledger import Ledger
from tasktrack.services.ledger_import import LedgerSheetService


def test_export_and_annex_show_the_same_report_when_reports_are_filed_out_of_order(
    cli: Any, demo_ledger: Ledger, tmp_path: Path
) -> None:
    item = "kaizhou-7p:1-M3"
    demo_ledger.ctx.stated_on = date(2022, 1, 10)  # filed for that day: on the record as the ledger stood then
    demo_ledger.progress.add(item, unit=None, period="2021-12", progress="十二月进展", on_milestone=True)
    demo_ledger.progress.add(item, unit=None, period="2021-11", progress="十一月补报", on_milestone=True)
    out = tmp_path / "l.csv"
    assert cli("--as-of", "2022-01-10", "export", "ledger", "--plan", "kaizhou-7p", "-o", str(out)).code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert next(r for r in rows if r["编号"] == "1-M3")["进展情况"] == "十二月进展"
    circular = cli("--as-of", "2022-01-10", "report", "weekly", "--format", "md", "--draft").out
    annex = circular.split("附件：重点任务推进台账")[-1]  # (本期进展 names both filings: both are this week's)
    assert "十二月进展" in annex and "十一月补报" not in annex


# ---- a stale spreadsheet ---------------------------------------------------------------------------------


def write_csv(path: Path, rows: list[list[Any]]) -> Path:
    buf = io.StringIO(newline="")
    csv.writer(buf).writerows(rows)
    path.write_bytes(buf.getvalue().encode("utf-8-sig"))
    return path


def newer_edit(tmp_path: Path) -> Path:
    """Someone else's sheet, made by hand: 2-M4's actual to 38, 三-M1 done."""
    return write_csv(
        tmp_path / "newer.csv",
        [
            ["规划", "编号", "实际", "状态"],
            ["kaizhou-7p", "2-M4", "38", ""],
            ["kaizhou-7p", "三-M1", "", "已完成"],
        ],
    )


def last_change(ledger: Ledger, code: str) -> Any:
    from tasktrack.services.history import HistoryFilter

    return ledger.history.list(HistoryFilter(milestone=f"kaizhou-7p:{code}", limit=1))[0]


def test_a_stale_xlsx_is_refused_naming_who_and_when_and_overwrite_applies_it(
    cli: Any, demo_ledger: Ledger, tmp_path: Path
) -> None:
    from tasktrack import present
    from tasktrack.services.history import HistoryFilter

    old = tmp_path / "old.xlsx"
    assert cli("--as-of", "2022-01-10", "export", "ledger", "--format", "xlsx", "-o", str(old)).code == 0
    exported = {c: demo_ledger.milestones.get(f"kaizhou-7p:{c}").version for c in ("2-M4", "三-M1")}
    r = cli("--as", "李四", "--as-of", "2022-01-10", "import", "ledger", str(newer_edit(tmp_path)))
    assert r.code == 0, r.err
    assert "2 行没有行版本" in r.err  # a sheet made by hand: applied, and said to be unchecked
    when = {code: present.stamp(last_change(demo_ledger, code).at) for code in ("2-M4", "三-M1")}
    logged = len(demo_ledger.history.list(HistoryFilter(limit=None)))

    r = cli("--as-of", "2022-01-10", "import", "ledger", str(old))
    assert r.code == 2 and r.out == ""
    (line,) = r.err.splitlines()
    assert line.startswith(
        "tasktrack: error: old.xlsx：2 处错误，未载入任何内容：第 27 行，行版本（勿改）：2-M4"
    )
    for code in ("2-M4", "三-M1"):
        assert f"{code} 在本表导出后已被 李四 于 {when[code]} 修改" in line
        assert f"--overwrite {code}" in line
    assert demo_ledger.milestones.get("kaizhou-7p:2-M4").actual == 38
    assert demo_ledger.milestones.get("kaizhou-7p:三-M1").status == "done"
    assert len(demo_ledger.history.list(HistoryFilter(limit=None))) == logged
    r = cli("--lang", "en", "import", "ledger", str(old), "--overwrite", "2-M4")
    assert r.code == 2 and "2-M4" not in r.err.split("nothing loaded:")[1]  # 2-M4 named: only 三-M1 left
    assert f"三-M1 was changed by 李四 at {when['三-M1']}, after this sheet was exported" in r.err
    assert demo_ledger.milestones.get("kaizhou-7p:2-M4").actual == 38

    r = cli(
        "--as",
        "王五",
        "--as-of",
        "2022-01-10",
        "import",
        "ledger",
        str(old),
        "--overwrite",
        "2-M4",
        "--overwrite",
        "kaizhou-7p:三-M1",
    )
    assert r.code == 0, r.err
    assert "已按本表覆盖导出后他人所作的修改：2-M4, 三-M1" in r.err
    m4, m1 = (demo_ledger.milestones.get(f"kaizhou-7p:{c}") for c in ("2-M4", "三-M1"))
    assert (m4.actual, m1.status) == (31, "not_started")  # what the older sheet said
    change = last_change(demo_ledger, "2-M4")
    assert (change.actor, change.field, change.old, change.new) == ("王五", "actual", "38", "31")
    assert change.reason == f"old.xlsx row 27, overwriting changes made since its version {exported['2-M4']}"
    assert last_change(demo_ledger, "三-M1").reason == (
        f"old.xlsx row 30, overwriting changes made since its version {exported['三-M1']}"
    )


def test_overwrite_stale_applies_every_stale_row_and_an_unknown_code_is_refused(
    cli: Any, demo_ledger: Ledger, tmp_path: Path
) -> None:
    old = tmp_path / "old.csv"
    assert cli("--as-of", "2022-01-10", "export", "ledger", "-o", str(old)).code == 0
    assert cli("--as", "李四", "import", "ledger", str(newer_edit(tmp_path))).code == 0
    r = cli("--lang", "en", "import", "ledger", str(old), "--overwrite", "9-M9")
    assert r.code == 2 and "--overwrite 9-M9: no row of old.csv has that code" in r.err
    r = cli("import", "ledger", str(old), "--overwrite", "2-M4", "--overwrite", "1-M1")  # 1-M1: not stale
    assert r.code == 2 and "三-M1" in r.err and "1-M1" not in r.err.replace("三-M1", "")
    r = cli("--as-of", "2022-01-10", "import", "ledger", str(old), "--overwrite-stale")
    assert r.code == 0, r.err
    assert demo_ledger.milestones.get("kaizhou-7p:2-M4").actual == 31
    assert "没有行版本" not in r.err  # an export carries its row versions


def test_a_stale_row_that_changes_nothing_passes(cli: Any, demo_ledger: Ledger, tmp_path: Path) -> None:
    old = tmp_path / "old.csv"
    assert cli("--as-of", "2022-01-10", "export", "ledger", "-o", str(old)).code == 0
    demo_ledger.milestones.edit(
        "kaizhou-7p:1-M3", {"note": "口径见61号文"}
    )  # a field the sheet does not carry
    r = cli("--as-of", "2022-01-10", "import", "ledger", str(old))
    assert r.code == 0 and "（修改 0 处）" in r.err, r.err


def test_a_bare_number_is_a_milestone_version(demo_ledger: Ledger, tmp_path: Path) -> None:
    demo_ledger.milestones.record_actual("kaizhou-7p:2-M4", 35)
    m = demo_ledger.milestones.get("kaizhou-7p:2-M4")
    rows = [["编号", "实际", "行版本"], ["kaizhou-7p:2-M4", "38", str(m.version - 1)]]
    with pytest.raises(ImportErrors, match=r"row 2, 行版本: 2-M4 was changed by tester at .*, after this sheet"):
        LedgerSheetService(demo_ledger.ctx).apply(read_ledger_sheet(write_csv(tmp_path / "t.csv", rows)))
    rows[1][2] = str(m.version)
    result = LedgerSheetService(demo_ledger.ctx).apply(read_ledger_sheet(write_csv(tmp_path / "t.csv", rows)))
    assert (result.changes, result.unversioned) == (1, 0)


def test_a_row_version_that_is_not_one_is_named(demo_ledger: Ledger, tmp_path: Path) -> None:
    from tasktrack.importers.ledger_sheet import read_ledger_sheet

    path = write_csv(
        tmp_path / "t.csv", [["编号", "实际", "行版本（勿改）"], ["kaizhou-7p:2-M4", "38", "v2"]]
    )
    sheet = read_ledger_sheet(path)
    assert [(row, str(error)) for row, error in sheet.errors] == [
        (2, "row 2, 行版本（勿改）: 'v2' is not a row version; copy the cell back from the exported sheet"),
    ]
    assert [say(error, "zh") for _, error in sheet.errors] == [
        "第 2 行，行版本（勿改）：'v2' 不是行版本；请从导出的表中把该格复制回来"
    ]


def test_the_xlsx_row_version_column_is_hidden_and_survives_a_spreadsheet_program(
    cli: Any, demo_ledger: Ledger, tmp_path: Path
) -> None:
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    from tasktrack.importers.ledger_sheet import COLUMNS

    out = tmp_path / "l.xlsx"
    assert cli("--as-of", "2022-01-10", "export", "ledger", "-o", str(out)).code == 0
    letter = get_column_letter(len(COLUMNS))
    wb = load_workbook(out)  # what a person's spreadsheet program does: open, edit a cell, save
    ws = wb.active
    assert ws[f"{letter}1"].value == "行版本（勿改）" and ws.column_dimensions[letter].hidden
    head = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2) if r[head.index("编号")].value == "2-M4")
    assert row[-1].value.startswith(f"m{demo_ledger.milestones.get('kaizhou-7p:2-M4').version} u")
    row[head.index("实际")].value = 33
    saved = tmp_path / "saved.xlsx"
    wb.save(saved)
    ws = load_workbook(saved).active
    assert ws.column_dimensions[letter].hidden and ws[f"{letter}1"].value == "行版本（勿改）"
    r = cli("--as-of", "2022-01-10", "import", "ledger", str(saved))
    assert r.code == 0 and "没有行版本" not in r.err, r.err
    assert demo_ledger.milestones.get("kaizhou-7p:2-M4").actual == 33
    assert cli("--as", "李四", "import", "ledger", str(newer_edit(tmp_path))).code == 0
    assert cli("import", "ledger", str(saved)).code == 2  # its versions still guard it


def test_a_stale_row_does_not_revert_units_assigned_since(
    cli: Any, demo_ledger: Ledger, tmp_path: Path
) -> None:
    from tasktrack import present
    from tasktrack.services.history import HistoryFilter

    old = tmp_path / "old.csv"
    assert cli("--as-of", "2022-01-10", "export", "ledger", "-o", str(old)).code == 0
    r = cli("--as", "张三", "task", "assign", "kaizhou-7p:2-4", "--lead", "区发展改革委")
    assert r.code == 0, r.err
    (change,) = demo_ledger.history.list(HistoryFilter(task="kaizhou-7p:2-4", limit=1))
    r = cli("--as-of", "2022-01-10", "import", "ledger", str(old))
    assert r.code == 2
    assert (
        f"第 26 行，牵头单位：2-M3 所属任务 2-4（或其上级任务）在本表导出后已被 张三 于 {present.stamp(change.at)} 修改"
        in r.err
    )
    assert "第 27 行，牵头单位：2-M4 所属任务 2-4" in r.err  # the other row of that task
    assert demo_ledger.tasks.get("kaizhou-7p:2-4").lead.label == "区发展改革委"
    r = cli("--as-of", "2022-01-10", "import", "ledger", str(old), "--overwrite", "2-M3")
    assert r.code == 0, r.err
    assert demo_ledger.tasks.get("kaizhou-7p:2-4").lead.label == "区科技局"
    change = demo_ledger.history.list(HistoryFilter(task="kaizhou-7p:2-4", limit=1))[0]
    assert change.reason == "old.csv row 26, overwriting unit changes made since the export"


def test_a_stale_row_does_not_refile_an_older_progress_report(
    cli: Any, demo_ledger: Ledger, tmp_path: Path
) -> None:
    from tasktrack import present

    old = tmp_path / "old.csv"
    assert cli("--as-of", "2022-01-10", "export", "ledger", "-o", str(old)).code == 0
    item = ("kaizhou-7p:2-M4", "--milestone", "--period", "2022-01")
    r = cli("--as", "李四", "--as-of", "2022-01-10", "progress", "add", *item, "--progress", "已认定36家")
    assert r.code == 0, r.err
    newest = demo_ledger.progress.list("kaizhou-7p:2-M4", on_milestone=True, latest=False)[-1]
    r = cli("--as-of", "2022-01-10", "import", "ledger", str(old))
    assert r.code == 2
    assert (
        f"第 27 行，进展情况：2-M4 在本表导出后有新的进展报送（李四，{present.stamp(newest.created_at)}）"
        in r.err
    )
    r = cli("--as-of", "2022-01-11", "export", "ledger", "-o", str(tmp_path / "new.csv"))
    rows = list(csv.DictReader(io.StringIO((tmp_path / "new.csv").read_text(encoding="utf-8-sig"))))
    assert next(r for r in rows if r["编号"] == "2-M4")["进展情况"] == "已认定36家"  # still the newest
    r = cli("--as-of", "2022-01-10", "import", "ledger", str(old), "--overwrite", "2-M4")
    assert r.code == 0 and "进展报送 1 条" in r.err, r.err


# ---- --dry-run shows what would change ----------------------------------------------------------------------


def test_dry_run_prints_each_field_old_to_new_aligned_and_writes_nothing(
    cli: Any, demo_ledger: Ledger, tmp_path: Path
) -> None:
    from tasktrack.domain.text import display_width
    from tasktrack.services.history import HistoryFilter

    path = write_csv(
        tmp_path / "t.csv",
        [
            ["规划", "编号", "实际", "状态", "进展情况", "牵头单位"],
            ["kaizhou-7p", "2-M4", "38", "", "", ""],
            ["kaizhou-7p", "三-M1", "", "已完成", "研发投入统计口径已核实", ""],
            ["kaizhou-7p", "1-M3", "", "", "", "区经济信息委"],
        ],
    )
    before = len(demo_ledger.history.list(HistoryFilter(limit=None)))
    r = cli("--as-of", "2022-01-10", "import", "ledger", str(path), "--dry-run")
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert lines[0].split() == ["行", "编号", "字段", "原值", "新值"]
    body = [line.split() for line in lines[2:]]
    assert ["2", "2-M4", "实际", "31", "→", "38"] in body
    assert ["3", "三-M1", "状态", "未启动", "→", "已完成"] in body
    assert ["3", "三-M1", "完成日期", "—", "→", "2022-01-10"] in body
    assert ["3", "三-M1", "进展情况", "—", "→", "研发投入统计口径已核实"] in body
    assert any(b[:3] == ["4", "1-M3", "牵头单位"] and b[-1] == "区经济信息委" for b in body)
    arrows = {display_width(line[: line.index("→")]) for line in lines[2:]}
    assert len(arrows) == 1  # one column, CJK counted two cells wide
    assert "试运行，未写入任何内容" in r.err
    assert len(demo_ledger.history.list(HistoryFilter(limit=None))) == before
    assert demo_ledger.milestones.get("kaizhou-7p:2-M4").actual == 31
    same = write_csv(tmp_path / "same.csv", [["编号", "实际"], ["kaizhou-7p:2-M4", "31"]])
    r = cli("--as-of", "2022-01-10", "import", "ledger", str(same), "--dry-run")
    assert r.code == 0 and r.out == "" and "没有需要更改的内容" in r.err
