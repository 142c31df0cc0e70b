"""A 台账 sheet is read as a stream within limits that are settings (issue 17): more rows or MB than
import_max_rows / import_max_mb is refused in one line naming the setting, in both languages; a workbook
made to blow up (a zip bomb of shared strings, a million empty rows) is refused or read in bounded memory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from benchmarks.ledger_import import empty_rows_xlsx, huge_strings_xlsx, measured
from tasktrack.config import Settings, load_settings
from tasktrack.errors import UserError, say
from tasktrack.importers.ledger_sheet import SheetLimits, read_ledger_sheet
from tasktrack.services.ledger import Ledger
from tests.test_ledger_import import snapshot, write_csv, write_xlsx

ROOT = Path(__file__).resolve().parents[1]


def settings_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("TASKTRACK_CONFIG", str(path))
    return path


def test_the_limits_are_settings_shown_by_config_show(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert (Settings().import_max_rows, Settings().import_max_mb) == (50_000, 20)
    settings_file(tmp_path, monkeypatch, "import_max_rows = 3\nimport_max_mb = 7\n")
    r = cli("config", "show")
    assert r.code == 0, r.err
    assert any(line.split()[:2] == ["import_max_rows", "3"] for line in r.out.splitlines()), r.out
    assert any(line.split()[:2] == ["import_max_mb", "7"] for line in r.out.splitlines()), r.out
    path = settings_file(tmp_path, monkeypatch, "import_max_rows = 0\n")
    with pytest.raises(UserError, match="import_max_rows must be at least 1"):
        load_settings(path)


def test_more_rows_than_the_setting_is_refused_naming_it_and_nothing_is_written(
    cli: Any, demo_ledger: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [["编号", "状态"], *([f"kaizhou-7p:1-M{n}", "推进中"] for n in range(1, 5))]
    sheet = write_csv(tmp_path / "t.csv", [*rows[:3], [], [], [], *rows[3:]])  # blank lines do not count
    assert "empty rows" in _error(lambda: read_ledger_sheet(sheet, SheetLimits(max_rows=2, lang="en")))
    settings_file(tmp_path, monkeypatch, "import_max_rows = 3\n")
    before = snapshot(demo_ledger)
    r = cli("import", "ledger", str(sheet))
    assert r.code != 0
    assert r.err.count("\n") == 1 and "Traceback" not in r.err, r.err
    assert "超过 3 行" in r.err and "import_max_rows" in r.err, r.err
    r = cli("--lang", "en", "import", "ledger", str(sheet))
    assert "more than 3 rows (setting import_max_rows)" in r.err and "raise import_max_rows" in r.err, r.err
    assert snapshot(demo_ledger) == before
    settings_file(tmp_path, monkeypatch, "import_max_rows = 4\n")
    r = cli("import", "ledger", str(sheet), "--dry-run")
    assert r.code == 0, r.err


def test_a_file_larger_than_the_setting_is_refused_naming_it(tmp_path: Path) -> None:
    big = write_csv(tmp_path / "big.csv", [["编号", "进展情况"], *(["1-M1", "进" * 400] for _ in range(1000))])
    assert 1_000_000 < big.stat().st_size < 2_000_000
    with pytest.raises(UserError, match=r"big\.csv is 1\.2 MB, more than the 1 MB .*raise import_max_mb") as big_file:
        read_ledger_sheet(big, SheetLimits(max_mb=1))
    assert say(big_file.value, "zh").startswith("big.csv 有 1.2 MB，超过台账文件的上限 1 MB（设置项 import_max_mb）")
    assert len(read_ledger_sheet(big, SheetLimits(max_mb=2)).errors) == 999  # read: 1-M1 is on 999 rows more


def test_rows_past_the_declared_dimension_are_read(tmp_path: Path) -> None:
    """openpyxl's read-only mode stops where the sheet says it ends; the reader reads every row there is."""
    path = write_xlsx(tmp_path / "t.xlsx", [["编号", "状态"], ["1-M1", "推进中"], ["1-M2", "已完成"]])
    import zipfile

    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    assert b'<dimension ref="A1:B3"/>' in sheet
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(b'<dimension ref="A1:B3"/>', b'<dimension ref="A1:B2"/>')
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    assert [r.code for r in read_ledger_sheet(path).rows] == ["1-M1", "1-M2"]


def _error(call: Any) -> str:
    with pytest.raises(UserError) as exc:
        call()
    return str(exc.value)


def _import_in_a_process(db: Path, sheet: Path, *args: str) -> tuple[int, float, float, str]:
    env = {k: v for k, v in os.environ.items() if k != "TASKTRACK_DB"}
    env.update(TASKTRACK_CONFIG=os.devnull, PYTHONPATH=str(ROOT), LANG="C.UTF-8")
    cmd = [sys.executable, "-m", "tasktrack", "--db", str(db), *args, "import", "ledger", str(sheet), "--dry-run"]
    return measured(cmd, env)


@pytest.fixture
def blank_db(tmp_path: Path) -> Path:
    db = tmp_path / "l.db"
    env = {**os.environ, "TASKTRACK_CONFIG": os.devnull}
    subprocess.run([sys.executable, "-m", "tasktrack", "--db", str(db), "db", "upgrade"], env=env, check=True,
                   capture_output=True)  # fmt: skip
    return db


@pytest.mark.sqlite_only
def test_a_zip_bomb_of_shared_strings_is_refused_before_it_is_unpacked(tmp_path: Path, blank_db: Path) -> None:
    """Issue 17: a 1.5 MB .xlsx drove the import to 3.1 GB. It unpacks to 650 MB (5.8 GB of RSS before): refused, in little memory."""
    bomb = huge_strings_xlsx(tmp_path / "bomb.xlsx")
    assert bomb.stat().st_size < 2_000_000
    code, _, rss, last = _import_in_a_process(blank_db, bomb)
    assert code == 2, last  # a user error
    assert last.startswith("tasktrack: error: bomb.xlsx 解压后有 650.1 MB，超过 200 MB（设置项 import_max_mb") and "调高 import_max_mb" in last, last
    assert rss < 200, f"peak RSS {rss:.0f} MiB"
    code, _, _, last = _import_in_a_process(blank_db, bomb, "--lang", "en")
    assert "unpacks to" in last and "(10× the setting import_max_mb)" in last, last


@pytest.mark.slow
@pytest.mark.sqlite_only
def test_a_sheet_of_a_million_empty_rows_is_refused_in_bounded_memory(tmp_path: Path, blank_db: Path) -> None:
    """openpyxl keeps every <row> it has read, even empty: more empty rows than import_max_rows are refused
    (never skipped: a row after them would be lost), after reading no more than that."""
    sheet = empty_rows_xlsx(tmp_path / "empty.xlsx")
    code, _, rss, last = _import_in_a_process(blank_db, sheet)
    assert code == 2, last
    assert last == (
        "tasktrack: error: empty.xlsx 中的空行超过 50000 行（设置项 import_max_rows），未导入任何内容；"
        "请删除空行后重新保存，或在设置文件中调高 import_max_rows"
    )
    assert rss < 200, f"peak RSS {rss:.0f} MiB"
    few = empty_rows_xlsx(tmp_path / "few.xlsx", rows=40_000)  # under the limit: read to the end
    code, _, rss, last = _import_in_a_process(blank_db, few)
    assert code != 0 and "没有节点 '1-M1'" in last, last
    assert rss < 200, f"peak RSS {rss:.0f} MiB"
