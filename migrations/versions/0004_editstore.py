"""Bank revisions (the editor keeps every saved version) and the regrades they led to.

Revision ID: 0004_editstore
Revises: 0003
Create Date: 2026-12-01 21:52:56.362049

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0004_editstore"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "bank_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bank_slug", sa.String(length=64), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("message", sa.String(length=300), nullable=False),
        sa.Column("yaml_text", sa.Text(), nullable=False),
        sa.Column("article_text", sa.Text(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"], ["user.id"], name=op.f("fk_bank_revision_author_id_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bank_revision")),
        sa.UniqueConstraint("bank_slug", "number", name=op.f("uq_bank_revision_bank_slug")),
    )
    with op.batch_alter_table("bank_revision", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bank_revision_bank_slug"), ["bank_slug"], unique=False)

    op.create_table(
        "regrade",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bank_slug", sa.String(length=64), nullable=False),
        sa.Column("revision_number", sa.Integer(), nullable=False),
        sa.Column("teacher_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("responses_checked", sa.Integer(), nullable=False),
        sa.Column("responses_changed", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["teacher_id"], ["user.id"], name=op.f("fk_regrade_teacher_id_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_regrade")),
    )
    with op.batch_alter_table("regrade", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_regrade_bank_slug"), ["bank_slug"], unique=False)


def downgrade():
    with op.batch_alter_table("regrade", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_regrade_bank_slug"))

    op.drop_table("regrade")
    with op.batch_alter_table("bank_revision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bank_revision_bank_slug"))

    op.drop_table("bank_revision")
