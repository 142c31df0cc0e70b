"""The change log becomes a hash chain; circulars remember the chain head they printed.

- change.prev_hash and change.hash: each row's SHA-256 over its content and the previous row's hash
  (tasktrack.store.chain); existing rows are chained here, in id order. A unique index on prev_hash means
  no two rows can follow the same one.
- On PostgreSQL the database sets the log's identity and time: `db_user` from session_user (a row giving
  another is refused) and `at` from now() (a superuser or the tables' owner, who could switch the trigger
  off anyway, may state it), by defaults and a BEFORE INSERT trigger, which also takes the id and the
  previous row under a transaction-level advisory lock and computes the hash where `at` is final.
- reportissue.chain_head_id and reportissue.chain_head: the head a circular printed when it was issued.
- PostgreSQL row security covers the two tables 0004 left out, the circulars' numbering (reportissue)
  and the reminders' sent-log (remindersent): everyone may read them, only a coordinator write them (as
  tasktrack.services.circulars and .reminders require).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa
import sqlmodel

from tasktrack.store import chain

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

SQLITE_NO_UPDATE = (
    "CREATE TRIGGER change_no_update BEFORE UPDATE ON change "
    "BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END"
)
BATCH = 10_000
COORDINATOR_ONLY = ("reportissue", "remindersent")  # the tables 0004's row security did not cover


def upgrade() -> None:
    # Plain ADD COLUMNs, on SQLite too (no table rebuild), so the 0002 append-only triggers stay.
    op.add_column("change", sa.Column("prev_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
    op.add_column("change", sa.Column("hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
    op.add_column("reportissue", sa.Column("chain_head_id", sa.Integer(), nullable=True))
    op.add_column(
        "reportissue", sa.Column("chain_head", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True)
    )
    if op.get_context().dialect.name == "postgresql":
        _backfill_postgresql()
    else:
        _backfill_sqlite()
    op.create_index("ix_change_prev_hash", "change", ["prev_hash"], unique=True)


def _chain_existing_rows() -> None:
    """Chain the rows already there, in id order, with the one canonical encoding."""
    bind = op.get_bind()
    links = []
    prev = chain.GENESIS
    for row in chain._rows(bind):
        digest = chain.row_hash(prev, row[: len(chain.CHAINED)])
        links.append({"i": row[0], "p": prev, "h": digest})
        prev = digest
    update = sa.text("UPDATE change SET prev_hash = :p, hash = :h WHERE id = :i")
    for start in range(0, len(links), BATCH):
        bind.execute(update, links[start : start + BATCH])


def _backfill_sqlite() -> None:
    bind = op.get_bind()
    saved = bind.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'change_no_update'"
    ).scalar()
    op.execute("DROP TRIGGER IF EXISTS change_no_update")
    _chain_existing_rows()
    op.execute(saved or SQLITE_NO_UPDATE)


def _backfill_postgresql() -> None:
    schema = op.get_bind().exec_driver_sql("SELECT current_schema()").scalar()
    # The owner is bound by the forced row security (no UPDATE policy on change) and the 0002 trigger:
    # both are lifted for the backfill only, inside this migration's transaction.
    op.execute("ALTER TABLE change DISABLE TRIGGER change_append_only")
    op.execute("ALTER TABLE change NO FORCE ROW LEVEL SECURITY")
    _chain_existing_rows()
    op.execute("ALTER TABLE change FORCE ROW LEVEL SECURITY")
    op.execute("ALTER TABLE change ENABLE TRIGGER change_append_only")
    op.execute("ALTER TABLE change ALTER COLUMN at SET DEFAULT now()")
    op.execute("ALTER TABLE change ALTER COLUMN db_user SET DEFAULT session_user")
    # The trigger takes the id from the sequence under its lock; a default would take one more first.
    op.execute("ALTER TABLE change ALTER COLUMN id DROP DEFAULT")
    op.execute(chain.pg_functions('"' + schema.replace('"', '""') + '"'))
    for table in COORDINATOR_ONLY:  # as 0004 does for the plan-wide tables
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY tasktrack_read ON {table} FOR SELECT USING (true)")
        op.execute(f"CREATE POLICY tasktrack_insert ON {table} FOR INSERT WITH CHECK (tasktrack_is_coordinator())")
        op.execute(
            f"CREATE POLICY tasktrack_update ON {table} FOR UPDATE "
            "USING (tasktrack_is_coordinator()) WITH CHECK (tasktrack_is_coordinator())"
        )
        op.execute(f"CREATE POLICY tasktrack_delete ON {table} FOR DELETE USING (tasktrack_is_coordinator())")


def downgrade() -> None:
    op.drop_index("ix_change_prev_hash", table_name="change")
    if op.get_context().dialect.name == "postgresql":
        for table in COORDINATOR_ONLY:
            for policy in ("read", "insert", "update", "delete"):
                op.execute(f"DROP POLICY IF EXISTS tasktrack_{policy} ON {table}")
            op.execute(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
            op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
        for statement in chain.PG_DROP:
            op.execute(statement)
        op.execute("ALTER TABLE change ALTER COLUMN at DROP DEFAULT")
        op.execute("ALTER TABLE change ALTER COLUMN db_user DROP DEFAULT")
        sequence = op.get_bind().exec_driver_sql("SELECT pg_get_serial_sequence('change', 'id')").scalar()
        op.execute(f"ALTER TABLE change ALTER COLUMN id SET DEFAULT nextval('{sequence}'::regclass)")
    # SQLite 3.35+ drops a column in place; a batch rebuild would lose the append-only triggers.
    for table, column in (("reportissue", "chain_head"), ("reportissue", "chain_head_id"),
                          ("change", "hash"), ("change", "prev_hash")):  # fmt: skip
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
