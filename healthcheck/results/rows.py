"""Reading a cycle's stored answers as the plain rows that analysis/ works on.

Everything here reads the database and returns plain dicts and lists, never models, so that the
result can be handed to the pure analysis library (which never imports Flask or the database).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import func, select

from ..extensions import db
from ..models import Answer, Cycle, Response

RESPONSE_ID = "response_id"
ABOUT_COLUMNS = ("about_role", "about_team", "about_service")
FOCUS_GROUP_SOURCE = "focus_group"
SURVEY_SOURCE = "survey"


def response_count(cycle_id: int) -> int:
    return db.session.scalar(
        select(func.count()).select_from(Response).where(Response.cycle_id == cycle_id)
    )


def cycle_rows(cycle: Cycle, instrument=None) -> list[dict[str, str]]:
    """One export-format row per response: ``response_id`` then every column, "" unanswered.

    Two queries whatever the size (the response ids, then every answer joined to its response),
    streamed in batches, so 10,000 responses read in a second or two. Rows come in response id
    order (random ids: the order says nothing about when anyone answered). Answer keys that the
    instrument does not have (from another version) are left out.
    """
    instrument = instrument or cycle.instrument
    columns = instrument.columns()
    blank = dict.fromkeys(columns, "")
    ids = db.session.scalars(
        select(Response.id).where(Response.cycle_id == cycle.id).order_by(Response.id)
    ).all()
    rows: dict[str, dict[str, str]] = {}
    for response_id in ids:
        row = dict(blank)
        row[RESPONSE_ID] = response_id
        rows[response_id] = row
    query = (
        select(Answer.response_id, Answer.key, Answer.value)
        .join(Response, Response.id == Answer.response_id)
        .where(Response.cycle_id == cycle.id)
        .execution_options(yield_per=5000)
    )
    known = set(columns) - {RESPONSE_ID}
    for response_id, key, value in db.session.execute(query):
        row = rows.get(response_id)
        if row is not None and key in known:
            row[key] = value
    return list(rows.values())


def response_dates(cycle: Cycle) -> list[tuple[Any, str]]:
    """(submitted_on, about_role answer or "") for every response of the cycle."""
    query = (
        select(Response.submitted_on, Answer.value)
        .outerjoin(Answer, (Answer.response_id == Response.id) & (Answer.key == "about_role"))
        .where(Response.cycle_id == cycle.id)
    )
    return [(day, role or "") for day, role in db.session.execute(query)]


def response_teams(cycle: Cycle) -> list[str]:
    """The about_team answer (or "") of every response of the cycle, in no particular order."""
    query = (
        select(Answer.value)
        .select_from(Response)
        .outerjoin(Answer, (Answer.response_id == Response.id) & (Answer.key == "about_team"))
        .where(Response.cycle_id == cycle.id)
    )
    return [team or "" for team in db.session.scalars(query)]


def respondent_group(row: dict[str, str]) -> dict[str, str]:
    """The respondent's role, team and service codes; "not_stated" when not given."""
    group = {}
    for field, column in zip(("role", "team", "service"), ABOUT_COLUMNS):
        code = row.get(column) or "not_stated"
        group[field] = "not_stated" if code == "prefer_not_to_say" else code
    return group


def about_group_sizes(rows) -> dict[str, Counter]:
    """Respondents per job role, team and length of service ("not_stated" for the rest)."""
    sizes = {"role": Counter(), "team": Counter(), "service": Counter()}
    for row in rows:
        for field, code in respondent_group(row).items():
            sizes[field][code] += 1
    return sizes


def survey_text_rows(cycle: Cycle, instrument=None, rows=None) -> list[dict[str, Any]]:
    """Every free-text answer of the cycle, one dict each, not yet redacted.

    Each dict: ``text``, ``question`` (the question id), ``column`` (``Q2`` or ``Q1.comment``),
    ``area``, ``source`` ("survey"), ``response`` (the index of the respondent in ``rows``, for
    counting respondents, never shown), and the respondent's ``role``, ``team`` and ``service``
    ("not_stated" when not given or "Prefer not to say"), which decide whether a quote may be
    shown (MIN_QUOTE_GROUP_SIZE). ``rows`` may be passed when the caller already read them.
    Sorted by question column, text and group, so the order does not depend on response ids.
    """
    instrument = instrument or cycle.instrument
    rows = rows if rows is not None else cycle_rows(cycle, instrument)
    text_columns = [
        (answer.key, answer.question.id, answer.question.area)
        for answer in instrument.text_answers()
        if answer.question.area is not None
    ]
    out = []
    for index, row in enumerate(rows):
        group = None
        for column, qid, area in text_columns:
            text = (row.get(column) or "").strip()
            if not text:
                continue
            if group is None:
                group = respondent_group(row)
            out.append(
                {
                    "text": text,
                    "question": qid,
                    "column": column,
                    "area": area,
                    "source": SURVEY_SOURCE,
                    "response": index,
                    **group,
                }
            )
    # Rows arrive in (random) response id order, which differs between two databases holding
    # the same answers; the themes are clustered in this order, so put it in content order to
    # make the same answers give the same themes.
    out.sort(key=_content_order)
    return out


def _content_order(row: dict[str, Any]) -> tuple:
    return (row["column"], row["text"], row["role"], row["team"], row["service"], row["response"])


# --- focus groups ----------------------------------------------------------------------------


def focus_group_records(cycle: Cycle) -> list:
    """The cycle's focus-group records with their notes and figures, oldest first."""
    from sqlalchemy.orm import selectinload

    from ..models.focus_group import FocusGroup

    query = (
        select(FocusGroup)
        .where(FocusGroup.cycle_id == cycle.id)
        .options(selectinload(FocusGroup.notes), selectinload(FocusGroup.figures))
        .order_by(FocusGroup.id)
    )
    return list(db.session.scalars(query))


def focus_group_fingerprint(cycle: Cycle) -> list[list]:
    """(id, version) of each focus group: any save bumps the version."""
    from ..models.focus_group import FocusGroup

    query = (
        select(FocusGroup.id, FocusGroup.version)
        .where(FocusGroup.cycle_id == cycle.id)
        .order_by(FocusGroup.id)
    )
    return [[fg_id, version] for fg_id, version in db.session.execute(query)]


def _note_question(key: str) -> str | None:
    """The note's question or topic: "Q1", "topic.practice"; None for general notes."""
    if not key or key == "general":
        return None
    return key


def focus_group_inputs(cycle: Cycle, instrument=None) -> dict[str, Any]:
    """The cycle's focus groups as plain data for the analysis.

    Returns {"groups": [...], "notes": [...], "fingerprint": [...]}:

    - ``groups``: one dict per focus group that recorded its participants, in the shape
      analysis.focus_group_figures takes ({"id", "participants", "scores": {qid: [..]},
      "counts": {qid: {code: n}}});
    - ``notes``: one dict per non-empty note, the key quotes and the summary, with ``text``,
      ``question`` (a question id, "topic.<id>" or None), ``area``, ``source``
      ("focus_group"), ``group`` (the focus group's team), ``focus_group`` (its id) and
      ``participants``, ready for the themes;
    - ``fingerprint``: [id, version] per focus group, for the cache.
    """
    instrument = instrument or cycle.instrument
    mode = {q.id: q.focus_group for q in instrument.questions}
    area_of = {q.id: q.area for q in instrument.questions}
    groups, notes, fingerprint = [], [], []
    for record in focus_group_records(cycle):
        fingerprint.append([record.id, record.version])
        participants = int(record.participants or 0)
        team = (record.team or "").strip() or None
        scores: dict[str, list[int]] = {}
        counts: dict[str, dict[str, int]] = {}
        for figure in sorted(record.figures, key=lambda f: (f.question_id, f.item)):
            if mode.get(figure.question_id) == "scores":
                scores.setdefault(figure.question_id, []).append(int(figure.value))
            elif mode.get(figure.question_id) == "counts":
                counts.setdefault(figure.question_id, {})[figure.item] = int(figure.value)
        if participants > 0:
            groups.append(
                {
                    "id": f"fg-{record.id}",
                    "participants": participants,
                    "scores": scores,
                    "counts": counts,
                }
            )
        texts = [(_note_question(n.key), n.text) for n in sorted(record.notes, key=lambda n: n.key)]
        texts += [(None, line) for line in (record.key_quotes or "").splitlines()]
        texts.append((None, record.summary or ""))
        for key, text in texts:
            if not (text or "").strip():
                continue
            notes.append(
                {
                    "text": text,
                    "question": key,
                    "area": area_of.get(key),
                    "source": FOCUS_GROUP_SOURCE,
                    "group": team,
                    "focus_group": record.id,
                    "participants": participants,
                }
            )
    return {"groups": groups, "notes": notes, "fingerprint": fingerprint}
