"""Focus-group summaries and key quotes as evidence for the report: plain dicts in and out.

The survey's quote rule (a quote only from a group of 10 or more respondents) is not what
keeps focus-group words safe: they are written by a facilitator, not by a respondent. The rule
that does (``QUOTE_RULE``, docs/self-assessment.md), all of it checked here:

1. The focus group's record is complete and the facilitator confirmed consent.
2. The group had at least ``min_group`` (5, never lower) participants, so an attribution
   ("Focus group, 7 participants, March 2026") never names a group smaller than that. The
   group's team is never given.
3. A quote is used only when the facilitator marked it for the report, by writing it under
   "Key quotes" (one a line; "Q3: ..." ties it to question 3).
4. The redaction engine (analysis.redaction.find_identifiers, with the staff list) finds no
   personal detail in it. A quote with one is left out, not redacted, so nobody's words are
   changed. Per-question and per-topic notes are shown redacted, without the sentences that
   redaction left mostly placeholders ("[name] at [address]", analysis.evidence_text).
5. No note, summary or quote that may disclose harm (analysis.sensitive.is_sensitive): the
   Principal Social Worker reads those on the restricted page, never in the report.

The published totals ("22 took part in 3 focus groups", ``held``) count only groups that pass
rule 1: a draft record is not yet a focus group the report can speak for.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .evidence_text import without_placeholder_sentences
from .redaction import StaffNames, find_identifiers, redact
from .sensitive import is_sensitive
from .suppression import MIN_GROUP, check_min_group

QUOTE_RULE = (
    "Focus-group quotes are used only when the facilitator marked them for the report, the "
    "group's record is complete with consent confirmed, the group had {min_group} or more "
    "participants, and the redaction check found no personal detail in the quote."
)
_QUESTION_PREFIX = re.compile(r"^\s*(Q\d+[a-z]?)\s*[:\-–]\s*", re.IGNORECASE)
_QUOTE_MARKS = "\"'“”‘’ "


def attribution(participants: int, held_on) -> str:
    """ "Focus group, 7 participants, March 2026": no team, no day."""
    text = f"Focus group, {participants} participants"
    if held_on is not None:
        text += f", {held_on:%B %Y}"
    return text


def _merge_same(entries: list[dict], keep: tuple[str, ...] = ()) -> list[dict]:
    """Words that several groups gave alike are shown once, attributed to them all ("3 focus
    groups, 19 participants, January to February 2025"); ``keep`` names fields (a quote's
    question and area) that must match too and are kept."""
    merged: dict[tuple, list[dict]] = {}
    for entry in entries:
        merged.setdefault((entry["text"], *(entry.get(k) for k in keep)), []).append(entry)
    out = []
    for (text, *_), same in merged.items():
        kept = {k: same[0].get(k) for k in keep}
        if len(same) == 1:
            out.append({"text": text, "attribution": same[0]["attribution"], **kept})
            continue
        people = sum(e["_participants"] for e in same)
        days = sorted(e["_held_on"] for e in same if e["_held_on"] is not None)
        who = f"{len(same)} focus groups, {people} participants"
        if days:
            first, last = days[0], days[-1]
            if f"{first:%B %Y}" == f"{last:%B %Y}":
                who += f", {last:%B %Y}"
            elif first.year == last.year:
                who += f", {first:%B} to {last:%B %Y}"
            else:
                who += f", {first:%B %Y} to {last:%B %Y}"
        out.append({"text": text, "attribution": who, **kept})
    return out


def group_finished(group: Mapping[str, Any]) -> bool:
    """Rule 1: the record is complete and the facilitator confirmed consent."""
    return group.get("status") == "complete" and bool(group.get("consent"))


def group_allowed(group: Mapping[str, Any], min_group: int = MIN_GROUP) -> bool:
    """Rules 1 and 2: complete, consent confirmed, ``min_group`` or more participants."""
    return group_finished(group) and int(group.get("participants") or 0) >= min_group


def _board_text(text: str, names) -> str:
    """A note or summary as the report shows it: redacted, or nothing if it is sensitive."""
    if is_sensitive(text):
        return ""
    return without_placeholder_sentences(redact(text.strip(), staff_names=names))


def split_quotes(key_quotes: str) -> list[tuple[str | None, str]]:
    """The facilitator's marked quotes: (question id or None, text), one a line."""
    out = []
    for line in (key_quotes or "").splitlines():
        line = line.strip().lstrip("-•* ").strip()
        question = None
        match = _QUESTION_PREFIX.match(line)
        if match:
            question = match.group(1).upper()
            line = line[match.end() :]
        line = line.strip(_QUOTE_MARKS)
        if line:
            out.append((question, line))
    return out


def quote_allowed(text: str, staff_names: Iterable[str] = ()) -> bool:
    """Rules 4 and 5: the redaction engine finds no personal detail in the quote, and it is
    not sensitive."""
    return not find_identifiers(text, staff_names=_names(staff_names)) and not is_sensitive(text)


def _names(staff_names):
    """The staff list as redaction takes it: the app's hashed list as it is, names as a tuple."""
    return staff_names if isinstance(staff_names, StaffNames) else tuple(staff_names)


def focus_group_evidence(
    groups: Sequence[Mapping[str, Any]],
    question_areas: Mapping[str, str | None],
    topic_titles: Mapping[str, str],
    staff_names: Iterable[str] = (),
    min_group: int = MIN_GROUP,
) -> dict[str, Any]:
    """Summaries and quotes that may go in the report, grouped by question, topic and area.

    ``groups``: [{"participants", "held_on" (date or None), "status", "consent",
    "key_quotes", "summary", "notes": {"Q1": text, "topic.practice": text, ...}}].
    Returns {"rule", "held": {"groups", "participants"} (complete groups only),
    "groups_used", "groups_left_out", "quotes_left_out",
    "questions": {qid: [{"text", "attribution"}]}, "topics": [{"id", "title", "notes"}],
    "quotes": [{"text", "attribution", "question", "area"}], "summaries": [...]}.
    """
    check_min_group(min_group)
    names = _names(staff_names)
    questions: dict[str, list[dict]] = {}
    topics: dict[str, list[dict]] = {}
    quotes: list[dict] = []
    summaries: list[dict] = []
    used = left_out = quotes_left_out = 0
    finished = [g for g in groups if group_finished(g)]
    for group in groups:
        if not group_allowed(group, min_group):
            left_out += 1
            continue
        used += 1
        who = attribution(int(group["participants"]), group.get("held_on"))
        for key, text in sorted((group.get("notes") or {}).items()):
            shown = _board_text(text or "", names)
            if not shown:
                continue
            entry = {
                "text": shown,
                "attribution": who,
                "_participants": int(group["participants"]),
                "_held_on": group.get("held_on"),
            }
            if key.startswith("topic."):
                topics.setdefault(key[len("topic.") :], []).append(entry)
            elif key in question_areas:
                questions.setdefault(key, []).append(entry)
        summary = _board_text(group.get("summary") or "", names)
        if summary:
            summaries.append(
                {
                    "text": summary,
                    "attribution": who,
                    "_participants": int(group["participants"]),
                    "_held_on": group.get("held_on"),
                }
            )
        for question, text in split_quotes(group.get("key_quotes") or ""):
            if not quote_allowed(text, names):
                quotes_left_out += 1
                continue
            quotes.append(
                {
                    "text": text,
                    "attribution": who,
                    "question": question if question in question_areas else None,
                    "area": question_areas.get(question) if question else None,
                    "_participants": int(group["participants"]),
                    "_held_on": group.get("held_on"),
                }
            )
    return {
        "rule": QUOTE_RULE.format(min_group=min_group),
        "held": {
            "groups": len(finished),
            "participants": sum(int(g.get("participants") or 0) for g in finished),
        },
        "groups_used": used,
        "groups_left_out": left_out,
        "quotes_left_out": quotes_left_out,
        "questions": {qid: _merge_same(entries) for qid, entries in questions.items()},
        "topics": [
            {"id": tid, "title": title, "notes": _merge_same(topics[tid])}
            for tid, title in topic_titles.items()
            if tid in topics
        ],
        "quotes": _merge_same(quotes, keep=("question", "area")),
        "summaries": _merge_same(summaries),
    }
