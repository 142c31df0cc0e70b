"""The weekly circular: one build, every format; snapshots on the seed as of 2022-01-10; issue numbering."""

from __future__ import annotations

import io
import json
import os
import re
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tasktrack.models import Change, ReportIssue
from tasktrack.reports.render import render
from tasktrack.reports.weekly import build
from tasktrack.reports.weekly_doc import document
from tasktrack.services.circulars import CircularService
from tests.conftest import AS_OF

SNAPSHOTS = Path(__file__).parent / "snapshots_reports"
OVERDUE_2021 = ("专栏9-1-M-2021", "专栏9-2-M-2021", "1-M2", "2-M3", "2-M4", "三-M1")


CHAIN_HASH = re.compile(r"\b[0-9a-f]{64}\b")


def snapshot(name: str, text: str) -> None:
    """Compare with tests/snapshots_reports/NAME; UPDATE_SNAPSHOTS=1 rewrites it (review the diff).
    The change log's chain head is shown as <chain head>: it hashes the times the seeds were loaded at."""
    text = CHAIN_HASH.sub("<chain head>", text)
    path = SNAPSHOTS / name
    if os.environ.get("UPDATE_SNAPSHOTS") or not path.exists():
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} changed; UPDATE_SNAPSHOTS=1 after review"


def weekly(ledger, as_of: date = AS_OF, **scope):  # type: ignore[no-untyped-def]
    svc = CircularService(ledger.ctx)
    issue = svc.issue(svc.scope(scope.get("plan"), scope.get("unit")), as_of)
    report = build(ledger, issue, **scope)
    return report, document(report, ledger.ctx.lang)


def change_count(ledger) -> int:  # type: ignore[no-untyped-def]
    with ledger.ctx.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(Change)).scalar_one()


@pytest.mark.parametrize("fmt", ["text", "md", "html", "json"])
def test_snapshots_of_the_seed_as_of_2022_01_10(demo_ledger, fmt: str) -> None:
    report, doc = weekly(demo_ledger)
    out = render(doc, fmt, data=report)
    assert isinstance(out, str)
    snapshot(f"weekly.{fmt}", out)
    report2, doc2 = weekly(demo_ledger)
    assert render(doc2, fmt, data=report2) == out  # identical for the same database and date


def test_text_names_overdue_2021_items_with_their_lead_unit(demo_ledger) -> None:
    report, doc = weekly(demo_ledger)
    text = render(doc, "text")
    assert "第1期" in text and "截至2022年1月10日" in text and "开州府办发〔2021〕63号" in text
    section = text.split("（一）逾期未完成事项6项")[1].split("（二）")[0]
    assert "区科技局（示例）牵头6项" in section
    for item in (i for g in report.overdue for i in g.items):  # named by their targets; codes stay internal
        assert item.target in section and item.code not in section
    assert [i.code for g in report.overdue for i in g.items] == list(OVERDUE_2021)
    assert "逾期6项，占20.7%" in text and "已完成3项，占10.3%" in text


def test_unassigned_items_are_named_as_such(ledger) -> None:
    report, doc = weekly(ledger)  # no demo layer: nobody owns anything
    assert [g.unit for g in report.overdue] == ["未明确"]
    first = report.overdue[0].items[0]
    assert first.code == "专栏9-1-M-2021"
    assert f"未明确牵头单位9项：{first.target}（" in render(doc, "text")  # without the demo, none done
    assert "示例" not in render(doc, "text")


def test_ledger_annex_has_the_conventional_columns_and_latest_progress(demo_ledger) -> None:
    report, doc = weekly(demo_ledger)
    annex = doc.tables()[-1]
    assert annex.landscape and annex.headers == (
        "序号",
        "工程",
        "重点任务",
        "年度目标",
        "牵头单位",
        "配合单位",
        "完成时限",
        "进展情况",
        "存在问题",
        "下步打算",
        "佐证材料",
        "完成状态",
    )
    row = next(r for r in report.ledger if r.target == "2021年新增高新技术企业≥15家")
    assert row.lead == "区科技局（示例）" and row.status == "逾期（11家）"
    assert row.progress.startswith("截至11月底") and row.problems and row.next_steps
    done = next(r for r in report.ledger if r.target == "2021年成功创建市级高新区")
    assert "渝府〔2021〕00号（示例）" in done.evidence


def test_changes_since_the_previous_issue_come_from_the_change_log(demo_ledger) -> None:
    svc = CircularService(demo_ledger.ctx)
    scope = svc.scope()
    first = svc.issue(scope, date(2022, 1, 3))
    svc.remember(first)
    demo_ledger.ctx.now = lambda: datetime(2022, 1, 6, 2, 0, tzinfo=UTC)
    demo_ledger.milestones.set_status("kaizhou-7p:2-M3", "in_progress", note="已启动")
    demo_ledger.milestones.record_actual("kaizhou-7p:2-M3", 12)
    demo_ledger.evidence.add("kaizhou-7p:2-M3", text="研发机构名单", doc_no="开州科技发〔2022〕1号")
    demo_ledger.indicators.record("专栏2-3", "2021", 256, replace=True)
    demo_ledger.ctx.now = lambda: datetime(2022, 1, 12, 2, 0, tzinfo=UTC)  # after the report date
    demo_ledger.milestones.set_status("kaizhou-7p:2-M4", "in_progress")
    second = svc.issue(scope, AS_OF)
    assert (second.issue_no, second.previous, second.since) == (2, date(2022, 1, 3), date(2022, 1, 4))
    report = build(demo_ledger, second)
    texts = [(c.item, c.text) for c in report.changes]
    assert ("2-M3 各类研发机构", "状态：未启动 → 推进中") in texts
    assert ("2-M3 各类研发机构", "实际完成：— → 12家") in texts
    assert ("2-M3 各类研发机构", "新增佐证材料：研发机构名单，开州科技发〔2022〕1号") in texts
    assert not any(item.startswith("2-M4") for item, _ in texts)  # logged after the as-of date
    text = render(document(report, "zh"), "text")
    assert "（二）本期进展（2022年1月4日至2022年1月10日）" in text and "2022年1月6日" in text


@pytest.mark.parametrize("plan", ["kaizhou-7p", "kaizhou-14fyp"])
def test_a_plans_changes_are_read_for_that_plan_and_are_the_same_lines(demo_ledger, plan: str) -> None:
    """With --plan, collect reads the plan's changes in SQL (issue 16) and makes the very lines the
    whole week's change log, filtered to the report's milestones, makes; other plans' changes are left out."""
    from tasktrack.reports import changes as change_log
    from tasktrack.reports.weekly import indicator_line
    from tasktrack.services.annex import evidence_notes
    from tasktrack.services.views import MilestoneFilter

    demo_ledger.ctx.now = lambda: datetime(2022, 1, 6, 2, 0, tzinfo=UTC)
    demo_ledger.milestones.set_status("kaizhou-7p:2-M3", "in_progress", note="已启动")
    demo_ledger.milestones.record_actual("kaizhou-7p:2-M3", 12)
    demo_ledger.evidence.add("kaizhou-7p:2-M3", text="研发机构名单", doc_no="开州科技发〔2022〕1号")
    demo_ledger.indicators.record("专栏2-3", "2021", 256, replace=True)
    for mine in (True, False):  # a change in this plan and one in another
        m = next(m for m in demo_ledger.milestones.list() if (m.plan == plan) is mine)
        demo_ledger.milestones.set_status(m.id, "blocked" if m.status != "blocked" else "in_progress")
    other = next(m for m in demo_ledger.milestones.list() if m.plan != plan)
    since, until = date(2022, 1, 4), AS_OF
    rows = demo_ledger.milestones.list(MilestoneFilter(plan=plan), until)
    evidence = evidence_notes(demo_ledger, plan)
    indicators = [indicator_line(v, until) for v in demo_ledger.indicators.list(plan, until)]
    whole = change_log.collect(demo_ledger, since, until, rows, evidence, indicators)
    fast = change_log.collect(demo_ledger, since, until, rows, evidence, indicators, plan=plan)
    assert fast == whole and whole
    assert not any(c.item.startswith(f"{other.code} ") and c.plan != plan for c in fast)


def test_issue_numbers_are_remembered_once_per_date(demo_ledger) -> None:
    svc = CircularService(demo_ledger.ctx)
    scope = svc.scope("kaizhou-7p")
    before = change_count(demo_ledger)
    issue = svc.issue(scope, AS_OF, issue_no=17)
    assert change_count(demo_ledger) == before  # deciding the number reads only
    svc.remember(issue)
    svc.remember(svc.issue(scope, AS_OF))  # the same date again: no second row
    with demo_ledger.ctx.engine.connect() as conn:
        rows = conn.execute(select(ReportIssue.issue_no, ReportIssue.as_of)).all()
    assert [tuple(r) for r in rows] == [(17, AS_OF)]
    assert svc.issue(scope, date(2022, 1, 17)).issue_no == 18
    assert svc.issue(scope, date(2022, 1, 17)).since == date(2022, 1, 11)
    assert svc.issue(svc.scope(), AS_OF).issue_no == 1  # another scope, another series
    from tasktrack.errors import UserError

    with pytest.raises(UserError, match="issued as number 17"):
        svc.issue(scope, AS_OF, issue_no=3)
    with pytest.raises(UserError, match="already issued as of 2022-01-10"):
        svc.issue(scope, date(2022, 1, 17), issue_no=17)


def test_user_text_is_never_markup_or_formula(demo_ledger) -> None:
    from openpyxl import load_workbook

    demo_ledger.tasks.edit("kaizhou-7p:2-4", {"title": "<b>粗</b> | *星* \x1b[31m"})
    demo_ledger.progress.add("kaizhou-7p:2-4", unit="区科技局", period="2021-12", progress='=HYPERLINK("x")')
    _report, doc = weekly(demo_ledger)
    doc = replace(doc, title="=1+1 通报")
    html = render(doc, "html")
    assert "&lt;b&gt;粗&lt;/b&gt;" in html and "<b>粗" not in html and "\x1b" not in html
    md = render(doc, "md")
    assert "\\<b\\>粗" in md and "\\| \\*星\\*" in md
    assert "␛[31m" in render(doc, "text")
    wb = load_workbook(io.BytesIO(render(doc, "xlsx")))  # type: ignore[arg-type]
    cells = [c for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    formula = [c for c in cells if c.value.startswith("=HYPERLINK")]
    assert formula and all(c.data_type == "s" for c in formula)
    assert wb.worksheets[0]["A1"].value == "=1+1 通报" and wb.worksheets[0]["A1"].data_type == "s"


def test_xlsx_is_set_up_for_printing(demo_ledger) -> None:
    from openpyxl import load_workbook

    _, doc = weekly(demo_ledger)
    wb = load_workbook(io.BytesIO(render(doc, "xlsx")))  # type: ignore[arg-type]
    annex = wb.worksheets[-1]
    assert annex.title == "附件：重点任务推进台账"
    assert annex.freeze_panes == "A3" and annex.print_title_rows == "$2:$2"
    assert annex.page_setup.orientation == "landscape" and annex.page_setup.fitToWidth == 1
    assert annex.sheet_properties.pageSetUpPr.fitToPage
    assert annex.column_dimensions["H"].width > annex.column_dimensions["A"].width
    assert annex["H3"].alignment.wrap_text
    heads = [c.value for c in annex[2]]
    assert heads[0] == "序号" and heads[-1] == "完成状态"
    values = [c.value for row in annex.iter_rows(min_row=3) for c in row]
    for code in ("2021年新增高新技术企业≥15家", "2021年科技服务机构≥40家"):
        assert code in values
    assert not any(isinstance(v, str) and v.startswith("=") for v in values)


def test_cli_weekly_formats_and_draft(cli, demo_ledger, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    before = change_count(demo_ledger)
    r = cli("--as-of", "2022-01-10", "report", "weekly", "--draft")
    assert r.code == 0, r.err
    assert r.out == render(weekly(demo_ledger)[1], "text")
    assert change_count(demo_ledger) == before  # --draft: reading writes nothing
    r = cli("report", "weekly", "--as-of", "2022-01-10", "--format", "json", "--plan", "kaizhou-7p")
    data = json.loads(r.out)
    assert data["issue_no"] == 1 and data["plans"][0]["doc_no"] == "开州府办发〔2021〕63号"
    assert change_count(demo_ledger) == before + 8  # remembered issue: one created row + 7 fields
    out = tmp_path / "w.md"
    r = cli("--as-of", "2022-01-10", "report", "weekly", "--plan", "kaizhou-7p", "-o", str(out))
    assert r.code == 0 and str(out) in r.err and r.out == ""
    assert "第1期" in out.read_text(encoding="utf-8")
    assert change_count(demo_ledger) == before + 8  # the same issue again: nothing new
    r = cli("--as-of", "2022-01-10", "report", "weekly", "--format", "doc")
    assert r.code == 2 and "--format must be one of" in r.err
    r = cli("--as-of", "2022-01-10", "report", "weekly", "--as-of", "2022-01-11")
    assert r.code == 2 and "given twice" in r.err
