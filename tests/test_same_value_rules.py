"""The same value gets the same answer on every path into the ledger: the CLI, a service call (what the
TUI makes), the TUI's form, a returned 台账 as CSV and as XLSX. One rule (tasktrack.domain.numbers)
decides; these check that each path asks it, and that what they write to the change log is the same."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tasktrack import present
from tasktrack.domain.numbers import NumberError, parse_value
from tasktrack.errors import Conflict, UserError
from tasktrack.importers.planfile import ImportErrors
from tasktrack.models import Change
from tasktrack.services.history import HistoryFilter
from tasktrack.services.ledger import Ledger
from tasktrack.tui.modals.edits import number_text
from tests.test_ledger_import import apply, write_csv, write_xlsx

M = "kaizhou-7p:1-M1"  # a count (新增科技型企业), no actual yet, not started

# value typed → what every path does with it: a number recorded, None (cleared), or the refusal's words
CASES: list[tuple[str, Any]] = [
    ("-5", -5.0),  # a fall is a real figure (growth rates)
    ("1,234", 1234.0),
    ("１２", 12.0),  # typed with a Chinese input method
    ("1.55%", 1.55),
    ("nan", "actual must be a number, not 'nan'; write e.g. 56, -5 or 1.55"),
    ("inf", "actual must be a number, not 'inf'; write e.g. 56, -5 or 1.55"),
    ("-1e400", "actual must be a finite number below 10^15 in size, not '-1e400'; write e.g. 56 or 1.55"),
    ("1e308", "actual must be a finite number below 10^15 in size, not '1e308'; write e.g. 56 or 1.55"),
    ("9" * 400, "actual must be a finite number below 10^15 in size, not '" + "9" * 40 + "…'; write e.g. 56 or 1.55"),
    ("56家", "actual must be a number, not '56家'; write e.g. 56, -5 or 1.55"),
    ("5\x1b[2J", "actual must be a number, not '5\\x1b[2J'; write e.g. 56, -5 or 1.55"),
]
CLEARING = [("none", None), ("无", None), ("", "actual is empty; write a number such as 56, or none for no value")]


def _changes(ledger: Ledger, since: int) -> list[tuple[str, str, str | None, str | None]]:
    with ledger.ctx.engine.connect() as conn:
        rows = conn.execute(
            Change.__table__.select().where(Change.id > since).order_by(Change.id)
        ).all()
    return [(r.entity, r.field, r.old, r.new) for r in rows]


def _last_id(ledger: Ledger) -> int:
    with ledger.ctx.engine.connect() as conn:
        return conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM change").scalar() or 0


def via_cli(ledger: Ledger, cli: Any, tmp: Path, value: str) -> Any:
    r = cli("--lang", "en", "milestone", "progress", M, value)  # compared with the English of the other paths
    if r.code:
        assert r.code == 2 and r.err.count("\n") == 1 and r.err.startswith("tasktrack: error: ")
        return r.err.removeprefix("tasktrack: error: ").rstrip("\n").replace("actual value", "actual")
    return ledger.milestones.get(M).actual


def via_service(ledger: Ledger, cli: Any, tmp: Path, value: str) -> Any:
    try:
        return ledger.milestones.record_actual(M, value).actual
    except UserError as exc:
        return str(exc).replace("actual value", "actual")


def via_tui_form(ledger: Ledger, cli: Any, tmp: Path, value: str) -> Any:
    try:
        typed = number_text(value)  # what the form hands to the service, as the TUI's editing does
    except ValueError as exc:
        return str(exc).replace("actual value", "actual")
    return ledger.milestones.record_actual(M, typed or None).actual


def _sheet(ledger: Ledger, path: Path) -> Any:
    try:
        apply(ledger, path, plan="kaizhou-7p")
    except ImportErrors as exc:
        (error,) = exc.errors
        assert error.startswith("row 2, 实际: ")
        return error.removeprefix("row 2, 实际: ")
    return ledger.milestones.get(M).actual


def via_csv(ledger: Ledger, cli: Any, tmp: Path, value: str) -> Any:
    return _sheet(ledger, write_csv(tmp / "台账.csv", [["编号", "实际"], ["1-M1", value]]))


def via_xlsx(ledger: Ledger, cli: Any, tmp: Path, value: str) -> Any:
    return _sheet(ledger, write_xlsx(tmp / "台账.xlsx", [["编号", "实际"], ["1-M1", value]]))


PATHS = [via_cli, via_service, via_tui_form, via_csv, via_xlsx]


@pytest.mark.parametrize("value, expected", CASES, ids=[repr(v)[:20] for v, _ in CASES])
@pytest.mark.parametrize("path", PATHS, ids=[p.__name__ for p in PATHS])
def test_a_value_gets_the_same_answer_on_every_path(
    ledger: Ledger, cli: Any, tmp_path: Path, path: Any, value: str, expected: Any
) -> None:
    if path is via_xlsx and "\x1b" in value:
        pytest.skip("a worksheet cannot hold a control character (openpyxl refuses to write one)")
    before = _last_id(ledger)
    got = path(ledger, cli, tmp_path, value)
    assert got == expected
    written = _changes(ledger, before)
    if isinstance(expected, str):  # refused: nothing written
        assert written == []
    else:  # the same change-log rows whichever way it came in
        assert written == [
            ("milestone", "actual", None, f"{expected:g}" if expected != int(expected) else str(int(expected))),
            ("milestone", "status", "not_started", "in_progress"),
        ]


@pytest.mark.parametrize("path", [via_cli, via_service, via_tui_form], ids=["cli", "service", "tui"])
@pytest.mark.parametrize("value, expected", CLEARING, ids=["none", "无", "empty"])
def test_none_clears_and_an_empty_value_never_does(
    ledger: Ledger, cli: Any, tmp_path: Path, path: Any, value: str, expected: Any
) -> None:
    ledger.milestones.record_actual(M, 30)
    got = path(ledger, cli, tmp_path, value)
    assert got == expected
    assert ledger.milestones.get(M).actual == (None if expected is None else 30)


def test_an_empty_cell_in_a_returned_sheet_leaves_the_value_as_it_is(ledger: Ledger, tmp_path: Path) -> None:
    ledger.milestones.record_actual(M, 30)
    for path in (via_csv, via_xlsx):
        assert path(ledger, None, tmp_path, "") == 30


def test_the_rule_itself_takes_python_numbers_the_same_way() -> None:
    assert parse_value(-5, "actual") == -5.0 and parse_value(None, "actual") is None
    for bad in (float("nan"), float("inf"), 10**400, True):
        with pytest.raises(NumberError):
            parse_value(bad, "actual")


UNKNOWN_UNIT = "no unit '区不存在局'; see 'tasktrack unit list' or add it with 'tasktrack unit add'"


def _assign_cli(ledger: Ledger, cli: Any, tmp: Path) -> str:
    r = cli("--lang", "en", "task", "assign", "kaizhou-7p:1-3", "--lead", "区不存在局")
    assert r.code == 2 and r.err.count("\n") == 1
    return r.err.removeprefix("tasktrack: error: ").rstrip("\n")


def _assign_service(ledger: Ledger, cli: Any, tmp: Path) -> str:
    with pytest.raises(UserError) as exc:
        ledger.tasks.assign("kaizhou-7p:1-3", lead="区不存在局")
    return str(exc.value)


def _sheet_lead_error(ledger: Ledger, path: Path) -> str:
    with pytest.raises(ImportErrors) as exc:
        apply(ledger, path, plan="kaizhou-7p")
    (error,) = exc.value.errors
    assert error.startswith("row 2, 牵头单位: ")
    return error.removeprefix("row 2, 牵头单位: ")


@pytest.mark.parametrize("path", ["cli", "service", "csv", "xlsx"])
def test_an_unknown_unit_gets_the_same_refusal_on_every_path(
    ledger: Ledger, cli: Any, tmp_path: Path, path: str
) -> None:
    before = _last_id(ledger)
    if path == "cli":
        got = _assign_cli(ledger, cli, tmp_path)
    elif path == "service":
        got = _assign_service(ledger, cli, tmp_path)
    else:
        rows = [["编号", "牵头单位"], ["1-M1", "区不存在局"]]
        sheet = write_csv(tmp_path / "台账.csv", rows) if path == "csv" else write_xlsx(tmp_path / "台账.xlsx", rows)
        got = _sheet_lead_error(ledger, sheet)
    assert got == UNKNOWN_UNIT
    assert _changes(ledger, before) == []


# ---- one table: every hostile or edge value through every entry path -------------------------------------
#
# Each path is asked the same value for the same field, and answers with (outcome, change-log rows): the
# value stored, or the refusal's words (its path-specific prefix taken off). Its reference is the CLI for the
# same field: `milestone progress` for the actual value (the service call the TUI makes, the TUI's form, a
# returned 台账 as CSV and as XLSX), `milestone edit --target` for a target (a plan file updating its plan).
# `undo` of whatever a path wrote writes the same rows whichever path wrote it. A stale version is refused
# on every path that carries one, naming who changed the row since, and written nowhere.

HUGE = "x" * 100_000
TABLE = [*(v for v, _ in CASES), "", HUGE]
PLAN_KEY = "values"
T = f"{PLAN_KEY}:1-M1"  # a milestone of a plan loaded from a file: target 50


def _plan_file(tmp: Path, target: str) -> Path:
    import json

    from tests.test_plan_values import PLAN

    path = tmp / "values.yaml"
    path.write_text(PLAN.format(target=json.dumps(target), baseline=10), encoding="utf-8")  # JSON is YAML
    return path


@pytest.fixture
def planned(ledger: Ledger, tmp_path: Path) -> Ledger:
    ledger.loader.load(_plan_file(tmp_path, "50"))
    return ledger


def _reverted(ledger: Ledger, since: int) -> list[Any]:
    """What an undo wrote, without its own row naming the command it undid."""
    return [c for c in _changes(ledger, since) if c[0] != "command"]


def _outcome(ledger: Ledger, before: int, got: Any) -> tuple[Any, list[Any]]:
    return got, _changes(ledger, before)


def _cli_answer(r: Any) -> str:
    assert r.code == 2 and r.err.count("\n") == 1 and r.err.startswith("tasktrack: error: "), r
    return r.err.removeprefix("tasktrack: error: ").rstrip("\n").replace("actual value", "actual")


def actual_by_cli(ledger: Ledger, cli: Any, tmp: Path, value: str) -> Any:
    r = cli("--lang", "en", "milestone", "progress", M, value)  # compared with the English of the other paths
    return _cli_answer(r) if r.code else ledger.milestones.get(M).actual


def target_by_cli(ledger: Ledger, cli: Any, tmp: Path, value: str) -> Any:
    r = cli("--lang", "en", "milestone", "edit", T, f"--target={value}", "-r", "x")
    return _cli_answer(r) if r.code else ledger.milestones.get(T).target


def target_by_plan_file(ledger: Ledger, cli: Any, tmp: Path, value: str) -> Any:
    try:
        ledger.loader.load(_plan_file(tmp, value), update=True)
    except UserError as exc:
        text = str(exc)
        assert "\n" not in text and "nothing loaded" in text
        return text.split("plans[0].tasks[0].milestones[0].target: ", 1)[1].split(" (nothing loaded")[0]
    return ledger.milestones.get(T).target


# path → (its reference on the CLI, whether the value reaches it at all: a worksheet cannot hold a control
# character, and an empty cell says nothing, so it changes nothing)
ENTRY_PATHS: dict[str, tuple[Any, Any]] = {
    "service (TUI)": (via_service, actual_by_cli),
    "TUI form": (via_tui_form, actual_by_cli),
    "台账 CSV": (via_csv, actual_by_cli),
    "台账 XLSX": (via_xlsx, actual_by_cli),
    "plan file": (target_by_plan_file, target_by_cli),
}


@pytest.mark.parametrize("value", TABLE, ids=[repr(v)[:16] for v in TABLE])
@pytest.mark.parametrize("name", list(ENTRY_PATHS))
def test_every_entry_path_gives_the_clis_outcome_and_change_log_rows_and_undo_the_same_rows(
    planned: Ledger, cli: Any, tmp_path: Path, db_path: Path, name: str, value: str
) -> None:
    path, reference = ENTRY_PATHS[name]
    if path is via_xlsx and "\x1b" in value:
        pytest.skip("a worksheet cannot hold a control character (openpyxl refuses to write one)")
    ledger = planned
    # The reference first, then undo it: the ledger is back where it was (or the CLI refused: untouched).
    start = _last_id(ledger)
    expected, expected_rows = _outcome(ledger, start, reference(ledger, cli, tmp_path, value))
    undo_rows: list[Any] = []
    if expected_rows:
        mark = _last_id(ledger)
        assert cli("undo").code == 0
        undo_rows = _reverted(ledger, mark)
        assert sorted((e, f, new, old) for e, f, old, new in undo_rows) == sorted(expected_rows)
    before = _last_id(ledger)
    got, rows = _outcome(ledger, before, path(ledger, cli, tmp_path, value))
    if value == "" and path in (via_csv, via_xlsx):  # an empty cell changes nothing: nothing to refuse
        assert isinstance(expected, str) and expected_rows == []
        assert rows == []
        return
    assert got == expected
    assert rows == expected_rows
    if rows:  # and undo of what this path wrote writes what undo of the CLI's change wrote
        mark = _last_id(ledger)
        ledger.undo.undo()  # as the actor the path wrote as
        assert _reverted(ledger, mark) == undo_rows


def _someone_changes(db_path: Path, ref: str, **values: Any) -> None:
    from tests.conftest import make_ledger

    other = make_ledger(db_path, actor="王五")
    try:
        if "actual" in values:
            other.milestones.record_actual(ref, values["actual"])
        else:
            other.milestones.edit(ref, values, reason="依据会议纪要")
    finally:
        other.close()


STALE_PATHS = ["CLI", "service (TUI)", "台账 CSV", "台账 XLSX", "plan file", "undo"]


@pytest.mark.parametrize("name", STALE_PATHS)
def test_a_stale_version_is_refused_on_every_path_naming_who_and_when_and_nothing_is_written(
    planned: Ledger, cli: Any, tmp_path: Path, db_path: Path, name: str
) -> None:
    ledger = planned
    if name == "undo":
        ledger.milestones.record_actual(M, 7)  # ours; then someone builds on it
    opened = ledger.milestones.get(M).version
    if name == "plan file":
        _someone_changes(db_path, T, target=60)
    else:
        _someone_changes(db_path, M, actual=20)
    when = present.stamp(ledger.history.list(HistoryFilter(limit=1))[0].at)
    before = _last_id(ledger)
    if name == "CLI":
        said = _cli_answer(cli("milestone", "progress", M, "7", "--expect-version", str(opened)))
    elif name == "service (TUI)":  # what the TUI's form sends: the version it was opened at
        with pytest.raises(Conflict) as exc:
            ledger.milestones.record_actual(M, "7", expected_version=opened)
        said = str(exc.value)
        assert (exc.value.changed_by, present.stamp(exc.value.changed_at)) == ("王五", when)
    elif name in ("台账 CSV", "台账 XLSX"):
        write = write_csv if name == "台账 CSV" else write_xlsx
        sheet = write(tmp_path / ("台账.csv" if name == "台账 CSV" else "台账.xlsx"),
                      [["编号", "实际", "行版本"], ["1-M1", "7", f"m{opened}"]])  # fmt: skip
        with pytest.raises(ImportErrors) as sheet_exc:
            apply(ledger, sheet, plan="kaizhou-7p")
        (said,) = sheet_exc.value.errors
    elif name == "plan file":  # a plan file carries no version: what a person changed since is kept
        result = ledger.loader.load(_plan_file(tmp_path, "55"), update=True)
        kept = [s for d in result.diffs for s in d.steps if s.field == "target"]
        assert [(s.action, s.why) for s in kept] == [("keep", "by_people")]
        assert ledger.milestones.get(T).target == 60
        assert _changes(ledger, before) == []
        return
    else:
        with pytest.raises(UserError) as undo_exc:
            ledger.undo.undo()
        said = str(undo_exc.value)
    assert "王五" in said and "\n" not in said
    if name != "undo":  # undo words the time relative to the command it would revert
        assert when in said
    assert _changes(ledger, before) == []
    assert ledger.milestones.get(M).actual == 20
