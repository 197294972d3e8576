"""Flag comments that may disclose bullying, harassment, discrimination, unsafe practice, a
safeguarding concern or a risk of harm, for the Principal Social Worker's restricted page.

The rules are data (``data/sensitive_phrases.yaml``: a reviewed phrase list per category, the
negations and the topic phrases that are not disclosures), so they can be read and changed
without touching code. A phrase with a negation before it in the same clause ("I have never
been bullied") does not count; a phrase about the topic ("anti-bullying training") does not
count. Flagging errs towards showing a comment to the PSW: a person reads every one.

A flagged comment goes to that page only: ``is_sensitive`` and ``without_sensitive`` are the
one rule that every report and download asks (the themes' input, focus-group evidence and the
response export), so a disclosure is never quoted, counted in a theme or downloaded.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from analysis.redaction.normalise import normalise

__all__ = ["Flag", "categories", "flag_sensitive", "is_sensitive", "without_sensitive"]

# A negation reaches a phrase only within its clause: "Never felt safe, he bullied me" and
# "Nobody helps when I'm bullied" disclose. Flagging errs towards a person reading it.
_CLAUSE_BREAK = re.compile(
    r"[.!?;:,\n]|\b(?:but|however|although|when|whenever|because|after|if|since|while)\b",
    re.IGNORECASE,
)
# Words with "no" or "not" that deny nothing: "There is no doubt my manager bullies me".
_NOT_A_NEGATION = re.compile(r"\b(?:no doubt|no wonder|no question|not only|never mind)\b", re.I)
_WORD = re.compile(r"[\w'’]+")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Flag:
    """One category a comment was flagged for, and the words that flagged it."""

    category: str
    label: str
    phrase: str


@dataclass(frozen=True)
class _Rules:
    window: int
    negations: tuple[str, ...]
    not_disclosures: re.Pattern
    categories: tuple[tuple[str, str, tuple[re.Pattern, ...], frozenset], ...]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    text = resources.files("analysis").joinpath("data", "sensitive_phrases.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    cats = []
    for name, spec in data["categories"].items():
        patterns = tuple(
            re.compile(r"(?<![\w])" + p + r"(?![\w])", re.IGNORECASE) for p in spec["phrases"]
        )
        cats.append((name, spec["label"], patterns, frozenset(spec.get("ignore_negation") or ())))
    not_disclosures = re.compile(
        "|".join(r"(?:" + p + r")" for p in data["not_disclosures"]), re.IGNORECASE
    )
    return _Rules(
        int(data["negation_window"]),
        tuple(n.lower() for n in data["negations"]),
        not_disclosures,
        tuple(cats),
    )


def categories() -> list[tuple[str, str]]:
    """(code, label) for every category, in the rules' order."""
    return [(name, label) for name, label, _, _ in _rules().categories]


def _negated(text: str, start: int, rules: _Rules) -> bool:
    """Is there a negation in the same clause, within the window of words before ``start``?"""
    before = text[:start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    before = _NOT_A_NEGATION.sub(" ", before)
    words = [w.lower().replace("’", "'") for w in _WORD.findall(before)][-rules.window :]
    joined = " " + " ".join(words) + " "
    for negation in rules.negations:
        if negation.startswith("n'") and any(w.endswith("n't") for w in words):
            return True
        if f" {negation} " in joined:
            return True
    return False


def _reading(text: str) -> str:
    """``text`` as the phrases are matched on: the one normalisation free text gets
    (analysis.redaction.normalise: full-width letters, zero-width characters, soft hyphens),
    accents taken off ("bullíed") and any run of spaces one space ("shouted  at")."""
    text = normalise(text)
    if not text.isascii():
        text = "".join(
            c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
        )
    return _SPACES.sub(" ", text)


def flag_sensitive(text: str) -> list[Flag]:
    """The categories ``text`` may disclose (at most one flag per category), in rule order.
    Matched on the text as ``_reading`` gives it, so a disclosure cannot hide behind a
    character nobody sees."""
    if not text or not text.strip():
        return []
    text = _reading(text)
    rules = _rules()
    topic_spans = [m.span() for m in rules.not_disclosures.finditer(text)]
    flags = []
    for name, label, patterns, ignore in rules.categories:
        for pattern in patterns:
            hit = None
            for m in pattern.finditer(text):
                if any(s <= m.start() < e for s, e in topic_spans):
                    continue
                if pattern.pattern[len(r"(?<![\w])") : -len(r"(?![\w])")] not in ignore and (
                    _negated(text, m.start(), rules)
                ):
                    continue
                hit = m
                break
            if hit is not None:
                flags.append(Flag(name, label, hit.group()))
                break
    return flags


def is_sensitive(text: str | None) -> bool:
    """Whether ``text`` is kept out of every report and download: it may disclose one of the
    categories, so it goes to the Principal Social Worker's restricted page only."""
    return bool(text) and bool(flag_sensitive(text))


def without_sensitive(rows: list[dict]) -> list[dict]:
    """Free-text rows (dicts with ``text``) that a report may hold: all but the sensitive."""
    return [row for row in rows if not is_sensitive(row.get("text"))]
