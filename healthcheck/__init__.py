"""Health Check: the annual health check of a social care workforce.

The app factory lives here; extensions are created in extensions.py and bound with init_app.
Everything the app is made of is imported and registered below in plain sight: the blueprints
(one per job), the app-wide hooks (templating, security headers, input sanitising, error pages,
access control) and the housekeeping tasks. Nothing registers itself as a side effect.
"""

from datetime import timedelta
from pathlib import Path

from flask import Flask
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader

from surveys.loader import use_upload_directory

from . import models  # noqa: F401  (registers every table on the metadata)
from .admin.routes import bp as admin_bp
from .auth.access import register_access_control
from .auth.routes import bp as auth_bp
from .auth.sessions import IdleSessionInterface, load_user
from .branding.routes import bp as branding_bp
from .config import ConfigError, config_class  # noqa: F401  (re-exported)
from .database import DatabaseIdConverter, configure_sqlite
from .endorsement.routes import bp as endorsement_bp
from .errors import register_error_handlers
from .extensions import csrf, db, login_manager, migrate
from .focus_groups.routes import bp as focus_groups_bp
from .focus_groups.stash import delete_expired_stashes
from .housekeeping import register_housekeeping
from .main.routes import bp as main_bp
from .metrics.routes import bp as metrics_bp
from .reports.routes import bp as reports_bp
from .results.routes import bp as results_bp
from .sanitise import register_sanitising
from .security import register_security
from .shared.routes import bp as shared_bp
from .survey.logging import install_log_filter
from .survey.routes import bp as survey_bp
from .templating import register_templating

ROOT = Path(__file__).resolve().parent.parent
# In this order (it is the order of the URL map; no two share a URL).
BLUEPRINTS = (
    main_bp,
    auth_bp,
    survey_bp,
    focus_groups_bp,
    reports_bp,
    admin_bp,
    metrics_bp,
    results_bp,
    endorsement_bp,
    shared_bp,
    branding_bp,
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
    # Before any route is added: an id in a URL is one the database can hold, else a 404.
    app.url_map.converters["int"] = DatabaseIdConverter
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

    app.session_interface = IdleSessionInterface()
    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.user_loader(load_user)
    with app.app_context():
        configure_sqlite(
            db.engine,
            app.config["SQLITE_BUSY_TIMEOUT_MS"],
            strict=bool(app.config.get("SQLITE_STRICT_WRITES")),
        )

    register_templating(app)
    register_security(app)
    register_sanitising(app)
    register_error_handlers(app)
    # Deny by default: every endpoint declares who may use it (healthcheck/auth/access.py).
    register_access_control(app)
    # The development server logs no client address or time finer than the date.
    install_log_filter()
    register_housekeeping(app, {"expired focus-group stashes": delete_expired_stashes})
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    return app
