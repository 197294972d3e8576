"""Fresh, migrated databases for each test, made quickly from a migrated template."""

import itertools
import shutil
from pathlib import Path

import sqlalchemy as sa

_counter = itertools.count()


def with_database(url: str, name: str) -> str:
    return str(sa.engine.make_url(url).set(database=name))


def migrate(url: str) -> None:
    """Run every migration (the only way our schema is made) against `url`."""
    from flask_migrate import upgrade

    from healthcheck import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade()
        from healthcheck.extensions import db

        db.engine.dispose()


class SqliteFactory:
    def __init__(self, folder: Path):
        self.folder = folder
        self.template = folder / "template.sqlite"
        migrate(f"sqlite:///{self.template}")
        # Fold the WAL into the main file so that a file copy is a whole database.
        engine = sa.create_engine(f"sqlite:///{self.template}")
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        engine.dispose()

    def new(self) -> str:
        path = self.folder / f"test-{next(_counter)}.sqlite"
        shutil.copyfile(self.template, path)
        return f"sqlite:///{path}"

    def empty(self) -> str:
        return f"sqlite:///{self.folder / f'empty-{next(_counter)}.sqlite'}"


class PostgresFactory:
    def __init__(self, server_url: str):
        self.server_url = server_url
        self.admin = sa.create_engine(server_url, isolation_level="AUTOCOMMIT")
        with self.admin.connect() as conn:
            conn.exec_driver_sql("DROP DATABASE IF EXISTS hc_template")
            conn.exec_driver_sql("CREATE DATABASE hc_template")
        migrate(with_database(server_url, "hc_template"))

    def new(self) -> str:
        name = f"hc_test_{next(_counter)}"
        with self.admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name}")
            conn.exec_driver_sql(f"CREATE DATABASE {name} TEMPLATE hc_template")
        return with_database(self.server_url, name)

    def empty(self) -> str:
        name = f"hc_empty_{next(_counter)}"
        with self.admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name}")
            conn.exec_driver_sql(f"CREATE DATABASE {name}")
        return with_database(self.server_url, name)

    def drop(self, url: str) -> None:
        name = sa.engine.make_url(url).database
        with self.admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
