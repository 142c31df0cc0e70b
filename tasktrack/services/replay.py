"""The change log replayed: milestones rebuilt from their 'created' rows and field changes alone.

全程留痕 means the append-only `change` table must be able to tell the whole story: folding a milestone's
change rows in order, starting from the model's defaults, must give exactly the values its row holds now.
`differences()` says where it does not.
"""

from __future__ import annotations

from functools import cache

from sqlalchemy import select

from tasktrack.models import Change, Milestone
from tasktrack.services import as_it_stood
from tasktrack.services.as_it_stood import REPLAYED, State, fold, initial
from tasktrack.services.base import Context, encode, reading

__all__ = ["REPLAYED", "State", "current", "differences", "fold", "initial", "replay"]


@cache
def _defaults() -> tuple[tuple[str, str | None], ...]:
    fields = Milestone.model_fields
    return tuple((n, None if fields[n].is_required() else encode(fields[n].default)) for n in REPLAYED)


def _check() -> None:
    """as_it_stood's field table (kept free of SQLAlchemy for the light reader) must be the model's."""
    from tasktrack.models import MILESTONE_TARGET

    wanted = ("code", "task_id", *MILESTONE_TARGET, "baseline_quote", "actual", "status", "completed_on", "quote", "note")
    types = {n: Milestone.model_fields[n].annotation for n in REPLAYED}
    mine = {n: k for n, k, _ in as_it_stood.FIELDS}
    if REPLAYED != wanted or _defaults() != tuple(initial().items()) or any(
        types[n] not in (mine[n], mine[n] | None) for n in REPLAYED
    ):
        raise ImportError("the Milestone model changed: update services/as_it_stood.FIELDS")


_check()


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
