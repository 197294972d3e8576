"""Questions for some roles only: About you is asked first, an occupational therapist is asked
Q21 (occupational therapy standards) and not Q20 or Q22 (social work), anyone who did not say
can answer "Does not apply to my role", and scoring leaves that answer out."""

import math

from sqlalchemy import select

from analysis.scoring import item_values, scored_items
from healthcheck.extensions import db
from healthcheck.models import Answer
from tests.support.documents import soup

from .conftest import CONFIRM_UNANSWERED, FULL_ANSWERS, SLUG, section_url

OT = {**FULL_ANSWERS["about"], "about_role": "occupational_therapist"}


def names_on(page):
    return {e["name"] for e in page.select("form input[name], form textarea[name]")}


def test_an_occupational_therapist_is_asked_q21_and_not_q20_or_q22(client, cycle):
    assert client.post(section_url(SLUG, "about"), data=OT).status_code == 303
    page = soup(client.get(section_url(SLUG, "delivery")))
    names = names_on(page)
    assert {"Q21", "Q21.comment", "Q16", "overall_delivery"} <= names
    assert not {"Q20", "Q20.comment", "Q22", "Q22.comment"} & names
    assert "Occupational Therapy" in page.get_text()
    # Posting an answer to a question not asked of them is refused like any unknown field.
    tampered = client.post(section_url(SLUG, "delivery"), data={"Q22": "yes"})
    assert tampered.status_code == 200
    assert "not recognised" in soup(tampered).find(class_="govuk-error-summary").text


def test_a_social_worker_is_asked_q20_and_q22_and_not_q21(client, cycle):
    client.post(section_url(SLUG, "about"), data={"about_role": "social_worker"})
    names = names_on(soup(client.get(section_url(SLUG, "delivery"))))
    assert {"Q20", "Q22"} <= names and "Q21" not in names


def test_someone_who_does_not_say_is_asked_all_three_with_does_not_apply(client, cycle):
    client.post(section_url(SLUG, "about"), data={"about_role": "prefer_not_to_say"})
    page = soup(client.get(section_url(SLUG, "delivery")))
    assert {"Q20", "Q21", "Q22"} <= names_on(page)
    for qid in ("Q20", "Q21", "Q22"):
        label = page.find(
            "label", {"for": page.find("input", {"name": qid, "value": "not_applicable"})["id"]}
        )
        assert label.get_text(strip=True) == "Does not apply to my role"


def test_answers_to_questions_no_longer_asked_are_not_stored(client, cycle):
    """Someone who answered Q22, then went back and said they are an OT: Q22 is not sent."""
    client.post(section_url(SLUG, "about"), data={"about_role": "prefer_not_to_say"})
    client.post(section_url(SLUG, "delivery"), data={"Q21": "yes", "Q22": "partly"})
    client.post(section_url(SLUG, "about"), data=OT)
    client.post(f"/survey/{SLUG}/check-answers", data=CONFIRM_UNANSWERED)
    stored = {a.key: a.value for a in db.session.scalars(select(Answer))}
    assert stored["Q21"] == "yes" and "Q22" not in stored


def test_does_not_apply_is_sent_and_left_out_of_the_score(client, cycle, instrument):
    client.post(section_url(SLUG, "delivery"), data={"Q20": "not_applicable", "Q21": "yes"})
    client.post(f"/survey/{SLUG}/check-answers", data=CONFIRM_UNANSWERED)
    stored = {a.key: a.value for a in db.session.scalars(select(Answer))}
    assert stored == {"Q20": "not_applicable", "Q21": "yes"}

    rows = [{"response_id": "r1", **stored}, {"response_id": "r2", "Q20": "no", "Q21": "no"}]
    items = {item.id: item for item in scored_items(instrument)}
    q20 = item_values(items["Q20"], rows)
    assert math.isnan(q20[0]) and q20[1] == 0  # "Does not apply": not answered, not a score
    assert list(item_values(items["Q21"], rows)) == [100, 0]
