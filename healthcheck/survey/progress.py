"""Where a respondent is in the survey: which sections they have answered, and where to go next.

Worked out from the saved answers alone (nothing else is stored about a respondent's visit), so
that a resume code opened in another browser lands on the first section with no answer yet, and
"Check your answers" can say which sections are still empty before anything is sent.
"""

from __future__ import annotations

from typing import Mapping

from surveys import Instrument, Section


def asked(instrument: Instrument, section: Section, answers: Mapping) -> tuple:
    """The section's questions that the survey asks this respondent (by the role they gave)."""
    role = instrument.role_of(answers)
    return tuple(q for q in section.questions if q.applies_to(role))


def is_answered(instrument: Instrument, section: Section, answers: Mapping) -> bool:
    """Whether any question of the section asked of this respondent has an answer."""
    return any(
        answers.get(key) not in (None, "", [])
        for question in asked(instrument, section, answers)
        for key in question.answer_keys()
    )


def unanswered_sections(instrument: Instrument, answers: Mapping) -> list[Section]:
    """The sections with no answer at all, in the order the survey asks them."""
    return [s for s in instrument.survey_sections if not is_answered(instrument, s, answers)]


def resume_section(instrument: Instrument, answers: Mapping) -> str | None:
    """The section a returning respondent lands on: the first with no answer yet (None: all
    have one, so "Check your answers")."""
    unanswered = unanswered_sections(instrument, answers)
    return unanswered[0].id if unanswered else None


def next_section(instrument: Instrument, section_id: str) -> str | None:
    """The section after this one in survey order (None after the last: check your answers)."""
    order = [s.id for s in instrument.survey_sections]
    position = order.index(section_id)
    return order[position + 1] if position + 1 < len(order) else None


def previous_section(instrument: Instrument, section_id: str) -> str | None:
    order = [s.id for s in instrument.survey_sections]
    position = order.index(section_id)
    return order[position - 1] if position > 0 else None
