"""Which quotes a report shows: people, not one person.

A theme's quote candidates arrive most representative first (analysis.theme_clusters). The anonymity
rules add limits across the whole report that no single theme can see:

- at most ``per_theme_each`` (1) quote from one respondent in a theme;
- at most ``per_report_each`` (2) quotes from one respondent across the report (and so the
  PDF, which shows a subset);
- near-duplicates (minor variants of one sentence, or a longer quote that holds a shorter one
  already shown, anywhere in the report) shown once;
- hidden quotes (the Principal Social Worker's review, by ``quote_key``) never shown.

Themes take turns, one quote each per round, so one prolific respondent cannot fill the first
theme's slots and leave the others without their own best quotes. ``healthcheck themes`` and
the app both call ``limit_quotes``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence

from analysis.redaction import PLACEHOLDERS, redact

__all__ = ["choose_quotes", "limit_quotes", "near_duplicate", "quote_key"]

_WORD = re.compile(r"\w+")
NEAR_DUPLICATE = 0.6  # word overlap (Jaccard) above which two quotes are the same sentence
# A quote whose words include nearly all (this share) of another's repeats it ("Fewer duty days.
# Caseloads are too high for the work." after "Caseloads are too high for the work."). Only
# for a shorter quote of CONTAINED_MIN_WORDS or more words: "Thank you." is in many answers.
CONTAINED = 0.9
CONTAINED_MIN_WORDS = 4
_PLACEHOLDER = re.compile("|".join(re.escape(p) for p in set(PLACEHOLDERS.values())))


def _words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(unicodedata.normalize("NFKC", text or "").lower()))


def near_duplicate(a: str, b: str, threshold: float = NEAR_DUPLICATE) -> bool:
    """True when two quotes are minor variants of one sentence (most of their words shared),
    or one holds the other (``contains``)."""
    return _near_duplicate_words(a, _words(a), b, _words(b), threshold)


def _near_duplicate_words(a, wa, b, wb, threshold: float = NEAR_DUPLICATE) -> bool:
    """``near_duplicate`` of ``a`` and ``b`` given their ``_words``."""
    if not wa or not wb:
        return (a or "").strip().lower() == (b or "").strip().lower()
    return _same_words(wa, wb, threshold)


def _same_words(wa: frozenset | set, wb: frozenset | set, threshold: float = NEAR_DUPLICATE):
    shared = len(wa & wb)
    if shared / max(1, len(wa) + len(wb) - shared) > threshold:  # len(wa | wb)
        return True
    shorter = min(len(wa), len(wb))
    return shorter >= CONTAINED_MIN_WORDS and shared >= CONTAINED * shorter


def quote_key(text: str) -> str:
    """A stable key for a quote's text (case, spacing and punctuation ignored), for hiding."""
    words = " ".join(_WORD.findall(unicodedata.normalize("NFKC", text or "").lower()))
    return hashlib.sha256(words.encode("utf-8")).hexdigest()[:16]


def limit_quotes(
    themes: Sequence[dict],
    respondent_of: Callable[[dict], Hashable | None],
    *,
    per_theme: int = 5,
    per_theme_each: int = 1,
    per_report_each: int = 2,
    hidden: Iterable[str] = (),
) -> list[dict]:
    """Copies of ``themes`` whose ``quotes`` obey the rules in the module docstring.

    ``respondent_of(quote)`` says who wrote a quote (any hashable; ``None`` counts as a
    respondent of their own). Themes are visited in the order given; each keeps its
    candidates' order.
    """
    hidden = set(hidden)
    out = [dict(t) for t in themes]
    candidates = [list(t.get("quotes") or []) for t in themes]
    chosen: list[list[dict]] = [[] for _ in themes]
    per_theme_seen: list[Counter] = [Counter() for _ in themes]
    per_report: Counter = Counter()
    shown: list[tuple[str, frozenset]] = []  # each quote shown, with its words
    cursor = [0] * len(themes)
    progress = True
    while progress:
        progress = False
        for t, quotes in enumerate(candidates):
            if len(chosen[t]) >= per_theme:
                continue
            while cursor[t] < len(quotes):
                quote = quotes[cursor[t]]
                cursor[t] += 1
                who = respondent_of(quote)
                if who is None:
                    who = ("row", t, cursor[t])
                text = quote.get("text") or ""
                if quote_key(text) in hidden:
                    continue
                if per_theme_seen[t][who] >= per_theme_each or per_report[who] >= per_report_each:
                    continue
                words = _words(text)
                if any(_near_duplicate_words(text, words, *other) for other in shown):
                    continue
                chosen[t].append(quote)
                per_theme_seen[t][who] += 1
                per_report[who] += 1
                shown.append((text, words))
                progress = True
                break
    for theme, quotes in zip(out, chosen):
        theme["quotes"] = quotes
    return out


def choose_quotes(texts, ranked_rows, n_quotes=5, min_chars=15, max_chars=300, shows=None):
    """Up to ``n_quotes`` representative quotes: the most central statements of readable
    length, skipping near duplicates (``near_duplicate``); redacted again in case the caller
    passed raw text.

    ``shows(text)``: how much a statement shows what the theme's label says (say, how many
    of its content words it holds); those that show most come first (most central first
    among equals), so the quotes under a label bear it out ("Translators are hard to book"
    over quotes about translators, not the pool cars that share its cluster).
    """
    # Stable sorts: most central first among equals. A statement typed all in lower case
    # ("i keep a weekly list") goes after every one written with capitals, so the capitalised
    # copy of a sentence is the one quoted; one that runs on into a sentence begun in lower
    # case is not quoted (``_run_on``).
    ranked_rows = [i for i in ranked_rows if not _run_on(texts[i])]
    # Among those that show the label as much, one sentence before several: a statement of
    # two holds a short one joined to its neighbour (analysis.statements), which reads as two
    # answers run together ("Supervision training for new managers. The training offer is
    # good, but ...", quoted twice under "Training offer" before the answer itself).
    ranked_rows = sorted(ranked_rows, key=lambda i: _SENTENCES.search(texts[i]) is not None)
    if shows is not None:
        ranked_rows = sorted(ranked_rows, key=lambda i: -shows(texts[i]))
    ranked_rows = sorted(ranked_rows, key=lambda i: _all_lower(texts[i]))
    # "Yes, we discuss them in OT supervision." answers its question and means little
    # without it: after every one that stands alone.
    ranked_rows = sorted(ranked_rows, key=lambda i: _YES_NO.match(texts[i]) is not None)
    # One with a redaction placeholder ("My manager [name] is great") goes after every one
    # without: it reads as a gap, and the board's pages leave it out altogether
    # (analysis.evidence_text), so the first quotes should be ones every page can show.
    ranked_rows = sorted(ranked_rows, key=lambda i: _PLACEHOLDER.search(texts[i]) is not None)
    chosen: list[int] = []
    seen_words: list[set[str]] = []
    for pass_min, pass_max in ((min_chars, max_chars), (1, 10**9)):
        for i in ranked_rows:
            if len(chosen) >= n_quotes:
                break
            text = texts[i].strip()
            if i in chosen or not (pass_min <= len(text) <= pass_max):
                continue
            words = set(re.findall(r"\w+", text.lower()))
            if any(_same_words(words, other) for other in seen_words):
                continue
            chosen.append(i)
            seen_words.append(words)
        if len(chosen) >= min(3, len(ranked_rows)):
            break
    return [(i, redact(texts[i])) for i in chosen]


# A sentence end followed by another sentence (as analysis.statements splits them).
_SENTENCES = re.compile(r"[.!?…][\"')\]]*\s+[\"'(\[]?[A-Z0-9]")
_YES_NO = re.compile(r"\s*(?:yes|no|not really|sometimes|mostly)\b\s*[,.;:!-]", re.I)


def _all_lower(text: str) -> bool:
    return text.lower() == text and any(c.isalpha() for c in text)


# A sentence end followed by a lower-case letter ("…assessments. i rarely see the psw"), where
# the word before it is no abbreviation ("e.g. the", "etc. and").
_LOWER_SENTENCE_START = re.compile(r"(\S*)[.!?…]\s+[a-z]")
_ABBREVIATION = re.compile(r"^(?:e\.g|i\.e|etc|vs|approx|no|ref|tel|Dr|Mr|Mrs|Ms|Mx|St)$", re.I)


def _run_on(text: str) -> bool:
    """True for a statement whose next sentence starts in lower case.

    Statements are split where a capital starts a sentence (analysis.statements), so such an
    answer stays whole, and its quote would bring in a second sentence about something else
    ("peer support groups for amhps after difficult assessments. i rarely see the psw…").
    It still counts in its theme; it is just not quoted."""
    return any(
        not _ABBREVIATION.match(m.group(1)) for m in _LOWER_SENTENCE_START.finditer(text or "")
    )
