"""A member's request and evidence are in the name of one of its own units, on PostgreSQL as in tasktrack
(issue 12).

- evidence.unit_id: the unit an evidence item is filed for (the filer's own; NULL for the office's own
  evidence and for evidence filed before this revision).

0008 let a member file a request on any milestone of a task its unit leads or co-owns, whatever unit_id
the row named (another unit, or none) and under any account. Now a member's row must name one of the
member's own units that leads or co-owns the milestone's task (tasktrack_may_report_for, the rule 0006
holds progress reports to), under the member's own login, pending and undecided: no state, no decider,
no decision time or note. Deciding (UPDATE) and deleting stay a coordinator's (0008). A member's
evidence, written or changed, names one of its own units on the task the same way (on top of 0008's rules).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04
"""
from __future__ import annotations

from alembic import context, op
import sqlalchemy as sa

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

REQUEST_TASK = "(SELECT m.task_id FROM milestone m WHERE m.id = request.milestone_id)"
UNDECIDED = "state = 'pending' AND decided_by IS NULL AND decided_at IS NULL"
# 0008's rule, which downgrade puts back: the task only.
INSERT_0008 = f"tasktrack_is_coordinator() OR (tasktrack_may_change({REQUEST_TASK}) AND {UNDECIDED})"
INSERT_0010 = (
    f"tasktrack_is_coordinator() OR (tasktrack_may_report_for({REQUEST_TASK}, unit_id) "
    f"AND requested_account = session_user::text AND {UNDECIDED} "
    "AND decided_account IS NULL AND decision_note IS NULL)"
)


EVIDENCE_TASK = "coalesce(task_id, (SELECT m.task_id FROM milestone m WHERE m.id = evidence.milestone_id))"
EVIDENCE_UNIT = f"(tasktrack_is_coordinator() OR tasktrack_may_report_for({EVIDENCE_TASK}, unit_id))"


def _evidence_0008() -> tuple[str, str]:
    """0008's rules on evidence (who may touch a row, who may write one), read from 0008, not copied."""
    module = context.script.get_revision("0008").module
    using, check = (rule.replace(module.ACCEPTED, module.REVIEWED) for rule in module._evidence_0006())
    return using, check


def upgrade() -> None:
    with op.batch_alter_table("evidence") as batch:
        batch.add_column(sa.Column("unit_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f("fk_evidence_unit_id_unit"), "unit", ["unit_id"], ["id"], ondelete="RESTRICT")
    if op.get_context().dialect.name == "postgresql":
        op.execute(f"ALTER POLICY tasktrack_insert ON request WITH CHECK ({INSERT_0010})")
        using, check = _evidence_0008()
        op.execute(f"ALTER POLICY tasktrack_insert ON evidence WITH CHECK (({check}) AND {EVIDENCE_UNIT})")
        op.execute(f"ALTER POLICY tasktrack_update ON evidence USING ({using}) WITH CHECK (({check}) AND {EVIDENCE_UNIT})")


def downgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        op.execute(f"ALTER POLICY tasktrack_insert ON request WITH CHECK ({INSERT_0008})")
        using, check = _evidence_0008()
        op.execute(f"ALTER POLICY tasktrack_insert ON evidence WITH CHECK ({check})")
        op.execute(f"ALTER POLICY tasktrack_update ON evidence USING ({using}) WITH CHECK ({check})")
    with op.batch_alter_table("evidence") as batch:
        batch.drop_constraint(op.f("fk_evidence_unit_id_unit"), type_="foreignkey")
        batch.drop_column("unit_id")
