"""Questions are timed from a signed stamp in their form: attempt_item.first_shown_at goes.

Showing a question used to write its first display time, so every question page was a write
transaction; the time now travels in the answer form, signed, and only the answer is stored.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 02:40:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    # ALTER TABLE ... DROP COLUMN, on SQLite too (3.35 and later; the answers' RETURNING needs
    # that already). Batch mode would rebuild the table, and dropping the old one fails while
    # answers point at its rows with foreign keys enforced.
    op.drop_column("attempt_item", "first_shown_at")


def downgrade():
    op.add_column(
        "attempt_item", sa.Column("first_shown_at", sa.DateTime(timezone=True), nullable=True)
    )
