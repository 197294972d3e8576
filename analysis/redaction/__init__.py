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

The package: ``match`` (what is found and its placeholder), ``words`` (the word lists),
``staff`` (the staff list, hashed), ``patterns`` (numbers, emails, postcodes, addresses),
``kinds`` (each word's kind, and the quick check that a comment holds no possible name),
``names`` (names) and ``engine`` (``find_identifiers`` and ``redact``, which use them all).
"""

from .engine import find_identifiers, redact
from .match import PLACEHOLDERS, Match
from .staff import StaffNames, staff_tokens

__all__ = [
    "Match",
    "PLACEHOLDERS",
    "StaffNames",
    "find_identifiers",
    "redact",
    "staff_tokens",
]
