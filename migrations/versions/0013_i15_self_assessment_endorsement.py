"""per-area self-assessment with history, versions for endorsement, the endorser role, a logo

Revision ID: 0008_i15_endorsement
Revises: 0008_i13_review
Create Date: 2026-11-30 05:45:00

The user_account role check gains 'endorser'. On SQLite the table is not rebuilt (dropping it
with foreign keys on would cascade into every table that refers to an account): the CHECK
text is edited in place, the procedure SQLite documents for changes that leave the stored
rows as they are (https://www.sqlite.org/lang_altertable.html, "otheralter").
"""
from alembic import op
import sqlalchemy as sa

revision = "0008_i15_endorsement"
down_revision = "0008_i13_review"
branch_labels = None
depends_on = None

OLD_ROLES = "role IN ('facilitator', 'psw', 'admin')"
NEW_ROLES = "role IN ('facilitator', 'psw', 'admin', 'endorser')"


def _set_role_check(old: str, new: str) -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        version = bind.exec_driver_sql("PRAGMA schema_version").scalar()
        bind.exec_driver_sql("PRAGMA writable_schema=ON")
        bind.exec_driver_sql(
            "UPDATE sqlite_master SET sql = replace(sql, ?, ?) "
            "WHERE type = 'table' AND name = 'user_account'",
            (old, new),
        )
        bind.exec_driver_sql(f"PRAGMA schema_version={int(version) + 1}")
        bind.exec_driver_sql("PRAGMA writable_schema=OFF")
    else:
        op.drop_constraint(op.f("ck_user_account_role"), "user_account", type_="check")
        op.create_check_constraint(op.f("ck_user_account_role"), "user_account", new)


def upgrade():
    _set_role_check(OLD_ROLES, NEW_ROLES)
    op.create_table(
        "area_assessment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("area", sa.String(length=40), nullable=False),
        sa.Column("rating", sa.String(length=10), nullable=True),
        sa.Column("rationale", sa.Text(), nullable=False),
        sa.Column("strengths", sa.Text(), nullable=False),
        sa.Column("improvements", sa.Text(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("is_demo", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "rating IS NULL OR rating IN ('green', 'amber', 'red')",
            name=op.f("ck_area_assessment_rating"),
        ),
        sa.ForeignKeyConstraint(
            ["cycle_id"], ["cycle.id"], name=op.f("fk_area_assessment_cycle_id_cycle"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["user_account.id"],
            name=op.f("fk_area_assessment_updated_by_id_user_account"), ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_area_assessment")),
        sa.UniqueConstraint("cycle_id", "area", name="uq_area_assessment_area"),
    )
    op.create_index(op.f("ix_area_assessment_cycle_id"), "area_assessment", ["cycle_id"])
    op.create_table(
        "area_assessment_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.Column("saved_at", sa.DateTime(), nullable=False),
        sa.Column("saved_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["assessment_id"], ["area_assessment.id"],
            name=op.f("fk_area_assessment_revision_assessment_id_area_assessment"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["saved_by_id"], ["user_account.id"],
            name=op.f("fk_area_assessment_revision_saved_by_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_area_assessment_revision")),
    )
    op.create_index(
        op.f("ix_area_assessment_revision_assessment_id"),
        "area_assessment_revision",
        ["assessment_id"],
    )
    op.create_table(
        "assessment_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("snapshot", sa.Text(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=False),
        sa.Column("submitted_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("endorser_name", sa.String(length=120), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=True),
        sa.Column("is_demo", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "status IN ('submitted', 'returned', 'endorsed')",
            name=op.f("ck_assessment_version_status"),
        ),
        sa.ForeignKeyConstraint(
            ["cycle_id"], ["cycle.id"], name=op.f("fk_assessment_version_cycle_id_cycle"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"], ["user_account.id"],
            name=op.f("fk_assessment_version_decided_by_id_user_account"), ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["submitted_by_id"], ["user_account.id"],
            name=op.f("fk_assessment_version_submitted_by_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment_version")),
        sa.UniqueConstraint("cycle_id", "number", name="uq_assessment_version_number"),
    )
    op.create_index(op.f("ix_assessment_version_cycle_id"), "assessment_version", ["cycle_id"])
    op.create_table(
        "report_logo",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("content_type", sa.String(length=40), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(), nullable=False),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["uploaded_by_id"], ["user_account.id"],
            name=op.f("fk_report_logo_uploaded_by_id_user_account"), ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_logo")),
    )


def downgrade():
    op.drop_table("report_logo")
    op.drop_index(op.f("ix_assessment_version_cycle_id"), table_name="assessment_version")
    op.drop_table("assessment_version")
    op.drop_index(
        op.f("ix_area_assessment_revision_assessment_id"), table_name="area_assessment_revision"
    )
    op.drop_table("area_assessment_revision")
    op.drop_index(op.f("ix_area_assessment_cycle_id"), table_name="area_assessment")
    op.drop_table("area_assessment")
    # Endorser accounts cannot stay under the old check: they are switched off, not deleted,
    # so the audit log keeps who did what.
    op.execute(
        "UPDATE user_account SET role = 'facilitator', active = false WHERE role = 'endorser'"
    )
    _set_role_check(NEW_ROLES, OLD_ROLES)
