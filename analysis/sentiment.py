"""Sentiment of statements and themes, on nltk's VADER, aware of the question asked.

VADER's lexicon comes from the ``vaderSentiment`` package (installed with pip), never from
``nltk.download()``: build, CI and production machines may have no internet. A few words that
matter in social care feedback and that VADER does not know ("understaffed", "caseload") are
added. Answers that say there is nothing to say are scored from the question: "Nothing" to
"what could be improved?" is not a complaint, while "Nothing" to "what helps you?" is.
"""

from __future__ import annotations

import math
import os
import re
from functools import lru_cache

from analysis.statements import clean_text, is_nothing_answer

__all__ = [
    "apply_prior",
    "clauses",
    "is_request",
    "question_polarity",
    "raw_sentiment",
    "sentiment_label",
    "theme_mood",
    "statement_sentiment",
    "text_sentiment",
    "vader",
]

# Words VADER lacks or weighs for product reviews rather than care work (VADER's -4..4 scale).
DOMAIN_LEXICON = {
    "understaffed": -2.0,
    "short-staffed": -2.0,
    "overworked": -2.2,
    "overstretched": -2.0,
    "stretched": -1.4,
    "overloaded": -1.8,
    "overwhelmed": -1.8,
    "burnout": -2.5,
    "burnt": -1.2,
    "exhausted": -2.0,
    "unmanageable": -2.2,
    "unrealistic": -1.5,
    "unsustainable": -1.8,
    "backlog": -1.2,
    "backlogs": -1.2,
    "waitlist": -1.2,
    "delays": -1.3,
    "delayed": -1.2,
    "overdue": -1.4,
    "cancelled": -1.6,
    "canceled": -1.6,
    "cancelling": -1.4,
    "cancellations": -1.4,
    "rushed": -1.3,
    "squeezed": -1.3,
    "chasing": -1.2,
    "chase": -1.0,
    "covering": -0.8,
    "lack": -1.3,
    "lacking": -1.5,
    "shortage": -1.6,
    "shortages": -1.6,
    "vacancies": -1.0,
    "vacant": -0.8,
    "turnover": -0.9,
    "sickness": -0.9,
    "slow": -1.0,
    "clunky": -1.4,
    "outdated": -1.2,
    "crashes": -1.5,
    "crashing": -1.5,
    "freezes": -1.2,
    "unreliable": -1.5,
    "duplication": -1.0,
    "bureaucracy": -1.2,
    "chaotic": -2.0,
    "dismissive": -1.9,
    "rude": -2.0,
    "uncaring": -2.2,
    "patronising": -2.0,
    "unprofessional": -2.0,
    "unsupported": -1.8,
    "undervalued": -1.8,
    "unheard": -1.2,
    "ignored": -1.6,
    "isolated": -1.5,
    "isolating": -1.5,
    "approachable": 1.8,
    "supportive": 2.0,
    "compassionate": 2.1,
    "caring": 1.9,
    "listened": 1.3,
    "reassured": 1.5,
    "reassuring": 1.6,
    "understanding": 1.3,
    "flexible": 1.2,
    "enough": 0.8,
    "manageable": 1.2,
    "sustainable": 1.0,
    "realistic": 0.8,
    "transparent": 1.2,
    "fairly": 1.2,
    "responsive": 1.3,
    "timely": 1.0,
    "consistent": 0.8,
    "regular": 0.5,
    "protected": 0.9,
    "reflective": 0.6,
    "visible": 0.6,
    "quickly": 0.6,
    "smooth": 1.0,
}

# Phrases of care work that carry sentiment though no single word of them does (valence on
# VADER's scale, added to the clause they occur in; a negation just before flips half of it).
CARE_PHRASES = tuple(
    (re.compile(pattern), valence)
    for pattern, valence in (
        (r"\bwaiting lists?\b", -1.6),
        (r"\b(?:still|kept|keep|left) waiting\b", -1.2),
        (r"\bwait(?:ing|s|ed)? (?:for )?(?:weeks|months|ages|a month|over a month)\b", -1.2),
        (r"\b(?:too|very|really|far too|so) (?:high|many|much|heavy|long|slow|big|busy)\b", -1.6),
        (r"\b(?:high|heavy|huge|unmanageable|big) caseloads?\b", -1.4),
        (r"\bcaseloads? (?:is|are) (?:too )?(?:high|heavy|huge)\b", -1.4),
        (
            r"\bno (?:time|support|supervision|feedback|backfill|cover|space|privacy|capacity)\b",
            -1.6,
        ),
        (r"\b(?:lack|shortage) of\b", -0.4),
        (r"\bnobody (?:tells?|told|knows?|listens?|checks?)\b", -1.5),
        (r"\b(?:takes?|took|taking) (?:weeks|months|ages|forever|too long|a long time)\b", -1.4),
        (r"\b(?:keeps?|kept) (?:being )?(?:moved|cancelled|changing|crashing|dropping)\b", -1.2),
        (r"\b(?:gets?|got|is|are|being) (?:moved|pushed back|squeezed|dropped|rushed)\b", -1.0),
        (r"\b(?:working|work) (?:late|evenings|weekends)\b", -1.3),
        (r"\btak(?:e|es|ing) work home\b", -1.4),
        (r"\bcatch(?:ing)? up\b", -0.8),
        (r"\b(?:fall|falls|fell|falling) (?:through|behind)\b", -1.4),
        (r"\bbehind (?:on|with)\b", -1.0),
        (r"\bpulled out\b", -1.0),
        (r"\bshouts? (?:the )?loudest\b", -1.3),
        (r"\bhard to\b", -0.8),
        (r"\bnot (?:sustainable|fair|realistic|safe|manageable)\b", -0.6),
        (r"\bsaves? (?:time|hours|travel\w*)\b", 1.2),
        (r"\bmakes? time\b", 1.0),
        (r"\bon time\b", 0.8),
    )
)
_NEGATION_BEFORE = re.compile(
    r"\b(?:not|never|no|isn't|aren't|wasn't|don't|doesn't|didn't)\s+(?:\w+\s+)?$"
)

# A clause that asks for something ("We need more staff", "It would be good to have ...")
# says what is missing: never praise, whatever words it uses.
_REQUEST = re.compile(
    r"^\W*(?:(?:we|i|staff|teams?|workers|practitioners|managers|everyone|people|the team|"
    r"the service|there)\s+)?(?:really\s+|urgently\s+|badly\s+|definitely\s+|still\s+)?"
    r"(?:need|needs|must|should|would like|'d like|want|wish|require|could do with|could use)\b"
    r"|^\W*(?:more|fewer|better|proper|clearer|additional|extra|stop|recruit|introduce|provide|"
    r"bring back|please)\b"
    r"|\bit would (?:be|help|make)\b|\bwould (?:be (?:good|nice|great|helpful|better|useful)|"
    r"help|make a (?:big |real )?difference)\b|\bplease\b",
    re.IGNORECASE,
)
# Valence a request adds: it reads as a need, mildly negative.
REQUEST_VALENCE = -1.2

# Contrast: the clause after "but", "however", "yet" counts more than the one before; a clause
# led by "although", "though", "even though", "despite", "while" counts less than the main one.
_CONTRAST = re.compile(r"(?i)(?:[,;:.]\s*|\s+)(but|however|yet|although|though|whereas)\b[,]?\s*")
_CONCESSIVE_LEAD = re.compile(r"(?i)^\W*(?:although|though|even though|despite|while|whilst)\b")
WEAK_CLAUSE = 0.35

_IMPROVE_QUESTION = re.compile(
    r"\b(?:improve|improved|improvement|change|changes|better|differently|recommend\w*|"
    r"suggest\w*|stop|hinder|prevent|frustrat\w*|anything else|else)\b",
    re.IGNORECASE,
)
_PROBLEM_QUESTION = re.compile(
    r"\b(?:not (?:go|flow|work)(?:ed)? well|did not (?:go|flow|work) well|went wrong|"
    r"go(?:es)? badly|went badly|what caused|barriers?|difficult|difficulty|difficulties|"
    r"challenges?|concerns?|worry|worries|problems?|issues?)\b",
    re.IGNORECASE,
)
_POSITIVE_QUESTION = re.compile(
    r"\b(?:works? well|working well|went well|flow(?:ed)? well|helps?|helpful|good|best|"
    r"strengths?|enjoy|proud|value|valued|positive|support(?:s|ed)?)\b",
    re.IGNORECASE,
)
# "Nothing" to a question about improvements means "no complaint": mildly positive.
NOTHING_TO_IMPROVE = 0.2
# "Nothing" to a question about what is good means "nothing is good".
NOTHING_GOOD = -0.3
# What a question leads people to write, as (scale for a positive score, shift toward the
# expected sign for a score near 0): praise in answer to "what caused this to go badly?" is
# rarer than it looks (a "good" in "good handover is missing"), and a plain statement there
# ("The provider pulled out") is a problem.
PRIOR_FADE = 0.5
QUESTION_PRIORS = {
    "problem": (0.5, -0.3),
    "improve": (0.6, -0.2),
    "positive": (1.0, 0.15),
    "neutral": (1.0, 0.0),
}


_PUNC_CHARS = frozenset(".!?,;:-'\"")


def _analyser_class():
    """nltk's analyser with a faster tokeniser: nltk builds a dict of every word joined to
    every punctuation mark for each text (most of its run time); this checks each token's
    leading or trailing punctuation directly and gives the same tokens."""
    from nltk.sentiment.vader import SentimentIntensityAnalyzer, SentiText

    class FastSentiText(SentiText):
        def _words_and_emoticons(self):
            words_only = {
                w for w in self.REGEX_REMOVE_PUNCTUATION.sub("", self.text).split() if len(w) > 1
            }
            out = []
            for token in self.text.split():
                if len(token) <= 1:
                    continue
                out.append(self._strip(token, words_only))
            return out

        def _strip(self, token, words_only):
            if token[0] not in _PUNC_CHARS and token[-1] not in _PUNC_CHARS:
                return token
            # nltk's dict lets "word" + punctuation win over punctuation + "word".
            for punc in self.PUNC_LIST:
                if token.endswith(punc) and token[: -len(punc)] in words_only:
                    return token[: -len(punc)]
            for punc in self.PUNC_LIST:
                if token.startswith(punc) and token[len(punc) :] in words_only:
                    return token[len(punc) :]
            return token

    class Analyser(SentimentIntensityAnalyzer):
        def polarity_scores(self, text):
            return self.score_valence(self.valences(text), text)

        def valences(self, text):
            """VADER's valence of each word of ``text`` (0 for most), before the sum."""
            sentitext = FastSentiText(
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
    return analyser


def question_polarity(question: str | None) -> str:
    """What a question invites: "problem" (what went badly, what caused it), "improve"
    (changes, recommendations), "positive" (what is good, what helps) or "neutral" (a
    question that asks for both, or neither)."""
    if not question:
        return "neutral"
    if _PROBLEM_QUESTION.search(question):
        return "problem"
    improve = bool(_IMPROVE_QUESTION.search(question))
    positive = bool(_POSITIVE_QUESTION.search(question))
    if improve and positive:
        return "neutral"  # "What are the good things? How could these be improved?"
    if improve:
        return "improve"
    if positive:
        return "positive"
    return "neutral"


def clauses(text: str) -> list[tuple[str, float]]:
    """``text`` cut at contrast words, each clause with its weight: after "but", "however" or
    "yet" the clause before counts ``WEAK_CLAUSE``; a clause led by "although", "though",
    "despite" or "while" counts ``WEAK_CLAUSE`` against the main clause."""
    parts = _CONTRAST.split(text)
    out = [[parts[0], 1.0]]
    for word, clause in zip(parts[1::2], parts[2::2]):
        word = word.lower()
        if word in ("but", "however", "yet", "whereas"):
            for earlier in out:
                earlier[1] = min(earlier[1], WEAK_CLAUSE)
            out.append([clause, 1.0])
        else:  # "X, although Y": Y concedes; "Although Y, X" is handled below
            out.append([clause, WEAK_CLAUSE])
    result = []
    for clause, weight in out:
        if _CONCESSIVE_LEAD.match(clause) and "," in clause:
            lead, main = clause.split(",", 1)
            result.append((lead, weight * WEAK_CLAUSE))
            result.append((main, weight))
        elif _CONCESSIVE_LEAD.match(clause):
            result.append((clause, weight * WEAK_CLAUSE))
        else:
            result.append((clause, weight))
    return [(c, w) for c, w in result if c.strip()]


def is_request(clause: str) -> bool:
    """Whether a clause asks for something ("We need more staff", "More time for reflection
    would help")."""
    return _REQUEST.search(clause) is not None


_ANY_PHRASE = re.compile("|".join(f"(?:{pattern.pattern})" for pattern, _ in CARE_PHRASES))


def _phrase_valence(lower: str) -> float:
    if _ANY_PHRASE.search(lower) is None:  # most statements hold none: one search, not 24
        return 0.0
    total = 0.0
    for pattern, valence in CARE_PHRASES:
        for match in pattern.finditer(lower):
            before = lower[max(0, match.start() - 20) : match.start()]
            total += valence * (-0.5 if _NEGATION_BEFORE.search(before) else 1.0)
    return total


def _clause_valence(analyser, clause: str) -> float:
    """The summed valence of one clause: VADER's words, the care phrases, and a request's
    pull toward "something is missing"."""
    lower = clause.lower()
    total = 0.0
    if _has_lexicon_word(clause, analyser.lexicon):
        total = float(sum(analyser.valences(clause)))
    total += _phrase_valence(lower)
    if is_request(clause):
        total = min(total, 0.0) + REQUEST_VALENCE
    return total


def _normalise(total: float, alpha: float = 15.0) -> float:
    """VADER's squash of a valence sum onto -1..1."""
    return total / math.sqrt(total * total + alpha) if total else 0.0


def raw_sentiment(text: str) -> float:
    """Sentiment of a text from -1 to 1 before any question prior: VADER's words with the
    care lexicon, care phrases, requests, and contrast weighting across clauses."""
    analyser = vader()
    parts = clauses(text)
    total = sum(weight * _clause_valence(analyser, clause) for clause, weight in parts)
    if total == 0.0:
        return 0.0
    # VADER's emphasis for "!" and "?", on the text as a whole.
    total += math.copysign(analyser._punctuation_emphasis(total, text), total)
    return round(max(-1.0, min(1.0, _normalise(total))), 4)  # as VADER rounds


def apply_prior(score: float, kind: str) -> float:
    """``score`` read in the light of what the question asked (``QUESTION_PRIORS``)."""
    scale, shift = QUESTION_PRIORS.get(kind, (1.0, 0.0))
    if score > 0:
        score *= scale
    # The shift moves a plain statement; it fades out for one that clearly takes a side.
    score += shift * max(0.0, 1.0 - abs(score) / PRIOR_FADE)
    return max(-1.0, min(1.0, score))


def statement_sentiment(text: str, question: str | None = None, nothing=None) -> float:
    """Sentiment of one statement from -1 (negative) to 1 (positive), given the question (its
    wording: what it asks shapes what an answer means; see ``question_polarity``).

    ``nothing``: ``is_nothing_answer(text)``, where the caller knows it already."""
    if not text or not text.strip():
        return 0.0
    kind = question_polarity(question)
    if is_nothing_answer(text) if nothing is None else nothing:
        if kind in ("improve", "problem"):
            return NOTHING_TO_IMPROVE
        if kind == "positive":
            return NOTHING_GOOD
        return 0.0
    return apply_prior(raw_sentiment(text), kind)


_PUNC_STRIP = "".join(sorted(_PUNC_CHARS))


def _has_lexicon_word(text: str, lexicon) -> bool:
    """Whether any word of ``text`` may be in VADER's lexicon. VADER's words are the text's
    whitespace-separated tokens, some with one leading or trailing run of punctuation taken
    off: each is the token or the token stripped of that punctuation."""
    for token in text.split():
        lower = token.lower()
        if lower in lexicon or lower.strip(_PUNC_STRIP) in lexicon:
            return True
    return False


def text_sentiment(text: str, question: str | None = None) -> float:
    """Sentiment of a whole answer or note from -1 to 1, given the question.

    VADER's compound score over the whole text: on the Care Opinion benchmark it follows the
    coders' criticality scores more closely than the mean over sentences does (Spearman 0.38
    against 0.25), since one clearly critical sentence outweighs polite thanks around it.
    """
    return statement_sentiment(clean_text(text), question)


def sentiment_label(score: float, threshold: float = 0.05) -> str:
    """ "positive", "negative" or "neutral", with VADER's usual cut-off."""
    if score >= threshold:
        return "positive"
    if score <= -threshold:
        return "negative"
    return "neutral"


# A theme is "mostly" one way when this share of its positive and negative statements are;
# "mostly neutral" when this share of all its statements are neutral; otherwise "mixed".
MOOD_MAJORITY = 0.65


def theme_mood(counts) -> str:
    """What a theme's statements say on the whole, from their ``{"positive": n, "neutral": n,
    "negative": n}``: "Mostly negative", "Mostly positive", "Mostly neutral" or "Mixed". From
    the counts, not the mean score: three angry statements and three warm ones are mixed, not
    neutral, and one glowing quote does not make a complaint theme positive."""
    positive = int((counts or {}).get("positive") or 0)
    negative = int((counts or {}).get("negative") or 0)
    neutral = int((counts or {}).get("neutral") or 0)
    total = positive + negative + neutral
    if not total:
        return "Not known"
    if neutral >= MOOD_MAJORITY * total:
        return "Mostly neutral"
    if negative >= MOOD_MAJORITY * (positive + negative):
        return "Mostly negative"
    if positive >= MOOD_MAJORITY * (positive + negative):
        return "Mostly positive"
    return "Mixed"
