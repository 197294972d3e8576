"""A part's label read to the end of the clause its writers wrote it in.

A part whose members nearly all wrote one sentence is labelled with the phrase in it that
sets it apart, which can stop short of what they said: "Time to attend" of "it is hard to
find time to attend", "Finding information" of "Finding information about community
resources is difficult", "Use my specialist skills" of "I do not get to use my specialist
skills" (the opposite of what they meant). ``whole_clause`` gives the clause instead, where
most of the phrase's writers wrote the same one and it is short; a phrase that a negation
before it turns round, and that cannot be given whole, gives no label at all.
"""

from __future__ import annotations

from collections import Counter

from analysis.key_terms import VAGUE
from analysis.label_phrases import LABEL_STOP, LETTERS, PUNCTUATION

__all__ = ["CLAUSE_WORDS", "whole_clause"]

# A clause longer than this stays the phrase chosen (a label is not a quote).
CLAUSE_WORDS = 8
# Words that start a new clause inside a sentence ("Legal advice was available quickly |
# when there was a capacity question"). Not "so", "as" or "and": "on duty so often", "as a
# standing item", "equipment and adaptations".
_BREAK = frozenset(
    {"but", "however", "although", "though", "yet", "whereas", "except", "because"}
    | {"when", "while", "whilst", "unless", "if", "since", "which", "where"}
)
# A clause these follow is conceded, not the point ("Research in Practice is useful | but I
# never have time to read it"): the phrase alone says less that the writer did not mean.
_CONCEDED = frozenset({"but", "however", "yet", "except"})
# A negation before the phrase in its clause says the opposite of the phrase alone. The
# text is prepared (analysis.text_features.prepare): "don't" reads "do not".
_NEGATION = frozenset({"not", "no", "never", "cannot", "nobody", "nothing", "nowhere"})
# "valued by my team, | less so by the wider organisation": what follows is what they value
# less. The clause alone ("Less so by the wider organisation") is no label either.
_LESS = frozenset({"less"})
# What a clause may start with that a label leaves off ("it is hard to find time to attend"
# reads "Hard to find time to attend").
_LEADS = (("it", "is"), ("it", "was"), ("yes",), ("the",), ("a",), ("an",))
# After the phrase, these show that its last word was a verb ("Team reviews | it with me").
_OBJECTS = frozenset({"it", "them", "me", "us", "him", "her", "you"})
# Before the phrase, these show that it starts on a verb ("not get to | use my specialist
# skills"): negated, it is a claim turned round. A thing named under a negation ("do not
# see the | pressure on the front line") is still what the statement is about.
_VERB_BEFORE = frozenset({"to", "not", "never", "do", "does", "did", "can", "could", "will"})
_VERB_BEFORE |= {"would", "should", "cannot", "must"}
# Verbs scikit-learn's stop words hold: before the phrase, it is what they are done to.
_STOP_VERBS = frozenset({"find", "get", "give", "go", "keep", "see", "take", "put", "show"})
_STOP_VERBS |= {"make", "made", "call", "fill", "move"}


def _trim(words: tuple[str, ...]) -> tuple[str, ...]:
    for lead in _LEADS:
        if words[: len(lead)] == lead and len(words) > len(lead) + 1:
            return words[len(lead) :]
    return words


def _less_so(words) -> bool:
    """Whether ``words`` hold "less so" ("Less paperwork" asks for less; "less so by the
    wider organisation" values it less)."""
    return any(a in _LESS and b == "so" for a, b in zip(words, words[1:]))


def _content_word(word: str) -> bool:
    return word not in LABEL_STOP and word not in VAGUE


def _around(words, at, k):
    """Where the clause holding ``words[at:at + k]`` starts and ends."""
    lo, hi = at, at + k
    while lo > 0 and words[lo - 1] not in _BREAK:
        lo -= 1
    while hi < len(words) and words[hi] not in _BREAK:
        hi += 1
    return lo, hi


# "A proper lunch break, | which is rare": a short remark after the comma that turns what
# came before round; the label keeps it ("Proper lunch break which is rare").
_TURNING = frozenset({"rare", "rarely", "never", "seldom"})
TURN_WORDS = 4


def _turn(piece: tuple[str, ...]) -> tuple[str, ...]:
    """``piece`` where it is such a remark ("which is rare"), else ()."""
    if piece[:1] == ("which",) and len(piece) <= TURN_WORDS and _TURNING & set(piece):
        return piece
    return ()


class _Reading:
    """What the writers of a phrase wrote around it, counted."""

    def __init__(self):
        self.clauses: Counter = Counter()
        self.tails: Counter = Counter()
        self.whole: set = set()
        self.seen = self.negated = self.verb = self.led = self.turned = 0

    def read(self, text: str, first: tuple[str, ...]) -> None:
        k = len(first)
        self.whole.add(_trim(tuple(LETTERS.findall(text))))
        pieces = [tuple(LETTERS.findall(piece)) for piece in PUNCTUATION.split(text)]
        for p, words in enumerate(pieces):
            at = next((j for j in range(len(words) - k + 1) if words[j : j + k] == first), None)
            if at is not None:
                self._count(words, at, k, pieces[p + 1] if p + 1 < len(pieces) else ())
                return

    def _count(self, words, at, k, next_piece) -> None:
        self.seen += 1
        lo, hi = _around(words, at, k)
        self.negated += any(w in _NEGATION for w in words[lo:at]) or _less_so(words[lo:at])
        self.verb += at > 0 and words[at - 1] in _VERB_BEFORE
        # "The training offer is good, | but backfill is not": what follows, across the comma.
        following = words[hi : hi + 1] or next_piece[:1]
        if following and following[0] in _CONCEDED:
            return
        turn = _turn(next_piece) if hi == len(words) else ()
        self.turned += bool(turn)
        self.clauses[_trim(words[lo:hi]) + turn] += 1
        if hi == at + k or words[at + k] not in _OBJECTS:
            self.tails[words[at:hi] + turn] += 1
        # A content word just before it: the phrase is what something is said of ("find |
        # time to attend"), and reads whole only with it. Or the clause starts on the thing
        # it is said of: "Legal advice took weeks and the | case drifted".
        before = words[at - 1] if at > lo else None
        self.led += before is not None and (
            before in _STOP_VERBS or _content_word(before) or _content_word(_trim(words[lo:hi])[0])
        )


def whole_clause(first, writers, texts, share):
    """``first`` (a phrase's words) read to the end of its clause, or the whole clause, where
    ``share`` of its ``writers`` (indices into ``texts``, prepared) wrote the same one and it
    has at most ``CLAUSE_WORDS`` words; else ``first``. None where most writers wrote a
    negation before it, or a remark after it that turns it round, that the label cannot
    hold. Never a writer's whole statement: that would be a quote, shown where the quote
    rule may withhold it."""
    if len(first) == 1:  # one word is no label (analysis.theme_parts), nor its tail
        return first
    seen = _Reading()
    for i in writers:
        seen.read(texts[i], first)
    if not seen.seen:
        return first
    need = share * seen.seen
    most = seen.seen / 2
    clause, count = seen.clauses.most_common(1)[0] if seen.clauses else (first, 0)
    fits = count >= need and len(clause) <= CLAUSE_WORDS + 1 and clause not in seen.whole
    if seen.negated > most:
        if fits and clause[0] not in _LESS:
            return clause
        if fits:
            return None
        return None if seen.verb > most else first
    # What it is said of leads the phrase: the clause most wrote, where most did, reads
    # truer than the phrase alone ("Hard to find time to attend", 19 of 27, beside "hard to
    # get time to attend").
    if (
        seen.led > most
        and count > most
        and len(clause) <= CLAUSE_WORDS
        and clause not in seen.whole
    ):
        return clause
    tail, count = seen.tails.most_common(1)[0] if seen.tails else (first, 0)
    if count >= need and len(tail) <= CLAUSE_WORDS and tail not in seen.whole:
        return tail
    return None if seen.turned > most else first
