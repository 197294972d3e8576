"""The organisation's staff list as redaction reads it: keyed hashes of the words of names,
and of their initials.

A staff name is a name in any case ("spoke to brenda"), and a staff member's initials in
capitals are a name ("SJ" for Sarah Jones); the list is never stored or shown as names
(healthcheck/staff_list.py keeps only the hashes, with a random key per upload).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from functools import lru_cache

from .words import TOKEN


def staff_tokens(names: Iterable[str]) -> set[str]:
    """The lower-case words of a list of names ("Brenda Thistlewood" -> brenda, thistlewood)."""
    out = set()
    for name in names:
        for token in TOKEN.findall(str(name or "").replace("(demo)", "")):
            for part in token.split("-"):
                if len(part) >= 2:
                    out.add(part.lower())
    return out


# Hashed initials are kept apart from hashed words by a prefix no word can hold.
_INITIALS = "initials:"


def staff_initials(names: Iterable[str]) -> set[str]:
    """The lower-case initials of each name of two words or more: every word's first letter,
    and the first and last word's ("Anna van der Berg" -> avdb, ab)."""
    out = set()
    for name in names:
        words = TOKEN.findall(str(name or "").replace("(demo)", ""))
        if len(words) >= 2:
            out.add("".join(w[0] for w in words).lower())
            out.add((words[0][0] + words[-1][0]).lower())
    return out


class StaffNames:
    """The organisation's staff names, as keyed hashes of their words and initials: never
    the names.

    Built from plain names (the command line's ``--staff-names`` file) or from hashes stored
    by the app (``StaffNames(key, hashes)``); ``knows(word)`` says whether a word is one of
    them, ``knows_initials(letters)`` whether letters are someone's initials. The hashes only
    say yes or no to a word that is already in a comment.
    """

    def __init__(self, key: bytes, hashes: Iterable[str]):
        self.key = key
        self.hashes = frozenset(hashes)

    @classmethod
    def from_names(cls, names: Iterable[str], key: bytes = b"healthcheck-staff") -> StaffNames:
        names = list(names)
        words = staff_tokens(names) | {_INITIALS + i for i in staff_initials(names)}
        return cls(key, (cls.hash_word(key, w) for w in words))

    @staticmethod
    def hash_word(key: bytes, word: str) -> str:
        return hmac.new(key, word.lower().encode("utf-8"), hashlib.sha256).hexdigest()

    def knows(self, word: str) -> bool:
        return bool(self.hashes) and self.hash_word(self.key, word) in self.hashes

    def knows_initials(self, letters: str) -> bool:
        """Whether ``letters`` ("SJ") are a staff member's initials. A list uploaded before
        initials were hashed knows none until it is uploaded again."""
        return self.knows(_INITIALS + letters)

    def __bool__(self) -> bool:
        return bool(self.hashes)

    def __eq__(self, other) -> bool:
        return (
            isinstance(other, StaffNames) and self.key == other.key and self.hashes == other.hashes
        )

    def __hash__(self) -> int:
        return hash((self.key, self.hashes))


def as_staff(staff_names) -> StaffNames | None:
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
