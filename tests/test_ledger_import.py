"""`tasktrack import ledger`: an office's spreadsheet (台账) applied row by row, all or nothing, every error named."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tasktrack.errors import UserError
from tasktrack.importers.ledger_sheet import parse_grid, read_ledger_sheet
from tasktrack.importers.planfile import ImportErrors
from tasktrack.services.history import HistoryFilter
from tasktrack.services.ledger import Ledger
from tasktrack.services.ledger_import import LedgerSheetService
from tasktrack.services.views import jsonable

HEAD = ["编号", "状态", "实际", "完成时限", "牵头单位", "配合单位", "进展情况"]


def write_csv(path: Path, rows: list[list[Any]], encoding: str = "utf-8-sig") -> Path:
    buf = io.StringIO(newline="")
    csv.writer(buf).writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, rows: list[list[Any]]) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    wb.save(path)
    return path


def apply(ledger: Ledger, path: Path, **kw: Any) -> Any:
    return LedgerSheetService(ledger.ctx).apply(read_ledger_sheet(path), **kw)


def snapshot(ledger: Ledger) -> tuple[int, Any, Any, int]:
    """Everything an import may touch: the change log, milestones, owners, progress reports."""
    changes = ledger.history.list(HistoryFilter(limit=None))
    tasks = [(t.id, t.lead, t.co, t.version) for t in ledger.tasks.list()]
    return len(changes), jsonable(ledger.milestones.list()), tasks, len(ledger.progress.list(latest=False))


def export_csv(cli: Any, tmp_path: Path, *args: str) -> Path:
    out = tmp_path / "ledger.csv"
    r = cli("--as-of", "2022-01-10", "export", "ledger", *args, "-o", str(out))
    assert r.code == 0, r.err
    return out


# ---- export → edit → import ----------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_exported_ledger_imports_back_with_no_change(
    cli: Any, demo_ledger: Ledger, tmp_path: Path, suffix: str
) -> None:
    out = tmp_path / f"ledger{suffix}"
    assert cli("--as-of", "2022-01-10", "export", "ledger", "-o", str(out)).code == 0
    before = snapshot(demo_ledger)
    result = apply(demo_ledger, out)
    assert result.rows == 29 and result.changes == 0 and result.ignored == ()
    assert snapshot(demo_ledger) == before


def test_edited_cells_are_applied_in_one_command_with_the_row_as_reason(
    cli: Any, demo_ledger: Ledger, tmp_path: Path
) -> None:
    path = export_csv(cli, tmp_path, "--plan", "kaizhou-7p")
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    head = rows[0]
    row = next(r for r in rows if r[head.index("编号")] == "1-M2")
    row[head.index("实际")] = "15"
    row[head.index("状态")] = "已完成"
    row[head.index("完成时限")] = "2021年底"  # the same day written another way: no change
    write_csv(path, rows)
    n = rows.index(row) + 1
    result = apply(demo_ledger, path)
    m = demo_ledger.milestones.get("kaizhou-7p:1-M2")
    assert (m.actual, m.status, str(m.completed_on), str(m.due)) == (15, "done", "2022-01-10", "2021-12-31")
    assert result.milestones == 1 and result.changes == 3  # actual, status, completed_on
    changes = demo_ledger.history.list(HistoryFilter(milestone="kaizhou-7p:1-M2", limit=3))
    assert {c.command for c in changes} == {"import ledger ledger.csv"}
    assert len({c.command_id for c in changes}) == 1
    assert {c.reason for c in changes} == {f"ledger.csv row {n}"}


def test_units_and_progress_from_the_sheet(demo_ledger: Ledger, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "t.csv",
        [
            ["规划", *HEAD],
            [
                "kaizhou-7p",
                "1-M3",
                "",
                "",
                "",
                "区经济信息委",
                "区市场监管局、区统计局、区财政局",
                "已完成摸底",
            ],
            ["kaizhou-7p", "1-M4", "", "", "", "区经济信息委", "区财政局，区市场监管局,区统计局", ""],
        ],
    )
    result = apply(demo_ledger, path)
    m = demo_ledger.milestones.get("kaizhou-7p:1-M3")
    assert m.lead is not None and m.lead.label == "区经济信息委"
    # The co-unit 区经济信息委 became the lead; 区财政局 is still inherited from programme 1.
    assert {u.label for u in m.co} == {"区市场监管局", "区统计局", "区财政局"}
    assert demo_ledger.tasks.get("kaizhou-7p:1-4").lead.label == "区经济信息委"
    assert result.tasks == 1 and result.reports == 1
    (report,) = [r for r in demo_ledger.progress.list(latest=False) if r.milestone_code == "1-M3"]
    assert (report.progress, report.period, report.unit.label) == ("已完成摸底", "2022-01", "区经济信息委")
    again = apply(demo_ledger, path)  # the sheet now shows what is stored: nothing new
    assert (again.changes, again.reports) == (0, 0)


def test_a_co_unit_inherited_from_a_parent_task_is_not_removed_here(
    demo_ledger: Ledger, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "t.csv", [["编号", "配合单位"], ["kaizhou-7p:1-M3", "区经济信息委、区市场监管局"]]
    )
    before = snapshot(demo_ledger)
    with pytest.raises(ImportErrors, match="row 2, 配合单位: 区财政局 is a co-unit of a parent task"):
        apply(demo_ledger, path)
    assert snapshot(demo_ledger) == before


def test_progress_shows_in_the_weekly_annex(cli: Any, demo_ledger: Ledger, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "t.csv", [["编号", "进展情况"], ["kaizhou-7p:2-M3", "已摸排研发机构36家"]])
    demo_ledger.ctx.stated_on = date(2022, 1, 10)  # filed for that day: on the record as the ledger stood then
    apply(demo_ledger, path)
    r = cli("--as-of", "2022-01-10", "report", "weekly", "--format", "md", "--draft")
    assert "已摸排研发机构36家" in r.out


# ---- all or nothing, every error with its row and column ---------------------------------------------


def test_every_error_is_listed_with_row_and_column_and_nothing_is_written(
    demo_ledger: Ledger, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "bad.csv",
        [
            ["开州区科技创新台账（示例）"],  # a title row above the headers
            ["规划", *HEAD],
            [
                "kaizhou-7p",
                "1-M3",
                "推进中",
                "120",
                "",
                "",
                "",
                "有效的一行",
            ],  # valid, but must not be written
            ["kaizhou-7p", "1-M4", "完成了", "", "", "", "", ""],
            ["kaizhou-7p", "1-M99", "", "", "", "", "", ""],
            ["kaizhou-7p", "2-M5", "", "56家", "", "", "", ""],
            ["kaizhou-7p", "2-M2", "", "", "2021824", "区科委", "", ""],
            ["kaizhou-7p", "2-M3", "已销号", "", "", "", "", ""],
            ["kaizhou-7p", "2-M1", "", "3", "", "", "", ""],
            ["nope", "1-M1", "", "", "", "", "", ""],
        ],
    )
    before = snapshot(demo_ledger)
    with pytest.raises(ImportErrors) as caught:
        apply(demo_ledger, path)
    errors = caught.value.errors
    # Sorted by row: the sheet's own errors (4, 6) and the database's (5, 7, 8, 9, 10) together.
    assert [e.split(":")[0] for e in errors] == [
        "row 4, 状态",
        "row 5, 编号",
        "row 6, 实际",
        "row 7, 完成时限",
        "row 7, 牵头单位",
        "row 8, 状态",
        "row 9, 实际",
        "row 10, 规划",
    ]
    assert errors[0].startswith("row 4, 状态: unknown status '完成了'; use one of")
    assert errors[0].endswith("(or 未启动/推进中/已完成/受阻/已取消/已销号)")
    assert errors[1].startswith("row 5, 编号: no milestone '1-M99' in plan kaizhou-7p")
    assert errors[2] == "row 6, 实际: actual must be a number, not '56家'; write e.g. 56, -5 or 1.55"
    assert errors[3].startswith("row 7, 完成时限: due date:") and "2021824" in errors[3]
    assert errors[4].startswith("row 7, 牵头单位: no unit '区科委'")
    assert errors[5].startswith("row 8, 状态: milestone 2-M3 has no evidence")
    assert errors[6].startswith("row 9, 实际: milestone 2-M1 is an event")
    assert errors[7].startswith("row 10, 规划: no plan nope")
    assert str(caught.value).startswith("bad.csv: 8 errors, nothing loaded: row 4, 状态:")
    assert snapshot(demo_ledger) == before


def test_rows_of_one_task_must_agree_on_its_units(demo_ledger: Ledger, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "t.csv",
        [["编号", "牵头单位"], ["kaizhou-7p:1-M3", "区经济信息委"], ["kaizhou-7p:1-M4", "区科技局"]],
    )
    before = snapshot(demo_ledger)
    with pytest.raises(ImportErrors, match="row 3, 牵头单位: row 2 gives task 1-4 other units"):
        apply(demo_ledger, path)
    assert snapshot(demo_ledger) == before


def test_a_number_in_the_code_column_is_a_code_never_an_id(demo_ledger: Ledger, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "t.csv", [["编号", "状态"], ["3", "已取消"]])
    before = snapshot(demo_ledger)
    with pytest.raises(ImportErrors, match="row 2, 编号: no milestone '3'"):
        apply(demo_ledger, path)
    assert snapshot(demo_ledger) == before


def test_a_code_in_two_plans_needs_the_plan(ledger: Ledger, tmp_path: Path) -> None:
    ledger.milestones.add("kaizhou-14fyp:专栏9-1", "1-M1", "同号目标", 2021)
    path = write_csv(tmp_path / "t.csv", [["编号", "状态"], ["1-M1", "推进中"]])
    with pytest.raises(ImportErrors, match=r"1-M1 is in several plans \(.*\); give --plan"):
        apply(ledger, path)
    assert apply(ledger, path, plan="kaizhou-14fyp").milestones == 1
    assert ledger.milestones.get("kaizhou-7p:1-M1").status == "not_started"


def test_a_sheet_error_names_every_bad_cell_before_the_database_is_touched(tmp_path: Path) -> None:
    grid = [
        ["序号", "编号", "状态", "实际", "牵头单位", "备注", "编号"],
        [1, "1-M1", "done", "x", "甲、乙", "", ""],
        [2, "", "推进中", "", "", "", ""],
        [None, None, None, None, None, None, None],  # a blank line is skipped
        [3, "1-M1", "", "", "", "", ""],
    ]
    sheet = parse_grid(grid, "t.xlsx")
    assert [r.code for r in sheet.rows] == ["1-M1"]  # the row without a code and the repeated one are out
    with pytest.raises(ImportErrors) as caught:
        sheet.check()
    assert caught.value.errors == [
        "row 1, 编号: a second 编号 column; keep one",
        "row 2, 实际: actual must be a number, not 'x'; write e.g. 56, -5 or 1.55",
        "row 2, 牵头单位: one lead unit only, not 甲、乙; put the others under 配合单位",
        "row 3, 编号: empty; every row needs the milestone's code (e.g. 1-M1)",
        "row 5, 编号: 1-M1 is also on row 2; keep one row",
    ]


def test_headers_in_english_any_order_and_unknown_columns_reported() -> None:
    sheet = parse_grid(
        [
            ["Remarks", "Status", "Code", "Actual", "Co-units"],
            ["x", "in-progress", "1-M1", "1,234.5", "A, B"],
        ],
        "t.csv",
    )
    (row,) = sheet.rows
    assert (row.code, row.status, row.actual, row.co) == ("1-M1", "in_progress", 1234.5, ("A", "B"))
    assert sheet.ignored == ("Remarks",)


def test_a_dash_is_an_empty_cell_and_a_word_is_what_it_says() -> None:
    sheet = parse_grid([["编号", "实际", "状态", "进展情况", "存在问题"], ["1-M1", "—", "/", "-", "无"]], "t.csv")
    (row,) = sheet.rows
    assert (row.actual, row.status, row.progress, row.cleared) == (None, None, None, frozenset())
    assert row.problems == "无"  # 存在问题：无 is what an office writes, as it would with --problems 无


def _write(fmt: str, path: Path, rows: list[list[Any]]) -> Path:
    return write_csv(path.with_suffix(".csv"), rows) if fmt == "csv" else write_xlsx(path.with_suffix(".xlsx"), rows)


def _logged(ledger: Ledger, since: int) -> list[tuple[str, str, str | None, str | None]]:
    return [(c.entity, c.field, c.old, c.new) for c in ledger.history.list(HistoryFilter(limit=None))
            if c.id > since][::-1]  # fmt: skip


def _head(ledger: Ledger) -> int:
    return max(c.id for c in ledger.history.list(HistoryFilter(limit=None)))


@pytest.mark.parametrize("word", ["无", "none", "NONE", " 无 ", "ｎｏｎｅ"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_none_or_wu_in_a_cell_clears_as_on_the_cli(
    demo_ledger: Ledger, cli: Any, tmp_path: Path, fmt: str, word: str
) -> None:
    """The one rule of tasktrack.domain.numbers: the CLI's `milestone progress X 无` and a 实际 cell of 无
    both clear the actual value, with the same change-log rows; a 配合单位 cell of 无 leaves the task with
    no co-units of its own, 牵头单位 无 without its lead (as `task assign --clear-lead`)."""
    ledger = demo_ledger  # 三-2: its own lead 区科技局, its own co-units 区财政局 and 区统计局
    ledger.milestones.record_actual("kaizhou-7p:1-M1", 30)
    ledger.milestones.record_actual("kaizhou-7p:1-M2", 30)
    before = _head(ledger)
    r = cli("milestone", "progress", "kaizhou-7p:1-M2", word)
    assert r.code == 0, r.err
    by_cli = _logged(ledger, before)
    assert by_cli == [("milestone", "actual", "30", None)]
    before = _head(ledger)
    rows = [["编号", "实际", "牵头单位", "配合单位"], ["1-M1", word, "", ""], ["三-M1", "", word, word]]
    result = apply(ledger, _write(fmt, tmp_path / "台账", rows), plan="kaizhou-7p")
    assert ledger.milestones.get("kaizhou-7p:1-M1").actual is None
    task = ledger.tasks.get("kaizhou-7p:三-2")
    assert (task.lead, task.co) == (None, ())
    logged = _logged(ledger, before)
    assert logged[:1] == by_cli  # row 2: the same rows as the CLI's
    assert logged[1:] == [("task", "co", "区财政局", None), ("task", "co", "区统计局", None), ("task", "lead", "区科技局", None)]
    assert (result.milestones, result.tasks) == (1, 1)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_empty_cell_or_a_dash_changes_nothing_and_other_words_are_refused_as_on_the_cli(
    ledger: Ledger, cli: Any, tmp_path: Path, fmt: str
) -> None:
    ledger.milestones.record_actual("kaizhou-7p:1-M1", 30)
    before = snapshot(ledger)
    apply(ledger, _write(fmt, tmp_path / "台账", [["编号", "实际", "配合单位"], ["1-M1", "", "—"], ["1-M2", "-", ""]]),
          plan="kaizhou-7p")  # fmt: skip
    assert snapshot(ledger) == before
    r = cli("--lang", "en", "milestone", "progress", "kaizhou-7p:1-M1", "暂无")  # compared with the import's English
    on_cli = r.err.removeprefix("tasktrack: error: ").rstrip("\n").replace("actual value", "actual")
    assert r.code == 2 and on_cli == "actual must be a number, not '暂无'; write e.g. 56, -5 or 1.55"
    with pytest.raises(ImportErrors) as exc:
        apply(ledger, _write(fmt, tmp_path / "台账2", [["编号", "实际"], ["1-M1", "暂无"]]), plan="kaizhou-7p")
    assert exc.value.errors == [f"row 2, 实际: {on_cli}"]
    assert snapshot(ledger) == before


def test_a_gb18030_csv_from_chinese_windows(demo_ledger: Ledger, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "gbk.csv", [["编号", "状态"], ["kaizhou-7p:1-M3", "推进中"]], encoding="gb18030"
    )
    assert apply(demo_ledger, path).milestones == 1
    assert demo_ledger.milestones.get("kaizhou-7p:1-M3").status == "in_progress"


def test_xlsx_values_dates_and_numbers(demo_ledger: Ledger, tmp_path: Path) -> None:
    from datetime import datetime

    path = write_xlsx(
        tmp_path / "t.xlsx",
        [
            ["台账"],
            [],
            ["编号", "完成时限", "实际", "状态"],
            ["kaizhou-7p:2-M5", datetime(2025, 6, 30), 101, "推进中"],
        ],
    )
    apply(demo_ledger, path)
    m = demo_ledger.milestones.get("kaizhou-7p:2-M5")
    assert (str(m.due), m.due_text, m.actual, m.status) == ("2025-06-30", None, 101, "in_progress")


def test_due_without_a_year_takes_the_milestones_year(demo_ledger: Ledger, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "t.csv", [["编号", "完成时限"], ["kaizhou-7p:1-M4", "8月底前"]])
    apply(demo_ledger, path)
    m = demo_ledger.milestones.get("kaizhou-7p:1-M4")
    assert (str(m.due), m.due_text) == ("2025-08-31", "8月底前")


def test_dry_run_checks_everything_and_writes_nothing(demo_ledger: Ledger, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "t.csv", [["编号", "状态", "实际"], ["kaizhou-7p:1-M3", "推进中", "300"]])
    before = snapshot(demo_ledger)
    result = apply(demo_ledger, path, dry_run=True)
    assert (result.dry_run, result.milestones, result.changes) == (True, 1, 2)
    assert snapshot(demo_ledger) == before


def test_files_that_are_not_ledgers(tmp_path: Path) -> None:
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(UserError, match=r"not \.xls; save it as \.xlsx"):
        read_ledger_sheet(tmp_path / "old.xls")
    (tmp_path / "fake.xlsx").write_bytes(b"PK not really a zip")
    with pytest.raises(UserError, match=r"not an \.xlsx workbook"):
        read_ledger_sheet(tmp_path / "fake.xlsx")
    (tmp_path / "bin.csv").write_bytes(b"\xff\xfe\x00\x81\xff")
    with pytest.raises(UserError, match="neither UTF-8 nor GB18030"):
        read_ledger_sheet(tmp_path / "bin.csv")
    write_csv(tmp_path / "nohead.csv", [["a", "b"], ["1", "2"]])
    with pytest.raises(UserError, match="no header row with 编号"):
        read_ledger_sheet(tmp_path / "nohead.csv")


# ---- the command -----------------------------------------------------------------------------------------


def test_cli_one_line_error_with_count_and_verbose_lists_all(
    cli: Any, demo_ledger: Ledger, tmp_path: Path
) -> None:
    rows = [["编号", "状态"]] + [[f"kaizhou-7p:X-{i}", "推进中"] for i in range(7)]
    path = write_csv(tmp_path / "bad.csv", rows)
    r = cli("import", "ledger", str(path))
    assert r.code == 2 and r.out == ""
    (line,) = r.err.splitlines()
    assert line.startswith(
        "tasktrack: error: bad.csv：7 处错误，未载入任何内容：第 2 行，编号：规划 kaizhou-7p 中没有节点 'X-0'；"
    )
    assert line.endswith("另有 2 处")
    r = cli("import", "ledger", str(path), "--verbose")
    lines = r.err.splitlines()
    assert len(lines) == 8 and lines[6].startswith("第 8 行，编号：规划 kaizhou-7p 中没有节点 'X-6'")
    r = cli("--lang", "en", "import", "ledger", str(path), "--verbose")
    lines = r.err.splitlines()
    assert lines[0] == "row 2, 编号: no milestone 'X-0' in plan kaizhou-7p; see 'tasktrack milestone list'"
    assert lines[7].startswith("tasktrack: error: bad.csv: 7 errors, nothing loaded: row 2, 编号: no milestone")
    assert lines[7].endswith("; and 2 more")


def test_cli_import_reports_what_changed(cli: Any, demo_ledger: Ledger, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "t.csv", [["编号", "状态", "备注"], ["kaizhou-7p:1-M3", "推进中", "x"]])
    r = cli("--as-of", "2022-01-10", "import", "ledger", str(path), "--dry-run")
    assert r.code == 0 and "试运行，未写入任何内容" in r.err and "节点 1 个" in r.err
    assert demo_ledger.milestones.get("kaizhou-7p:1-M3").status == "not_started"
    r = cli("--as-of", "2022-01-10", "import", "ledger", str(path))
    assert r.code == 0 and "已导入 t.csv，1 行" in r.err and "未使用的列：备注" in r.err
    assert demo_ledger.milestones.get("kaizhou-7p:1-M3").status == "in_progress"


def test_none_in_the_lead_cell_does_not_clear_a_lead_inherited_from_a_parent_task(
    demo_ledger: Ledger, tmp_path: Path
) -> None:
    demo_ledger.tasks.assign("kaizhou-7p:三-2", clear_lead=True)
    demo_ledger.tasks.assign("kaizhou-7p:三", lead="区科技局")  # 三-2 now inherits its lead
    before = snapshot(demo_ledger)
    path = write_csv(tmp_path / "t.csv", [["编号", "牵头单位"], ["kaizhou-7p:三-M1", "无"]])
    with pytest.raises(ImportErrors, match="row 2, 牵头单位: 区科技局 is the lead unit of a parent task"):
        apply(demo_ledger, path)
    assert snapshot(demo_ledger) == before
