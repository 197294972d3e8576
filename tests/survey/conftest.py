"""Survey fixtures: open cycles, a full set of answers, and a helper that answers every page."""

import pytest

from healthcheck.extensions import db
from surveys import load_bundled
from tests.support.documents import soup
from tests.support.factories import make_cycle

SLUG = "hc-test"

# One answer for every answer key of appendix5 v1, as a respondent would post them, in the order
# the survey asks them (About you first). A manager is asked every question (Q20 to Q22 too).
FULL_ANSWERS = {
    "about": {
        "about_role": "manager",
        "about_team": "locality_north",
        "about_service": "years_5_10",
    },
    "workload": {
        "Q1": "fairly",
        "Q1.comment": "Allocation meetings are fair but rushed.",
        "Q2": "I keep a list and my senior helps on Fridays.",
        "Q3": "yes",
        "Q3.comment": "My senior practitioner and the duty team.",
        "Q4": "Fewer duplicate forms, please.",
        "overall_workload": "good",
    },
    "workflow": {
        "Q5": "Clear referrals from the hospital.",
        "Q6": "Waiting for panel decisions.",
        "overall_workflow": "fair",
    },
    "tools": {
        "Q7.it": "adequate",
        "Q7.translators": "partly",
        "Q7.legal_advisors": "not_adequate",
        "Q7.research": "not_used",
        "Q7.office": "adequate",
        "Q7.transport": "partly",
        "Q7.commissioned_services": "adequate",
        "Q7.management_advice": "adequate",
        "Q7.comment": "Laptops are slow.",
        "Q8": "The case system is good; search could be better.",
        "Q9": "partly",
        "Q9.comment": "Mental capacity training would help.",
        "Q10": "yes",
        "Q10.comment": "Mostly, yes.",
        "overall_tools": "poor",
    },
    "workplace": {
        "Q11": "Good colleagues.",
        "Q12": "Peer support.",
        "Q13": "Monthly and useful.",
        "Q14.work": "a_lot",
        "Q14.development": "some",
        "Q14.you": "a_great_deal",
        "Q14.comment": "It keeps me going.",
        "Q15": "Protected time for it.",
        "overall_workplace": "very_good",
    },
    "delivery": {
        "Q16": "8",
        "Q17": "9",
        "Q18": ["time_management", "communication_skills"],
        "Q19": "Team meetings discuss complaints.",
        "Q20": "yes",
        "Q20.comment": "Read them last year.",
        "Q21": "no",
        "Q21.comment": "Not an OT.",
        "Q22": "partly",
        "Q22.comment": "Heard of it.",
        "overall_delivery": "good",
    },
}


def stored_value(value):
    return "|".join(value) if isinstance(value, list) else value


def flat_answers():
    return {k: stored_value(v) for section in FULL_ANSWERS.values() for k, v in section.items()}


@pytest.fixture
def instrument():
    return load_bundled("appendix5", 1)


@pytest.fixture
def cycle(app):
    return make_cycle()


@pytest.fixture
def codes_cycle(app):
    return make_cycle(slug="hc-codes", access_mode="codes")


# Posted to "Check your answers" to send even though some sections are unanswered.
CONFIRM_UNANSWERED = {"confirm_unanswered": "yes"}


def section_url(slug, section_id, **args):
    query = "&".join(f"{k}={v}" for k, v in args.items())
    return f"/survey/{slug}/questions/{section_id}" + (f"?{query}" if query else "")


def answer_every_page(client, slug=SLUG, answers=FULL_ANSWERS):
    """Post every section's answers in order; returns the last response."""
    response = None
    for section_id, values in answers.items():
        response = client.post(section_url(slug, section_id), data={**values, "action": "continue"})
        assert response.status_code == 303, soup(response).get_text(" ", strip=True)[:500]
    return response


def csrf_token_of(response):
    return soup(response).find("input", {"name": "csrf_token"})["value"]


def database_bytes(app) -> bytes:
    """Everything in the SQLite database file and its write-ahead log, as raw bytes."""
    from pathlib import Path

    db.session.remove()
    db.engine.dispose()
    path = Path(app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///"))
    return b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())
