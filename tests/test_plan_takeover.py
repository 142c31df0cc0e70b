"""A plan is never taken over by loading a draft of it: refused, or with --update matched, diffed and logged.

The sequence of issue 11: the bundled seed loaded, `import plan` on the 63号 text, then loading that draft.
It used to rename kaizhou-7p to the draft's key, blank its short title and add the draft's milestones as
duplicates, after which every cron line with `--plan kaizhou-7p` failed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tasktrack.errors import UserError
from tasktrack.importers.planfile import MilestoneRec
from tasktrack.services.ledger import Ledger
from tasktrack.services.loading import PlanExists, bundled_seed_dir
from tasktrack.services.plan_update import match
from tests.conftest import db_checksum, db_rows, make_ledger

SOURCE = bundled_seed_dir() / "sources" / "002_kaizhou_seven_programmes.txt"
SEVEN = "kaizhou-7p"
SHORT = "科技创新“七大工程”行动方案"


def ok(res: Any) -> str:
    assert res.code == 0, res.err
    return str(res.out)


def seven(db: Path) -> tuple[Any, ...]:
    """The plan row as commands name it, and its milestones' codes and quotes."""
    [plan] = db_rows(db, "SELECT id, key, short_title, doc_no FROM plan WHERE doc_no LIKE '%63号'")
    milestones = db_rows(
        db, "SELECT code, quote FROM milestone WHERE plan_id = :p ORDER BY code", {"p": plan[0]}
    )
    return plan[1], plan[2], milestones


def change_rows(db: Path) -> int:
    return int(db_rows(db, "SELECT count(*) FROM change")[0][0])


@pytest.fixture
def draft(cli, ledger: Ledger, tmp_path: Path) -> Path:
    """The seed loaded (the `ledger` fixture), then `import plan` on the 63号 text, as a user would."""
    out = tmp_path / "draft.yaml"
    ok(cli("import", "plan", str(SOURCE), "--out", str(out)))
    text = out.read_text(encoding="utf-8")
    assert "key: 002-kaizhou-seven-programmes" in text and "开州府办发〔2021〕63号" in text
    assert "short_title" not in text  # the draft has no short title: loading it must not blank the plan's
    return out


def test_loading_the_draft_is_refused_and_nothing_is_written(cli, db_path: Path, draft: Path) -> None:
    before, plan = db_checksum(db_path), seven(db_path)
    res = cli("--lang", "en", "seed", "load", str(draft))
    assert res.code == 2 and res.out == ""
    [line] = res.err.splitlines()
    assert "plan kaizhou-7p" in line and "开州府办发〔2021〕63号" in line and SHORT in line
    assert f"tasktrack seed load {draft} --update" in line and "--dry-run" in line
    zh = cli("seed", "load", str(draft))
    assert zh.code == 2 and "已在台账中" in zh.err and "--update" in zh.err  # the same refusal in Chinese
    assert db_checksum(db_path) == before
    assert seven(db_path) == plan
    key, short, milestones = plan
    assert (key, short, len(milestones)) == (SEVEN, SHORT, 11)


def test_import_plan_load_is_refused_the_same_way(cli, db_path: Path, tmp_path: Path, ledger: Ledger) -> None:
    before = db_checksum(db_path)
    res = cli("--lang", "en", "import", "plan", str(SOURCE), "--load")
    assert res.code == 2
    assert "plan kaizhou-7p" in res.err and "import plan" in res.err and "--load --update" in res.err
    assert db_checksum(db_path) == before


def test_a_dry_run_shows_the_diff_and_writes_nothing(cli, db_path: Path, draft: Path) -> None:
    before = db_checksum(db_path)
    out = ok(cli("--lang", "en", "seed", "load", str(draft), "--dry-run"))
    assert "→ plan kaizhou-7p of the ledger (same document number)" in out
    assert "keep  plan kaizhou-7p key: 002-kaizhou-seven-programmes in the file, kept kaizhou-7p" in out
    assert "keep  plan kaizhou-7p short_title: not in the file, kept" in out
    assert "keep  milestone 1-M1 code: matched by its quote; 二-1-M1 in the file, kept code 1-M1" in out
    assert "keep  task 1-1: not in the file, kept" in out  # the seed's finer outline is not dropped
    assert "add  task 二" in out
    assert "dry run, nothing written" in out
    assert db_checksum(db_path) == before
    data = json.loads(ok(cli("seed", "load", str(draft), "--dry-run", "--json")))
    [plan] = data[0]["plans_updated"]
    assert plan["plan"] == SEVEN and data[0]["dry_run"] is True
    assert db_checksum(db_path) == before


def test_update_keeps_the_key_and_short_title_and_adds_no_duplicate(cli, db_path: Path, draft: Path) -> None:
    key, short, milestones = seven(db_path)
    n = change_rows(db_path)
    data = json.loads(ok(cli("seed", "load", str(draft), "--update", "--json")))
    steps = data[0]["plans_updated"][0]["steps"]
    assert seven(db_path) == (key, short, milestones)  # same codes, same quotes: no duplicate, no rename
    assert (key, short) == (SEVEN, SHORT)
    changed = [s for s in steps if s["action"] == "change"]
    added = [s for s in steps if s["action"] == "add"]
    assert changed and [(s["entity"], s["code"]) for s in added] == [("task", "二")]
    # every change is in the change log, by the load, with the field's old and new value
    rows = db_rows(
        db_path,
        "SELECT entity, field, old, new, reason FROM change WHERE id > :n AND command = 'seed load draft.yaml'",
        {"n": n},
    )
    assert change_rows(db_path) - n == len(rows)
    logged = {(e, f) for e, f, _, _, _ in rows}
    for s in changed:
        assert (s["entity"], s["field"]) in logged, s
    assert ("task", "created") in logged
    assert all(reason == "seed draft.yaml" for *_, reason in rows)
    # loading it again changes nothing
    again = ok(cli("--lang", "en", "seed", "load", str(draft), "--update"))
    assert "draft.yaml already loaded, nothing changed" in again
    assert change_rows(db_path) == n + len(rows)


def test_cron_lines_naming_the_plan_still_work_after_the_update(
    cli, db_path: Path, draft: Path, tmp_path: Path
) -> None:
    ok(cli("seed", "load", str(draft), "--update"))
    listed = json.loads(ok(cli("milestone", "list", "--plan", SEVEN, "--json")))["milestones"]
    assert sorted(m["code"] for m in listed) == sorted(code for code, _ in seven(db_path)[2])
    assert ok(cli("task", "list", "--plan", SEVEN))
    ok(cli("export", "ledger", "--plan", SEVEN, "-o", str(tmp_path / "ledger.csv")))
    assert (tmp_path / "ledger.csv").stat().st_size > 0
    assert ok(cli("--as-of", "2022-01-10", "report", "weekly", "--plan", SEVEN, "--draft"))
    ok(cli("milestone", "progress", f"{SEVEN}:1-M1", "38"))


def test_a_persons_edit_survives_the_update_and_is_reported(db_path: Path, draft: Path) -> None:
    person = make_ledger(db_path, actor="王五")
    person.milestones.edit(f"{SEVEN}:1-M3", {"target": 520, "note": "核定：按520家考核"}, reason="复核")
    result = person.loader.load(draft, update=True)
    m = person.milestones.get(f"{SEVEN}:1-M3")
    assert (m.target, m.note) == (520, "核定：按520家考核")  # the draft says 500, and has no note
    kept = {
        (s.field, s.why) for d in result.diffs for s in d.steps if s.code == "1-M3" and s.action == "keep"
    }
    assert {("target", "by_people"), ("note", "not_in_file"), ("code", "code")} <= kept
    person.close()


def test_a_new_target_in_the_draft_is_added_under_the_matched_task(db_path: Path, draft: Path) -> None:
    text = draft.read_text(encoding="utf-8")
    extra = (
        "      - code: 二-1-M9\n        metric: 高成长科技企业\n        year: 2023\n        target: 5\n"
        "        unit: 家\n        kind: stock\n        quote: 高成长科技企业\n"
    )
    anchor = "      milestones:\n      - code: 二-1-M1\n"
    assert anchor in text
    draft.write_text(
        text.replace(anchor, "      milestones:\n" + extra + "      - code: 二-1-M1\n"), encoding="utf-8"
    )
    ledger = make_ledger(db_path)
    ledger.loader.load(draft, update=True)
    new = ledger.milestones.get(f"{SEVEN}:二-1-M9")
    assert (new.task_code, new.target) == ("1", 5)  # under the seed's programme 1, which the draft calls 二-1
    assert len(seven(db_path)[2]) == 12
    ledger.close()


def test_the_bundled_seed_loads_the_same_way(db_path: Path, ledger: Ledger) -> None:
    before = db_checksum(db_path)
    with pytest.raises(PlanExists) as exc:
        ledger.loader.load(bundled_seed_dir() / "kaizhou.yaml")
    assert exc.value.key == "kaizhou-14fyp"
    result = ledger.loader.load(bundled_seed_dir() / "kaizhou.yaml", update=True)
    assert not result.changed and all(not d.steps for d in result.diffs)
    assert db_checksum(db_path) == before


def test_one_quote_for_two_rows_is_told_apart_by_metric_or_refused() -> None:
    def rec(code: str, metric: str) -> MilestoneRec:
        return MilestoneRec(code, metric, 2021, None, None, None, None, ">=", "increment", False, False,  # type: ignore[arg-type]  # a record, not loaded
                            None, None, None, "2021年新增科技型企业50家、高新技术企业15家", None)  # fmt: skip

    ledger_rows = [rec("1-M1", "新增科技型企业"), rec("1-M2", "新增高新技术企业")]
    same = dict(same=lambda f, r: f.year == r.year, closer=lambda f, r: f.metric == r.metric)
    found = match(
        [rec("x", "新增高新技术企业")], ledger_rows, **same, ambiguous=lambda f, rows: UserError("two")
    )
    assert [(row.code, by) for row, by in found.values()] == [("1-M2", "quote")]
    with pytest.raises(UserError, match="two"):
        match([rec("y", "别的")], ledger_rows, **same, ambiguous=lambda f, rows: UserError("two"))


def test_a_code_the_draft_gives_another_target_does_not_rewrite_the_ledgers(
    cli, db_path: Path, tmp_path: Path, ledger: Ledger
) -> None:
    """The 61号 draft numbers 二(三)'s targets in its own order: its 二(三)-M1 is the seed's 二(三)-M2. Matching
    by code alone would have rewritten the seed's 二(三)-M1 (and its tracking) into another target."""
    out = tmp_path / "d61.yaml"
    ok(
        cli(
            "import",
            "plan",
            str(bundled_seed_dir() / "sources" / "000_kaizhou_14th_fyp_sti.txt"),
            "-o",
            str(out),
        )
    )
    before = db_checksum(db_path)
    [result] = json.loads(ok(cli("seed", "load", str(out), "--dry-run", "--json")))
    steps = result["plans_updated"][0]["steps"]
    rewritten = [s for s in steps if s["action"] == "change" and s["field"] in ("metric", "kind", "target")]
    assert rewritten == []
    by_quote = {(s["code"], s["new"]) for s in steps if s["why"] == "code"}
    assert {("二(三)-M2", "二(三)-M1"), ("二(三)-M3", "二(三)-M2"), ("二(三)-M1", "二(三)-M3")} <= by_quote
    clashes = [s["code"] for s in steps if s["action"] == "conflict"]
    assert clashes  # new targets coded as other targets of the ledger: listed, and refused on --update
    res = cli("--lang", "en", "seed", "load", str(out), "--update")
    assert res.code == 2 and "have the code of another item of the ledger" in res.err
    assert clashes[0] in res.err and res.err.count("\n") == 1
    assert db_checksum(db_path) == before


def test_two_files_are_checked_before_the_first_is_loaded(
    cli, db_path: Path, draft: Path, tmp_path: Path
) -> None:
    fresh = tmp_path / "fresh.yaml"
    fresh.write_text(
        "format: tasktrack/1\nlayer: plan\nplans:\n  - key: fresh\n    title: 新方案\n    tasks: []\n",
        encoding="utf-8",
    )
    before = db_checksum(db_path)
    res = cli("seed", "load", str(fresh), str(draft))
    assert res.code == 2 and "kaizhou-7p" in res.err
    assert db_checksum(db_path) == before  # fresh.yaml, which alone would load, was not loaded either


def test_the_words_of_loading_are_in_both_languages() -> None:
    from string import Formatter

    from tasktrack.i18n import MESSAGES

    keys = [k for k in MESSAGES if k.startswith(("load.", "diff."))]
    assert len(keys) > 15
    for key in keys:
        zh, en = MESSAGES[key]
        assert zh and en and zh != en, key
        names = [{f for _, f, _, _ in Formatter().parse(text) if f} for text in (zh, en)]
        assert names[0] == names[1], key


def test_an_update_can_be_undone_and_the_seed_is_then_as_loaded(db_path: Path, draft: Path) -> None:
    ledger = make_ledger(db_path)
    tasks = [(t.code, t.title, t.text) for t in ledger.tasks.list(SEVEN)]
    milestones = [(m.code, m.task_code, m.cumulative, m.note) for m in ledger.milestones.list()]
    ledger.loader.load(draft, update=True)
    assert [(m.code, m.task_code, m.cumulative, m.note) for m in ledger.milestones.list()] != milestones
    undone = ledger.undo.undo()
    assert undone.undone.command == "seed load draft.yaml"
    assert [(t.code, t.title, t.text) for t in ledger.tasks.list(SEVEN)] == tasks
    assert [(m.code, m.task_code, m.cumulative, m.note) for m in ledger.milestones.list()] == milestones
    assert not ledger.loader.load(bundled_seed_dir() / "kaizhou.yaml", update=True).changed
    ledger.close()
