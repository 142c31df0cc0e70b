"""The fast paths (issue 6) change how, never what: bulk loading writes what row-by-row loading writes,
plan files written as JSON read as YAML reads them, and the hot reading commands load no ORM."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
import sqlite3
from contextlib import closing
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tasktrack.importers.planfile import parse_plan_data, read_plan_file
from tasktrack.services import bulk
from tasktrack.services.loading import bundled_seed_dir
from tasktrack.services.views import MilestoneFilter
from tasktrack.store import chain
from tests.conftest import AS_OF, make_ledger

ROOT = Path(__file__).resolve().parent.parent
OWNED = """
format: tasktrack/1
layer: plan
plans:
  - key: owned
    doc_no: 某府办发〔2022〕1号
    title: 有分工的方案
    period: 2021-2025
    parent: kaizhou-14fyp
    tasks:
      - code: "1"
        title: 第一项工程
        lead: 区科技局
        co: [区财政局, 区审计局]
        milestones:
          - {code: 1-M1, metric: 新增科技型企业, year: 2022, due: 三季度, target: 30, unit: 家}
        tasks:
          - code: 1-1
            title: 具体措施
            co: [区财政局]
            milestones: []
      - code: "2"
        title: 第二项工程
        lead: 区财政局
        milestones:
          - {code: 2-M1, metric: 出台政策文件, year: 2021, kind: event}
"""


def _tables(db: Path) -> dict[str, list[tuple]]:
    """Every table, without the times the two loads ran at (nor the change log's hashes, which cover them)."""
    con = sqlite3.connect(db)
    out = {}
    for t in ("plan", "task", "unit", "responsibility", "milestone", "indicator", "evidence", "progressreport",
              "indicatorreading", "change"):  # fmt: skip
        cols = [r[1] for r in con.execute(f'PRAGMA table_info("{t}")')]
        cols = [c for c in cols if c not in ("at", "created_at", "recorded_at", "command_id", "prev_hash", "hash")]
        out[t] = con.execute(f'SELECT {", ".join(cols)} FROM "{t}" ORDER BY id').fetchall()
    return out


def _load(db: Path, files: list[Path]) -> None:
    ledger = make_ledger(db)
    for f in files:
        ledger.loader.load(f)
    ledger.close()


@pytest.mark.sqlite_only  # the bulk path and the light reader are SQLite's
def test_bulk_load_writes_the_rows_and_change_log_of_the_row_by_row_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    owned = tmp_path / "owned.yaml"
    owned.write_text(OWNED, encoding="utf-8")
    seed = bundled_seed_dir()
    files = [seed / "kaizhou.yaml", seed / "demo.yaml", owned]
    used = []
    real = bulk.applies
    monkeypatch.setattr(bulk, "applies", lambda uow, parsed: used.append(real(uow, parsed)) or used[-1])
    _load(tmp_path / "fast.db", files)
    assert used == [True, False, True]  # the plan files went the bulk way (the demo layer has no plans)
    monkeypatch.setattr(bulk, "applies", lambda uow, parsed: False)
    _load(tmp_path / "slow.db", files)
    fast, slow = _tables(tmp_path / "fast.db"), _tables(tmp_path / "slow.db")
    # change: id, actor, os_user, command, entity, entity_id, field, old, new, reason, db_user
    owners = [r for r in fast["change"] if r[3] == "seed load owned.yaml" and r[6] in ("lead", "co")]
    assert len(owners) == 5 and any(r[4] == "unit" and r[8] == "区审计局" for r in fast["change"])
    for table in fast:
        assert fast[table] == slow[table], table
    for db in ("fast.db", "slow.db"):  # and both change logs are one unbroken hash chain
        with closing(sqlite3.connect(tmp_path / db)) as con:
            verdict = chain.verify(con)
        assert verdict.ok and verdict.rows == len(fast["change"]), (db, verdict.problems)


@pytest.mark.sqlite_only  # the bulk path and the light reader are SQLite's
def test_reloading_a_bulk_loaded_plan_changes_nothing(tmp_path: Path) -> None:
    ledger = make_ledger(tmp_path / "l.db")
    first = ledger.loader.load(bundled_seed_dir() / "kaizhou.yaml")
    again = ledger.loader.load(bundled_seed_dir() / "kaizhou.yaml", update=True)
    ledger.close()
    assert first.created["milestones"] == 29
    assert not again.changed


def test_a_plan_file_written_as_json_reads_as_yaml_reads_it(tmp_path: Path) -> None:
    data = yaml.safe_load((bundled_seed_dir() / "kaizhou.yaml").read_text(encoding="utf-8"))
    text = json.dumps(data, ensure_ascii=False, default=str)
    path = tmp_path / "plans.json"
    path.write_text(text, encoding="utf-8")
    assert read_plan_file(path) == parse_plan_data(yaml.safe_load(text), str(path))


@pytest.mark.sqlite_only  # the bulk path and the light reader are SQLite's
@pytest.mark.parametrize(
    "args",
    [("milestone", "list", "--overdue"), ("milestone", "list", "--json"), ("remind", "--format", "json")],
)
def test_hot_reading_commands_load_no_orm_no_ui(tmp_path: Path, args: tuple[str, ...]) -> None:
    db = tmp_path / "l.db"
    _load(db, [bundled_seed_dir() / "kaizhou.yaml", bundled_seed_dir() / "demo.yaml"])
    probe = (
        "import atexit, sys\n"
        "heavy = ('sqlalchemy', 'sqlmodel', 'pydantic', 'textual', 'alembic', 'weasyprint', 'openpyxl')\n"
        "atexit.register(lambda: sys.stderr.write('LOADED:' + ','.join(m for m in heavy if m in sys.modules)))\n"
        "from tasktrack.cli.main import run\n"
        f"sys.argv = ['tasktrack', '--db', {str(db)!r}, '--as-of', '2022-01-10', *{list(args)!r}]\n"
        "run()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode in (0, 11), done.stderr
    assert done.stdout.strip()
    assert done.stderr.strip().endswith("LOADED:"), done.stderr


FILTERS = [
    {},
    {"overdue": True},
    {"due_within": 30},
    {"overdue": True, "due_within": 14},
    {"due_within": -1},
    {"unit": "区科技局"},
    {"unit": "区财政局", "overdue": True},
    {"unassigned": True},
    {"plan": "kaizhou-7p", "programme": "1"},
    {"task": "专栏9"},
    {"statuses": ["in_progress", "done"]},
    {"year": 2021, "text": "高新"},
    {"text": "50%_\\"},
]


@pytest.mark.parametrize("given", [*FILTERS, {"limit": 3}], ids=lambda f: ",".join(f) or "all")
def test_the_list_table_shows_what_the_full_views_say(demo_ledger: Any, given: dict[str, Any]) -> None:
    """`milestone list` prints the lean rows of MilestoneReads.table(): the same milestones in the same
    order, with the same facts and the same 序时 judgement as the full views (which --json prints)."""
    views = demo_ledger.milestones.list(MilestoneFilter(**given), AS_OF)
    rows = demo_ledger.milestones.reads().table(MilestoneFilter(**given), AS_OF)
    assert [r.id for r in rows] == [v.id for v in views]
    for r, v in zip(rows, views, strict=True):
        shown = (
            r.code,
            r.year,
            r.metric,
            r.due,
            r.target,
            r.unit,
            r.comparison,
            r.kind,
            r.actual,
            r.status,
            r.lead,
        )
        assert shown == (v.code, v.year, v.metric, v.due, v.target, v.unit, v.comparison, v.kind, v.actual,
                         v.status, v.lead)  # fmt: skip
        assert (r.schedule, r.rag) == (v.derived.schedule, v.derived.rag)
    if not given:  # the demonstration ledger judges milestones every way the table can show
        assert {r.schedule for r in rows} >= {"done", "overdue", "not_started"}
        assert len({r.rag for r in rows}) >= 3


@pytest.mark.parametrize("given", FILTERS, ids=lambda f: ",".join(f) or "all")
@pytest.mark.parametrize(("limit", "offset"), [(1, 0), (3, 0), (2, 1), (None, 2), (1_000, 0)])
def test_a_page_is_the_slice_of_the_whole_list(
    demo_ledger: Any, given: dict[str, Any], limit: int | None, offset: int
) -> None:
    """--limit picks the page's ids first (issue 16: top-k, not every match joined and sorted): the same
    rows, in the same order, as cutting the whole list, for the table and for the full views."""
    whole = demo_ledger.milestones.reads().table(MilestoneFilter(**given), AS_OF)
    views = demo_ledger.milestones.list(MilestoneFilter(**given), AS_OF)
    cut = slice(offset, None if limit is None else offset + limit)
    paged = MilestoneFilter(**given, limit=limit, offset=offset)
    assert demo_ledger.milestones.reads().table(paged, AS_OF) == whole[cut]
    page = demo_ledger.milestones.list(MilestoneFilter(**given, limit=limit, offset=offset), AS_OF)
    assert [(v.id, v.lead, v.co) for v in page] == [(v.id, v.lead, v.co) for v in views[cut]]


def test_json_output_is_what_the_standard_library_writes(demo_ledger: Any) -> None:
    """dumps() (orjson) writes byte for byte what json.dumps(jsonable(...), indent=2) writes: views with
    their lazily judged fields, dates, enums, named tuples, non-text keys, hostile text."""
    from tasktrack.services.milestone_reads import DueItem
    from tasktrack.services.views import dumps, jsonable

    views = demo_ledger.milestones.list(MilestoneFilter(), AS_OF)
    due = demo_ledger.milestones.reads().due(MilestoneFilter(overdue=True), AS_OF)
    assert due and isinstance(due[0], DueItem)
    data = {
        "views": views,
        "due": due,
        "counts": {1: 2, "x": [None, True, 0.5, 1.0, 12345.6789]},
        "text": '\x1b[31m \x7f \u202e 中文 "q" \\ \n',
        "empty": [[], {}, ()],
    }
    assert dumps(data) == json.dumps(jsonable(data), ensure_ascii=False, indent=2)
    derived = [m["derived"] for m in json.loads(dumps(views))]
    assert derived and all(d["schedule"] and d["reason"] for d in derived)  # worked out when written


def test_json_output_keeps_text_orjson_refuses() -> None:
    from tasktrack.services.views import dumps

    text = {"note": "lone \ud800 surrogate"}
    assert dumps(text) == json.dumps(text, ensure_ascii=False, indent=2)


def _every_read(demo_ledger: Any, day: date) -> tuple[Any, ...]:
    reads = demo_ledger.milestones.reads()
    out: list[Any] = []
    for given in (*FILTERS, {"overdue": True}, {"due_within": 90}):
        f = MilestoneFilter(**given)
        out += [reads.list(replace(f), day), reads.table(replace(f), day), reads.due(replace(f), day),
                reads.count(replace(f), day)]  # fmt: skip
    page = MilestoneFilter(overdue=True, limit=3, offset=1)  # pages: the lists (reminders and counts take none)
    return (*out, reads.list(replace(page), day), reads.table(replace(page), day))


def test_as_of_after_every_change_reads_the_table_for_what_the_replay_gives(
    demo_ledger: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--as-of rebuilds the milestones from the change log; when nothing in the log takes effect after that
    day, the milestone table is the rebuild: no replay, and with no report to read as progress the reads keep
    their SQL filters and pages (benchmarks: `milestone list --overdue --limit 20` with --as-of was 3.6x an
    empty ledger's, replaying every change)."""
    from tasktrack.services import milestone_reads

    day = date.today() + timedelta(days=2)  # after every change the demonstration ledger logged
    demo_ledger.ctx.as_it_stood = day
    reads = demo_ledger.milestones.reads()
    assert reads.rebuilding()  # a unit reported on a milestone still 未启动: 推进中 as it stood
    settled = _every_read(demo_ledger, day)  # from the table's rows, no replay
    reported = [v for v in settled[0] if v.status == "in_progress"]
    with monkeypatch.context() as m:
        m.setattr(milestone_reads, "_settled", lambda conn, day, stated: False)
        assert _every_read(demo_ledger, day) == settled  # from the log
    demo_ledger.ctx.as_it_stood = None
    assert len([v for v in demo_ledger.milestones.list(MilestoneFilter(), day) if v.status == "in_progress"]) < len(
        reported
    )  # as it is now, the report leaves it 未启动
    demo_ledger.ctx.as_it_stood = day
    monkeypatch.setattr(milestone_reads, "_reported", lambda conn, day, stated: {})  # no report read as progress
    assert not reads.rebuilding()
    plain = _every_read(demo_ledger, day)  # the plain reads
    monkeypatch.setattr(milestone_reads, "_settled", lambda conn, day, stated: False)
    assert reads.rebuilding()
    assert _every_read(demo_ledger, day) == plain  # the replay of the log
    assert any(v.status == "done" for v in plain[0]) and plain[3] > 0


def test_a_later_change_a_later_stated_day_or_completion_needs_the_replay(demo_ledger: Any) -> None:
    from tasktrack.services.milestone_reads import _settled, _then_is_now

    later = date.today() + timedelta(days=2)
    with demo_ledger.connect() as conn:
        assert _settled(conn, later, {})
        assert not _then_is_now(conn, later)  # a report on a milestone still 未启动 reads as 推进中 then
        assert not _settled(conn, AS_OF, {})  # the seed and demo layer were logged after AS_OF (today)
        assert not _settled(conn, later, {"c1": later + timedelta(days=1)})  # a command made for a later day
    demo_ledger.milestones.set_status("kaizhou-7p:2-M3", "done", on=later + timedelta(days=5))
    with demo_ledger.connect() as conn:
        assert not _settled(conn, later, {})  # completed after the day
