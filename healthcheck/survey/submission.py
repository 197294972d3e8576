"""Submitting a response: stored durably, once, before the confirmation page is shown.

The response, its answers and the deletion of the draft happen in one transaction. The
response's `submission_key` is a hash of the draft id the browser carried, and is unique: a
double click, a refresh, the back button or 20 parallel POSTs with the same session store one
response, and every one of them is answered with the confirmation page.
"""

import hashlib
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from surveys import Instrument

from ..extensions import db
from ..models import Answer, Cycle, Draft, Response
from .drafts import answers_of, remember_sent
from .progress import asked

STORED, ALREADY_STORED, NOTHING_TO_SUBMIT = "stored", "already_stored", "nothing"


def submission_key(draft_id: str) -> str:
    return hashlib.sha256(f"submission:{draft_id}".encode()).hexdigest()


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


def already_submitted(draft_id: str) -> bool:
    key = submission_key(draft_id)
    return db.session.scalar(select(Response.id).where(Response.submission_key == key)) is not None


def submit(cycle: Cycle, instrument: Instrument, draft_id: str | None) -> str:
    """Store the draft as a response; STORED, ALREADY_STORED or NOTHING_TO_SUBMIT."""
    if not draft_id:
        return NOTHING_TO_SUBMIT
    if already_submitted(draft_id):
        return ALREADY_STORED
    draft = db.session.get(Draft, draft_id)
    if draft is None or draft.cycle_id != cycle.id:
        db.session.rollback()
        return ALREADY_STORED if already_submitted(draft_id) else NOTHING_TO_SUBMIT
    code_hash = draft.resume_code_hash
    response = Response(
        cycle_id=cycle.id,
        instrument_id=instrument.id,
        instrument_version=instrument.version,
        submitted_on=date.today(),
        submission_key=submission_key(draft_id),
    )
    response.answers = [
        Answer(key=k, value=v) for k, v in answer_rows(instrument, answers_of(draft))
    ]
    db.session.add(response)
    try:
        db.session.flush()
        db.session.execute(delete(Draft).where(Draft.id == draft_id))
        db.session.commit()
    except IntegrityError:
        # Another request with the same session stored it first.
        db.session.rollback()
        return ALREADY_STORED
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


def _answer_text(question, key: str, value) -> str:
    if value in (None, "", []):
        return ""
    if key.endswith(".comment") or question.type in ("text", "scale"):
        return str(value)
    labels = {o.code: o.label for o in question.options}
    if isinstance(value, list):
        return "\n".join(labels.get(v, v) for v in value)
    return labels.get(value, value)


def summary(instrument: Instrument, answers: dict, slug: str) -> list[dict]:
    """The "Check your answers" page: per section, one row per question with a change link."""
    from flask import url_for

    from .forms import html_id

    sections = []
    for section in instrument.survey_sections:
        rows = []
        for question in asked(instrument, section, answers):
            lines = []
            for key in question.answer_keys():
                text = _answer_text(question, key, answers.get(key))
                if not text:
                    continue
                if question.type == "grid" and not key.endswith(".comment"):
                    row = next(r for r in question.rows if key == f"{question.id}.{r.code}")
                    text = f"{row.label}: {text}"
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
