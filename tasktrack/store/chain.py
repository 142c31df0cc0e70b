"""The change log as a hash chain: each row carries a SHA-256 over its content and the previous row's hash.

One canonical encoding, written here once and used by every writer and by the verifier:

    "tasktrack.change.v1" + part(prev_hash) + part(id) + part(at) + part(actor) + ... + part(reason)

over CHAINED in that order, where part(NULL) is "-" and part(text) is "<UTF-8 byte length>:<text>" (so no
two different rows encode alike); integers are written in decimal, `at` as UTC "YYYY-MM-DD HH:MM:SS.ffffff".
The first row's prev_hash is GENESIS. Rows are chained in id order, and a unique index on prev_hash means
no two rows can follow the same one: concurrent writers cannot fork the chain.

SQLite: the writer (services.base.UnitOfWork and services.bulk, under the BEGIN IMMEDIATE write lock) reads
the head once per unit of work, hands out the next ids and computes each hash with `row_hash`.
PostgreSQL: the database sets `id`, `at` (now(), unless the session is a superuser or the table's owner, who
could drop the trigger anyway) and `db_user` (session_user) itself, so the hash is computed where they are
final, in a BEFORE INSERT trigger (PG_FUNCTIONS, installed by migration 0005) that takes a
transaction-level advisory lock first; it is the same encoding in SQL, and tests check the two agree.

Deleting the newest rows leaves a shorter chain that is still whole: that is what the head printed on every
issued circular is for (`tasktrack db check --head HASH`).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

VERSION = "tasktrack.change.v1"
GENESIS = "0" * 64
# The columns the hash covers, in encoding order (all of change's own columns but prev_hash and hash).
CHAINED = ("id", "at", "actor", "os_user", "db_user", "command_id", "command", "entity", "entity_id", "field",
           "old", "new", "reason")  # fmt: skip
LOCK_KEY = 0x7461736B5F636867  # the PostgreSQL advisory lock that serializes appends ("task_chg")


def stamp(value: object) -> str:
    """`at` as the encoding writes it: UTC, microseconds. Naive values (SQLite's stored text) are UTC."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if not isinstance(value, datetime):
        raise ValueError(f"not a time: {value!r}")
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat(sep=" ", timespec="microseconds")


def _part(value: str | None) -> str:
    if value is None:
        return "-"
    size = len(value) if value.isascii() else len(value.encode("utf-8"))  # its UTF-8 length, cheaply
    return f"{size}:{value}"


_AT = CHAINED.index("at")


@functools.lru_cache(maxsize=256)
def _stamp(value: object) -> str:  # a unit of work's rows share one `at`: worked out once
    return stamp(value)


def encoding(prev_hash: str | None, values: Sequence[Any]) -> str:
    """The canonical text of one row: `values` are CHAINED's, in order, as stored or about to be."""
    if len(values) != len(CHAINED):
        raise ValueError(f"a change row has {len(CHAINED)} chained values, not {len(values)}")
    parts = [VERSION, _part(prev_hash)]
    for i, value in enumerate(values):
        if value is None:
            parts.append("-")
        else:
            parts.append(_part(_stamp(value) if i == _AT else value if type(value) is str else str(value)))
    return "".join(parts)


def row_hash(prev_hash: str | None, values: Sequence[Any]) -> str:
    """The hash of one change row (hex SHA-256 of its canonical encoding)."""
    return hashlib.sha256(encoding(prev_hash, values).encode("utf-8")).hexdigest()


def head_of(raw: Any) -> tuple[int, str | None]:
    """The newest row's (id, hash) on a DB-API or SQLAlchemy connection; (0, GENESIS) for an empty log."""
    from tasktrack.store import rawsql

    rows = rawsql.fetch(raw, "SELECT id, hash FROM change ORDER BY id DESC LIMIT 1")
    return (rows[0][0], rows[0][1]) if rows else (0, GENESIS)


class Appender:
    """Hands out ids and hashes for the rows one SQLite write transaction appends, from the head it read
    once (the transaction holds the write lock, so nobody else appends meanwhile)."""

    def __init__(self, conn: Any) -> None:
        self.last_id, self.last_hash = head_of(conn)

    def link(self, values: dict[str, Any]) -> dict[str, Any]:
        """Give `values` (CHAINED's columns but id) the next id, prev_hash and hash; returns `values`."""
        values["id"] = self.last_id + 1
        values["prev_hash"] = self.last_hash
        values["hash"] = row_hash(self.last_hash, [values[name] for name in CHAINED])
        self.last_id, self.last_hash = values["id"], values["hash"]
        return values


# -- verifying -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """The first row where the chain does not hold, and what is wrong there.

    kind: "unhashed" (no hash: written outside tasktrack), "altered" (content does not match its hash),
    "unlinked" (its prev_hash is not the hash of the row before it: rows deleted or inserted before it),
    "unreadable" (a value the encoding cannot read)."""

    id: int
    kind: str
    previous_id: int | None = None  # the row before it in id order, if any
    detail: str = ""


@dataclass(frozen=True)
class Verdict:
    rows: int
    head_id: int
    head: str | None  # the newest row's hash as stored (GENESIS for an empty log)
    problems: tuple[Problem, ...]  # in id order; the first is the first broken row
    found: dict[str, int | None] | None = None  # hashes asked about (verify's `heads`) → the row's id, or None

    @property
    def ok(self) -> bool:
        return not self.problems


MAX_PROBLEMS = 20


def verify(conn: Any, heads: Sequence[str] = ()) -> Verdict:
    """Walk the whole log in id order, recomputing every hash and link. Also finds which of `heads`
    (full hashes, or prefixes of at least 12 hex digits) is a row's stored hash."""
    wanted = [h.lower() for h in heads]
    found: dict[str, int | None] = dict.fromkeys(wanted)
    if GENESIS in found:
        found[GENESIS] = 0
    problems: list[Problem] = []
    prev_id: int | None = None
    prev_hash: str | None = GENESIS
    rows = 0
    for row in _rows(conn):
        rows += 1
        rid, stored = row[0], row[-1]
        problem = _check(row, prev_id, prev_hash)
        if problem is not None and len(problems) < MAX_PROBLEMS:
            problems.append(problem)
        for h in wanted:
            if stored is not None and found[h] is None and stored.startswith(h):
                found[h] = rid
        prev_id, prev_hash = rid, stored
    return Verdict(rows, prev_id or 0, prev_hash, tuple(problems), found if heads else None)


def _check(row: Sequence[Any], prev_id: int | None, prev_hash: str | None) -> Problem | None:
    rid, stored_prev, stored = row[0], row[-2], row[-1]
    if stored is None:
        return Problem(rid, "unhashed", prev_id)
    try:
        computed = row_hash(stored_prev, row[: len(CHAINED)])
    except (ValueError, TypeError, UnicodeError) as exc:
        return Problem(rid, "unreadable", prev_id, str(exc))
    if computed != stored:
        return Problem(rid, "altered", prev_id)
    if stored_prev != prev_hash:
        return Problem(rid, "unlinked", prev_id)
    return None


def _rows(conn: Any) -> Iterator[Sequence[Any]]:
    """Every row's CHAINED values, prev_hash and hash, in id order, as stored (SQLite's `at` as its text)."""
    sql = f"SELECT {', '.join(CHAINED)}, prev_hash, hash FROM change ORDER BY id"
    from tasktrack.store import rawsql

    raw = rawsql.dbapi(conn)
    if raw is not None:
        yield from raw.execute(sql)
        return
    from sqlalchemy import text

    yield from conn.execute(text(sql).execution_options(stream_results=True, yield_per=5000))


# -- PostgreSQL: the same encoding in SQL, set where id, at and db_user are final ----------------------------

PG_FUNCTIONS = """
CREATE FUNCTION tasktrack_chain_part(v text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(octet_length(convert_to(v, 'UTF8'))::text || ':' || v, '-')
$$;
CREATE FUNCTION tasktrack_change_hash(prev text, c change) RETURNS text
LANGUAGE sql STABLE SET search_path = {schema}, pg_temp AS $$
    SELECT encode(sha256(convert_to({encoding}, 'UTF8')), 'hex')
$$;
CREATE FUNCTION tasktrack_change_chain() RETURNS trigger
LANGUAGE plpgsql SET search_path = {schema}, pg_temp AS $$
DECLARE
    prev text;
BEGIN
    IF NEW.db_user IS NOT NULL AND NEW.db_user IS DISTINCT FROM session_user::text THEN
        RAISE EXCEPTION 'change.db_user is set by the database (session_user %), not given as %',
            session_user, NEW.db_user USING ERRCODE = 'insufficient_privilege';
    END IF;
    NEW.db_user := session_user;
    -- The time is the database's, except for a session that could switch this trigger off anyway (a
    -- superuser, or a member of the table's owner): it may state its own (tasktrack sends its clock).
    IF NEW.at IS NULL OR NOT EXISTS (
        SELECT 1 FROM pg_roles r WHERE r.rolname = session_user AND (r.rolsuper
            OR pg_has_role(session_user, (SELECT t.relowner FROM pg_class t WHERE t.oid = TG_RELID), 'MEMBER'))
    ) THEN
        NEW.at := now();
    END IF;
    -- One appender at a time, until commit: the id and the previous row are taken under the lock, so
    -- ids follow the chain and two transactions cannot both chain from the same row.
    PERFORM pg_advisory_xact_lock({lock});
    NEW.id := nextval(pg_get_serial_sequence(quote_ident(TG_TABLE_SCHEMA) || '.' || quote_ident(TG_TABLE_NAME), 'id'));
    SELECT c.hash INTO prev FROM change c ORDER BY c.id DESC LIMIT 1;
    IF NOT FOUND THEN
        prev := '{genesis}';
    END IF;
    NEW.prev_hash := prev;
    NEW.hash := tasktrack_change_hash(prev, NEW);
    RETURN NEW;
END
$$;
CREATE TRIGGER change_chain BEFORE INSERT ON change FOR EACH ROW EXECUTE FUNCTION tasktrack_change_chain();
"""
PG_DROP = (
    "DROP TRIGGER IF EXISTS change_chain ON change",
    "DROP FUNCTION IF EXISTS tasktrack_change_chain()",
    "DROP FUNCTION IF EXISTS tasktrack_change_hash(text, change)",
    "DROP FUNCTION IF EXISTS tasktrack_chain_part(text)",
)


def _pg_value(name: str) -> str:
    if name == "at":
        return "to_char(c.at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')"
    return f"c.{name}::text"


def pg_functions(schema: str) -> str:
    """The SQL of the trigger and its hash function, for the schema (quoted) the ledger lives in."""
    parts = " || ".join(f"tasktrack_chain_part({_pg_value(n)})" for n in CHAINED)
    return PG_FUNCTIONS.format(
        schema=schema,
        encoding=f"'{VERSION}' || tasktrack_chain_part(prev) || {parts}",
        lock=LOCK_KEY,
        genesis=GENESIS,
    )
