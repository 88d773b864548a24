"""Assignments: due date, attempts allowed, when answers show, soft delete; password reset flag.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 21:49:16.340165

Assignments made before this revision keep their old rules: any number of attempts, right
answers shown at once.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    # Plain ADD COLUMN, not a batch: SQLite adds columns in place, whereas rebuilding "user"
    # would trip the foreign keys that point at it.
    op.add_column("assignment", sa.Column("due_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("assignment", sa.Column("attempts_allowed", sa.Integer(), nullable=True))
    op.add_column(
        "assignment",
        sa.Column("show_answers", sa.String(length=16), server_default="at_once", nullable=False),
    )
    op.add_column("assignment", sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column(
        "user",
        sa.Column("must_change_password", sa.Boolean(), server_default=sa.false(), nullable=False),
    )


def downgrade():
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.drop_column("must_change_password")

    with op.batch_alter_table("assignment", schema=None) as batch_op:
        batch_op.drop_column("deleted_at")
        batch_op.drop_column("show_answers")
        batch_op.drop_column("attempts_allowed")
        batch_op.drop_column("due_at")
