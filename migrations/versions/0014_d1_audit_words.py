"""one audit vocabulary: the self-assessment's and the logo's actions in the past tense

Revision ID: 0014_d1_audit_words
Revises: 0008_i15_endorsement
Create Date: 2026-11-30 08:45:00

Data only. Events recorded before every action came from healthcheck.audit.ACTIONS used the
present tense for the self-assessment and the report logo; they are rewritten to the words used
everywhere else, and back on downgrade. Each rewrite is keyed by the record type, so that the
downgrade touches only the rows this upgrade could have written.
"""

from alembic import op
import sqlalchemy as sa

revision = "0014_d1_audit_words"
down_revision = "0008_i15_endorsement"
branch_labels = None
depends_on = None

# (type of record, old action, new action)
REWRITES = (
    ("area_assessment", "update", "changed"),
    ("assessment_version", "submit", "submitted"),
    ("assessment_version", "endorse", "endorsed"),
    ("assessment_version", "return", "returned"),
    ("assessment_version", "publish", "published"),
    ("assessment_version", "export", "exported"),
    ("report_logo", "upload", "uploaded"),
    ("report_logo", "delete", "deleted"),
)

audit_event = sa.table(
    "audit_event", sa.column("action", sa.String), sa.column("object_type", sa.String)
)


def _rewrite(pairs) -> None:
    for object_type, old, new in pairs:
        op.execute(
            audit_event.update()
            .where(audit_event.c.object_type == object_type, audit_event.c.action == old)
            .values(action=new)
        )


def upgrade():
    _rewrite(REWRITES)


def downgrade():
    _rewrite((object_type, new, old) for object_type, old, new in REWRITES)
