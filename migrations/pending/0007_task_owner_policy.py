"""PostgreSQL row security reads a task's owners from the one owner definition.

tasktrack_may_change(task), which 0004's policies on task, milestone, evidence and progressreport call,
had its own copy of "which units own a task" (a recursive CTE). It is replaced by the text
tasktrack.services.access.may_change_function() generates from tasktrack.store.owners, the definition
the milestone filter, the task views and Access.require_task read, so the database's rule and the
services' cannot drift. Nothing changes on SQLite, where tasktrack itself checks the members.

A later change to tasktrack.store.owners needs a migration that runs may_change_function() again.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""
from __future__ import annotations

from alembic import op

from tasktrack.services.access import may_change_function

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# 0004's body, restored by downgrade (history, not a second definition: nothing reads it at head).
FUNCTION_0004 = """
CREATE OR REPLACE FUNCTION tasktrack_may_change(p_task integer) RETURNS boolean
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


def _schema() -> str:
    schema = op.get_bind().exec_driver_sql("SELECT current_schema()").scalar()
    return '"' + str(schema).replace('"', '""') + '"'


def upgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        op.execute(may_change_function(_schema()))


def downgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        op.execute(FUNCTION_0004.format(schema=_schema()))
