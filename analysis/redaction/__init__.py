"""Find and redact personal details in free text: the one redaction engine.

The anonymity rules say free text is shown only after names (of any origin), email addresses,
phone numbers, NI and NHS numbers, postcodes, addresses, dates of birth and case or record
numbers are redacted (and web addresses and handles, which name people too). Every place free
text goes (survey themes and quotes, focus-group pages, warnings and downloads, the PDF, the
XLSX, the anonymised export, the ``healthcheck themes`` command) calls ``redact`` or
``find_identifiers`` here, so they all hide the same things.

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
- names in capitals are names ("JOHN SMITH", "OKAFOR") while acronyms stay ("OT", "AMHP"), and
  a surname opened by particles is one in any case ("van der berg");
- the organisation's staff list (``StaffNames``; stored hashed, never shown) adds its names,
  which are names when capitalised even where they are also words ("Rose is a bully", though
  not "the Bill" or "Will you"), and its members' initials in capitals ("SJ").

Text is read normalised (``normalise``: NFKC, invisible characters removed), so full-width
letters and zero-width spaces hide nothing; an email address spelled out ("zed dot quux at
council dot gov dot uk"), a handle ("@rachelb"), a web address (whole) and numbers typed a
digit at a time are found too.

Detection is rules and word lists, not a model: it runs offline, gives the same answer every
time, and errs on the side of redacting.

The package: ``normalise`` (the text as it is read), ``match`` (what is found and its
placeholder), ``words`` (the word lists), ``staff`` (the staff list, hashed), ``patterns``
(numbers, emails, handles, web addresses, postcodes, addresses), ``kinds`` (each word's
kind, and the quick check that a comment holds no possible name), ``names`` (names) and
``engine`` (``find_identifiers`` and ``redact``, which use them all).
"""

from .engine import find_identifiers, redact
from .match import PLACEHOLDERS, Match
from .normalise import normalise
from .staff import StaffNames, staff_tokens

__all__ = [
    "Match",
    "PLACEHOLDERS",
    "StaffNames",
    "find_identifiers",
    "normalise",
    "redact",
    "staff_tokens",
]
