"""VADER's words with a care-sector lexicon: the word-level part of analysis.sentiment.

VADER's lexicon comes from the ``vaderSentiment`` package (installed with pip), never from
``nltk.download()``: build, CI and production machines may have no internet. The care-sector
words, phrases and service names live in ``analysis/data/sentiment_lexicon.yaml`` (words VADER
lacks, such as "understaffed"; phrases no single word of which carries the feeling, such as
"waiting list" or "not available"; names such as "crisis team" or "social care" whose words
are not sentiment at all).
"""

from __future__ import annotations

import os
import re
import string
from functools import lru_cache
from importlib import resources

import yaml

from analysis.regex_anchors import anchors, cannot_match

__all__ = [
    "CARE_PHRASES",
    "DOMAIN_LEXICON",
    "LEXICON_PATTERNS",
    "has_lexicon_word",
    "lexicon_valence",
    "phrase_valence",
    "vader",
]


def _load() -> dict:
    text = resources.files("analysis").joinpath("data", "sentiment_lexicon.yaml")
    return yaml.safe_load(text.read_text(encoding="utf-8"))


_DATA = _load()
# Words VADER lacks or weighs for product reviews rather than care work (VADER's -4..4 scale).
DOMAIN_LEXICON: dict[str, float] = {w: float(v) for w, v in _DATA["words"].items()}
# Phrases of care work that carry sentiment though no single word of them does (valence on
# VADER's scale, added to the clause they occur in; a negation just before flips half of it).
CARE_PHRASES = tuple((re.compile(p), float(v)) for p, v in _DATA["phrases"])
_ANY_PHRASE = re.compile("|".join(f"(?:{pattern.pattern})" for pattern, _ in CARE_PHRASES))
# Set phrases VADER misreads, scored as a whole ("can't thank them enough").
IDIOMS = tuple((re.compile(p, re.IGNORECASE), float(v)) for p, v in _DATA["idioms"])
_ANY_IDIOM = re.compile("|".join(f"(?:{pattern.pattern})" for pattern, _ in IDIOMS), re.I)
# Words for what people need care for: describing an illness is not a verdict on the care.
CONDITION_WEIGHT = 0.3
CONDITIONS = frozenset(_DATA["conditions"])
# Names of services and roles ("crisis team", "care home"): their words are not sentiment.
_NAMES = re.compile("|".join(f"(?:{p})" for p in _DATA["names"]), re.IGNORECASE)

_NEGATION_BEFORE = re.compile(
    r"\b(?:not|never|no|isn't|aren't|wasn't|don't|doesn't|didn't)\s+(?:\w+\s+)?$"
)
# A negated verb of noticing ("managers do not see the pressure") denies the noticing, not
# what goes unnoticed: VADER would flip "pressure" to praise. The negation is kept from the
# words after it and the phrase itself counts as a complaint.
_NEGATED_NOTICING = re.compile(
    r"(?i)\b(?:do not|don't|does not|doesn't|did not|didn't|never|cannot|can't|can not|"
    r"fail to|fails to|failed to)\s+(see|notice|understand|realise|realize|recognise|"
    r"recognize|hear|appreciate|acknowledge|listen|value)\b"
)
NEGATED_NOTICING_VALENCE = -1.4
# Strings one of which every match of each large pattern holds (analysis/regex_anchors.py):
# where a clause has none, the search is skipped.
_PHRASE_ANCHORS = anchors(_ANY_PHRASE)
_IDIOM_ANCHORS = anchors(_ANY_IDIOM)
_NAME_ANCHORS = anchors(_NAMES)
_NOTICING_ANCHORS = anchors(_NEGATED_NOTICING)
# The same patterns by name, for one scan of a clause against all of them
# (``regex_anchors.AnchorScan``; ``may``, below, is what it gives).
LEXICON_PATTERNS = {
    "phrase": _ANY_PHRASE,
    "idiom": _ANY_IDIOM,
    "name": _NAMES,
    "noticing": _NEGATED_NOTICING,
}
# Criticism weighs more than praise: the coders of care feedback mark a story critical for
# one plain complaint among thanks, and a reader remembers the complaint. Each word's or
# phrase's negative valence (after VADER's negation and boosters) counts this much more.
NEGATIVITY_WEIGHT = 1.3

_PUNC_CHARS = frozenset(".!?,;:-'\"")
# What nltk's REGEX_REMOVE_PUNCTUATION removes (the class of ``string.punctuation``): a
# translation gives the same text without its regex engine's per-call timeout (~0.5 ms).
_NO_PUNCTUATION = str.maketrans("", "", string.punctuation)
_PUNC_STRIP = "".join(sorted(_PUNC_CHARS))


def _analyser_class():
    """nltk's analyser with a faster tokeniser: nltk builds a dict of every word joined to
    every punctuation mark for each text (most of its run time); this checks each token's
    leading or trailing punctuation directly and gives the same tokens. Its test of whether
    one word negates (asked of the three words before each sentiment word) is remembered."""
    from nltk.sentiment.vader import SentimentIntensityAnalyzer, SentiText, VaderConstants

    class Constants(VaderConstants):
        def __init__(self):
            super().__init__()
            self.negating: dict[str, bool] = {}  # nltk's answer for each one-word list

        def negated(self, input_words, include_nt=True):
            if len(input_words) != 1 or not include_nt:
                return super().negated(input_words, include_nt)
            word = input_words[0]
            known = self.negating.get(word)
            if known is None:
                if len(self.negating) > 100_000:
                    self.negating.clear()
                known = self.negating[word] = super().negated(input_words)
            return known

    class FastSentiText(SentiText):
        def _words_and_emoticons(self):
            words_only = None  # read only when some token has punctuation at an end
            out = []
            for token in self.text.split():
                if len(token) <= 1:
                    continue
                if token[0] not in _PUNC_CHARS and token[-1] not in _PUNC_CHARS:
                    out.append(token)
                    continue
                if words_only is None:
                    words_only = {
                        w for w in self.text.translate(_NO_PUNCTUATION).split() if len(w) > 1
                    }
                out.append(self._strip(token, words_only))
            return out

        def _strip(self, token, words_only):
            # nltk's dict lets "word" + punctuation win over punctuation + "word".
            for punc in self.PUNC_LIST:
                if token.endswith(punc) and token[: -len(punc)] in words_only:
                    return token[: -len(punc)]
            for punc in self.PUNC_LIST:
                if token.startswith(punc) and token[len(punc) :] in words_only:
                    return token[len(punc) :]
            return token

    class Analyser(SentimentIntensityAnalyzer):
        sentitext = FastSentiText  # tests compare its words with nltk's SentiText

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.constants = Constants()

        def polarity_scores(self, text):
            return self.score_valence(self.valences(text), text)

        def valences(self, text):
            """VADER's valence of each word of ``text`` (0 for most), before the sum."""
            sentitext = self.sentitext(
                text, self.constants.PUNC_LIST, self.constants.REGEX_REMOVE_PUNCTUATION
            )
            sentiments = []
            words = sentitext.words_and_emoticons
            first_index = {}
            for idx, token in enumerate(words):
                first_index.setdefault(token, idx)
            lexicon, boosters = self.lexicon, self.constants.BOOSTER_DICT
            for item in words:
                lower = item.lower()
                # nltk's sentiment_valence gives 0 to a word outside the lexicon: skip the call.
                if lower not in lexicon or lower in boosters:
                    sentiments.append(0)
                    continue
                i = first_index[item]
                if i < len(words) - 1 and lower == "kind" and words[i + 1].lower() == "of":
                    sentiments.append(0)
                    continue
                sentiments = self.sentiment_valence(0, sentitext, item, i, sentiments)
            return self._but_check(words, sentiments)

    return Analyser


@lru_cache(maxsize=1)
def vader():
    """nltk's VADER analyser with the lexicon shipped by ``vaderSentiment`` (no download)."""
    import nltk
    import vaderSentiment

    folder = os.path.dirname(vaderSentiment.__file__)
    if folder not in nltk.data.path:
        nltk.data.path.append(folder)
    analyser = _analyser_class()(lexicon_file="vader_lexicon.txt")
    analyser.lexicon.update(DOMAIN_LEXICON)
    for word in CONDITIONS:
        if word in analyser.lexicon:
            analyser.lexicon[word] *= CONDITION_WEIGHT
    return analyser


def has_lexicon_word(text: str, lexicon) -> bool:
    """Whether any word of ``text`` may be in VADER's lexicon. VADER's words are the text's
    whitespace-separated tokens, some with one leading or trailing run of punctuation taken
    off: each is the token or the token stripped of that punctuation."""
    for token in text.split():
        lower = token.lower()
        if lower in lexicon or lower.strip(_PUNC_STRIP) in lexicon:
            return True
    return False


def _join(match) -> str:
    return match.group(0).replace(" ", "_").replace("-", "_")


def _may(may, name: str, found, text: str) -> bool:
    """Whether pattern ``name`` (with anchors ``found``) may match ``text``: from ``may``,
    the names an ``AnchorScan`` of ``text`` gave, where the caller scanned it, else from
    ``cannot_match``."""
    if may is None:
        return not cannot_match(found, text)
    return name in may


def lexicon_valence(analyser, clause: str, may=None) -> float:
    """The summed VADER valence of one clause's words, service names ("crisis team") read as
    names and a negated verb of noticing kept from flipping what follows it.

    ``may``: the names of ``LEXICON_PATTERNS`` that may match the clause (an ``AnchorScan``
    of it), where the caller has scanned it; None to test each pattern here."""
    total = 0.0
    clause = clause.replace("\u2019", "'")  # "don’t" negates as "don't" does
    if _may(may, "idiom", _IDIOM_ANCHORS, clause) and _ANY_IDIOM.search(clause):
        for pattern, valence in IDIOMS:
            total += valence * len(pattern.findall(clause))
            clause = pattern.sub(" ", clause)
        may = None  # the scan was of the clause before the idioms went
    if _may(may, "name", _NAME_ANCHORS, clause) and _NAMES.search(clause):
        clause = _NAMES.sub(_join, clause)
        may = None
    if _may(may, "noticing", _NOTICING_ANCHORS, clause) and _NEGATED_NOTICING.search(clause):
        total += NEGATED_NOTICING_VALENCE * len(_NEGATED_NOTICING.findall(clause))
        clause = _NEGATED_NOTICING.sub(lambda m: "unable_to " + m.group(1), clause)
    if has_lexicon_word(clause, analyser.lexicon):
        total += float(sum(_weighted(v) for v in analyser.valences(clause)))
    return total


def _weighted(valence: float) -> float:
    """A word's or phrase's valence with criticism weighed ``NEGATIVITY_WEIGHT`` times."""
    return valence * NEGATIVITY_WEIGHT if valence < 0 else valence


def phrase_valence(lower: str, may=None) -> float:
    """The summed valence of the care phrases in a lower-cased clause; a negation just before
    a phrase turns half of it the other way. ``may``: as for ``lexicon_valence``."""
    lower = lower.replace("\u2019", "'")
    # Most statements hold no phrase: a few substring tests, else one search, not dozens.
    if not _may(may, "phrase", _PHRASE_ANCHORS, lower) or _ANY_PHRASE.search(lower) is None:
        return 0.0
    # An idiom is scored whole ("nothing was too much trouble").
    if _may(may, "idiom", _IDIOM_ANCHORS, lower) and _ANY_IDIOM.search(lower):
        lower = _ANY_IDIOM.sub(" ", lower)
    total = 0.0
    for pattern, valence in CARE_PHRASES:
        for match in pattern.finditer(lower):
            before = lower[max(0, match.start() - 20) : match.start()]
            total += _weighted(valence * (-0.5 if _NEGATION_BEFORE.search(before) else 1.0))
    return total
