"""Comments that may disclose bullying, harassment, discrimination, unsafe practice, a
safeguarding concern or a risk of harm: the Principal Social Worker's restricted page.

Built on request from the cycle's free text (survey answers and focus-group notes) with
analysis.sensitive; never stored, never in a report or download. Each comment is shown
redacted, with only its area, question and source: no role, team, date or response id, and in
content order, so no comment can be traced to a respondent.
"""

from __future__ import annotations

from flask import current_app

from analysis.redaction import redact
from analysis.sensitive import flag_sensitive

from ..models import Cycle
from ..results.rows import focus_group_inputs, survey_text_rows
from ..staff_list import staff_names


def sensitive_comments(cycle: Cycle) -> list[dict]:
    """[{"text", "area", "question", "source", "categories": [label, ...]}, ...]."""
    instrument = cycle.instrument
    areas = {a.id: a.name for a in instrument.areas}
    # Each comment under the question as its writer saw it: the survey's own wording for a
    # survey answer, the framework's (the focus group's) for a facilitator's note.
    wording = {
        "Survey": {q.id: f"{q.id}: {q.survey_text or q.text}" for q in instrument.questions},
        "Focus group": {q.id: f"{q.id}: {q.text}" for q in instrument.questions},
    }
    topics = {f"topic.{t.id}": t.title for t in getattr(instrument, "discussion_topics", [])}
    staff = staff_names()
    texts = [
        (r["text"], r.get("area"), r.get("question"), "Survey") for r in survey_text_rows(cycle)
    ]
    texts += [
        (n["text"], n.get("area"), n.get("question"), "Focus group")
        for n in focus_group_inputs(cycle, instrument)["notes"]
    ]
    out, seen = [], set()
    for text, area, question, source in texts:
        flags = flag_sensitive(text)
        if not flags:
            continue
        shown = redact(text, staff)
        key = (shown, area, question, source)
        if key in seen:
            continue
        seen.add(key)
        out.append(
            {
                "text": shown,
                "area": areas.get(area, "Not linked to an area"),
                "question": wording[source].get(question)
                or topics.get(question)
                or "General notes",
                "source": source,
                "categories": [f.label for f in flags],
            }
        )
    out.sort(key=lambda c: (c["area"], c["question"], c["source"], c["text"]))
    return out


def routes_text() -> dict[str, str]:
    """The organisation's whistleblowing and safeguarding routes (settings)."""
    config = current_app.config
    return {
        "whistleblowing": config["SENSITIVE_WHISTLEBLOWING_ROUTE"],
        "safeguarding": config["SENSITIVE_SAFEGUARDING_ROUTE"],
    }
