"""Alembic is the only way the schema changes: models and migrations must agree everywhere."""

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from healthcheck.extensions import db


def _differences(app):
    with app.app_context(), db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        return compare_metadata(context, db.metadata)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_models_and_migrations_agree(app_factory, backend):
    app = app_factory(backend)
    assert _differences(app) == []


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_upgrade_on_an_empty_database_creates_the_whole_schema_and_every_step_downgrades(
    app_factory, sqlite_factory, request, backend
):
    if backend == "postgresql":
        url = request.getfixturevalue("postgres_factory").empty()
    else:
        url = sqlite_factory.empty()
    app = app_factory(url=url)
    with app.app_context():
        upgrade()
        tables = set(sa.inspect(db.engine).get_table_names())
        assert set(db.metadata.tables) <= tables
        downgrade(revision="base")
        remaining = set(sa.inspect(db.engine).get_table_names()) - {"alembic_version"}
        assert remaining == set()
        upgrade()
        assert set(db.metadata.tables) <= set(sa.inspect(db.engine).get_table_names())
