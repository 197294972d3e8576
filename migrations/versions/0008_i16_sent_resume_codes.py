"""sent resume codes: an old resume code says its answers were already sent

Revision ID: 0008_i16_sent_resume_codes
Revises: 0007_without_rowid
Create Date: 2026-11-30 05:40:00

"""
from alembic import op
import sqlalchemy as sa

revision = "0008_i16_sent_resume_codes"
down_revision = "0007_without_rowid"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "sent_resume_code",
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cycle_id"],
            ["cycle.id"],
            name=op.f("fk_sent_resume_code_cycle_id_cycle"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("code_hash", name=op.f("pk_sent_resume_code")),
    )
    with op.batch_alter_table("sent_resume_code", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_sent_resume_code_cycle_id"), ["cycle_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("sent_resume_code", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sent_resume_code_cycle_id"))
    op.drop_table("sent_resume_code")
