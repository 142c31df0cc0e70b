"""考核: `report scores` on the seed and demo layer for 2021, its rules file, and (Hypothesis) that the scores
are deterministic and every point rests on a row of the ledger."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tasktrack.config import Settings
from tasktrack.domain.scoring import Item, RulesError, apply, load_rules, parse_rules, score
from tasktrack.services.ledger import Ledger, open_ledger
from tasktrack.services.scores import scores
from tests.conftest import SeedTemplate, clone_into, db_rows

AS_OF = ("--as-of", "2022-01-10")
UNITS = {"区科技局": "kaizhou-7p:1-3", "区财政局": "kaizhou-7p:6-1", "开州高新区管委会": "kaizhou-7p:2-1"}


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, 0, tzinfo=UTC)


@pytest.fixture
def seeded(db_path: Path, seed_template: SeedTemplate) -> Path:
    return clone_into(seed_template("kaizhou.yaml", "demo.yaml"), db_path)


def open_at(db: Path, now: date) -> Ledger:
    ledger = open_ledger(str(db), actor="张明", clock=lambda: date(2022, 1, 10), settings=Settings())
    ledger.ctx.now = lambda: at(now)
    return ledger


def test_report_scores_for_2021_explains_each_point(seeded: Path, cli) -> None:  # type: ignore[no-untyped-def]
    ledger = open_at(seeded, date(2021, 9, 1))
    ledger.duties.add("每月25日前报送进展", plan="kaizhou-7p", starts=date(2021, 9, 1))
    for month in (9, 10, 11, 12):  # 区科技局 files every month, December a day late
        ledger.ctx.now = lambda m=month: at(date(2021, m, 26 if m == 12 else 20))
        ledger.progress.add("kaizhou-7p:1-3", unit="区科技局", period=f"2021-{month:02d}", progress="推进中")
    ledger.ctx.now = lambda: at(date(2021, 12, 30))
    proof = ledger.evidence.add("kaizhou-7p:1-M1", text="入库名单（第6批）").id  # the demo's is recorded later
    ledger.review.approve(f"e{proof}")  # accepted first time
    ledger.close()
    res = cli(*AS_OF, "report", "scores", "--year", "2021", "--explain")
    assert res.code == 0, res.err
    head = next(line for line in res.out.splitlines() if line.startswith("单位"))
    assert head.split() == ["单位", "得分", "扣分项", "说明"]
    kjj = next(line for line in res.out.splitlines() if line.startswith("区科技局（示例）") and "报送及时率 3/4" in line)
    # 按时完成率 1 of 7 (40 × 1/7 = 5.7), 报送及时率 3 of 4 (22.5), 佐证合格率 1 of 1 (30), 逾期 6 items (−15, capped)
    assert kjj.split()[1] == "43.2"
    assert "逾期未完成 6项（-15）" in kjj
    explain = res.out.split("计分依据", 1)[1]
    assert "✓m19 ✗m20" in explain  # 1-M1 done on time, 1-M2 not
    assert f"✓e{proof}" in explain
    p = db_rows(seeded, "SELECT id FROM progressreport WHERE period = '2021-12' AND unit_id = 1 AND is_demo = :f",
                {"f": False})[0][0]  # fmt: skip
    assert f"✗p{p}" in explain  # December's report, a day late
    en = cli("--lang", "en", *AS_OF, "report", "scores", "--year", "2021")
    assert "Points lost" in en.out and "on-time reporting 3/4" in en.out


def test_scores_as_json_and_xlsx(seeded: Path, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(cli(*AS_OF, "report", "scores", "--year", "2021", "--format", "json").out)
    assert data["year"] == 2021 and data["full"] == 100
    kjj = next(u for u in data["units"] if u["unit"].startswith("区科技局"))
    assert [r["rule"] for r in kjj["rules"]] == ["按时完成率", "报送及时率", "佐证合格率", "退回", "逾期未完成"]
    assert abs(kjj["score"] - sum(r["points"] for r in kjj["rules"])) < 0.01
    out = tmp_path / "scores.xlsx"
    res = cli(*AS_OF, "report", "scores", "--year", "2021", "-o", str(out))
    assert res.code == 0, res.err
    from openpyxl import load_workbook

    cells = [[c.value for c in row] for ws in load_workbook(out).worksheets for row in ws.iter_rows()]
    assert ["单位", "得分", "扣分项", "说明"] in cells
    again = cli(*AS_OF, "report", "scores", "--year", "2021", "-o", str(out))
    assert again.code == 2 and "--force" in again.err  # the safe writer: never replaced without --force


def test_a_rules_file_overrides_the_default(seeded: Path, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rules = tmp_path / "city.toml"
    rules.write_text('title = "市级考核"\nfull = 60\n[[rule]]\nname = "按时完成率"\nkind = "rate"\n'
                     'measure = "on_time_completion"\nweight = 60\n', encoding="utf-8")  # fmt: skip
    res = cli(*AS_OF, "report", "scores", "--year", "2021", "--rules", str(rules))
    assert res.code == 0, res.err
    assert "2021年度市级考核得分" in res.out and "满分60分" in res.out
    czj = next(line for line in res.out.splitlines() if line.startswith("区财政局（示例）"))
    assert czj.split()[1] == "60"  # its one milestone of 2021 (6-M1) done on time: the whole 60


@pytest.mark.parametrize(
    ("text", "says_zh", "says_en"),
    [
        ("full = 100\n", "没有 [[rule]] 表", "no [[rule]]"),
        ("[[rule]]\nname = \"x\"\nkind = \"rate\"\nmeasure = \"luck\"\nweight = 100\n", "measure 应为", "measure must be one of"),
        ("[[rule]]\nname = \"x\"\nkind = \"rate\"\nmeasure = \"reporting\"\nweight = 50\n", "合计为 50，与满分 full = 100 不一致", "add up to 50, not full = 100"),
        ("[[rule]]\nname = \"x\"\nkind = \"deduction\"\nmeasure = \"overdue\"\nper = -1\n", "per 应为不小于0的数", "per must be a number 0 or more"),
        ("[[rule]]\nname = \"x\"\nkind = \"rate\"\nmeasure = \"reporting\"\nweight = 100\ncolor = 1\n", "没有 'color' 这个键", "unknown key 'color'"),
        ("[[rule]\n", "不是有效的 TOML 文件", "is not TOML"),
    ],
)
def test_a_bad_rules_file_is_one_line_naming_what_to_fix(seeded: Path, cli, tmp_path: Path, text: str, says_zh: str, says_en: str) -> None:  # type: ignore[no-untyped-def]
    rules = tmp_path / "bad.toml"
    rules.write_text(text, encoding="utf-8")
    for lang, says in (("zh", says_zh), ("en", says_en)):
        res = cli("--lang", lang, *AS_OF, "report", "scores", "--year", "2021", "--rules", str(rules))
        assert res.code == 2 and says in res.err, res.err
        assert len(res.err.strip().splitlines()) == 1 and "Traceback" not in res.err


def test_the_default_rules_are_valid_and_shown(cli) -> None:  # type: ignore[no-untyped-def]
    rules = load_rules()
    assert [r.name for r in rules.rules] == ["按时完成率", "报送及时率", "佐证合格率", "退回", "逾期未完成"]
    shown = cli("report", "scores", "--show-rules").out
    assert parse_rules(shown, "shown") == parse_rules(shown, "shown") and "per = 3" in shown


# -- Hypothesis ---------------------------------------------------------------------------------------------

items = st.lists(st.builds(Item, st.from_regex(r"[mpe]\d{1,3}", fullmatch=True), st.booleans()), max_size=12)


@given(st.fixed_dictionaries({m: items for m in ("on_time_completion", "reporting", "evidence", "returns", "overdue")}))
def test_every_point_is_the_rule_applied_to_the_items_listed_with_it(by_measure: dict[str, list[Item]]) -> None:
    rules = load_rules()
    got = score(1, "区科技局", rules, {k: tuple(v) for k, v in by_measure.items()})
    assert got == score(1, "区科技局", rules, {k: tuple(v) for k, v in by_measure.items()})
    for r in got.results:
        assert r.items == tuple(by_measure[r.rule.measure])
        assert r == apply(r.rule, r.items)
        if r.rule.kind == "rate":
            assert 0 <= r.points <= r.rule.weight
            if r.items and r.passed == 0:
                assert r.points == 0
        else:
            assert -r.points == min(r.rule.per * len([i for i in r.items if not i.ok]), r.rule.cap or 1e9)
    assert 0 <= got.score <= rules.full


filings_strategy = st.lists(
    st.tuples(st.sampled_from(sorted(UNITS)), st.integers(9, 12), st.integers(-10, 20)), max_size=6
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(filed=filings_strategy, as_of=st.dates(date(2021, 10, 1), date(2022, 3, 1)))
def test_scores_are_deterministic_and_every_point_has_a_row_behind_it(
    db_path: Path, seed_template: SeedTemplate, filed: list[tuple[str, int, int]], as_of: date
) -> None:
    clone_into(seed_template("kaizhou.yaml", "demo.yaml"), db_path)
    ledger = open_at(db_path, date(2021, 9, 1))
    try:
        ledger.duties.add("每月25日前报送进展", plan="kaizhou-7p", starts=date(2021, 9, 1))
        for unit, month, offset in filed:
            ledger.ctx.now = lambda m=month, o=offset: at(date(2021, m, 25) + timedelta(days=o))
            ledger.progress.add(UNITS[unit], unit=unit, period=f"2021-{month:02d}", progress="推进中")
        rules = load_rules()
        first = scores(ledger.connect, 2021, as_of, rules)
        assert first == scores(ledger.connect, 2021, as_of, rules)  # the same database and date
        ledger.ctx.now = lambda: at(as_of + timedelta(days=1))
        ledger.progress.add(UNITS["区财政局"], unit="区财政局", period="2021-12", progress="补报")
        assert first == scores(ledger.connect, 2021, as_of, rules)  # a filing after the date changes nothing
        for s in first:
            for r in s.results:
                assert r == apply(r.rule, r.items)  # the points are the rule on these items and no others
                for item in r.items:
                    assert row_exists(db_path, item.ref), (s.unit, r.rule.name, item)
    finally:
        ledger.close()


def row_exists(db: Path, ref: str) -> bool:
    """m20 milestone, p7 progress report, e4 evidence, r2 request; d1/2021-09 a duty's period."""
    tables = {"m": "milestone", "p": "progressreport", "e": "evidence", "r": "request", "d": "duty"}
    key, _, period = ref.partition("/")
    found: Any = db_rows(db, f"SELECT id FROM {tables[key[0]]} WHERE id = :id", {"id": int(key[1:])})
    return bool(found) and (not period or key[0] == "d")


def test_rules_error_is_a_value_error() -> None:
    with pytest.raises(RulesError):
        parse_rules("x = ", "f.toml")


def test_report_scores_needs_a_year(seeded: Path, cli) -> None:  # type: ignore[no-untyped-def]
    res = cli("report", "scores")
    assert res.code == 2 and "--year 2021" in res.err
