"""Security headers on every response, signed in and not, and the session cookie's flags.

The sweep covers every GET route in the URL map (arguments filled with real ids and slugs),
so a page added later is covered without touching this file.
"""

import re

import pytest
from bs4 import BeautifulSoup

from healthcheck.config import config_class
from tests.conftest import TEST_PASSWORD, make_user, sign_in_client
from tests.security.routes import make_cycle, urls

CSP_REQUIRED = {
    "object-src": "'none'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
}


def parse_csp(header: str) -> dict[str, list[str]]:
    policy = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            policy[words[0]] = words[1:]
    return policy


def assert_secure_headers(response, url):
    headers = response.headers
    csp = parse_csp(headers.get("Content-Security-Policy", ""))
    for directive, value in CSP_REQUIRED.items():
        assert csp.get(directive) == [value], f"{url}: {directive} {csp.get(directive)}"
    for directive in ("script-src", "style-src"):
        sources = csp.get(directive, [])
        assert "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources, url
        nonces = [s for s in sources if s.startswith("'nonce-")]
        assert len(nonces) == 1 and len(nonces[0]) > 20, f"{url}: {directive} has no nonce"
    assert csp.get("default-src") == ["'self'"], url
    assert headers.get("X-Content-Type-Options") == "nosniff", url
    assert headers.get("Referrer-Policy") in ("no-referrer", "same-origin"), url
    assert headers.get("X-Frame-Options") == "DENY", url
    return csp


def assert_nonced_markup(response, csp, url):
    """Inline script and style only with this response's nonce; no style= or on...= at all."""
    if not response.mimetype == "text/html":
        return
    nonce = next(s for s in csp["script-src"] if s.startswith("'nonce-"))[len("'nonce-") : -1]
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    for tag in soup.find_all(["script", "style"]):
        if tag.name == "script" and tag.get("src"):
            continue
        assert tag.get("nonce") == nonce, f"{url}: inline <{tag.name}> without the nonce"
    for tag in soup.find_all(True):
        assert "style" not in tag.attrs, f"{url}: style= attribute on <{tag.name}>"
        handlers = [a for a in tag.attrs if a.lower().startswith("on")]
        assert not handlers, f"{url}: {handlers} on <{tag.name}>"


@pytest.fixture
def swept(app):
    """Objects for routes that take arguments: an open cycle, and some user ids."""
    cycle = make_cycle()
    other = make_user("facilitator")
    return {"slug": cycle.slug, "cycle_id": cycle.id, "user_id": other.id, "_int": cycle.id}


ROLES = [None, "facilitator", "psw", "admin"]


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r or "anonymous")
def test_every_get_route_has_the_security_headers(app, swept, role):
    client = app.test_client()
    if role:
        sign_in_client(client, make_user(role))
    checked = 0
    for endpoint, url in urls(app, "GET", swept):
        response = client.get(url)
        response.close()
        assert response.status_code < 500, f"{url} ({endpoint}) gave {response.status_code}"
        csp = assert_secure_headers(response, url)
        assert_nonced_markup(response, csp, url)
        private = role and endpoint != "static"  # our own CSS and JS may be cached
        if private or url.startswith(("/survey", "/sign-in")):
            assert response.headers.get("Cache-Control") == "no-store", f"{url} may be cached"
        checked += 1
    assert checked >= 5


def test_each_response_gets_its_own_nonce(client):
    first = parse_csp(client.get("/").headers["Content-Security-Policy"])["script-src"]
    second = parse_csp(client.get("/").headers["Content-Security-Policy"])["script-src"]
    assert first != second


def test_the_page_nonce_matches_the_header(client):
    response = client.get("/")
    csp = parse_csp(response.headers["Content-Security-Policy"])
    nonce = next(s for s in csp["script-src"] if s.startswith("'nonce-"))[len("'nonce-") : -1]
    assert re.search(rf'nonce="{re.escape(nonce)}"', response.get_data(as_text=True))


def test_error_pages_have_the_headers_too(client):
    response = client.get("/no-such-page-anywhere")
    assert response.status_code == 404
    assert_secure_headers(response, "/no-such-page-anywhere")
    response = client.post("/")
    assert response.status_code in (404, 405)
    assert_secure_headers(response, "POST /")


def test_static_files_have_the_headers(client):
    response = client.get("/static/css/app.css")
    response.close()
    assert response.status_code == 200
    assert_secure_headers(response, "/static/css/app.css")


def test_survey_pages_are_never_cached_even_anonymously(app, client):
    cycle = make_cycle(slug="hc-cache")
    response = client.get(f"/survey/{cycle.slug}")
    assert response.headers.get("Cache-Control") == "no-store"


def test_hsts_only_when_configured_and_on_in_production(app_factory, tmp_path, monkeypatch):
    plain = app_factory().test_client().get("/")
    assert "Strict-Transport-Security" not in plain.headers
    strict = app_factory(HSTS=True).test_client().get("/")
    hsts = strict.headers["Strict-Transport-Security"]
    assert "max-age=" in hsts and int(re.search(r"max-age=(\d+)", hsts)[1]) >= 31536000
    monkeypatch.setenv("SECRET_KEY", "x" * 64)
    production = config_class("production").load(str(tmp_path))
    assert production["HSTS"] is True
    assert production["SESSION_COOKIE_SECURE"] is True


def _session_cookie(response):
    for header in response.headers.getlist("Set-Cookie"):
        if header.startswith("healthcheck_session="):
            return header
    return None


@pytest.mark.parametrize("secure", [False, True], ids=["development", "production"])
def test_session_cookie_flags_after_sign_in(app_factory, secure):
    app = app_factory(SESSION_COOKIE_SECURE=secure)
    with app.app_context():
        user = make_user("psw")
        response = app.test_client().post(
            "/sign-in", data={"email": user.email, "password": TEST_PASSWORD}
        )
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    cookie = _session_cookie(response)
    assert cookie is not None
    flags = [part.strip().lower() for part in cookie.split(";")]
    assert "httponly" in flags
    assert "samesite=lax" in flags
    assert ("secure" in flags) is secure


def test_remember_cookie_would_be_as_strict(app):
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert app.config["REMEMBER_COOKIE_HTTPONLY"] is True
    assert app.config["REMEMBER_COOKIE_SAMESITE"] == "Lax"


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_the_500_page_after_a_database_error_is_ours_with_every_header(app_factory, backend):
    """A failed flush leaves the session unusable: the 500 page must roll back, never query
    the database (not even for who is signed in) and keep CSP, HSTS, X-Frame-Options and
    no-store, instead of crashing into Werkzeug's bare page."""
    from sqlalchemy import text

    from healthcheck.auth.access import public
    from healthcheck.extensions import db
    from healthcheck.models import User

    app = app_factory(backend, PROPAGATE_EXCEPTIONS=False, HSTS=True)

    @public
    def test_database_error():
        db.session.add(User(email="dup@example.org", name="a", role="psw", password_hash="x"))
        db.session.add(User(email="dup@example.org", name="b", role="psw", password_hash="x"))
        db.session.flush()  # IntegrityError: the session must be rolled back before any query

    app.add_url_rule("/test-database-error", "test_database_error", test_database_error)
    with app.app_context():
        user = make_user("psw")
        client = sign_in_client(app.test_client(), user)
        response = client.get("/test-database-error")
        assert response.status_code == 500
        body = response.get_data(as_text=True)
        assert "Sorry, there is a problem with the service" in body
        assert_secure_headers(response, "/test-database-error")
        assert "Strict-Transport-Security" in response.headers
        assert response.headers["Cache-Control"] == "no-store"
        assert "Sign out" not in body  # shown as to a signed-out visitor: no database needed
        assert db.session.execute(text("SELECT 1")).scalar() == 1  # the app still works
        assert client.get("/").status_code == 200
