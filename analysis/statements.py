"""Clean free text and split it into statements, the unit that themes are built from.

A one-sentence survey answer is one statement. A longer answer or a page of focus-group notes
is split at sentence and line breaks, so that one answer can feed several themes: two
sentences of a survey answer are often about two things ("Clearer criteria for referrals.
Caseloads are too high."), and a theme built from whole answers is labelled by one and quoted
for the other. Personal details are
redacted before anything else, so a statement never holds them.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass

from analysis.redaction import normalise, redact

__all__ = [
    "Statement",
    "clean_text",
    "is_nothing_answer",
    "make_statements",
    "split_statements",
    "statement_key",
]

# An answer up to this long stays whole; longer ones are split into sentences (fragments of
# under MIN_STATEMENT_WORDS words join their neighbour; in an answer of up to
# SPLIT_SHORT_BELOW characters, under MIN_SHORT_STATEMENT_WORDS: "My manager agrees." is an
# aside, not a statement of its own).
SHORT_ANSWER_CHARS = 80
SPLIT_SHORT_BELOW = 240
MIN_SHORT_STATEMENT_WORDS = 6
# A statement longer than this (a run-on sentence) is cut at commas / semicolons, then words.
MAX_STATEMENT_CHARS = 400
# Sentence fragments shorter than this many words are joined to their neighbour.
MIN_STATEMENT_WORDS = 4
# Very long inputs are truncated here so one pasted document cannot stall the analysis.
MAX_INPUT_CHARS = 20_000

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\u00a0]+")
_BULLET = re.compile(r"^\s*(?:[-*•·–]+|\d+[.)])\s+", re.M)
# A sentence ends at . ! ? (or …) followed by space and a capital, digit, quote or bracket.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")
_ABBREVIATIONS = re.compile(
    r"\b(?:Mr|Mrs|Ms|Mx|Dr|Prof|St|etc|e\.g|i\.e|vs|approx|no|tel|ref)\.$", re.IGNORECASE
)
_WORD = re.compile(r"\w+")

_NOTHING = re.compile(
    r"^(?:no|nope|none|nothing|nil|na|n a|n/a|not really|no comment|no comments|"
    # "Not applicable to my role, I am a social worker": the question is not for them.
    r"(?:not applicable|n a|n/a)(?: to (?:me|my (?:role|job|team|service|work)))?"
    r"(?:,? (?:as )?i (?:am|m) an? [a-z]+(?: [a-z]+){0,2})?|"
    r"not at this time|not at the moment|no thanks|no thank you|none that i can think of|"
    r"nothing (?:to add|further|else|more|really|at (?:the moment|present|this time)|"
    r"that i can think of|comes to mind|i can think of|springs to mind)|"
    r"nothing further to add|no further comments?|no other comments?|no more to add|"
    r"nothing to report|nothing to say|not sure|don'?t know|dont know|unsure|no idea|"
    r"all good|all fine|fine|ok|okay|same as above|see above|as above|-+|\.+)$"
)


@dataclass(frozen=True)
class Statement:
    """One redacted statement and where it came from.

    ``row`` is the index of the input row (answer or note) it was split from; ``question``,
    ``area``, ``source`` ("survey" or "focus_group") and ``group`` (for example a job role, used
    by the caller to suppress small groups) are carried through unchanged. ``quotable`` False
    keeps the statement out of a theme's quotes (its writer's group is too small to quote).
    """

    text: str
    row: int
    question: str | None = None
    area: str | None = None
    source: str | None = None
    group: str | None = None
    quotable: bool = True

    def to_dict(self) -> dict:
        return asdict(self)


_BLANK_LINES = re.compile(r"\n{2,}")
_NOT_NOTHING_CHARS = re.compile(r"[^\w/' -]+")
_WHITESPACE = re.compile(r"\s+")


def clean_text(text) -> str:
    """Normalise unicode (analysis/redaction/normalise.py), drop control characters and
    collapse runs of spaces."""
    if text is None:
        return ""
    text = normalise(str(text))
    text = _CONTROL.sub(" ", text).replace("\r\n", "\n").replace("\r", "\n")
    # Each step runs only where it can change something: most answers are one line with
    # single spaces.
    if "  " in text or "\t" in text or "\u00a0" in text:
        text = _SPACES.sub(" ", text)
    if "\n" not in text:
        return text.strip()
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n", text).strip()


def is_nothing_answer(text: str) -> bool:
    """True for answers that say there is nothing to say ("Nothing", "N/A", "No comment")."""
    norm = _NOT_NOTHING_CHARS.sub(" ", (text or "").lower()).strip()
    norm = _WHITESPACE.sub(" ", norm)
    return bool(_NOTHING.match(norm)) if norm else False


def _split_long(sentence: str) -> list[str]:
    """Cut a run-on sentence at ; or , and, failing that, between words."""
    if len(sentence) <= MAX_STATEMENT_CHARS:
        return [sentence]
    parts, current = [], ""
    for piece in re.split(r"(?<=[;,:])\s+", sentence):
        while len(piece) > MAX_STATEMENT_CHARS:
            cut = piece.rfind(" ", 0, MAX_STATEMENT_CHARS)
            cut = cut if cut > 0 else MAX_STATEMENT_CHARS
            if current:
                parts.append(current)
                current = ""
            parts.append(piece[:cut].strip())
            piece = piece[cut:].strip()
        if current and len(current) + len(piece) + 1 > MAX_STATEMENT_CHARS:
            parts.append(current)
            current = piece
        else:
            current = f"{current} {piece}".strip()
    if current:
        parts.append(current)
    return [p for p in parts if p]


def split_statements(text: str) -> list[str]:
    """Split one cleaned answer or note into statements.

    Short answers stay whole. Longer ones split at line breaks, bullets and sentence ends;
    fragments of a few words ("Not really.") are joined to the sentence before them.
    """
    return _split_clean(clean_text(text)[:MAX_INPUT_CHARS])


def _split_clean(text: str) -> list[str]:
    """``split_statements`` for text that is already clean (``clean_text``) and short enough."""
    if not text:
        return []
    if len(text) <= SHORT_ANSWER_CHARS and "\n" not in text:
        return [text]
    sentences: list[str] = []
    for line in _BULLET.sub("", text).split("\n"):
        pending = ""
        for piece in _SENTENCE_END.split(line):
            piece = piece.strip()
            if not piece:
                continue
            pending = f"{pending} {piece}".strip() if pending else piece
            if _ABBREVIATIONS.search(pending):
                continue
            sentences.append(pending)
            pending = ""
        if pending:
            sentences.append(pending)
    merged: list[str] = []
    min_words = MIN_SHORT_STATEMENT_WORDS if len(text) <= SPLIT_SHORT_BELOW else MIN_STATEMENT_WORDS
    for sentence in sentences:
        if merged and len(_WORD.findall(sentence)) < min_words:
            merged[-1] = f"{merged[-1]} {sentence}"
        elif merged and len(_WORD.findall(merged[-1])) < min_words:
            merged[-1] = f"{merged[-1]} {sentence}"
        else:
            merged.append(sentence)
    out: list[str] = []
    for sentence in merged:
        out.extend(_split_long(sentence))
    return out


def make_statements(rows, staff_names=(), split: bool = True) -> list[Statement]:
    """Redact and split input rows into statements.

    ``rows`` holds strings or dicts with ``text`` and optional ``question``, ``area``,
    ``source``, ``group`` and ``quotable`` (default True). Rows with no text give no
    statements. With ``split=False`` each row is one statement.
    """
    statements: list[Statement] = []
    done: dict = {}  # survey answers repeat: redact and split each distinct text once
    for index, row in enumerate(rows):
        if isinstance(row, str) or row is None:
            row = {"text": row}
        raw = row.get("text")
        key = raw if raw is None or isinstance(raw, str) else str(raw)
        pieces = done.get(key)
        if pieces is None:
            cleaned = clean_text(raw)[:MAX_INPUT_CHARS]
            text = redact(cleaned, staff_names)
            if not split:
                pieces = [text] if text else []
            elif text == cleaned and len(cleaned) < MAX_INPUT_CHARS:
                pieces = _split_clean(text)  # already clean: clean_text would change nothing
            else:
                pieces = split_statements(text)
            done[key] = pieces
        for piece in pieces:
            statements.append(
                Statement(
                    text=piece,
                    row=index,
                    question=_opt(row.get("question")),
                    area=_opt(row.get("area")),
                    source=_opt(row.get("source")),
                    group=_opt(row.get("group")),
                    quotable=bool(row.get("quotable", True)),
                )
            )
    return statements


def _opt(value) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def statement_key(text: str) -> str:
    """A short, stable key for a statement's text, used to match themes between runs."""
    norm = " ".join(_WORD.findall((text or "").lower()))
    return hashlib.sha1(norm.encode("utf-8"), usedforsecurity=False).hexdigest()[:12]
