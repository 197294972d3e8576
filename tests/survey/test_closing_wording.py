"""The survey says when saved answers can be come back to: a real cycle gives its closing date;
an open demo cycle, which takes answers all year, says it has no closing date instead of
"until the survey closes" with no date (review 2, finding 14)."""

from datetime import date

from tests.support.documents import soup
from tests.support.factories import make_cycle

from .conftest import FULL_ANSWERS, section_url


def _text(response):
    return soup(response).get_text(" ", strip=True)


def test_a_real_cycle_start_page_gives_its_closing_date(app, client):
    cycle = make_cycle(slug="hc-real")
    closes = app.jinja_env.filters["uk_date"](cycle.closes_on)

    text = _text(client.get("/survey/hc-real"))

    assert f"come back later, until the survey closes on {closes}." in text


def test_an_open_demo_cycle_out_of_its_dates_never_promises_a_closing_date(app, client):
    # The demo's dates are January to March; on any other day it still takes answers.
    make_cycle(slug="hc-demo", is_demo=True, opens_on=date(2020, 1, 6), closes_on=date(2020, 3, 27))

    start = client.get("/survey/hc-demo")
    assert start.status_code == 200
    text = _text(start)
    assert "until the survey closes" not in text
    assert "This demo survey has no closing date: it takes answers all year round." in text

    about = list(FULL_ANSWERS)[0]
    saved = _text(
        client.post(section_url("hc-demo", about), data={**FULL_ANSWERS[about], "action": "save"})
    )
    assert "Your answers have been saved" in saved
    assert "until the survey closes" not in saved
    assert "Your answers are kept while this demo survey is open. It has no closing date." in saved
