"""A member's request is in the name of one of its own units, on PostgreSQL as in tasktrack (issue 12).

0008 let a member file a request on any milestone of a task its unit leads or co-owns, whatever unit_id
the row named (another unit, or none) and under any account. Now a member's row must name one of the
member's own units that leads or co-owns the milestone's task (tasktrack_may_report_for, the rule 0006
holds progress reports to), under the member's own login, pending and undecided: no state, no decider,
no decision time or note. Deciding (UPDATE) and deleting stay a coordinator's (0008).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04
"""
from __future__ import annotations

from alembic import op

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


def upgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        op.execute(f"ALTER POLICY tasktrack_insert ON request WITH CHECK ({INSERT_0010})")


def downgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        op.execute(f"ALTER POLICY tasktrack_insert ON request WITH CHECK ({INSERT_0008})")
