"""SQL text run on whichever connection a read has: the stdlib sqlite3 one as it is (no SQLAlchemy needed,
and fetching is cheapest there), or a SQLAlchemy connection to another backend through text().

Queries use named parameters (:name), which both accept. Rows come back as plain tuples; SQLite gives
dates as ISO text and booleans as 0/1, so readers convert with `day()` and `bool()`.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

from tasktrack.errors import NotFound, UserError, Words


def dbapi(conn: Any) -> sqlite3.Connection | None:
    """The sqlite3 connection behind `conn` (itself, or a SQLAlchemy connection's), else None."""
    if isinstance(conn, sqlite3.Connection):
        return conn
    if conn.dialect.name == "sqlite":
        raw = conn.connection.dbapi_connection
        return raw if isinstance(raw, sqlite3.Connection) else None
    return None


def dialect(conn: Any) -> str:
    return "sqlite" if dbapi(conn) is not None else str(conn.dialect.name)


def fetch(conn: Any, sql: str, params: dict[str, Any] | None = None) -> list[tuple[Any, ...]]:
    raw = dbapi(conn)
    if raw is not None:
        return raw.execute(sql, params or {}).fetchall()
    from sqlalchemy import text

    return [tuple(r) for r in conn.execute(text(sql), params or {})]


def param(conn: Any, value: date) -> Any:
    """A date as a bound parameter: ISO text for SQLite (as SQLAlchemy stores it), a date elsewhere."""
    return value.isoformat() if dbapi(conn) is not None else value


def day(value: Any) -> date | None:
    """A stored date (ISO text on SQLite) as a date; the few distinct due dates are parsed once."""
    if value is None or isinstance(value, date):
        return value
    found = _DAYS.get(value)
    if found is None:
        found = _DAYS[value] = date.fromisoformat(str(value)[:10])
    return found


_DAYS: dict[Any, date] = {}


def in_list(prefix: str, values: list[Any], params: dict[str, Any]) -> str:
    """`:p0, :p1, ...` for an IN (...) list, adding the values to `params`."""
    names = [f"{prefix}{i}" for i in range(len(values))]
    params.update(zip(names, values, strict=True))
    return ", ".join(f":{n}" for n in names)


# -- references: what a user types (an id, a key, a code, a name) as a row id, or a clear refusal ---


def _int(ref: str | int) -> int | None:
    if isinstance(ref, int):
        return ref
    ref = ref.strip().lstrip("#")
    # ASCII digits only (str.isdigit() takes ² too), and no more than a row id can be: a longer run of
    # digits is a code or a typo, never a 64-bit id
    return int(ref) if ref.isascii() and ref.isdigit() and len(ref) <= 18 else None


def _one(conn: Any, sql: str, params: dict[str, Any]) -> Any:
    rows = fetch(conn, sql, params)
    return rows[0][0] if rows else None


def plan_id(conn: Any, ref: str | int) -> int:
    """A plan by id, key or document number."""
    num = _int(ref)
    if num is not None:
        found = _one(conn, "SELECT id FROM plan WHERE id = :n", {"n": num})
    else:
        found = _one(conn, "SELECT id FROM plan WHERE key = :r OR doc_no = :r", {"r": str(ref).strip()})
    if found is None:
        keys = ", ".join(r[0] for r in fetch(conn, "SELECT key FROM plan ORDER BY id"))
        raise NotFound("err.store.no_plan", ref=str(ref), keys=keys or Words("err.store.none_yet"))
    return int(found)


def unit_id(conn: Any, ref: str | int) -> int:
    """A unit by id, name or short name."""
    num = _int(ref)
    text = str(ref).strip()
    if num is not None:
        found = _one(conn, "SELECT id FROM unit WHERE id = :n", {"n": num})
    else:
        found = _one(conn, "SELECT id FROM unit WHERE name = :t OR short_name = :t", {"t": text})
    if found is None:
        raise NotFound("err.store.no_unit", ref=text)
    return int(found)


_THINGS = {
    "milestone": "hist.entity.milestone",
    "task": "hist.entity.task",
    "indicator": "hist.entity.indicator",
}


def _by_code(conn: Any, table: str, ref: str, noun: str) -> int:
    plan: str | None = None
    code = ref.strip()
    if ":" in ref:  # 'kaizhou-7p:1-M1' → ('kaizhou-7p', '1-M1')
        plan, code = (s.strip() for s in ref.split(":", 1))
    sql = f"SELECT x.id, p.key FROM {table} x JOIN plan p ON p.id = x.plan_id WHERE x.code = :code"
    params: dict[str, Any] = {"code": code}
    if plan is not None:
        sql += " AND p.id = :plan"
        params["plan"] = plan_id(conn, plan)
    rows = fetch(conn, sql, params)
    if not rows:
        raise NotFound("err.store.no_code", thing=Words(_THINGS[noun]), noun=noun, ref=ref)
    if len(rows) > 1:
        choices = ", ".join(f"{key}:{code}" for _, key in rows)
        raise UserError("err.store.code_in_plans", thing=Words(_THINGS[noun]), code=code, choices=choices)
    return int(rows[0][0])


def _id_or_code(conn: Any, table: str, ref: str | int, no_such_id: str) -> int:
    """A row of `table` by id (42, #42) or code (1-M1, PLAN:1-M1); `no_such_id`, a catalogue key, refuses
    an unknown id ({n} is the id)."""
    num = _int(ref)
    if num is None:
        return _by_code(conn, table, str(ref), table)
    if _one(conn, f"SELECT id FROM {table} WHERE id = :n", {"n": num}) is None:
        raise NotFound(Words(no_such_id, n=num))
    return num


def milestone_id(conn: Any, ref: str | int) -> int:
    """A milestone by id (42, #42) or code (1-M1, kaizhou-7p:1-M1)."""
    return _id_or_code(conn, "milestone", ref, "err.store.no_milestone_id")


def task_id(conn: Any, ref: str | int) -> int:
    """A task by id or code (1-1, kaizhou-7p:1-1). A bare number is an id: write PLAN:CODE for code '1'."""
    return _id_or_code(conn, "task", ref, "err.store.no_task_id")


def indicator_id(conn: Any, ref: str | int) -> int:
    """An indicator by id or code (专栏2-1, PLAN:专栏2-1)."""
    return _id_or_code(conn, "indicator", ref, "err.store.no_indicator_id")


def task_by_code(conn: Any, ref: str) -> int:
    """A task by code only ('1' is programme 1, not id 1), optionally PLAN:CODE."""
    return _by_code(conn, "task", ref, "task")
