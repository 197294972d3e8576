"""What the redaction engine finds: a ``Match`` of one kind of personal detail, the placeholder
that replaces each kind, and which kind wins when two matches overlap."""

from __future__ import annotations

from dataclasses import dataclass

PLACEHOLDERS = {
    "name": "[name]",
    "email": "[email]",
    "web_address": "[web address]",
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
PRIORITY = {
    "web_address": 4,
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
