"""Personal details found by their shape: email addresses (also spelled out), social media
handles, web addresses, UK phone, NI and NHS numbers, postcodes, case and record numbers, dates
of birth and street addresses."""

from __future__ import annotations

import re

from .match import Match
from .words import word_lists

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")

# An email address spelled out to get past a filter: "zed dot quux at council dot gov dot uk",
# "j.bloggs [at] nhs [dot] net". It must end in a dot and a common top-level domain, so "at
# the council" is not one. Parts and spaces are bounded so a long text is read in linear time.
_DOT = r"(?:\s{0,3}\.\s{0,3}|\s{1,3}dot\s{1,3}|\s{0,3}[\[(]\s?dot\s?[\])]\s{0,3})"
_AT = r"(?:\s{1,3}at\s{1,3}|\s{0,3}[\[(]\s?at\s?[\])]\s{0,3}|\s{0,3}@\s{0,3})"
_PART = r"[\w+-]{1,64}"
_SPELLED_EMAIL = re.compile(
    rf"(?<![\w.+-]){_PART}(?:{_DOT}{_PART}){{0,4}}{_AT}{_PART}(?:{_DOT}{_PART}){{0,4}}{_DOT}"
    r"(?:uk|com|org|net|gov|nhs|ac|co|io|info|me|scot|wales|cymru|ie|eu|biz|email)(?![\w])",
    re.IGNORECASE,
)

# What a spelled-out address needs (the quick check before the full pattern).
_SPELLED_AT = re.compile(r"@|\bat\b|[\[(]\s*at\s*[\])]", re.IGNORECASE)

# A social media or chat handle ("@rachelb"); not one inside an email address.
_HANDLE = re.compile(r"(?<![\w.@])@(?P<handle>[A-Za-z][\w.]*[A-Za-z0-9_])")

# A web address: with a scheme or "www.", or a domain followed by a path ("council.gov.uk/
# staff/rachel.brown"); the whole address goes, since any part of its path may name someone.
# A bare domain ("gov.uk") names no one and stays. Parts are bounded (linear time).
_WEB = re.compile(
    r"(?<![\w@/])(?:(?:https?://|www\.)[^\s<>\"'`]+|"
    r"[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}/[^\s<>\"'`]*)",
    re.IGNORECASE,
)

# UK phone numbers: 0 or +44 / 0044 (optionally "(0)"), then 9 or 10 digits in groups split by
# spaces, hyphens, dots or brackets. The digit count is checked after matching.
_PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)\s?44\s?(?:\(0\)\s?)?|\(?0)\d[\d\s().-]{7,15}\d(?![\w])"
)
# The same typed a digit at a time ("0 7 7 0 0 9 0 0 1 2 3", "+4 4 7 7 0 0 ..."), too long for
# the groups above.
_PHONE_SPACED = re.compile(r"(?<![\w+])(?:\+\s?4\s?4|0)(?:[ .-]?\d){9,10}(?![\w])")
_INTERNATIONAL = re.compile(r"^(?:\+|00)\s?44\s?(?:\(0\)\s?)?")

# National Insurance number: two prefix letters (D, F, I, Q, U, V never first; D, F, I, O, Q,
# U, V never second; "QQ" is HMRC's example and is typed in forms), six digits, optional
# suffix letter A-D, spaces or hyphens between the pairs.
_NI = re.compile(
    r"(?<![\w])(?:[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]|QQ)"
    r"(?:\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]?|-\d{2}-\d{2}-\d{2}(?:-[A-D])?)(?![\w])",
    re.IGNORECASE,
)
# The same with the six digits grouped any way by spaces ("QQ 123 456 C"), prefix letters in
# capitals (a hyphenated "AB-2023-45" is a case reference).
_NI_LOOSE = re.compile(
    r"(?<![\w])(?:[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]|QQ)(?: ?\d){6}(?: ?[A-D])?(?![\w])"
)
# The same with dots or slashes between the pairs ("QQ.12.34.56.C", "QQ/12/34/56/C") or the
# prefix letters apart ("Q Q 1 2 3 4 5 6 C"); capitals only, so "on 12.03.24" is a date.
_NI_SEPARATED = re.compile(
    r"(?<![\w])(?:[A-CEGHJ-PR-TW-Z] ?[A-CEGHJ-NPR-TW-Z]|Q ?Q)"
    r"(?:[ ./]?\d){6}(?:[ ./]?[A-D])?(?![\w])"
)

# UK postcodes, every format (A9 9AA, A99 9AA, A9A 9AA, AA9 9AA, AA99 9AA, AA9A 9AA), the space
# optional, doubled or a hyphen, any case.
_POSTCODE = re.compile(
    r"(?<![\w])(?:[A-PR-UWYZ](?:[A-HK-Y]?\d[A-Z\d]?)|GIR)"
    r"(?:\s{0,2}|-)\d[ABD-HJLNP-UW-Z]{2}(?![\w])",
    re.IGNORECASE,
)

# NHS numbers: ten digits (3-3-4, any separator or none) whose last digit is the modulus 11
# check digit of the first nine.
_NHS = re.compile(r"(?<![\w])\d{3}[\s-]?\d{3}[\s-]?\d{4}(?![\w])")
# The same typed a digit at a time ("9 4 3 4 7 6 5 9 1 9"), the check digit still asked.
_NHS_SPACED = re.compile(r"(?<![\w])\d(?:[ .-]\d){9}(?![\w])")

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
ADDRESS_NAMED = re.compile(
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


def email_matches(text: str) -> list[Match]:
    """Email addresses, as written or spelled out ("zed dot quux at council dot gov dot uk")."""
    patterns = [EMAIL] if "@" in text else []
    if _SPELLED_AT.search(text):
        patterns.append(_SPELLED_EMAIL)
    return [
        Match("email", m.start(), m.end(), m.group())
        for pattern in patterns
        for m in pattern.finditer(text)
    ]


def handle_matches(text: str) -> list[Match]:
    """Social media handles ("@rachelb") as names; "@home" (an ordinary word, not a name)
    stays."""
    if "@" not in text:
        return []
    lists = word_lists()
    out = []
    for m in _HANDLE.finditer(text):
        handle = m.group("handle").lower()
        if handle in lists.english and handle not in lists.names:
            continue
        out.append(Match("name", m.start(), m.end(), m.group()))
    return out


def web_matches(text: str) -> list[Match]:
    """Web addresses, whole, less any full stop or bracket that ends the sentence around them."""
    if "/" not in text and "www." not in text.lower():
        return []
    out = []
    for m in _WEB.finditer(text):
        value = m.group().rstrip(".,;:!?)]}")
        out.append(Match("web_address", m.start(), m.start() + len(value), value))
    return out


def number_matches(text: str) -> list[Match]:
    candidates: list[Match] = []
    for pattern in (_NI, _NI_LOOSE, _NI_SEPARATED):
        candidates.extend(
            Match("ni_number", m.start(), m.end(), m.group()) for m in pattern.finditer(text)
        )
    candidates.extend(
        Match("postcode", m.start(), m.end(), m.group()) for m in _POSTCODE.finditer(text)
    )
    for pattern in (_NHS, _NHS_SPACED):
        for m in pattern.finditer(text):
            if nhs_number_ok(re.sub(r"\D", "", m.group())):
                candidates.append(Match("nhs_number", m.start(), m.end(), m.group()))
    for m in _PHONE_SPACED.finditer(text):
        if _phone_ok(m.group()):
            candidates.append(Match("phone", m.start(), m.end(), m.group()))
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
