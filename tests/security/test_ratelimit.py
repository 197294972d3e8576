"""The shared, database-backed rate limiter: counts, refusals that store nothing, anonymity."""

import threading

import pytest
from sqlalchemy import func, select

from healthcheck.auth.access import public
from healthcheck.extensions import db
from healthcheck.models import AuditEvent, RateLimitBucket
from healthcheck.ratelimit import (
    WINDOW_SECONDS,
    RateLimitMisuse,
    check_limit,
    global_key,
    hit,
    rate_limited,
)


def add_counting_route(app, name="test-limit", per_minute=3, key=None):
    """A route that writes one audit row per accepted POST, so refusals can be seen to save."""

    @public
    @rate_limited(name, key=key or global_key, per_minute=per_minute)
    def counted():
        from healthcheck.audit import record_event

        record_event("created", "limit", None, None)
        db.session.commit()
        return "ok"

    app.add_url_rule(f"/test-only/{name}", name, counted, methods=["GET", "POST"])


def rows(model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_the_request_over_the_limit_is_refused_and_stores_nothing(app, client):
    add_counting_route(app, per_minute=3)
    statuses = [client.post("/test-only/test-limit").status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
    buckets_before = [
        (b.key, b.window_start, b.count) for b in db.session.scalars(select(RateLimitBucket))
    ]

    refused = client.post("/test-only/test-limit")

    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) >= 1
    assert "Too many attempts" in refused.get_data(as_text=True)
    assert rows(AuditEvent) == 3
    db.session.expire_all()
    buckets_after = [
        (b.key, b.window_start, b.count) for b in db.session.scalars(select(RateLimitBucket))
    ]
    assert buckets_after == buckets_before, "a refused request must not even bump the count"


def test_only_the_limited_methods_count(app, client):
    add_counting_route(app, per_minute=1)
    assert client.post("/test-only/test-limit").status_code == 200
    for _ in range(5):
        assert client.get("/test-only/test-limit").status_code == 200
    assert client.post("/test-only/test-limit").status_code == 429


def test_keys_are_counted_apart_and_stored_only_as_hmac(app):
    with app.test_request_context():
        assert hit("sign-in", "198.51.100.7", 1, now=1000)[0]
        assert not hit("sign-in", "198.51.100.7", 1, now=1001)[0]
        assert hit("sign-in", "203.0.113.9", 1, now=1002)[0]
        assert hit("upload", "198.51.100.7", 1, now=1003)[0]
    stored = [b.key for b in db.session.scalars(select(RateLimitBucket))]
    assert len(stored) == 3
    for key in stored:
        assert "198.51.100.7" not in key and "203.0.113.9" not in key
        name, _, digest = key.partition(":")
        assert name in ("sign-in", "upload") and len(digest) == 40


def test_a_new_window_allows_again_and_old_windows_are_deleted(app):
    with app.test_request_context():
        assert hit("sign-in", "k", 1, now=0)[0]
        assert not hit("sign-in", "k", 1, now=59)[0]
        assert hit("sign-in", "k", 1, now=60)[0]
        assert hit("sign-in", "k", 1, now=3 * WINDOW_SECONDS)[0]
    starts = sorted(db.session.scalars(select(RateLimitBucket.window_start)))
    assert starts == [3 * WINDOW_SECONDS], "only the live window is kept"


def test_limits_come_from_config_and_can_be_turned_off(app_factory):
    app = app_factory(RATELIMITS={"sign-in": 2})
    with app.app_context(), app.test_request_context():
        assert check_limit("sign-in", "k") is None
        assert check_limit("sign-in", "k") is None
        assert check_limit("sign-in", "k").status_code == 429
    off = app_factory(RATELIMIT_ENABLED=False)
    with off.app_context(), off.test_request_context():
        for _ in range(10):
            assert check_limit("sign-in", "k", per_minute=1) is None


def test_environment_overrides_a_limit(monkeypatch, tmp_path):
    from healthcheck.config import ConfigError, config_class

    monkeypatch.setenv("HEALTHCHECK_RATELIMIT_SIGN_IN", "7")
    assert config_class("testing").load(str(tmp_path))["RATELIMITS"]["sign-in"] == 7
    monkeypatch.setenv("HEALTHCHECK_RATELIMIT_SIGN_IN", "0")
    with pytest.raises(ConfigError):
        config_class("testing").load(str(tmp_path))


def test_checking_after_changing_data_is_a_programming_error(app):
    from healthcheck.models import AuditEvent

    with app.test_request_context():
        db.session.add(AuditEvent(action="x", object_type="y"))
        with pytest.raises(RateLimitMisuse):
            hit("sign-in", "k", 5)
        db.session.rollback()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_concurrent_hits_never_exceed_the_limit(app_factory, backend):
    """Many threads (each its own connection, as separate workers would be) share one count."""
    app = app_factory(backend)
    allowed = []
    errors = []

    def worker():
        try:
            with app.app_context(), app.test_request_context():
                for _ in range(5):
                    allowed.append(hit("upload", "shared", 17, now=5000)[0])
                db.session.remove()
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert allowed.count(True) == 17 and allowed.count(False) == 40 - 17


# --- the real routes -------------------------------------------------------------------------


def _table_snapshot():
    from healthcheck.models import User

    users = [
        (u.id, u.failed_sign_ins, u.last_sign_in_at, u.locked_until, u.session_token)
        for u in db.session.scalars(select(User).order_by(User.id))
    ]
    return (
        users,
        rows(AuditEvent),
        [(b.key, b.window_start, b.count) for b in db.session.scalars(select(RateLimitBucket))],
    )


def test_the_sixth_sign_in_in_a_minute_is_refused_and_stores_nothing(app):
    from tests.conftest import TEST_PASSWORD, make_user

    user = make_user("psw")
    form = {"email": user.email, "password": TEST_PASSWORD}
    for attempt in range(5):
        response = app.test_client().post("/sign-in", data=form)
        assert response.status_code == 302, f"sign-in {attempt + 1} should work"
    db.session.expire_all()
    before = _table_snapshot()

    sixth = app.test_client().post("/sign-in", data=form)

    assert sixth.status_code == 429
    assert "Too many attempts" in sixth.get_data(as_text=True)
    assert not any(
        h.startswith("healthcheck_session=") and "Max-Age=0" not in h
        for h in sixth.headers.getlist("Set-Cookie")
    ), "no session is made"
    db.session.expire_all()
    assert _table_snapshot() == before


def test_survey_routes_key_on_the_session_not_the_address_nor_the_draft(app):
    """Two respondents behind one address (an office proxy) do not share a submission limit,
    and the key is not the draft id (which with SECRET_KEY would date each response)."""
    from flask import session

    from healthcheck.ratelimit import session_key

    keys = []
    for draft in ("draft-a", "draft-b"):
        with app.test_request_context(environ_base={"REMOTE_ADDR": "192.0.2.1"}):
            session["survey_drafts"] = {"1": draft}
            keys.append(session_key("survey_drafts")())
            assert session_key("survey_drafts")() == keys[-1]  # steady within the session
            session.clear()
            fallback = session_key("survey_drafts")()
    key_a, key_b = keys
    assert key_a != key_b and "192.0.2.1" not in key_a + key_b
    assert "draft-a" not in key_a and "draft-b" not in key_b
    assert fallback == "a:192.0.2.1"  # stored only as an HMAC, for two minutes


def test_resume_code_guessing_is_limited(app_factory):
    from tests.security.routes import make_cycle

    app = app_factory(RATELIMITS={"resume-code": 3})
    with app.app_context():
        cycle = make_cycle()
        client = app.test_client()
        codes = [
            client.post(f"/survey/{cycle.slug}/resume", data={"code": f"WRONG{n}"}).status_code
            for n in range(4)
        ]
    assert codes[:3] == [200, 200, 200] and codes[3] == 429


# --- codes: wrong guesses are limited, a right code always works (issue 18, defect 8) -------


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_wrong_codes_from_an_office_never_block_a_colleagues_valid_code(app_factory, backend):
    from healthcheck.survey import access_codes
    from tests.security.routes import make_cycle

    app = app_factory(backend)
    office = {"REMOTE_ADDR": "192.0.2.10"}
    with app.app_context():
        cycle = make_cycle(slug="hc-office", access_mode="codes")
        _, codes = access_codes.generate(cycle, 3)
        url = f"/survey/{cycle.slug}/access-code"
        guesser = app.test_client()
        statuses = [
            guesser.post(url, data={"code": f"WRONG-{n}"}, environ_base=office).status_code
            for n in range(11)
        ]
        assert statuses == [200] * 10 + [429]  # the 11th wrong guess in a minute is refused
        # A colleague behind the same address, in the same minute, with a real code:
        colleague = app.test_client().post(url, data={"code": codes[0]}, environ_base=office)
        assert colleague.status_code == 303 and "/questions/" in colleague.location
        # The guesser's own right code would work too: a right code is never refused.
        assert guesser.post(url, data={"code": codes[1]}, environ_base=office).status_code == 303


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_guessing_from_many_addresses_meets_one_global_budget(app_factory, backend):
    from healthcheck.survey import access_codes
    from tests.security.routes import make_cycle

    app = app_factory(backend, RATELIMITS={"access-code-global": 5, "resume-code-global": 5})
    with app.app_context():
        cycle = make_cycle(slug="hc-botnet", access_mode="codes")
        _, codes = access_codes.generate(cycle, 1)
        url = f"/survey/{cycle.slug}/access-code"
        statuses = [
            app.test_client()
            .post(url, data={"code": "WRONG"}, environ_base={"REMOTE_ADDR": f"198.51.100.{n}"})
            .status_code
            for n in range(6)
        ]
        assert statuses == [200] * 5 + [429]
        valid = app.test_client().post(
            url, data={"code": codes[0]}, environ_base={"REMOTE_ADDR": "198.51.100.99"}
        )
        assert valid.status_code == 303
        resume_url = f"/survey/{cycle.slug}/resume"
        statuses = [
            app.test_client()
            .post(
                resume_url, data={"code": "WRONG"}, environ_base={"REMOTE_ADDR": f"203.0.113.{n}"}
            )
            .status_code
            for n in range(6)
        ]
        assert statuses == [200] * 5 + [429]


def test_a_right_resume_code_works_after_wrong_ones_from_the_same_address(app):
    from healthcheck.survey import drafts
    from tests.security.routes import make_cycle

    cycle = make_cycle(slug="hc-resume-office")
    draft = drafts.Draft(cycle_id=cycle.id, answers="{}")
    db.session.add(draft)
    db.session.commit()
    code = drafts.issue_resume_code(draft)
    url = f"/survey/{cycle.slug}/resume"
    office = {"REMOTE_ADDR": "192.0.2.20"}
    for n in range(11):
        app.test_client().post(url, data={"code": f"WRONG{n}"}, environ_base=office)
    response = app.test_client().post(url, data={"code": code}, environ_base=office)
    # Restored: it lands on the first section with no answer yet (this draft has none).
    assert response.status_code == 303
    assert response.location.endswith(f"/survey/{cycle.slug}/questions/about")
