"""Linked targets and indicator owners (issue 13).

milestone.link_id: the same commitment in another plan (both rows name each other), so one recorded fact
updates both and reminders chase it once. milestone.feeds_id: the indicator whose reading the milestone's
recorded actual becomes (or adds to, for an increment). indicator.owner_id: the unit responsible for its
data; indicator.data_due: when its reading is due, as written (每季度末, or a date).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-04
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("milestone") as batch:
        batch.add_column(sa.Column("link_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("feeds_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_milestone_link_id_milestone"), "milestone", ["link_id"], ["id"], ondelete="RESTRICT"
        )
        batch.create_foreign_key(
            op.f("fk_milestone_feeds_id_indicator"), "indicator", ["feeds_id"], ["id"], ondelete="RESTRICT"
        )
    with op.batch_alter_table("indicator") as batch:
        batch.add_column(sa.Column("owner_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("data_due", sa.String(length=64), nullable=True))
        batch.create_foreign_key(
            op.f("fk_indicator_owner_id_unit"), "unit", ["owner_id"], ["id"], ondelete="RESTRICT"
        )


def downgrade() -> None:
    with op.batch_alter_table("indicator") as batch:
        batch.drop_constraint(op.f("fk_indicator_owner_id_unit"), type_="foreignkey")
        batch.drop_column("data_due")
        batch.drop_column("owner_id")
    with op.batch_alter_table("milestone") as batch:
        batch.drop_constraint(op.f("fk_milestone_feeds_id_indicator"), type_="foreignkey")
        batch.drop_constraint(op.f("fk_milestone_link_id_milestone"), type_="foreignkey")
        batch.drop_column("feeds_id")
        batch.drop_column("link_id")
