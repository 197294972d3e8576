"""A focus-group record on one page: its notes and figures under each question and topic.

Readers other than its facilitators get every text through ``show`` (redacted); the view
renders what this builds.
"""

from __future__ import annotations

from collections.abc import Callable

from ..models import FocusGroup
from .pages import role_options


def overview(focus_group: FocusGroup, show: Callable[[str], str]) -> dict:
    """The record's sections, topics, general notes, key quotes, summary and role labels."""
    instrument = focus_group.instrument
    notes = focus_group.note_texts()
    sections = []
    for section in instrument.sections:
        items = []
        for q in section.questions:
            if q.focus_group is None:
                continue
            items.append(
                {
                    "heading": f"Question {q.number}" if q.number else "Overall rating",
                    "text": q.text,
                    "notes": show(notes.get(q.id, "")),
                    "figures": figure_summary(focus_group, q),
                }
            )
        if items:
            title = instrument.survey_title(section)  # the survey's name for the area
            sections.append({"title": title, "id": section.id, "items": items})
    topics = [
        {"heading": t.title, "notes": show(notes.get(f"topic.{t.id}", ""))}
        for t in instrument.discussion_topics
    ]
    return {
        "sections": sections,
        "topics": topics,
        "general": show(notes.get("general", "")),
        "key_quotes": show(focus_group.key_quotes),
        "summary": show(focus_group.summary),
        "roles": dict(role_options(instrument)),
    }


def figure_summary(focus_group: FocusGroup, question) -> str:
    """A question's scores ("Scores: 7, 8") or counts ("Yes: 3; No: 2") as one line."""
    values = focus_group.figure_values()
    if question.focus_group == "scores":
        scores = [v for (qid, _), v in sorted(values.items()) if qid == question.id]
        return ("Scores: " + ", ".join(str(s) for s in scores)) if scores else ""
    if question.focus_group == "counts":
        parts = [
            f"{o.label}: {values[(question.id, o.code)]}"
            for o in question.options
            if (question.id, o.code) in values
        ]
        return "; ".join(parts)
    return ""
