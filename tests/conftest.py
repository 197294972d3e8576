"""Shared fixtures: apps on SQLite and PostgreSQL, clients, signed-in users, a real browser.

In CI (CI=true) a PostgreSQL or browser test never skips: if the server or Chromium cannot be
had, the test fails.
"""

import os

import pytest

from tests.support.browser import AXE_JS, CHROMIUM_ARGS, LiveServer, chromium_path
from tests.support.databases import PostgresFactory, SqliteFactory
from tests.support.postgres import PostgresUnavailable, TemporaryPostgres, server_url_from_env

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def skip_or_fail(reason: str):
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: tests that need it must run, not skip)")
    pytest.skip(reason)


# --- databases -------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def steady_rate_limit_clock(monkeypatch):
    """Rate limits count in fixed one-minute windows, so a test making several requests could
    straddle two windows and pass or fail by the clock (it did, on a loaded CI machine). Here
    the limiter sees one moment in the middle of a window; tests of windows pass ``now``."""
    import time
    import types

    from healthcheck import ratelimit

    window = ratelimit.WINDOW_SECONDS
    moment = (time.time() // window) * window + window / 2
    monkeypatch.setattr(ratelimit, "time", types.SimpleNamespace(time=lambda: moment))


@pytest.fixture(scope="session")
def sqlite_factory(tmp_path_factory):
    return SqliteFactory(tmp_path_factory.mktemp("sqlite"))


@pytest.fixture(scope="session")
def postgres_server():
    url = server_url_from_env()
    if url:
        yield url
        return
    try:
        server = TemporaryPostgres().start()
    except (PostgresUnavailable, OSError) as exc:
        skip_or_fail(f"PostgreSQL is not available: {exc}")
    except Exception as exc:  # initdb or pg_ctl failed: show why
        skip_or_fail(f"PostgreSQL could not start: {getattr(exc, 'stderr', exc)}")
    yield server.url
    server.stop()


@pytest.fixture(scope="session")
def postgres_factory(postgres_server):
    factory = PostgresFactory(postgres_server)
    yield factory
    factory.admin.dispose()


def _make_app(url: str, **overrides):
    from healthcheck import create_app

    settings = {"SQLALCHEMY_DATABASE_URI": url, "WTF_CSRF_ENABLED": False}
    settings.update(overrides)
    return create_app(settings)


@pytest.fixture
def app_factory(sqlite_factory, request):
    """Build extra apps on a fresh migrated database: app_factory(backend="sqlite", **config)."""
    made = []

    def build(backend="sqlite", url=None, **overrides):
        if url is None:
            if backend == "postgresql":
                url = request.getfixturevalue("postgres_factory").new()
            else:
                url = sqlite_factory.new()
        app = _make_app(url, **overrides)
        made.append(app)
        return app

    yield build
    from healthcheck.extensions import db

    for app in made:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def app(app_factory):
    """The app on a fresh, migrated SQLite database, CSRF checks off (see csrf_app)."""
    app = app_factory()
    with app.app_context():
        yield app


@pytest.fixture
def pg_app(app_factory):
    """The app on a fresh, migrated PostgreSQL database."""
    app = app_factory("postgresql")
    with app.app_context():
        yield app


@pytest.fixture(params=["sqlite", "postgresql"])
def each_db_app(request, app_factory):
    """The same test on SQLite and on PostgreSQL."""
    app = app_factory(request.param)
    with app.app_context():
        yield app


@pytest.fixture
def csrf_app(app_factory):
    """The app with CSRF protection on, as in production."""
    app = app_factory(WTF_CSRF_ENABLED=True)
    with app.app_context():
        yield app


@pytest.fixture
def db(app):
    from healthcheck.extensions import db as _db

    return _db


@pytest.fixture
def client(app):
    return app.test_client()


# --- users -----------------------------------------------------------------------------------

TEST_PASSWORD = "correct-horse-battery-staple-42"


def make_user(role: str, email: str | None = None, name: str | None = None):
    from healthcheck.extensions import db
    from healthcheck.models import User
    from healthcheck.passwords import hash_password

    user = User(
        email=email or f"{role}-{os.urandom(3).hex()}@example.org",
        name=name or f"Test {role}",
        role=role,
        password_hash=hash_password(TEST_PASSWORD),
    )
    db.session.add(user)
    db.session.commit()
    return user


def sign_in_client(client, user):
    """Put the user's session in the test client's cookie, as Flask-Login would."""
    with client.session_transaction() as sess:
        sess["_user_id"] = user.get_id()
        sess["_fresh"] = True
        sess.permanent = True
    return client


@pytest.fixture
def user_factory(app):
    return make_user


@pytest.fixture
def facilitator(app):
    return make_user("facilitator", name="Fiona Facilitator")


@pytest.fixture
def other_facilitator(app):
    return make_user("facilitator", name="Oscar Otherfacilitator")


@pytest.fixture
def psw(app):
    return make_user("psw", name="Pat Principal")


@pytest.fixture
def admin_user(app):
    return make_user("admin", name="Ada Admin")


@pytest.fixture
def endorser(app):
    return make_user("endorser", name="Erin Endorser")


@pytest.fixture
def endorser_client(app, endorser):
    return sign_in_client(app.test_client(), endorser)


@pytest.fixture
def facilitator_client(app, facilitator):
    return sign_in_client(app.test_client(), facilitator)


@pytest.fixture
def psw_client(app, psw):
    return sign_in_client(app.test_client(), psw)


@pytest.fixture
def admin_client(app, admin_user):
    return sign_in_client(app.test_client(), admin_user)


# --- browser ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium():
    path = chromium_path()
    if path is None:
        skip_or_fail("Chromium is not installed (apt-get install chromium)")
    if not AXE_JS.exists():
        skip_or_fail("axe-core is not installed (npm ci)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory, sqlite_factory):
    """The app with the seeded demo, served on a local port for the browser tests."""
    from healthcheck.demo import seed_demo

    # The browser tests sign in as the demo's PSW many times a minute from one address: the
    # sign-in limits (tested in tests/security/test_ratelimit.py) would refuse them on a fast
    # machine, so here they are raised.
    app = _make_app(
        sqlite_factory.new(),
        WTF_CSRF_ENABLED=True,
        PROPAGATE_EXCEPTIONS=False,
        RATELIMITS={"sign-in": 1000, "sign-in-address": 1000},
    )

    from healthcheck.auth.access import public

    @public
    def server_error():
        raise RuntimeError("a deliberate failure, to show the 500 page")

    app.add_url_rule("/test-only/server-error", "test_server_error", server_error)
    with app.app_context():
        seed_demo()
    server = LiveServer(app).start()
    yield server
    server.stop()


@pytest.fixture
def page(chromium, demo_server):
    """A fresh browser tab (own cookies) on the demo server. axe is injected past the CSP."""
    context = chromium.new_context(base_url=demo_server.url, bypass_csp=True)
    context.set_default_timeout(15000)
    tab = context.new_page()
    yield tab
    context.close()
