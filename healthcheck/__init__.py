"""Health Check: the annual health check of a social care workforce.

The app factory lives here; extensions are created in extensions.py and bound with init_app.
"""

from datetime import timedelta
from pathlib import Path

from flask import Flask
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader

from surveys.loader import use_upload_directory

from .config import ConfigError, config_class  # noqa: F401  (re-exported)
from .database import configure_sqlite
from .extensions import csrf, db, login_manager, migrate

ROOT = Path(__file__).resolve().parent.parent
BLUEPRINTS = (
    "healthcheck.main.routes",
    "healthcheck.auth.routes",
    "healthcheck.survey.routes",
    "healthcheck.focus_groups.routes",
    "healthcheck.reports.routes",
    "healthcheck.admin.routes",
    "healthcheck.metrics.routes",
    "healthcheck.results.routes",
    "healthcheck.endorsement.routes",
    "healthcheck.shared.routes",
    "healthcheck.branding.routes",
)


def create_app(config: str | dict | None = None) -> Flask:
    """Build the app.

    `config` is an environment name ("production", "development", "testing"), or a dict of
    overrides applied on top of the testing settings (used by the test suite).
    """
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
    )
    overrides = config if isinstance(config, dict) else {}
    env_name = overrides.get("ENV_NAME", "testing") if overrides else config
    settings = config_class(env_name).load(app.instance_path)
    app.config.update(settings)
    app.config.update(overrides)
    app.permanent_session_lifetime = timedelta(
        minutes=app.config["PERMANENT_SESSION_LIFETIME_MINUTES"]
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    # Instrument versions the administrator uploads live beside the instance's database.
    app.config.setdefault("INSTRUMENTS_UPLOAD_DIR", str(Path(app.instance_path) / "instruments"))
    use_upload_directory(app.config["INSTRUMENTS_UPLOAD_DIR"])

    app.jinja_loader = ChoiceLoader(
        [
            FileSystemLoader(str(ROOT / "templates")),
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    from .auth.sessions import IdleSessionInterface

    app.session_interface = IdleSessionInterface()
    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    login_manager.init_app(app)
    with app.app_context():
        configure_sqlite(
            db.engine,
            app.config["SQLITE_BUSY_TIMEOUT_MS"],
            strict=bool(app.config.get("SQLITE_STRICT_WRITES")),
        )

    from . import models  # noqa: F401  (registers every table on the metadata)
    from .errors import register_error_handlers
    from .sanitise import register_sanitising
    from .security import register_security
    from .templating import register_templating

    register_templating(app)
    register_security(app)
    register_sanitising(app)
    register_error_handlers(app)
    _register_blueprints(app)
    return app


def _register_blueprints(app: Flask) -> None:
    import importlib

    for module_name in BLUEPRINTS:
        app.register_blueprint(importlib.import_module(module_name).bp)
