"""The bundled seed: the facts of the two Kaizhou plans, exactly as the documents state them, and the demo layer."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import func, select

from tasktrack.models import Change, Responsibility
from tasktrack.services.ledger import Ledger
from tasktrack.services.loading import PlanExists, bundled_seed_dir
from tasktrack.services.views import MilestoneFilter
from tests.conftest import AS_OF, make_ledger

SEED = bundled_seed_dir()
KAIZHOU = SEED / "kaizhou.yaml"
DEMO = SEED / "demo.yaml"
SEVEN = "kaizhou-7p"
FYP = "kaizhou-14fyp"


def count(ledger: Ledger, model: Any) -> int:
    with ledger.ctx.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(model)).scalar_one())


def snapshot(ledger: Ledger) -> list[tuple[Any, ...]]:
    """What a person tracks on each milestone."""
    return [
        (m.plan, m.code, m.status, m.actual, m.completed_on, m.due, m.version)
        for m in ledger.milestones.list()
    ]


# ---- loading again changes nothing --------------------------------------------------------------


def test_loading_the_plans_twice_is_refused_and_updating_changes_nothing(ledger: Ledger) -> None:
    before, changes = snapshot(ledger), count(ledger, Change)
    with pytest.raises(PlanExists, match="kaizhou-14fyp.*--update"):
        ledger.loader.load(KAIZHOU)
    result = ledger.loader.load(KAIZHOU, update=True)
    assert (result.created, result.updated, result.changed) == ({}, {}, False)
    assert [(d.plan, d.steps) for d in result.diffs] == [(FYP, []), (SEVEN, [])]
    assert count(ledger, Change) == changes
    assert snapshot(ledger) == before


def test_first_load_creates_both_plans(empty_ledger: Ledger) -> None:
    result = empty_ledger.loader.load(KAIZHOU)
    assert result.layer == "plan"
    assert result.created["plans"] == 2
    assert result.created["indicators"] == 8
    assert result.created["milestones"] == len(empty_ledger.milestones.list())
    assert [p.key for p in empty_ledger.plans.list()] == [FYP, SEVEN]


def test_loading_the_demo_twice_changes_nothing(demo_ledger: Ledger) -> None:
    before, changes = snapshot(demo_ledger), count(demo_ledger, Change)
    evidence, progress = len(demo_ledger.evidence.list()), len(demo_ledger.progress.list(latest=False))
    for path in (KAIZHOU, DEMO):
        result = demo_ledger.loader.load(path, update=True)
        assert not result.changed, result
    assert count(demo_ledger, Change) == changes
    assert snapshot(demo_ledger) == before
    assert len(demo_ledger.evidence.list()) == evidence
    assert len(demo_ledger.progress.list(latest=False)) == progress


def test_the_documents_name_no_unit(ledger: Ledger) -> None:
    assert ledger.units.list() == []
    assert count(ledger, Responsibility) == 0
    assert all(t.lead is None and t.co == () for t in ledger.tasks.list())
    assert len(ledger.milestones.list(MilestoneFilter(unassigned=True))) == len(ledger.milestones.list())


# ---- every quote is the document's own text ----------------------------------------------------


def _quotes(node: Any, where: str = "") -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("quote", "baseline_quote") and value is not None:
                found.append((f"{where}.{key}", value))
            else:
                found.extend(_quotes(value, f"{where}.{key}"))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            found.extend(_quotes(item, f"{where}[{i}]"))
    return found


SEED_DATA = yaml.safe_load(KAIZHOU.read_text(encoding="utf-8"))


@pytest.mark.parametrize("plan", SEED_DATA["plans"], ids=lambda p: p["key"])
def test_every_quote_is_exact_text_of_its_source(plan: dict[str, Any]) -> None:
    source = (SEED / "sources" / plan["source"]).read_text(encoding="utf-8")
    quotes = _quotes(plan, plan["key"])
    assert len(quotes) > 20  # the walk found the plan's quotes
    missing = [(where, q) for where, q in quotes if not isinstance(q, str) or q not in source]
    assert missing == []


def test_quotes_in_the_ledger_are_the_files_quotes(ledger: Ledger) -> None:
    sources = {p.key: (SEED / "sources" / p.source).read_text(encoding="utf-8") for p in ledger.plans.list()}
    for m in ledger.milestones.list():
        assert m.quote and m.quote in sources[m.plan], m.code
    for i in ledger.indicators.list():
        assert i.quote and i.quote in sources[i.plan], i.code


# ---- the facts the office relies on -------------------------------------------------------------


def _by_year(ledger: Ledger, year: int) -> list[Any]:
    return ledger.milestones.list(MilestoneFilter(plan=SEVEN, year=year))


def test_2021_targets_of_the_seven_programmes(ledger: Ledger) -> None:
    ms = _by_year(ledger, 2021)
    numbers = sorted(m.target for m in ms if m.kind != "event")
    assert numbers == sorted([50, 15, 40, 40, 2000, 1.55])
    events = [m.metric for m in ms if m.kind == "event"]
    assert events == ["成功创建市级高新区"]
    assert all(m.due == date(2021, 12, 31) for m in ms)
    by_metric = {m.metric: m for m in ms}
    assert (by_metric["新增科技型企业"].target, by_metric["新增科技型企业"].unit) == (50, "家")
    assert by_metric["新增高新技术企业"].target == 15  # stricter than 61号文's 10 a year
    assert by_metric["全社会研发经费投入占GDP比重"].kind == "ratio"
    assert by_metric["兑现区级财政奖补资金"].unit == "万元"


def test_2025_targets_of_the_seven_programmes(ledger: Ledger) -> None:
    ms = _by_year(ledger, 2025)
    assert {500, 100, 120} <= {m.target for m in ms}
    assert any(m.kind == "event" and "新型研发机构" in m.metric for m in ms)
    stocks = {m.target: m for m in ms if m.kind == "stock"}
    assert all(stocks[t].cumulative for t in (500, 100, 120))
    assert all(m.due == date(2025, 12, 31) for m in ms)


def test_2021_milestones_not_done_are_overdue(ledger: Ledger) -> None:
    for m in _by_year(ledger, 2021):
        assert m.derived.as_of == AS_OF
        assert m.derived.overdue, m.code
        assert (m.derived.rag, m.derived.days_left) == ("red", -10)


def test_2021_milestones_done_in_the_demo_are_not_overdue(demo_ledger: Ledger) -> None:
    ms = _by_year(demo_ledger, 2021)
    done = {m.code for m in ms if m.status in ("done", "closed")}
    assert done == {"1-M1", "2-M1", "6-M1"}
    for m in ms:
        assert m.derived.overdue is (m.code not in done), m.code


def test_the_five_year_plan_indicator_table(ledger: Ledger) -> None:
    """专栏2 as the source prints it: name(unit), 预期性, 2020 value, 2025 value; 【】 marks cumulative."""
    source = (SEED / "sources" / "000_kaizhou_14th_fyp_sti.txt").read_text(encoding="utf-8")
    start = source.index("专栏2:")
    table = source[start : source.index("注:【】为累计数", start)]
    cells = [c.strip() for c in table.splitlines() if c.strip()]
    rows = []
    for i, cell in enumerate(cells):
        if cell.isdigit() and i + 4 < len(cells) and cells[i + 2] == "预期性":
            rows.append(cells[i + 1 : i + 5])
    assert len(rows) == 8
    indicators = ledger.indicators.list(FYP)
    assert len(indicators) == 8
    for ind, (label, attribute, base, target) in zip(indicators, rows, strict=True):
        name, unit = re.fullmatch(r"(.+)\((.+)\)", label).groups()  # type: ignore[union-attr]
        assert (ind.name, ind.unit) == (name, unit)
        assert ind.attribute == {"预期性": "expected", "约束性": "binding"}[attribute]
        assert ind.cumulative is base.startswith("【")
        assert (ind.baseline_year, ind.baseline_value) == (2020, float(base.strip("【】")))
        assert (ind.target_year, ind.target_value) == (2025, float(target.strip("【】")))
    firms = next(i for i in indicators if i.name == "科技型企业")
    assert (firms.baseline_value, firms.target_value, firms.cumulative) == (204, 500, True)
    rd = next(i for i in indicators if i.name == "研究经费投入强度")
    assert (rd.baseline_value, rd.target_value, rd.unit, rd.cumulative) == (1.5, 2, "%", False)


def test_stock_is_not_baseline_plus_increments(ledger: Ledger) -> None:
    # 204 + 5 × 50 = 454 < 500: the product shows the trap rather than deriving one from the other
    yearly = ledger.milestones.list(MilestoneFilter(task="专栏9-1"))
    assert [m.year for m in yearly] == [2021, 2022, 2023, 2024, 2025]
    assert {m.target for m in yearly} == {50}
    firms = ledger.indicators.get("kaizhou-14fyp:专栏2-3")
    assert firms.baseline_value + sum(m.target for m in yearly) < firms.target_value


def test_the_action_plan_implements_the_five_year_plan(ledger: Ledger) -> None:
    seven, fyp = ledger.plans.get(SEVEN), ledger.plans.get(FYP)
    assert seven.parent_key == FYP
    assert fyp.parent_key is None
    assert (seven.doc_no, fyp.doc_no) == ("开州府办发〔2021〕63号", "开州府办发〔2021〕61号")
    assert (seven.issued, fyp.issued) == (date(2021, 8, 23), date(2021, 8, 24))
    assert (seven.period_start, seven.period_end) == (2021, 2025)


def test_programmes_in_document_order(ledger: Ledger) -> None:
    top = [t for t in ledger.tasks.list(SEVEN) if t.depth == 1]
    assert [t.code for t in top[:7]] == ["1", "2", "3", "4", "5", "6", "7"]
    source = (SEED / "sources" / "002_kaizhou_seven_programmes.txt").read_text(encoding="utf-8")
    positions = [source.index(f"{t.code}．{t.title}") for t in top[:7]]
    assert positions == sorted(positions)
    assert top[6].title == "科技创新氛围优化工程"


# ---- the demonstration layer --------------------------------------------------------------------


def test_demo_units_are_marked_and_unreachable(demo_ledger: Ledger) -> None:
    units = demo_ledger.units.list()
    assert len(units) == 10
    assert all(u.is_demo for u in units)
    assert all(u.email and u.email.endswith("@example.invalid") for u in units)
    assert all("示例" in (u.contact or "") for u in units)
    assert all(e.is_demo for e in demo_ledger.evidence.list())
    assert all(p.is_demo for p in demo_ledger.progress.list(latest=False))


def test_demo_leaves_programme_7_unassigned(demo_ledger: Ledger) -> None:
    assert demo_ledger.tasks.get("kaizhou-7p:7").lead is None
    assert demo_ledger.tasks.get("kaizhou-7p:1-1").lead_inherited_from == "1"


def test_a_persons_status_survives_reloading_seed_and_demo(db_path: Path, demo_ledger: Ledger) -> None:
    person = make_ledger(db_path, actor="王五")
    person.milestones.set_status("1-M2", "done", on=date(2021, 12, 30))  # the demo had it in progress
    person.milestones.record_actual("2-M3", 36)  # the demo leaves it untouched
    person.milestones.set_status("1-M3", "blocked")
    before = snapshot(person)
    for path in (KAIZHOU, DEMO, KAIZHOU):
        assert not demo_ledger.loader.load(path, update=True).changed
    assert snapshot(person) == before
    assert person.milestones.get("1-M2").completed_on == date(2021, 12, 30)
    person.close()


def test_reloading_the_plans_keeps_tracking_state(ledger: Ledger) -> None:
    ledger.milestones.record_actual("1-M1", 38)
    ledger.milestones.set_status("2-M1", "done")
    ledger.milestones.set_status("三-M1", "cancelled")
    ledger.loader.load(KAIZHOU, update=True)
    assert (ledger.milestones.get("1-M1").actual, ledger.milestones.get("1-M1").status) == (38, "in_progress")
    assert ledger.milestones.get("2-M1").status == "done"
    assert ledger.milestones.get("三-M1").status == "cancelled"


def test_the_demo_does_not_touch_what_a_person_tracks(db_path: Path, ledger: Ledger) -> None:
    ledger.milestones.set_status("1-M1", "in_progress", note="人工跟踪")
    ledger.loader.load(DEMO)
    m = ledger.milestones.get("1-M1")
    assert (m.status, m.actual) == ("in_progress", None)  # the demo's "done, 56" was not applied
    assert ledger.evidence.list("1-M1") == []


def test_a_persons_reset_survives_reloading_the_demo(demo_ledger: Ledger) -> None:
    demo_ledger.milestones.record_actual("1-M1", None)
    demo_ledger.milestones.set_status("1-M1", "not_started", note="核查后重新统计")
    evidence = len(demo_ledger.evidence.list("1-M1"))
    result = demo_ledger.loader.load(DEMO)
    m = demo_ledger.milestones.get("1-M1")
    assert (m.status, m.actual) == ("not_started", None)
    assert len(demo_ledger.evidence.list("1-M1")) == evidence
    assert not result.changed


def test_reloading_the_plans_keeps_an_approved_extension(ledger: Ledger) -> None:
    ledger.milestones.edit("1-M1", {"due": "2022年三季度"}, reason="延期申请已批准")
    result = ledger.loader.load(KAIZHOU, update=True)
    assert ledger.milestones.get("1-M1").due == date(2022, 9, 30)
    assert not result.changed
    [kept] = [s for d in result.diffs for s in d.steps]  # and the diff says why the file's date was not taken
    assert (kept.action, kept.code, kept.field, kept.old, kept.new, kept.why) == (
        "keep", "1-M1", "due", "2022年三季度", "2021年", "by_people"
    )
