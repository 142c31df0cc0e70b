"""Turning what a user types (an id, a key, a code, a name) into row ids, or a clear refusal."""

from __future__ import annotations

from sqlalchemy import Connection, or_, select

from tasktrack.errors import NotFound, UserError
from tasktrack.models import Indicator, Milestone, Plan, Task, Unit


def _int(ref: str | int) -> int | None:
    if isinstance(ref, int):
        return ref
    ref = ref.strip().lstrip("#")
    return int(ref) if ref.isdigit() else None


def plan_id(conn: Connection, ref: str | int) -> int:
    """A plan by id, key or document number."""
    num = _int(ref)
    cond = (
        Plan.id == num
        if num is not None
        else or_(Plan.key == str(ref).strip(), Plan.doc_no == str(ref).strip())
    )
    found = conn.execute(select(Plan.id).where(cond)).scalar()
    if found is None:
        keys = ", ".join(conn.execute(select(Plan.key).order_by(Plan.id)).scalars()) or "none yet"
        raise NotFound(f"no plan {ref!s}; known plans: {keys} (see 'tasktrack plan list')")
    return int(found)


def unit_id(conn: Connection, ref: str | int) -> int:
    """A unit by id, name or short name."""
    num = _int(ref)
    text = str(ref).strip()
    cond = Unit.id == num if num is not None else or_(Unit.name == text, Unit.short_name == text)
    found = conn.execute(select(Unit.id).where(cond)).scalar()
    if found is None:
        raise NotFound(f"no unit {text!r}; see 'tasktrack unit list' or add it with 'tasktrack unit add'")
    return int(found)


def _split(ref: str) -> tuple[str | None, str]:
    """'kaizhou-7p:1-M1' → ('kaizhou-7p', '1-M1'); '1-M1' → (None, '1-M1')."""
    if ":" in ref:
        plan, code = ref.split(":", 1)
        return plan.strip(), code.strip()
    return None, ref.strip()


def _by_code(conn: Connection, model: type, ref: str, noun: str) -> int:
    plan, code = _split(ref)
    stmt = select(model.id, Plan.key).join(Plan, Plan.id == model.plan_id).where(model.code == code)
    if plan is not None:
        stmt = stmt.where(Plan.id == plan_id(conn, plan))
    rows = list(conn.execute(stmt))
    if not rows:
        raise NotFound(f"no {noun} {ref!r}; give its id or PLAN:CODE (see 'tasktrack {noun} list')")
    if len(rows) > 1:
        choices = ", ".join(f"{r.key}:{code}" for r in rows)
        raise UserError(f"{noun} code {code!r} is in several plans; write one of {choices}")
    return int(rows[0].id)


def milestone_id(conn: Connection, ref: str | int) -> int:
    """A milestone by id (42, #42) or code (1-M1, kaizhou-7p:1-M1)."""
    num = _int(ref)
    if num is not None:
        if conn.execute(select(Milestone.id).where(Milestone.id == num)).scalar() is None:
            raise NotFound(f"no milestone with id {num}; see 'tasktrack milestone list'")
        return num
    return _by_code(conn, Milestone, str(ref), "milestone")


def task_id(conn: Connection, ref: str | int) -> int:
    """A task by id or code (1-1, kaizhou-7p:1-1). A bare number is an id: write PLAN:CODE for code '1'."""
    num = _int(ref)
    if num is not None:
        if conn.execute(select(Task.id).where(Task.id == num)).scalar() is None:
            raise NotFound(f"no task with id {num}; for a task coded {num} write PLAN:{num}")
        return num
    return _by_code(conn, Task, str(ref), "task")


def task_by_code(conn: Connection, ref: str) -> int:
    """A task by code only ('1' is programme 1, not id 1), optionally PLAN:CODE."""
    return _by_code(conn, Task, ref, "task")


def indicator_id(conn: Connection, ref: str | int) -> int:
    num = _int(ref)
    if num is not None:
        if conn.execute(select(Indicator.id).where(Indicator.id == num)).scalar() is None:
            raise NotFound(f"no indicator with id {num}; see 'tasktrack indicator list'")
        return num
    return _by_code(conn, Indicator, str(ref), "indicator")
