"""theme edits gain 'part': the PSW's name for a part of a theme ("What it covers")

Revision ID: 0015_i14_part_renames
Revises: 0014_d1_audit_words
Create Date: 2026-12-01 16:10:00

The theme_edit kind check gains 'part'. As in 0008_i15_endorsement, on SQLite the CHECK text
is edited in place (https://www.sqlite.org/lang_altertable.html, "otheralter"): the stored
rows are unchanged. Downgrade deletes part renames first, as the old check cannot hold them.
"""

from alembic import op
import sqlalchemy as sa

revision = "0015_i14_part_renames"
down_revision = "0014_d1_audit_words"
branch_labels = None
depends_on = None

OLD_KINDS = "kind IN ('rename', 'merge')"
NEW_KINDS = "kind IN ('rename', 'merge', 'part')"


def _set_kind_check(old: str, new: str) -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        version = bind.exec_driver_sql("PRAGMA schema_version").scalar()
        bind.exec_driver_sql("PRAGMA writable_schema=ON")
        bind.exec_driver_sql(
            "UPDATE sqlite_master SET sql = replace(sql, ?, ?) "
            "WHERE type = 'table' AND name = 'theme_edit'",
            (old, new),
        )
        bind.exec_driver_sql(f"PRAGMA schema_version={int(version) + 1}")
        bind.exec_driver_sql("PRAGMA writable_schema=OFF")
        made = bind.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'theme_edit'"
        ).scalar()
        if new not in (made or ""):  # a table whose CHECK text differs: say so, not fail later
            raise RuntimeError(f"theme_edit's CHECK is not {old!r}; change it to {new!r} by hand")
    else:
        op.drop_constraint(op.f("ck_theme_edit_kind"), "theme_edit", type_="check")
        op.create_check_constraint(op.f("ck_theme_edit_kind"), "theme_edit", new)


def upgrade():
    _set_kind_check(OLD_KINDS, NEW_KINDS)


def downgrade():
    theme_edit = sa.table("theme_edit", sa.column("kind", sa.String))
    op.execute(theme_edit.delete().where(theme_edit.c.kind == "part"))
    _set_kind_check(NEW_KINDS, OLD_KINDS)
