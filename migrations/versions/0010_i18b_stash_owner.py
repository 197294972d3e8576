"""a kept focus-group form belongs to the facilitator whose expired session posted it

Forms kept before this (bound to nobody, so anyone could have made one) are deleted.

Revision ID: 0008_i18b_stash_owner
Revises: 0008_i18c_analysis_owner
Create Date: 2026-11-30 06:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = "0008_i18b_stash_owner"
down_revision = "0008_i18c_analysis_owner"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("DELETE FROM focus_group_stash")
    with op.batch_alter_table("focus_group_stash", schema=None) as batch_op:
        batch_op.add_column(sa.Column("user_id", sa.Integer(), nullable=False))
        batch_op.create_index(
            batch_op.f("ix_focus_group_stash_user_id"), ["user_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_focus_group_stash_user_id_user_account"),
            "user_account",
            ["user_id"],
            ["id"],
            ondelete="CASCADE",
        )


def downgrade():
    with op.batch_alter_table("focus_group_stash", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_focus_group_stash_user_id_user_account"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_focus_group_stash_user_id"))
        batch_op.drop_column("user_id")
