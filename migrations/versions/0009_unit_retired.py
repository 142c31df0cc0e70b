"""A unit can be retired (撤销/撤并, after an institutional reform): unit.retired_on.

From that day it takes no new duties (no assignment, no membership, no progress report in its name);
everything it did stays on the record.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("unit") as batch:
        batch.add_column(sa.Column("retired_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("unit") as batch:
        batch.drop_column("retired_on")
