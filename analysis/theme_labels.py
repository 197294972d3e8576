"""Readable labels for clusters of statements.

A label is a phrase of one to five words, read as people wrote it ("Not enough supervision",
"Workload too high"), that the most members bear out (they hold at least half of its content
words) and that sets the cluster apart; no stemming, so labels are always real words. Which
phrases may be labels: analysis.label_phrases. Key terms live in analysis.key_terms
(re-exported here); quotes in analysis.quotes.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import chain

import numpy as np

from analysis.clause_words import CLAUSE_SAYING as _CLAUSE  # a phrase with one is a claim
from analysis.key_terms import VAGUE as _VAGUE
from analysis.key_terms import cluster_terms, written
from analysis.label_clause import whole_clause
from analysis.label_memo import label_memo, memo_table
from analysis.label_phrases import LABEL_STOP as _LABEL_STOP
from analysis.label_phrases import LETTERS as _LETTERS
from analysis.label_phrases import MAX_LABEL_WORDS
from analysis.label_phrases import candidates as _candidates
from analysis.label_phrases import phrase_ok as _phrase_ok
from analysis.label_phrases import surface_form as _surface_form
from analysis.text_features import prepare_all

__all__ = [
    "cluster_terms",
    "is_claim",
    "is_person",
    "label_words",
    "lower_first",
    "make_labels",
    "said_words",
    "shows_label",
    "unique_labels",
    "written",
]

# A phrase counts as written by people when this many members hold it word for word.
MIN_PHRASE_MEMBERS = 2
# A second phrase joins the first ("Supervision gets cancelled and rushed") only when the first
# covers less than this share of the members and the second adds this much again.
JOIN_BELOW = 0.5
JOIN_GAIN = 0.15
SINGLE_WORD = 0.6
# A one-word label takes a phrase around it that this share of the members wrote.
AROUND_SHARE = 0.2
# With ``fuller`` (a theme's parts), a label takes the longest phrase ending on it that this
# share of its own writers and ``FULLER_OF_ALL`` of the members wrote: "Supervision is
# mostly case management", not "Case management".
FULLER_SHARE = 0.8
FULLER_OF_ALL = 0.5
PHRASE_POWER = 0.25
COVER_POWER = 1.0
WORDS_POWER = 0.7
# Words for a person or a role: a label of these alone ("Senior practitioner") names who,
# not what is said of them.
PERSON = frozenset(
    {"practitioner", "manager", "worker", "psw", "amhp", "nurse", "colleague", "staff"}
    | {"member", "therapist", "ot", "officer", "supervisor", "consultant", "doctor", "gp"}
    | {"senior", "carer", "assistant", "coordinator", "person", "people", "lead", "mentor"}
)
# How far a phrase written by members who go against the theme's mood counts less.
AGAINST_WEIGHT = 1.0
# A claim ("Complaints are discussed", "Wait is long") counts this much of a thing named in
# words ("Learning from complaints"): a claim takes a side, and the statements' scores cannot
# always tell which (every statement naming complaints reads negative).
CLAIM_WEIGHT = 0.5


def _content(words) -> list[str]:
    """The words that say what a phrase is about, plural "s" taken off ("caseloads" counts
    as "caseload"): small and vague words left out."""
    return [_stem(w) for w in words if w not in _LABEL_STOP and w not in _VAGUE]


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _word_scores(member_sets, cluster_rows):
    """Per cluster, each content word's share of members times its log lift over all the
    statements sampled: {word: score} per cluster, and {word: set of member indices}."""
    n_all = len(member_sets)
    df_all = Counter(chain.from_iterable(member_sets))
    scores, holders = [], []
    for rows in cluster_rows:
        who: dict[str, set[int]] = {}
        for i in rows:
            for w in member_sets[i]:
                held = who.get(w)
                if held is None:
                    who[w] = {i}
                else:
                    held.add(i)
        n = max(1, len(rows))
        score = {}
        # Many words share a count here and over all: each such pair's lift is worked out
        # once (the same sum, so the same float).
        lifts: dict[tuple[int, int], float] = {}
        for w, held in who.items():
            count = len(held)
            p_c = count / n
            lift = lifts.get((count, df_all[w]))
            if lift is None:
                lift = lifts[count, df_all[w]] = np.log(p_c / ((df_all[w] + 1.0) / (n_all + 1.0)))
            if lift > 0:
                score[w] = p_c * lift
        scores.append(score)
        holders.append(who)
    return scores, holders


def _best_phrase(
    found,
    score,
    holders,
    n_members,
    exclude=frozenset(),
    against=None,
    side=None,
):
    """The phrase (and the members whose statements share a content word with it) that best
    sums its content words' scores, weighted toward phrases many members wrote; None if no
    phrase qualifies. ``against``: the members whose sentiment goes against the theme's
    (a phrase mostly written by them would label a complaint theme with its one praise).
    ``side``: the theme's clear side, if any (``_claim_weight``)."""
    best, best_value, best_cover = None, 0.0, set()
    need = MIN_PHRASE_MEMBERS if n_members >= 4 else 1
    known = memo_table("phrase content")
    for gram, members in found.items():
        if len(members) < need:
            continue
        read = known.get(gram)  # the phrase's words, read once per label_memo()
        if read is None:
            content = _content(gram) if _phrase_ok(gram) else []
            # Sorted: a float sum in set order would differ with the hash seed and flip ties.
            read = known[gram] = content, sorted(set(content))
        content, words = read
        if not content or any(w in exclude for w in content):
            continue
        value = sum(score.get(w, 0.0) for w in words)
        if value <= 0:
            continue
        # More words say more, but a phrase whose words all come from one repeated sentence
        # should not win on its length alone.
        value *= len(words) ** (WORDS_POWER - 1.0)
        cover = _supporters(words, holders)
        # One word alone says less than a phrase; a phrase many wrote reads more like theirs;
        # a label should speak for most of the theme.
        value *= (
            (SINGLE_WORD if len(gram) == 1 else 1.0)
            * (len(members) / n_members) ** PHRASE_POWER
            * (len(cover) / n_members) ** COVER_POWER
        )
        if against:
            # Only as far as the other side writes it more than its share of the theme: a
            # phrase both sides write ("Learning from complaints") takes no side.
            share = len(members & against) / len(members)
            base = len(against) / n_members
            value *= 1.0 - AGAINST_WEIGHT * max(0.0, share - base) / (1.0 - base)
        value *= _claim_weight(gram, side)
        if value > best_value or (value == best_value and best is not None and gram < best):
            best, best_value, best_cover = gram, value, cover
    return best, best_cover


def _fuller(first, found, n):
    """The longest phrase ending on ``first`` word for word that most of its writers wrote
    (``FULLER_SHARE``, and ``FULLER_OF_ALL`` of the ``n`` members), else ``first``: a part
    whose members all wrote one sentence is labelled with what it says, not the phrase in
    it that is rarest elsewhere ("Capacity question" for "Legal advice was available
    quickly when there was a capacity question")."""
    wrote = len(found.get(first, ()))
    longer = [
        g
        for g, m in found.items()
        if len(g) > len(first) and len(m) >= FULLER_SHARE * wrote and len(m) >= FULLER_OF_ALL * n
        # Only what comes before it: the label's last word was chosen to end a phrase, a
        # word after it may end mid-clause ("New laptops are a big").
        and _holds(g[-len(first) :], first)
    ]
    return max(longer, key=lambda g: (len(g), len(found[g]), g)) if longer else first


# Words that turn a sentence: what comes after one is not the subject of what came before.
_TURN = re.compile(r"\b(?:but|however|although|though|yet|whereas|except)\b")


def _subject_first(first, found, texts):
    """The longest phrase of two or more words that nearly all of ``first``'s writers wrote
    before it in the same clause, else ``first``: a part whose members wrote one sentence is
    labelled by what the sentence is about, its subject, not by the phrase in it that is
    rarest elsewhere ("Legal advice was available quickly", not "Capacity question", for
    "Legal advice was available quickly when there was a capacity question"). Never across
    "but" or "although": "Research in Practice is useful but I never have time to read it"
    is about the time to read. ``found``: phrase -> members (indices into ``texts``)."""
    writers = found.get(first, set())
    if not writers:
        return first
    own = set(_content(first))
    pattern = re.compile(r"\b" + r"\W+".join(map(re.escape, first)) + r"\b")
    # Each writer's statement, lower case, and where the label starts in it: read once.
    placed = [(text, pattern.search(text)) for text in (texts[i].lower() for i in writers)]
    best = first
    for gram, members in found.items():
        if len(gram) < 2 or len(members & writers) < FULLER_SHARE * len(writers):
            continue
        # A claim only ("... was available quickly"): a thing named before the label is
        # as often who or where ("Senior managers", "Cases passed") as what it is about.
        if own & set(_content(gram)) or not _CLAUSE & set(gram[1:-1]):
            continue
        if best is not first and (len(gram), len(members), gram) <= (
            len(best),
            len(found[best]),
            best,
        ):
            continue
        before = re.compile(r"\b" + r"\W+".join(map(re.escape, gram)) + r"\b")
        ahead = 0
        for text, then in placed:
            at = before.search(text)
            ahead += bool(at and then and at.end() <= then.start())
            ahead -= bool(at and then and _TURN.search(text, at.end(), then.start()))
        if ahead >= FULLER_SHARE * len(writers):
            best = gram
    return best


def _claim_weight(gram, side) -> float:
    """``CLAIM_WEIGHT`` for a claim ("Complaints are discussed") unless what it says of its
    subject takes the theme's side by itself ("Caseloads are | too high" in a theme that is
    mostly negative); 1 for a thing named."""
    at = next((i for i, w in enumerate(gram) if w in _CLAUSE), None)
    if at is None:
        return 1.0
    if side is not None:
        from analysis.sentiment import sentiment_label, statement_sentiment

        if sentiment_label(statement_sentiment(" ".join(gram[at + 1 :]))) == side:
            return 1.0
    return CLAIM_WEIGHT


def is_claim(label: str) -> bool:
    """Whether a label says something of its subject ("Caseloads are too high"), not only
    names a thing ("Supervision training")."""
    return bool(_CLAUSE & set(_LETTERS.findall(label.lower())))


def _supporters(words, holders) -> set[int]:
    """The members that hold at least half of ``words`` (one of one or two): those whose
    statements bear the phrase out, not merely share one of its words ("Translators are
    hard to book" is not borne out by "Pool cars are hard to book")."""
    if len(words) <= 2:
        return set().union(*(holders.get(w, set()) for w in words))
    held = Counter(chain.from_iterable(holders.get(w, ()) for w in words))
    need = (len(words) + 1) // 2
    return {member for member, count in held.items() if count >= need}


def _holds(gram, part) -> bool:
    """Whether ``part`` is in ``gram`` word for word, in order, plural "s" aside ("caseload"
    in "caseloads are too high")."""
    k, part = len(part), [_stem(w) for w in part]
    gram = [_stem(w) for w in gram]
    return any(gram[i : i + k] == part for i in range(len(gram) - k + 1))


def is_person(words) -> bool:
    """Whether a phrase (its words, lower case) only names a person or a role: up to three
    words, no small word among them, the last one a ``PERSON`` word ("Senior practitioner",
    "Team manager"; not "Support from the senior practitioner")."""
    return (
        0 < len(words) <= 3
        and not any(w in _LABEL_STOP for w in words)
        and _stem(words[-1]) in PERSON
    )


def lower_first(phrase: str, texts=()) -> str:
    """ "Families chasing" to "families chasing", but "AMHP rota" stays as it is, and so does
    a name people write with a capital mid-sentence ("Mosaic for new starters"), as most of
    ``texts`` that hold it there do."""
    first = phrase.split()[0]
    if first[1:2].isupper():
        return phrase
    if texts:
        mid = re.compile(rf"(?<=[a-z,] ){re.escape(first)}\b", re.IGNORECASE)
        forms = Counter(m.group(0)[:1].isupper() for t in texts for m in mid.finditer(t))
        if forms[True] > forms[False]:
            return phrase
    return phrase[:1].lower() + phrase[1:]


def _spread(rows, size: int) -> list:
    """Up to ``size`` of ``rows`` spread evenly over it (given most central first): the
    most central first, then a fair picture of the rest, so a label speaks for the whole
    theme and not only its core."""
    rows = list(rows)
    if len(rows) <= size:
        return rows
    picks = np.linspace(0, len(rows) - 1, size).round().astype(int)
    return [rows[i] for i in dict.fromkeys(picks.tolist())]


def _side(sentiment, members) -> str | None:
    """The side most of the members' sentiment takes (``leaning_side``), if any."""
    if sentiment is None:
        return None
    from analysis.sentiment import leaning_side, sentiment_label

    return leaning_side(Counter(sentiment_label(float(sentiment[i])) for i in members))


def _against(sentiment, members, local) -> set[int] | None:
    """The local indices of members whose sentiment goes against the cluster's clear side
    (``leaning_side``), or None when it has none."""
    if sentiment is None:
        return None
    from analysis.sentiment import leaning_side, sentiment_label

    kinds = [sentiment_label(float(sentiment[i])) for i in members]
    other = {"negative": "positive", "positive": "negative"}.get(leaning_side(Counter(kinds)))
    if other is None:
        return None
    return {j for j, kind in zip(local, kinds) if kind == other}


@label_memo()  # each statement read once per call, or per enclosing label_memo()
def make_labels(
    texts,
    cluster_rows,
    keywords,
    max_members=300,
    prepared=None,
    coverage=None,
    sentiment=None,
    unique=True,
    only=None,
    fuller=False,
    who=None,
    min_writers=None,
):
    """A short readable label for each cluster, unique across clusters (with ``unique``;
    else ``unique_labels`` later, once question titles may tell two apart).

    A label is a phrase people wrote (1 to ``MAX_LABEL_WORDS`` words, held word for word by
    at least two members, never starting or ending on a small word: ``_phrase_ok``) whose
    content words are most typical of the cluster: common in it and rarer elsewhere. When
    it covers under half of the members, a second such phrase that reaches others is joined
    with "and" ("Waiting lists and families chasing"). Among up to ``max_members``
    statements per cluster, spread over it (``_spread``); failing all that, the top key term.
    ``prepared``: ``prepare`` of each text, where the caller has it already. ``coverage``:
    a list that receives, per cluster, the share of sampled members whose statements hold a
    content word of the label. ``sentiment``: each text's score, where known: in a theme
    that is mostly negative (or positive), phrases written by the other side count less, so
    the label says what the theme says. ``who``: per text, who wrote it, None where their
    quotes may not be shown: a part's label (``fuller``) reads on to the end of its clause
    only as far as such writers wrote it (analysis.label_clause), and is a statement whole
    only where ``min_writers`` of them (two or more) wrote it word for word.
    """
    sampled = [_spread(rows, max_members) for rows in cluster_rows]
    flat = [i for rows in sampled for i in rows]
    local_who = None if who is None else [who[i] for i in flat]
    # A statement that many quotable people wrote is no one's quote: two or more, where who
    # wrote what is known; else a statement is never a label.
    enough = min_writers if who is not None and (min_writers or 0) >= 2 else None
    local_texts = [texts[i] for i in flat] if prepared is None else [prepared[i] for i in flat]
    if prepared is None:
        local_texts = prepare_all(local_texts)
    known = memo_table("content words")
    member_sets = []
    for text in local_texts:
        words = known.get(text)
        if words is None:
            words = known[text] = set(_content(_LETTERS.findall(text)))
        member_sets.append(words)
    local_rows, start = [], 0
    for rows in sampled:
        local_rows.append(list(range(start, start + len(rows))))
        start += len(rows)
    # Every member counts toward how common a word is over all; only the clusters labelled
    # need their own counts.
    scores, holders = _word_scores(member_sets, local_rows if only is None else local_rows[:only])
    labels: list[str] = []
    for c, rows in enumerate(local_rows):
        member_texts = [texts[i] for i in sampled[c]]
        n = len(rows)
        label, covered = "", set()
        if n and (only is None or c < only):
            found = _candidates(local_texts, rows)
            against = _against(sentiment, sampled[c], rows)
            side = _side(sentiment, sampled[c])
            first, covered = _best_phrase(
                found, scores[c], holders[c], n, against=against, side=side
            )
            if first is not None and (len(first) == 1 or is_person(first)):
                # One word alone says little ("Pressure"), a job title only who ("Senior
                # practitioner"): the best phrase that a fair share wrote around it
                # ("Discharge pressure", "Progression to senior practitioner"), if any.
                around = {
                    g: m
                    for g, m in found.items()
                    if len(g) > len(first) and len(m) >= AROUND_SHARE * n and _holds(g, first)
                }
                wider, more = _best_phrase(
                    around, scores[c], holders[c], n, against=against, side=side
                )
                if wider is not None:
                    first, covered = wider, more
            if fuller and first is not None:
                earlier = _subject_first(first, found, local_texts)
                if earlier != first:
                    first = earlier
                    covered = _supporters(sorted(set(_content(first))), holders[c])
                first = _fuller(first, found, n)
            if first is not None:
                joined = None
                if len(covered) < JOIN_BELOW * n and "and" not in first:
                    rest = {
                        g: m
                        for g, m in found.items()
                        if 2 <= len(g) <= MAX_LABEL_WORDS - len(first) and "and" not in g
                        # "... and laptops are better": a clause joined to a thing reads
                        # as two sentences run together.
                        and not _CLAUSE & set(g)
                    }
                    second, more = _best_phrase(
                        rest,
                        scores[c],
                        holders[c],
                        n,
                        exclude=frozenset(_content(first)),
                        against=against,
                        side=side,
                    )
                    if second is not None and len(more - covered) >= JOIN_GAIN * n:
                        joined = _surface_form(" ".join(second), member_texts)
                        covered = covered | more
                if fuller and joined is None:
                    # To the end of the clause its writers wrote it in: "Hard to find time
                    # to attend", not "Time to attend"; none where a negation turns it round.
                    first = whole_clause(
                        first,
                        found[first],
                        local_texts,
                        FULLER_SHARE,
                        local_who,
                        least=FULLER_OF_ALL * n,
                        enough=enough,
                    )
                    if first is None:
                        covered = set()
            if first is not None:
                label = _surface_form(" ".join(first), member_texts)
                if joined is not None:
                    label = f"{label} and {lower_first(joined, member_texts)}"
        if not label and keywords[c]:
            label = _surface_form(keywords[c][0], member_texts)
        if coverage is not None:
            coverage.append(len(covered) / n if n else 0.0)
        labels.append(label or "Other comments")
    return unique_labels(labels, keywords) if unique else labels


def unique_labels(labels, keywords):
    """``labels`` made unique: a repeated one takes its theme's first key term that it does
    not hold ("Legal advice: slow"), else a number."""
    seen: Counter = Counter(labels)
    out = []
    used: set[str] = set()
    for label, terms in zip(labels, keywords):
        if seen[label] > 1 or label in used:
            extra = next((t for t in terms if t.lower() not in label.lower()), None)
            candidate = f"{label}: {extra}" if extra else label
            n = 2
            while candidate in used:
                candidate = f"{label} ({n})"
                n += 1
            label = candidate
        used.add(label)
        out.append(label)
    return out


def label_words(label: str) -> set[str]:
    """The content words of a label as ``make_labels`` counts them (plural "s" off)."""
    return set(_content(_LETTERS.findall(prepare_all([label])[0])))


def said_words(text: str) -> frozenset[str]:
    """A text's words as a part's label and its statements are compared (plural "s" off),
    small words aside but not vague ones: "good" is what "Good supervision" says. Read
    once per ``label_memo()``."""
    known = memo_table("said words")
    words = known.get(text)
    if words is None:
        found = _LETTERS.findall(prepare_all([text])[0])
        words = known[text] = frozenset(_stem(w) for w in found if w not in _LABEL_STOP)
    return words


def shows_label(text: str, words: set[str]) -> int:
    """How many of a label's content words a statement holds: the more, the better it
    shows what the label says (0 when it holds none, or the label has none)."""
    if not words:
        return 0
    return len(words & set(_content(_LETTERS.findall(prepare_all([text])[0]))))
