"""Small reads as SQL text (plans, units, the reminder sent-log), for readers that run without SQLAlchemy."""

from __future__ import annotations

from typing import Any

from tasktrack.store.rawsql import fetch, in_list

PLANS = """SELECT pl.id, pl.key, pl.doc_no, pl.title, pl.short_title, pl.issuer, pl.issued, pl.period_start,
pl.period_end, pp.key, pl.source, pl.quote,
(SELECT count(*) FROM task x WHERE x.plan_id = pl.id),
(SELECT count(*) FROM milestone x WHERE x.plan_id = pl.id),
(SELECT count(*) FROM indicator x WHERE x.plan_id = pl.id)
FROM plan pl LEFT JOIN plan pp ON pp.id = pl.parent_id"""
UNITS = "SELECT id, name, short_name, contact, email, phone, is_demo, version FROM unit"


def plans(conn: Any, keys: list[str] | None = None) -> list[tuple[Any, ...]]:
    """Plans in id order with their parent's key and their numbers of tasks, milestones and indicators."""
    params: dict[str, Any] = {}
    where = f" WHERE pl.key IN ({in_list('k', keys, params)})" if keys else ""
    return [] if keys == [] else fetch(conn, PLANS + where + " ORDER BY pl.id", params)


def units(conn: Any, ids: list[int] | None = None) -> list[tuple[Any, ...]]:
    """Units in id order (all, or those with the given ids)."""
    if ids == []:
        return []
    if ids is None or len(ids) > 500:
        wanted = None if ids is None else set(ids)
        return [r for r in fetch(conn, UNITS + " ORDER BY id") if wanted is None or r[0] in wanted]
    params: dict[str, Any] = {}
    return fetch(conn, f"{UNITS} WHERE id IN ({in_list('u', sorted(ids), params)}) ORDER BY id", params)


def reminders_sent(conn: Any) -> set[tuple[int, str, int | None]]:
    """(milestone, stage, unit) of every reminder item sent."""
    return set(fetch(conn, "SELECT milestone_id, stage, unit_id FROM remindersent"))


# 退回: closure requests a coordinator returned, on items not closed and not asked to close again since.
RETURNED = """SELECT r.id, r.milestone_id, r.decision_note FROM request r JOIN milestone m ON m.id = r.milestone_id
WHERE r.state = 'returned' AND m.status NOT IN ('closed', 'cancelled') AND NOT EXISTS
(SELECT 1 FROM request q WHERE q.milestone_id = r.milestone_id AND q.kind = 'closure' AND q.id > r.id)
ORDER BY r.id"""


def returned(conn: Any) -> list[tuple[Any, ...]]:
    """(request id, milestone id, reason) of each return (退回) still open."""
    return fetch(conn, RETURNED)


LINKS = (
    "SELECT m.id, o.id, p.key, o.code FROM milestone m JOIN milestone o ON o.id = m.link_id "
    "JOIN plan p ON p.id = o.plan_id"
)


def milestone_links(conn: Any) -> dict[int, tuple[int, str, str]]:
    """Each linked milestone's id → (the id, plan key and code of the one it is linked to)."""
    return {int(r[0]): (int(r[1]), str(r[2]), str(r[3])) for r in fetch(conn, LINKS)}


OWNED_INDICATORS = (
    "SELECT i.id, p.key, i.code, i.name, i.owner_id, i.data_due, i.baseline_year FROM indicator i "
    "JOIN plan p ON p.id = i.plan_id WHERE i.owner_id IS NOT NULL AND i.data_due IS NOT NULL "
    "ORDER BY i.plan_id, i.position, i.id"
)


def owned_indicators(conn: Any) -> list[tuple[Any, ...]]:
    """(id, plan key, code, name, owner unit id, data deadline as written, baseline year) of each indicator
    with a responsible unit and a data deadline."""
    return fetch(conn, OWNED_INDICATORS)


def reading_periods(conn: Any, ids: list[int]) -> dict[int, set[str]]:
    """The periods each of these indicators has a reading for."""
    out: dict[int, set[str]] = {i: set() for i in ids}
    if ids:
        params: dict[str, Any] = {}
        sql = f"SELECT indicator_id, period FROM indicatorreading WHERE indicator_id IN ({in_list('i', ids, params)})"
        for iid, period in fetch(conn, sql, params):
            out[int(iid)].add(str(period))
    return out
