"""Submitting a response: stored durably, once, before the confirmation is shown.

Sending claims the draft by deleting it, then stores the response and its answers, all in one
transaction. Only the request whose DELETE removed the draft goes on to store anything: a
double click, a refresh, the back button or 20 parallel POSTs with the same session find the
draft gone (on PostgreSQL the second DELETE waits for the first to commit, then removes
nothing) and are answered with the confirmation page, as the first one is.

Nothing in the response can be derived from the draft or the browser: its id and its
``submission_key`` are fresh random values (the key is no longer a hash of the draft id, which
someone who recovered a deleted draft id could have matched to the response). See
healthcheck/survey/write_order.py.
"""

import secrets
from datetime import date

from sqlalchemy import delete

from surveys import Instrument

from ..extensions import db
from ..models import Answer, Cycle, Draft, Response
from .drafts import answers_of, remember_sent
from .progress import asked

STORED, ALREADY_STORED, NOTHING_TO_SUBMIT = "stored", "already_stored", "nothing"


def answer_rows(instrument: Instrument, answers: dict) -> list[tuple[str, str]]:
    """(export column key, text value) for each answered key, in instrument order.

    Answers to questions the survey no longer asks this respondent (they answered, then gave
    a role the question is not for) are left out.
    """
    role = instrument.role_of(answers)
    keys = [k for q in instrument.questions if q.applies_to(role) for k in q.answer_keys()]
    rows = []
    for key in keys:
        value = answers.get(key)
        if isinstance(value, list):
            value = "|".join(value)
        if value not in (None, ""):
            rows.append((key, str(value)))
    return rows


def submit(cycle: Cycle, instrument: Instrument, draft_id: str | None) -> str:
    """Store the draft as a response; STORED, ALREADY_STORED or NOTHING_TO_SUBMIT.

    A session whose draft no longer exists has sent it (drafts are deleted only by sending and
    by closing the cycle, and a closed cycle takes no answers), so it is told ALREADY_STORED.
    """
    if not draft_id:
        return NOTHING_TO_SUBMIT
    draft = db.session.get(Draft, draft_id)
    if draft is None or draft.cycle_id != cycle.id:
        db.session.rollback()
        return ALREADY_STORED if draft is None else NOTHING_TO_SUBMIT
    code_hash = draft.resume_code_hash
    answers = answer_rows(instrument, answers_of(draft))
    claimed = db.session.execute(
        delete(Draft).where(Draft.id == draft_id).execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        # Another request with the same session sent it first.
        db.session.rollback()
        return ALREADY_STORED
    response = Response(
        cycle_id=cycle.id,
        instrument_id=instrument.id,
        instrument_version=instrument.version,
        submitted_on=date.today(),
        submission_key=secrets.token_hex(32),
    )
    response.answers = [Answer(key=k, value=v) for k, v in answers]
    db.session.add(response)
    db.session.commit()
    remember_sent(cycle, code_hash)
    return STORED


def missing_required(instrument: Instrument, answers: dict) -> list[tuple[str, str]]:
    """(section id, message) for each required answer not given: checked again at submit."""
    missing = []
    for question in instrument.questions:
        if not question.required:
            continue
        keys = [k for k in question.answer_keys() if not k.endswith(".comment")]
        if any(not answers.get(k) for k in keys):
            where = (
                f"question {question.number}" if question.number else f"‘{question.survey_text}’"
            )
            missing.append((question.section, f"Answer {where}"))
    return missing


def summary(instrument: Instrument, answers: dict, slug: str) -> list[dict]:
    """The "Check your answers" page: per section, one row per question with a change link."""
    from flask import url_for

    from .fields import html_id

    sections = []
    for section in instrument.survey_sections:
        rows = []
        for question in asked(instrument, section, answers):
            lines = []
            for answer in question.answers():
                text = answer.text(answers.get(answer.key))
                if text and answer.row is not None:
                    text = f"{answer.row.label}: {text}"
                if text:
                    lines.append(text)
            text = question.survey_text
            title = f"{question.number}. {text}" if question.number else text
            first_key = question.answer_keys()[0]
            rows.append(
                {
                    "key": title,
                    "lines": lines,
                    "href": url_for("survey.section", slug=slug, section_id=section.id, change=1)
                    + "#"
                    + html_id(first_key),
                    "hidden": f"your answer to {title}",
                }
            )
        sections.append({"id": section.id, "title": instrument.survey_title(section), "rows": rows})
    return sections
