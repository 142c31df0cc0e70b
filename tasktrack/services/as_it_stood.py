"""The milestones as the ledger stood at the end of a day, folded from change-log rows. No SQLAlchemy here:
the light reader behind `milestone list --as-of` uses it (services.replay checks the tables below against
the Milestone model when it is imported, so they cannot drift).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

# Every milestone field a person or a seed sets, with its type and its default as the change log encodes it
# (services.base.encode). Left out: the id, the plan (fixed at creation, implied by the task), the position
# in the plan (a display order) and the version (a counter bumped by each change).
FIELDS: tuple[tuple[str, type, str | None], ...] = (
    ("code", str, None),
    ("task_id", int, None),
    ("metric", str, None),
    ("year", int, None),
    ("due", date, None),
    ("due_text", str, None),
    ("target", float, None),
    ("unit", str, None),
    ("comparison", str, ">="),
    ("kind", str, "increment"),
    ("cumulative", bool, "false"),
    ("aspirational", bool, "false"),
    ("baseline_year", int, None),
    ("baseline_value", float, None),
    ("baseline_quote", str, None),
    ("actual", float, None),
    ("status", str, "not_started"),
    ("completed_on", date, None),
    ("quote", str, None),
    ("note", str, None),
)
REPLAYED = tuple(name for name, _, _ in FIELDS)
_REPLAYED = frozenset(REPLAYED)
_TYPES = {name: kind for name, kind, _ in FIELDS}
State = dict[int, dict[str, str | None]]
SEED_LOAD = "seed load"  # the command a seed file's rows carry (services.loading)


def initial() -> dict[str, str | None]:
    """A milestone before its creation's change rows: the table's defaults, encoded as the log encodes."""
    return {name: default for name, _, default in FIELDS}


def fold(changes: Iterable[Any], state: State | None = None) -> State:
    """Milestone change rows (entity, entity_id, field, new), oldest first, into {id: {field: encoded value}}.

    A 'created' row starts a milestone (its new value is the code); a change to a milestone never created in
    the log (or to a field outside REPLAYED) is ignored. Given a `state`, the rows continue it (a left fold:
    folding the log in two parts gives what folding it whole gives). Pure: no database.
    """
    state = {} if state is None else state
    for c in changes:
        if c.entity != "milestone":
            continue
        if c.field == "created":
            state[c.entity_id] = {**initial(), "code": c.new}
        elif c.field == "deleted":  # an undo took back the milestone's creation
            state.pop(c.entity_id, None)
        elif c.field in _REPLAYED and c.entity_id in state:
            state[c.entity_id][c.field] = c.new
    return state


def day_of(at: Any) -> date:
    """The local calendar day of a change row's time (a datetime, or the ISO text raw SQLite gives)."""
    stamp = at if isinstance(at, datetime) else datetime.fromisoformat(str(at))
    return (stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)).astimezone().date()


def effective_day(row: Any, completed: dict[tuple[str, int], date], stated: dict[str, date]) -> date:
    """The day a change row takes effect in a rebuild.

    A person's change takes effect on the day its command was made for (`stated`: per command, the day
    given with --as-of, logged as the command's STATED row), else on the day it was logged. A seed load
    transcribes a record kept before it (the plan's own targets, a layer of earlier progress): its rows
    count from the start, except those of a milestone it records as completed, which count from that
    completion date (`completed`: per command and milestone, the completed_on the command set)."""
    if (row.command or "").startswith(SEED_LOAD):
        return completed.get((row.command_id, row.entity_id), date.min)
    return stated.get(row.command_id) or day_of(row.at)


def stated_days(rows: Iterable[Any]) -> dict[str, date]:
    """Per command id, the day it was made for, from its STATED rows (command_id, new)."""
    return {r.command_id: date.fromisoformat(r.new[:10]) for r in rows if r.new}


def stood(rows: Iterable[Any], day: date, stated: dict[str, date]) -> State:
    """Milestone change rows (id, at, command, command_id, entity, entity_id, field, new), oldest first,
    folded up to the end of `day` by their effective_day: the milestones as the ledger held them then."""
    rows = list(rows)
    completed = {
        (r.command_id, r.entity_id): date.fromisoformat(r.new[:10])
        for r in rows
        if r.field == "completed_on" and r.new and (r.command or "").startswith(SEED_LOAD)
    }
    return fold(r for r in rows if effective_day(r, completed, stated) <= day)


def decoded(state: dict[str, str | None]) -> dict[str, Any]:
    """A rebuilt milestone's fields as the milestone table types them (the inverse of base.encode)."""
    out: dict[str, Any] = {}
    for name, text in state.items():
        kind = _TYPES[name]
        if text is None:
            out[name] = None
        elif kind is bool:
            out[name] = text == "true"
        elif kind is date:
            out[name] = date.fromisoformat(text[:10])
        else:
            out[name] = kind(text)
    return out
