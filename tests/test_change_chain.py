"""The change log is a hash chain (issue 17): every write path extends one unbroken chain, the Python
verifier agrees with the hashes PostgreSQL's trigger writes, concurrent writers never fork it, and
`db check` names the first row a deletion, an alteration or a forged insert broke."""

from __future__ import annotations

import io
import json
import re
import shutil
import sqlite3
import subprocess
import threading
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError, IntegrityError

from tasktrack.services.ledger import Ledger
from tasktrack.store import chain
from tasktrack.store.schema import downgrade, upgrade
from tests.conftest import AS_OF, BACKEND, db_rows, make_ledger

SQLITE3 = shutil.which("sqlite3")


def verdict(ledger: Ledger, heads: tuple[str, ...] = ()) -> chain.Verdict:
    with ledger.ctx.engine.connect() as conn:
        return chain.verify(conn, heads)


def hashes(ledger: Ledger) -> list[tuple[int, str, str]]:
    return [tuple(r) for r in db_rows(ledger.ctx.engine.url.render_as_string(hide_password=False), "SELECT id, prev_hash, hash FROM change ORDER BY id")]


def test_the_encoding_is_unambiguous_and_names_its_version() -> None:
    row = [1, "2022-01-10 09:30:00.000000", "张三", "zhang", None, "c", "edit", "milestone", 3, "note", "", "a", None]
    text_ = chain.encoding(chain.GENESIS, row)
    assert text_.startswith("tasktrack.change.v1" + "64:" + chain.GENESIS + "1:1" + "26:2022-01-10 09:30:00.000000")
    assert "6:张三" in text_  # UTF-8 bytes, not characters
    assert chain.row_hash(chain.GENESIS, row) != chain.row_hash(chain.GENESIS, [*row[:10], None, *row[11:]])  # '' ≠ NULL
    moved = [*row[:10], "a", "", None]  # the same characters in other fields
    assert chain.row_hash(chain.GENESIS, row) != chain.row_hash(chain.GENESIS, moved)
    aware = chain.stamp("2022-01-10T17:30:00+08:00")  # a time with an offset is written in UTC
    assert aware == "2022-01-10 09:30:00.000000"


def test_every_write_path_extends_one_unbroken_chain(demo_ledger: Ledger) -> None:
    """Seeds (bulk on SQLite), edits, evidence, undo: every row hashed and linked to the one before it.
    On PostgreSQL the trigger wrote each hash, and the Python verifier reproduces every one of them."""
    ledger = demo_ledger
    ledger.milestones.record_actual("1-M2", 7, note="截至12月\n含\t制表符、emoji 🎉 与 'quotes'")
    ledger.evidence.add("1-M1", text="区科技局认定文件", doc_no="开州科技发〔2021〕12号")
    ledger.milestones.set_status("2-M1", "in_progress", note="")
    ledger.undo.undo()
    rows = hashes(ledger)
    found = verdict(ledger)
    assert found.ok, found.problems
    assert found.rows == len(rows) > 800 and found.head == rows[-1][2] and found.head_id == rows[-1][0]
    assert rows[0][1] == chain.GENESIS
    assert all(prev == before[2] for before, (_, prev, _) in zip(rows, rows[1:], strict=False))


@pytest.mark.skipif(BACKEND != "postgresql", reason="the trigger is PostgreSQL's")
def test_python_and_postgresqls_sha256_agree_on_every_row(demo_ledger: Ledger) -> None:
    demo_ledger.milestones.record_actual("1-M2", 7, note="多行\n说明\r\n" + "长" * 3000)
    with demo_ledger.ctx.engine.connect() as conn:
        rows = conn.execute(
            text(
                f"SELECT {', '.join(chain.CHAINED)}, prev_hash, hash, tasktrack_change_hash(prev_hash, c) "
                "FROM change c ORDER BY id"
            )
        ).all()
    assert rows
    for row in rows:
        assert row[-1] == row[-2] == chain.row_hash(row[-3], row[: len(chain.CHAINED)]), row[0]


def test_the_migration_chains_the_rows_already_there_as_the_writers_do(ledger: Ledger) -> None:
    ledger.milestones.record_actual("1-M2", 7, note="截至12月")
    written = hashes(ledger)
    engine = ledger.ctx.engine
    downgrade(engine, "0004")
    upgrade(engine)
    assert hashes(ledger) == written  # the backfill computes exactly what the writers wrote
    ledger.milestones.record_actual("1-M2", 8)  # and writing goes on from there
    assert verdict(ledger).ok


def test_no_two_rows_may_follow_the_same_one(ledger: Ledger) -> None:
    """The unique prev_hash is the backstop: a second row chained from a row already followed is refused."""
    _, prev, _ = hashes(ledger)[-2]
    fork = (
        "INSERT INTO change (at, actor, command_id, entity, entity_id, field, prev_hash, hash) "
        "VALUES (CURRENT_TIMESTAMP, 'x', 'x', 'milestone', 1, 'note', :p, 'f')"
    )
    if BACKEND == "sqlite":
        with pytest.raises(IntegrityError, match="prev_hash"), ledger.ctx.engine.begin() as conn:
            conn.execute(text("DROP TRIGGER change_no_update"))  # (not even the triggers stand in the way)
            conn.execute(text(fork), {"p": prev})
    else:  # there the trigger chains from the real head whatever the client says
        with ledger.ctx.engine.begin() as conn:
            conn.execute(text(fork), {"p": prev})
        assert verdict(ledger).ok


def test_concurrent_writers_keep_one_chain(db_path: Path, ledger: Ledger) -> None:
    """Four writers at once, each with its own engine: every row chained, in id order, no fork."""
    errors: list[BaseException] = []

    def write(n: int) -> None:
        mine = make_ledger(db_path, actor=f"writer-{n}")
        try:
            for i in range(15):
                mine.milestones.record_actual("1-M1", n * 100 + i)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            mine.close()

    before = verdict(ledger).rows
    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=300)
    assert not errors, errors[0]
    found = verdict(ledger)
    assert found.ok, found.problems
    actuals = db_rows(
        ledger.ctx.engine.url.render_as_string(hide_password=False),
        "SELECT count(*) FROM change WHERE field = 'actual' AND actor LIKE 'writer-%'",
    )
    assert actuals == [(4 * 15,)] and found.rows > before + 4 * 15 - 1


@pytest.mark.skipif(BACKEND != "postgresql", reason="PostgreSQL's advisory lock and isolation levels")
def test_on_postgresql_a_second_transaction_waits_and_then_chains_after_the_first(ledger: Ledger) -> None:
    url = ledger.ctx.engine.url
    insert = text(
        "INSERT INTO change (actor, command_id, entity, entity_id, field) "
        "VALUES (:a, 'x', 'milestone', 1, 'note') RETURNING id"
    )
    first, second = create_engine(url), create_engine(url, isolation_level="REPEATABLE READ")
    try:
        with first.connect() as a, second.connect() as b:
            b.execute(text("SELECT count(*) FROM change")).scalar()  # b's snapshot: before a's row
            a_id = a.execute(insert, {"a": "a"}).scalar()  # a holds the chain's lock until it commits
            waited: list[object] = []
            th = threading.Thread(target=lambda: waited.append(_try(b, insert)))
            th.start()
            th.join(timeout=2)
            assert th.is_alive()  # b waits for a
            a.commit()
            th.join(timeout=30)
            # b's snapshot cannot see a's row, so it would chain from a's predecessor: refused, not forked
            assert isinstance(waited[0], DBAPIError) and "prev_hash" in str(waited[0])
            b.rollback()
            b_id = b.execute(insert, {"a": "b"}).scalar()  # a fresh snapshot chains after a
            b.commit()
        assert b_id > a_id
        assert verdict(ledger).ok
    finally:
        first.dispose()
        second.dispose()


def _try(conn, statement) -> object:  # type: ignore[no-untyped-def]
    try:
        return conn.execute(statement, {"a": "b"}).scalar()
    except DBAPIError as exc:
        return exc


# -- db check, and the sqlite3 shell ---------------------------------------------------------------------


def test_db_check_reports_an_intact_chain_and_its_head(cli, ledger: Ledger) -> None:  # type: ignore[no-untyped-def]
    head = verdict(ledger)
    r = cli("--lang", "en", "db", "check")
    assert r.code == 0, r.out + r.err
    assert f"change log hash chain intact: {head.rows} rows, head #{head.head_id} {head.head}" in r.out
    r = cli("db", "check", "--json")
    assert '"chain"' in r.out and head.head in r.out


@pytest.mark.sqlite_only
@pytest.mark.skipif(SQLITE3 is None, reason="needs the sqlite3 shell (Debian package sqlite3)")
@pytest.mark.parametrize(
    ("edit", "row", "what"),
    [
        ("DELETE FROM change WHERE id = 300", 301, "does not follow row #299"),
        ("UPDATE change SET new = '99' WHERE id = 400", 400, "does not match its hash"),
        ("UPDATE change SET actor = 'root', hash = hash WHERE id = 5", 5, "does not match its hash"),
        ("DELETE FROM change WHERE id <= 10", 11, "does not start the chain"),
        (
            "INSERT INTO change (at, actor, os_user, command_id, command, entity, entity_id, field, old, new) "
            "VALUES ('2022-01-10 09:00:00.000000', 'root', 'root', 'x', 'milestone set', 'milestone', 3, "
            "'status', 'in_progress', 'closed')",
            "last+1",
            "has no hash",
        ),
        (  # a forged row that copies the links around it
            "INSERT INTO change (id, at, actor, os_user, command_id, command, entity, entity_id, field, old, new, "
            "prev_hash, hash) SELECT max(id) + 1, '2022-01-10 09:00:00.000000', 'root', 'root', 'x', 'milestone set', "
            "'milestone', 3, 'status', 'in_progress', 'closed', (SELECT hash FROM change ORDER BY id DESC LIMIT 1), "
            "lower(hex(randomblob(32))) FROM change",
            "last+1",
            "does not match its hash",
        ),
    ],
)
def test_db_check_names_the_row_an_edit_with_the_sqlite3_shell_broke(
    cli, ledger: Ledger, db_path: Path, edit: str, row: object, what: str  # type: ignore[no-untyped-def]
) -> None:
    last = verdict(ledger).head_id
    ledger.close()
    with closing(sqlite3.connect(db_path)) as conn:  # fold the WAL in, so the shell sees one file
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    script = f"DROP TRIGGER change_no_update; DROP TRIGGER change_no_delete; {edit};"
    subprocess.run([SQLITE3, str(db_path), script], check=True, capture_output=True, timeout=60)
    r = cli("--lang", "en", "db", "check")
    assert r.code == 1, r.out
    expected = last + 1 if row == "last+1" else row
    assert f"change log hash chain broken, first at row #{expected}: " in r.out
    assert what in r.out.splitlines()[0] and "problems found" in r.out
    r = cli("db", "check")
    assert f"首个断点：第 #{expected} 条" in r.out and r.code == 1


# -- issued circulars carry the chain head of their moment -------------------------------------------------


def test_every_format_of_the_circular_prints_the_chain_head_it_was_made_at(demo_ledger: Ledger) -> None:
    from openpyxl import load_workbook

    from tasktrack.reports.render import render
    from tasktrack.reports.weekly import build
    from tasktrack.reports.weekly_doc import document
    from tasktrack.services.circulars import CircularService

    svc = CircularService(demo_ledger.ctx)
    report = build(demo_ledger, svc.issue(svc.scope(), AS_OF))
    head = verdict(demo_ledger)
    assert (report.chain_head_id, report.chain_head) == (head.head_id, head.head)
    line = f"变更记录链头：#{head.head_id} {head.head}"
    doc = document(report, "zh")
    assert line in render(doc, "text") and line in render(doc, "html")
    assert f"变更记录链头：\\#{head.head_id} {head.head}" in render(doc, "md")
    assert f"Change log chain head: #{head.head_id} {head.head}" in render(document(report, "en"), "text")
    sheet = load_workbook(io.BytesIO(render(doc, "xlsx"))).worksheets[0]  # type: ignore[arg-type]
    assert line in [c.value for row in sheet.iter_rows() for c in row]
    data = json.loads(render(doc, "json", data=report))
    assert (data["chain_head_id"], data["chain_head"]) == (head.head_id, head.head)


def test_an_issued_circulars_head_is_stored_and_checked_against_the_chain(cli, demo_ledger: Ledger) -> None:  # type: ignore[no-untyped-def]
    r = cli("--as-of", "2022-01-10", "report", "weekly", "--issue")
    assert r.code == 0, r.err
    printed = re.search(r"变更记录链头：#(\d+) ([0-9a-f]{64})", r.out)
    assert printed is not None
    stored = db_rows(
        demo_ledger.ctx.engine.url.render_as_string(hide_password=False),
        "SELECT chain_head_id, chain_head FROM reportissue",
    )
    assert stored == [(int(printed[1]), printed[2])]  # and remembering it appended after that head
    assert verdict(demo_ledger).head_id > int(printed[1])
    r = cli("--lang", "en", "db", "check", "--head", printed[2][:16])
    assert r.code == 0 and f"chain head {printed[2][:16]} is in the change log: row #{printed[1]}" in r.out
    r = cli("db", "check", "--head", "ab" * 32)
    assert r.code == 1 and "不在变更记录中" in r.out


@pytest.mark.sqlite_only
def test_a_history_rewritten_and_rechained_still_fails_against_a_filed_circular(cli, demo_ledger: Ledger, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Someone who can write the file deletes a change and re-hashes every row after it with the published
    encoding: the chain is whole again, but the head printed on the circular is no longer in it."""
    r = cli("--as-of", "2022-01-10", "report", "weekly", "--draft")
    filed = re.search(r"变更记录链头：#\d+ ([0-9a-f]{64})", r.out)[1]  # type: ignore[index]
    demo_ledger.close()
    with closing(sqlite3.connect(db_path)) as conn:
        conn.execute("DROP TRIGGER change_no_update")
        conn.execute("DROP TRIGGER change_no_delete")
        conn.execute("DROP INDEX ix_change_prev_hash")
        conn.execute("DELETE FROM change WHERE id = 100")
        prev = conn.execute("SELECT hash FROM change WHERE id = 99").fetchone()[0]
        rows = conn.execute(f"SELECT {', '.join(chain.CHAINED)} FROM change WHERE id > 99 ORDER BY id").fetchall()
        for row in rows:
            digest = chain.row_hash(prev, row)
            conn.execute("UPDATE change SET prev_hash = ?, hash = ? WHERE id = ?", (prev, digest, row[0]))
            prev = digest
        conn.commit()
    r = cli("--lang", "en", "db", "check")
    assert r.code == 0, r.out  # the rewritten chain holds together
    r = cli("--lang", "en", "db", "check", "--head", filed)
    assert r.code == 1 and f"chain head {filed} is not in the change log" in r.out
