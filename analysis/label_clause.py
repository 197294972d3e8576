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

from analysis.label_phrases import LABEL_STOP, LETTERS, PUNCTUATION
from analysis.label_phrases import content_word as _content_word

__all__ = ["CLAUSE_WORDS", "whole_clause"]

# A clause cut short longer than this stays the phrase chosen (a label is not a quote).
CLAUSE_WORDS = 8
# A clause read whole may be this long: "AMHP rota on top of a full caseload is too much",
# "Group supervision has been helpful for learning from each other".
WHOLE_WORDS = 10
# A phrase in a clause saying when or why takes the sentence this share of its writers wrote.
SENTENCE_SHARE = 0.4
# Words that start a new clause inside a sentence ("Legal advice was available quickly |
# when there was a capacity question"). Not "so", "as" or "and": "on duty so often", "as a
# standing item", "equipment and adaptations".
_BREAK = frozenset(
    {"but", "however", "although", "though", "yet", "whereas", "except", "because"}
    | {"when", "while", "whilst", "unless", "if", "since", "which", "where"}
)
# A clause these open says when or why; the clause before it says what ("Supervision gets
# cancelled | when the team is busy"): a phrase in it is read with that clause.
_SUBORDINATE = frozenset({"when", "while", "whilst", "if", "because", "since", "unless"})
# A clause these follow says what is wished for or what it depends on, not what is so.
_WISHED = frozenset({"if", "unless"})
# A clause these follow is conceded, not the point ("Research in Practice is useful | but I
# never have time to read it"): the phrase alone says less that the writer did not mean.
_CONCEDED = frozenset({"but", "however", "yet", "except"})
# A negation before the phrase in its clause says the opposite of the phrase alone. The
# text is prepared (analysis.text_features.prepare): "don't" reads "do not".
_NEGATION = frozenset({"not", "no", "never", "cannot", "nobody", "nothing", "nowhere"})
_NEGATION |= {"none", "without", "hardly", "rarely", "barely", "seldom", "unable", "few", "little"}
# "valued by my team, | less so by the wider organisation": what follows is what they value
# less. The clause alone ("Less so by the wider organisation") is no label either.
_LESS = frozenset({"less"})
# What a clause may start with that a label leaves off ("it is hard to find time to attend"
# reads "Hard to find time to attend").
_LEADS = (("it", "is"), ("it", "was"), ("yes",), ("honestly",), ("the",), ("a",), ("an",))
_LEADS += (("some",), ("there", "are"), ("there", "is"))  # "there are | few opportunities"
# A label with these in it reads as one person's quote ("Honestly I manage by working late
# most evenings"): a shorter reading without them is taken ("Working late most evenings").
_FIRST_PERSON = frozenset({"i"})
# A clause that starts on these and a verb says what its writers do; the label says staff do
# it ("Staff reflect on complaints in supervision", "Staff block out recording time in their
# diary"): without a subject it would read as advice. Not before a negation or an auxiliary
# ("I do not get to…" is no "Staff do not get to…" of one person): those are stop words.
_SUBJECTS = frozenset({("i",), ("we",)})
_THEIR = {"my": "their", "our": "their"}
_FIRST_PERSON_ANY = frozenset({"i", "we", "me", "us", "myself", "ourselves", "my", "our"})
# After "we" these say who, not what they do ("we social workers are ignored").
_NOT_VERBS = frozenset({"social", "managers", "manager", "staff", "workers", "practitioners"})
_NOT_VERBS |= {"team", "teams", "senior", "all", "both", "ots", "amhps", "nurses", "myself"}
# A clause saying when that speaks as one person (``_FIRST_PERSON_ANY``) or ends on one of
# these, pointing back to what the label does not hold, is not read on into ("Agency cover |
# when we go over it").
_POINTING = frozenset({"it", "this", "that", "them", "there"})
# A phrase with none of these says what staff wrote about, not what they said of it ("Group
# supervision", "Waiting lists"): what most of its writers wrote after it is taken ("Waiting
# lists are growing"), where the rest of a phrase needs four in five (``FULLER_SHARE``); two
# in three where a third of the rest say the other way (three who call group supervision a
# waste of time are not the five who wrote of it: ``_Reading.disputed``).
BARE_SHARE = 2 / 3
_SAYING = frozenset({"is", "are", "was", "were", "be", "been", "being", "has", "have", "had"})
_SAYING |= {"do", "does", "did", "get", "gets", "got", "take", "takes", "make", "makes", "to"}
_SAYING |= {"need", "needs", "means", "can", "could", "will", "would", "should", "must"}
# A phrase with one of these says something of its subject: a claim.
_CLAUSE_SAYING = frozenset({"is", "are", "was", "were"})
# After the phrase, these show that its last word was a verb ("Team reviews | it with me").
_OBJECTS = frozenset({"it", "them", "me", "us", "him", "her", "you"})
# Verbs scikit-learn's stop words hold: before the phrase, it is what they are done to.
_STOP_VERBS = frozenset({"find", "get", "give", "go", "keep", "see", "take", "put", "show"})
_STOP_VERBS |= {"make", "made", "call", "fill", "move"}


# A clause too long for a label may end before these, where the word before can end one
# (not a stop word, or "us", "them"): "Duty rota takes two days a week | out of my caseload
# work", "Hot desking does not work | for a team that needs to talk cases through".
# Not "of" ("on top | of a full caseload"), nor "is" ("AMHP rota | is too much" is the point),
# nor "that": what follows says which ("…for a team | that needs to talk cases through"),
# and the label without it says another thing.
_CUT_BEFORE = frozenset({"to", "for", "and", "so", "with", "on", "in", "at", "about"})
_CUT_BEFORE |= {"from", "by", "after", "before", "or", "rather", "into", "out"}


# Words a cut may not end on: they want what follows ("Funding panel delays and then being
# asked | for more information", "Handovers between teams need | to be better").
_WANTING = frozenset({"need", "needs", "asked", "want", "wants", "being", "able", "have", "has"})
_WANTING |= {"had", "mean", "means", "get", "got", "try", "trying", "used", "going", "make"}


# A cut holds no second clause joined by these ("Not enough OT capacity | so equipment").
_JOINS = frozenset({"and", "so", "then", "or"})


def _ends(words, start, end, least):
    """Where a label read from ``words[start]`` to its clause's ``end`` may stop, longest
    first: ``end``, then before a word of ``_CUT_BEFORE`` where that leaves at most
    ``CLAUSE_WORDS`` words, more than ``least``, adds no second clause (``_JOINS``) and
    leaves no negation out."""
    yield end
    for e in range(min(end - 1, start + CLAUSE_WORDS), max(least, start + 1), -1):
        if words[e] not in _CUT_BEFORE or (words[e] == "out" and words[e + 1 : e + 2] != ("of",)):
            continue
        if _JOINS & set(words[least:e]) or words[e - 1] in _WANTING:
            continue
        # What the cut leaves out of its own conjunct (up to the next "and"; none where it
        # stops before "and": "…with no handover | and nobody owning them" is another).
        dropped = words[e:end]
        dropped = dropped[: dropped.index("and")] if "and" in dropped else dropped
        if _NEGATION & set(dropped):  # "Head of service listens | to none of us"
            continue
        if words[e - 1] not in LABEL_STOP or words[e - 1] in _OBJECTS:
            yield e


# A clause's start may leave out only where or when, after these ("More desks for the number
# of staff | in the office on team days").
_PLACE = frozenset({"in", "at", "on"})
# What, left out or kept, changes what the start says: "…approved for managers | and refused
# for frontline social workers", "…going to managers | rather than to frontline social
# workers", "…every week | apart from duty weeks", "…much more | than about staff wellbeing".
_LIMITING = frozenset({"only", "apart", "except", "than", "rather", "until", "unless", "but"})
_LIMITING |= {"just", "even", "instead", "besides", "excluding", "versus"}


# Words that end a "where" left out of a clause and start what it says of it ("…on Mosaic |
# so we can look back at them").
_GAP_ENDS = frozenset({"so"})
# Who a purpose after "so" is said by.
_PURPOSE_BY = frozenset({("we",), ("staff",), ("they",), ("you",), ("people",)})
# Words in a "place" that say how, not where ("on paper", "in theory", "at short notice").
_NOT_A_PLACE = frozenset({"paper", "theory", "principle", "private", "secret", "time", "person"})
_NOT_A_PLACE |= {"practice", "general", "fact", "reality", "short", "last", "day", "notice"}
_NOT_A_PLACE |= {"us", "team", "me", "them", "average", "purpose", "advance"}
GAP_WORDS = 5


def _gapped(words, after):
    """``words`` (a clause) less the first place named after its ``after``-th word ("on the
    portal", up to ``GAP_WORDS`` words, then ``_GAP_ENDS``), else None: where writers
    named different places ("Keep supervision records on Mosaic | on the portal so we can
    look back at them"), what they all said ("Keep supervision records so staff can look
    back at them")."""
    for e in range(max(after, 2), len(words)):
        if words[e] in _PLACE:
            f = next(
                (
                    j
                    for j in range(e + 2, min(len(words), e + GAP_WORDS + 1))
                    if words[j] in _GAP_ENDS
                ),
                None,
            )
            if f is None or (_NEGATION | _LIMITING | _NOT_A_PLACE) & set(words[e - 1 : f]):
                return None
            # "…so we can", a purpose said by who: not "so hard", "or so", "so it is"; and
            # not after what the place says how ("works better | in person", "are | on paper").
            before = words[e - 1]
            if (
                words[f + 1 : f + 2] not in _PURPOSE_BY
                or before in _SAYING
                or before.endswith("er")
            ):
                return None
            return words[:e] + words[f:]
    return None


def _head(words):
    """The longest start of ``words`` that may end a label (``_ends``), of two words or more
    and at most ``CLAUSE_WORDS``, leaving out only where or when (``_PLACE``), else None.
    Never where the clause holds another conjunct ("Rarely see the PSW | and not sure what
    the role does"), a negation or a word that limits what it says (``_LIMITING``)."""
    if (_JOINS | _NEGATION | _LIMITING) & set(words):
        return None
    for end in _ends(words, 0, len(words), 1):
        if 2 <= end <= CLAUSE_WORDS and end < len(words) and words[end] in _PLACE:
            return words[:end]
    return None


# Words around a statement that say nothing of it: a label that is a statement less these
# is that statement.
_FILLERS = frozenset({"yes", "no", "honestly", "please", "really", "just", "ok", "okay"})
_FILLERS |= {"well", "so", "thanks", "thank", "definitely", "mostly", "agree", "again"}


def _core(words: tuple[str, ...]) -> tuple[str, ...]:
    """``words`` without the small words and fillers at either end: what a label and a
    statement are compared on."""
    start, end = 0, len(words)
    while start < end and (words[start] in LABEL_STOP or words[start] in _FILLERS):
        start += 1
    while end > start and (words[end - 1] in LABEL_STOP or words[end - 1] in _FILLERS):
        end -= 1
    return words[start:end]


def _trim(words: tuple[str, ...]) -> tuple[str, ...]:
    for lead in _LEADS:
        if words[: len(lead)] == lead and len(words) > len(lead) + 1:
            if words[len(lead)] == "of":  # "some | of us get supervision monthly"
                break
            return words[len(lead) :]
    if (
        words[:1] in _SUBJECTS
        and len(words) > 2
        and (_content_word(words[1]) or words[1] in _STOP_VERBS)  # "I | keep a weekly list"
    ):
        return words[1:]  # "we | reflect on complaints in supervision"
    return words


def _less_so(words) -> bool:
    """Whether ``words`` hold "less so" ("Less paperwork" asks for less; "less so by the
    wider organisation" values it less)."""
    return any(a in _LESS and b == "so" for a, b in zip(words, words[1:]))


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
# Remarks that say the thing before them is seldom had ("Having manageable caseloads, | when
# that happens"): alone, the phrase reads as something staff have.
_SELDOM = frozenset(
    {("when", "that", "happens"), ("when", "it", "happens"), ("if", "that", "happens")}
    | {("if", "ever"), ("when", "possible"), ("if", "possible"), ("when", "we", "can")}
)


def _turn(piece: tuple[str, ...]) -> tuple[str, ...]:
    """``piece`` where it is such a remark ("which is rare"), else ()."""
    if piece[:1] == ("which",) and len(piece) <= TURN_WORDS and _TURNING & set(piece):
        return piece
    # "Debriefs after difficult cases, | which do not always happen".
    if piece[:1] == ("which",) and len(piece) <= NOT_ALWAYS_WORDS and _NOT_ALWAYS <= set(piece):
        return piece
    return piece if piece in _SELDOM else ()


_NOT_ALWAYS = frozenset({"not", "always"})
NOT_ALWAYS_WORDS = 5


# Words before a phrase that say how it is, which the phrase alone leaves out.
_SAYS_HOW = frozenset({"good", "bad", "poor", "better", "clear", "clearer", "regular", "proper"})
_SAYS_HOW |= {"supportive", "great", "excellent", "decent", "reliable", "quick", "slow"}


# A clause these open grants a drawback of what the clause before it names ("The wellbeing
# sessions, | though it is hard to find time to attend"): a phrase in it is read with that
# clause ("Wellbeing sessions though hard to find time to attend"), else it is a drawback of
# nothing named.
_GRANTING = frozenset({"though", "although"})
_GRANTING_PIECES = frozenset((w,) for w in _GRANTING)
# A piece after a comma that opens on these says more of the piece before it ("A cap on
# caseloads, | with agency cover when we go over it"): the two are read as one clause.
_GOES_WITH = frozenset({("with",)}) | _GRANTING_PIECES


# "My team", "our manager": the team, the manager, said for all who wrote it. And "comes to
# us", "the rest of us": the team.
_SHARED = frozenset({"team", "manager", "supervisor", "senior"})
_TO_US = frozenset({"to", "for", "of", "with", "from", "at", "about", "on"})


def _as_staff(words: tuple[str, ...]) -> tuple[str, ...]:
    """``words`` with "my" or "our" before ``_SHARED`` as "the", and "us" after ``_TO_US`` as
    "the team": a label speaks for everyone who wrote it ("Clearer criteria for what comes
    to the team", "Colleagues in the team")."""
    if not ({"my", "our", "us", "we"} & set(words)):
        return words
    out: list[str] = []
    for j, w in enumerate(words):
        if w in ("my", "our") and words[j + 1 : j + 2] and words[j + 1] in _SHARED:
            out.append("the")
        elif (
            w == "we"
            and words[j - 1 : j] == ("so",)
            and words[j + 1 : j + 2] in (("can",), ("could",))
            and "both" not in words[j + 2 : j + 3]
        ):  # "so we can" -> "so staff can"
            out.append("staff")
        elif (
            w == "us"
            and j
            and words[j - 1] in _TO_US
            # Not "to us social workers", "us AMHPs": who, not the team.
            and (j + 1 == len(words) or words[j + 1] in LABEL_STOP)
        ):
            out += ["the", "team"]
        else:
            out.append(w)
    return tuple(out)


_ARTICLES = frozenset({"the", "a", "an"})


# ... and at most this many more words with them.
ARTICLE_WORDS = 2


def _length(words) -> int:
    """How long a label reads: its words but "the", "a" and "an", where they are at most
    ``ARTICLE_WORDS`` (else all its words)."""
    without = sum(w not in _ARTICLES for w in words)
    return without if len(words) - without <= ARTICLE_WORDS else len(words)


# Marks that end a sentence, where pieces are split.
_SENTENCE_END = frozenset(".!?;:")


def _goes_with(pieces, marks, p) -> bool:
    """Whether piece ``p`` (opening on ``_GOES_WITH``, after a comma) is read with the piece
    before it: that one a whole sentence's start of two words or more, ending on no small
    word, with no negation or other clause in it, and neither speaking as one of them; and
    this one ends its sentence ("Overall, | with the new manager, | supervision has
    improved" is no "Overall with the new manager")."""
    if not p or marks[p - 1] != "," or pieces[p][:1] not in _GOES_WITH:
        return False
    before, words = pieces[p - 1], pieces[p]
    starts = p == 1 or bool(_SENTENCE_END & set(marks[p - 2]))
    ends = p == len(pieces) - 1 or marks[p] != ","
    # Its own clause only: "with agency cover | when we go over it" is read no further.
    own = next((j for j, w in enumerate(words) if w in _BREAK), len(words))
    said = set(before) | set(words[:own])
    return (
        starts
        and ends
        and len(before) >= 2
        and before[-1] not in LABEL_STOP
        and not (_NEGATION | _BREAK | _FIRST_PERSON_ANY) & said
    )


# "…would help | with this": what it is for, pointed at, not said.
_POINTED = frozenset({"this", "that", "it"})
_POINTED_BY = frozenset({"with", "for"})


def _dangles(words) -> bool:
    """Whether a label ends pointing back to what it does not hold ("Reflective practice
    sessions would help | with this"); not where what it points at is done to ("…but
    nobody follows it")."""
    return len(words) > 3 and words[-1] in _POINTED and words[-2] in _POINTED_BY


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
        self.granted: dict = {}  # what a drawback was granted of, with it (``_GRANTING``)
        self.gapped: dict = {}  # clauses less where they said it was (``_gapped``)
        self.led_by_subject: dict = {}  # per reading, who wrote it after "I" or "we" left off
        self._read: set = set()
        self.texts: dict = {}  # each writer's statement read (one per writer whose quotes show)

    def read(self, text: str, first: tuple[str, ...], writer) -> None:
        """One statement of ``first``'s; ``writer``: who wrote it (None: their quotes may
        not be shown, so they bear out no clause, and count as a writer of their own)."""
        wrote = self.whole.setdefault(_core(_as_staff(tuple(LETTERS.findall(text)))), set())
        if writer is not None:
            wrote.add(writer)
        if writer is not None and writer in self._read:
            return
        self._read.add(writer)
        self.texts.setdefault(writer if writer is not None else ("withheld", len(self.texts)), text)
        k = len(first)
        pieces = [_as_staff(tuple(LETTERS.findall(piece))) for piece in PUNCTUATION.split(text)]
        marks = [m.group().strip() for m in PUNCTUATION.finditer(text)]  # between the pieces
        for p, words in enumerate(pieces):
            at = next((j for j in range(len(words) - k + 1) if words[j : j + k] == first), None)
            if at is not None:
                following = pieces[p + 1] if p + 1 < len(pieces) else ()
                if following[:1] == ("which",) and p + 2 < len(pieces) and marks[p + 1] == ",":
                    # "New starters are protected, | which is right, | but it means the rest
                    # of us take more": an aside before what it is conceded to.
                    if pieces[p + 2][:1] and pieces[p + 2][0] in _CONCEDED:
                        following = pieces[p + 2]
                if _goes_with(pieces, marks, p):
                    # "A cap on caseloads, | with agency cover": the piece says more of the
                    # last one, not a clause of its own.
                    words, at = pieces[p - 1] + words, at + len(pieces[p - 1])
                self._count(words, at, k, following, writer)
                return

    def _count(self, words, at, k, next_piece, writer) -> None:
        self.seen += 1
        lo, hi = _around(words, at, k)
        # A negation in the phrase's own conjunct: "I rarely see the PSW and | I am not sure
        # what the role does" is not turned round by "rarely".
        conjunct = max([lo] + [j + 1 for j in range(lo, at) if words[j] == "and"])
        self.negated += any(w in _NEGATION for w in words[conjunct:at]) or _less_so(words[lo:at])
        # "Head of service listens | to none of us", "cares | about nothing": what the phrase
        # does, it does to no one; alone it says the opposite.
        after = words[at + k : at + k + 3]
        self.undone += bool(after) and (
            after[0] in _NEGATION or (after[0] in _CUT_BEFORE and bool(_NEGATION & set(after[1:])))
        )
        # "The training offer is good, | but backfill is not": what follows, across the comma.
        following = words[hi : hi + 1] or next_piece[:1]
        if following and following[0] in _CONCEDED:
            if writer is not None:  # with what it was conceded to: "…but backfill is not"
                rest = words[hi:] or next_piece
                _, turn_end = _around(rest, 1, 0)
                said = self._trim(words[lo:hi]) + rest[: max(turn_end, 1)]
                # Not "…but only | when it is urgent": what it is conceded to says something.
                if any(_content_word(w) for w in rest[1 : max(turn_end, 1)]):
                    self.conceded.setdefault(said, set()).add(writer)
            return
        turn = _turn(next_piece) if hi == len(words) else ()
        self.turned += bool(turn)
        self.wished += lo > 0 and words[lo - 1] in _WISHED
        if lo > 0 and words[lo - 1] in _SUBORDINATE:
            # The clause it depends on, before it, and this one: the sentence.
            start = lo - 1
            while start > 0 and words[start - 1] not in _BREAK:
                start -= 1
            self.after += start < lo - 1
            if writer is not None and start < lo - 1:
                self.sentences.setdefault(self._trim(words[start:hi], writer) + turn, set()).add(
                    writer
                )
        if writer is not None and lo > 2 and words[lo - 1] in _GRANTING and hi == len(words):
            # What it is granted of: all that came before it in the sentence, one clause of
            # two words or more ("Supervision was weekly" of "It would help if supervision
            # was weekly, | although…" is not what anyone said).
            granted = words[: lo - 1]
            said = _trim(granted) + words[lo - 1 : lo] + _trim(words[lo:hi])
            if not _BREAK & set(granted) and not (_FIRST_PERSON_ANY | _NEGATION) & set(said):
                self.granted.setdefault(said, set()).add(writer)
        if writer is not None:  # read whole, and cut where a clause is too long
            trimmed = _trim(words[lo:hi])  # the phrase ends where it did, less the lead
            gapped = _gapped(trimmed, at + k - lo - (hi - lo - len(trimmed)))
            if gapped is not None:
                self._add(self.gapped, gapped, writer, False)
            for end in _ends(words, lo, hi, at + k - 1):
                self._add(
                    self.clauses,
                    self._trim(words[lo:end], writer) + turn * (end == hi),
                    writer,
                    end < hi,
                )
            tail = hi == at + k or words[at + k] not in _OBJECTS
            if tail:
                for end in _ends(words, at, hi, at + k):
                    self._add(self.tails, words[at:end] + turn * (end == hi), writer, end < hi)
            if hi < len(words) and words[hi] in _SUBORDINATE:
                # With the clause saying when or why, where it follows: "Manager who notices
                # | when you are struggling". Not one that speaks as "we" or points back
                # ("Agency cover | when we go over it"), nor an empty one.
                end = hi + 1
                while end < len(words) and words[end] not in _BREAK:
                    end += 1
                # (A verb straight after "when" lost its subject to redaction: "when [name]
                # is on leave" is read "when is on leave".)
                whole = end > hi + 1 and words[hi + 1] not in _SAYING
                if (
                    whole
                    and not _FIRST_PERSON_ANY & set(words[hi:end])
                    and words[end - 1] not in _POINTING
                ):
                    self._add(self.clauses, self._trim(words[lo:end], writer), writer, False)
                    if tail and at == lo:  # the phrase starts its clause: no tail from mid-phrase
                        self._add(self.tails, words[at:end], writer, False)
        # A content word just before it: the phrase is what something is said of ("find |
        # time to attend"), and reads whole only with it. Or the clause starts on the thing
        # it is said of: "Legal advice took weeks and the | case drifted".
        before = words[at - 1] if at > lo else None
        self.led += before is not None and (
            before in _STOP_VERBS
            or before == "and"  # "I keep a weekly list and | prioritise by risk"
            or before in _SAYS_HOW  # "good | supervision and time to reflect on cases"
            or _content_word(before)
            or _content_word(self._trim(words[lo:hi])[0])
            or self._trim(words[lo:hi])[0] in _STOP_VERBS  # "I keep | a weekly list"
        )

    def _trim(self, words, writer=None):
        trimmed = _trim(words)
        if words[:1] in _SUBJECTS and trimmed == words[1:]:
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
        staff do (``by_subject``, ``by_staff``) or with "staff's own" (``_owned``): "…the
        information we needed", "Supervisor knows my cases"."""
        if _FIRST_PERSON & set(words):
            return True
        if not _FIRST_PERSON_ANY & set(words):
            return False
        if self.by_subject(words):
            return self.by_staff(words) is None
        return bool(_FIRST_PERSON_ANY & set(_owned(words)))

    def by_staff(self, words) -> tuple[str, ...] | None:
        """``words`` said as what staff do ("Staff reflect on complaints in supervision"),
        "my" and "our" as "their"; None where what follows "we" says who ("we social
        workers"), the rest still speaks as someone ("with me") or it is too long."""
        said = ("staff",) + tuple(_THEIR.get(w, w) for w in words)
        if words[0] in _NOT_VERBS or _FIRST_PERSON_ANY & set(said) or len(said) > WHOLE_WORDS:
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
            if _dangles(words):
                continue
            most = CLAUSE_WORDS if words in self.cuts else WHOLE_WORDS
            if _length(words) <= most and fits(words) and not self.quote(words):
                return words
        return None

    def withheld(self, words) -> bool:
        """Whether ``words`` say all that a statement says that only writers whose quotes
        may not be shown wrote."""
        return self.whole.get(_core(words)) == set()

    def quote(self, words) -> bool:
        """Whether ``words`` say all that one of the statements read says, and fewer than
        ``enough`` writers whose quotes may be shown wrote that statement: the same words
        from that many are no one's quote ("Panel paperwork takes as long as the
        assessment", written by 10)."""
        wrote = self.whole.get(_core(words))
        if wrote is None:
            return False
        return self.enough is None or len(wrote) < self.enough


def whole_clause(first, writers, texts, share, who=None, least=0, enough=None):
    """See ``_whole_clause``; a clause whose writers' "I" or "we" was left off says that
    staff do it ("Staff keep a weekly list and prioritise by risk"), their "my" and "our"
    "their" (after the quote rule is applied to what they wrote)."""
    if len(first) == 1:  # one word is no label (analysis.theme_parts), nor its tail
        return first
    first = _as_staff(first)
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
    words = _owned(words)
    if words is not None and _FIRST_PERSON_ANY & set(words):
        return None  # still one of them speaking ("Supervisor knows my cases"): no label
    return words


# "Duty weeks mean | my own | cases get left": whose cases, said of staff. Not "our own",
# as often the team's or the council's ("grow our own"), nor "on my own" (alone).
_ALONE = frozenset({"on", "of"})


def _owned(words):
    """``words`` with "my own" said as "staff's own": a label speaks for many, not as one of
    them. As they are where "my own" means alone ("on my own") or another first person
    is left."""
    if not words:
        return words
    at = next((j for j in range(len(words) - 1) if words[j : j + 2] == ("my", "own")), None)
    if at is None or (at and words[at - 1] in _ALONE):
        return words
    said = words[:at] + ("staff's",) + words[at + 1 :]
    return words if _FIRST_PERSON_ANY & set(said) else said


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
        if conceded is not None and not _FIRST_PERSON_ANY & set(conceded):
            return conceded
        if _CLAUSE_SAYING & set(first) or _takes_side(first):
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
        and not _FIRST_PERSON_ANY & set(sentence)
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
        if fits and clause[0] not in _LESS and not _FIRST_PERSON & set(clause):
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
        head = _head(clause)
        if head is not None and not _FIRST_PERSON_ANY & set(head) and not seen.quote(head):
            return head
    longer = lambda w: len(w) > len(first)  # noqa: E731
    if _SAYING & set(first):
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
    if _BREAK & set(first[1:-1]):
        return None
    return first
