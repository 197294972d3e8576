"""A part's label read to the end of the clause its writers wrote it in.

A part whose members nearly all wrote one sentence is labelled with the phrase in it that
sets it apart, which can stop short of what they said: "Time to attend" of "it is hard to
find time to attend", "Finding information" of "Finding information about community
resources is difficult", "Use my specialist skills" of "I do not get to use my specialist
skills" (the opposite of what they meant). ``whole_clause`` gives the clause instead, where
most of the phrase's writers wrote the same one and it is short; a phrase that a negation
before it turns round, and that cannot be given whole, gives no label at all.

A label longer than a phrase is nearer a quote, so it is counted by people, not statements:
only writers whose quotes may be shown (``who``) bear a clause out, one each however often
they wrote it, and a label never says all that one of its writers' statements says (less
"yes", "honestly", "please" and the like): that would be their quote, shown where the quote
rule may withhold it.
"""

from __future__ import annotations

import math

from analysis.clause_words import (
    BARE_SHARE,
    BREAK,
    CLAUSE_SAYING,
    CLAUSE_WORDS,
    CONCEDED,
    CUT_BEFORE,
    FIRST_PERSON,
    FIRST_PERSON_ANY,
    GRANTING,
    LESS,
    NEGATION,
    NOT_VERBS,
    OBJECTS,
    POINTING,
    SAYING,
    SAYS_HOW,
    SENTENCE_SHARE,
    STOP_VERBS,
    SUBJECTS,
    SUBORDINATE,
    THEIR,
    WHOLE_WORDS,
    WISHED,
    as_staff,
    clause_around,
    clause_core,
    clause_ends,
    clause_gapped,
    clause_head,
    clause_turn,
    dangles,
    goes_with,
    length,
    less_so,
    owned,
    trim,
)
from analysis.label_phrases import LETTERS, PUNCTUATION
from analysis.label_phrases import content_word as _content_word

__all__ = ["CLAUSE_WORDS", "whole_clause"]


class _Reading:
    """What the writers of a phrase wrote around it, counted by writer: one reading each (the
    first of theirs read), and a clause or tail borne out only by those whose quotes may
    be shown."""

    def __init__(self, enough=None):
        self.enough = enough
        self.clauses: dict = {}
        self.tails: dict = {}
        self.conceded: dict = {}
        self.cuts: set = set()  # readings that stop short of their clause's end
        self.whole: dict = {}  # each statement's core: the quotable writers who wrote it
        self.seen = self.negated = self.undone = self.led = self.turned = self.after = 0
        self.wished = 0  # read in a clause after "if": a wish or a condition, not a fact
        self.sentences: dict = {}
        self.granted: dict = {}  # what a drawback was granted of, with it (``GRANTING``)
        self.gapped: dict = {}  # clauses less where they said it was (``clause_gapped``)
        self.led_by_subject: dict = {}  # per reading, who wrote it after "I" or "we" left off
        self._read: set = set()
        self.texts: dict = {}  # each writer's statement read (one per writer whose quotes show)

    def read(self, text: str, first: tuple[str, ...], writer) -> None:
        """One statement of ``first``'s; ``writer``: who wrote it (None: their quotes may
        not be shown, so they bear out no clause, and count as a writer of their own)."""
        wrote = self.whole.setdefault(clause_core(as_staff(tuple(LETTERS.findall(text)))), set())
        if writer is not None:
            wrote.add(writer)
        if writer is not None and writer in self._read:
            return
        self._read.add(writer)
        self.texts.setdefault(writer if writer is not None else ("withheld", len(self.texts)), text)
        k = len(first)
        pieces = [as_staff(tuple(LETTERS.findall(piece))) for piece in PUNCTUATION.split(text)]
        marks = [m.group().strip() for m in PUNCTUATION.finditer(text)]  # between the pieces
        for p, words in enumerate(pieces):
            at = next((j for j in range(len(words) - k + 1) if words[j : j + k] == first), None)
            if at is not None:
                following = pieces[p + 1] if p + 1 < len(pieces) else ()
                if following[:1] == ("which",) and p + 2 < len(pieces) and marks[p + 1] == ",":
                    # "New starters are protected, | which is right, | but it means the rest
                    # of us take more": an aside before what it is conceded to.
                    if pieces[p + 2][:1] and pieces[p + 2][0] in CONCEDED:
                        following = pieces[p + 2]
                if goes_with(pieces, marks, p):
                    # "A cap on caseloads, | with agency cover": the piece says more of the
                    # last one, not a clause of its own.
                    words, at = pieces[p - 1] + words, at + len(pieces[p - 1])
                self._count(words, at, k, following, writer)
                return

    def _count(self, words, at, k, next_piece, writer) -> None:
        self.seen += 1
        lo, hi = clause_around(words, at, k)
        # A negation in the phrase's own conjunct: "I rarely see the PSW and | I am not sure
        # what the role does" is not turned round by "rarely".
        conjunct = max([lo] + [j + 1 for j in range(lo, at) if words[j] == "and"])
        self.negated += any(w in NEGATION for w in words[conjunct:at]) or less_so(words[lo:at])
        # "Head of service listens | to none of us", "cares | about nothing": what the phrase
        # does, it does to no one; alone it says the opposite.
        after = words[at + k : at + k + 3]
        self.undone += bool(after) and (
            after[0] in NEGATION or (after[0] in CUT_BEFORE and bool(NEGATION & set(after[1:])))
        )
        # "The training offer is good, | but backfill is not": what follows, across the comma.
        following = words[hi : hi + 1] or next_piece[:1]
        if following and following[0] in CONCEDED:
            if writer is not None:  # with what it was conceded to: "…but backfill is not"
                rest = words[hi:] or next_piece
                _, turn_end = clause_around(rest, 1, 0)
                said = self._trim(words[lo:hi]) + rest[: max(turn_end, 1)]
                # Not "…but only | when it is urgent": what it is conceded to says something.
                if any(_content_word(w) for w in rest[1 : max(turn_end, 1)]):
                    self.conceded.setdefault(said, set()).add(writer)
            return
        turn = clause_turn(next_piece) if hi == len(words) else ()
        self.turned += bool(turn)
        self.wished += lo > 0 and words[lo - 1] in WISHED
        if lo > 0 and words[lo - 1] in SUBORDINATE:
            # The clause it depends on, before it, and this one: the sentence.
            start = lo - 1
            while start > 0 and words[start - 1] not in BREAK:
                start -= 1
            self.after += start < lo - 1
            if writer is not None and start < lo - 1:
                self.sentences.setdefault(self._trim(words[start:hi], writer) + turn, set()).add(
                    writer
                )
        if writer is not None and lo > 2 and words[lo - 1] in GRANTING and hi == len(words):
            # What it is granted of: all that came before it in the sentence, one clause of
            # two words or more ("Supervision was weekly" of "It would help if supervision
            # was weekly, | although…" is not what anyone said).
            granted = words[: lo - 1]
            said = trim(granted) + words[lo - 1 : lo] + trim(words[lo:hi])
            if not BREAK & set(granted) and not (FIRST_PERSON_ANY | NEGATION) & set(said):
                self.granted.setdefault(said, set()).add(writer)
        if writer is not None:  # read whole, and cut where a clause is too long
            trimmed = trim(words[lo:hi])  # the phrase ends where it did, less the lead
            gapped = clause_gapped(trimmed, at + k - lo - (hi - lo - len(trimmed)))
            if gapped is not None:
                self._add(self.gapped, gapped, writer, False)
            for end in clause_ends(words, lo, hi, at + k - 1):
                self._add(
                    self.clauses,
                    self._trim(words[lo:end], writer) + turn * (end == hi),
                    writer,
                    end < hi,
                )
            tail = hi == at + k or words[at + k] not in OBJECTS
            if tail:
                for end in clause_ends(words, at, hi, at + k):
                    self._add(self.tails, words[at:end] + turn * (end == hi), writer, end < hi)
            if hi < len(words) and words[hi] in SUBORDINATE:
                # With the clause saying when or why, where it follows: "Manager who notices
                # | when you are struggling". Not one that speaks as "we" or points back
                # ("Agency cover | when we go over it"), nor an empty one.
                end = hi + 1
                while end < len(words) and words[end] not in BREAK:
                    end += 1
                # (A verb straight after "when" lost its subject to redaction: "when [name]
                # is on leave" is read "when is on leave".)
                whole = end > hi + 1 and words[hi + 1] not in SAYING
                if (
                    whole
                    and not FIRST_PERSON_ANY & set(words[hi:end])
                    and words[end - 1] not in POINTING
                ):
                    self._add(self.clauses, self._trim(words[lo:end], writer), writer, False)
                    if tail and at == lo:  # the phrase starts its clause: no tail from mid-phrase
                        self._add(self.tails, words[at:end], writer, False)
        # A content word just before it: the phrase is what something is said of ("find |
        # time to attend"), and reads whole only with it. Or the clause starts on the thing
        # it is said of: "Legal advice took weeks and the | case drifted".
        before = words[at - 1] if at > lo else None
        self.led += before is not None and (
            before in STOP_VERBS
            or before == "and"  # "I keep a weekly list and | prioritise by risk"
            or before in SAYS_HOW  # "good | supervision and time to reflect on cases"
            or _content_word(before)
            or _content_word(self._trim(words[lo:hi])[0])
            or self._trim(words[lo:hi])[0] in STOP_VERBS  # "I keep | a weekly list"
        )

    def _trim(self, words, writer=None):
        trimmed = trim(words)
        if words[:1] in SUBJECTS and trimmed == words[1:]:
            self.led_by_subject.setdefault(trimmed, set()).add(writer)
        return trimmed

    def disputed(self, words) -> bool:
        """Whether a third or more of the writers read who did not write ``words`` wrote the
        other way (sentiment of the opposite sign): "group supervision is a waste of time"
        from three, "is brilliant" and "helps a lot" from two."""
        from analysis.sentiment import sentiment_label, text_sentiment

        wrote = self.tails.get(words) or set()
        side = sum(text_sentiment(self.texts[w]) for w in wrote if w in self.texts)
        if side == 0:
            return False
        other = "negative" if side > 0 else "positive"
        rest = [sentiment_label(text_sentiment(t)) for w, t in self.texts.items() if w not in wrote]
        return bool(rest) and rest.count(other) * 3 >= len(rest)

    def by_subject(self, words) -> bool:
        """Whether most who bore ``words`` out wrote "I" or "we" before them."""
        wrote = set()
        for table in (self.clauses, self.tails, self.sentences):
            wrote |= table.get(words) or set()
        subject = self.led_by_subject.get(words) or set()
        return bool(wrote) and len(subject & wrote) * 2 > len(wrote)

    def places_differ(self, gapped) -> bool:
        """Whether the writers of ``gapped`` named different places where it leaves one
        out: no whole clause of theirs is borne out by half of them."""
        wrote = self.gapped.get(gapped) or set()
        return not any(
            len(writers & wrote) * 2 > len(wrote)
            for words, writers in self.clauses.items()
            if words not in self.cuts
        )

    def speaks_as_one(self, words) -> bool:
        """Whether ``words`` would still speak as one of their writers once said as what
        staff do (``by_subject``, ``by_staff``) or with "staff's own" (``owned``): "…the
        information we needed", "Supervisor knows my cases"."""
        if FIRST_PERSON & set(words):
            return True
        if not FIRST_PERSON_ANY & set(words):
            return False
        if self.by_subject(words):
            return self.by_staff(words) is None
        return bool(FIRST_PERSON_ANY & set(owned(words)))

    def by_staff(self, words) -> tuple[str, ...] | None:
        """``words`` said as what staff do ("Staff reflect on complaints in supervision"),
        "my" and "our" as "their"; None where what follows "we" says who ("we social
        workers"), the rest still speaks as someone ("with me") or it is too long."""
        said = ("staff",) + tuple(THEIR.get(w, w) for w in words)
        if words[0] in NOT_VERBS or FIRST_PERSON_ANY & set(said) or len(said) > WHOLE_WORDS:
            return None
        return said

    def _add(self, table, words, writer, cut) -> None:
        table.setdefault(words, set()).add(writer)
        if cut:
            self.cuts.add(words)

    def most(self, table: dict):
        """The entry most writers bore out and how many (ties: the first met), else (None, 0)."""
        best, count = None, 0
        for words, writers in table.items():
            if len(writers) > count:
                best, count = words, len(writers)
        return best, count

    def best(self, table: dict, need: float, fits=lambda words: True, least=0):
        """The entry most writers bore out, ``need`` or more, that is no quote and ``fits``;
        the longest where as many bore out several (a clause whole before a cut of it). Never
        one in the first person singular, nor a cut that fewer than ``least`` wrote."""
        ranked = sorted(table.items(), key=lambda item: (-len(item[1]), -len(item[0])))
        for words, writers in ranked:
            if len(writers) < need:
                break
            if self.speaks_as_one(words) or (words in self.cuts and len(writers) < least):
                continue
            if dangles(words):
                continue
            most = CLAUSE_WORDS if words in self.cuts else WHOLE_WORDS
            if length(words) <= most and fits(words) and not self.quote(words):
                return words
        return None

    def withheld(self, words) -> bool:
        """Whether ``words`` say all that a statement says that only writers whose quotes
        may not be shown wrote."""
        return self.whole.get(clause_core(words)) == set()

    def quote(self, words) -> bool:
        """Whether ``words`` say all that one of the statements read says, and fewer than
        ``enough`` writers whose quotes may be shown wrote that statement: the same words
        from that many are no one's quote ("Panel paperwork takes as long as the
        assessment", written by 10)."""
        wrote = self.whole.get(clause_core(words))
        if wrote is None:
            return False
        return self.enough is None or len(wrote) < self.enough


def whole_clause(first, writers, texts, share, who=None, least=0, enough=None):
    """See ``_whole_clause``; a clause whose writers' "I" or "we" was left off says that
    staff do it ("Staff keep a weekly list and prioritise by risk"), their "my" and "our"
    "their" (after the quote rule is applied to what they wrote)."""
    if len(first) == 1:  # one word is no label (analysis.theme_parts), nor its tail
        return first
    first = as_staff(first)
    seen = _Reading(enough)
    for i in writers:
        seen.read(texts[i], first, i if who is None else who[i])
    if not seen.seen:
        return first
    words = _whole_clause(first, seen, share, least)
    if words is not None and words != first and seen.by_subject(words):
        # What most of its writers do, said so; else the phrase (not advice with no subject,
        # nor a label that still speaks as one of them)
        words = seen.by_staff(words) or first
    words = owned(words)
    if words is not None and FIRST_PERSON_ANY & set(words):
        return None  # still one of them speaking ("Supervisor knows my cases"): no label
    return words


def _takes_side(words) -> bool:
    """Whether ``words`` alone read positive or negative ("Good access to training", "Big
    improvement"; not "New laptops")."""
    from analysis.sentiment import sentiment_label, text_sentiment

    return sentiment_label(text_sentiment(" ".join(words))) != "neutral"


def _whole_clause(first, seen, share, least):
    """``first`` (a phrase's words) read to the end of its clause, or the whole clause, where
    ``share`` of the distinct writers of its statements ``writers`` (indices into ``texts``,
    prepared) wrote the same one and it has at most ``CLAUSE_WORDS`` words; else ``first``.
    None where most writers wrote a negation before it, or a remark after it that turns it
    round, that the label cannot hold. ``who``: per index of ``texts``, who wrote it, None
    where their quotes may not be shown (without it, each statement is a writer of its own).
    Never what one writer's whole statement says (``_Reading.quote``). A clause cut short,
    or one conceded to, that fewer than ``least`` wrote is not taken: it would speak for too
    few of the part it labels ("Allocation meeting is transparent", 12 of a part of 29 about
    the allocation meeting). A whole statement ``enough`` writers whose quotes may be shown
    wrote word for word is no one's quote, and may be given (None: never). ``seen``: the
    phrase's writers read (``_Reading``)."""
    need = share * seen.seen
    most = seen.seen / 2
    majority = math.floor(most) + 1
    clause, count = seen.most(seen.clauses)
    fits = (
        clause is not None
        and count >= need
        and len(clause) <= CLAUSE_WORDS + 1
        and not seen.quote(clause)
    )
    # Most conceded it: what they conceded it to, where enough wrote the same ("Training
    # offer is good but backfill is not"); the phrase alone says only what it is about.
    if sum(len(w) for w in seen.conceded.values()) > most:
        conceded = seen.best(seen.conceded, max(need, least, majority))
        if conceded is not None and not FIRST_PERSON_ANY & set(conceded):
            return conceded
        if CLAUSE_SAYING & set(first) or _takes_side(first):
            # A claim or a judgement most conceded ("New starters are protected, | … but it
            # means the rest of us take more", "Good access to training | but hard to get
            # time to attend"), not given with what it was conceded to: alone it says what
            # they did not mean.
            return None
    # In a clause saying when or why: read with the clause it depends on, the sentence most
    # often written where it is a fair share ("Supervision gets cancelled when the team is
    # busy", 19 of 40, beside 18 "do not cancel supervision when the team is busy"): the
    # fragment alone ("Team is busy") says neither.
    sentence, wrote = seen.most(seen.sentences)
    if (
        sentence is not None
        and seen.after > most
        and wrote >= SENTENCE_SHARE * seen.seen
        and len(sentence) <= WHOLE_WORDS
        and not FIRST_PERSON_ANY & set(sentence)
        and not seen.quote(sentence)
    ):
        return sentence
    # A drawback granted of what most named before it: with what it is a drawback of.
    granted = seen.best(seen.granted, max(majority, least))
    if granted is not None:
        return granted
    if seen.wished > most:
        # "It would be nice if | managers listened to us": alone, the phrase reads as what
        # happens. The sentence, where short enough, was taken above; else no label.
        return None
    # Where they named different places, what they all said ("Keep supervision records so
    # staff can look back at them"), where no clause is borne out as it stands.
    if not fits or clause in seen.cuts:
        gapped = seen.best(seen.gapped, max(need, majority))
        if gapped is not None and len(gapped) > len(first) and seen.places_differ(gapped):
            return gapped
    if seen.negated > most:
        if fits and clause[0] not in LESS and not FIRST_PERSON & set(clause):
            return clause
        # The phrase alone would say what most said they lack or never see ("Proper
        # clinical supervision" of "we are working without proper clinical supervision").
        return None
    # What it is said of leads the phrase: the clause most wrote, where most did, reads
    # truer than the phrase alone ("Hard to find time to attend", 19 of 27, beside "hard to
    # get time to attend").
    if seen.led > most:
        led = seen.best(seen.clauses, majority, least=least)
        if led is not None:
            return led
    # A clause nearly all wrote word for word, too long to be read whole, that ends on the
    # phrase (so no cut holds it): its start, where it can end ("More desks for the number of staff"
    # of "more desks for the number of staff in the office on team days", not "Office on
    # team days").
    if (
        clause is not None
        and count >= need
        and len(clause) > WHOLE_WORDS
        and clause[-len(first) :] == first
    ):
        head = clause_head(clause)
        if head is not None and not FIRST_PERSON_ANY & set(head) and not seen.quote(head):
            return head
    longer = lambda w: len(w) > len(first)  # noqa: E731
    if SAYING & set(first):
        tail = seen.best(seen.tails, max(need, majority), longer, least)
    else:  # a bare phrase: what most wrote after it, unless many of the rest say the other way
        tail = seen.best(seen.tails, majority, longer, least)
        if tail is not None and seen.disputed(tail):
            tail = seen.best(seen.tails, max(BARE_SHARE * seen.seen, majority), longer, least)
    if tail is not None:
        return tail
    # Nor is the phrase alone what only writers whose quotes are withheld wrote as their
    # whole statement ("Pool cars unavailable" of "Pool cars unavailable, thanks.").
    if seen.turned > most or seen.undone > most or seen.withheld(first):
        return None
    # Nor a phrase across two clauses, not read whole ("Numbers | when allocating" of "my
    # manager looks at complexity as well as numbers when allocating").
    if BREAK & set(first[1:-1]):
        return None
    return first
