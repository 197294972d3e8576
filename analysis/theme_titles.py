"""Question titles in theme labels: a theme most of whose members answer one question is
led by that question's short title ("Asking others for help: senior practitioner"), where
the title fits the theme (``titled``, ``title_fits``).
"""

from __future__ import annotations

import re
from collections import Counter

from analysis.key_terms import written
from analysis.label_phrases import LETTERS as _LETTERS
from analysis.theme_labels import (
    _spread,
    is_claim,
    is_person,
    label_words,
    lower_first,
    shows_label,
)

__all__ = ["title_fits", "title_side", "titled"]

# A theme "mostly answers one question" when more than this share of its members answer it.
MOSTLY_ONE_QUESTION = 0.5
# A role named by under this share of a theme's statements does not follow its question's
# title ("titled"); up to this many statements are read for it.
PERSON_NAMED = 0.5
MAX_TITLE_TEXTS = 300
# Two words that share this many first letters are one word in two forms, for ``_beyond``.
ROOT = 6


# A title asking for one side does not lead a theme this share of whose members answer a
# question asking for the other.
OTHER_SIDE_SHARE = 0.2
_STOPS_TITLE = re.compile(r"\b(?:stops?|barriers?|gets? in the way|went wrong|badly)\b", re.I)


def title_side(title: str) -> str | None:
    """The side a question's short title asks for: "positive" ("What helps cases flow
    well"), "negative" ("What stops cases flowing well") or None."""
    from analysis.sentiment_questions import question_polarity

    if _STOPS_TITLE.search(title):
        return "negative"
    return "positive" if question_polarity(title) == "positive" else None


def title_fits(title: str, questions, titles) -> bool:
    """Whether a question's title may lead a theme whose members answer ``questions``: not
    where it asks for one side (``title_side``) and ``OTHER_SIDE_SHARE`` of the members
    answer a question whose title asks for the other ("What stops cases flowing well:
    legal advice" over answers to "what helps cases flow well?" that legal advice came
    quickly)."""
    want = title_side(title)
    if not want or not questions:
        return True
    sides = {q: title_side(titles.get(q) or "") for q in set(questions) if q}
    other = sum(1 for q in questions if q and sides[q] not in (None, want))
    return other < OTHER_SIDE_SHARE * len(questions)


def titled(label: str, questions, titles, texts=None) -> str:
    """``label`` led by the short title of the question most members answer ("Asking others
    for help: senior practitioner"), where more than half answer one question and the title
    shares no word with the label; else ``label``. ``questions``: the members' questions;
    ``titles``: {question: short title}. A phrase read without its question can say the
    opposite of what people meant ("Difficult visits" for what helps staff resilience) or
    nothing at all (a job title for "who do you ask for help?"). ``texts``: the members'
    statements, most central first: a label that only names a role most of them do not
    name gives way to the title alone. A title asking for one side does not lead a theme
    many of whose members answer a question asking for the other (``title_fits``)."""
    if not titles or not questions:
        return label
    question, count = Counter(questions).most_common(1)[0]
    title = titles.get(question)
    # A title that names two things ("Good things about tools, and improvements") is no
    # heading for one theme.
    if not title or "," in title or count <= MOSTLY_ONE_QUESTION * len(questions):
        return label
    # "What stops cases flowing well: legal advice" over 46 statements that legal advice
    # came quickly says the opposite of what they wrote (they answered the other question).
    if not title_fits(title, questions, titles):
        return label
    if texts is not None and is_person(tuple(_LETTERS.findall(label.lower()))):
        # "What helps staff resilience: senior practitioner" (a quarter name the role) reads
        # as if the role helped; where most do not name it, the question says more (the key
        # terms and quotes say who). "Asking others for help: senior practitioner" stays.
        words = label_words(label)
        sample = _spread(texts, MAX_TITLE_TEXTS)
        named = sum(2 * shows_label(t, words) >= len(words) for t in sample)
        if named < PERSON_NAMED * len(sample):
            return title
    if " and " in label and texts is not None and not written(label, [t.lower() for t in texts]):
        # Two phrases joined, not one somebody wrote, that most members bear out neither of
        # ("Specialist skills and private rooms" under "Able to use knowledge and skills"):
        # the question they answered is what they share. "Asking others for help: senior
        # practitioner and team manager" stays where most name one or the other.
        halves = [label_words(half) for half in label.split(" and ", 1)]
        sample = _spread(texts, MAX_TITLE_TEXTS)
        borne = sum(any(h and shows_label(t, h) >= len(h) for h in halves) for t in sample)
        if 2 * borne < len(sample):
            return title
    if label_words(label) & label_words(title):
        return label
    if is_claim(label) and len(_beyond(label, title)) <= 1:
        # "Fairness of work allocation: cases are allocated" says nothing the title does
        # not: the title alone.
        return title
    return f"{title}: {lower_first(label)}"


def _beyond(label: str, title: str) -> set[str]:
    """The content words of ``label`` that are not a title word in another form (the same
    first ``ROOT`` letters: "allocated" and "allocation")."""
    roots = {w[:ROOT] for w in label_words(title)}
    return {w for w in label_words(label) if w[:ROOT] not in roots}
