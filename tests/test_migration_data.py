"""Migrations keep data: every row of a realistic ledger survives an upgrade and a parent-table rebuild."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy.exc import IntegrityError

from tasktrack.errors import UserError
from tasktrack.services.ledger import open_ledger
from tasktrack.services.loading import bundled_seed_dir
from tasktrack.store.engine import make_engine, normalize_url
from tasktrack.store.schema import HEAD, _migrate, current_revision, downgrade

pytestmark = pytest.mark.sqlite_only

# the tables whose rows hang off milestone (and so would go or block if milestone were dropped)
CHILDREN = ("evidence", "progressreport", "remindersent")


@pytest.fixture(scope="module")
def realistic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled plans and demo layer, evidence (notes, a document number, files), progress reports,
    a remembered weekly issue and a reminder sent: made once, copied by each test."""
    folder = tmp_path_factory.mktemp("realistic")
    db = folder / "ledger.db"
    ledger = open_ledger(str(db), actor="张三", clock=lambda: date(2022, 1, 10))
    ledger.loader.load(bundled_seed_dir() / "kaizhou.yaml")
    ledger.loader.load(bundled_seed_dir() / "demo.yaml")
    for i, ref in enumerate(("1-M1", "1-M2", "2-M1")):
        proof = folder / f"佐证{i}.pdf"
        proof.write_bytes(f"%PDF-1.4 evidence {i}".encode())
        ledger.evidence.add(ref, file=str(proof))
    ledger.evidence.add("1-M1", text="区科技局认定文件", doc_no="开州科技发〔2021〕12号")
    ledger.milestones.set_status("2-M1", "closed", note="已销号")
    ledger.milestones.record_actual("1-M2", 7, note="截至12月")
    engine = ledger.ctx.engine
    with engine.begin() as conn:  # rows in the 0003 tables, which reference milestone too
        conn.exec_driver_sql(
            "INSERT INTO reportissue (kind, scope, issue_no, as_of, actor, created_at) "
            "VALUES ('weekly', 'all', 17, '2022-01-10', '张三', '2022-01-10 09:00:00')"
        )
        conn.exec_driver_sql(
            "INSERT INTO remindersent (milestone_id, recipient, stage, level, as_of, message_id, actor, "
            "sent_at) SELECT id, 'kjj@example.invalid', 'overdue', 'red', '2022-01-10', '<m1@x>', '张三', "
            "'2022-01-10 09:00:00' FROM milestone LIMIT 2"
        )
    ledger.close()
    return db


def copy_of(realistic: Path, tmp_path: Path) -> Path:
    db = tmp_path / "ledger.db"
    shutil.copy2(realistic, db)
    shutil.copytree(realistic.with_name("ledger.db.files"), tmp_path / "ledger.db.files")
    return db


def column_lists(db: Path) -> dict[str, list[str]]:
    """Each table's columns (without Alembic's own table)."""
    with closing(sqlite3.connect(db)) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "AND name != 'alembic_version' ORDER BY name"
            )
        ]
        return {t: [r[1] for r in conn.execute(f'PRAGMA table_info("{t}")')] for t in tables}


def snapshot(db: Path, columns: dict[str, list[str]] | None = None) -> dict[str, tuple[int, str]]:
    """Per table: (row count, sha256 of every row), over `columns` (default: the table's own)."""
    columns = columns if columns is not None else column_lists(db)
    with closing(sqlite3.connect(db)) as conn:
        out = {}
        for table, cols in columns.items():
            rows = conn.execute(f'SELECT {", ".join(cols)} FROM "{table}" ORDER BY rowid').fetchall()
            out[table] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
        return out


def test_upgrade_from_0002_keeps_every_row_and_value(realistic: Path, tmp_path: Path) -> None:
    db = copy_of(realistic, tmp_path)
    engine = make_engine(normalize_url(str(db)))
    downgrade(engine, "0002")  # the downgrades keep the data of the tables 0002 has
    engine.dispose()
    old_columns = column_lists(db)
    before = snapshot(db)
    assert before["evidence"][0] == 7 and before["progressreport"][0] == 7  # 3 in the demo layer, 4 here
    assert before["milestone"][0] == 29 and before["change"][0] > 500

    ledger = open_ledger(str(db))  # as a user would: the current code finds 0002 and migrates
    assert current_revision(ledger.ctx.engine) == HEAD
    assert ledger.milestones.get("2-M1").status == "closed"
    assert ledger.milestones.get("1-M2").actual == 7
    assert len(ledger.evidence.list("1-M1")) == 3  # one from the demo layer, a file and a document here
    assert all(r.state == "ok" for r in ledger.evidence.verify())
    ledger.close()

    assert snapshot(db, old_columns) == before  # same rows, same values, column by column
    # and the change log is still append-only
    with closing(sqlite3.connect(db)) as conn, pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM change")


def _rebuild_milestone(conn: sa.Connection) -> None:
    """What an Alembic batch migration does to change a column on SQLite: create a new table, copy the
    rows, DROP the old one, rename the new one."""
    op = Operations(MigrationContext.configure(conn))
    with op.batch_alter_table("milestone", recreate="always") as batch:
        batch.add_column(sa.Column("owner_note", sa.Text(), nullable=True))


def test_rebuilding_a_parent_table_through_migrate_keeps_its_children(
    realistic: Path, tmp_path: Path
) -> None:
    db = copy_of(realistic, tmp_path)
    before = snapshot(db)
    engine = make_engine(normalize_url(str(db)))
    _migrate(engine, lambda cfg: _rebuild_milestone(cfg.attributes["connection"]))
    after = snapshot(db, column_lists(realistic))
    assert after == before  # evidence, progress reports, reminders: every row, every value
    assert {t: after[t][0] for t in CHILDREN} == {"evidence": 7, "progressreport": 7, "remindersent": 2}
    with engine.connect() as conn:
        assert "owner_note" in {c["name"] for c in sa.inspect(conn).get_columns("milestone")}
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        # the connection went back to the pool with its foreign keys on again
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        conn.rollback()
        with pytest.raises(IntegrityError, match="FOREIGN KEY"), conn.begin():
            conn.exec_driver_sql("DELETE FROM milestone WHERE code = '1-M1'")
    engine.dispose()


def test_the_same_rebuild_with_foreign_keys_on_is_the_hazard(realistic: Path, tmp_path: Path) -> None:
    """Why _migrate turns the keys off: with foreign keys on, DROP TABLE first deletes every row. Our
    references are ON DELETE RESTRICT, so SQLite refuses the DROP and the migration fails on any real
    ledger; a reference with ON DELETE CASCADE would instead lose its rows and the migration would
    report success (issue 5 saw evidence go from 3 rows to 0)."""
    db = copy_of(realistic, tmp_path)
    before = snapshot(db)
    engine = make_engine(normalize_url(str(db)))
    with pytest.raises(IntegrityError, match="FOREIGN KEY constraint failed"), engine.begin() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        _rebuild_milestone(conn)
    engine.dispose()
    assert snapshot(db) == before  # refused, rolled back: nothing lost, nothing changed


def test_a_migration_that_would_leave_dangling_references_is_refused(realistic: Path, tmp_path: Path) -> None:
    db = copy_of(realistic, tmp_path)
    before = snapshot(db)
    engine = make_engine(normalize_url(str(db)))

    def careless(cfg) -> None:  # type: ignore[no-untyped-def]
        _rebuild_milestone(cfg.attributes["connection"])
        cfg.attributes["connection"].exec_driver_sql(
            "DELETE FROM milestone WHERE id IN (SELECT milestone_id FROM evidence)"
        )

    with pytest.raises(UserError, match=r"would break \d+ references.*nothing was changed"):
        _migrate(engine, careless)
    engine.dispose()
    assert snapshot(db) == before
