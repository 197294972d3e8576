"""The words a clause label is read by (analysis.label_clause): where a clause breaks, what
it concedes, grants or wishes for, who speaks in it, and the small rules on a clause's words
(tuples of prepared words) that say where a label may end, what it leaves off at its start,
and how it speaks for staff rather than as one of them ("my team" is "the team", "so we
can" is "so staff can", "my own" is "staff's own").
"""

from __future__ import annotations

from analysis.label_phrases import LABEL_STOP, content_word

__all__ = [
    "BARE_SHARE",
    "BREAK",
    "CLAUSE_SAYING",
    "CLAUSE_WORDS",
    "CONCEDED",
    "CUT_BEFORE",
    "FIRST_PERSON",
    "FIRST_PERSON_ANY",
    "GRANTING",
    "LESS",
    "NEGATION",
    "NOT_VERBS",
    "OBJECTS",
    "POINTING",
    "SAYING",
    "SAYS_HOW",
    "SENTENCE_SHARE",
    "STOP_VERBS",
    "SUBJECTS",
    "SUBORDINATE",
    "THEIR",
    "WHOLE_WORDS",
    "WISHED",
    "as_staff",
    "clause_around",
    "clause_core",
    "clause_ends",
    "clause_gapped",
    "clause_head",
    "clause_turn",
    "dangles",
    "goes_with",
    "length",
    "less_so",
    "owned",
    "trim",
]

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
BREAK = frozenset(
    {"but", "however", "although", "though", "yet", "whereas", "except", "because"}
    | {"when", "while", "whilst", "unless", "if", "since", "which", "where"}
)
# A clause these open says when or why; the clause before it says what ("Supervision gets
# cancelled | when the team is busy"): a phrase in it is read with that clause.
SUBORDINATE = frozenset({"when", "while", "whilst", "if", "because", "since", "unless"})
# A clause these follow says what is wished for or what it depends on, not what is so.
WISHED = frozenset({"if", "unless"})
# A clause these follow is conceded, not the point ("Research in Practice is useful | but I
# never have time to read it"): the phrase alone says less that the writer did not mean.
CONCEDED = frozenset({"but", "however", "yet", "except"})
# A negation before the phrase in its clause says the opposite of the phrase alone. The
# text is prepared (analysis.text_features.prepare): "don't" reads "do not".
NEGATION = frozenset({"not", "no", "never", "cannot", "nobody", "nothing", "nowhere"})
NEGATION |= {"none", "without", "hardly", "rarely", "barely", "seldom", "unable", "few", "little"}
# "valued by my team, | less so by the wider organisation": what follows is what they value
# less. The clause alone ("Less so by the wider organisation") is no label either.
LESS = frozenset({"less"})
# What a clause may start with that a label leaves off ("it is hard to find time to attend"
# reads "Hard to find time to attend").
LEADS = (("it", "is"), ("it", "was"), ("yes",), ("honestly",), ("the",), ("a",), ("an",))
LEADS += (("some",), ("there", "are"), ("there", "is"))  # "there are | few opportunities"
# A label with these in it reads as one person's quote ("Honestly I manage by working late
# most evenings"): a shorter reading without them is taken ("Working late most evenings").
FIRST_PERSON = frozenset({"i"})
# A clause that starts on these and a verb says what its writers do; the label says staff do
# it ("Staff reflect on complaints in supervision", "Staff block out recording time in their
# diary"): without a subject it would read as advice. Not before a negation or an auxiliary
# ("I do not get to…" is no "Staff do not get to…" of one person): those are stop words.
SUBJECTS = frozenset({("i",), ("we",)})
THEIR = {"my": "their", "our": "their"}
FIRST_PERSON_ANY = frozenset({"i", "we", "me", "us", "myself", "ourselves", "my", "our"})
# After "we" these say who, not what they do ("we social workers are ignored").
NOT_VERBS = frozenset({"social", "managers", "manager", "staff", "workers", "practitioners"})
NOT_VERBS |= {"team", "teams", "senior", "all", "both", "ots", "amhps", "nurses", "myself"}
# A clause saying when that speaks as one person (``FIRST_PERSON_ANY``) or ends on one of
# these, pointing back to what the label does not hold, is not read on into ("Agency cover |
# when we go over it").
POINTING = frozenset({"it", "this", "that", "them", "there"})
# A phrase with none of these says what staff wrote about, not what they said of it ("Group
# supervision", "Waiting lists"): what most of its writers wrote after it is taken ("Waiting
# lists are growing"), where the rest of a phrase needs four in five (``FULLER_SHARE``); two
# in three where a third of the rest say the other way (three who call group supervision a
# waste of time are not the five who wrote of it: ``_Reading.disputed``).
BARE_SHARE = 2 / 3
SAYING = frozenset({"is", "are", "was", "were", "be", "been", "being", "has", "have", "had"})
SAYING |= {"do", "does", "did", "get", "gets", "got", "take", "takes", "make", "makes", "to"}
SAYING |= {"need", "needs", "means", "can", "could", "will", "would", "should", "must"}
# A phrase with one of these says something of its subject: a claim.
CLAUSE_SAYING = frozenset({"is", "are", "was", "were"})
# After the phrase, these show that its last word was a verb ("Team reviews | it with me").
OBJECTS = frozenset({"it", "them", "me", "us", "him", "her", "you"})
# Verbs scikit-learn's stop words hold: before the phrase, it is what they are done to.
STOP_VERBS = frozenset({"find", "get", "give", "go", "keep", "see", "take", "put", "show"})
STOP_VERBS |= {"make", "made", "call", "fill", "move"}


# A clause too long for a label may end before these, where the word before can end one
# (not a stop word, or "us", "them"): "Duty rota takes two days a week | out of my caseload
# work", "Hot desking does not work | for a team that needs to talk cases through".
# Not "of" ("on top | of a full caseload"), nor "is" ("AMHP rota | is too much" is the point),
# nor "that": what follows says which ("…for a team | that needs to talk cases through"),
# and the label without it says another thing.
CUT_BEFORE = frozenset({"to", "for", "and", "so", "with", "on", "in", "at", "about"})
CUT_BEFORE |= {"from", "by", "after", "before", "or", "rather", "into", "out"}


# Words a cut may not end on: they want what follows ("Funding panel delays and then being
# asked | for more information", "Handovers between teams need | to be better").
WANTING = frozenset({"need", "needs", "asked", "want", "wants", "being", "able", "have", "has"})
WANTING |= {"had", "mean", "means", "get", "got", "try", "trying", "used", "going", "make"}


# A cut holds no second clause joined by these ("Not enough OT capacity | so equipment").
JOINS = frozenset({"and", "so", "then", "or"})


def clause_ends(words, start, end, least):
    """Where a label read from ``words[start]`` to its clause's ``end`` may stop, longest
    first: ``end``, then before a word of ``CUT_BEFORE`` where that leaves at most
    ``CLAUSE_WORDS`` words, more than ``least``, adds no second clause (``JOINS``) and
    leaves no negation out."""
    yield end
    for e in range(min(end - 1, start + CLAUSE_WORDS), max(least, start + 1), -1):
        if words[e] not in CUT_BEFORE or (words[e] == "out" and words[e + 1 : e + 2] != ("of",)):
            continue
        if JOINS & set(words[least:e]) or words[e - 1] in WANTING:
            continue
        # What the cut leaves out of its own conjunct (up to the next "and"; none where it
        # stops before "and": "…with no handover | and nobody owning them" is another).
        dropped = words[e:end]
        dropped = dropped[: dropped.index("and")] if "and" in dropped else dropped
        if NEGATION & set(dropped):  # "Head of service listens | to none of us"
            continue
        if words[e - 1] not in LABEL_STOP or words[e - 1] in OBJECTS:
            yield e


# A clause's start may leave out only where or when, after these ("More desks for the number
# of staff | in the office on team days").
PLACE = frozenset({"in", "at", "on"})
# What, left out or kept, changes what the start says: "…approved for managers | and refused
# for frontline social workers", "…going to managers | rather than to frontline social
# workers", "…every week | apart from duty weeks", "…much more | than about staff wellbeing".
LIMITING = frozenset({"only", "apart", "except", "than", "rather", "until", "unless", "but"})
LIMITING |= {"just", "even", "instead", "besides", "excluding", "versus"}


# Words that end a "where" left out of a clause and start what it says of it ("…on Mosaic |
# so we can look back at them").
GAP_ENDS = frozenset({"so"})
# Who a purpose after "so" is said by.
PURPOSE_BY = frozenset({("we",), ("staff",), ("they",), ("you",), ("people",)})
# Words in a "place" that say how, not where ("on paper", "in theory", "at short notice").
NOT_A_PLACE = frozenset({"paper", "theory", "principle", "private", "secret", "time", "person"})
NOT_A_PLACE |= {"practice", "general", "fact", "reality", "short", "last", "day", "notice"}
NOT_A_PLACE |= {"us", "team", "me", "them", "average", "purpose", "advance"}
GAP_WORDS = 5


def clause_gapped(words, after):
    """``words`` (a clause) less the first place named after its ``after``-th word ("on the
    portal", up to ``GAP_WORDS`` words, then ``GAP_ENDS``), else None: where writers
    named different places ("Keep supervision records on Mosaic | on the portal so we can
    look back at them"), what they all said ("Keep supervision records so staff can look
    back at them")."""
    for e in range(max(after, 2), len(words)):
        if words[e] in PLACE:
            f = next(
                (
                    j
                    for j in range(e + 2, min(len(words), e + GAP_WORDS + 1))
                    if words[j] in GAP_ENDS
                ),
                None,
            )
            if f is None or (NEGATION | LIMITING | NOT_A_PLACE) & set(words[e - 1 : f]):
                return None
            # "…so we can", a purpose said by who: not "so hard", "or so", "so it is"; and
            # not after what the place says how ("works better | in person", "are | on paper").
            before = words[e - 1]
            if words[f + 1 : f + 2] not in PURPOSE_BY or before in SAYING or before.endswith("er"):
                return None
            return words[:e] + words[f:]
    return None


def clause_head(words):
    """The longest start of ``words`` that may end a label (``clause_ends``), of two words or more
    and at most ``CLAUSE_WORDS``, leaving out only where or when (``PLACE``), else None.
    Never where the clause holds another conjunct ("Rarely see the PSW | and not sure what
    the role does"), a negation or a word that limits what it says (``LIMITING``)."""
    if (JOINS | NEGATION | LIMITING) & set(words):
        return None
    for end in clause_ends(words, 0, len(words), 1):
        if 2 <= end <= CLAUSE_WORDS and end < len(words) and words[end] in PLACE:
            return words[:end]
    return None


# Words around a statement that say nothing of it: a label that is a statement less these
# is that statement.
FILLERS = frozenset({"yes", "no", "honestly", "please", "really", "just", "ok", "okay"})
FILLERS |= {"well", "so", "thanks", "thank", "definitely", "mostly", "agree", "again"}


def clause_core(words: tuple[str, ...]) -> tuple[str, ...]:
    """``words`` without the small words and fillers at either end: what a label and a
    statement are compared on."""
    start, end = 0, len(words)
    while start < end and (words[start] in LABEL_STOP or words[start] in FILLERS):
        start += 1
    while end > start and (words[end - 1] in LABEL_STOP or words[end - 1] in FILLERS):
        end -= 1
    return words[start:end]


def trim(words: tuple[str, ...]) -> tuple[str, ...]:
    for lead in LEADS:
        if words[: len(lead)] == lead and len(words) > len(lead) + 1:
            if words[len(lead)] == "of":  # "some | of us get supervision monthly"
                break
            return words[len(lead) :]
    if (
        words[:1] in SUBJECTS
        and len(words) > 2
        and (content_word(words[1]) or words[1] in STOP_VERBS)  # "I | keep a weekly list"
    ):
        return words[1:]  # "we | reflect on complaints in supervision"
    return words


def less_so(words) -> bool:
    """Whether ``words`` hold "less so" ("Less paperwork" asks for less; "less so by the
    wider organisation" values it less)."""
    return any(a in LESS and b == "so" for a, b in zip(words, words[1:]))


def clause_around(words, at, k):
    """Where the clause holding ``words[at:at + k]`` starts and ends."""
    lo, hi = at, at + k
    while lo > 0 and words[lo - 1] not in BREAK:
        lo -= 1
    while hi < len(words) and words[hi] not in BREAK:
        hi += 1
    return lo, hi


# "A proper lunch break, | which is rare": a short remark after the comma that turns what
# came before round; the label keeps it ("Proper lunch break which is rare").
TURNING = frozenset({"rare", "rarely", "never", "seldom"})
TURN_WORDS = 4
# Remarks that say the thing before them is seldom had ("Having manageable caseloads, | when
# that happens"): alone, the phrase reads as something staff have.
SELDOM = frozenset(
    {("when", "that", "happens"), ("when", "it", "happens"), ("if", "that", "happens")}
    | {("if", "ever"), ("when", "possible"), ("if", "possible"), ("when", "we", "can")}
)


def clause_turn(piece: tuple[str, ...]) -> tuple[str, ...]:
    """``piece`` where it is such a remark ("which is rare"), else ()."""
    if piece[:1] == ("which",) and len(piece) <= TURN_WORDS and TURNING & set(piece):
        return piece
    # "Debriefs after difficult cases, | which do not always happen".
    if piece[:1] == ("which",) and len(piece) <= NOT_ALWAYS_WORDS and NOT_ALWAYS <= set(piece):
        return piece
    return piece if piece in SELDOM else ()


NOT_ALWAYS = frozenset({"not", "always"})
NOT_ALWAYS_WORDS = 5


# Words before a phrase that say how it is, which the phrase alone leaves out.
SAYS_HOW = frozenset({"good", "bad", "poor", "better", "clear", "clearer", "regular", "proper"})
SAYS_HOW |= {"supportive", "great", "excellent", "decent", "reliable", "quick", "slow"}


# A clause these open grants a drawback of what the clause before it names ("The wellbeing
# sessions, | though it is hard to find time to attend"): a phrase in it is read with that
# clause ("Wellbeing sessions though hard to find time to attend"), else it is a drawback of
# nothing named.
GRANTING = frozenset({"though", "although"})
GRANTING_PIECES = frozenset((w,) for w in GRANTING)
# A piece after a comma that opens on these says more of the piece before it ("A cap on
# caseloads, | with agency cover when we go over it"): the two are read as one clause.
GOES_WITH = frozenset({("with",)}) | GRANTING_PIECES


# "My team", "our manager": the team, the manager, said for all who wrote it. And "comes to
# us", "the rest of us": the team.
SHARED = frozenset({"team", "manager", "supervisor", "senior"})
TO_US = frozenset({"to", "for", "of", "with", "from", "at", "about", "on"})


def as_staff(words: tuple[str, ...]) -> tuple[str, ...]:
    """``words`` with "my" or "our" before ``SHARED`` as "the", and "us" after ``TO_US`` as
    "the team": a label speaks for everyone who wrote it ("Clearer criteria for what comes
    to the team", "Colleagues in the team")."""
    if not ({"my", "our", "us", "we"} & set(words)):
        return words
    out: list[str] = []
    for j, w in enumerate(words):
        if w in ("my", "our") and words[j + 1 : j + 2] and words[j + 1] in SHARED:
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
            and words[j - 1] in TO_US
            # Not "to us social workers", "us AMHPs": who, not the team.
            and (j + 1 == len(words) or words[j + 1] in LABEL_STOP)
        ):
            out += ["the", "team"]
        else:
            out.append(w)
    return tuple(out)


ARTICLES = frozenset({"the", "a", "an"})


# ... and at most this many more words with them.
ARTICLE_WORDS = 2


def length(words) -> int:
    """How long a label reads: its words but "the", "a" and "an", where they are at most
    ``ARTICLE_WORDS`` (else all its words)."""
    without = sum(w not in ARTICLES for w in words)
    return without if len(words) - without <= ARTICLE_WORDS else len(words)


# Marks that end a sentence, where pieces are split.
SENTENCE_END = frozenset(".!?;:")


def goes_with(pieces, marks, p) -> bool:
    """Whether piece ``p`` (opening on ``GOES_WITH``, after a comma) is read with the piece
    before it: that one a whole sentence's start of two words or more, ending on no small
    word, with no negation or other clause in it, and neither speaking as one of them; and
    this one ends its sentence ("Overall, | with the new manager, | supervision has
    improved" is no "Overall with the new manager")."""
    if not p or marks[p - 1] != "," or pieces[p][:1] not in GOES_WITH:
        return False
    before, words = pieces[p - 1], pieces[p]
    starts = p == 1 or bool(SENTENCE_END & set(marks[p - 2]))
    ends = p == len(pieces) - 1 or marks[p] != ","
    # Its own clause only: "with agency cover | when we go over it" is read no further.
    own = next((j for j, w in enumerate(words) if w in BREAK), len(words))
    said = set(before) | set(words[:own])
    return (
        starts
        and ends
        and len(before) >= 2
        and before[-1] not in LABEL_STOP
        and not (NEGATION | BREAK | FIRST_PERSON_ANY) & said
    )


# "…would help | with this": what it is for, pointed at, not said.
POINTED = frozenset({"this", "that", "it"})
POINTED_BY = frozenset({"with", "for"})


def dangles(words) -> bool:
    """Whether a label ends pointing back to what it does not hold ("Reflective practice
    sessions would help | with this"); not where what it points at is done to ("…but
    nobody follows it")."""
    return len(words) > 3 and words[-1] in POINTED and words[-2] in POINTED_BY


# "Duty weeks mean | my own | cases get left": whose cases, said of staff. Not "our own",
# as often the team's or the council's ("grow our own"), nor "on my own" (alone).
ALONE = frozenset({"on", "of"})


def owned(words):
    """``words`` with "my own" said as "staff's own": a label speaks for many, not as one of
    them. As they are where "my own" means alone ("on my own") or another first person
    is left."""
    if not words:
        return words
    at = next((j for j in range(len(words) - 1) if words[j : j + 2] == ("my", "own")), None)
    if at is None or (at and words[at - 1] in ALONE):
        return words
    said = words[:at] + ("staff's",) + words[at + 1 :]
    return words if FIRST_PERSON_ANY & set(said) else said
