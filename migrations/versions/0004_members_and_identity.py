"""Who may change what (the member table) and who the database says did it (change.db_user).

On PostgreSQL the rule is enforced by the database too: row-level security, forced so that it holds
for the table owner as well, with the same rule as tasktrack.services.access:
- while `member` is empty everyone may change everything (open mode);
- a coordinator (member.role = 'coordinator') may change everything;
- a member may change milestones, evidence, progress reports and tasks of tasks its unit leads or
  co-owns, inherited from the parent tasks like the effective lead; a closed (销号) milestone and
  accepted evidence only a coordinator may change;
- the plan-wide tables (plan, unit, indicator, indicatorreading, responsibility, member) only a
  coordinator may change;
- everyone may read everything, and anyone may append to the change log, but only rows whose db_user
  is their own session user (UPDATE and DELETE are refused by the 0002 trigger).
Identity is `session_user`: the role the server authenticated, which SECURITY DEFINER does not change.
Superusers and roles with BYPASSRLS are not bound by any of this: connect as an ordinary role
(see `tasktrack member grant`).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

COORDINATOR_ONLY = ("plan", "unit", "indicator", "indicatorreading", "responsibility", "member")
MILESTONE_TASK = "(SELECT m.task_id FROM milestone m WHERE m.id = evidence.milestone_id)"
# (table, who may touch an existing row, who may write a new or changed row); NULL task = coordinator.
BY_TASK = (
    (
        "milestone",
        "tasktrack_may_change(task_id) AND (status <> 'closed' OR tasktrack_is_coordinator())",
        "tasktrack_may_change(task_id) AND (status <> 'closed' OR tasktrack_is_coordinator())",
    ),
    (
        "evidence",
        f"tasktrack_may_change(coalesce(task_id, {MILESTONE_TASK})) "
        "AND (accepted_by IS NULL OR tasktrack_is_coordinator())",
        f"tasktrack_may_change(coalesce(task_id, {MILESTONE_TASK})) "
        "AND (accepted_by IS NULL OR tasktrack_is_coordinator())",
    ),
    ("progressreport", "tasktrack_may_change(task_id)", "tasktrack_may_change(task_id)"),
)
FUNCTIONS = """
CREATE FUNCTION tasktrack_is_coordinator() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
    SELECT NOT EXISTS (SELECT 1 FROM member)
        OR EXISTS (SELECT 1 FROM member WHERE account = session_user::text AND role = 'coordinator')
$$;
CREATE FUNCTION tasktrack_may_change(p_task integer) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
    WITH RECURSIVE chain(id, parent_id, depth) AS (
        SELECT t.id, t.parent_id, 0 FROM task t WHERE t.id = p_task
        UNION ALL
        SELECT t.id, t.parent_id, c.depth + 1 FROM task t JOIN chain c ON t.id = c.parent_id
        WHERE c.depth < 16
    ), owners(unit_id) AS (
        SELECT r.unit_id FROM responsibility r JOIN chain c ON c.id = r.task_id WHERE r.role = 'co'
        UNION ALL
        (SELECT r.unit_id FROM responsibility r JOIN chain c ON c.id = r.task_id
         WHERE r.role = 'lead' ORDER BY c.depth LIMIT 1)
    )
    SELECT tasktrack_is_coordinator()
        OR EXISTS (SELECT 1 FROM member m JOIN owners o ON o.unit_id = m.unit_id
                   WHERE m.account = session_user::text AND m.role = 'member')
$$;
"""
TABLES_WITH_RLS = (*COORDINATOR_ONLY, "task", *(t for t, _, _ in BY_TASK), "change")


def upgrade() -> None:
    op.create_table(
        "member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("role", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("role = 'coordinator' OR unit_id IS NOT NULL", name=op.f("ck_member_unit")),
        sa.CheckConstraint("role IN ('coordinator','member')", name=op.f("ck_member_role")),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_member_unit_id_unit"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member")),
        sa.UniqueConstraint("account", "unit_id", name=op.f("uq_member_account_unit_id")),
    )
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_member_account"), ["account"], unique=False)
        batch_op.create_index(batch_op.f("ix_member_unit_id"), ["unit_id"], unique=False)
    # A plain ADD COLUMN on SQLite too (no table rebuild), so the 0002 append-only triggers stay.
    with op.batch_alter_table("change", schema=None) as batch_op:
        batch_op.add_column(sa.Column("db_user", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True))
    if op.get_context().dialect.name == "postgresql":
        _row_level_security()


def _row_level_security() -> None:
    schema = op.get_bind().exec_driver_sql("SELECT current_schema()").scalar()
    op.execute(FUNCTIONS.format(schema='"' + schema.replace('"', '""') + '"'))
    for table in TABLES_WITH_RLS:
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY tasktrack_read ON {table} FOR SELECT USING (true)")
    for table in COORDINATOR_ONLY:
        _write_policies(table, "tasktrack_is_coordinator()", "tasktrack_is_coordinator()")
    for table, using, check in BY_TASK:
        _write_policies(table, using, check)
    # A new task needs the right to change its parent (a new programme: a coordinator); a changed one
    # the right to change it, and to change its new parent if it is moved.
    _write_policies(
        "task",
        "tasktrack_may_change(id)",
        "tasktrack_may_change(id) AND (parent_id IS NULL OR tasktrack_may_change(parent_id))",
        insert_check="tasktrack_may_change(parent_id)",
    )
    op.execute(
        "CREATE POLICY tasktrack_append ON change FOR INSERT "
        "WITH CHECK (db_user IS NOT DISTINCT FROM session_user::text)"
    )


def _write_policies(table: str, using: str, check: str, insert_check: str | None = None) -> None:
    # Separate policies per command, not FOR ALL: an ALL policy would apply to SELECT too, and
    # tasktrack_is_coordinator() reading `member` would then recurse into member's own policy.
    op.execute(f"CREATE POLICY tasktrack_insert ON {table} FOR INSERT WITH CHECK ({insert_check or check})")
    op.execute(f"CREATE POLICY tasktrack_update ON {table} FOR UPDATE USING ({using}) WITH CHECK ({check})")
    op.execute(f"CREATE POLICY tasktrack_delete ON {table} FOR DELETE USING ({using})")


def downgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        for table in TABLES_WITH_RLS:
            for policy in ("read", "insert", "update", "delete", "append"):
                op.execute(f"DROP POLICY IF EXISTS tasktrack_{policy} ON {table}")
            op.execute(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
            op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
        op.execute("DROP FUNCTION IF EXISTS tasktrack_may_change(integer)")
        op.execute("DROP FUNCTION IF EXISTS tasktrack_is_coordinator()")
        op.drop_column("change", "db_user")
    else:
        # SQLite 3.35+ drops a column in place; a batch rebuild would lose the append-only triggers.
        op.execute("ALTER TABLE change DROP COLUMN db_user")
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_member_unit_id"))
        batch_op.drop_index(batch_op.f("ix_member_account"))
    op.drop_table("member")
