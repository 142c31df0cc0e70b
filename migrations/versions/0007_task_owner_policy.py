"""PostgreSQL row security reads a task's owners from the one owner definition.

(Also tasktrack_task_owners(task), which 0006's reporting and evidence checks call: generated from the
same definition by task_owners_function(); downgrade restores both from 0006's own text.)

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

from alembic import context, op

from tasktrack.services.access import may_change_function, task_owners_function

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _function_0006(name: str) -> str:
    """0006's own text of function `name`, which downgrade restores (read from 0006, not copied)."""
    functions = context.script.get_revision("0006").module.FUNCTIONS
    start = functions.rindex("CREATE", 0, functions.index(f"FUNCTION {name}("))
    body = functions.index("AS $$", start) + len("AS $$")
    end = functions.index("$$", body) + len("$$")
    text = functions[start:end]
    return "CREATE OR REPLACE " + text[text.index("FUNCTION") :]


def _schema() -> str:
    schema = op.get_bind().exec_driver_sql("SELECT current_schema()").scalar()
    return '"' + str(schema).replace('"', '""') + '"'


def upgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        op.execute(may_change_function(_schema()))
        op.execute(task_owners_function(_schema()))


def downgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        for name in ("tasktrack_task_owners", "tasktrack_may_change"):
            op.execute(_function_0006(name).format(schema=_schema()))
