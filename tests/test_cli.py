"""Acceptance of the ledger core through the CLI, typed as a user would: seed, list, change, trace, prove."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tasktrack.domain.text import display_width
from tests.conftest import SeedTemplate, clone_into, db_value, evidence_store

AS_OF = ("--as-of", "2022-01-10")
PLAN_7P = "kaizhou-7p"
CJK = re.compile("[\u3400-\u9fff]")


# -- fixtures: a seeded database made once, copied for each test (seeding takes a second or two) ----------


@pytest.fixture
def plain(db_path: Path, seed_template: SeedTemplate) -> Path:
    """The bundled Kaizhou plans (no demonstration layer) at db_path."""
    return clone_into(seed_template("kaizhou.yaml"), db_path)


@pytest.fixture
def demo(db_path: Path, seed_template: SeedTemplate) -> Path:
    """The bundled plans plus the demonstration layer at db_path."""
    return clone_into(seed_template("kaizhou.yaml", "demo.yaml"), db_path)


def ok_json(res: Any) -> Any:
    assert res.code == 0, res.err
    assert "Traceback" not in res.err
    return json.loads(res.out)


def ok(res: Any) -> str:
    assert res.code == 0, res.err
    assert "Traceback" not in res.err
    return res.out


def change_count(path: Path) -> int:
    return db_value(path, "SELECT count(*) FROM change")


def by_code(milestones: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {m["code"]: m for m in milestones}


# -- table geometry -----------------------------------------------------------------------------------------


def column_starts(rule: str) -> list[int]:
    """Display offsets where the columns begin, read off the rule line ("───  ──────  ...")."""
    assert set(rule) <= {"─", " "}, rule
    starts, pos = [], 0
    for seg in rule.split("  "):
        starts.append(pos)
        pos += display_width(seg) + 2
    return starts


def cut(line: str, starts: list[int]) -> list[str]:
    """The cells of a table line cut at display offsets; fails unless every boundary falls in a two-cell gap."""
    at: dict[int, int] = {}  # display offset -> index of the character that begins there
    width = 0
    for i, ch in enumerate(line):
        at[width] = i
        width += display_width(ch)
    at[width] = len(line)
    cells, prev = [], 0
    for s in starts[1:]:
        if s - 2 >= width:  # the rest of the line is empty cells (lines carry no trailing spaces)
            end = start = len(line)
        else:
            assert s - 2 in at and (s in at or s > width), f"a character straddles offset {s}: {line!r}"
            end, start = at[s - 2], at.get(s, len(line))
            assert line[end:start].strip() == "", f"no gap before offset {s}: {line!r}"
        cells.append(line[prev:end])
        prev = start
    cells.append(line[prev:])
    return cells


def table_rows(text: str) -> tuple[list[str], list[list[str]]]:
    """Header cells and row cells of a plain-text table (header line, rule line, rows)."""
    lines = text.rstrip("\n").splitlines()
    rule_at = next(i for i, ln in enumerate(lines) if ln and set(ln) <= {"─", " "})
    starts = column_starts(lines[rule_at])
    total = starts[-1] + display_width(lines[rule_at].split("  ")[-1])
    for ln in lines[rule_at + 1 :]:
        assert display_width(ln) <= total, f"row wider than the rule: {ln!r}"
    raw = [cut(ln, starts) for ln in lines[rule_at - 1 : rule_at] + lines[rule_at + 1 :]]
    widths = [display_width(seg) for seg in lines[rule_at].split("  ")]
    for i, width in enumerate(widths):
        column = [r[i] for r in raw if r[i].strip()]
        flush_left = all(c == c.lstrip() for c in column)
        flush_right = all(c == c.rstrip() and display_width(c) == width for c in column)
        assert flush_left or flush_right, f"column {i} is ragged: {column!r}"
    header, *rows = [[c.strip() for c in r] for r in raw]
    return header, rows


# -- the plans and their targets ----------------------------------------------------------------------------


def test_seed_load_then_milestone_list_json_shows_the_plans_targets(cli, db_path: Path) -> None:
    ok(cli("seed", "load"))
    data = ok_json(cli(*AS_OF, "milestone", "list", "--json"))

    assert set(data) >= {"as_of", "count", "milestones"}
    assert data["as_of"] == "2022-01-10"
    assert data["count"] == len(data["milestones"]) > 0
    keys = {
        "plan",
        "code",
        "year",
        "due",
        "target",
        "unit",
        "kind",
        "status",
        "quote",
        "lead",
        "co",
        "overdue",
        "due_soon",
        "schedule",
        "rag",
        "reason",
    }
    for m in data["milestones"]:
        assert keys <= set(m), keys - set(m)

    mine = [m for m in data["milestones"] if m["plan"] == PLAN_7P]
    y2021 = [m for m in mine if m["year"] == 2021]
    y2025 = [m for m in mine if m["year"] == 2025]
    assert sorted(m["target"] for m in y2021 if m["target"] is not None) == [1.55, 15, 40, 40, 50, 2000]
    assert sorted(m["target"] for m in y2025 if m["target"] is not None) == [100, 120, 500]
    assert {m["code"] for m in mine} == {m["code"] for m in y2021 + y2025}

    for m in mine:
        assert m["quote"] and m["quote"].strip(), m["code"]
        if m["target"] is not None:  # the number comes from the sentence quoted
            assert f"{m['target']:g}" in m["quote"], (m["code"], m["quote"])
        assert m["due"] == f"{m['year']}-12-31"
        assert m["status"] == "not_started"
        assert m["lead"] is None  # 002 names no unit: nobody owns it until a coordinator assigns one
    for m in y2021:
        assert m["overdue"] is True, m["code"]
        assert (m["schedule"], m["rag"]) == ("overdue", "red"), m["code"]
        assert m["reason"]
    for m in y2025:
        assert m["overdue"] is False, m["code"]
        assert m["due_soon"] is False

    filtered = ok_json(cli(*AS_OF, "milestone", "list", "--plan", PLAN_7P, "--json"))
    assert [m["code"] for m in filtered["milestones"]] == [m["code"] for m in mine]
    overdue = ok_json(cli(*AS_OF, "milestone", "list", "--plan", PLAN_7P, "--overdue", "--json"))
    assert {m["code"] for m in overdue["milestones"]} == {m["code"] for m in y2021}


def test_as_of_moves_today(cli, plain: Path) -> None:
    """The same milestone is not overdue before its due date and overdue after it."""
    before = by_code(
        ok_json(cli("--as-of", "2021-06-30", "milestone", "list", "--plan", PLAN_7P, "--json"))["milestones"]
    )
    after = by_code(ok_json(cli(*AS_OF, "milestone", "list", "--plan", PLAN_7P, "--json"))["milestones"])
    assert before["1-M1"]["overdue"] is False
    assert after["1-M1"]["overdue"] is True
    assert before["1-M1"]["as_of"] != after["1-M1"]["as_of"]


INDICATORS = [  # 000 专栏2: name, unit, 2020 baseline, 2025 target, cumulative (【】)
    ("专栏2-1", "研究经费投入强度", "%", 1.5, 2, False),
    ("专栏2-2", "数字经济增加值占地区生产总值比重", "%", 2, 3, False),
    ("专栏2-3", "科技型企业", "家", 204, 500, True),
    ("专栏2-4", "高新技术企业", "家", 51, 100, True),
    ("专栏2-5", "专业研发机构和科技服务机构", "个", 50, 120, True),
    ("专栏2-6", "万人发明专利拥有量", "件", 1.05, 1.3, False),
    ("专栏2-7", "科技进步贡献率", "%", 60, 63, False),
    ("专栏2-8", "公民具备科学素质的比例", "%", 7.6, 12, False),
]


def test_indicator_list_json_has_the_eight_indicators_of_专栏2(cli, plain: Path) -> None:
    data = ok_json(cli(*AS_OF, "indicator", "list", "--json"))
    got = [
        (v["code"], v["name"], v["unit"], v["baseline_value"], v["target_value"], v["cumulative"])
        for v in data["indicators"]
    ]
    assert got == INDICATORS
    for v in data["indicators"]:
        assert (v["baseline_year"], v["target_year"]) == (2020, 2025)
        assert v["attribute"] == "expected"  # 预期性
        assert v["plan"] == "kaizhou-14fyp"

    text = ok(cli(*AS_OF, "indicator", "list"))
    assert "【204】" in text and "【500】" in text and "预期性" in text


# -- who changed what ---------------------------------------------------------------------------------------


def test_status_change_is_in_history_with_who_when_old_new_and_why(cli, plain: Path) -> None:
    before = datetime.now(UTC) - timedelta(seconds=2)
    res = cli(
        "--as",
        "王五",
        *AS_OF,
        "milestone",
        "set",
        f"{PLAN_7P}:2-M1",
        "--status",
        "done",
        "--note",
        "市政府批复（示例）",
    )
    ok(res)
    after = datetime.now(UTC) + timedelta(seconds=2)

    changes = ok_json(cli("history", "--json"))["changes"]
    status = [c for c in changes if c["entity"] == "milestone" and c["field"] == "status"]
    assert len(status) == 1
    c = status[0]
    assert (c["actor"], c["old"], c["new"], c["reason"]) == (
        "王五",
        "not_started",
        "done",
        "市政府批复（示例）",
    )
    assert c["label"] == "2-M1"
    at = datetime.fromisoformat(c["at"])
    at = at if at.tzinfo else at.replace(tzinfo=UTC)  # stored as UTC
    assert before <= at <= after  # when it was done, not the --as-of date

    header, rows = table_rows(ok(cli("history", f"{PLAN_7P}:2-M1")))
    who, field, old, new, why = (header.index(h) for h in ("操作人", "字段", "原值", "新值", "说明"))
    row = next(r for r in rows if r[old] == "未启动")  # in words; --json above keeps the stored values
    account = c["db_user"] or c["os_user"]  # the verified account, shown beside the claimed name
    assert (row[who], row[field], row[new], row[why]) == (f"王五（账号 {account}）", "状态", "已完成", "市政府批复（示例）")
    shown = datetime.strptime(row[0], "%Y-%m-%d %H:%M:%S").astimezone(UTC)  # local time on screen
    assert before - timedelta(seconds=1) <= shown <= after

    shown_m = ok_json(cli("milestone", "show", f"{PLAN_7P}:2-M1", "--json"))
    assert (shown_m["status"], shown_m["completed_on"]) == ("done", "2022-01-10")
    text = ok(cli("milestone", "show", f"{PLAN_7P}:2-M1"))
    status_line = next(ln for ln in text.splitlines() if ln.startswith("状态"))
    assert "已完成" in status_line and "2022-01-10" in status_line
    assert "王五" in text


def test_actual_value_and_edit_are_logged(cli, plain: Path) -> None:
    ok(
        cli(
            "--as", "李四", *AS_OF, "milestone", "progress", f"{PLAN_7P}:1-M2", "11", "--note", "市科技局认定"
        )
    )
    ok(
        cli(
            "--as",
            "李四",
            *AS_OF,
            "milestone",
            "edit",
            f"{PLAN_7P}:1-M2",
            "--due",
            "2022年6月底前",
            "--reason",
            "延期申请已批准",
        )
    )
    m = ok_json(cli(*AS_OF, "milestone", "show", f"{PLAN_7P}:1-M2", "--json"))
    assert (m["actual"], m["status"], m["due"]) == (11, "in_progress", "2022-06-30")
    assert m["overdue"] is False
    changes = ok_json(cli("history", f"{PLAN_7P}:1-M2", "--json"))["changes"]
    fields = {c["field"]: c for c in changes if c["actor"] == "李四"}
    assert (fields["actual"]["old"], fields["actual"]["new"]) == (None, "11")
    assert (fields["due"]["old"], fields["due"]["new"]) == ("2021-12-31", "2022-06-30")
    assert fields["due"]["reason"] == "延期申请已批准"


# -- seeding ------------------------------------------------------------------------------------------------


def test_seed_load_twice_is_refused_and_with_update_changes_nothing(cli, db_path: Path) -> None:
    first = ok(cli("seed", "load"))
    assert "kaizhou.yaml" in first
    n = change_count(db_path)
    refused = cli("--lang", "en", "seed", "load")
    assert refused.code == 2 and refused.out == "" and refused.err.count("\n") == 1
    assert "plan kaizhou-14fyp" in refused.err and "tasktrack seed load --update" in refused.err
    assert change_count(db_path) == n
    second = ok(cli("seed", "load", "--update"))
    assert "无变化" in second
    assert change_count(db_path) == n
    assert "nothing changed" in ok(cli("--lang", "en", "seed", "load", "--update"))
    again = ok_json(cli("seed", "load", "--update", "--json"))
    assert [(r["created"], r["updated"]) for r in again] == [({}, {})]
    assert change_count(db_path) == n


def test_seed_load_demo_loads_units_labelled_as_demo(cli, plain: Path) -> None:
    assert ok_json(cli("unit", "list", "--json"))["units"] == []  # the plans name no units
    res = cli("seed", "load", "--demo")
    out = ok(res)
    assert "demo.yaml" in out and "units +" in out
    assert "示例" in res.err  # the banner: demonstration data, not from the plan

    units = ok_json(cli("unit", "list", "--json"))["units"]
    assert units and all(u["is_demo"] for u in units)
    header, rows = table_rows(ok(cli("unit", "list")))
    name = header.index("名称")
    assert rows and all(r[name].endswith("（示例）") for r in rows)
    _, rows_en = table_rows(ok(cli("--lang", "en", "unit", "list")))
    assert all(r[1].endswith("(demo)") for r in rows_en)

    data = ok_json(cli(*AS_OF, "milestone", "list", "--json"))["milestones"]
    led = [m for m in data if m["lead"]]
    assert led and all(m["lead"]["demo"] for m in led)
    header, rows = table_rows(ok(cli(*AS_OF, "milestone", "list")))
    lead = header.index("牵头单位")
    assert len(rows) == len(data)
    for row, m in zip(rows, data, strict=True):
        assert row[lead].endswith("（示例）") == bool(m["lead"]), row
    _, rows_en = table_rows(ok(cli("--lang", "en", *AS_OF, "milestone", "list")))
    assert sum(r[-1].endswith("(demo)") for r in rows_en) == len(led)


# -- language -----------------------------------------------------------------------------------------------


@pytest.fixture
def c_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def test_chinese_is_the_default_and_lang_en_switches_words(cli, plain: Path, c_locale: None) -> None:
    zh_head, zh_rows = table_rows(ok(cli(*AS_OF, "milestone", "list", "--plan", PLAN_7P)))
    en_head, en_rows = table_rows(ok(cli("--lang", "en", *AS_OF, "milestone", "list", "--plan", PLAN_7P)))
    assert {"编号", "年度", "状态", "牵头单位"} <= set(zh_head)
    assert {"Code", "Year", "Status", "Lead unit"} <= set(en_head)
    assert not any(CJK.search(h) for h in en_head)
    st_zh, st_en = zh_head.index("状态"), en_head.index("Status")
    assert {r[st_zh] for r in zh_rows} == {"未启动"}
    assert {r[st_en] for r in en_rows} == {"not started"}
    zh_text = ok(cli(*AS_OF, "milestone", "list", "--plan", PLAN_7P))
    assert "逾期" in zh_text and "未明确" in zh_text
    en_text = ok(cli("--lang", "en", *AS_OF, "milestone", "list", "--plan", PLAN_7P))
    assert "overdue" in en_text and "unassigned" in en_text and "逾期" not in en_text


def test_english_locale_and_settings_choose_english(
    cli, plain: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert "Status" in ok(cli(*AS_OF, "milestone", "list"))
    assert "状态" in ok(cli("--lang", "zh", *AS_OF, "milestone", "list"))
    monkeypatch.setenv("LANG", "C.UTF-8")
    cfg = tmp_path / "settings.toml"
    cfg.write_text('lang = "en"\n', encoding="utf-8")
    monkeypatch.setenv("TASKTRACK_CONFIG", str(cfg))
    assert "Status" in ok(cli(*AS_OF, "milestone", "list"))


# -- owners -------------------------------------------------------------------------------------------------


def test_assign_lead_and_co_units_then_show_and_filter(cli, plain: Path) -> None:
    assert ok(cli("unit", "add", "开州区科学技术局", "--short", "区科技局", "--contact", "张明")).startswith(
        "#"
    )
    ok(cli("unit", "add", "开州区财政局", "--short", "区财政局"))
    ok(cli("unit", "add", "开州区统计局", "--short", "区统计局"))
    ok(
        cli(
            "task",
            "assign",
            f"{PLAN_7P}:1-3",
            "--lead",
            "区科技局",
            "--co",
            "区财政局",
            "--co",
            "区统计局",
            "--reason",
            "分工方案",
        )
    )

    task = ok_json(cli("task", "show", f"{PLAN_7P}:1-3", "--json"))
    assert task["lead"]["short_name"] == "区科技局"
    assert [u["short_name"] for u in task["co"]] == ["区财政局", "区统计局"]
    text = ok(cli("task", "show", f"{PLAN_7P}:1-3"))
    lines = {ln.split("  ", 1)[0]: ln.split("  ", 1)[1].strip() for ln in text.splitlines() if "  " in ln}
    assert lines["牵头单位"] == "区科技局"
    assert lines["配合单位"] == "区财政局、区统计局"
    assert "1-M1" in text and "1-M2" in text  # its milestones

    for unit in ("区科技局", "区财政局", "开州区统计局"):
        data = ok_json(cli(*AS_OF, "milestone", "list", "--unit", unit, "--json"))
        assert [m["code"] for m in data["milestones"]] == ["1-M1", "1-M2"], unit
        for m in data["milestones"]:
            assert m["lead"]["short_name"] == "区科技局"
            assert {u["short_name"] for u in m["co"]} == {"区财政局", "区统计局"}
    header, rows = table_rows(ok(cli(*AS_OF, "milestone", "list", "--unit", "区科技局")))
    assert [r[header.index("牵头单位")] for r in rows] == ["区科技局", "区科技局"]
    assert (
        ok_json(cli(*AS_OF, "milestone", "list", "--unassigned", "--plan", PLAN_7P, "--json"))["count"] == 9
    )

    changes = ok_json(cli("history", "1-3", "--task", "--json"))["changes"]
    assert any(c["reason"] == "分工方案" and "区科技局" in (c["new"] or "") for c in changes), changes


def test_sub_tasks_inherit_the_programmes_lead(cli, plain: Path) -> None:
    ok(cli("unit", "add", "开州区科学技术局", "--short", "区科技局"))
    ok(cli("task", "assign", f"{PLAN_7P}:1", "--lead", "区科技局"))
    task = ok_json(cli("task", "show", f"{PLAN_7P}:1-4", "--json"))
    assert task["lead"]["short_name"] == "区科技局"
    assert task["lead_inherited_from"] == "1"
    data = ok_json(cli(*AS_OF, "milestone", "list", "--unit", "区科技局", "--json"))
    assert [m["code"] for m in data["milestones"]] == ["1-M1", "1-M2", "1-M3", "1-M4"]


# -- evidence -----------------------------------------------------------------------------------------------


def test_evidence_file_is_kept_listed_and_verified(cli, plain: Path, tmp_path: Path) -> None:
    proof = tmp_path / "批复.pdf"
    content = "%PDF-1.4 开州区人民政府关于市级高新区的批复（示例）".encode()
    proof.write_bytes(content)
    sha = hashlib.sha256(content).hexdigest()

    out = ok(
        cli(
            "evidence",
            "add",
            f"{PLAN_7P}:2-M1",
            "--file",
            str(proof),
            "--text",
            "批复文件",
            "--doc-no",
            "渝府〔2021〕1号",
        )
    )
    assert sha in out
    rows = ok_json(cli("evidence", "list", "--json"))["evidence"]
    assert len(rows) == 1
    ev = rows[0]
    assert (ev["file_name"], ev["file_sha256"], ev["file_size"]) == ("批复.pdf", sha, len(content))
    assert (ev["text"], ev["doc_no"]) == ("批复文件", "渝府〔2021〕1号")
    header, table = table_rows(ok(cli("evidence", "list", f"{PLAN_7P}:2-M1")))
    assert table[0][header.index("文件")] == "批复.pdf"

    proof.write_bytes(b"changed after upload")  # the store keeps its own copy
    res = cli("evidence", "verify")
    assert res.code == 0, res.err
    assert ok_json(cli("evidence", "verify", "--json"))["bad"] == 0

    # 销号 needs evidence: now there is some
    ok(cli(*AS_OF, "milestone", "set", f"{PLAN_7P}:2-M1", "--status", "closed", "--note", "验收通过"))

    blobs = [p for p in evidence_store(plain).rglob("*") if p.is_file()]  # <db>.files, or TASKTRACK_FILES
    assert [p.name for p in blobs] == [sha]
    blobs[0].chmod(0o644)
    blobs[0].write_bytes(content + b"x")
    res = cli("evidence", "verify")
    assert res.code == 1
    assert "Traceback" not in res.err
    bad = json.loads(cli("evidence", "verify", "--json").out)
    assert bad["bad"] == 1 and bad["files"][0]["state"] == "corrupt"
    blobs[0].unlink()
    res = cli("evidence", "verify", "--json")
    assert res.code == 1
    assert json.loads(res.out)["files"][0]["state"] == "missing"


# -- indicators, progress reports, units, plans, settings ---------------------------------------------------


def test_indicator_record_shows_progress_and_keeps_the_old_reading(cli, plain: Path) -> None:
    out = ok(
        cli("--as", "统计员", *AS_OF, "indicator", "record", "专栏2-3", "2021", "260", "--note", "统计公报")
    )
    assert "【260】" in out
    v = ok_json(cli(*AS_OF, "indicator", "show", "专栏2-3", "--json"))
    assert (v["latest"]["period"], v["latest"]["value"], v["latest"]["note"]) == ("2021", 260, "统计公报")
    assert v["progress"] == pytest.approx((260 - 204) / (500 - 204), abs=1e-3)

    res = cli(*AS_OF, "indicator", "record", "专栏2-3", "2021", "270")
    assert res.code == 2 and "--replace" in res.err
    ok(cli("--as", "统计员", *AS_OF, "indicator", "record", "专栏2-3", "2021", "270", "--replace"))
    v = ok_json(cli(*AS_OF, "indicator", "show", "专栏2-3", "--json"))
    assert [r["value"] for r in v["readings"]] == [270]
    changes = ok_json(cli("history", "--actor", "统计员", "--json"))["changes"]
    assert any(c["old"] == "260" and c["new"] == "270" for c in changes), changes
    text = ok(cli(*AS_OF, "indicator", "show", "专栏2-3"))
    assert "【270】" in text and "2021" in text


def test_progress_reports_add_and_list(cli, demo: Path) -> None:
    out = ok(
        cli(
            "--as",
            "张明",
            "progress",
            "add",
            f"{PLAN_7P}:1-3",
            "--unit",
            "区科技局",
            "--period",
            "2021-12",
            "--progress",
            "已认定科技型企业56家",
            "--problems",
            "高企申报偏少",
            "--next-steps",
            "加强培育",
            "--value",
            "56",
        )
    )
    assert out.startswith("#") and "2021-12" in out
    reports = ok_json(cli("progress", "list", f"{PLAN_7P}:1-3", "--json"))["reports"]
    mine = [r for r in reports if r["period"] == "2021-12" and r["author"] == "张明"]
    assert len(mine) == 1
    r = mine[0]
    assert (r["progress"], r["problems"], r["next_steps"], r["value"]) == (
        "已认定科技型企业56家",
        "高企申报偏少",
        "加强培育",
        56,
    )
    assert r["unit"]["short_name"] == "区科技局"
    header, rows = table_rows(ok(cli("progress", "list", f"{PLAN_7P}:1-3")))
    assert any(row[header.index("进展情况")] == "已认定科技型企业56家" for row in rows)
    every = ok_json(cli("progress", "list", "--all", "--json"))["reports"]
    assert len(every) >= len(ok_json(cli("progress", "list", "--json"))["reports"])


def test_unit_add_and_edit_keep_history(cli, plain: Path) -> None:
    ok(
        cli(
            "unit",
            "add",
            "开州区科学技术局",
            "--short",
            "区科技局",
            "--contact",
            "张明",
            "--email",
            "kjj@example.invalid",
        )
    )
    out = ok(
        cli(
            "--as",
            "办公室",
            "unit",
            "edit",
            "区科技局",
            "--contact",
            "李四",
            "--phone",
            "023-1234",
            "--reason",
            "人员调整",
        )
    )
    assert "李四" in out
    [u] = ok_json(cli("unit", "list", "--json"))["units"]
    assert (u["name"], u["short_name"], u["contact"], u["phone"]) == (
        "开州区科学技术局",
        "区科技局",
        "李四",
        "023-1234",
    )
    assert u["is_demo"] is False
    header, rows = table_rows(ok(cli("unit", "list")))
    assert rows[0][header.index("联络员")] == "李四"
    assert not rows[0][header.index("名称")].endswith("（示例）")
    changes = ok_json(cli("history", "--entity", "unit", "--json"))["changes"]
    contact = [c for c in changes if c["field"] == "contact" and c["actor"] == "办公室"]
    assert [(c["old"], c["new"], c["reason"]) for c in contact] == [("张明", "李四", "人员调整")]


def test_plan_list_and_show(cli, plain: Path) -> None:
    plans = ok_json(cli("plan", "list", "--json"))["plans"]
    assert [(p["key"], p["doc_no"]) for p in plans] == [
        ("kaizhou-14fyp", "开州府办发〔2021〕61号"),
        ("kaizhou-7p", "开州府办发〔2021〕63号"),
    ]
    seven = plans[1]
    assert (seven["issued"], seven["period_start"], seven["period_end"]) == ("2021-08-23", 2021, 2025)
    assert seven["parent_key"] == "kaizhou-14fyp" and seven["milestones"] == 11
    header, rows = table_rows(ok(cli("plan", "list")))
    assert [r[header.index("发文字号")] for r in rows] == ["开州府办发〔2021〕61号", "开州府办发〔2021〕63号"]

    shown = ok_json(cli("plan", "show", "开州府办发〔2021〕63号", "--json"))
    assert shown["plan"]["key"] == PLAN_7P
    assert {"1", "1-3", "2", "三"} <= {t["code"] for t in shown["tasks"]}
    text = ok(cli("plan", "show", PLAN_7P))
    assert "开州府办发〔2021〕63号" in text and "2021年8月23日" in text
    assert any(ln.startswith("1  科技企业成长工程") for ln in text.splitlines())
    assert any(ln.startswith("  1-3  ") for ln in text.splitlines())


def test_config_show_reads_tasktrack_config(cli, plain: Path, tmp_path: Path, monkeypatch) -> None:
    cfg = tmp_path / "tasktrack.toml"
    cfg.write_text(
        'amber_points = 5.0\nred_points = 15.0\ncoordinator_name = "区科技局办公室"\n', encoding="utf-8"
    )
    monkeypatch.setenv("TASKTRACK_CONFIG", str(cfg))
    data = ok_json(cli("config", "show", "--json"))
    assert data["config_file"] == str(cfg)
    assert data["database"] == str(plain)  # as given with --db: a file path, or a URL
    assert (data["amber_points"], data["red_points"], data["coordinator_name"]) == (
        5.0,
        15.0,
        "区科技局办公室",
    )
    assert data["lang"] == "zh"
    _header, rows = table_rows(ok(cli("config", "show")))
    assert dict((r[0], r[1]) for r in rows)["red_points"] == "15.0"
    # the colour rule follows the settings: 20.5 points behind 序时 is amber by default, red beyond 15
    m = by_code(ok_json(cli(*AS_OF, "milestone", "list", "--plan", PLAN_7P, "--json"))["milestones"])["1-M3"]
    assert m["rag"] == "red"
    monkeypatch.setenv("TASKTRACK_CONFIG", str(tmp_path / "missing.toml"))
    m = by_code(ok_json(cli(*AS_OF, "milestone", "list", "--plan", PLAN_7P, "--json"))["milestones"])["1-M3"]
    assert m["rag"] == "amber"


def test_config_show_with_a_broken_toml_file_is_a_one_line_error(cli, plain, tmp_path, monkeypatch) -> None:
    cfg = tmp_path / "tasktrack.toml"
    cfg.write_text('lang = "en\n', encoding="utf-8")
    monkeypatch.setenv("TASKTRACK_CONFIG", str(cfg))
    res = cli("config", "show")
    assert res.code == 2
    assert res.out == ""
    lines = res.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("tasktrack: error:"), res.err
    assert str(cfg) in lines[0] and "TOML" in lines[0]


# -- CJK tables ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("milestone", "list"),
        ("unit", "list"),
        ("plan", "list"),
        ("task", "list"),
        ("indicator", "list"),
        ("progress", "list"),
        ("evidence", "list"),
        ("history", "--limit", "40"),
        ("--lang", "en", "milestone", "list"),
    ],
    ids=lambda a: " ".join(a),
)
def test_cjk_tables_keep_their_columns_aligned(cli, demo: Path, args: tuple[str, ...]) -> None:
    text = ok(cli(*AS_OF, *args))
    _header, rows = table_rows(text)  # fails if any row's boundaries miss the columns
    assert rows
    assert len(text.splitlines()) == len(rows) + 2
    assert any(CJK.search(c) for r in rows for c in r), "the table should hold some Chinese"


def test_milestone_table_cells_are_the_milestones_values(cli, demo: Path) -> None:
    """Cut at the rule's offsets, each cell holds exactly the value of its column: nothing shifted."""
    data = ok_json(cli(*AS_OF, "milestone", "list", "--json"))["milestones"]
    header, rows = table_rows(ok(cli(*AS_OF, "milestone", "list")))
    col = {h: i for i, h in enumerate(header)}
    assert len(rows) == len(data)
    for row, m in zip(rows, data, strict=True):
        assert row[col["ID"]] == str(m["id"])
        assert row[col["编号"]] == m["code"]
        assert row[col["年度"]] == str(m["year"])
        assert row[col["目标内容"]] == m["metric"]
        assert row[col["完成时限"]] == m["due"]
        lead = m["lead"]
        assert row[col["牵头单位"]] == (f"{lead['short_name'] or lead['name']}（示例）" if lead else "未明确")
