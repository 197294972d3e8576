"""Find and redact personal details in free text before it is stored for display.

The anonymity rules say free text is shown only after names, email addresses, phone numbers,
NI numbers, postcodes and case or record numbers are redacted. ``find_identifiers`` returns
where they are (the focus-group form uses it to highlight them); ``redact`` replaces them with
placeholders such as ``[name]``.

Detection is rules and word lists, not a model: it has to run offline, give the same answer
every time, and err on the side of redacting. Names are found from a supplied staff list, after
titles ("Mrs Patel"), after cues ("my manager Sarah") and from a shipped list of common UK first
names and surnames; capitalised ordinary words ("Supervision", "Team") are left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["Match", "PLACEHOLDERS", "find_identifiers", "redact"]

PLACEHOLDERS = {
    "name": "[name]",
    "email": "[email]",
    "phone": "[phone]",
    "ni_number": "[NI number]",
    "postcode": "[postcode]",
    "case_number": "[case number]",
}

# Higher wins when two matches overlap (an email holds a name, a case number can look like a
# phone number once its prefix is seen).
# Within a tier the longer match wins ("07700 900123" is a phone number, not the six-digit
# record number inside it).
_PRIORITY = {
    "email": 3,
    "ni_number": 2,
    "postcode": 2,
    "case_number": 2,
    "phone": 2,
    "name": 1,
}


@dataclass(frozen=True)
class Match:
    """One personal detail found in a text: its kind and where it is (``text[start:end]``)."""

    kind: str
    start: int
    end: int
    text: str


_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")

# UK phone numbers: 0 or +44 / 0044 (optionally "(0)"), then 9 or 10 digits in groups split by
# spaces, hyphens, dots or brackets. The digit count is checked after matching.
_PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)\s?44\s?(?:\(0\)\s?)?|\(?0)" r"\d[\d\s().-]{7,15}\d(?![\w])"
)

# National Insurance number: two prefix letters (D, F, I, Q, U, V never first; D, F, I, O, Q,
# U, V never second; "QQ" is HMRC's example and is typed in forms), six digits, optional
# suffix letter A-D. The letter rules keep "ID 445566" a record number.
_NI = re.compile(
    r"(?<![\w])(?:[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]|QQ)\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]?(?![\w])",
    re.IGNORECASE,
)

# UK postcodes (outward code, space optional, inward code).
_POSTCODE = re.compile(
    r"(?<![\w])(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?|GIR)\s?\d[ABD-HJLNP-UW-Z]{2}(?![\w])",
    re.IGNORECASE,
)

# Case or record numbers: a number after a cue word ("case no. 12345", "Mosaic ID: AB-1234"),
# a long run of digits, an NHS-number shape, or letters-then-digits reference codes.
_CASE_CUE = re.compile(
    r"(?:\b(?:case|record|client|referral|file|mosaic|liquidlogic|lcs|eclipse|nhs|person|"
    r"service\s+user|su|patient|ref(?:erence)?|id)\b\.?)"
    r"(?:\s*(?:number|num|no|ref(?:erence)?|id)\b\.?)?\s*(?:is|was|:|#|-)?\s*"
    r"(?P<id>[A-Z]{0,4}[-/]?\d(?:[\d/-]*\d)?(?:[-/]?[A-Z]{1,3})?)(?![\w])",
    re.IGNORECASE,
)
_LONG_DIGITS = re.compile(r"(?<![\w£$€.,:])\d{6,}(?![\w%]|[.,]\d)")
_NHS_SHAPE = re.compile(r"(?<![\w])\d{3}[\s-]\d{3}[\s-]\d{4}(?![\w])")
_REF_CODE = re.compile(r"(?<![\w])[A-Z]{1,4}[-/]?\d{4,}(?:[-/]\d+)*(?![\w])")

_NAME_WORD = r"[A-Z][a-z]+(?:['’-][A-Z]?[a-z]+)?"
_TITLE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame|Nurse|Cllr)\.?\s+"
    r"(?:[A-Z]\.?\s+)?" + _NAME_WORD + r"(?:\s+" + _NAME_WORD + r")?"
)
# Titles typed in lower case ("spoke to mrs jones"); "miss" and "prof" are left out (verbs
# and words), as are ordinary words after the title ("ms teams").
_TITLE_LOWER = re.compile(r"\b(?:mr|mrs|ms|mx|dr)\.?\s+(?P<name>[A-Za-z][a-z'’-]+)", re.I)
_CUE = re.compile(
    r"\b(?:[Mm]y|[Oo]ur|[Tt]he|[Hh]er|[Hh]is|[Tt]heir|[Aa])\s+(?:(?:line|team|new|old|acting|"
    r"interim|service|practice|senior|deputy|assistant)\s+)?"
    r"(?:manager|supervisor|colleague|lead|leader|director|head|TM|PSW|worker|"
    r"social\s+worker|practitioner|OT|mentor|assessor|boss)\s*,?\s+"
    r"(?:(?:is|was|called|named)\s+)?(?P<name>" + _NAME_WORD + r"(?:\s+" + _NAME_WORD + r")?)"
)
_VERB_CUE = re.compile(
    r"\b(?:called|named|[Ss]poke\s+to|[Tt]alked\s+to|[Aa]sked|[Tt]old|[Tt]hanks\s+to|"
    r"[Tt]hank\s+you|[Ss]upported\s+by|[Ss]upervised\s+by|[Mm]anaged\s+by|[Dd]ear)\s*,?\s+"
    r"(?P<name>" + _NAME_WORD + r"(?:\s+" + _NAME_WORD + r")?)"
)
_CAP_WORD = re.compile(r"(?<![\w'’-])" + _NAME_WORD + r"(?![\w'’])")

# Capitalised words that follow a cue but are not names ("my manager Team Leader", "Dear Sir").
_NOT_NAMES = frozenset("""
    I A An The This That These Those It Its We Our You Your They Their He She His Her Him My Me
    Team Teams Manager Managers Management Supervision Supervisor Service Services Social Worker
    Workers Work Care Council Adult Adults Children Health Practice Principal Lead Leader Senior
    Director Head Office Staff Group Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    January February March April June July August September October November December Sir Madam
    Not No Yes And But Or So If When While Because Also Always Never Sometimes Very Really Just
    Everyone Everybody Someone Nobody All Some Many Most Thank Thanks Hello Hi Dear Please Is Was
    Has Had Have Does Did Do Can Could Would Should Will Shall Might Must Who What Why How Where
    Mosaic Teams Zoom Outlook Excel Word Microsoft Google NHS England Wales Scotland Britain UK
    Occupational Therapist Therapists Assistant Approved Mental Professional Community Hospital
    Duty Intake Safeguarding Review Reviews Assessment Court Legal Panel Brokerage Commissioning
    Covid Christmas Easter Well Great Good Bad Fine Ok Okay Nothing None Thing Things
    """.split())


def _read_names(filename: str) -> frozenset[str]:
    text = resources.files("analysis").joinpath("data", filename).read_text(encoding="utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


@lru_cache(maxsize=1)
def _name_lists() -> tuple[frozenset[str], frozenset[str]]:
    names = _read_names("first_names.txt") | _read_names("surnames.txt")
    ambiguous = _read_names("ambiguous_names.txt")
    return names, ambiguous


@lru_cache(maxsize=1)
def _first_and_surnames() -> tuple[frozenset[str], frozenset[str]]:
    return _read_names("first_names.txt"), _read_names("surnames.txt")


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


_INTERNATIONAL = re.compile(r"^(?:\+|00)\s?44\s?(?:\(0\)\s?)?")


def _phone_ok(text: str) -> bool:
    """UK numbers have 10 or 11 digits from the leading 0, or 9 or 10 after +44."""
    national = _INTERNATIONAL.sub("", text)
    if national != text:
        return _digits(national) in (9, 10)
    return _digits(text) in (10, 11)


@lru_cache(maxsize=64)
def _staff_pattern(staff_names: tuple[str, ...]) -> tuple[re.Pattern | None, re.Pattern | None]:
    """Full staff names (any case) and their single parts (capitalised, or any case if rare)."""
    _, ambiguous = _name_lists()
    full, parts = set(), set()
    for name in staff_names:
        words = re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", name or "")
        if not words:
            continue
        full.add(r"\s+".join(re.escape(w) for w in words))
        for word in words:
            if len(word) >= 2:
                parts.add(word[:1].upper() + word[1:].lower())
    full_re = (
        re.compile(
            r"(?<![\w])(?:" + "|".join(sorted(full, key=len, reverse=True)) + r")(?![\w])", re.I
        )
        if full
        else None
    )
    # A single first name or surname: matched when capitalised; also lower case when the word
    # is not an ordinary word (people type "spoke to sarah").
    alternatives = []
    for part in sorted(parts, key=len, reverse=True):
        if part in ambiguous or part in _NOT_NAMES:
            alternatives.append(re.escape(part))
        else:
            alternatives.append("(?i:" + re.escape(part) + ")")
    part_re = (
        re.compile(r"(?<![\w])(?:" + "|".join(alternatives) + r")(?![\w'’])")
        if alternatives
        else None
    )
    return full_re, part_re


def _name_matches(text: str, staff_names: tuple[str, ...]) -> list[Match]:
    names, ambiguous = _name_lists()
    found: list[Match] = []

    full_re, part_re = _staff_pattern(staff_names)
    for pattern in (full_re, part_re):
        if pattern is not None:
            found.extend(
                Match("name", m.start(), m.end(), m.group()) for m in pattern.finditer(text)
            )

    has_upper = _UPPER.search(text) is not None
    if has_upper and _has_any(text, _TITLE_WORDS):
        for m in _TITLE.finditer(text):
            found.append(Match("name", m.start(), m.end(), m.group()))
    for m in _TITLE_LOWER.finditer(text):
        if m.group("name").capitalize() not in _NOT_NAMES:
            found.append(Match("name", m.start(), m.end(), m.group()))
    if not has_upper:
        return found  # the patterns below all need a capitalised word
    for pattern, words in ((_CUE, _CUE_WORDS), (_VERB_CUE, _VERB_CUE_WORDS)):
        if not _has_any(text, words):
            continue
        for m in pattern.finditer(text):
            # "my manager Sarah Team" -> keep only the leading words that are not ordinary.
            end = None
            for word in re.finditer(r"\S+", m.group("name")):
                if word.group() in _NOT_NAMES:
                    break
                end = m.start("name") + word.end()
            if end is not None:
                found.append(Match("name", m.start("name"), end, text[m.start("name") : end]))

    # Capitalised words from the name lists; ambiguous ones only next to another name word.
    words = list(_CAP_WORD.finditer(text))
    is_name = [w.group() in names for w in words]
    for i, w in enumerate(words):
        word = w.group()
        if not is_name[i]:
            continue
        if word in ambiguous:
            prev_adj = i > 0 and is_name[i - 1] and _adjacent(text, words[i - 1], w)
            next_adj = i + 1 < len(words) and is_name[i + 1] and _adjacent(text, w, words[i + 1])
            nxt = words[i + 1].group() if i + 1 < len(words) else ""
            next_unambiguous = next_adj and nxt not in ambiguous
            prev_unambiguous = prev_adj and words[i - 1].group() not in ambiguous
            # Two ambiguous words still make a name as first name + surname ("Mark Turner").
            firsts, surnames = _first_and_surnames()
            pair_after = next_adj and word in firsts and nxt in surnames
            pair_before = prev_adj and words[i - 1].group() in firsts and word in surnames
            if not (next_unambiguous or prev_unambiguous or pair_after or pair_before):
                continue
        start, end = w.start(), w.end()
        # A listed first name followed by an unlisted capitalised word is usually a full name
        # ("Sarah Okafor"), unless that word is an ordinary one ("Sarah Team").
        if i + 1 < len(words) and _adjacent(text, w, words[i + 1]):
            nxt = words[i + 1].group()
            if nxt not in _NOT_NAMES and not is_name[i + 1]:
                end = words[i + 1].end()
        found.append(Match("name", start, end, text[start:end]))
    return found


# A piece of text every match of _TITLE, _CUE or _VERB_CUE holds (these patterns are case
# sensitive): text without any of them cannot match, and the scan is skipped.
_TITLE_WORDS = ("Mr", "Ms", "Miss", "Mx", "Dr", "Prof", "Sir", "Dame", "Nurse", "Cllr")
_CUE_WORDS = (
    "manager",
    "supervisor",
    "colleague",
    "lead",
    "director",
    "head",
    "TM",
    "PSW",
    "worker",
    "practitioner",
    "OT",
    "mentor",
    "assessor",
    "boss",
)
_VERB_CUE_WORDS = (
    "called",
    "named",
    "poke",
    "alked",
    "sked",
    "old",
    "hank",
    "upported",
    "upervised",
    "anaged",
    "ear",
)


def _has_any(text: str, pieces) -> bool:
    for piece in pieces:
        if piece in text:
            return True
    return False


def _adjacent(text: str, left: re.Match, right: re.Match) -> bool:
    return text[left.end() : right.start()] == " "


def find_identifiers(text: str, staff_names=()) -> list[Match]:
    """Return the personal details in ``text``, in order, without overlaps.

    ``staff_names`` is an optional list of names (for example the staff list) to find in any
    case, whole or as first name or surname alone. Kinds: ``name``, ``email``, ``phone``,
    ``ni_number``, ``postcode``, ``case_number``.
    """
    if not text:
        return []
    staff = tuple(sorted({str(n).strip() for n in staff_names if n and str(n).strip()}))
    candidates: list[Match] = []
    if "@" in text:
        candidates.extend(
            Match("email", m.start(), m.end(), m.group()) for m in _EMAIL.finditer(text)
        )
    if _DIGIT.search(text):
        candidates.extend(_number_matches(text))
    candidates.extend(_name_matches(text, staff))
    return _resolve(candidates, text)


# Every pattern in _number_matches needs a digit (as the patterns' \d sees one), every
# email an "@", and the capitalised-name patterns an upper-case letter: most answers have no
# digits, so most of the patterns are never run on them.
_DIGIT = re.compile(r"\d")
_UPPER = re.compile(r"[A-Z]")


def _number_matches(text: str) -> list[Match]:
    candidates: list[Match] = []
    candidates.extend(Match("ni_number", m.start(), m.end(), m.group()) for m in _NI.finditer(text))
    candidates.extend(
        Match("postcode", m.start(), m.end(), m.group()) for m in _POSTCODE.finditer(text)
    )
    for m in _PHONE.finditer(text):
        value = m.group().rstrip(").- ")
        if value.count("(") < value.count(")"):
            value = value.rstrip(")")
        if _phone_ok(value):
            candidates.append(Match("phone", m.start(), m.start() + len(value), value))
    for m in _CASE_CUE.finditer(text):
        if _digits(m.group("id")) >= 3:
            candidates.append(Match("case_number", m.start("id"), m.end("id"), m.group("id")))
    for pattern in (_LONG_DIGITS, _NHS_SHAPE, _REF_CODE):
        candidates.extend(
            Match("case_number", m.start(), m.end(), m.group()) for m in pattern.finditer(text)
        )
    return candidates


def _resolve(candidates: list[Match], text: str) -> list[Match]:
    """Keep the strongest of overlapping matches: higher priority, then longer, then earlier."""
    if not candidates:
        return []
    ranked = sorted(
        candidates, key=lambda m: (-_PRIORITY[m.kind], -(m.end - m.start), m.start, m.end)
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
            and text[last.end : match.start] == " "
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
        last = match.end
    out.append(text[last:])
    return "".join(out)
