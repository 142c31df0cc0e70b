"""Plan files (YAML, format tasktrack/1): every error with its place, and all or nothing."""

from __future__ import annotations

import copy
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import func, select

from tasktrack.errors import UserError, say
from tasktrack.importers.planfile import ImportErrors, parse_plan_data, read_plan_file
from tasktrack.models import Change
from tasktrack.services.history import HistoryFilter
from tasktrack.services.ledger import Ledger
from tasktrack.services.views import MilestoneFilter


def plan(key: str = "test-plan", **extra: Any) -> dict[str, Any]:
    """A small valid plan: one programme, one task, one milestone."""
    data: dict[str, Any] = {
        "key": key,
        "doc_no": f"{key}〔2021〕1号",
        "title": f"{key} 行动方案",
        "issued": "2021年8月23日",
        "period": "2021-2025",
        "tasks": [
            {
                "code": "1",
                "title": "科技企业成长工程",
                "tasks": [
                    {
                        "code": "1-1",
                        "title": "新增科技型企业",
                        "milestones": [
                            {
                                "code": "1-M1",
                                "metric": "新增科技型企业",
                                "year": 2021,
                                "target": 50,
                                "unit": "家",
                            }
                        ],
                    }
                ],
            }
        ],
    }
    data.update(extra)
    return data


def document(*plans: dict[str, Any], **top: Any) -> dict[str, Any]:
    return {"format": "tasktrack/1", "layer": "plan", "plans": list(plans), **top}


def write(tmp_path: Path, data: dict[str, Any] | str, name: str = "plans.yaml") -> Path:
    path = tmp_path / name
    text = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path


def change_count(ledger: Ledger) -> int:
    with ledger.ctx.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(Change)).scalar_one())


def errors_of(data: Any) -> list[str]:
    with pytest.raises(ImportErrors) as exc:
        parse_plan_data(data, "f.yaml")
    return exc.value.errors


def milestone(ledger: Ledger, code: str, plan_key: str = "test-plan") -> Any:
    return ledger.milestones.get(f"{plan_key}:{code}")


# ---- a file that loads --------------------------------------------------------------------------


def test_a_valid_file_loads_and_loads_again_as_nothing(empty_ledger: Ledger, tmp_path: Path) -> None:
    path = write(tmp_path, document(plan()))
    result = empty_ledger.loader.load(path)
    assert result.created == {"plans": 1, "tasks": 2, "milestones": 1}
    m = milestone(empty_ledger, "1-M1")
    assert (m.year, m.due, m.target, m.comparison, m.kind, m.status) == (
        2021,
        date(2021, 12, 31),
        50,
        ">=",
        "increment",
        "not_started",
    )
    assert empty_ledger.plans.get("test-plan").issued == date(2021, 8, 23)
    n = change_count(empty_ledger)
    with pytest.raises(UserError, match=r"test-plan.*is already in the ledger.*--update") as exists:
        empty_ledger.loader.load(path)
    assert re.search("test-plan.*已在台账中（编号和发文字号相同）.*--update", say(exists.value, "zh"))
    assert not empty_ledger.loader.load(path, update=True).changed
    assert change_count(empty_ledger) == n


def test_a_corrected_fact_is_updated_and_logged(empty_ledger: Ledger, tmp_path: Path) -> None:
    data = document(plan())
    empty_ledger.loader.load(write(tmp_path, data))
    fixed = copy.deepcopy(data)
    fixed["plans"][0]["tasks"][0]["tasks"][0]["milestones"][0]["target"] = 56
    result = empty_ledger.loader.load(write(tmp_path, fixed), update=True)
    assert result.updated == {"milestones": 1}
    assert milestone(empty_ledger, "1-M1").target == 56
    rows = empty_ledger.history.list(HistoryFilter(milestone="test-plan:1-M1", limit=1))
    assert [(c.field, c.old, c.new, c.reason) for c in rows] == [("target", "50", "56", "seed plans.yaml")]


# ---- every error, with its place ----------------------------------------------------------------


def test_a_malformed_file_lists_every_error_with_its_place(ledger: Ledger, tmp_path: Path) -> None:
    bad = plan("bad-plan", period="2021到2025")
    del bad["title"]
    task = bad["tasks"][0]
    task["tasks"].append(
        {
            "code": "1-2",
            "title": "第二项",
            "milestones": [
                {"code": "1-M2", "metric": "新增高新技术企业", "year": 2021},  # no target
                {"code": "1-M3", "metric": "x", "year": "2021年", "target": "五十"},
                {"code": "1-M4", "metric": "x", "year": 2021, "target": 1, "kind": "level"},
                {"code": "1-M5", "metric": "x", "year": 2021, "target": 1, "due": "2021824"},
                {"code": "1-M6", "metric": "x", "year": 2021, "target": 1, "cumulative": "yes"},
                {"code": "1-M7", "metric": "x", "year": 2021, "target": 1, "baseline": 204},
                "not a mapping",
            ],
        }
    )
    task["tasks"].append({"title": "没有编号"})
    path = write(tmp_path, document(bad))
    plans, changes = [p.key for p in ledger.plans.list()], change_count(ledger)

    with pytest.raises(ImportErrors) as exc:
        ledger.loader.load(path)

    errors = exc.value.errors
    places = {e.split(": ", 1)[0] for e in errors}
    assert places == {
        "plans[0].period",
        "plans[0].title",
        "plans[0].tasks[0].tasks[1].milestones[0].target",
        "plans[0].tasks[0].tasks[1].milestones[1].year",
        "plans[0].tasks[0].tasks[1].milestones[1].target",
        "plans[0].tasks[0].tasks[1].milestones[2].kind",
        "plans[0].tasks[0].tasks[1].milestones[3].due",
        "plans[0].tasks[0].tasks[1].milestones[4].cumulative",
        "plans[0].tasks[0].tasks[1].milestones[5].baseline",
        "plans[0].tasks[0].tasks[1].milestones[6]",
        "plans[0].tasks[0].tasks[2].code",
    }
    assert any(e.startswith("plans[0].tasks[0].tasks[1].milestones[0].target: is required") for e in errors)
    assert any(
        e.startswith("plans[0].tasks[0].tasks[1].milestones[3].due: ") and "2021824" in e for e in errors
    )
    assert any("'level'" in e and "increment, stock, ratio, growth, event" in e for e in errors)
    message = str(exc.value)
    assert message.startswith(f"{path}: {len(errors)} errors, nothing loaded: ")
    assert f"and {len(errors) - 5} more" in message
    assert "\n" not in message
    # nothing loaded, nothing logged
    assert [p.key for p in ledger.plans.list()] == plans
    assert change_count(ledger) == changes


def test_indicator_errors_have_their_place() -> None:
    errors = errors_of(
        document(
            plan(
                indicators=[
                    {"code": "专栏2-1", "name": "研究经费投入强度", "attribute": "约束性"},
                    {"code": "专栏2-2", "name": "x", "attribute": "指导性"},
                    {"code": "专栏2-3", "baseline": {"year": "2020年", "value": 204}},
                ]
            )
        )
    )
    assert [e.split(": ", 1)[0] for e in errors] == [
        "plans[0].indicators[1].attribute",
        "plans[0].indicators[2].baseline.year",
        "plans[0].indicators[2].name",
    ]


def test_a_mistake_in_a_recurring_milestone_is_reported_once() -> None:
    data = document(plan())
    data["plans"][0]["tasks"][0]["milestones"] = [{"code": "M", "every_year": [2021, 2025], "target": 50}]
    assert errors_of(data) == ["plans[0].tasks[0].milestones[0].metric: is required"]


def test_an_unreadable_target_is_not_also_reported_missing() -> None:
    data = document(plan())
    data["plans"][0]["tasks"][0]["milestones"] = [
        {"code": "M", "metric": "m", "year": 2021, "target": "五十"}
    ]
    assert errors_of(data) == [
        "plans[0].tasks[0].milestones[0].target: target must be a number, not '五十'; write e.g. 56, -5 or 1.55"
    ]


def test_bad_yaml_gives_line_and_column(empty_ledger: Ledger, tmp_path: Path) -> None:
    path = write(tmp_path, "format: tasktrack/1\nlayer: plan\nplans:\n  - key: a\n    title: b: c\n")
    with pytest.raises(UserError, match=r"not valid YAML at line 5, column 13") as exc:
        empty_ledger.loader.load(path)
    assert "\n" not in str(exc.value)
    assert empty_ledger.plans.list() == []


def test_tabs_in_yaml(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="line 4, column 1"):
        read_plan_file(write(tmp_path, "format: tasktrack/1\nplans:\n  - key: a\n\ttitle: b\n"))


def test_a_file_that_is_not_there_or_not_utf8(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no file"):
        read_plan_file(tmp_path / "missing.yaml")
    gbk = tmp_path / "gbk.yaml"
    gbk.write_bytes("format: tasktrack/1\nplans:\n  - key: 开州\n".encode("gbk"))
    with pytest.raises(UserError, match="UTF-8"):
        read_plan_file(gbk)


@pytest.mark.parametrize(
    ("fmt", "shown"),
    [("tasktrack/2", "'tasktrack/2'"), (None, "None"), ("tasktrack", "'tasktrack'")],
)
def test_wrong_format_key(fmt: str | None, shown: str) -> None:
    data = document(plan())
    if fmt is None:
        del data["format"]
    else:
        data["format"] = fmt
    assert errors_of(data) == [f"format: must be 'tasktrack/1', not {shown}"]


def test_wrong_layer_and_shapes() -> None:
    assert errors_of(document(plan(), layer="facts")) == ["layer: must be plan or demo, not 'facts'"]
    assert errors_of(["plans"]) == ["top level: must be a mapping with format, layer and plans"]
    assert errors_of(None) == ["top level: must be a mapping with format, layer and plans"]


def test_top_level_places_have_no_leading_dot() -> None:
    assert errors_of({"format": "tasktrack/1", "plans": {"key": "x"}}) == ["plans: must be a list"]
    demo = {"format": "tasktrack/1", "layer": "demo", "units": ["区科技局"]}
    assert errors_of(demo) == ["units[0]: must be a mapping of keys to values"]


def test_duplicate_codes() -> None:
    p = plan(
        indicators=[
            {"code": "专栏2-1", "name": "a"},
            {"code": "专栏2-1", "name": "b"},
        ]
    )
    p["tasks"].append(copy.deepcopy(p["tasks"][0]))  # task 1, 1-1 and milestone 1-M1 again
    errors = errors_of(document(p, plan()))
    assert "plans[1].key: 'test-plan' appears twice" in errors
    assert "plan test-plan: indicator code '专栏2-1' appears twice" in errors
    assert "plan test-plan: task code '1' appears twice" in errors
    assert "plan test-plan: task code '1-1' appears twice" in errors
    assert "plan test-plan: milestone code '1-M1' appears twice" in errors


def test_the_same_code_in_two_plans_is_fine(empty_ledger: Ledger, tmp_path: Path) -> None:
    empty_ledger.loader.load(write(tmp_path, document(plan("plan-a"), plan("plan-b"))))
    assert {m.plan for m in empty_ledger.milestones.list(MilestoneFilter(code="1-M1"))} == {
        "plan-a",
        "plan-b",
    }


def test_tasks_nest_at_most_three_deep() -> None:
    p = plan()
    p["tasks"][0]["tasks"][0]["tasks"] = [
        {"code": "1-1-1", "title": "c", "tasks": [{"code": "x", "title": "d"}]}
    ]
    assert errors_of(document(p)) == ["plan test-plan task x: tasks nest at most 3 deep"]


# ---- recurring milestones and due dates ---------------------------------------------------------


def test_every_year_expands_to_one_milestone_a_year(empty_ledger: Ledger, tmp_path: Path) -> None:
    p = plan()
    p["tasks"][0]["milestones"] = [
        {"code": "M", "metric": "新增科技型企业", "every_year": [2021, 2023], "target": 50, "unit": "家"},
        {"code": "Q", "metric": "季度调度", "every_year": [2022, 2023], "kind": "event", "due": "三季度"},
    ]
    empty_ledger.loader.load(write(tmp_path, document(p)))
    ms = {m.code: m for m in empty_ledger.milestones.list(MilestoneFilter(plan="test-plan", task="1"))}
    assert [(ms[c].year, ms[c].due, ms[c].target) for c in ("M-2021", "M-2022", "M-2023")] == [
        (2021, date(2021, 12, 31), 50),
        (2022, date(2022, 12, 31), 50),
        (2023, date(2023, 12, 31), 50),
    ]
    assert [(ms[c].due, ms[c].due_text) for c in ("Q-2022", "Q-2023")] == [
        (date(2022, 9, 30), "三季度"),
        (date(2023, 9, 30), "三季度"),
    ]
    assert "M" not in ms


@pytest.mark.parametrize("years", [[2025, 2021], [2021], "2021-2025", [2021, "2025"]])
def test_every_year_must_be_a_pair_of_years(years: Any) -> None:
    data = document(plan())
    data["plans"][0]["tasks"][0]["milestones"] = [
        {"code": "M", "metric": "m", "every_year": years, "target": 1}
    ]
    assert errors_of(data) == ["plans[0].tasks[0].milestones[0].every_year: write the years as [2021, 2025]"]


@pytest.mark.parametrize(
    ("due", "year", "expected", "aspirational"),
    [
        ("2021年三季度", 2021, date(2021, 9, 30), False),
        ("到2025年", 2025, date(2025, 12, 31), False),
        ("力争2023年", 2023, date(2023, 12, 31), True),
        ("上半年", 2022, date(2022, 6, 30), False),
        ("年底前", 2022, date(2022, 12, 31), False),
        ("8月底前", 2021, date(2021, 8, 31), False),
        ("2021年8月23日", 2021, date(2021, 8, 23), False),
        (date(2021, 9, 15), 2021, date(2021, 9, 15), False),  # a YAML date
    ],
)
def test_due_forms_in_files(
    empty_ledger: Ledger, tmp_path: Path, due: Any, year: int, expected: date, aspirational: bool
) -> None:
    p = plan()
    p["tasks"][0]["milestones"] = [{"code": "D", "metric": "m", "year": year, "target": 1, "due": due}]
    empty_ledger.loader.load(write(tmp_path, document(p)))
    m = milestone(empty_ledger, "D")
    assert (m.due, m.aspirational) == (expected, aspirational)
    assert m.due_text == (None if isinstance(due, date) else due)


@pytest.mark.parametrize("due", ["2021824", "尽快", "2021年13月", "2021年第五季度"])
def test_unreadable_due_is_an_error_not_a_guess(due: str) -> None:
    p = plan()
    p["tasks"][0]["milestones"] = [{"code": "D", "metric": "m", "year": 2021, "target": 1, "due": due}]
    errors = errors_of(document(p))
    assert len(errors) == 1
    assert errors[0].startswith("plans[0].tasks[0].milestones[0].due: ")


def test_a_date_without_a_year_takes_the_milestone_year() -> None:
    p = plan()
    p["tasks"][0]["milestones"] = [{"code": "D", "metric": "m", "year": 2024, "target": 1, "due": "二季度"}]
    parsed = parse_plan_data(document(p), "f.yaml")
    assert parsed.plans[0].tasks[0].milestones[0].due == date(2024, 6, 30)


# ---- all or nothing -----------------------------------------------------------------------------


def test_a_failing_second_plan_leaves_the_first_unloaded(empty_ledger: Ledger, tmp_path: Path) -> None:
    second = plan("plan-b")
    second["tasks"][0]["tasks"][0]["milestones"][0]["target"] = None
    with pytest.raises(ImportErrors, match=r"plans\[1\]\.tasks\[0\]\.tasks\[0\]\.milestones\[0\]\.target"):
        empty_ledger.loader.load(write(tmp_path, document(plan("plan-a"), second)))
    assert empty_ledger.plans.list() == []
    assert change_count(empty_ledger) == 0


def test_a_failure_while_loading_rolls_back_the_whole_file(ledger: Ledger, tmp_path: Path) -> None:
    # valid on paper; the second plan names a parent the ledger does not have
    plans, changes = [p.key for p in ledger.plans.list()], change_count(ledger)
    path = write(
        tmp_path, document(plan("plan-a", parent="开州府办发〔2021〕61号"), plan("plan-b", parent="无此文"))
    )
    with pytest.raises(UserError, match="parent plan '无此文'"):
        ledger.loader.load(path)
    assert [p.key for p in ledger.plans.list()] == plans
    assert change_count(ledger) == changes
    assert ledger.milestones.list(MilestoneFilter(text="新增科技型企业", plan="kaizhou-7p"))  # seed untouched


def test_a_parent_in_the_same_file(empty_ledger: Ledger, tmp_path: Path) -> None:
    child = plan("plan-b", parent="plan-a〔2021〕1号")
    empty_ledger.loader.load(write(tmp_path, document(child, plan("plan-a"))))
    assert empty_ledger.plans.get("plan-b").parent_key == "plan-a"
