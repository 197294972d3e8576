"""Anonymity: stored responses carry no insertion order that could be matched to anything."""

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from healthcheck.extensions import db


def test_sqlite_response_tables_have_no_rowid(app):
    with db.engine.connect() as conn:
        for table in ("response", "answer"):
            with pytest.raises(sa.exc.OperationalError, match="rowid"):
                conn.exec_driver_sql(f"SELECT rowid FROM {table}")


def test_the_rowid_migration_keeps_every_response_and_answer(app_factory, sqlite_factory):
    app = app_factory(url=sqlite_factory.empty())
    with app.app_context():
        upgrade(revision="0006_focus_groups")
        with db.engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO cycle (id, slug, name, opens_on, closes_on, instrument_id, "
                "instrument_version, access_mode, status, retention_days, is_demo) VALUES "
                "(1, 's', 'n', '2026-01-05', '2026-03-27', 'appendix5', 1, 'link', 'open', "
                "365, 0)"
            )
            conn.exec_driver_sql(
                "INSERT INTO response VALUES ('r1', 1, 'appendix5', 1, '2026-01-06', 'k1')"
            )
            conn.exec_driver_sql(
                "INSERT INTO answer VALUES ('r1', 'Q1', 'fairly'), ('r1', 'Q2', 'Busy')"
            )
        upgrade()
        with db.engine.connect() as conn:
            answers = conn.exec_driver_sql("SELECT * FROM answer ORDER BY key").fetchall()
            assert [tuple(a) for a in answers] == [("r1", "Q1", "fairly"), ("r1", "Q2", "Busy")]
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        with db.engine.begin() as conn:  # the cascade still works after the rebuild
            conn.exec_driver_sql("DELETE FROM response WHERE id = 'r1'")
            assert conn.exec_driver_sql("SELECT count(*) FROM answer").scalar() == 0
