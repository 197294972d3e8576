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


def test_closing_a_cycle_on_postgresql_wipes_the_order_of_writing(pg_app):
    """xmin (the writing transaction) and ctid (the place in the table) show the order in which
    codes were used and responses arrived while the survey is open; after closing, neither
    does: one transaction id for all, and the rows in random-id order."""
    import secrets
    from datetime import date

    from healthcheck.models import Answer, Response
    from healthcheck.survey import access_codes
    from healthcheck.survey.cycles import close_cycle, create_cycle, open_cycle

    cycle = create_cycle(
        name="Order", slug="order", opens_on=date(2026, 1, 5), closes_on=date(2026, 3, 27),
        access_mode="codes",
    )  # fmt: skip
    open_cycle(cycle)
    _, codes = access_codes.generate(cycle, 6)
    ids = []
    for code in codes:  # each code used, then its response stored, one transaction each
        with pg_app.test_request_context():
            assert access_codes.redeem(cycle, code) == access_codes.OK
        response = Response(
            cycle_id=cycle.id, instrument_id="appendix5", instrument_version=1,
            submitted_on=date(2026, 1, 6), submission_key=secrets.token_hex(32),
        )  # fmt: skip
        response.answers = [Answer(key="Q1", value="fairly"), Answer(key="Q2", value="Busy")]
        db.session.add(response)
        db.session.commit()
        ids.append(response.id)

    def stamps(table, where):
        return db.session.execute(
            sa.text(f"SELECT count(DISTINCT xmin::text) FROM {table} WHERE {where}"),
            {"cycle": cycle.id},
        ).scalar()

    in_cycle = {
        "response": "cycle_id = :cycle",
        "answer": "response_id IN (SELECT id FROM response WHERE cycle_id = :cycle)",
        "access_code": "cycle_id = :cycle",
    }
    assert stamps("response", in_cycle["response"]) == 6  # the leak while open
    physical = db.session.scalars(sa.text("SELECT id FROM response ORDER BY ctid")).all()
    assert physical == ids  # in order of arrival
    db.session.commit()

    close_cycle(cycle)

    for table, where in in_cycle.items():
        assert stamps(table, where) == 1, table
    physical = db.session.scalars(sa.text("SELECT id FROM response ORDER BY ctid")).all()
    assert physical == sorted(ids)  # random-id order, not the order of arrival
    assert db.session.scalar(sa.text("SELECT count(*) FROM answer")) == 12  # nothing lost
    used = db.session.scalar(sa.text("SELECT count(*) FROM access_code WHERE used"))
    assert used == 6
