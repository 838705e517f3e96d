"""阅读确认: who owes which document version by when, their acknowledgements, the completion tally,
and the people and main the last sync read.

Revision ID: 0002_reading
Revises: 0001_accounts
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_reading"
down_revision = "0001_accounts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reading_obligations",
        sa.Column("person", sa.String(320), primary_key=True),
        sa.Column("document", sa.String(100), primary_key=True),
        sa.Column("version", sa.Integer, primary_key=True),
        sa.Column("due", sa.Date, nullable=False),
        sa.Column("roles", sa.String(500), nullable=False),
        sa.Column("reason", sa.String(20), nullable=False),
        sa.Column("proposal", sa.String(20), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_reading_obligations_version", "reading_obligations", ["document", "version", "roles", "due"])
    op.create_index("ix_reading_obligations_open", "reading_obligations", ["due", "document", "person", "version", "roles"],
                    postgresql_where=sa.text("acknowledged_at IS NULL"), sqlite_where=sa.text("acknowledged_at IS NULL"))
    op.create_table(
        "reading_acks",
        sa.Column("person", sa.String(320), primary_key=True),
        sa.Column("document", sa.String(100), primary_key=True),
        sa.Column("version", sa.Integer, primary_key=True),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("score", sa.Integer, nullable=True),
        sa.Column("questions", sa.Integer, nullable=True),
        sa.Column("clauses", sa.Text, nullable=True),
        sa.Column("answers", sa.Text, nullable=True),
    )
    op.create_table(
        "reading_tally",
        sa.Column("document", sa.String(100), primary_key=True),
        sa.Column("version", sa.Integer, primary_key=True),
        sa.Column("roles", sa.String(500), primary_key=True),
        sa.Column("due", sa.Date, primary_key=True),
        sa.Column("owed", sa.Integer, nullable=False),
        sa.Column("acknowledged", sa.Integer, nullable=False),
    )
    op.create_table(
        "reading_people",
        sa.Column("email", sa.String(320), primary_key=True),
        sa.Column("roles", sa.String(500), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "reading_sync",
        sa.Column("name", sa.String(50), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("reading_sync")
    op.drop_table("reading_people")
    op.drop_table("reading_tally")
    op.drop_table("reading_acks")
    op.drop_index("ix_reading_obligations_open", "reading_obligations")
    op.drop_index("ix_reading_obligations_version", "reading_obligations")
    op.drop_table("reading_obligations")
