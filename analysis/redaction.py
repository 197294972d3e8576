"""Find and redact personal details in free text: the one redaction engine.

The anonymity rules say free text is shown only after names (of any origin), email addresses,
phone numbers, NI and NHS numbers, postcodes, addresses, dates of birth and case or record
numbers are redacted. Every place free text goes (survey themes and quotes, focus-group pages,
warnings and downloads, the PDF, the XLSX, the anonymised export, the ``healthcheck themes``
command) calls ``redact`` or ``find_identifiers`` here, so they all hide the same things.

Recall comes first, so names are found by what is *not* known to be safe (the approach of
de-identification systems such as Philter), not only by lists of names:

- a capitalised word in a name position that is not an ordinary English word (the SCOWL word
  list, then ``wordfreq`` for common words and well-known proper nouns), not a service, team,
  place, medicine or legislation term (``data/safe_terms.txt``) is taken to be a name
  ("Thistlewood", "Okafor");
- words on the name lists (the US Census first-name and surname lists, public domain, and
  ``data/names_world.txt``: South Asian, African, Eastern European, Irish, Chinese and other
  names and shortened forms such as "Shaz") are names in any case ("spoke to maureen");
- names that are also ordinary words ("Will", "Grace", "Brown") are names when capitalised
  away from the start of a sentence, beside another name, or after a cue, so "I asked Will in
  the OT team" loses "Will" while "will" and "grace periods" stay;
- titles and roles ("PC Dawson", "Cllr Hughes", "my manager Bev") and relatives ("his wife
  Maureen") mark the next word as a name;
- the organisation's staff list (``StaffNames``; stored hashed, never shown) adds its names.

Detection is rules and word lists, not a model: it runs offline, gives the same answer every
time, and errs on the side of redacting.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = [
    "Match",
    "PLACEHOLDERS",
    "StaffNames",
    "find_identifiers",
    "redact",
    "staff_tokens",
]

PLACEHOLDERS = {
    "name": "[name]",
    "email": "[email]",
    "phone": "[phone]",
    "ni_number": "[NI number]",
    "nhs_number": "[NHS number]",
    "postcode": "[postcode]",
    "address": "[address]",
    "date_of_birth": "[date of birth]",
    "case_number": "[case number]",
}

# Higher wins when two matches overlap; within a tier the longer match wins ("07700 900123" is
# a phone number, not the six-digit record number inside it).
_PRIORITY = {
    "email": 4,
    "address": 3,
    "date_of_birth": 3,
    "nhs_number": 3,
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


# --- word lists -------------------------------------------------------------------------------


def _data_words(filename: str) -> list[str]:
    text = resources.files("analysis").joinpath("data", filename).read_text(encoding="utf-8")
    words = []
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        words.extend(line.split())
    return words


@dataclass(frozen=True)
class _Lists:
    english: frozenset  # ordinary lower-case words
    first_names: frozenset  # lower case
    surnames: frozenset  # lower case
    names: frozenset  # first names and surnames, lower case
    word_names: frozenset  # names that are also ordinary words ("will", "grace", "brown")
    safe: frozenset  # service, place, medicine, legislation and calendar terms, lower case


@lru_cache(maxsize=1)
def _lists() -> _Lists:
    english = frozenset(_data_words("english_words.txt"))
    world = [w.lower() for w in _data_words("names_world.txt")]
    firsts = {w.lower() for w in _data_words("census_first_names.txt")}
    firsts |= {w.lower() for w in _data_words("first_names.txt")}
    surnames = {w.lower() for w in _data_words("census_surnames.txt")}
    surnames |= {w.lower() for w in _data_words("surnames.txt")}
    # The world list mixes first names and surnames: count them as both.
    firsts |= set(world)
    surnames |= set(world)
    names = frozenset(firsts | surnames)
    word_names = frozenset(n for n in names if n in english or n in _FUNCTION_WORDS)
    safe = frozenset(w.lower() for w in _data_words("safe_terms.txt"))
    return _Lists(english, frozenset(firsts), frozenset(surnames), names, word_names, safe)


@lru_cache(maxsize=65536)
def _zipf(word: str) -> float:
    """How common a word is in English text (wordfreq's Zipf scale: 3 is once per million)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


# Words so common (or so often capitalised at the start of a clause) that they never name
# anyone on their own; the SCOWL list leaves some out (contractions, "ok").
_FUNCTION_WORDS = frozenset("""
    i a an the this that these those it its we our you your they their he she his her him my me
    us them and but or so if when while because also always never sometimes very really just
    not no yes ok okay hi hello dear please thanks thank is was be been are were has had have do
    does did can could would should will shall might must who what why how where which there
    here all some many most any each every much more less none nothing someone everyone anyone
    i'm i've i'd i'll we're we've don't can't won't isn't wasn't didn't doesn't it's that's
    there's etc eg ie vs na n/a tbh imo fyi asap re im ive dont cant wont didnt doesnt isnt
    wasnt thats theres youre theyre hasnt havent couldnt wouldnt shouldnt arent werent lol pls
    """.split())

# Words that are never a name, whatever the name lists hold.
_NEVER_NAMES = frozenset("""
    i a an the this that these those it its we our you your they their he she his her him my me
    us them and but or so if not no yes is was be been are were has had have do does did in on
    at of to for by as with from into than then there here what who why how when where which
    """.split())

# --- staff list ---------------------------------------------------------------------------------

_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+(?:['’][^\W\d_]+)*)*")


def staff_tokens(names: Iterable[str]) -> set[str]:
    """The lower-case words of a list of names ("Brenda Thistlewood" -> brenda, thistlewood)."""
    out = set()
    for name in names:
        for token in _TOKEN.findall(str(name or "").replace("(demo)", "")):
            for part in token.split("-"):
                if len(part) >= 2:
                    out.add(part.lower())
    return out


class StaffNames:
    """The organisation's staff names, as keyed hashes of their words: never the names.

    Built from plain names (the command line's ``--staff-names`` file) or from hashes stored
    by the app (``StaffNames(key, hashes)``); ``knows(word)`` says whether a word is one of
    them. The hashes only say yes or no to a word that is already in a comment.
    """

    def __init__(self, key: bytes, hashes: Iterable[str]):
        self.key = key
        self.hashes = frozenset(hashes)

    @classmethod
    def from_names(cls, names: Iterable[str], key: bytes = b"healthcheck-staff") -> StaffNames:
        return cls(key, (cls.hash_word(key, w) for w in staff_tokens(names)))

    @staticmethod
    def hash_word(key: bytes, word: str) -> str:
        return hmac.new(key, word.lower().encode("utf-8"), hashlib.sha256).hexdigest()

    def knows(self, word: str) -> bool:
        return bool(self.hashes) and self.hash_word(self.key, word) in self.hashes

    def __bool__(self) -> bool:
        return bool(self.hashes)

    def __eq__(self, other) -> bool:
        return (
            isinstance(other, StaffNames) and self.key == other.key and self.hashes == other.hashes
        )

    def __hash__(self) -> int:
        return hash((self.key, self.hashes))


def _as_staff(staff_names) -> StaffNames | None:
    if not staff_names:
        return None
    if isinstance(staff_names, StaffNames):
        return staff_names
    if isinstance(staff_names, str):
        staff_names = [staff_names]
    return _staff_from_names(tuple(sorted({str(n).strip() for n in staff_names if n})))


@lru_cache(maxsize=32)
def _staff_from_names(names: tuple[str, ...]) -> StaffNames:
    return StaffNames.from_names(names)


# --- numbers, addresses and other patterns ------------------------------------------------------

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")

# UK phone numbers: 0 or +44 / 0044 (optionally "(0)"), then 9 or 10 digits in groups split by
# spaces, hyphens, dots or brackets. The digit count is checked after matching.
_PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)\s?44\s?(?:\(0\)\s?)?|\(?0)\d[\d\s().-]{7,15}\d(?![\w])"
)
_INTERNATIONAL = re.compile(r"^(?:\+|00)\s?44\s?(?:\(0\)\s?)?")

# National Insurance number: two prefix letters (D, F, I, Q, U, V never first; D, F, I, O, Q,
# U, V never second; "QQ" is HMRC's example and is typed in forms), six digits, optional
# suffix letter A-D, spaces or hyphens between the pairs.
_NI = re.compile(
    r"(?<![\w])(?:[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]|QQ)"
    r"(?:\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]?|-\d{2}-\d{2}-\d{2}(?:-[A-D])?)(?![\w])",
    re.IGNORECASE,
)

# UK postcodes, every format (A9 9AA, A99 9AA, A9A 9AA, AA9 9AA, AA99 9AA, AA9A 9AA), the space
# optional or doubled, any case.
_POSTCODE = re.compile(
    r"(?<![\w])(?:[A-PR-UWYZ](?:[A-HK-Y]?\d[A-Z\d]?)|GIR)\s{0,2}\d[ABD-HJLNP-UW-Z]{2}(?![\w])",
    re.IGNORECASE,
)

# NHS numbers: ten digits (3-3-4, any separator or none) whose last digit is the modulus 11
# check digit of the first nine.
_NHS = re.compile(r"(?<![\w])\d{3}[\s-]?\d{3}[\s-]?\d{4}(?![\w])")

# Case or record numbers: a number after a cue word ("case no. 12345", "Mosaic ID: AB-1234"),
# a long run of digits, or letters-then-digits reference codes.
_CASE_CUE = re.compile(
    r"(?:\b(?:case|record|client|referral|file|mosaic|liquidlogic|lcs|eclipse|nhs|person|"
    r"service\s+user|su|patient|ref(?:erence)?|id|crn|urn|job|ticket|incident|log)\b\.?)"
    r"(?:\s*(?:number|num|no|nos|ref(?:erence)?|id)\b\.?)?\s*(?:is|was|:|#|-)?\s*#?"
    r"(?P<id>[A-Z]{0,4}[-/]?\d(?:[\d/-]*\d)?(?:[-/]?[A-Z]{1,3})?)(?![\w])",
    re.IGNORECASE,
)
_LONG_DIGITS = re.compile(r"(?<![\w£$€.,:])\d{6,}(?![\w%]|[.,]\d)")
_REF_CODE = re.compile(r"(?<![\w])[A-Z]{1,4}[-/]?\d{4,}(?:[-/]\d+)*(?![\w])")
_REF_CODE_SPLIT = re.compile(r"(?<![\w])[A-Z]{2,4}[-/]\d{2,4}[-/]\d{3,}(?![\w])")

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATE = (
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|"
    r"\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?"
    + _MONTHS
    + r"\.?,?\s+\d{2,4}|"
    + _MONTHS
    + r"\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})"
)
# A date of birth: a date after a cue ("DOB 12/03/1956", "born on 3rd March 1948"), or a year
# after "born in".
_DOB = re.compile(
    r"\b(?:d\.?\s?o\.?\s?b\.?|date\s+of\s+birth|birth\s*date|birthday|born(?:\s+on)?)\s*"
    r"(?:is|was|:|-)?\s*(?P<date>" + _DATE + r")"
    r"|\bborn\s+in\s+(?P<year>(?:19|20)\d{2})\b",
    re.IGNORECASE,
)

_STREET = (
    r"(?:road|rd|street|st|avenue|ave|lane|ln|close|cl|drive|dr|way|crescent|cres|court|ct|"
    r"gardens|gdns|grove|place|pl|terrace|walk|row|hill|park|square|sq|mews|view|rise|green|"
    r"parade|boulevard|vale|wynd|brae|gate|fold|croft|chase|end|meadows?|cottages?|villas|"
    r"heights|bank|side|street|estate|flats)"
)
# A street address: a house number (optionally "Flat 3," before it) and one to three words then
# a street word ("12 Acacia Road", "14a mill lane", "Flat 2, 45 High St").
_ADDRESS = re.compile(
    r"(?:\b(?:flat|apartment|apt|unit|room)\s+\d+[a-z]?,?\s+)?"
    r"(?<![\w£$€.,])\d{1,4}[a-z]?,?\s+(?:[A-Za-z][A-Za-z'’-]+\s+){1,3}" + _STREET + r"\b\.?",
    re.IGNORECASE,
)
# A street named without a number after "lives on", "at", "off" ("lives on Acacia Road").
_ADDRESS_NAMED = re.compile(
    r"\b(?:on|at|off|in|from|near|lives|living|moved\s+to)\s+(?P<addr>(?:[A-Z][a-z'’-]+\s+){1,3}"
    r"(?:Road|Rd|Street|St|Avenue|Ave|Lane|Close|Drive|Crescent|Gardens|Grove|Terrace|Mews|"
    r"Way|Place|Rise|Walk|Court|Square)\b\.?)"
)
_FLAT = re.compile(r"\b(?:flat|apartment|apt)\s+\d+[a-z]?\b", re.IGNORECASE)


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def _phone_ok(text: str) -> bool:
    """UK numbers have 10 or 11 digits from the leading 0, or 9 or 10 after +44."""
    national = _INTERNATIONAL.sub("", text)
    if national != text:
        return _digits(national) in (9, 10)
    return _digits(text) in (10, 11)


def nhs_number_ok(digits: str) -> bool:
    """True when ten digits carry a valid NHS number check digit (modulus 11)."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1)))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def _number_matches(text: str) -> list[Match]:
    candidates: list[Match] = []
    candidates.extend(Match("ni_number", m.start(), m.end(), m.group()) for m in _NI.finditer(text))
    candidates.extend(
        Match("postcode", m.start(), m.end(), m.group()) for m in _POSTCODE.finditer(text)
    )
    for m in _NHS.finditer(text):
        if nhs_number_ok(re.sub(r"\D", "", m.group())):
            candidates.append(Match("nhs_number", m.start(), m.end(), m.group()))
    for m in _PHONE.finditer(text):
        value = m.group().rstrip(").- ")
        if value.count("(") < value.count(")"):
            value = value.rstrip(")")
        if _phone_ok(value):
            candidates.append(Match("phone", m.start(), m.start() + len(value), value))
    for m in _CASE_CUE.finditer(text):
        if _digits(m.group("id")) >= 3:
            candidates.append(Match("case_number", m.start("id"), m.end("id"), m.group("id")))
    for pattern in (_LONG_DIGITS, _NHS, _REF_CODE, _REF_CODE_SPLIT):
        candidates.extend(
            Match("case_number", m.start(), m.end(), m.group()) for m in pattern.finditer(text)
        )
    for m in _DOB.finditer(text):
        group = "date" if m.group("date") else "year"
        candidates.append(Match("date_of_birth", m.start(group), m.end(group), m.group(group)))
    for m in _ADDRESS.finditer(text):
        candidates.append(Match("address", m.start(), m.end(), m.group()))
    for m in _FLAT.finditer(text):
        candidates.append(Match("address", m.start(), m.end(), m.group()))
    return candidates


# --- names ---------------------------------------------------------------------------------------

_TITLES = frozenset("""
    mr mrs ms miss mx dr doctor prof professor sir dame lady lord cllr councillor pc dc ds di dci
    sgt sergeant inspector constable nurse sister matron rev reverend father fr pastor imam rabbi
    judge justice hhj mstr master
    """.split())
# Titles that are also ordinary lower-case words: a title only when capitalised.
_TITLES_CAPITAL_ONLY = frozenset({"miss", "sister", "father", "master", "lady", "lord", "judge"})

# Titles written in capitals ("PC Dawson"); "MS Teams" is not a title.
_TITLES_UPPER = frozenset({"pc", "dc", "ds", "di", "dci", "hhj", "sgt", "dr", "mr", "mrs", "cllr"})

# Words after which the next capitalised word (or an unknown lower-case word) is a person:
# roles, relatives and people supported.
_ROLE_CUES = frozenset("""
    manager managers supervisor colleague colleagues lead leader director head tm psw boss mentor
    assessor worker practitioner ot ota amhp bia sw swa chap guy lady gentleman gent man woman
    wife husband partner son daughter mum mother mom mam dad father brother sister sibling
    grandson granddaughter grandmother grandfather nan nana gran grandma grandad grandpa aunt
    uncle niece nephew cousin carer neighbour friend client clients customer resident tenant
    patient nurse gp consultant psychiatrist advocate deputy appointee fiance fiancee
    stepson stepdaughter stepmum stepdad boyfriend girlfriend named called
    """.split())
# Verbs and phrases after which a capitalised word is a person ("asked Will", "thanks to Bev").
_VERB_CUES = frozenset("""
    asked told spoke emailed rang phoned called texted messaged met thank thanks cc cc'd
    contacted supervised managed supported helped visited chased informed emailing ringing
    asking telling speaking dear with ask asks
    """.split())
# Words after a capitalised word that say it is a person ("Grace on the duty desk", "Will in
# the OT team", "Bev said").
_AFTER_CUES = frozenset("""
    said says told asked thinks thought knows knew reckons wants wanted agreed replied explained
    from in on at who whose emailed rang phoned helped joined 's ’s
    """.split())
_SENTENCE_OPENERS = '.!?:;\n"“(•*-–'


@dataclass
class _Word:
    text: str
    start: int
    end: int
    lower: str
    cap: bool  # Title-case (first letter upper, not all upper) or a single capital letter
    upper: bool  # ALL CAPITALS (two letters or more)
    sentence_start: bool


def _words(text: str) -> list[_Word]:
    out: list[_Word] = []
    for m in _TOKEN.finditer(text):
        token = m.group()
        start, end = m.start(), m.end()
        # "Maureen's" -> "Maureen" (the possessive stays in the text).
        for suffix in ("'s", "’s"):
            if token.lower().endswith(suffix) and len(token) >= 3:
                token = token[:-2]
                end -= 2
        k = start - 1
        while k >= 0 and text[k].isspace():
            k -= 1
        sentence_start = k < 0 or text[k] in _SENTENCE_OPENERS
        # Acronyms, also in the plural ("ATMs", "OTs"), count as capitals.
        upper = len(token) >= 2 and (
            token.isupper() or (token[:-1].isupper() and token[-1] == "s" and len(token) >= 3)
        )
        cap = token[:1].isupper() and not upper
        out.append(_Word(token, start, end, token.lower(), cap, upper, sentence_start))
    return out


def _parts(word: _Word) -> list[str]:
    return [p.strip("'’") for p in word.lower.split("-") if p.strip("'’")]


class _Classifier:
    """Sorts each word into safe, ordinary, word-name, name or unknown."""

    def __init__(self, staff: StaffNames | None):
        self.lists = _lists()
        self.staff = staff
        # Word kinds never change for one staff list: remember them (bounded).
        holder = staff if staff is not None else _Classifier
        cache = getattr(holder, "_kind_cache", None)
        if cache is None or len(cache) > 200_000:
            cache = {}
            setattr(holder, "_kind_cache", cache)
        self.cache = cache

    def staff_word(self, lower: str) -> bool:
        return self.staff is not None and self.staff.knows(lower)

    def kind(self, lower: str) -> str:
        """``safe``: never a name on its own; ``ordinary``: an English word; ``wordname``: a
        name that is also an ordinary word; ``name``: a name; ``unknown``: none of these."""
        lists = self.lists
        if lower in lists.safe or (lower.endswith("s") and lower[:-1] in lists.safe):
            return "safe"
        if lower in _NEVER_NAMES or lower.rstrip(".") in _TITLES:
            return "ordinary"
        staff = self.staff_word(lower)
        if lower in lists.names or staff:
            ordinary = lower in lists.word_names or lower in lists.english
            if staff and not ordinary and lower not in lists.names:
                # A staff name that is an everyday word ("Facilitator"), not in the word list.
                ordinary = _zipf(lower) >= 3.0
            return "wordname" if ordinary else "name"
        if lower in _FUNCTION_WORDS:
            return "ordinary"
        if lower in lists.english:
            return "ordinary"
        if lower.endswith("s") and lower[:-1] in lists.english:
            return "ordinary"
        return "unknown"

    def word_kind(self, word: _Word) -> str:
        kind = self.cache.get(word.lower)
        if kind is None:
            kind = self.cache[word.lower] = self._word_kind(word)
        return kind

    def _word_kind(self, word: _Word) -> str:
        parts = _parts(word)
        if not parts:
            return "ordinary"
        if len(parts) == 1:
            return self.kind(parts[0])
        kinds = [self.kind(p) for p in parts]
        if self.kind(word.lower) in ("safe", "ordinary"):
            return "ordinary"  # "self-neglect", "co-ordinator" as whole words
        if "name" in kinds:
            return "name"
        if all(k in ("safe", "ordinary") for k in kinds):
            return "ordinary"
        if "unknown" in kinds:
            return "unknown"
        return "wordname"

    def derived(self, lower: str) -> bool:
        """An English word with a common prefix or suffix ("upskilling", "unallocated")."""
        english = self.lists.english
        for suffix in ("s", "es", "ing", "ed", "er", "ers", "ment", "ments", "ly", "ness"):
            stem = lower[: -len(suffix)]
            if lower.endswith(suffix) and len(stem) >= 3:
                if (
                    stem in english
                    or stem + "e" in english
                    or (len(stem) > 3 and stem[-1] == stem[-2] and stem[:-1] in english)
                ):
                    return True
        for prefix in (
            "un",
            "re",
            "over",
            "under",
            "multi",
            "inter",
            "micro",
            "self",
            "co",
            "non",
            "pre",
            "sub",
            "mis",
            "out",
            "up",
            "e",
        ):
            rest = lower[len(prefix) :].lstrip("-")
            if lower.startswith(prefix) and len(rest) >= 4:
                if rest in english or self.derived_suffix_only(rest):
                    return True
        return False

    def derived_suffix_only(self, lower: str) -> bool:
        english = self.lists.english
        for suffix in ("s", "es", "ing", "ed", "er", "ers", "ment", "ments", "ly", "ness"):
            stem = lower[: -len(suffix)]
            if (
                lower.endswith(suffix)
                and len(stem) >= 3
                and (stem in english or stem + "e" in english)
            ):
                return True
        return False

    def common(self, lower: str, threshold: float) -> bool:
        """Common enough in English text to be a word or a well-known place or brand."""
        return _zipf(lower) >= threshold


def _name_flags(text: str, staff: StaffNames | None) -> list[tuple[int, int]]:
    words = _words(text)
    if not words:
        return []
    classifier = _Classifier(staff)
    kinds = [classifier.word_kind(w) for w in words]
    firsts = classifier.lists.first_names
    flagged = [False] * len(words)

    def prev_lower(i: int, n: int = 1) -> str:
        return words[i - n].lower if i - n >= 0 else ""

    def adjacent(i: int, j: int) -> bool:
        """Words i and j (j = i + 1) are separated only by a space."""
        return 0 <= i < j < len(words) and text[words[i].end : words[j].start] in (" ", "\u00a0")

    def cue_before(i: int) -> str | None:
        """``title``, ``role`` or ``verb`` when the words before word i mark it as a person."""
        if i == 0:
            return None
        p = words[i - 1]
        gap = text[p.end : words[i].start]
        if "\n" in gap or any(c in gap for c in ".!?;:("):
            return None
        if p.lower.rstrip(".") in _TITLES and (
            p.cap
            or (p.upper and p.lower in _TITLES_UPPER)
            or (not p.upper and p.lower not in _TITLES_CAPITAL_ONLY)
        ):
            if p.lower in _TITLES_CAPITAL_ONLY and p.sentence_start:
                pass
            else:
                return "title"
        if p.lower in _ROLE_CUES:
            return "role"
        if p.lower in _VERB_CUES:
            return "verb"
        if (
            p.lower == "to"
            and i >= 2
            and words[i - 2].lower
            in {
                "spoke",
                "talked",
                "thanks",
                "speak",
                "talk",
                "go",
                "went",
                "going",
                "referred",
                "wrote",
                "written",
                "sent",
                "send",
            }
        ):
            return "verb"
        return None

    def after_cue(i: int) -> bool:
        j = i + 1
        if j >= len(words):
            return False
        gap = text[words[i].end : words[j].start]
        if gap.strip() not in ("", ","):
            return text[words[i].end : words[i].end + 2] in ("'s", "’s")
        return words[j].lower in _AFTER_CUES or text[words[i].end : words[i].end + 2] in (
            "'s",
            "’s",
        )

    def _in_proper_noun(i: int) -> bool:
        """Is word i beside a capitalised ordinary or safe word (part of a proper noun)?"""
        for j in (i - 1, i + 1):
            if 0 <= j < len(words) and (words[j].cap or words[j].upper):
                a, b = min(i, j), max(i, j)
                if (
                    adjacent(a, b)
                    and kinds[j] in ("safe", "ordinary")
                    and not (words[j].sentence_start and kinds[j] == "ordinary")
                ):
                    return True
        return False

    for i, w in enumerate(words):
        kind = kinds[i]
        cue = cue_before(i)
        if kind == "safe":
            # A service, place or calendar word is a name only straight after a title.
            if cue == "title" and (w.cap or w.upper) and words[i - 1].lower not in ("dr",):
                flagged[i] = True
            continue
        if w.upper:
            # ALL CAPITALS: acronyms ("CMHT") stay unless the word is a listed name.
            if kind == "name" and len(w.text) >= 3:
                flagged[i] = True
            continue
        if cue == "title":
            if w.cap or kind in ("name", "unknown", "wordname") or len(w.text) == 1:
                flagged[i] = True
            continue
        if w.cap:
            if kind == "name":
                flagged[i] = True
            elif kind == "unknown":
                threshold = 3.0 if w.sentence_start else 3.5
                # At the start of a sentence a capital says nothing: a word built from an
                # English word ("Upskilling", "Handovers") is not a name there.
                derived = w.sentence_start and not cue and classifier.derived(w.lower)
                if len(w.text) >= 2 and not derived and not classifier.common(w.lower, threshold):
                    flagged[i] = True
                elif cue in ("role", "verb"):
                    flagged[i] = True
            elif kind == "wordname":
                is_first = all(p in firsts for p in _parts(w)) or classifier.staff_word(w.lower)
                if is_first and not cue and _in_proper_noun(i):
                    is_first = False  # "New York", "Best Interest", "Rose Court"
                if cue in ("role", "verb"):
                    flagged[i] = True
                elif not w.sentence_start and is_first:
                    flagged[i] = True
                elif w.sentence_start and after_cue(i) and is_first:
                    flagged[i] = True
            elif kind == "ordinary" and cue == "role" and classifier.staff_word(w.lower):
                flagged[i] = True
        else:
            # Lower case: a listed name that is not an ordinary word, or an unknown word after
            # a role or verb cue ("my manager bev").
            if kind == "name" and (
                len(w.text) >= 3
                or cue in ("role", "verb")
                or classifier.staff_word(w.lower)
                or after_cue(i)
            ):
                # Two letters ("jo", "al") only with a sign that a person is meant.
                flagged[i] = True
            elif kind == "unknown" and cue in ("role", "verb", "title") and len(w.text) >= 3:
                if not classifier.common(w.lower, 2.5):
                    flagged[i] = True

    # Neighbours: a capitalised word-name or unknown word beside a flagged name is part of it
    # ("Mark Turner", "Brenda Thistlewood"); repeat until nothing changes.
    changed = True
    while changed:
        changed = False
        for i, w in enumerate(words):
            if flagged[i] or not (w.cap or w.upper and kinds[i] == "name"):
                continue
            if kinds[i] not in ("wordname", "unknown", "name") and not (
                kinds[i] == "ordinary" and classifier.staff_word(w.lower)
            ):
                continue
            left = i > 0 and flagged[i - 1] and adjacent(i - 1, i) and words[i - 1].cap
            right = (
                i + 1 < len(words) and flagged[i + 1] and adjacent(i, i + 1) and words[i + 1].cap
            )
            if kinds[i] == "wordname":
                # A surname after a name ("Sarah Brown"), a first name before one ("Mark
                # Thistlewood"); not "Call Sarah".
                right = right and w.lower in firsts
                left = left and w.lower in classifier.lists.surnames
            if left or right:
                flagged[i] = True
                changed = True
        # Two capitalised word-names side by side, first name then surname ("Will Young").
        for i in range(len(words) - 1):
            a, b = words[i], words[i + 1]
            if flagged[i] or flagged[i + 1] or not (a.cap and b.cap and adjacent(i, i + 1)):
                continue
            if kinds[i] == "wordname" and kinds[i + 1] == "wordname":
                if a.lower in firsts and b.lower in classifier.lists.surnames:
                    flagged[i] = flagged[i + 1] = True
                    changed = True

    # The title goes with the name ("Mrs Patel" -> "[name]").
    for i in range(1, len(words)):
        if flagged[i] and not flagged[i - 1] and cue_before(i) == "title" and adjacent(i - 1, i):
            flagged[i - 1] = True
    return [(words[i].start, words[i].end) for i, f in enumerate(flagged) if f]


_DIGIT = re.compile(r"\d")
_UPPER = re.compile(r"[A-Z]")


def _name_matches(text: str, staff: StaffNames | None) -> list[Match]:
    if staff is None and not _UPPER.search(text):
        # All lower case: only listed names that are not ordinary words can be names here, or
        # an unknown word after a cue; skip the full scan when no word could be either.
        lists = _lists()
        tokens = [t.lower() for t in _TOKEN.findall(text)]
        if not any(
            t in lists.names or t in _ROLE_CUES or t in _VERB_CUES or t in _TITLES for t in tokens
        ):
            return []
    return [Match("name", s, e, text[s:e]) for s, e in _name_flags(text, staff)]


# --- putting it together ---------------------------------------------------------------


def find_identifiers(text: str, staff_names=()) -> list[Match]:
    """Return the personal details in ``text``, in order, without overlaps.

    ``staff_names`` is the organisation's staff list: plain names (a list of strings) or a
    ``StaffNames`` of hashed words; each word of it is a name in any case. Kinds: ``name``,
    ``email``, ``phone``, ``ni_number``, ``nhs_number``, ``postcode``, ``address``,
    ``date_of_birth``, ``case_number``.
    """
    if not text:
        return []
    staff = _as_staff(staff_names)
    candidates: list[Match] = []
    if "@" in text:
        candidates.extend(
            Match("email", m.start(), m.end(), m.group()) for m in _EMAIL.finditer(text)
        )
    if _DIGIT.search(text):
        candidates.extend(_number_matches(text))
    for m in _ADDRESS_NAMED.finditer(text):
        candidates.append(Match("address", m.start("addr"), m.end("addr"), m.group("addr")))
    candidates.extend(_name_matches(text, staff))
    return _resolve(candidates, text)


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
        last = match.end
    out.append(text[last:])
    return "".join(out)
