"""One definition of a task's owners (tasktrack.store.owners): every read and the access check agree.

The chain below has a lead on the programme that its task inherits, a sub-task with a lead of its own
(which replaces the inherited one), co-units on each level (which add up down the chain), and a
programme nobody owns.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tasktrack.errors import UserError
from tasktrack.services.access import MemberService, effective_owners
from tasktrack.services.base import reading
from tasktrack.services.history import HistoryFilter
from tasktrack.services.ledger import Ledger
from tasktrack.services.tui_queries import TuiQueries
from tasktrack.services.views import MilestoneFilter
from tasktrack.store import owners
from tests.conftest import BACKEND

PLAN = """\
format: tasktrack/1
layer: plan
plans:
  - key: own
    title: 归属测试方案
    tasks:
      - code: "1"
        title: 科技创新
        lead: 区科技局
        co: [区税务局]
        tasks:
          - code: 1-1
            title: 培育企业
            co: [区财政局]
            milestones:
              - {code: 1-1-M1, metric: 高新技术企业, year: 2022, target: 30, unit: 家, kind: stock}
            tasks:
              - code: 1-1-1
                title: 认定辅导
                lead: 区经信委
                co: [区科技局]
                milestones:
                  - {code: 1-1-1-M1, metric: 辅导企业, year: 2022, target: 10, unit: 家, kind: stock}
      - code: "2"
        title: 无人负责
        milestones:
          - {code: 2-M1, metric: 无主指标, year: 2022, target: 1, unit: 项, kind: stock}
"""


@pytest.fixture
def chain(empty_ledger: Ledger, tmp_path: Path) -> Ledger:
    path = tmp_path / "own.yaml"
    path.write_text(PLAN, encoding="utf-8")
    empty_ledger.loader.load(path)
    return empty_ledger


def names(units: object) -> list[str]:
    return [u.name for u in units]  # type: ignore[attr-defined]


def unit_id(ledger: Ledger, name: str) -> int:
    return next(u.id for u in ledger.units.list() if u.name == name)


def test_the_owner_joins_reach_as_deep_as_tasks_nest() -> None:
    from tasktrack.services.tasks import MAX_DEPTH

    assert owners.LEVELS == MAX_DEPTH  # lead_joins() looks this many levels up: deepen both together


def test_the_nearest_lead_wins_and_co_units_add_up_down_the_chain(chain: Ledger) -> None:
    ids = {t: chain.tasks.get(f"own:{t}").id for t in ("1", "1-1", "1-1-1", "2")}
    with reading(chain.ctx) as conn:
        found = owners.owners(conn, set(ids.values()))
    shown = {
        code: [(o.role, o.name, o.inherited, o.source_code) for o in found.get(i, [])]
        for code, i in ids.items()
    }
    assert shown["1"] == [("lead", "区科技局", False, "1"), ("co", "区税务局", False, "1")]
    assert shown["1-1"] == [
        ("lead", "区科技局", True, "1"),
        ("co", "区财政局", False, "1-1"),
        ("co", "区税务局", True, "1"),
    ]
    assert shown["1-1-1"] == [
        ("lead", "区经信委", False, "1-1-1"),
        ("co", "区科技局", False, "1-1-1"),
        ("co", "区财政局", True, "1-1"),
        ("co", "区税务局", True, "1"),
    ]
    assert shown["2"] == []


def test_task_views_the_tui_brief_and_the_milestone_views_show_the_same_owners(chain: Ledger) -> None:
    task = chain.tasks.get("own:1-1")
    brief = TuiQueries(chain.ctx).task_brief(task.id)
    milestone = chain.milestones.get("own:1-1-M1")
    for lead, co in ((task.lead, task.co), (brief.lead, brief.co), (milestone.lead, milestone.co)):
        assert lead is not None and lead.name == "区科技局"
        assert names(co) == ["区财政局", "区税务局"]
    assert task.lead_inherited_from == brief.lead_inherited_from == "1"
    sub = chain.tasks.get("own:1-1-1")
    assert sub.lead is not None and sub.lead.name == "区经信委" and sub.lead_inherited_from is None
    assert names(sub.co) == ["区科技局", "区财政局", "区税务局"]  # a co-unit here though it leads above
    light = chain.milestones.reads().table(MilestoneFilter(plan="own"))
    assert [(r.code, r.lead.name if r.lead else None) for r in light] == [
        ("1-1-M1", "区科技局"),
        ("1-1-1-M1", "区经信委"),
        ("2-M1", None),
    ]


@pytest.mark.parametrize(
    ("unit", "codes"),
    [
        ("区科技局", ["1-1-M1", "1-1-1-M1"]),  # leads 1-1 (inherited), co-owns 1-1-1
        ("区经信委", ["1-1-1-M1"]),
        ("区财政局", ["1-1-M1", "1-1-1-M1"]),
        ("区税务局", ["1-1-M1", "1-1-1-M1"]),
    ],
)
def test_the_unit_filter_and_the_access_check_select_the_same_tasks(
    chain: Ledger, unit: str, codes: list[str]
) -> None:
    listed = [m.code for m in chain.milestones.list(MilestoneFilter(unit=unit))]
    assert listed == codes
    assert chain.milestones.count(MilestoneFilter(unit=unit)) == len(codes)
    uid = unit_id(chain, unit)
    with reading(chain.ctx) as conn:
        allowed = {m.code for m in chain.milestones.list() if uid in effective_owners(conn, m.task_id)[1]}
    assert allowed == set(codes)
    assert [m.code for m in chain.milestones.list(MilestoneFilter(unassigned=True))] == ["2-M1"]


def test_history_for_a_unit_shows_changes_to_what_it_owns(chain: Ledger) -> None:
    chain.milestones.edit("own:1-1-1-M1", {"note": "辅导进度"})
    chain.milestones.edit("own:2-M1", {"note": "无主"})
    about = {
        (c.label, c.field) for c in chain.history.list(HistoryFilter(unit="区财政局", entity="milestone"))
    }
    assert ("1-1-1-M1", "note") in about  # co-owned through 1-1, two levels up from the milestone's task
    assert ("2-M1", "note") not in about
    about = {
        (c.label, c.field) for c in chain.history.list(HistoryFilter(unit="区经信委", entity="milestone"))
    }
    assert ("1-1-1-M1", "note") in about and not any(label == "1-1-M1" for label, _ in about)


@pytest.mark.skipif(BACKEND != "sqlite", reason="the account is the OS account on SQLite")
def test_a_member_may_change_what_its_unit_owns_and_nothing_else(chain: Ledger) -> None:
    members = MemberService(chain.ctx)
    members.add(chain.ctx.os_user, coordinator=True)
    members.add("tt_caizheng", unit="区财政局")
    chain.ctx.os_user = "tt_caizheng"
    chain.milestones.edit("own:1-1-1-M1", {"note": "财政局配合"})  # co-owner, inherited from 1-1
    with pytest.raises(UserError, match="neither leads nor co-owns task 2"):
        chain.milestones.edit("own:2-M1", {"note": "不归财政局"})


@pytest.mark.parametrize(("many", "chunks"), [(1, 1), (1, 1_000), (2, 3), (500, 40)])
def test_owners_read_in_chunks_are_the_owners_read_at_once(
    demo_ledger: Ledger, monkeypatch: pytest.MonkeyPatch, many: int, chunks: int
) -> None:
    """A plan's tasks' owners are read MANY tasks at a time (issue 16: not every task in the ledger):
    the same owners, in the same order, as reading every task's owners at once."""
    with reading(demo_ledger.ctx) as conn:
        ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM task ORDER BY id")]
        assert len(ids) > 3
        monkeypatch.setattr(owners, "CHUNKS", 0)  # more than 0 chunks: every task at once
        at_once = {role: owners.owners(conn, set(ids), role) for role in (None, "lead", "co")}
        some = set(ids[1::2])
        some_at_once = owners.owners(conn, some)
        monkeypatch.setattr(owners, "MANY", many)
        monkeypatch.setattr(owners, "CHUNKS", chunks)
        for role, expected in at_once.items():
            got = owners.owners(conn, set(ids), role)
            assert list(got.items()) == list(expected.items())
        assert list(owners.owners(conn, some).items()) == list(some_at_once.items())
        assert set(some_at_once) <= some and some_at_once
