"""Configuration: secrets required in production, database selection, SQLite settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from healthcheck import create_app
from healthcheck.config import ConfigError, config_class

ROOT = Path(__file__).resolve().parent.parent
HEALTHCHECK = Path(sys.executable).parent / "healthcheck"


def clean_env(**extra):
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DATABASE_URL")}
    env.update(extra)
    return env


def test_production_without_secret_key_exits_with_one_clear_line(tmp_path):
    result = subprocess.run(
        [str(HEALTHCHECK), "routes"],
        env=clean_env(HEALTHCHECK_ENV="production", DATABASE_URL=f"sqlite:///{tmp_path}/x.db"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: SECRET_KEY must be set")
    assert "Traceback" not in result.stderr


def test_production_config_refuses_to_build_without_secret(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app("production")


def test_production_with_secret_key_uses_secure_cookies(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "x" * 64)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/p.db")
    app = create_app("production")
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_help_lists_the_commands_without_any_configuration():
    result = subprocess.run(
        [str(HEALTHCHECK), "--help"],
        env=clean_env(HEALTHCHECK_ENV="production"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    for command in ("db", "run", "seed-demo"):
        assert f"  {command} " in result.stdout
    assert "Traceback" not in result.stderr


def test_database_url_selects_postgresql_with_psycopg(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@localhost/hc")
    settings = config_class("testing").load(str(tmp_path))
    assert settings["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@localhost/hc"


def test_default_database_is_sqlite_in_the_instance_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    settings = config_class("development").load(str(tmp_path))
    assert settings["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path}/healthcheck.sqlite"


def test_unknown_environment_is_a_clear_error():
    with pytest.raises(ConfigError, match="HEALTHCHECK_ENV must be one of"):
        config_class("staging")


@pytest.mark.parametrize("name, value", [("MIN_GROUP_SIZE", "4"), ("MIN_QUOTE_GROUP_SIZE", "9")])
def test_anonymity_thresholds_can_be_raised_never_lowered(monkeypatch, tmp_path, name, value):
    monkeypatch.setenv(f"HEALTHCHECK_{name}", value)
    with pytest.raises(ConfigError, match="never lowered"):
        config_class("testing").load(str(tmp_path))
    monkeypatch.setenv(f"HEALTHCHECK_{name}", "20")
    assert config_class("testing").load(str(tmp_path))[name] == 20


def test_sqlite_runs_with_wal_full_sync_foreign_keys_and_busy_timeout(app):
    from healthcheck.extensions import db

    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000


def test_sqlite_enforces_foreign_keys(app):
    from healthcheck.extensions import db

    with pytest.raises(sa.exc.IntegrityError):
        with db.engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO cycle_headcount (cycle_id, role, headcount) VALUES (999, 'x', 1)"
            )
