"""The change log replayed: milestones rebuilt from their 'created' rows and field changes alone.

全程留痕 means the append-only `change` table must be able to tell the whole story: folding a milestone's
change rows in order, starting from the model's defaults, must give exactly the values its row holds now.
`differences()` says where it does not.
"""

from __future__ import annotations

from collections.abc import Iterable
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
