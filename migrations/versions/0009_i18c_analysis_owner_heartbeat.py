"""analysis runs record their owner (host, process id) and a heartbeat

A run whose process was killed is then taken over at once: the owner's process is gone (same
host), or its heartbeat is older than a few seconds' grace (healthcheck/results/analysis.py).

Revision ID: 0008_i18c_analysis_owner
Revises: 0008_i16_sent_resume_codes
Create Date: 2026-11-30 06:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = "0008_i18c_analysis_owner"
down_revision = "0008_i16_sent_resume_codes"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("analysis_result", schema=None) as batch_op:
        batch_op.add_column(sa.Column("owner_host", sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column("owner_pid", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("heartbeat_at", sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table("analysis_result", schema=None) as batch_op:
        batch_op.drop_column("heartbeat_at")
        batch_op.drop_column("owner_pid")
        batch_op.drop_column("owner_host")
