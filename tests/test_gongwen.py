"""The circular as a 公文 (GB/T 9704-2012): PDF and .docx carry masthead, 文号, red line, 主送, title, body,
署名, 成文日期, 附件, 抄送/印发; PDF refuses without a CJK font; the annex pages in linear time."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import pytest

from tasktrack.reports.model import Document, Heading, Table
from tests.test_report_weekly import weekly

PDFTOTEXT = shutil.which("pdftotext")
needs_poppler = pytest.mark.skipif(PDFTOTEXT is None or shutil.which("pdftoppm") is None, reason="needs poppler-utils")
SETTINGS = """
coordinator_name = "开州区科技局"
masthead = "开州区科学技术局文件"
doc_no_format = "开州科技办〔{year}〕{n}号"
main_to = ["各镇乡人民政府（街道办事处）", "区级有关部门"]
cc = ["区委办公室", "区政府办公室"]
printer = "开州区科学技术局办公室"
"""
PROGRAMMES = ("科技企业成长工程", "科技创新平台提升工程", "科技成果转化攻坚工程", "科技协同创新工程",
              "科技人才引育工程", "科技创新政策扶持工程", "科技创新氛围优化工程")  # fmt: skip
CODE = re.compile(r"(?<![\w-])(?:\d+|[一二三四五六七八九十]+)-M\d+")  # internal milestone codes: 1-M2, 三-M1


@pytest.fixture
def settings_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(SETTINGS, encoding="utf-8")
    monkeypatch.setenv("TASKTRACK_CONFIG", str(path))
    return path


def _weekly(cli, out: Path, *extra: str):  # type: ignore[no-untyped-def]
    return cli("--as-of", "2022-01-10", "report", "weekly", "--plan", "kaizhou-7p", "--draft", "-o", str(out), *extra)


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run([PDFTOTEXT or "pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip
    return ["".join(p.split()) for p in text.split("\f") if p.strip()]


@needs_poppler
def test_pdf_has_the_parts_of_a_gongwen(cli, demo_ledger, settings_file, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "weekly.pdf"
    r = _weekly(cli, out)
    assert r.code == 0, r.err
    pages = _pages(out)
    first = pages[0]
    # 版头: masthead, then 文号; 主体: title, 主送 (with its colon), the body
    order = ["开州区科学技术局文件", "开州科技办〔2022〕1号", "科技创新“七大工程”行动方案落实情况通报",
             "各镇乡人民政府（街道办事处）、区级有关部门：", "一、总体情况"]  # fmt: skip
    positions = [first.find(part) for part in order]
    assert -1 not in positions and positions == sorted(positions), positions
    start = next(i for i, p in enumerate(pages) if p.startswith("附件重点任务推进台账"))
    body = "".join(pages[:start])  # the pages before the annex
    for name in PROGRAMMES:  # every one of the 七大工程 in the 分工程 table, with or without targets
        assert name in body, name
    sign = body.rindex("开州区科技局")
    assert body.index("附件：重点任务推进台账") < sign < body.index("2022年1月10日", sign)
    assert not CODE.search(body), CODE.search(body)
    assert "重点任务推进台账" in pages[start] and "牵头单位" in pages[start]
    last = pages[-1]
    assert "抄送：区委办公室，区政府办公室。" in last and "开州区科学技术局办公室" in last and "2022年1月10日印发" in last
    assert "—1—" in first and "—2—" in pages[1]
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "99", str(out)], capture_output=True, text=True).stdout
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)
    assert sizes[0] == ("595.28", "841.89")  # A4 portrait
    assert any(float(w) > float(h) for w, h in sizes)  # the annex in landscape


@needs_poppler
def test_pdf_masthead_and_line_are_red_and_the_margins_the_standards(cli, demo_ledger, settings_file, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PIL import Image

    out = tmp_path / "weekly.pdf"
    assert _weekly(cli, out).code == 0
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(out), str(tmp_path / "p")], check=True)
    img = Image.open(next(tmp_path.glob("p*.png"))).convert("RGB")
    mm = img.width / 210
    red = [(x, y) for y in range(img.height) for x in range(img.width) if _is_red(img.getpixel((x, y)))]
    assert red, "no red on the first page"
    ys = sorted(y for _, y in red)
    assert 37 + 35 - 2 <= ys[0] / mm <= 37 + 35 + 4  # masthead 35 mm under the 版心's top edge
    line = max(set(ys), key=ys.count)  # the separator line: the row with the most red
    xs = [x for x, y in red if y == line]
    assert abs(min(xs) / mm - 28) < 1.5 and abs(max(xs) / mm - 184) < 1.5  # as wide as the 版心 (28 + 156 mm)
    ink = [x for y in range(img.height) for x in range(img.width) if sum(img.getpixel((x, y))) < 300]
    assert min(ink) / mm > 27  # nothing in the 订口 margin


def _is_red(px: tuple[int, int, int]) -> bool:
    r, g, b = px
    return r > 150 and g < 100 and b < 110


def test_docx_has_the_parts_of_a_gongwen(cli, demo_ledger, settings_file, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    out = tmp_path / "weekly.docx"
    r = _weekly(cli, out)
    assert r.code == 0, r.err
    assert zipfile.is_zipfile(out)
    d = docx.Document(str(out))
    paras = [p for p in d.paragraphs if p.text.strip()]
    texts = [p.text for p in paras]
    masthead = paras[0]
    assert masthead.text == "开州区科学技术局文件" and masthead.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert str(masthead.runs[0].font.color.rgb) == "C8102E"
    assert texts[1] == "开州科技办〔2022〕1号"
    assert 'w:bottom w:val="single"' in paras[1]._p.xml and 'w:color="C8102E"' in paras[1]._p.xml  # red line
    assert texts[2] == "科技创新“七大工程”行动方案落实情况通报" and paras[2].runs[0].font.size.pt == 22
    assert 'w:eastAsia="方正小标宋简体"' in paras[2].runs[0]._r.xml
    assert "各镇乡人民政府（街道办事处）、区级有关部门：" in texts
    body = next(p for p in paras if p.text.startswith("现将截至"))
    assert body.runs[0].font.size.pt == 16 and 'w:eastAsia="仿宋_GB2312"' in body.runs[0]._r.xml
    assert "附件：重点任务推进台账" in texts
    i = texts.index("开州区科技局")
    assert texts[i + 1] == "2022年1月10日" and paras[i + 1].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert not any(CODE.search(t) for t in texts), [t for t in texts if CODE.search(t)]
    assert texts[-2] == "抄送：区委办公室，区政府办公室。" and texts[-1] == "开州区科学技术局办公室\t2022年1月10日印发"
    main, annex, colophon = d.sections
    mm = [round(x.mm) for x in (main.top_margin, main.left_margin, main.page_width, main.page_height)]
    assert mm == [37, 28, 210, 297]  # 天头 37 mm, 订口 28 mm, A4
    assert round(main.page_width.mm - main.left_margin.mm - main.right_margin.mm) == 156  # the width of the 版心
    assert 'w:linePitch="579"' in main._sectPr.xml  # 22 lines in the 225 mm 版心
    assert annex.orientation == WD_ORIENT.LANDSCAPE and 'w:val="bottom"' in colophon._sectPr.xml
    programmes, ledger = d.tables[0], d.tables[-1]
    assert [c.text for c in programmes.column_cells(1)][1:8] == [f"{n} {p}" for n, p in enumerate(PROGRAMMES, 1)]
    assert "<w:tblHeader/>" in ledger.rows[0]._tr.xml and ledger.rows[0].cells[4].text == "牵头单位"
    assert len(d.inline_shapes) == 1  # the chart of progress by programme
    assert "PAGE" in main.footer._element.xml and "PAGE" in main.even_page_footer._element.xml
    # Word refuses elements out of the schema's order: pBdr before spacing and jc, vAlign before docGrid
    ppr = paras[1]._p.pPr.xml
    assert ppr.index("<w:pBdr>") < ppr.index("<w:spacing") < ppr.index("<w:jc")
    sect = colophon._sectPr.xml
    assert sect.index("<w:pgMar") < sect.index("<w:vAlign") < sect.index("<w:docGrid")


def test_pdf_refuses_without_a_cjk_font(cli, demo_ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    empty = tmp_path / "no-fonts"
    empty.mkdir()
    monkeypatch.setenv("TASKTRACK_FONT_DIRS", str(empty))
    out = tmp_path / "weekly.pdf"
    r = _weekly(cli, out)
    assert r.code == 1
    assert len(r.err.strip().splitlines()) == 1 and "fonts-noto-cjk" in r.err and "Traceback" not in r.err
    assert str(empty) in r.err and not out.exists()


def test_font_dirs_setting_is_where_pdf_looks(cli, demo_ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    empty = tmp_path / "empty"
    empty.mkdir()
    config = tmp_path / "fonts.toml"
    config.write_text(f'font_dirs = ["{empty}"]\n', encoding="utf-8")
    monkeypatch.setenv("TASKTRACK_CONFIG", str(config))
    r = _weekly(cli, tmp_path / "w.pdf")
    assert r.code == 1 and "fonts-noto-cjk" in r.err
    config.write_text('cc = "区政府办公室"\n', encoding="utf-8")
    r = _weekly(cli, tmp_path / "w.pdf")
    assert r.code == 2 and "cc 应为文字列表" in r.err


def test_annex_lead_column_takes_at_most_two_lines(demo_ledger) -> None:
    from tasktrack.reports import gongwen as gw
    from tasktrack.reports.fonts import find_fonts, font_dirs
    from tasktrack.reports.render_pdf import LANDSCAPE, PageWriter

    try:
        fonts = find_fonts(font_dirs())
    except Exception:
        pytest.skip("no CJK font installed")
    _, doc = weekly(demo_ledger, plan="kaizhou-7p")
    table = doc.tables()[-1]
    assert table.key == "ledger"
    writer = PageWriter(doc, fonts)
    writer.new_page(landscape=True)
    one_em = gw.SIZE_ANNEX * gw.PT
    widths, fits = gw.column_widths(table, LANDSCAPE.width / one_em)
    assert fits and abs(sum(widths) * one_em - LANDSCAPE.width) < 0.5
    lead = table.headers.index("牵头单位")
    for row in table.rows:
        lines = writer.wrap(str(row[lead]), "song", gw.SIZE_ANNEX, widths[lead] * one_em - 1.2, hang=False)
        assert len(lines) <= 2, (row[lead], lines)


def _annex_doc(n: int) -> Document:
    row = ("1 科技企业成长工程", "1-3 2021年新增科技型企业50家、高新技术企业15家", "2021年新增科技型企业≥50家",
           "开州高新区管委会（示例）", "区经济信息委（示例）、区财政局（示例）", "2021年12月31日",
           "截至9月底，今年新增入库科技型企业38家，完成年度目标的76.0%", "部分企业申报材料不全", "加快推进", "批复文件", "逾期")  # fmt: skip
    rows = tuple((i, *row) for i in range(1, n + 1))
    heads = ("序号", "工程", "重点任务", "年度目标", "牵头单位", "配合单位", "完成时限", "进展情况", "存在问题",
             "下步打算", "佐证材料", "完成状态")  # fmt: skip
    table = Table("ledger", "台账", heads, rows, (3, 10, 14, 16, 9, 12, 9, 26, 20, 20, 16, 7), (True,), landscape=True)
    return Document("台账", blocks=(Heading("附件：重点任务推进台账", 0), table), meta={"as_of": "2022-01-10"})


@pytest.mark.slow
def test_a_5000_row_annex_pages_in_linear_time() -> None:
    from tasktrack.reports.render_pdf import to_pdf

    try:
        to_pdf(_annex_doc(10))
    except Exception:
        pytest.skip("no CJK font installed")

    def cost(n: int) -> float:
        start = time.process_time()
        pdf = to_pdf(_annex_doc(n))
        assert pdf.startswith(b"%PDF")
        return time.process_time() - start

    small, big = cost(500), cost(5000)
    assert big < 15 * small, (small, big)  # ten times the rows: quadratic layout would cost a hundredfold


def test_xlsx_circular_holds_numbers_shares_and_dates(cli, demo_ledger, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime

    from openpyxl import load_workbook

    out = tmp_path / "weekly.xlsx"
    assert _weekly(cli, out).code == 0
    wb = load_workbook(out)
    by = wb["（一）分工程推进情况"]
    assert [c.value for c in by[2]][:5] == ["序号", "工程", "合计", "已完成", "已完成占比"]
    first = [c for c in by[3]]
    assert first[1].value == "1 科技企业成长工程" and first[2].value == 4 and first[3].value == 1
    assert first[4].value == 0.25 and first[4].number_format == "0.0%"
    total = [c.value for c in by[by.max_row]]
    assert total[1] == "合计" and total[2] == 11 and total[3] == 3 and abs(total[4] - 0.273) < 1e-9
    annex = wb[wb.sheetnames[-1]]
    due = [c.value for c in annex[2]].index("完成时限")
    cell = annex.cell(3, due + 1)
    assert cell.value == datetime(2021, 12, 31) and cell.number_format == 'yyyy"年"m"月"d"日"'


def test_exported_ledger_offers_the_statuses_as_a_drop_down(cli, demo_ledger, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    out = tmp_path / "ledger.xlsx"
    r = cli("export", "ledger", "-o", str(out))
    assert r.code == 0, r.err
    ws = load_workbook(out).active
    status = [c.value for c in ws[1]].index("状态")
    letter = ws.cell(1, status + 1).column_letter
    (dv,) = ws.data_validations.dataValidation
    assert dv.type == "list" and dv.formula1 == '"未启动,推进中,已完成,受阻,已取消,已销号"'
    assert str(dv.sqref).startswith(f"{letter}2:{letter}") and dv.showErrorMessage
    assert ws.cell(2, status + 1).value in ("未启动", "推进中", "已完成", "受阻", "已取消", "已销号")


@needs_poppler
def test_signature_never_stands_on_a_page_of_its_own(cli, demo_ledger, settings_file, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "weekly.pdf"
    assert _weekly(cli, out).code == 0
    pages = _pages(out)
    page = next(p for p in pages if "附件：重点任务推进台账" in p)  # the 附件说明, right above the 署名
    note = page.index("附件：重点任务推进台账")
    assert page.index("开州区科技局", note) > note  # 署名 on the same page
    assert page.find("请各牵头单位", 0, note) >= 0 or page.find("注：", 0, note) >= 0  # with text above it


def test_one_plans_weekly_pdf_renders_in_under_three_seconds(demo_ledger) -> None:
    from tasktrack.reports.render import render

    _, doc = weekly(demo_ledger, plan="kaizhou-7p")
    try:
        render(doc, "pdf")  # the libraries imported once, as a command does
    except Exception:
        pytest.skip("no CJK font installed")
    start = time.process_time()
    pdf = render(doc, "pdf")
    assert isinstance(pdf, bytes) and pdf.startswith(b"%PDF")
    assert time.process_time() - start < 3.0  # CPU seconds: the machine's load does not count


def test_charts_drawn_ahead_in_a_child_are_the_charts_drawn_here(demo_ledger, monkeypatch: pytest.MonkeyPatch) -> None:
    """The PDF's chart is drawn on the other core while the fonts load (chart.drawn_ahead): the parent
    draws nothing itself, and the document is byte for byte the one drawn without the fork."""
    import os

    from tasktrack.reports import chart
    from tasktrack.reports.render import render

    _, doc = weekly(demo_ledger, plan="kaizhou-7p")
    try:
        alone = render(doc, "pdf")
    except Exception:
        pytest.skip("no CJK font installed")
    calls: list[int] = []
    drawn = chart.chart_png

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(os.getpid())
        return drawn(*args, **kwargs)

    monkeypatch.setattr(chart, "chart_png", counted)
    assert render(doc, "pdf") == alone
    assert calls == []  # (the child's calls are in the child's memory)
    monkeypatch.delattr(os, "fork")  # no fork: drawn here, when the page needs it, the same bytes
    assert render(doc, "pdf") == alone and calls == [os.getpid()]
