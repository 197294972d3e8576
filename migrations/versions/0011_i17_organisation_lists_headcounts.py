"""organisation lists (teams, job roles), headcounts by team, archived cycles

Revision ID: 0008_i17_org_lists
Revises: 0008_i18b_stash_owner
Create Date: 2026-11-30 05:40:00

"""
import sqlalchemy as sa
from alembic import op

revision = "0008_i17_org_lists"
down_revision = "0008_i18b_stash_owner"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "org_list_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("code", sa.String(length=60), nullable=False),
        sa.Column("label", sa.String(length=120), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.Column("is_demo", sa.Boolean(), nullable=False),
        sa.CheckConstraint("kind IN ('team', 'role')", name=op.f("ck_org_list_entry_kind")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_org_list_entry")),
        sa.UniqueConstraint("kind", "code", name="uq_org_list_entry_code"),
    )
    op.create_table(
        "cycle_team_headcount",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("team", sa.String(length=60), nullable=False),
        sa.Column("headcount", sa.Integer(), nullable=False),
        sa.CheckConstraint("headcount >= 0", name=op.f("ck_cycle_team_headcount_headcount")),
        sa.ForeignKeyConstraint(
            ["cycle_id"],
            ["cycle.id"],
            name=op.f("fk_cycle_team_headcount_cycle_id_cycle"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cycle_team_headcount")),
        sa.UniqueConstraint("cycle_id", "team", name="uq_cycle_team_headcount_team"),
    )
    with op.batch_alter_table("cycle_team_headcount", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_cycle_team_headcount_cycle_id"), ["cycle_id"], unique=False
        )
    # A plain ADD COLUMN: rebuilding `cycle` on SQLite (as batch mode can) would drop the
    # table, and with foreign keys on that cascades to every response and answer.
    op.add_column(
        "cycle", sa.Column("archived", sa.Boolean(), nullable=False, server_default=sa.false())
    )


def downgrade():
    op.drop_column("cycle", "archived")  # native DROP COLUMN (SQLite 3.35+): no rebuild
    with op.batch_alter_table("cycle_team_headcount", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cycle_team_headcount_cycle_id"))
    op.drop_table("cycle_team_headcount")
    op.drop_table("org_list_entry")
