"""Anonymity by design: a canary user agent, client address and referrer sent with a whole
journey appear nowhere in the database or the logs; survey request logs carry no address and
no time of day."""

import http.client
import logging
import socket

import pytest
import sqlalchemy as sa

from healthcheck.extensions import db
from healthcheck.models import Draft, Response
from healthcheck.survey.logging import SurveyAnonymityFilter
from tests.support.browser import LiveServer
from tests.support.factories import make_cycle

from .conftest import FULL_ANSWERS, SLUG, database_bytes, section_url

CANARY_AGENT = "CanaryBrowser/9.9 (canary-user-agent-7f3a)"
CANARY_ADDRESS = "198.51.100.77"
CANARY_REFERRER = "https://canary-referrer.example/7f3a"


def test_a_canary_agent_address_and_referrer_appear_nowhere(app, cycle, caplog):
    caplog.set_level(logging.DEBUG)
    client = app.test_client()
    headers = {"User-Agent": CANARY_AGENT, "Referer": CANARY_REFERRER}
    environ = {"REMOTE_ADDR": CANARY_ADDRESS}
    client.get(f"/survey/{SLUG}", headers=headers, environ_base=environ)
    for section_id, values in FULL_ANSWERS.items():
        response = client.post(
            section_url(SLUG, section_id), data=values, headers=headers, environ_base=environ
        )
        assert response.status_code == 303
    saved = client.post(
        section_url(SLUG, "about"),
        data={**FULL_ANSWERS["about"], "action": "save"},
        headers=headers,
        environ_base=environ,
    )
    assert saved.status_code == 200
    sent = client.post(f"/survey/{SLUG}/check-answers", headers=headers, environ_base=environ)
    assert sent.headers["Location"].endswith("/confirmation")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Response)) == 1

    raw = database_bytes(app)
    for canary in (CANARY_AGENT, "canary-user-agent-7f3a", CANARY_ADDRESS, "canary-referrer"):
        assert canary.encode() not in raw
        assert canary not in caplog.text


def test_responses_and_drafts_hold_nothing_about_the_respondent():
    assert {c.name for c in Response.__table__.columns} == {
        "id", "cycle_id", "instrument_id", "instrument_version", "submitted_on", "submission_key"
    }  # fmt: skip
    assert isinstance(Response.__table__.c.submitted_on.type, sa.Date)
    assert {c.name for c in Draft.__table__.columns} == {
        "id", "cycle_id", "answers", "resume_code_hash", "updated_on"
    }  # fmt: skip
    assert isinstance(Draft.__table__.c.updated_on.type, sa.Date)


def _request_from(address, port, method, path, body=None, headers=None):
    """An HTTP request sent from a chosen loopback address (127.0.0.0/8 all reach us)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10, source_address=(address, 0))
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        response.read()
        return response
    finally:
        conn.close()


def test_the_development_server_log_of_survey_requests_has_no_address_or_time(app_factory, caplog):
    app = app_factory()
    with app.app_context():
        make_cycle()
    address = "127.0.0.77"
    try:
        with socket.socket() as probe:
            probe.bind((address, 0))
    except OSError:
        pytest.skip("this machine cannot send from 127.0.0.77")
    caplog.set_level(logging.INFO, logger="werkzeug")
    server = LiveServer(app).start()
    try:
        port = server.server.server_port
        headers = {"User-Agent": CANARY_AGENT, "Content-Type": "application/x-www-form-urlencoded"}
        assert _request_from(address, port, "GET", f"/survey/{SLUG}", headers=headers).status == 200
        posted = _request_from(
            address, port, "POST", section_url(SLUG, "workload"), "Q1=fairly", headers
        )
        assert posted.status == 303
        for path in ASSETS + ["/accessibility"]:  # what the page loads, then another page
            assert _request_from(address, port, "GET", path, headers=headers).status == 200, path
    finally:
        server.stop()
    lines = [r.getMessage() for r in caplog.records if " HTTP/1.1" in r.getMessage()]
    assert len(lines) == 2 + len(ASSETS) + 1
    for line in lines:
        assert address not in line and CANARY_AGENT not in line
        assert line.startswith("- - - [")
        assert not any(ch == ":" for ch in line.split("]")[0])  # the date, no time of day
    with app.app_context():
        assert CANARY_AGENT.encode() not in database_bytes(app)
        assert address.encode() not in database_bytes(app)


ASSETS = [
    "/static/css/app.css",
    "/static/govuk/govuk-frontend.min.js",
    "/assets/images/favicon.svg",
]


def test_the_log_filter_anonymises_every_request_line_and_nothing_else():
    record = logging.LogRecord(
        "werkzeug", logging.INFO, __file__, 1,
        '10.1.2.3 - - [25/Nov/2026 14:02:11] "%s" %s %s', ('GET /survey/x HTTP/1.1', 200, "-"),
        None,
    )  # fmt: skip
    assert SurveyAnonymityFilter().filter(record)
    assert record.getMessage() == '- - - [25/Nov/2026] "GET /survey/x HTTP/1.1" 200 -'
    other = logging.LogRecord(
        "werkzeug", logging.INFO, __file__, 1,
        '10.1.2.3 - - [25/Nov/2026 14:02:11] "%s" %s %s', ('GET /privacy HTTP/1.1', 200, "-"),
        None,
    )  # fmt: skip
    assert SurveyAnonymityFilter().filter(other)
    assert other.getMessage() == '- - - [25/Nov/2026] "GET /privacy HTTP/1.1" 200 -'
    message = logging.LogRecord("werkzeug", logging.INFO, __file__, 1, "Press CTRL+C", (), None)
    assert SurveyAnonymityFilter().filter(message) and message.getMessage() == "Press CTRL+C"
