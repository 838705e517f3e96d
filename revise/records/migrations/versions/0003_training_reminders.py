"""Training records (quiz results per person and clause version) and the reminder log.

Revision ID: 0003_training_reminders
Revises: 0002_reading
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_training_reminders"
down_revision = "0002_reading"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "quiz_results",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("person", sa.String(320), nullable=False),
        sa.Column("document", sa.String(200), nullable=False),
        sa.Column("clause", sa.String(200), nullable=False),
        sa.Column("version", sa.Integer, nullable=True),
        sa.Column("clause_hash", sa.String(64), nullable=True),
        sa.Column("question", sa.String(64), nullable=True),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("passed", sa.Boolean, nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_quiz_results_clause", "quiz_results", ["document", "clause", "person"])
    op.create_index("ix_quiz_results_person", "quiz_results", ["person"])
    op.create_table(
        "reminder_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("key", sa.String(500), nullable=False, unique=True),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("recipient", sa.String(320), nullable=False),
        sa.Column("document", sa.String(200), nullable=True),
        sa.Column("version", sa.Integer, nullable=True),
        sa.Column("subject", sa.String(500), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("last_error", sa.Text, nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("reminder_log")
    op.drop_index("ix_quiz_results_person", "quiz_results")
    op.drop_index("ix_quiz_results_clause", "quiz_results")
    op.drop_table("quiz_results")
