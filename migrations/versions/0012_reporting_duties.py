"""Reporting duties (issue 13): duty, a recurring 报送要求 of a plan's lead units or of one unit, and
dutyremindersent, the sent-log of its e-mailed reminders (报送提醒), so that a stage is sent once.

On PostgreSQL, row security as for the other plan-wide tables: everyone reads duties; only a coordinator
sets, changes or removes one, and
every write by a role that does not own the tables needs its change rows (as 0006's tasktrack_logged).

Revision ID: 0012
Revises: 0009
Create Date: 2026-12-04
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa
import sqlmodel

revision = "0012"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "duty",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=True),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("phrase", sa.Text(), nullable=False),
        sa.Column("cadence", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("day", sa.Integer(), nullable=True),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("starts", sa.Date(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("cadence IN ('monthly','quarterly')", name=op.f("ck_duty_cadence")),
        sa.CheckConstraint("plan_id IS NOT NULL OR unit_id IS NOT NULL", name=op.f("ck_duty_scope")),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], name=op.f("fk_duty_plan_id_plan"), ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_duty_unit_id_unit"), ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duty")),
    )
    with op.batch_alter_table("duty", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_duty_plan_id"), ["plan_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_duty_unit_id"), ["unit_id"], unique=False)
    op.create_table(
        "dutyremindersent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("duty_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("period", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("stage", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("recipient", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("message_id", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("actor", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["duty_id"], ["duty.id"], name=op.f("fk_dutyremindersent_duty_id_duty"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_dutyremindersent_unit_id_unit"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dutyremindersent")),
    )
    with op.batch_alter_table("dutyremindersent", schema=None) as batch_op:
        batch_op.create_index("ix_dutyremindersent_duty_unit", ["duty_id", "unit_id", "period"], unique=False)
    if op.get_context().dialect.name == "postgresql":
        for table, entity in (("duty", "duty"), ("dutyremindersent", "dutyreminder")):
            _coordinators_only(table, entity)


def _coordinators_only(table: str, entity: str) -> None:
    op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
    op.execute(f"CREATE POLICY tasktrack_read ON {table} FOR SELECT USING (true)")
    op.execute(f"CREATE POLICY tasktrack_insert ON {table} FOR INSERT WITH CHECK (tasktrack_is_coordinator())")
    op.execute(
        f"CREATE POLICY tasktrack_update ON {table} FOR UPDATE "
        "USING (tasktrack_is_coordinator()) WITH CHECK (tasktrack_is_coordinator())"
    )
    op.execute(f"CREATE POLICY tasktrack_delete ON {table} FOR DELETE USING (tasktrack_is_coordinator())")
    # As 0006 does for every table: a write by a role that does not own the tables needs its change rows.
    op.execute(
        f"CREATE CONSTRAINT TRIGGER tasktrack_logged AFTER INSERT OR UPDATE OR DELETE ON {table} "
        "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NOT tasktrack_owns_ledger()) "
        f"EXECUTE FUNCTION tasktrack_require_logged('{entity}', 'id', 'fields')"
    )


def downgrade() -> None:
    op.drop_table("dutyremindersent")
    op.drop_table("duty")
