"""Submission is stored before the confirmation is shown, and only once."""

import threading
from datetime import date

import pytest
from sqlalchemy import func, select

from healthcheck.extensions import db
from healthcheck.models import Answer, Draft, Response
from tests.support.factories import make_cycle

from .conftest import (
    CONFIRM_UNANSWERED,
    FULL_ANSWERS,
    SLUG,
    answer_every_page,
    section_url,
)


def count(model):
    db.session.remove()
    return db.session.scalar(select(func.count()).select_from(model))


def test_a_double_click_or_a_refresh_stores_one_response(client, cycle):
    answer_every_page(client)
    first = client.post(f"/survey/{SLUG}/check-answers", data=CONFIRM_UNANSWERED)
    again = client.post(
        f"/survey/{SLUG}/check-answers", data=CONFIRM_UNANSWERED
    )  # refresh of the POST
    assert first.headers["Location"] == again.headers["Location"] == f"/survey/{SLUG}/confirmation"
    assert count(Response) == 1


def test_the_back_button_after_sending_leads_to_the_confirmation(client, cycle):
    answer_every_page(client)
    client.post(f"/survey/{SLUG}/check-answers", data=CONFIRM_UNANSWERED)
    for response in (
        client.get(section_url(SLUG, "about")),
        client.post(section_url(SLUG, "about"), data=FULL_ANSWERS["about"]),
        client.get(f"/survey/{SLUG}/check-answers"),
    ):
        assert response.status_code == 303
        assert response.headers["Location"] == f"/survey/{SLUG}/confirmation"
    assert count(Response) == 1


def test_a_stale_cookie_replayed_after_sending_stores_nothing_more(app, client, cycle):
    answer_every_page(client)
    stale = client.get_cookie("healthcheck_session").value
    client.post(f"/survey/{SLUG}/check-answers", data=CONFIRM_UNANSWERED)
    replay = app.test_client()
    replay.set_cookie("healthcheck_session", stale)
    response = replay.post(f"/survey/{SLUG}/check-answers", data=CONFIRM_UNANSWERED)
    assert response.headers["Location"] == f"/survey/{SLUG}/confirmation"
    assert count(Response) == 1


@pytest.fixture(params=["sqlite", "postgresql"])
def unlimited_app(request, app_factory):
    """each_db_app without rate limits, which would answer some of the 20 with a 429."""
    app = app_factory(request.param, RATELIMIT_ENABLED=False)
    with app.app_context():
        yield app


def test_twenty_identical_submissions_in_parallel_store_one_response(unlimited_app):
    make_cycle()
    browser = unlimited_app.test_client()
    answer_every_page(browser)
    cookie = browser.get_cookie("healthcheck_session").value
    db.session.remove()  # the test's own session must not hold a lock while the threads run
    clients = []
    for _ in range(20):
        c = unlimited_app.test_client()
        c.set_cookie("healthcheck_session", cookie)
        clients.append(c)
    barrier = threading.Barrier(len(clients))
    results, errors = [], []

    def send(c):
        try:
            barrier.wait(timeout=30)
            response = c.post(f"/survey/{SLUG}/check-answers", data=CONFIRM_UNANSWERED)
            results.append((response.status_code, response.headers.get("Location")))
        except Exception as exc:  # reported below, with the thread's error
            errors.append(exc)

    threads = [threading.Thread(target=send, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    assert results == [(303, f"/survey/{SLUG}/confirmation")] * 20
    assert count(Response) == 1
    assert count(Draft) == 0
    assert count(Answer) == sum(len(v) for v in FULL_ANSWERS.values())


def test_a_response_records_the_date_only_and_a_random_id(client, cycle):
    answer_every_page(client)
    client.post(f"/survey/{SLUG}/check-answers", data=CONFIRM_UNANSWERED)
    response = db.session.scalars(select(Response)).one()
    assert type(response.submitted_on) is date and response.submitted_on == date.today()
    assert len(response.id) == 32 and int(response.id, 16) > 0
    assert response.submission_key != response.id


def test_response_ids_are_random_not_sequential(app, cycle):
    ids = []
    for _ in range(6):
        c = app.test_client()
        c.post(section_url(SLUG, "about"), data=FULL_ANSWERS["about"])
        c.post(f"/survey/{SLUG}/check-answers", data=CONFIRM_UNANSWERED)
    db.session.remove()
    ids = list(db.session.scalars(select(Response.id)))
    assert len(set(ids)) == 6
    numbers = [int(i, 16) for i in ids]
    gaps = {b - a for a, b in zip(numbers, numbers[1:])}
    assert len(gaps) == 5 and all(abs(g) > 2**64 for g in gaps)
