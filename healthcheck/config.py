"""Configuration classes, chosen by the HEALTHCHECK_ENV environment variable.

Secrets never have defaults outside development and tests: production refuses to start without
SECRET_KEY. DATABASE_URL selects the database; without it an SQLite file in the instance folder
is used.
"""

import os
import secrets
from pathlib import Path


class ConfigError(Exception):
    """The configuration cannot run the service; the message says what to set."""


def _int_env(name: str, default: int, minimum: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}") from None
    if value < minimum:
        raise ConfigError(f"{name} must be {minimum} or more (it can be raised, never lowered)")
    return value


class Config:
    """Settings shared by every environment."""

    ENV_NAME = "base"
    SECRET_KEY: str | None = None
    SQLALCHEMY_DATABASE_URI: str | None = None
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    SQLITE_BUSY_TIMEOUT_MS = 10000
    # A write in a SQLite transaction that began deferred (a GET) raises instead of being
    # logged (healthcheck/database.py): on under test, so that no GET that writes slips in.
    SQLITE_STRICT_WRITES = False
    # A long survey must not lose answers when a token expires: tokens last as long as the
    # session, and an expired session is handled by the survey itself.
    WTF_CSRF_TIME_LIMIT = None
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    SESSION_COOKIE_NAME = "healthcheck_session"
    # Flask-Login's "remember me" cookie (unused today) gets the same protection.
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = False
    # Signed-in sessions end after this many minutes without a request.
    PERMANENT_SESSION_LIFETIME_MINUTES = 30
    MAX_CONTENT_LENGTH = 5 * 1024 * 1024
    SERVICE_NAME = "Health Check"
    ORGANISATION_NAME = "Adult Social Care"
    # Anonymity thresholds: settings that can be raised, never lowered.
    MIN_GROUP_SIZE = 5
    MIN_QUOTE_GROUP_SIZE = 10
    # Shown on the sensitive comments page (HEALTHCHECK_WHISTLEBLOWING_ROUTE and
    # HEALTHCHECK_SAFEGUARDING_ROUTE set the organisation's own wording).
    SENSITIVE_WHISTLEBLOWING_ROUTE = (
        "Follow your organisation's whistleblowing (speaking up) policy: raise the concern with "
        "the Director of Adult Social Services or the whistleblowing officer named in the policy."
    )
    SENSITIVE_SAFEGUARDING_ROUTE = (
        "If anyone may be at risk of harm, follow the safeguarding adults procedure: contact the "
        "safeguarding adults team the same day, or the emergency duty team out of hours. In an "
        "emergency call 999."
    )
    RAG_GREEN = 70
    RAG_AMBER = 50
    RATELIMIT_ENABLED = True
    # Requests per minute per key, counted in the shared database (healthcheck/ratelimit.py).
    # Each can be set with HEALTHCHECK_RATELIMIT_<NAME>, e.g. HEALTHCHECK_RATELIMIT_SIGN_IN=5.
    RATELIMITS = {
        # Sign-in: every attempt per address and account, every attempt per address (an
        # office's worth), and wrong passwords per account from anywhere (when spent, only a
        # browser that signed in to that account before is let through: healthcheck/auth).
        "sign-in": 5,
        "sign-in-address": 30,
        "sign-in-account": 10,
        "survey-submit": 10,
        "survey-global": 3000,
        # Wrong codes only (a right code is never counted or refused): per hashed address, and
        # one budget for everyone so that guessing from many addresses stays bounded.
        "resume-code": 10,
        "resume-code-global": 600,
        "access-code": 10,
        "access-code-global": 600,
        "upload": 10,
        # Focus-group forms kept after a session ended, per facilitator (focus_groups/stash.py).
        "focus-group-stash": 10,
    }
    # How many reverse proxies in front of the app set X-Forwarded-For/-Proto (0: none).
    TRUSTED_PROXIES = 0
    HSTS = False

    @classmethod
    def load(cls, instance_path: str) -> dict:
        """Return the settings as a dict, reading the environment and checking secrets."""
        settings = {k: getattr(cls, k) for k in dir(cls) if k.isupper()}
        settings["MIN_GROUP_SIZE"] = _int_env("HEALTHCHECK_MIN_GROUP_SIZE", 5, 5)
        settings["MIN_QUOTE_GROUP_SIZE"] = _int_env("HEALTHCHECK_MIN_QUOTE_GROUP_SIZE", 10, 10)
        settings["RAG_GREEN"] = _int_env("HEALTHCHECK_RAG_GREEN", cls.RAG_GREEN, 1)
        settings["RAG_AMBER"] = _int_env("HEALTHCHECK_RAG_AMBER", cls.RAG_AMBER, 0)
        if settings["RAG_AMBER"] >= settings["RAG_GREEN"]:
            raise ConfigError("HEALTHCHECK_RAG_AMBER must be lower than HEALTHCHECK_RAG_GREEN")
        settings["RATELIMITS"] = {
            name: _int_env(f"HEALTHCHECK_RATELIMIT_{name.upper().replace('-', '_')}", value, 1)
            for name, value in cls.RATELIMITS.items()
        }
        settings["TRUSTED_PROXIES"] = _int_env("HEALTHCHECK_TRUSTED_PROXIES", 0, 0)
        for name in ("WHISTLEBLOWING", "SAFEGUARDING"):
            value = os.environ.get(f"HEALTHCHECK_{name}_ROUTE", "").strip()
            if value:
                settings[f"SENSITIVE_{name}_ROUTE"] = value
        settings["ORGANISATION_NAME"] = os.environ.get(
            "HEALTHCHECK_ORGANISATION", cls.ORGANISATION_NAME
        )
        settings["SECRET_KEY"] = os.environ.get("SECRET_KEY") or cls.default_secret(instance_path)
        if not settings["SECRET_KEY"]:
            raise ConfigError(
                "SECRET_KEY must be set in production: export SECRET_KEY to a long random string "
                '(python -c "import secrets; print(secrets.token_hex(32))")'
            )
        url = os.environ.get("DATABASE_URL") or cls.default_database(instance_path)
        if url.startswith("postgres://"):
            url = "postgresql+psycopg://" + url[len("postgres://") :]
        elif url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url[len("postgresql://") :]
        settings["SQLALCHEMY_DATABASE_URI"] = url
        return settings

    @classmethod
    def default_secret(cls, instance_path: str) -> str | None:
        return None

    @classmethod
    def default_database(cls, instance_path: str) -> str:
        return "sqlite:///" + str(Path(instance_path) / "healthcheck.sqlite")


class ProductionConfig(Config):
    ENV_NAME = "production"
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    HSTS = True


class DevelopmentConfig(Config):
    ENV_NAME = "development"

    @classmethod
    def default_secret(cls, instance_path: str) -> str:
        """A random key kept in the instance folder, so sessions survive a restart."""
        path = Path(instance_path) / "dev-secret-key"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_hex(32))
            path.chmod(0o600)
        return path.read_text().strip()


class TestingConfig(Config):
    ENV_NAME = "testing"
    TESTING = True
    RATELIMIT_ENABLED = True
    SQLITE_STRICT_WRITES = True

    @classmethod
    def default_secret(cls, instance_path: str) -> str:
        return "testing-only-secret-key"


CONFIGS = {
    "production": ProductionConfig,
    "development": DevelopmentConfig,
    "testing": TestingConfig,
}


def config_class(name: str | None = None) -> type[Config]:
    """The config class for HEALTHCHECK_ENV (production when unset)."""
    name = (name or os.environ.get("HEALTHCHECK_ENV") or "production").lower()
    try:
        return CONFIGS[name]
    except KeyError:
        raise ConfigError(
            f"HEALTHCHECK_ENV must be one of {', '.join(sorted(CONFIGS))}, not {name!r}"
        ) from None
