"""A plan file (format tasktrack/1) holding what a generated ledger holds: its plans, task trees, owners,
milestones and indicators, as an office would hand them to `tasktrack seed load`.

    python -m benchmarks.planfile LEDGER.db PLAN.json

Written as JSON, which YAML reads too (tasktrack reads such a file with the json module), one plan at a
time: a city's plan file is hundreds of megabytes. Due dates are written as the documents write them
(三季度, 上半年, 5月底前, 2021年底) or left out for the year's end, as in the bundled plans.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any


def write(db: Path, out: Path) -> dict[str, int]:
    """Write the plan file; returns how many plans, tasks, milestones and indicators it holds."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    units = dict(con.execute("SELECT id, name FROM unit"))
    owners: dict[int, dict[str, list[str]]] = defaultdict(lambda: {"lead": [], "co": []})
    for tid, uid, role in con.execute("SELECT task_id, unit_id, role FROM responsibility ORDER BY id"):
        owners[tid][role].append(units[uid])
    counts = dict.fromkeys(("plans", "tasks", "milestones", "indicators"), 0)
    plans = con.execute(
        "SELECT p.id, p.key, p.doc_no, p.title, p.short_title, p.issuer, p.issued, pp.key"
        " FROM plan p LEFT JOIN plan pp ON pp.id = p.parent_id ORDER BY p.id"
    ).fetchall()
    with out.open("w", encoding="utf-8") as f:
        f.write('{"format": "tasktrack/1", "layer": "plan", "plans": [\n')
        for n, p in enumerate(plans):
            f.write(("," if n else "") + json.dumps(_plan(con, p, owners, counts), ensure_ascii=False) + "\n")
        f.write("]}\n")
    counts["plans"] = len(plans)
    return counts


def _plan(con: sqlite3.Connection, p: tuple, owners: dict, counts: dict[str, int]) -> dict[str, Any]:
    pid, key, doc, title, short, issuer, issued, parent = p
    indicators = [
        {"code": code, "name": name, "unit": unit, "attribute": "expected", "cumulative": bool(cum),
         "baseline": {"year": by, "value": bv}, "target": {"year": ty, "value": tv}, "quote": quote}
        for code, name, unit, cum, by, bv, ty, tv, quote in con.execute(
            "SELECT code, name, unit, cumulative, baseline_year, baseline_value, target_year, target_value, quote"
            " FROM indicator WHERE plan_id = ? ORDER BY position", (pid,))
    ]  # fmt: skip
    counts["indicators"] += len(indicators)
    milestones = defaultdict(list)
    for m in con.execute(
        "SELECT task_id, code, metric, year, due, due_text, target, unit, comparison, kind, cumulative,"
        " baseline_year, baseline_value, quote, note FROM milestone WHERE plan_id = ? ORDER BY position",
        (pid,),
    ):
        milestones[m[0]].append(_milestone(m))
    counts["milestones"] += sum(len(v) for v in milestones.values())
    children = defaultdict(list)
    tasks = con.execute(
        "SELECT id, parent_id, code, title, text FROM task WHERE plan_id = ? ORDER BY position", (pid,)
    )
    for t in tasks:
        children[t[1]].append(t)
        counts["tasks"] += 1
    return {"key": key, "doc_no": doc, "title": title, "short_title": short, "issuer": issuer, "issued": issued,
            "period": "2021-2025", "parent": parent, "indicators": indicators,
            "tasks": _tasks(children, None, milestones, owners)}  # fmt: skip


def _tasks(children: dict, parent: int | None, milestones: dict, owners: dict) -> list[dict[str, Any]]:
    out = []
    for tid, _, code, title, text in children.get(parent, []):
        task: dict[str, Any] = {"code": code, "title": title}
        if text:
            task["text"] = text
        who = owners.get(tid)
        if who and who["lead"]:
            task["lead"] = who["lead"][0]
        if who and who["co"]:
            task["co"] = who["co"]
        task["milestones"] = milestones.get(tid, [])
        task["tasks"] = _tasks(children, tid, milestones, owners)
        out.append(task)
    return out


def _milestone(m: tuple) -> dict[str, Any]:
    _, code, metric, year, _due, due_text, target, unit, comparison, kind, cumulative, by, bv, quote, note = m
    out: dict[str, Any] = {"code": code, "metric": metric, "year": year}
    if due_text:
        out["due"] = due_text
    out.update(target=target, unit=unit, comparison=comparison, kind=kind, cumulative=bool(cumulative))
    if by is not None:
        out["baseline"] = {"year": by, "value": bv}
    out["quote"] = quote
    if note:
        out["note"] = note
    return out


if __name__ == "__main__":
    print(write(Path(sys.argv[1]), Path(sys.argv[2])))
