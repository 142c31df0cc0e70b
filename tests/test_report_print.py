"""Printed output: the PDF carries the Chinese text (pdftotext), the HTML's print stylesheet, the indicator annex."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tasktrack.reports.indicator_doc import indicators_document
from tasktrack.reports.render import render
from tests.conftest import AS_OF
from tests.test_report_weekly import snapshot, weekly


def test_html_prints_on_a4_with_a_landscape_annex_and_repeated_headers(demo_ledger) -> None:
    html = render(weekly(demo_ledger)[1], "html")
    assert isinstance(html, str)
    assert "size: A4 portrait" in html and "@page annex { size: A4 landscape" in html
    assert "section.annex { page: annex" in html and "thead { display: table-header-group" in html
    assert html.count("<thead>") == len(weekly(demo_ledger)[1].tables())
    assert '<section class="annex"><h2>附件：重点任务推进台账</h2>' in html
    assert 'lang="zh-CN"' in html and "Noto Serif CJK SC" in html


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")
def test_pdf_contains_the_chinese_task_names(cli, demo_ledger, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "weekly.pdf"
    r = cli("--as-of", "2022-01-10", "report", "weekly", "--plan", "kaizhou-7p", "-o", str(out))
    assert r.code == 0, r.err
    assert out.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    compact = "".join(text.split())
    for words in (
        "落实情况通报",
        "第1期",
        "截至2022年1月10日",
        "开州府办发〔2021〕63号",
        "一、总体情况",
        "逾期未完成事项4项",
        "区科技局（示例）牵头4项",
        "新增高新技术企业",
        "附件：重点任务推进台账",
        "服务中心",  # (the annex's 重点任务 column wraps 进一步优化科技创新服务中心功能 over lines)
        "科技服务机构",
    ):
        assert words in compact, words
    assert "\ufffd" not in text and "□" not in text


def test_indicator_annex_layout(demo_ledger) -> None:
    doc = indicators_document(demo_ledger, AS_OF)
    table = doc.tables()[0]
    assert table.headers == (
        "序号",
        "指标名称",
        "单位",
        "属性",
        "2020年基期",
        "2021年",
        "2022年",
        "2023年",
        "2024年",
        "2025年",
        "2025年目标",
    )
    rows = {r[1]: r for r in table.rows}
    assert rows["科技型企业"][4:] == ("【204】", "【256】", "", "", "", "", "【500】")
    assert rows["万人发明专利拥有量"][4:6] == ("1.05", "1.18") and rows["研究经费投入强度"][3] == "预期性"
    text = render(doc, "text")
    assert "注：【】内为累计数。" in text and "开州府办发〔2021〕61号" in text
    snapshot("indicators.text", text)
    snapshot("indicators.md", render(doc, "md"))  # type: ignore[arg-type]
    early = indicators_document(demo_ledger, AS_OF.replace(year=2021))  # 2021 not over: no 2021 reading
    assert {r[1]: r for r in early.tables()[0].rows}["科技型企业"][5] == ""


def test_cli_indicators_json_and_xlsx(cli, demo_ledger, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    r = cli("--as-of", "2022-01-10", "report", "indicators", "--format", "json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    first = data["indicators"][2]
    assert first["name"] == "科技型企业" and first["readings"] == {"2021": 256.0} and first["cumulative"]
    out = tmp_path / "ind.xlsx"
    assert cli("--as-of", "2022-01-10", "report", "indicators", "-o", str(out)).code == 0
    ws = load_workbook(out).worksheets[1]
    assert ws["B2"].value == "指标名称" and ws["E5"].value == "【204】" and ws["F5"].value == "【256】"
