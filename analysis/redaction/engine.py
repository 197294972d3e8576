"""The redaction engine: every detector's matches, the strongest of overlapping ones kept,
and the text with each replaced by its placeholder (``find_identifiers`` and ``redact``)."""

from __future__ import annotations

import re

from .match import PLACEHOLDERS, PRIORITY, Match
from .names import name_matches
from .normalise import normalise_with_offsets
from .patterns import ADDRESS_NAMED, email_matches, handle_matches, number_matches, web_matches
from .staff import StaffNames, as_staff

_DIGIT = re.compile(r"\d")


def find_identifiers(text: str, staff_names=()) -> list[Match]:
    """Return the personal details in ``text``, in order, without overlaps.

    ``staff_names`` is the organisation's staff list: plain names (a list of strings) or a
    ``StaffNames`` of hashed words; each word of it is a name in any case. Kinds: ``name``,
    ``email``, ``web_address``, ``phone``, ``ni_number``, ``nhs_number``, ``postcode``,
    ``address``, ``date_of_birth``, ``case_number``.

    The text is read normalised (analysis/redaction/normalise.py: full-width letters, zero-width
    spaces), and each match is given as the span of ``text`` as written.
    """
    if not text:
        return []
    read, spans = normalise_with_offsets(text)
    matches = _resolve(_candidates(read, as_staff(staff_names)), read)
    if spans is None:
        return matches
    return [_as_written(match, spans, text) for match in matches]


def _candidates(text: str, staff: StaffNames | None) -> list[Match]:
    """Every detector's matches in (normalised) ``text``, overlapping ones included."""
    candidates: list[Match] = []
    candidates.extend(email_matches(text))
    candidates.extend(handle_matches(text))
    candidates.extend(web_matches(text))
    if _DIGIT.search(text):
        candidates.extend(number_matches(text))
    for m in ADDRESS_NAMED.finditer(text):
        candidates.append(Match("address", m.start("addr"), m.end("addr"), m.group("addr")))
    candidates.extend(name_matches(text, staff))
    return candidates


def _as_written(match: Match, spans: list[tuple[int, int]], text: str) -> Match:
    """A match in the normalised text as the span of the text as written that it came from."""
    start, end = spans[match.start][0], spans[match.end - 1][1]
    return Match(match.kind, start, end, text[start:end])


def _resolve(candidates: list[Match], text: str) -> list[Match]:
    """Keep the strongest of overlapping matches: higher priority, then longer, then earlier."""
    if not candidates:
        return []
    ranked = sorted(
        candidates, key=lambda m: (-PRIORITY[m.kind], -(m.end - m.start), m.start, m.end)
    )
    taken: list[Match] = []
    for match in ranked:
        if match.end <= match.start:
            continue
        if all(match.end <= t.start or match.start >= t.end for t in taken):
            taken.append(match)
    taken.sort(key=lambda m: (m.start, m.end))
    return _join_names(taken, text)


def _join_names(matches: list[Match], text: str) -> list[Match]:
    """Join name matches split only by a space ("Mark" "Turner") into one."""
    joined: list[Match] = []
    for match in matches:
        last = joined[-1] if joined else None
        if (
            last is not None
            and last.kind == match.kind == "name"
            and text[last.end : match.start] in (" ", "-")
        ):
            joined[-1] = Match("name", last.start, match.end, text[last.start : match.end])
        else:
            joined.append(match)
    return joined


def redact(text: str, staff_names=()) -> str:
    """Return ``text`` with every personal detail replaced by a placeholder such as ``[name]``."""
    if not text:
        return text or ""
    out, last = [], 0
    for match in find_identifiers(text, staff_names):
        out.append(text[last : match.start])
        out.append(PLACEHOLDERS[match.kind])
        last = max(last, match.end)
    out.append(text[last:])
    return "".join(out)
