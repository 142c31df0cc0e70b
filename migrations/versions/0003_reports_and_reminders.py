"""Weekly circulars remember their issue number and as-of date; reminders keep a sent-log.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 00:13:36.895692
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('reportissue',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('scope', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('issue_no', sa.Integer(), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=False),
    sa.Column('since', sa.Date(), nullable=True),
    sa.Column('actor', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reportissue')),
    sa.UniqueConstraint('kind', 'scope', 'as_of', name=op.f('uq_reportissue_kind_scope_as_of')),
    sa.UniqueConstraint('kind', 'scope', 'issue_no', name=op.f('uq_reportissue_kind_scope_issue_no'))
    )
    op.create_table('remindersent',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('milestone_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('recipient', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('stage', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('level', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=False),
    sa.Column('message_id', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('actor', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['milestone_id'], ['milestone.id'], name=op.f('fk_remindersent_milestone_id_milestone'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_remindersent_unit_id_unit'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_remindersent'))
    )
    with op.batch_alter_table('remindersent', schema=None) as batch_op:
        batch_op.create_index('ix_remindersent_milestone_stage', ['milestone_id', 'stage'], unique=False)
        batch_op.create_index(batch_op.f('ix_remindersent_unit_id'), ['unit_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('remindersent', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_remindersent_unit_id'))
        batch_op.drop_index('ix_remindersent_milestone_stage')

    op.drop_table('remindersent')
    op.drop_table('reportissue')
