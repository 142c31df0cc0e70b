"""`export ledger` under --as-of: the sheet is the ledger as it is now (it is filled in and imported back;
rows as they stood would write the past over what changed since), judged on that day, and it says so."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from tasktrack.services.ledger import Ledger


@pytest.mark.parametrize(
    ("lang", "words"),
    [("zh", "导出的是当前台账"), ("en", "writes the ledger as it is now")],
)
def test_export_under_as_of_is_of_the_ledger_now_and_says_so(
    cli: Any, demo_ledger: Ledger, tmp_path: Path, lang: str, words: str
) -> None:
    out = tmp_path / "l.csv"
    r = cli(
        "--lang", lang, "--as-of", "2021-10-15", "export", "ledger", "--plan", "kaizhou-7p", "-o", str(out)
    )
    assert r.code == 0, r.err
    assert words in r.err and "2021-10-15" in r.err and "milestone list" in r.err
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    status = next(v for k, v in rows[0].items() if k in ("状态", "Status"))
    assert status  # a sheet of rows, as always
    one = next(r for r in rows if "1-M1" in r.values())
    assert ("已完成" if lang == "zh" else "done") in one.values()  # today's row: completed 2021-12-20


def test_export_without_as_of_says_nothing(cli: Any, demo_ledger: Ledger, tmp_path: Path) -> None:
    r = cli("export", "ledger", "--plan", "kaizhou-7p", "-o", str(tmp_path / "l.csv"))
    assert r.code == 0 and "导出的是当前台账" not in r.err
