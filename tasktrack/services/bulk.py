"""Loading brand-new plans in bulk: their rows and their change log written with executemany.

When none of a plan file's plans is in the ledger yet (no plan with the same key or document number) and
the ledger is SQLite, the plans are written plan by plan: ids are handed out up front (the write
transaction holds SQLite's write lock, so nobody else can take one), and the rows go in with executemany
together with exactly the change-log rows the row-by-row path writes, in the same order: `created` and
each non-empty field of every row, each unit created for an owner the file names, each lead and co-unit
assigned, all with the actor. Anything else (reloading a plan, another backend, an owner written as a
number, which would mean a unit id) takes the row-by-row path in services.loading.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tasktrack.importers.planfile import IndicatorRec, MilestoneRec, PlanFile, PlanRec, TaskRec
from tasktrack.models import (
    MILESTONE_STATED,
    Change,
    Indicator,
    Milestone,
    Plan,
    Responsibility,
    Task,
    Unit,
    table_of,
)
from tasktrack.services.base import UnitOfWork, encode
from tasktrack.services.plans import STATED as PLAN_FIELDS
from tasktrack.store import rawsql

if TYPE_CHECKING:
    from sqlmodel import SQLModel

TASK_LOGGED = ("parent_id", "title", "text", "quote", "note")
INDICATOR_LOGGED = ("name", "unit", "attribute", "cumulative", "baseline_year", "baseline_value", "target_year",
                    "target_value", "quote")  # fmt: skip
CHANGE_COLUMNS = ("id", "at", "actor", "os_user", "db_user", "command_id", "command", "entity", "entity_id", "field",
                  "old", "new", "reason", "prev_hash", "hash")  # fmt: skip
MODELS: dict[str, type[SQLModel]] = {
    "unit": Unit,
    "plan": Plan,
    "task": Task,
    "responsibility": Responsibility,
    "milestone": Milestone,
    "indicator": Indicator,
}  # fmt: skip  (written in this order: each refers only to those before it)


def applies(uow: UnitOfWork, parsed: PlanFile) -> bool:
    """Whether `parsed` can be written in bulk: SQLite, plans all new, owners named by name."""
    conn = uow.session.connection()
    if rawsql.dbapi(conn) is None or not parsed.plans:
        return False
    params: dict[str, Any] = {}
    keys = rawsql.in_list("k", [p.key for p in parsed.plans], params)
    docs = rawsql.in_list("d", [p.doc_no for p in parsed.plans if p.doc_no] or [""], params)
    if rawsql.fetch(conn, f"SELECT 1 FROM plan WHERE key IN ({keys}) OR doc_no IN ({docs}) LIMIT 1", params):
        return False
    if [c.name for c in Change.__table__.columns] != list(CHANGE_COLUMNS):
        return False  # pragma: no cover - the change log grew a column: write it the ORM way
    names = {n for p in parsed.plans for t in _walk(p.tasks) for n in (t.lead, *t.co) if n}
    if any(n.strip().lstrip("#").isdigit() for n in names):
        return False
    owners: dict[str, set[int]] = {}
    for uid, name, short in rawsql.fetch(conn, "SELECT id, name, short_name FROM unit"):
        for n in {name, short} & names:
            owners.setdefault(n, set()).add(uid)
    return all(len(ids) == 1 for ids in owners.values())  # else which unit a name means is the ORM's call


def _walk(tasks: list[TaskRec]) -> list[TaskRec]:
    out = []
    for t in tasks:
        out.append(t)
        out += _walk(t.tasks)
    return out


class BulkPlans:
    """One load's new plans, written one plan at a time."""

    def __init__(self, uow: UnitOfWork, result: Any, reason: str) -> None:
        self.uow, self.result, self.reason = uow, result, reason
        raw = rawsql.dbapi(uow.session.connection())
        assert raw is not None
        self.raw = raw
        self.ids: dict[str, int] = {
            t: self.raw.execute(f'SELECT coalesce(max(id), 0) FROM "{t}"').fetchone()[0] for t in MODELS
        }
        self.units: dict[str, tuple[int, str]] = {}  # name or short name → (id, label)
        for uid, name, short in self.raw.execute("SELECT id, name, short_name FROM unit"):
            for n in filter(None, (name, short)):
                self.units[n] = (uid, short or name)
        self.rows: dict[str, list[tuple[Any, ...]]] = {t: [] for t in MODELS}
        self.changes: list[tuple[Any, ...]] = []
        ctx = uow.ctx
        self.stamp = {"at": f"{uow.at:%Y-%m-%d %H:%M:%S.%f}", "actor": ctx.actor, "os_user": ctx.os_user,
                      "db_user": uow.db_user, "command_id": uow.command_id, "command": uow.command}  # fmt: skip

    def load(self, plans: list[PlanRec]) -> None:
        for rec in plans:
            self._plan(rec)
            self._write()

    # -- rows and their change log, in the order services.loading makes them -----------------------
    def _new(self, table: str, values: dict[str, Any]) -> int:
        self.ids[table] += 1
        values["id"] = self.ids[table]
        self.rows[table].append(_row(MODELS[table], values))
        return self.ids[table]

    def _log(self, entity: str, eid: int, field: str, new: Any) -> None:
        values = {**self.stamp, "entity": entity, "entity_id": eid, "field": field, "old": None,
                  "new": encode(new), "reason": self.reason}  # fmt: skip
        values = self.uow.link(values)  # the next id and its place in the hash chain
        self.changes.append(tuple(values[name] for name in CHANGE_COLUMNS))

    def _created(
        self, entity: str, eid: int, label: Any, values: dict[str, Any], logged: tuple[str, ...]
    ) -> None:
        self._log(entity, eid, "created", label)
        for name in logged:
            if values[name] not in (None, "", False):
                self._log(entity, eid, name, values[name])
        self.result.bump(f"{entity}s")

    def _plan(self, rec: PlanRec) -> None:
        values = {name: getattr(rec, name) for name in PLAN_FIELDS}
        pid = self._new("plan", dict(values))
        self._created("plan", pid, pid, values, PLAN_FIELDS)
        position = [0]
        for task in rec.tasks:
            self._task(pid, None, 1, task, position)
        for i, ind in enumerate(rec.indicators, 1):
            self._indicator(pid, i, ind)

    def _task(self, pid: int, parent: int | None, depth: int, rec: TaskRec, position: list[int]) -> None:
        position[0] += 1
        values = {"plan_id": pid, "code": rec.code, "parent_id": parent, "depth": depth, "title": rec.title,
                  "text": rec.text, "quote": rec.quote, "note": rec.note, "position": position[0]}  # fmt: skip
        if rec.lead or rec.co:
            values["version"] = 2  # assigning owners bumps the task's version
        tid = self._new("task", values)
        self._created("task", tid, rec.code, values, TASK_LOGGED)
        if rec.lead or rec.co:
            self._owners(tid, rec)
        for m in rec.milestones:
            position[0] += 1
            self._milestone(pid, tid, m, position[0])
        for child in rec.tasks:
            self._task(pid, tid, depth + 1, child, position)

    def _owners(self, tid: int, rec: TaskRec) -> None:
        name: str | None
        for name in filter(None, [rec.lead, *rec.co]):
            if name not in self.units:
                uid = self._new("unit", {"name": name})
                self._created("unit", uid, name, {}, ())
                self.units[name] = (uid, name)
        assigned = set()
        for role, name in [("lead", rec.lead), *(("co", n) for n in rec.co)]:
            if not name or self.units[name][0] in assigned:
                continue
            uid, label = self.units[name]
            assigned.add(uid)
            self.rows["responsibility"].append(
                _row(Responsibility, {"task_id": tid, "unit_id": uid, "role": role})
            )
            self._log("task", tid, role, label)
        self.result.bump("assignments")

    def _milestone(self, pid: int, tid: int, rec: MilestoneRec, position: int) -> None:
        values = {name: getattr(rec, name) for name in MILESTONE_STATED if hasattr(rec, name)}
        values.update(plan_id=pid, task_id=tid, code=rec.code, position=position)
        mid = self._new("milestone", dict(values))
        self._created("milestone", mid, rec.code, values, MILESTONE_STATED)

    def _indicator(self, pid: int, position: int, rec: IndicatorRec) -> None:
        values = {k: v for k, v in vars(rec).items() if k != "code"}
        iid = self._new("indicator", {**values, "plan_id": pid, "code": rec.code, "position": position})
        self._created("indicator", iid, rec.code, values, INDICATOR_LOGGED)

    def _write(self) -> None:
        for table, rows in self.rows.items():
            if rows:
                cols = [c.name for c in table_of(MODELS[table]).columns]
                if table == "responsibility":
                    cols.remove("id")
                marks = ", ".join("?" * len(cols))
                self.raw.executemany(f'INSERT INTO "{table}" ({", ".join(cols)}) VALUES ({marks})', rows)
                rows.clear()
        marks = ", ".join("?" * len(CHANGE_COLUMNS))
        self.raw.executemany(f"INSERT INTO change ({', '.join(CHANGE_COLUMNS)}) VALUES ({marks})", self.changes)
        self.uow.changes += len(self.changes)
        self.changes.clear()


_COLUMNS: dict[type[SQLModel], list[tuple[str, Any]]] = {}


def _row(model: type[SQLModel], values: dict[str, Any]) -> tuple[Any, ...]:
    """`values` in the table's column order, with the columns' own defaults, as SQLite stores them."""
    columns = _COLUMNS.get(model)
    if columns is None:
        columns = _COLUMNS[model] = [
            (c.name, c.default.arg if c.default is not None and c.default.is_scalar else None)  # type: ignore[attr-defined]  # is_scalar: it has .arg
            for c in table_of(model).columns
            if not (model is Responsibility and c.name == "id")
        ]
    return tuple(_stored(values.get(name, default)) for name, default in columns)


def _stored(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value
