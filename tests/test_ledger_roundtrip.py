"""The 台账 round trip: a stale spreadsheet is refused (naming who changed the row and when) unless the person
overwrites it explicitly, --dry-run shows every field it would change, and the export shows the same progress
report as the circular's annex."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from tasktrack.services.ledger import Ledger


def test_export_and_annex_show_the_same_report_when_reports_are_filed_out_of_order(
    cli: Any, demo_ledger: Ledger, tmp_path: Path
) -> None:
    item = "kaizhou-7p:1-M3"
    demo_ledger.progress.add(item, unit=None, period="2021-12", progress="十二月进展", on_milestone=True)
    demo_ledger.progress.add(item, unit=None, period="2021-11", progress="十一月补报", on_milestone=True)
    out = tmp_path / "l.csv"
    assert cli("--as-of", "2022-01-10", "export", "ledger", "--plan", "kaizhou-7p", "-o", str(out)).code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert next(r for r in rows if r["编号"] == "1-M3")["进展情况"] == "十二月进展"
    annex = cli("--as-of", "2022-01-10", "report", "weekly", "--format", "md", "--draft").out
    assert "十二月进展" in annex and "十一月补报" not in annex
