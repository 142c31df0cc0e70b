"""The read side of linked targets, light enough for the fast reading commands (no ORM): which milestones
are linked, and the rule that chases a linked commitment once. services.links holds the writes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tasktrack.store import read_sql

Links = dict[int, tuple[int, str, str]]  # milestone id → (the linked one's id, plan key, code)


def partners(conn: Any) -> Links:
    """Every linked milestone's id → the id, plan key and code of the one it is linked to."""
    return read_sql.milestone_links(conn)


def chase_once(ids: Iterable[int], links: Links) -> set[int]:
    """The rule that chases a linked commitment once: of `ids` in the order a reminder or circular lists
    them, those to leave out because the milestone linked to them is listed earlier (which names both)."""
    seen: set[int] = set()
    drop: set[int] = set()
    for mid in ids:
        if mid in links and links[mid][0] in seen:
            drop.add(mid)
            continue
        seen.add(mid)
    return drop
