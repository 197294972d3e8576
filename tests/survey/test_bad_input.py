"""Bad input gets the GOV.UK error summary, keeps the answers and is never a 500."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from healthcheck.extensions import db
from healthcheck.models import Draft
from healthcheck.models.cycle import CycleRules
from surveys import parse_instrument
from surveys.loader import INSTRUMENTS_DIR
from tests.support.documents import soup

from .conftest import FULL_ANSWERS, SLUG, section_url


def error_summary(response):
    page = soup(response)
    summary = page.find(class_="govuk-error-summary")
    assert summary is not None, "no error summary"
    assert page.title.get_text().startswith("Error: ")
    return [(a.get_text(strip=True), a["href"]) for a in summary.select("a")]


@pytest.mark.parametrize(
    "section_id, change, message, href",
    [
        ("workload", {"Q1": "sort_of"}, "Select one of the options for question 1", "#Q1"),
        ("workload", {"Q1": ["fairly", "unfairly"]}, "Select one option for question 1", "#Q1"),
        (
            "workload",
            {"Q2": "x" * 2001},
            "Your answer to question 2 must be 2,000 characters or fewer",
            "#Q2",
        ),
        (
            "workload",
            {"Q1.comment": "y" * 2001},
            "Your comment to question 1 must be 2,000 characters or fewer",
            "#Q1-comment",
        ),
        ("delivery", {"Q16": "11"}, "Select a number from 1 to 10 for question 16", "#Q16"),
        ("delivery", {"Q17": "0"}, "Select a number from 1 to 10 for question 17", "#Q17"),
        (
            "delivery",
            {"Q18": ["no_changes", "time_management"]},
            "Select ‘I have not made any changes’ or the other options for question 18, not both",
            "#Q18",
        ),
        ("delivery", {"Q18": ["made_up"]}, "Select from the options for question 18", "#Q18"),
        ("tools", {"Q7.it": "brilliant"}, "Select one of the options for question 7", "#Q7-it"),
        (
            "workload",
            {"Q99": "extra"},
            "Part of the form was not recognised. Check your answers on this page and continue",
            "#Q1",
        ),
        (
            "workload",
            {"Q1.it": "tampered"},
            "Part of the form was not recognised. Check your answers on this page and continue",
            "#Q1",
        ),
    ],
)
def test_bad_input_shows_the_error_summary_and_keeps_the_answers(
    client, cycle, section_id, change, message, href
):
    data = {**FULL_ANSWERS[section_id], **change}
    response = client.post(section_url(SLUG, section_id), data=data)
    assert response.status_code == 200
    assert (message, href) in error_summary(response)
    page = soup(response)
    # The message is also beside the field, and the field the link points to exists.
    assert page.find(id=href[1:]) is not None
    if "not recognised" not in message:
        assert any(message in e.get_text() for e in page.find_all(class_="govuk-error-message"))
    # Every valid answer on the page is still there.
    for name, value in FULL_ANSWERS[section_id].items():
        if name in change:
            continue
        if isinstance(value, list):
            for v in value:
                assert page.find("input", {"name": name, "value": v}).has_attr("checked")
        elif page.find("textarea", {"name": name}) is not None:
            assert page.find("textarea", {"name": name}).get_text() == value
        else:
            assert page.find("input", {"name": name, "value": value}).has_attr("checked"), name
    # An over-long text is kept, so that it can be shortened.
    for name, value in change.items():
        if isinstance(value, str) and len(value) > 2000:
            assert page.find("textarea", {"name": name}).get_text() == value
    # Nothing was saved.
    assert db.session.scalar(select(Draft)) is None


def _required_instrument():
    text = (INSTRUMENTS_DIR / "appendix5-v1.yaml").read_text()
    text = text.replace(
        "text: How fairly is work allocated in your team?\n        type: single\n"
        "        area: workload\n        scored: true\n        required: false",
        "text: How fairly is work allocated in your team?\n        type: single\n"
        "        area: workload\n        scored: true\n        required: true",
    )
    instrument = parse_instrument(text, "appendix5-v1.yaml")
    assert instrument.question("Q1").required
    return instrument


def test_a_missing_required_answer_is_an_error_and_is_checked_again_at_submit(
    client, cycle, monkeypatch
):
    instrument = _required_instrument()
    monkeypatch.setattr(CycleRules, "instrument", property(lambda cycle: instrument))
    data = {k: v for k, v in FULL_ANSWERS["workload"].items() if k != "Q1"}
    response = client.post(section_url(SLUG, "workload"), data=data)
    assert response.status_code == 200
    assert ("Select an answer for question 1", "#Q1") in error_summary(response)
    assert soup(response).find("textarea", {"name": "Q2"}).get_text() == data["Q2"]

    # Skipping the page by going straight to check your answers does not get round it.
    client.post(section_url(SLUG, "about"), data=FULL_ANSWERS["about"])
    sent = client.post(f"/survey/{SLUG}/check-answers")
    assert sent.status_code == 200
    assert error_summary(sent)[0][0] == "Answer question 1"


field_names = st.sampled_from(
    ["Q1", "Q1.comment", "Q2", "Q3", "Q16", "Q18", "Q7.it", "action", "csrf_token", "zz", ""]
)
field_values = st.text(max_size=30) | st.sampled_from(["fairly", "yes", "5", "no_changes"])


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    section_id=st.sampled_from(list(FULL_ANSWERS)),
    data=st.lists(st.tuples(field_names, field_values), max_size=8),
)
def test_any_posted_form_is_answered_with_a_page_never_a_500(client, cycle, section_id, data):
    from werkzeug.datastructures import MultiDict

    response = client.post(section_url(SLUG, section_id), data=MultiDict(data))
    assert response.status_code in (200, 303)
