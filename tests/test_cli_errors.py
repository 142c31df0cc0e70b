"""Bad input: one line on stderr starting `tasktrack: error:`, no traceback, exit code 2, and nothing written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SeedTemplate, clone_into, db_checksum, db_is_blank, db_value, make_blank

PREFIX = "tasktrack: error:"
M = "kaizhou-7p:1-M2"  # a 2021 milestone of the demo layer: in progress, actual 11, led by 区科技局（示例）
TASK = "kaizhou-7p:1-3"


@pytest.fixture
def seeded(db_path: Path, seed_template: SeedTemplate) -> Path:
    """The bundled plans plus the demonstration layer at db_path."""
    return clone_into(seed_template("kaizhou.yaml", "demo.yaml"), db_path)


def snapshot(path: Path) -> dict[str, Any]:
    """The count of change rows, a checksum of the milestone table and one of every table."""
    tables = db_checksum(path)
    return {
        "changes": db_value(path, "SELECT count(*) FROM change"),
        "milestone": tables["milestone"],
        "all": tables,
    }


def assert_one_line_error(res: Any, *fragments: str) -> str:
    assert res.code == 2, (res.code, res.err)
    assert "Traceback" not in res.err and "Traceback" not in res.out
    lines = res.err.splitlines()
    assert len(lines) == 1, res.err
    assert lines[0].startswith(PREFIX), lines[0]
    assert lines[0][len(PREFIX) :].strip(), "the error says what was wrong"
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    return lines[0]


BAD_INPUT = [
    # unknown milestones and codes
    (("milestone", "show", "9999"), ["9999"]),
    (("milestone", "set", "9999", "--status", "done"), ["9999"]),
    (("milestone", "set", "kaizhou-7p:9-M9", "--status", "done"), ["9-M9"]),
    (("milestone", "progress", "nosuch", "5"), ["nosuch"]),
    (("milestone", "set", "no-such-plan:1-M2", "--status", "done"), ["no-such-plan"]),
    (("milestone", "edit", "kaizhou-7p:1-M99", "--target", "5"), ["1-M99"]),
    (("task", "assign", "kaizhou-7p:9-9", "--lead", "区科技局"), ["9-9"]),
    (("evidence", "add", "kaizhou-7p:9-M9", "--text", "x"), ["9-M9"]),
    # dates
    (("--as-of", "2021824", "milestone", "list"), ["2021824"]),
    (("--as-of", "03/04/2021", "milestone", "list"), ["03/04/2021"]),
    (("milestone", "edit", M, "--due", "13月"), ["13月"]),
    (("milestone", "edit", M, "--due", "2021-02-30"), ["2021-02-30"]),
    (("milestone", "edit", M, "--due", "2021824"), ["2021824"]),
    (("milestone", "set", M, "--status", "done", "--on", "2021824"), ["2021824"]),
    (("history", "--since", "03/04/2021"), ["03/04/2021"]),
    # statuses
    (("milestone", "set", M, "--status", "finito"), ["finito"]),
    (("milestone", "list", "--status", "finito"), ["finito"]),
    (("task", "edit", TASK, "--status", "finito"), ["finito"]),
    # units
    (("task", "assign", TASK, "--lead", "不存在局"), ["不存在局"]),
    (("task", "assign", TASK, "--co", "区科技局", "--co", "不存在局"), ["不存在局"]),
    (("milestone", "list", "--unit", "不存在局"), ["不存在局"]),
    (
        ("progress", "add", "kaizhou-7p:2-2", "--unit", "区教委", "--period", "2021-12", "--progress", "x"),
        ["区教委"],
    ),
    # language
    (("--lang", "fr", "milestone", "list"), ["fr"]),
    # numbers
    (("milestone", "progress", M, "abc"), ["abc"]),
    (("milestone", "progress", M, "五十"), ["五十"]),
    (("milestone", "edit", M, "--target", "十五家"), ["十五家"]),
    (("indicator", "record", "专栏2-3", "2021", "abc"), ["abc"]),
    (("progress", "add", TASK, "--unit", "区科技局", "--period", "2021-12", "--value", "abc"), ["abc"]),
    # other refusals
    (("milestone", "progress", "kaizhou-7p:2-M2", "5"), ["事项类节点"]),
    (("milestone", "set", M, "--status", "closed"), ["evidence"]),
    (("progress", "add", TASK, "--unit", "区科技局", "--period", "2021-13", "--progress", "x"), ["2021-13"]),
    (("milestone", "edit", M), []),
    (("--as", " ", "milestone", "list"), ["--as"]),
]


@pytest.mark.parametrize(("args", "fragments"), [pytest.param(a, f, id=" ".join(a)) for a, f in BAD_INPUT])
def test_bad_input_is_one_line_exit_2_and_changes_nothing(
    cli, seeded: Path, args: tuple[str, ...], fragments: list[str]
) -> None:
    before = snapshot(seeded)
    res = cli("--as-of", "2022-01-10", *args)
    assert_one_line_error(res, *fragments)
    assert res.out == ""
    after = snapshot(seeded)
    assert after["changes"] == before["changes"]
    assert after["milestone"] == before["milestone"]
    assert after["all"] == before["all"]


def test_the_error_line_names_the_problem_and_the_fix(cli, seeded: Path) -> None:
    line = assert_one_line_error(cli("--as-of", "2021824", "milestone", "list"))
    assert "2021-08-24" in line  # says how to write it, does not guess silently
    line = assert_one_line_error(cli("milestone", "set", M, "--status", "finito"))
    assert "done" in line and "已完成" in line
    line = assert_one_line_error(cli("task", "assign", TASK, "--lead", "不存在局"))
    assert "unit list" in line or "unit add" in line


def test_a_missing_database_directory_is_an_error_and_creates_nothing(cli, tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "dir"
    res = cli("milestone", "list", db=missing / "t.db")
    assert_one_line_error(res, str(missing))
    assert not (tmp_path / "no").exists()
    for args in (("seed", "load"), ("unit", "add", "区科技局"), ("init",)):
        assert_one_line_error(cli(*args, db=missing / "t.db"))
    assert not (tmp_path / "no").exists()


def test_the_nonexistent_dir_of_the_brief(cli) -> None:
    existed = Path("/nonexistent").exists()
    res = cli("milestone", "list", db=Path("/nonexistent/dir/t.db"))
    assert_one_line_error(res, "/nonexistent/dir")
    assert Path("/nonexistent").exists() == existed


def test_an_error_before_any_database_is_opened_creates_none(cli, db_path: Path) -> None:
    make_blank(db_path)
    assert_one_line_error(cli("--as-of", "2021824", "milestone", "list"))
    assert_one_line_error(cli("--lang", "fr", "unit", "list"))
    assert db_is_blank(db_path)


def test_a_settings_file_that_is_not_toml_is_one_line(cli, seeded, tmp_path, monkeypatch) -> None:
    cfg = tmp_path / "bad.toml"
    cfg.write_text("amber_points = = 3\n", encoding="utf-8")
    monkeypatch.setenv("TASKTRACK_CONFIG", str(cfg))
    before = snapshot(seeded)
    assert_one_line_error(cli("milestone", "list"), str(cfg))
    cfg.write_text("colour = 1\n", encoding="utf-8")
    assert_one_line_error(cli("milestone", "list"), "colour")
    cfg.write_bytes(b"lang = '\xff'\n")
    assert_one_line_error(cli("milestone", "list"), str(cfg))
    assert snapshot(seeded) == before


# -- product bugs found while writing these tests ------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("milestone", "progress", M, "nan"),
        ("milestone", "progress", M, "inf"),
        ("milestone", "progress", M, "1e400"),
        ("milestone", "edit", M, "--target", "nan"),
        ("progress", "add", TASK, "--unit", "区科技局", "--period", "2021-12", "--value", "nan"),
    ],
    ids=lambda a: " ".join(a[-2:]),
)
def test_a_non_finite_number_is_a_user_error(cli, seeded: Path, args: tuple[str, ...]) -> None:
    before = snapshot(seeded)
    line = assert_one_line_error(cli(*args))
    assert "应为数字" in line or "应为绝对值小于10^15的有限数" in line, line
    assert snapshot(seeded) == before


def test_a_nan_indicator_reading_is_refused_as_not_a_number(cli, seeded: Path) -> None:
    assert_one_line_error(cli("indicator", "record", "专栏2-3", "2023", "nan"), "应为数字")
    assert_one_line_error(cli("--lang", "en", "indicator", "record", "专栏2-3", "2023", "nan"), "must be a number")


@pytest.mark.parametrize("line", ['amber_points = "x"', 'red_points = "high"', 'due_soon_days = "two weeks"'])
def test_a_settings_value_of_the_wrong_type_is_a_user_error(cli, seeded, tmp_path, monkeypatch, line) -> None:
    cfg = tmp_path / "typed.toml"
    cfg.write_text(line + "\n", encoding="utf-8")
    monkeypatch.setenv("TASKTRACK_CONFIG", str(cfg))
    assert_one_line_error(cli("--as-of", "2022-01-10", "milestone", "list"), line.split()[0])


@pytest.mark.parametrize(
    "args",
    [
        ("no-such-command",),
        ("milestone", "list", "--year", "twenty"),
        ("milestone", "list", "--limit", "0"),
        ("milestone", "set", M),
        ("milestone", "list", "--no-such-option"),
    ],
    ids=" ".join,
)
def test_a_usage_error_exits_2(cli, seeded: Path, args: tuple[str, ...]) -> None:
    res = cli(*args)
    assert res.code == 2, res.err
    assert "Traceback" not in res.err
    assert not any(word in res.err for word in ("UsageError:", "BadParameter:", "MissingParameter:"))


def test_a_month_13_without_a_year_is_not_suggested_back(cli, seeded: Path) -> None:
    line = assert_one_line_error(cli("--as-of", "13月", "milestone", "list"), "13")
    assert "年13月" not in line


@pytest.mark.parametrize(
    "args, says",
    [
        (("progress", "remove", "1"), "Missing option '--reason' (see 'tasktrack progress remove -h')"),
        (("milestone", "lst"), "No such command 'lst'"),
        (("milestone", "progress", "1-M1", "5", "--nte", "x"), "Got unexpected extra argument(s) (--nte x)"),
    ],
)
def test_a_usage_error_is_one_line_with_exit_2_and_where_to_look(cli, args, says: str) -> None:  # type: ignore[no-untyped-def]
    res = cli(*args)
    assert res.code == 2 and res.out == ""
    assert res.err.count("\n") == 1 and res.err.startswith("tasktrack: error: ") and says in res.err
