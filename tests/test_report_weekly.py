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
from tests.conftest import AS_OF, BACKEND

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
    issue = svc.issue(svc.scope(scope.get("plan"), scope.get("unit")), as_of, preview=False)  # as it would go out
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
    for item in (i for g in report.overdue for i in g.items):
        assert item.target in section and item.code not in section  # the item's words, not its code
    assert [i.code for g in report.overdue for i in g.items] == list(OVERDUE_2021)
    assert "逾期6项，占20.7%" in text and "已完成3项，占10.3%" in text


def test_unassigned_items_are_named_as_such(ledger) -> None:
    report, doc = weekly(ledger)  # no demo layer: nobody owns anything
    assert [g.unit for g in report.overdue] == ["未明确"]
    assert "未明确牵头单位9项：2021年新增科技型企业≥50家" in render(doc, "text")  # without the demo, none done
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


def issue_it(ledger, as_of: date, fmt: str = "text", **scope):  # type: ignore[no-untyped-def]
    """Issue the circular as the CLI does: build, lay out, render, freeze; returns (issue, output)."""
    from tasktrack.reports.model import to_json
    from tasktrack.services.views import dumps

    svc = CircularService(ledger.ctx)
    issue = svc.issue(svc.scope(scope.get("plan"), scope.get("unit")), as_of, preview=False)
    report = build(ledger, issue, previous=svc.previous_figures(issue), **scope)
    doc = document(report, ledger.ctx.lang)
    out = render(doc, fmt, data=report)
    svc.freeze(issue, figures=dumps(report), document=to_json(doc), fmt=fmt, content=out)
    return issue, out


def test_changes_since_the_previous_issue_are_net_per_item_in_words(demo_ledger) -> None:
    svc = CircularService(demo_ledger.ctx)
    scope = svc.scope()
    issue_it(demo_ledger, date(2022, 1, 3))
    demo_ledger.ctx.now = lambda: datetime(2022, 1, 6, 2, 0, tzinfo=UTC)
    demo_ledger.milestones.set_status("kaizhou-7p:2-M3", "in_progress", note="已启动")
    demo_ledger.milestones.record_actual("kaizhou-7p:2-M3", 12)
    demo_ledger.milestones.record_actual("kaizhou-7p:2-M3", 31, note="首批认定")
    demo_ledger.evidence.add("kaizhou-7p:2-M3", text="研发机构名单", doc_no="开州科技发〔2022〕1号")
    demo_ledger.indicators.record("专栏2-3", "2021", 256, replace=True)
    demo_ledger.milestones.set_status("kaizhou-7p:2-M4", "in_progress", note="误操作")  # and back: cancels out
    demo_ledger.milestones.set_status("kaizhou-7p:2-M4", "blocked", note="改回")
    demo_ledger.ctx.now = lambda: datetime(2022, 1, 12, 2, 0, tzinfo=UTC)  # after the report date
    demo_ledger.milestones.set_status("kaizhou-7p:1-M2", "done", note="后补")
    second = svc.issue(scope, AS_OF)
    assert (second.issue_no, second.previous, second.since, second.preview) == (2, date(2022, 1, 3), date(2022, 1, 4), True)
    report = build(demo_ledger, second)
    lines = [(c.item, c.kind, c.text, c.unit) for c in report.changes]
    assert ("2021年各类研发机构≥40家", "milestone", "状态 未启动→推进中；实际 —→31家（首批认定）", "区科技局（示例）") in lines
    assert ("2021年各类研发机构≥40家", "evidence", "新增佐证材料研发机构名单，开州科技发〔2022〕1号", "区科技局（示例）") in lines
    assert not any(item == "2021年科技服务机构≥40家" for item, *_ in lines)  # blocked → in progress → blocked
    assert not any(item.startswith("2021年新增高新技术企业") for item, *_ in lines)  # logged after the as-of date
    text = render(document(report, "zh"), "text")
    assert "（二）本期进展（2022年1月4日至2022年1月10日）" in text
    assert "1．2021年各类研发机构≥40家（区科技局（示例））：状态 未启动→推进中；实际 —→31家（首批认定）。" in text
    assert "2-M3" not in text.split("附件")[0] and "tester" not in text and "root" not in text


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
    since, until = date(2022, 1, 4), AS_OF
    rows = demo_ledger.milestones.list(MilestoneFilter(plan=plan), until)
    evidence = evidence_notes(demo_ledger, plan)
    indicators = [indicator_line(v, until) for v in demo_ledger.indicators.list(plan, until)]
    whole = change_log.collect(demo_ledger, since, until, rows, evidence, indicators)
    fast = change_log.collect(demo_ledger, since, until, rows, evidence, indicators, plan=plan)
    assert fast == whole and whole
    assert not any(c.kind != "reading" and c.plan != plan for c in fast)  # the other plan's change is not read


def test_a_preview_takes_no_number_and_issues_are_numbered_in_date_order(demo_ledger) -> None:
    from tasktrack.errors import UserError

    svc = CircularService(demo_ledger.ctx)
    scope = svc.scope("kaizhou-7p")
    before = change_count(demo_ledger)
    preview = svc.issue(scope, AS_OF)
    report = build(demo_ledger, preview, plan="kaizhou-7p")
    assert "预览稿（未编号；发出时为第1期）" in render(document(report, "zh"), "text")
    assert svc.issue(scope, AS_OF).issue_no == 1 and change_count(demo_ledger) == before  # looking is free
    issue_it(demo_ledger, date(2022, 1, 17), plan="kaizhou-7p")
    assert change_count(demo_ledger) > before
    with pytest.raises(UserError, match="cannot follow number 1 as of 2022-01-17: issues are numbered in date order"):
        svc.issue(scope, date(2022, 1, 12), preview=False)
    with pytest.raises(UserError, match="issued already as number 1"):
        svc.issue(scope, date(2022, 1, 17), preview=False)
    assert svc.issue(scope, date(2022, 1, 24), preview=False).issue_no == 2
    assert svc.issue(scope, date(2022, 1, 24), preview=False).since == date(2022, 1, 18)
    assert svc.issue(svc.scope(), AS_OF, preview=False).issue_no == 1  # another scope, another series
    with pytest.raises(UserError, match="number 1 is taken already"):
        svc.issue(scope, date(2022, 1, 24), issue_no=1, preview=False)
    assert svc.issue(scope, date(2022, 1, 24), issue_no=17, preview=False).issue_no == 17  # a paper series


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


def test_cli_weekly_preview_writes_nothing_and_issue_freezes(cli, demo_ledger, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    before = change_count(demo_ledger)
    r = cli("--as-of", "2022-01-10", "report", "weekly")
    assert r.code == 0, r.err
    demo_ledger.ctx.as_it_stood = AS_OF  # what --as-of does to a read command
    svc = CircularService(demo_ledger.ctx)
    expected = render(document(build(demo_ledger, svc.issue(svc.scope(), AS_OF)), "zh"), "text")
    assert r.out == expected and "预览稿（未编号" in r.out
    assert change_count(demo_ledger) == before  # a preview reads only
    r = cli("report", "weekly", "--as-of", "2022-01-10", "--format", "json", "--plan", "kaizhou-7p", "--issue")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert data["issue_no"] == 1 and not data["preview"] and data["plans"][0]["doc_no"] == "开州府办发〔2021〕63号"
    assert change_count(demo_ledger) == before + 11  # the issue: its stated day, one created row + 9 fields
    assert "已发出第1期" in r.err
    out = tmp_path / "w.md"
    r = cli("--as-of", "2022-01-10", "report", "weekly", "--plan", "kaizhou-7p", "-o", str(out))
    assert r.code == 0 and str(out) in r.err and r.out == ""
    assert "预览稿" in out.read_text(encoding="utf-8")  # a preview of an issued date stays a preview
    r = cli("--as-of", "2022-01-10", "report", "weekly", "--plan", "kaizhou-7p", "--issue")
    assert r.code == 2 and "已印发，为第1期" in r.err
    assert change_count(demo_ledger) == before + 11
    r = cli("--as-of", "2022-01-10", "report", "weekly", "--format", "doc")
    assert r.code == 2 and "--format 只能是" in r.err
    r = cli("--as-of", "2022-01-10", "report", "weekly", "--as-of", "2022-01-11")
    assert r.code == 2 and "--as-of 给了两次" in r.err


def test_show_is_byte_identical_void_keeps_the_number_and_issues_compare(cli, demo_ledger, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = tmp_path / "1.md"
    r = cli("--as-of", "2022-01-03", "report", "weekly", "--issue", "-o", str(first))
    assert r.code == 0, r.err
    demo_ledger.ctx.now = lambda: datetime(2022, 1, 5, 2, 0, tzinfo=UTC)
    demo_ledger.milestones.set_status("kaizhou-7p:1-M2", "done", note="第三批认定结果公布")
    demo_ledger.milestones.record_actual("kaizhou-7p:1-M2", 16)
    r = cli("--as-of", "2022-01-10", "report", "weekly", "--issue")
    assert r.code == 0, r.err
    second = r.out
    assert "与上期（第1期，截至2022年1月3日）相比：新完成1项（2021年新增高新技术企业≥15家）" in second
    assert "状态 推进中→已完成" in second and "实际 11→16家" in second
    demo_ledger.milestones.record_actual("kaizhou-7p:1-M2", 99)  # a later change never reaches an issue
    r = cli("report", "show", "2")
    assert r.code == 0 and r.out == second  # byte for byte
    copy = tmp_path / "copy.md"
    assert cli("report", "show", "1", "-o", str(copy)).code == 0
    assert copy.read_bytes() == first.read_bytes()
    r = cli("report", "show", "2", "--format", "json")
    assert json.loads(r.out)["issue_no"] == 2 and "99" not in r.out.split('"ledger"')[0]
    r = cli("report", "show", "2", "--format", "html")
    assert r.code == 0 and "第2期" in r.out  # laid out again from the frozen document
    for fmt in ("xlsx", "docx"):  # the frozen 公文 letterhead, chart and typed sheet come back too
        again = tmp_path / f"2.{fmt}"
        r = cli("report", "show", "2", "-o", str(again))
        assert r.code == 0 and again.stat().st_size > 0, r.err
    r = cli("report", "void", "2", "--reason", "数据有误")
    assert r.code == 0 and "已作废第2期" in r.err
    r = cli("report", "issues")
    assert r.code == 0 and "已作废" in r.out and "数据有误" in r.out
    assert cli("report", "void", "2", "--reason", "again").code == 2
    r = cli("--as-of", "2022-01-10", "report", "weekly", "--issue")
    assert r.code == 0, r.err  # the voided date may be issued again, under a new number
    assert "第3期" in r.out and "与上期（第1期" in r.out  # compared with the last live issue
    r = cli("report", "show", "9")
    assert r.code == 2 and "没有印发过第9期周通报" in r.err
    r = cli("--lang", "en", "report", "show", "9")
    assert r.code == 2 and "no weekly circular number 9" in r.err


def test_a_frozen_document_comes_back_field_for_field(demo_ledger) -> None:
    from tasktrack.config import Settings
    from tasktrack.reports.model import Chart, from_json, to_json

    report, _ = weekly(demo_ledger)
    doc = document(report, "zh", Settings(coordinator_name="开州区科技局", masthead="开州区科学技术局文件"))
    assert doc.letterhead is not None and any(isinstance(b, Chart) for b in doc.blocks)
    assert any(t.sheet is not None and any(isinstance(v, date) for r in t.sheet.rows for v in r) for t in doc.tables())
    assert from_json(to_json(doc)) == doc


def test_void_and_issue_are_for_coordinators(cli, demo_ledger) -> None:  # type: ignore[no-untyped-def]
    assert cli("--as-of", "2022-01-10", "report", "weekly", "--issue").code == 0  # open mode: anyone
    r = cli("report", "void", "1", "--reason", " ")
    assert r.code == 2 and "请说明作废理由" in r.err
    if BACKEND == "postgresql":
        return  # there the account is the login the suite connects as; permissions have their own tests
    assert cli("member", "add", "tt_someone_else", "--coordinator").code == 0  # this account is no member now
    r = cli("report", "void", "1", "--reason", "数据有误")
    assert r.code == 2 and "只有协调人可以作废通报" in r.err
    r = cli("--as-of", "2022-01-17", "report", "weekly", "--issue")
    assert r.code == 2 and "只有协调人可以印发通报" in r.err
    assert cli("--as-of", "2022-01-17", "report", "weekly").code == 0  # a preview is a read: anyone
    assert "有效" in cli("report", "issues").out


def test_as_of_rebuilds_the_milestones_from_the_change_log(cli, demo_ledger) -> None:  # type: ignore[no-untyped-def]
    r = cli("--as-of", "2021-10-15", "milestone", "show", "kaizhou-7p:1-M1")
    assert r.code == 0, r.err
    assert "以下为2021年10月15日日终的台账，据变更记录重建" in r.err
    assert "推进中" in r.out and "已完成" not in r.out and "38家" in r.out  # completed 2021-12-20
    assert "入库名单" not in r.out  # its evidence came with the completion
    r = cli("--as-of", "2021-12-31", "milestone", "show", "kaizhou-7p:1-M1")
    assert "已完成  2021-12-20" in r.out and "56家" in r.out and "入库名单" in r.out
    r = cli("--as-of", "2021-10-15", "milestone", "list", "--plan", "kaizhou-7p", "--status", "done")
    assert r.code == 0 and "1-M1" not in r.out and "6-M1" not in r.out
    r = cli("--as-of", "2021-10-15", "milestone", "list", "--plan", "kaizhou-7p", "--json")
    rows = {m["code"]: m for m in json.loads(r.out)["milestones"]}
    assert rows["1-M1"]["status"] == "in_progress" and rows["1-M1"]["actual"] == 38
    r = cli("--as-of", "2021-10-15", "report", "weekly", "--plan", "kaizhou-7p")
    assert "据变更记录重建" in r.out and "已完成0项" in r.out
    demo_ledger.milestones.set_status("kaizhou-7p:2-M3", "in_progress")  # logged today, for no stated day
    r = cli("--as-of", "2022-01-10", "milestone", "list", "--plan", "kaizhou-7p", "--json")
    assert {m["code"]: m["status"] for m in json.loads(r.out)["milestones"]}["2-M3"] == "not_started"
    assert cli("--as-of", "2022-01-08", "milestone", "progress", "kaizhou-7p:2-M4", "35").code == 0  # back-filled
    r = cli("--as-of", "2022-01-07", "milestone", "list", "--plan", "kaizhou-7p", "--json")
    assert {m["code"]: m["actual"] for m in json.loads(r.out)["milestones"]}["2-M4"] == 31
    r = cli("--as-of", "2022-01-08", "milestone", "list", "--plan", "kaizhou-7p", "--json")
    assert {m["code"]: m["actual"] for m in json.loads(r.out)["milestones"]}["2-M4"] == 35
    r = cli("--as-of", "2022-01-10", "report", "weekly", "--since", "2022-01-08")
    assert "2021年科技服务机构≥40家（区科技局（示例））：实际 31→35家。" in r.out  # dated by its command
    assert cli("undo").code == 0  # the stated day is no change of its own: undo takes the command back whole
    assert cli("--as-of", "2022-01-12", "evidence", "add", "kaizhou-7p:2-M4", "--text", "后补机构名单").code == 0
    assert "后补机构名单" not in cli("--as-of", "2022-01-10", "report", "weekly").out  # not on the record yet
    assert "后补机构名单" in cli("--as-of", "2022-01-12", "report", "weekly").out
    r = cli("--as-of", "2021-10-15", "remind")
    assert "以下为2021年10月15日日终的台账" in r.err


def test_year_scope_leaves_later_targets_out(demo_ledger) -> None:
    svc = CircularService(demo_ledger.ctx)
    report = build(demo_ledger, svc.issue(svc.scope(year=2022), date(2022, 3, 31)), year=2022)
    assert report.overall.total > 0 and all(r.target.startswith("2022年") for r in report.ledger)
    assert "（2022年度目标）" in render(document(report, "zh"), "text")


@pytest.mark.parametrize(
    ("kind", "period", "words"),
    [
        ("weekly", "2022-W02", "第1期"),
        ("monthly", "2021-12", "2021年12月"),
        ("quarterly", "2021Q4", "2021年第四季度"),
        ("halfyear", "2021H2", "2021年下半年"),
        ("annual", "2021", "2021年度"),
    ],
)
def test_each_period_type_on_the_demo_layer(cli, demo_ledger, kind: str, period: str, words: str) -> None:  # type: ignore[no-untyped-def]
    r = cli("report", kind, "--period", period, "--issue")
    assert r.code == 0, r.err
    assert words in r.out
    if kind != "weekly":
        assert f"（{ {'monthly': '月报', 'quarterly': '季报', 'halfyear': '半年报', 'annual': '年报'}[kind] }）" in r.out
    if kind in ("halfyear", "annual"):
        section = r.out.split("分类推进情况")[1]
        for word in ("已完成", "超进度", "达进度", "欠进度"):
            assert word in section
        assert "预测方法：以基期值和历年读数按最小二乘法拟合直线" in r.out
        # 专栏2-3 专业研发机构和科技服务机构: 50 (2020) → 58 (2021), 8 a year: 90 in 2025, short of 120
        assert "【预警】专业研发机构和科技服务机构：预计难以完成" in r.out
        assert "2025年预计为90个，低于目标120个，差30个" in r.out
    else:
        assert "分类推进情况" not in r.out
    data = json.loads(cli("report", "show", "1", "--kind", kind, "--format", "json").out)
    assert data["kind"] == kind and data["period"] == period
    r = cli("report", kind, "--period", "2021-W50" if kind != "weekly" else "2021", "--issue")
    assert r.code == 2 and "--period" in r.err
