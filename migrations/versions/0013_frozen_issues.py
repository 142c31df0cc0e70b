"""Issued circulars are frozen: the figures, the laid-out document and the bytes as issued; a voided issue.

- reportissue.figures: the circular's data as JSON (what the next issue's 环比 compares with, and JSON output);
- reportissue.document: the laid-out document (headings, paragraphs, tables) as JSON, re-rendered on request;
- reportissue.format / reportissue.rendered: the format it was issued in and its exact output (text, or
  base64 for binary formats); reportissue.content_sha256: SHA-256 of those bytes, logged in the change log;
- reportissue.voided_at / voided_by / void_reason: a voided issue keeps its number (never reused);
- the one-issue-per-date rule moves to the service, so that a voided issue's date can be issued again.

Revision ID: 0013
Revises: 0009
Create Date: 2026-12-04
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

TEXT = ("figures", "document", "rendered", "void_reason")


def upgrade() -> None:
    with op.batch_alter_table("reportissue") as batch:
        for name in TEXT:
            batch.add_column(sa.Column(name, sa.Text(), nullable=True))
        batch.add_column(sa.Column("format", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=True))
        batch.add_column(sa.Column("content_sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
        batch.add_column(sa.Column("voided_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("voided_by", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True))
        batch.drop_constraint("uq_reportissue_kind_scope_as_of", type_="unique")


def downgrade() -> None:
    with op.batch_alter_table("reportissue") as batch:
        batch.create_unique_constraint("uq_reportissue_kind_scope_as_of", ["kind", "scope", "as_of"])
        for name in ("voided_by", "voided_at", "content_sha256", "format", *reversed(TEXT)):
            batch.drop_column(name)
