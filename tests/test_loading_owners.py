"""Owners a plan file names (as `import plan` drafts them) become units and assignments, once."""

from __future__ import annotations

from pathlib import Path

from tasktrack.services.ledger import Ledger

PLAN = """\
format: tasktrack/1
layer: plan
plans:
  - key: fj
    title: 奉节县科技创新行动方案
    tasks:
      - code: "1"
        title: 培育高新技术企业
        lead: 县科技局
        co: [县经济信息委, 县税务局]
        milestones:
          - {code: 1-M1, metric: 高新技术企业, year: 2022, target: 30, unit: 家, kind: stock}
      - code: "2"
        title: 壮大科技型企业
"""


def test_named_owners_are_created_and_assigned_once(empty_ledger: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "fj.yaml"
    path.write_text(PLAN, encoding="utf-8")
    first = empty_ledger.loader.load(path)
    assert first.created["units"] == 3 and first.created["assignments"] == 1
    task = empty_ledger.tasks.get("fj:1")
    assert task.lead is not None and task.lead.name == "县科技局"
    assert [u.name for u in task.co] == ["县经济信息委", "县税务局"]
    assert empty_ledger.tasks.get("fj:2").lead is None  # named by nobody: no owner invented
    assert not empty_ledger.loader.load(path, update=True).changed


def test_reloading_never_undoes_a_coordinators_assignment(empty_ledger: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "fj.yaml"
    path.write_text(PLAN, encoding="utf-8")
    empty_ledger.loader.load(path)
    empty_ledger.units.add("县发展改革委")
    empty_ledger.tasks.assign("fj:1", lead="县发展改革委", remove=["县税务局"])
    result = empty_ledger.loader.load(path, update=True)
    assert [(s.code, s.field, s.why) for d in result.diffs for s in d.steps] == [("1", "owners", "owners")]
    task = empty_ledger.tasks.get("fj:1")
    assert task.lead is not None and task.lead.name == "县发展改革委"
    assert [u.name for u in task.co] == ["县经济信息委"]
