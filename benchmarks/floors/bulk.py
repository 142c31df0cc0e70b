"""Floor for `tasktrack seed load PLAN.json` into an empty ledger: the same rows, the same change-log rows.

    python benchmarks/floors/bulk.py PLAN.json LEDGER.db [AS_OF]   (AS_OF: the stated day, logged as tasktrack --as-of logs it)

Only the standard library: json to read the file, sqlite3 executemany to write plans, tasks, units,
assignments, milestones, indicators and one change row per created row and per non-empty field (as
tasktrack logs them), in one transaction. Due dates in the forms the generated plan files use (年底,
N季度, 上半年, N月底前) are worked out here; nothing is validated. Each change row is chained like
tasktrack's (tasktrack.store.chain.row_hash, standard library only: the encoding is one rule and is not
copied here).
"""

import json
import sqlite3
import sys
import uuid
from datetime import UTC, date, datetime, timedelta

from tasktrack.store.chain import GENESIS, row_hash

QUARTERS = {"一": 3, "二": 6, "三": 9, "四": 12}
MONTHS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def month_end(year, month):
    return (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).isoformat()


def due_of(text, year):
    if not text or text.endswith("年底"):
        return f"{year}-12-31"
    if text.endswith("季度"):
        return month_end(year, QUARTERS[text[0]])
    if text == "上半年":
        return f"{year}-06-30"
    return month_end(year, int(text.split("月")[0]))


def enc(v):
    if v is None:
        return None
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v == int(v):
        return f"{v:g}"
    return str(v)


class Load:
    def __init__(self, con):
        self.con, self.stamp = (
            con,
            (
                datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f"),
                "bench",
                "bench",
                None,
                str(uuid.uuid4()),
                "seed load",
            ),
        )
        self.rows = {t: [] for t in ("unit", "plan", "task", "responsibility", "milestone", "indicator")}
        self.changes, self.ids, self.units = [], dict.fromkeys(self.rows, 0), {}
        self.last_id, self.last_hash = 0, GENESIS  # the change log's hash chain, from an empty ledger

    def new(self, table, row):
        self.ids[table] += 1
        self.rows[table].append((self.ids[table], *row))
        return self.ids[table]

    def log(self, entity, eid, label, fields):
        self.changes.append((*self.stamp, entity, eid, "created", None, enc(label), "seed"))
        self.changes += [
            (*self.stamp, entity, eid, k, None, enc(v), "seed")
            for k, v in fields
            if v not in (None, "", False)
        ]

    def plan(self, p):
        start, end = (int(y) for y in p["period"].split("-"))
        f = [
            ("key", p["key"]),
            ("doc_no", p["doc_no"]),
            ("title", p["title"]),
            ("short_title", p["short_title"]),
            ("issuer", p["issuer"]),
            ("issued", p["issued"]),
            ("period_start", start),
            ("period_end", end),
        ]
        pid = self.new("plan", (*(v for _, v in f), None, None, None, 1))
        self.log("plan", pid, pid, f)
        position = [0]
        for t in p["tasks"]:
            self.task(pid, None, 1, t, position)
        for n, i in enumerate(p["indicators"], 1):
            f = [
                ("name", i["name"]),
                ("unit", i["unit"]),
                ("attribute", i["attribute"]),
                ("cumulative", i["cumulative"]),
                ("baseline_year", i["baseline"]["year"]),
                ("baseline_value", float(i["baseline"]["value"])),
                ("target_year", i["target"]["year"]),
                ("target_value", float(i["target"]["value"])),
                ("quote", i["quote"]),
            ]
            iid = self.new("indicator", (pid, i["code"], *(v for _, v in f), n, 1, None, None))  # no owner, no data_due
            self.log("indicator", iid, i["code"], f)

    def task(self, pid, parent, depth, t, position):
        position[0] += 1
        owned = bool(t.get("lead") or t.get("co"))
        f = [
            ("parent_id", parent),
            ("title", t["title"]),
            ("text", t.get("text")),
            ("quote", None),
            ("note", None),
        ]
        tid = self.new(
            "task",
            (
                pid,
                parent,
                depth,
                t["code"],
                t["title"],
                t.get("text"),
                None,
                None,
                position[0],
                "not_started",
                2 if owned else 1,
            ),
        )
        self.log("task", tid, t["code"], f)
        names = [n for n in [t.get("lead"), *t.get("co", [])] if n]
        for n in names:
            if n not in self.units:
                self.units[n] = self.new("unit", (n, None, None, None, None, False, 1, None))
                self.log("unit", self.units[n], n, [])
        for role, n in [("lead", t.get("lead")), *(("co", c) for c in t.get("co", []))]:
            if n:
                self.rows["responsibility"].append((tid, self.units[n], role, False))
                self.changes.append((*self.stamp, "task", tid, role, None, n, "seed"))
        for m in t["milestones"]:
            position[0] += 1
            self.milestone(pid, tid, m, position[0])
        for c in t["tasks"]:
            self.task(pid, tid, depth + 1, c, position)

    def milestone(self, pid, tid, m, position):
        base = m.get("baseline") or {}
        target = None if m["target"] is None else float(m["target"])
        due = due_of(m.get("due"), m["year"])
        f = [
            ("task_id", tid),
            ("metric", m["metric"]),
            ("year", m["year"]),
            ("due", due),
            ("due_text", m.get("due")),
            ("target", target),
            ("unit", m["unit"]),
            ("comparison", m["comparison"] or ">="),
            ("kind", m["kind"]),
            ("cumulative", m["cumulative"]),
            ("aspirational", False),
            ("baseline_year", base.get("year")),
            ("baseline_value", None if base.get("value") is None else float(base["value"])),
            ("baseline_quote", None),
            ("quote", m["quote"]),
            ("note", m.get("note")),
        ]
        v = dict(f)
        mid = self.new(
            "milestone",
            (
                pid,
                tid,
                m["code"],
                v["metric"],
                v["year"],
                due,
                v["due_text"],
                target,
                v["unit"],
                v["comparison"],
                v["kind"],
                v["cumulative"],
                False,
                v["baseline_year"],
                v["baseline_value"],
                None,
                None,
                "not_started",
                None,
                v["quote"],
                v["note"],
                position,
                1,
                None,  # link_id (migration 0014): a plan file links nothing
                None,  # feeds_id
            ),
        )
        self.log("milestone", mid, m["code"], f)

    def write(self):
        for table, rows in self.rows.items():
            if table == "responsibility":
                sql = "INSERT INTO responsibility (task_id, unit_id, role, is_demo) VALUES (?, ?, ?, ?)"
            else:
                sql = f'INSERT INTO "{table}" VALUES ({", ".join("?" * len(rows[0]))})' if rows else None
            if rows:
                self.con.executemany(sql, rows)
            rows.clear()
        self.con.executemany(
            "INSERT INTO change (id, at, actor, os_user, db_user, command_id, command, entity, entity_id,"
            " field, old, new, reason, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [self.chained(c) for c in self.changes],
        )
        self.changes.clear()

    def chained(self, change):
        """A change row with its id and its link in the hash chain, as every change row has."""
        self.last_id += 1
        values = (self.last_id, *change)
        prev, self.last_hash = self.last_hash, row_hash(self.last_hash, values)
        return (*values, prev, self.last_hash)


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        data = json.load(f)
    con = sqlite3.connect(sys.argv[2], isolation_level=None)
    con.execute("PRAGMA foreign_keys = ON")
    con.execute("BEGIN IMMEDIATE")
    load = Load(con)
    for p in data["plans"]:
        load.plan(p)
        load.write()
    for p in data["plans"]:
        if p["parent"]:
            con.execute(
                "UPDATE plan SET parent_id = (SELECT id FROM plan WHERE key = ?), version = 2 WHERE key = ?",
                (p["parent"], p["key"]),
            )
            pid, parent = con.execute("SELECT id, parent_id FROM plan WHERE key = ?", (p["key"],)).fetchone()
            load.changes.append((*load.stamp, "plan", pid, "parent_id", None, str(parent), "seed"))
            load.write()
    if len(sys.argv) > 3:  # run with --as-of, as the harness runs tasktrack: the command's stated day is logged
        load.changes.append((*load.stamp, "command", 0, "as_of", None, sys.argv[3], None))
        load.write()
    con.execute("COMMIT")


main()
