"""The change log is append-only: the database itself refuses UPDATE and DELETE on it.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""
from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

MESSAGE = "the change log is append-only"


def upgrade() -> None:
    if op.get_context().dialect.name == "sqlite":
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER change_no_{action.lower()} BEFORE {action} ON change "
                f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
            )
        return
    op.execute(
        "CREATE FUNCTION change_append_only() RETURNS trigger LANGUAGE plpgsql AS "
        f"$$ BEGIN RAISE EXCEPTION '{MESSAGE}'; END $$"
    )
    op.execute(
        "CREATE TRIGGER change_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON change "
        "FOR EACH STATEMENT EXECUTE FUNCTION change_append_only()"
    )


def downgrade() -> None:
    if op.get_context().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS change_no_update")
        op.execute("DROP TRIGGER IF EXISTS change_no_delete")
        return
    op.execute("DROP TRIGGER IF EXISTS change_append_only ON change")
    op.execute("DROP FUNCTION IF EXISTS change_append_only()")
