"""The shortcuts that make sentiment fast give what the slow way gives."""

import gc
import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nltk.sentiment.vader import SentiText

from analysis import sentiment
from analysis import sentiment_lexicon as lexicon
from analysis.fit_scope import analysis_scope
from analysis.regex_anchors import AnchorScan, anchor_strings, anchors, cannot_match
from analysis.sentiment_lexicon import vader
from analysis.theme_analysis import analyse_themes

TRICKY = [
    "Great team!!! but the wait, honestly, is too long...",
    "'quoted' words, (brackets) and -dashes- here.",
    "Don\u2019t know; can't say: won't.",
    "a b c ! ? , ;",
    "Caf\u00e9 na\u00efve r\u00e9sum\u00e9 -- ok?!",
    "",
    "    ",
    "??? !!! ...",
    "word.word, word!word word? .word ,word",
]


def _random_texts(n=400, seed=3):
    rng = random.Random(seed)
    pieces = ["good", "bad", "staff", "n't", "ok", "a", "I", "LOVE", "wait", "caf\u00e9"]
    marks = list(".!?,;:-'\"()[]#$%&*+/<=>@\\^_`{|}~\u2019")
    out = []
    for _ in range(n):
        words = []
        for _ in range(rng.randrange(1, 9)):
            word = rng.choice(pieces)
            if rng.random() < 0.4:
                word = rng.choice(marks) * rng.randrange(1, 3) + word
            if rng.random() < 0.4:
                word += rng.choice(marks) * rng.randrange(1, 3)
            words.append(word)
        out.append(" ".join(words))
    return out


@pytest.mark.parametrize("text", TRICKY + _random_texts())
def test_fast_tokeniser_gives_nltks_words(text):
    analyser = vader()
    constants = analyser.constants
    args = (text, constants.PUNC_LIST, constants.REGEX_REMOVE_PUNCTUATION)
    assert analyser.sentitext is not SentiText
    assert analyser.sentitext(*args).words_and_emoticons == SentiText(*args).words_and_emoticons


def test_clauses_read_once_give_the_same_scores():
    texts = [
        "The team is great. But the wait is too long.",
        "We need more staff. The team is great.",
        "The wait is too long. The team is great, although busy.",
        "The team is great.",
    ]
    outside = [sentiment.raw_sentiment(t) for t in texts]
    with sentiment.sentiment_cache():
        inside = [sentiment.raw_sentiment(t) for t in texts]
        again = [sentiment.raw_sentiment(t) for t in texts]
    assert inside == outside == again
    assert any(s < 0 for s in outside) and any(s > 0 for s in outside)


def test_analysis_scope_pauses_the_collector_and_keeps_nothing_after():
    assert gc.isenabled()
    with analysis_scope():
        assert not gc.isenabled()
        assert sentiment._SCORES.get() == {} and sentiment._CLAUSES.get() == {}
        sentiment.raw_sentiment("The team is great.")
        assert sentiment._CLAUSES.get()
        with analysis_scope():  # nested: the outer scope starts the collector again
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    assert sentiment._SCORES.get() is None and sentiment._CLAUSES.get() is None


def test_analysis_scope_ends_when_the_analysis_fails():
    with pytest.raises(ValueError):
        analyse_themes(["One comment about the team."], k=2, method="no such method")
    assert gc.isenabled()
    assert sentiment._SCORES.get() is None and sentiment._CLAUSES.get() is None


# Every large pattern whose search a quick substring test may skip, and each part of them.
_ANCHORED = [
    (sentiment._REQUEST, sentiment._REQUEST_ANCHORS),
    (lexicon._ANY_PHRASE, lexicon._PHRASE_ANCHORS),
    (lexicon._ANY_IDIOM, lexicon._IDIOM_ANCHORS),
    (lexicon._NAMES, lexicon._NAME_ANCHORS),
    (lexicon._NEGATED_NOTICING, lexicon._NOTICING_ANCHORS),
]


@pytest.mark.parametrize("pattern, found", _ANCHORED, ids=lambda v: str(v)[:20])
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_a_skipped_search_could_not_have_matched(pattern, found, data):
    """A text the pattern matches always holds one of its anchors (so skipping the search
    where none is held changes nothing); generated matches include every branch."""
    assert found  # each pattern has anchors: the quick test is in use
    text = data.draw(st.from_regex(pattern, alphabet=st.characters(max_codepoint=127)))
    if pattern.search(text):
        assert not cannot_match(found, text), text


def test_anchors_skip_most_plain_statements():
    plain = ["The office is warm today.", "Laptops arrived on Monday.", "Team meeting at ten."]
    for pattern, found in _ANCHORED:
        assert any(cannot_match(found, text) for text in plain), pattern.pattern[:40]
        assert not any(pattern.search(text) for text in plain if cannot_match(found, text))


def test_anchors_are_not_used_on_other_alphabets():
    # Case-insensitive matching lets the Kelvin sign match "k": such texts are searched.
    found = anchors(re.compile(r"(?i)\bkind\b"))
    assert found.pattern == "kind"
    assert not cannot_match(found, "\u212aIND")
    assert cannot_match(found, "mean") and not cannot_match(found, "so KIND")
    assert anchors(re.compile(r"(?:a|b)*c?")) is None


# Every pattern read through one scan of a text, with the scan that reads it.
_SCANNED = [
    (sentiment._CLAUSE_SCAN, name, pattern)
    for name, pattern in {**lexicon.LEXICON_PATTERNS, "request": sentiment._REQUEST}.items()
] + [
    (sentiment._CONTRAST_SCAN, "contrast", sentiment._CONTRAST),
    (sentiment._CONTRAST_SCAN, "concessive", sentiment._CONCESSIVE_LEAD),
    (sentiment._CONTRAST_SCAN, "lead", sentiment._CONTRAST_LEAD),
]


@pytest.mark.parametrize("scan, name, pattern", _SCANNED, ids=lambda v: str(v)[:20])
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_one_scan_keeps_every_pattern_that_matches(scan, name, pattern, data):
    """A pattern that matches a text is among those one scan of it says may match."""
    text = data.draw(st.from_regex(pattern, alphabet=st.characters(max_codepoint=127)))
    if pattern.search(text):
        may = scan.may_match(text)
        assert may is None or name in may, text


def test_one_scan_says_what_each_anchor_test_says():
    texts = (
        TRICKY
        + _random_texts()
        + [
            "We need more staff, but the waiting list is long.",
            "Managers don't see the pressure; the crisis team can't cope.",
            "Although busy, the team went above and beyond.",
            "whilst whi while even though though",
        ]
    )
    for scan, name, pattern in _SCANNED:
        found = anchors(pattern)
        for text in texts:
            may = scan.may_match(text)
            if text.isascii():
                assert (name in may) == (not cannot_match(found, text)), (name, text)
                held = any(s in text.lower() for s in anchor_strings(pattern))
                assert (name in may) == held, (name, text)
            else:
                assert may is None
    assert AnchorScan({"none": re.compile(r"\w+")}).may_match("anything") == {"none"}
