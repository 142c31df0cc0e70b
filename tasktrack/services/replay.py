"""The change log replayed: milestones rebuilt from their 'created' rows and field changes alone.

全程留痕 means the append-only `change` table must be able to tell the whole story: folding a milestone's
change rows in order, starting from the model's defaults, must give exactly the values its row holds now.
`differences()` says where it does not.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

from sqlalchemy import select

from tasktrack.models import MILESTONE_TARGET, Change, Milestone
from tasktrack.services.base import Context, encode, reading

# Every milestone field a person or a seed sets. Left out: the id, the plan (fixed at creation, implied by the
# task), the position in the plan (a display order) and the version (a counter bumped by each change).
REPLAYED = (
    "code",
    "task_id",
    *MILESTONE_TARGET,
    "baseline_quote",
    "actual",
    "status",
    "completed_on",
    "quote",
    "note",
)

_REPLAYED = frozenset(REPLAYED)
State = dict[int, dict[str, str | None]]


@cache
def _defaults() -> tuple[tuple[str, str | None], ...]:
    fields = Milestone.model_fields
    return tuple((n, None if fields[n].is_required() else encode(fields[n].default)) for n in REPLAYED)


def initial() -> dict[str, str | None]:
    """A milestone before its creation's change rows: the table's defaults, encoded as the log encodes."""
    return dict(_defaults())


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


def replay(ctx: Context, state: State | None = None, after: int = 0) -> tuple[State, int]:
    """The milestones as the change log tells them, and the id of the last change row read.

    With `state` and `after` (what an earlier call returned) only the newer rows are read and folded in.
    """
    with reading(ctx) as conn:
        rows = list(
            conn.execute(
                select(Change.id, Change.entity, Change.entity_id, Change.field, Change.new)
                .where(Change.entity == "milestone", Change.id > after)
                .order_by(Change.id)
            )
        )
    return fold(rows, state), (rows[-1].id if rows else after)


def current(ctx: Context) -> State:
    """The milestones as their table holds them, encoded like the log."""
    with reading(ctx) as conn:
        rows = conn.execute(select(Milestone.id, *(getattr(Milestone, n) for n in REPLAYED)))
        return {r.id: {n: encode(getattr(r, n)) for n in REPLAYED} for r in rows}


def differences(ctx: Context) -> list[str]:
    """Where the log and the table disagree, one line each; empty when the log tells the whole story."""
    (logged, _), table = replay(ctx), current(ctx)
    out = [f"milestone {i} has no 'created' row in the change log" for i in sorted(set(table) - set(logged))]
    out += [
        f"milestone {i} is in the change log but not in the table" for i in sorted(set(logged) - set(table))
    ]
    for i in sorted(set(table) & set(logged)):
        for name in REPLAYED:
            if logged[i][name] != table[i][name]:
                out.append(
                    f"milestone {i} ({table[i]['code']}) {name}: "
                    f"the log says {logged[i][name]!r}, the table holds {table[i][name]!r}"
                )
    return out


# --- The ledger as it stood at the end of a day (`--as-of` on read commands) ---------------------------

SEED_LOAD = "seed load"  # the command a seed file's rows carry (services.loading)


def day_of(at: Any) -> date:
    """The local calendar day of a change row's time (a datetime, or the ISO text raw SQLite gives)."""
    stamp = at if isinstance(at, datetime) else datetime.fromisoformat(str(at))
    return (stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)).astimezone().date()


def effective_day(row: Any, completed: dict[tuple[str, int], date]) -> date:
    """The day a milestone change row takes effect in a rebuild.

    A person's change takes effect on the day it was logged. A seed load transcribes a record kept before
    it (the plan's own targets, a layer of earlier progress): its rows count from the start, except those of
    a milestone it records as completed, which count from that completion date (`completed`: per command
    and milestone, the completed_on the command set)."""
    if (row.command or "").startswith(SEED_LOAD):
        return completed.get((row.command_id, row.entity_id), date.min)
    return day_of(row.at)


def stood(rows: Iterable[Any], day: date) -> State:
    """Milestone change rows (id, at, command, command_id, entity, entity_id, field, new), oldest first,
    folded up to the end of `day` by their effective_day: the milestones as the ledger held them then."""
    rows = list(rows)
    completed = {
        (r.command_id, r.entity_id): date.fromisoformat(r.new[:10])
        for r in rows
        if r.field == "completed_on" and r.new and (r.command or "").startswith(SEED_LOAD)
    }
    return fold(r for r in rows if effective_day(r, completed) <= day)


def decoded(state: dict[str, str | None]) -> dict[str, Any]:
    """A rebuilt milestone's fields as the milestone table types them (the inverse of base.encode)."""
    fields = Milestone.model_fields
    out: dict[str, Any] = {}
    for name, text in state.items():
        kind = fields[name].annotation
        if text is None:
            out[name] = None
        elif kind in (int, int | None):
            out[name] = int(text)
        elif kind in (float, float | None):
            out[name] = float(text)
        elif kind in (bool, bool | None):
            out[name] = text == "true"
        elif kind in (date, date | None):
            out[name] = date.fromisoformat(text[:10])
        else:
            out[name] = text
    return out
