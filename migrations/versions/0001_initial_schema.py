"""Initial schema: plans, units, task tree, responsibilities, milestones, indicators, evidence, progress reports, change log.

Revision ID: 0001
Revises: 
Create Date: 2026-11-22 00:06:48.243788
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('os_user', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
    sa.Column('command_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('command', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
    sa.Column('entity', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('field', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('old', sa.Text(), nullable=True),
    sa.Column('new', sa.Text(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_change'))
    )
    with op.batch_alter_table('change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_change_actor'), ['actor'], unique=False)
        batch_op.create_index('ix_change_at', ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_change_command_id'), ['command_id'], unique=False)
        batch_op.create_index('ix_change_entity', ['entity', 'entity_id'], unique=False)

    op.create_table('plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('doc_no', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('short_title', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('issuer', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('issued', sa.Date(), nullable=True),
    sa.Column('period_start', sa.Integer(), nullable=True),
    sa.Column('period_end', sa.Integer(), nullable=True),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
    sa.Column('quote', sa.Text(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['plan.id'], name=op.f('fk_plan_parent_id_plan'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan')),
    sa.UniqueConstraint('doc_no', name=op.f('uq_plan_doc_no')),
    sa.UniqueConstraint('key', name=op.f('uq_plan_key'))
    )
    op.create_table('unit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('short_name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
    sa.Column('contact', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
    sa.Column('phone', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unit')),
    sa.UniqueConstraint('name', name=op.f('uq_unit_name')),
    sa.UniqueConstraint('short_name', name=op.f('uq_unit_short_name'))
    )
    op.create_table('indicator',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('unit', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('attribute', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('cumulative', sa.Boolean(), nullable=False),
    sa.Column('baseline_year', sa.Integer(), nullable=True),
    sa.Column('baseline_value', sa.Float(), nullable=True),
    sa.Column('target_year', sa.Integer(), nullable=True),
    sa.Column('target_value', sa.Float(), nullable=True),
    sa.Column('quote', sa.Text(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("attribute IN ('expected','binding')", name=op.f('ck_indicator_attribute')),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_indicator_plan_id_plan'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator')),
    sa.UniqueConstraint('plan_id', 'code', name=op.f('uq_indicator_plan_id_code'))
    )
    with op.batch_alter_table('indicator', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicator_plan_id'), ['plan_id'], unique=False)

    op.create_table('task',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('depth', sa.Integer(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('quote', sa.Text(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("status IN ('not_started','in_progress','done','blocked','cancelled','closed')", name=op.f('ck_task_status')),
    sa.ForeignKeyConstraint(['parent_id'], ['task.id'], name=op.f('fk_task_parent_id_task'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_task_plan_id_plan'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_task')),
    sa.UniqueConstraint('plan_id', 'code', name=op.f('uq_task_plan_id_code'))
    )
    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_task_parent_id'), ['parent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_task_plan_id'), ['plan_id'], unique=False)

    op.create_table('indicatorreading',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('period', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('value', sa.Float(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('actor', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicator.id'], name=op.f('fk_indicatorreading_indicator_id_indicator'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicatorreading')),
    sa.UniqueConstraint('indicator_id', 'period', name=op.f('uq_indicatorreading_indicator_id_period'))
    )
    with op.batch_alter_table('indicatorreading', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicatorreading_indicator_id'), ['indicator_id'], unique=False)

    op.create_table('milestone',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('metric', sa.Text(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('due', sa.Date(), nullable=False),
    sa.Column('due_text', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('target', sa.Float(), nullable=True),
    sa.Column('unit', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('comparison', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('cumulative', sa.Boolean(), nullable=False),
    sa.Column('aspirational', sa.Boolean(), nullable=False),
    sa.Column('baseline_year', sa.Integer(), nullable=True),
    sa.Column('baseline_value', sa.Float(), nullable=True),
    sa.Column('baseline_quote', sa.Text(), nullable=True),
    sa.Column('actual', sa.Float(), nullable=True),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('completed_on', sa.Date(), nullable=True),
    sa.Column('quote', sa.Text(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("comparison IN ('>=','>','=','<=')", name=op.f('ck_milestone_comparison')),
    sa.CheckConstraint("kind IN ('increment','stock','ratio','growth','event')", name=op.f('ck_milestone_kind')),
    sa.CheckConstraint("status IN ('not_started','in_progress','done','blocked','cancelled','closed')", name=op.f('ck_milestone_status')),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_milestone_plan_id_plan'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['task_id'], ['task.id'], name=op.f('fk_milestone_task_id_task'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_milestone')),
    sa.UniqueConstraint('plan_id', 'code', name=op.f('uq_milestone_plan_id_code'))
    )
    with op.batch_alter_table('milestone', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_milestone_due'), ['due'], unique=False)
        batch_op.create_index(batch_op.f('ix_milestone_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index('ix_milestone_status_due', ['status', 'due'], unique=False)
        batch_op.create_index(batch_op.f('ix_milestone_task_id'), ['task_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_milestone_year'), ['year'], unique=False)

    op.create_table('responsibility',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('role', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.CheckConstraint("role IN ('lead','co')", name=op.f('ck_responsibility_role')),
    sa.ForeignKeyConstraint(['task_id'], ['task.id'], name=op.f('fk_responsibility_task_id_task'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_responsibility_unit_id_unit'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_responsibility')),
    sa.UniqueConstraint('task_id', 'unit_id', name=op.f('uq_responsibility_task_id_unit_id'))
    )
    with op.batch_alter_table('responsibility', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_responsibility_task_id'), ['task_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_responsibility_unit_id'), ['unit_id'], unique=False)
        batch_op.create_index('uq_responsibility_one_lead', ['task_id'], unique=True, sqlite_where=sa.text("role = 'lead'"), postgresql_where=sa.text("role = 'lead'"))

    op.create_table('evidence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('milestone_id', sa.Integer(), nullable=True),
    sa.Column('task_id', sa.Integer(), nullable=True),
    sa.Column('author', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('doc_no', sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
    sa.Column('file_name', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
    sa.Column('file_sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('file_size', sa.Integer(), nullable=True),
    sa.Column('accepted_by', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
    sa.Column('accepted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['milestone_id'], ['milestone.id'], name=op.f('fk_evidence_milestone_id_milestone'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['task_id'], ['task.id'], name=op.f('fk_evidence_task_id_task'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evidence'))
    )
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evidence_file_sha256'), ['file_sha256'], unique=False)
        batch_op.create_index(batch_op.f('ix_evidence_milestone_id'), ['milestone_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_evidence_task_id'), ['task_id'], unique=False)

    op.create_table('progressreport',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('milestone_id', sa.Integer(), nullable=True),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('period', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('progress', sa.Text(), nullable=True),
    sa.Column('problems', sa.Text(), nullable=True),
    sa.Column('next_steps', sa.Text(), nullable=True),
    sa.Column('value', sa.Float(), nullable=True),
    sa.Column('author', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['milestone_id'], ['milestone.id'], name=op.f('fk_progressreport_milestone_id_milestone'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['task_id'], ['task.id'], name=op.f('fk_progressreport_task_id_task'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_progressreport_unit_id_unit'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_progressreport'))
    )
    with op.batch_alter_table('progressreport', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_progressreport_milestone_id'), ['milestone_id'], unique=False)
        batch_op.create_index('ix_progressreport_task_period', ['task_id', 'period'], unique=False)
        batch_op.create_index(batch_op.f('ix_progressreport_unit_id'), ['unit_id'], unique=False)




def downgrade() -> None:

    with op.batch_alter_table('progressreport', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_progressreport_unit_id'))
        batch_op.drop_index('ix_progressreport_task_period')
        batch_op.drop_index(batch_op.f('ix_progressreport_milestone_id'))

    op.drop_table('progressreport')
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evidence_task_id'))
        batch_op.drop_index(batch_op.f('ix_evidence_milestone_id'))
        batch_op.drop_index(batch_op.f('ix_evidence_file_sha256'))

    op.drop_table('evidence')
    with op.batch_alter_table('responsibility', schema=None) as batch_op:
        batch_op.drop_index('uq_responsibility_one_lead', sqlite_where=sa.text("role = 'lead'"), postgresql_where=sa.text("role = 'lead'"))
        batch_op.drop_index(batch_op.f('ix_responsibility_unit_id'))
        batch_op.drop_index(batch_op.f('ix_responsibility_task_id'))

    op.drop_table('responsibility')
    with op.batch_alter_table('milestone', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_milestone_year'))
        batch_op.drop_index(batch_op.f('ix_milestone_task_id'))
        batch_op.drop_index('ix_milestone_status_due')
        batch_op.drop_index(batch_op.f('ix_milestone_plan_id'))
        batch_op.drop_index(batch_op.f('ix_milestone_due'))

    op.drop_table('milestone')
    with op.batch_alter_table('indicatorreading', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicatorreading_indicator_id'))

    op.drop_table('indicatorreading')
    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_task_plan_id'))
        batch_op.drop_index(batch_op.f('ix_task_parent_id'))

    op.drop_table('task')
    with op.batch_alter_table('indicator', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicator_plan_id'))

    op.drop_table('indicator')
    op.drop_table('unit')
    op.drop_table('plan')
    with op.batch_alter_table('change', schema=None) as batch_op:
        batch_op.drop_index('ix_change_entity')
        batch_op.drop_index(batch_op.f('ix_change_command_id'))
        batch_op.drop_index('ix_change_at')
        batch_op.drop_index(batch_op.f('ix_change_actor'))

    op.drop_table('change')

