"""The review loop (issue 12): requests a unit files and a coordinator decides, and evidence review.

- request: a 延期申请 (kind due), 调整申请 (kind target) or 申请销号 (kind closure) on a milestone, with its
  reason and 文号, pending until a coordinator approves, rejects or (a closure) returns it.
- evidence.rejected_by / rejected_at / reject_reason: a coordinator refused the item, saying why.
- On PostgreSQL, row security: everyone reads requests; a member may file a pending, undecided request on
  a milestone of a task its unit leads or co-owns; only a coordinator may decide (update) or delete one.
  Evidence a coordinator rejected, like evidence accepted, only a coordinator may change.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04
"""
from __future__ import annotations

from alembic import context, op
import sqlalchemy as sa
import sqlmodel

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

REQUEST_TASK = "(SELECT m.task_id FROM milestone m WHERE m.id = request.milestone_id)"
MILESTONE_TASK = "(SELECT m.task_id FROM milestone m WHERE m.id = evidence.milestone_id)"
# 0004's delete rule on evidence, which downgrade puts back (0006 changed only insert and update).
EVIDENCE_DELETE_0004 = (
    f"tasktrack_may_change(coalesce(task_id, {MILESTONE_TASK})) "
    "AND (accepted_by IS NULL OR tasktrack_is_coordinator())"
)
# Evidence a coordinator rejected, like evidence accepted, only a coordinator may change.
ACCEPTED = "(accepted_by IS NULL OR tasktrack_is_coordinator())"
REVIEWED = "((accepted_by IS NULL AND rejected_by IS NULL) OR tasktrack_is_coordinator())"


def _evidence_0006() -> tuple[str, str]:
    """0006's rules on evidence (who may touch a row, who may write one), read from 0006, not copied."""
    policies = context.script.get_revision("0006").module.POLICIES_0006
    _, using, check = next(p for p in policies if p[0] == "evidence")
    return using, check


def upgrade() -> None:
    op.create_table(
        "request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("milestone_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("proposed", sa.Text(), nullable=True),
        sa.Column("old", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("doc_no", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
        sa.Column("state", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("requested_by", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("requested_account", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_by", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
        sa.Column("decided_account", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=True),
        sa.CheckConstraint("kind IN ('due','target','closure')", name=op.f("ck_request_kind")),
        sa.CheckConstraint("state IN ('pending','approved','rejected','returned')", name=op.f("ck_request_state")),
        sa.ForeignKeyConstraint(
            ["milestone_id"], ["milestone.id"], name=op.f("fk_request_milestone_id_milestone"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_request_unit_id_unit"), ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_request")),
    )
    with op.batch_alter_table("request", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_request_milestone_id"), ["milestone_id"], unique=False)
        batch_op.create_index("ix_request_state_id", ["state", "id"], unique=False)
    # Plain ADD COLUMNs (no table rebuild on SQLite).
    op.add_column("evidence", sa.Column("rejected_by", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True))
    op.add_column("evidence", sa.Column("rejected_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("evidence", sa.Column("reject_reason", sa.Text(), nullable=True))
    if op.get_context().dialect.name == "postgresql":
        _row_level_security()


def _row_level_security() -> None:
    op.execute("ALTER TABLE request ENABLE ROW LEVEL SECURITY")
    op.execute("ALTER TABLE request FORCE ROW LEVEL SECURITY")
    op.execute("CREATE POLICY tasktrack_read ON request FOR SELECT USING (true)")
    op.execute(
        "CREATE POLICY tasktrack_insert ON request FOR INSERT WITH CHECK ("
        f"tasktrack_is_coordinator() OR (tasktrack_may_change({REQUEST_TASK}) "
        "AND state = 'pending' AND decided_by IS NULL AND decided_at IS NULL))"
    )
    op.execute(
        "CREATE POLICY tasktrack_update ON request FOR UPDATE "
        "USING (tasktrack_is_coordinator()) WITH CHECK (tasktrack_is_coordinator())"
    )
    op.execute("CREATE POLICY tasktrack_delete ON request FOR DELETE USING (tasktrack_is_coordinator())")
    rules = _evidence_0006()
    assert all(ACCEPTED in rule for rule in rules), "0006's evidence rules changed: review this migration"
    using, check = (rule.replace(ACCEPTED, REVIEWED) for rule in rules)
    _evidence_policies(using, check, using)


def _evidence_policies(using: str, check: str, delete: str) -> None:
    op.execute(f"ALTER POLICY tasktrack_insert ON evidence WITH CHECK ({check})")
    op.execute(f"ALTER POLICY tasktrack_update ON evidence USING ({using}) WITH CHECK ({check})")
    op.execute(f"ALTER POLICY tasktrack_delete ON evidence USING ({delete})")


def downgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        _evidence_policies(*_evidence_0006(), EVIDENCE_DELETE_0004)
    for column in ("reject_reason", "rejected_at", "rejected_by"):
        op.execute(f"ALTER TABLE evidence DROP COLUMN {column}")
    op.drop_table("request")
