"""Sentiment of statements and themes, on nltk's VADER, aware of the question asked.

VADER's lexicon comes from the ``vaderSentiment`` package (installed with pip), never from
``nltk.download()``: build, CI and production machines may have no internet. A few words that
matter in social care feedback and that VADER does not know ("understaffed", "caseload") are
added. Answers that say there is nothing to say are scored from the question: "Nothing" to
"what could be improved?" is not a complaint, while "Nothing" to "what helps you?" is.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache

from analysis.statements import clean_text, is_nothing_answer

__all__ = [
    "question_polarity",
    "sentiment_label",
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
    "overloaded": -1.8,
    "burnout": -2.5,
    "burnt": -1.2,
    "exhausted": -2.0,
    "unmanageable": -2.2,
    "unrealistic": -1.5,
    "unsustainable": -1.8,
    "backlog": -1.2,
    "backlogs": -1.2,
    "delays": -1.3,
    "delayed": -1.2,
    "lack": -1.3,
    "lacking": -1.5,
    "shortage": -1.6,
    "shortages": -1.6,
    "chaotic": -2.0,
    "dismissive": -1.9,
    "rude": -2.0,
    "uncaring": -2.2,
    "patronising": -2.0,
    "unprofessional": -2.0,
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
}

_IMPROVE_QUESTION = re.compile(
    r"\b(?:improve|improved|improvement|change|changes|better|differently|difficult|difficulty|"
    r"challenge|challenges|barrier|barriers|concern|concerns|worry|worries|problem|problems|"
    r"issue|issues|stop|hinder|prevent|frustrat\w*|anything else|else)\b",
    re.IGNORECASE,
)
_POSITIVE_QUESTION = re.compile(
    r"\b(?:works? well|working well|helps?|helpful|good|best|strengths?|enjoy|proud|value|"
    r"valued|positive|support(?:s|ed)?)\b",
    re.IGNORECASE,
)
# "Nothing" to a question about improvements means "no complaint": mildly positive.
NOTHING_TO_IMPROVE = 0.2
# "Nothing" to a question about what is good means "nothing is good".
NOTHING_GOOD = -0.3


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
            sentiments = self._but_check(words, sentiments)
            return self.score_valence(sentiments, text)

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
    """What a question invites: "improve" (problems), "positive" (what is good) or "neutral"."""
    if not question:
        return "neutral"
    if _IMPROVE_QUESTION.search(question):
        return "improve"
    if _POSITIVE_QUESTION.search(question):
        return "positive"
    return "neutral"


def statement_sentiment(text: str, question: str | None = None, nothing=None) -> float:
    """Sentiment of one statement from -1 (negative) to 1 (positive), given the question.

    ``nothing``: ``is_nothing_answer(text)``, where the caller knows it already."""
    if not text or not text.strip():
        return 0.0
    if is_nothing_answer(text) if nothing is None else nothing:
        kind = question_polarity(question)
        if kind == "improve":
            return NOTHING_TO_IMPROVE
        if kind == "positive":
            return NOTHING_GOOD
        return 0.0
    analyser = vader()
    if not _has_lexicon_word(text, analyser.lexicon):
        return 0.0  # VADER gives every word 0, so its compound score is 0
    return float(analyser.polarity_scores(text)["compound"])


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
