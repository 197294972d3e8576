"""What a theme covers, in parts: the things its statements are about, each with a label
people wrote and how many statements say it ("Faster laptops" 52, "Translator booking" 33,
"Teams calls save travelling" 25 in a theme of answers about tools).

A theme found among all the comments can hold several things said in answer to one
question, or the same thing said under several; its label names one or two of them. Its
parts let a reader see the rest without reading every quote. They are found as the themes
of a whole survey would be, question by question (analysis.theme_blocks: each question's
statements in the theme clustered on their own, parts alike across questions joined), and
labelled all together, beside the themes that have none
(analysis.theme_labels.make_labels), so a part's label says what sets it apart from
everything else said. A part is shown only where its label is
borne out by ``PART_COVERAGE`` of its members and it holds ``SHOWN_SHARE`` of the theme;
a theme with fewer than two such parts has none (it is about one thing, or its parts
agree on nothing a label can say). Who may see a part's count is decided where writers
are known (analysis.theme_analysis.fit_themes).
"""

from __future__ import annotations

import math
import re
from collections import Counter

import numpy as np

from analysis.label_memo import memo_table
from analysis.label_phrases import LETTERS
from analysis.text_features import prepare
from analysis.theme_blocks import content_order as _content_order
from analysis.theme_blocks import question_clusters
from analysis.theme_labels import (
    is_claim,
    label_words,
    lower_first,
    make_labels,
    said_words,
    shows_label,
)
from analysis.theme_records import part_quotes
from analysis.theme_titles import title_fits

__all__ = [
    "ACRONYM",
    "acronym_writers",
    "statement_writers",
    "MIN_THEME",
    "add_parts",
    "count_saying",
    "find_parts",
    "heading",
    "saying",
    "set_parts",
    "shown_parts",
    "theme_parts",
]

# A theme of fewer statements is not cut in parts.
MIN_THEME = 30
# A theme's parts hold this share of it on average (and ``MIN_PART`` statements).
PART_SHARE = 0.1
MIN_PART = 8
# A part is shown where it holds this share of its theme (and ``MIN_SHOWN`` statements) and
# its label, of two words or more, is borne out by this share of its members: one word
# ("Weeks", "Enter") says too little without the rest of its sentence, and no more before
# "and" ("Weeks and case drifted").
SHOWN_SHARE = 0.08
MIN_SHOWN = 8
PART_COVERAGE = 0.4
# A theme most of whose statements answer one question, that covers this many parts or more
# and whose own label is borne out by under half of it, is headed by the question's short
# title ("Managing caseloads"): its parts say what it holds.
HEADING_ONE_QUESTION = 0.6
HEADING_PARTS = 2
HEADING_COVERAGE = 0.5
# With fewer parts, it is headed so where its label is borne out by under this share: the
# label's words that only repeat the question's ("Supervision" in answers about supervision)
# do not count, so "Supervision training" over answers to "what would you change about
# supervision?", 5 of 43 about training, becomes "Changes wanted to supervision". A label that
# makes a claim ("Caseloads are too high") or joins two ("Hospital discharge pressure and OT
# capacity", each borne out by its own members) keeps it.
HEADING_ALONE = 0.25
HEADING_SAMPLE = 300
# A theme is cut in parts on at most this many of its statements.
PART_SAMPLE = 400
# A theme's label joined with its largest part's has at most this many words, the part
# named without what its label says of it (``_PREDICATES`` on).
JOINED_WORDS = 8
_PREDICATES = frozenset({"is", "are", "was", "were", "has", "have", "had", "means", "takes"})
# A word written in capitals: an acronym ("PSW", "AMHPs"; not initials, "JB").
ACRONYM = re.compile(r"^[A-Z]{3,5}s?$")
# At most this many parts are shown, largest first, of at most ``MAX_FOUND`` found.
MAX_SHOWN = 10
MAX_FOUND = 12
# What the parts shown leave unsaid is cut again where it is this share of the theme (and
# ``MIN_THEME`` statements), into parts of this share of it on average (``MIN_PART`` at least).
AGAIN_SHARE = 0.3
AGAIN_PART_SHARE = 0.05


def theme_parts(
    X,
    X_text,
    members,
    positions,
    questions,
    texts,
    prepared=None,
    sentiment=None,
    random_state=0,
    writers=None,
    quotable=None,
    min_writers=1,
    background=(),
) -> list[list[dict]]:
    """Per theme, its parts: [{"label", "size", "members"}, ...] largest first (ties in
    order found), or [] where it has none.

    ``X``, ``X_text``: the clustered statements' features, with and without the question
    (analysis.text_features.StatementVectorizer.text_part); ``members``: per theme, its
    statement indices; ``positions``: per statement, its row in ``X`` (-1 if none);
    ``questions``, ``texts``, ``prepared``, ``sentiment``: per statement; ``writers``: per
    statement, who wrote it, and ``quotable``, whether their quotes may be shown: a part is
    shown only where ``min_writers`` or more wrote it, and its label reads on only as far as
    quotable writers wrote it (analysis.label_clause). All parts are
    labelled together, beside the themes that have none, so a part's label is what sets
    it apart from everything else said, not only from its theme's other parts. What the
    parts shown leave unsaid, where it is much (``AGAIN_SHARE``), is cut again into smaller
    parts (``AGAIN_PART_SHARE``), labelled the same way: "Funding panel delays" and "System
    was down" among the 155 of 242 statements about what stops cases flowing well that
    five parts of 24 or more left as "other things". ``background``: more statement sets
    (arrays of indices) the parts are labelled beside, not cut."""
    cuts = []
    for rows in members:
        rows = np.asarray([i for i in rows if positions[i] >= 0], dtype=np.int64)
        cuts.append(_cut(X, X_text, rows, positions, questions, texts, random_state) or [rows])
    # The parts of themes that have some first (labelled), then the themes that have none
    # (beside them, so that "typical" means typical of everything said).
    clusters = [part for parts in cuts if len(parts) > 1 for part in parts]
    who = None
    if writers is not None:
        who = [w if quotable is None or quotable[i] else None for i, w in enumerate(writers)]
    rule = {"who": who, "writers": writers, "min_writers": min_writers}
    shown = _shown(cuts, clusters, list(background), texts, prepared, sentiment, rule=rule)
    sizes = [sum(len(part) for part in parts) for parts in cuts]
    again, unsaid = [], set()
    for t, parts in enumerate(cuts):
        # What the shown parts' labels say (``saying``); the rest of each is cut again.
        said = {i for part in shown[t] for i in saying(part["label"], part["members"], texts)}
        left = np.asarray([i for part in parts for i in part if i not in said], dtype=np.int64)
        if len(parts) < 2 or len(left) < max(MIN_THEME, AGAIN_SHARE * sizes[t]):
            again.append(None)
            continue
        cut = _cut(X, X_text, left, positions, questions, texts, random_state, AGAIN_PART_SHARE)
        again.append(cut)
        if cut:
            unsaid.update(id(part) for part in parts if not said.issuperset(part.tolist()))
    if any(again):
        # Labelled beside everything else once: the parts already shown and the themes, not
        # the parts whose statements are cut again.
        beside = [part for part in clusters if id(part) not in unsaid] + list(background)
        beside += [parts[0] for parts in cuts if len(parts) == 1]
        cuts_again = [cut or [None] for cut in again]
        more = _shown(
            cuts_again,
            [p for cut in again if cut for p in cut],
            beside,
            texts,
            prepared,
            sentiment,
            sizes,
            rule,
        )
        for t, extra in enumerate(more):
            shown[t] = shown[t] + extra
    # Up to ``MAX_FOUND`` until each is counted by what it says (``count_saying``), which
    # shows the ``MAX_SHOWN`` largest of those.
    return [shown_parts(parts, MAX_FOUND) for parts in shown]


def _shown(cuts, labelled, background, texts, prepared, sentiment, sizes=None, rule=None):
    """Per theme (an entry of ``cuts``, its parts; one part or None: no parts), the parts
    that may be shown ({"label", "size", "members"}), labelled beside ``background`` (other
    clusters) and the themes ``cuts`` leaves whole. ``labelled``: the parts of ``cuts`` that
    have several, in order; ``sizes``: each
    theme's size where its parts do not add up to it; ``rule``: who wrote each statement
    (``theme_parts``)."""
    rule = rule or {}
    writers, least = rule.get("writers"), rule.get("min_writers", 1)
    clusters = labelled + background
    clusters += [parts[0] for parts in cuts if len(parts) == 1 and parts[0] is not None]
    coverage: list[float] = []
    labels = make_labels(
        texts,
        clusters,
        [[] for _ in clusters],
        prepared=prepared,
        coverage=coverage,
        sentiment=sentiment,
        unique=False,
        only=len(labelled),
        fuller=True,
        who=rule.get("who"),
        min_writers=rule.get("min_writers"),
    )
    found = iter(zip(labels, coverage, clusters))
    out = []
    for t, parts in enumerate(cuts):
        if len(parts) == 1:
            out.append([])
            continue
        n = sizes[t] if sizes else sum(len(part) for part in parts)
        shown = []
        for label, share, part in (next(found) for _ in parts):
            if (
                share >= PART_COVERAGE
                and len(part) >= max(MIN_SHOWN, SHOWN_SHARE * n)
                and len(label.split(" and ")[0].split()) > 1
                and label != "Other comments"
                and (writers is None or len({writers[i] for i in part}) >= least)
            ):
                shown.append({"label": label, "size": len(part), "members": [int(i) for i in part]})
        out.append(shown)
    return out


def shown_parts(parts: list[dict], most: int = MAX_SHOWN) -> list[dict]:
    """The parts a theme shows: the ``most`` largest (ties in order given), none where
    fewer than two are left (``_unique``)."""
    parts = sorted(parts, key=lambda part: -part["size"])
    return _unique(parts[:most]) if len(parts) >= 2 else []


def _unique(parts):
    """Parts with the same label are one (their sizes and members added), as are labels
    that differ only by a plural ("Waiting lists" and "Waiting list"): the larger's label."""
    by_label: dict[frozenset, dict] = {}
    for part in parts:
        # "Supervision is regular" and "Supervision is not regular" are two.
        key = (
            frozenset(label_words(part["label"])) or frozenset([part["label"]]),
            _negated(part["label"]),
        )
        if key in by_label:
            kept = by_label[key]
            kept["size"] += part["size"]
            kept["members"] = kept["members"] + part["members"]
        else:
            by_label[key] = dict(part)
    merged = sorted(by_label.values(), key=lambda part: -part["size"])
    return merged if len(merged) >= 2 else []


def _cut(X, X_text, rows, positions, questions, texts, random_state, share=PART_SHARE):
    """A theme's statement indices in parts (question by question, then joined), or None
    where it is too small or stays whole. A large theme is cut on ``PART_SAMPLE`` of its
    statements (chosen by a checksum of their text, so not by position); every member then
    joins the part whose centre is nearest."""
    n = len(rows)
    if n < MIN_THEME:
        return None
    sample = rows
    if n > PART_SAMPLE:
        sample = _content_order(rows, texts)[:PART_SAMPLE]
    at = positions[sample]
    local, centres = question_clusters(
        X[at],
        X_text[at],
        [questions[i] for i in sample],
        [texts[i] for i in sample],
        min_part=max(MIN_PART, math.ceil(share * len(sample))),
        random_state=random_state,
    )
    if centres.shape[0] < 2:
        return None
    if n > PART_SAMPLE:
        local = np.argmax(X[positions[rows]] @ centres.T, axis=1)
    parts = [rows[local == c] for c in range(centres.shape[0]) if np.any(local == c)]
    return parts if len(parts) > 1 else None


def heading(label, texts, questions, titles, n_parts) -> str | None:
    """The short title of the question a theme answers, where it should head the theme
    instead of ``label`` (see ``HEADING_*``); else None. ``texts`` and ``questions``: the
    members', most central first; ``titles``: {question: short title}. A title asking for
    the other side than many of its members' questions does not head it (``title_fits``)."""
    if not titles or not questions:
        return None
    question, count = Counter(questions).most_common(1)[0]
    title = titles.get(question)
    if not title or count < HEADING_ONE_QUESTION * len(questions):
        return None
    if not title_fits(title, questions, titles):
        return None
    phrase = label[len(title) + 2 :] if label.startswith(f"{title}: ") else label
    if n_parts >= HEADING_PARTS:
        share = HEADING_COVERAGE
    elif not is_claim(phrase) and " and " not in phrase:
        share = HEADING_ALONE
    else:
        return None
    words = label_words(phrase) - label_words(title)
    sample = list(texts[:HEADING_SAMPLE])
    borne = sum(2 * shows_label(text, words) >= len(words) for text in sample) if words else 0
    return title if borne < share * len(sample) else None


def _names_largest(theme, texts, writers=None, least=1) -> str | None:
    """The theme's label joined with the label of its largest part that most of whose members
    bear out none of the label's words, where that part holds a third of the theme or more, else
    None: a label should name the most that is said under it ("Training offer and
    progression to senior practitioner", where 41 of 81 say progression has no pathway)."""
    if len(theme.parts) < 2 or " and " in theme.label or ": " in theme.label:
        return None
    if theme.label == "Other comments":
        return None
    words = label_words(theme.label)
    if not words:
        return None
    # The largest part the label does not name already: "Training offer is good but backfill
    # is not" (48) is named by "Training offer", "Progression…" (41 of 81) is not.
    largest = next(
        (
            part
            for part in theme.parts
            if 2 * sum(shows_label(texts[i], words) > 0 for i in part["members"])
            < len(part["members"])
        ),
        None,
    )
    if largest is None:
        return None
    members = largest["members"]
    if 3 * len(members) < len(theme.members) or " and " in largest["label"]:
        return None
    # Named only where as many people as a part needs say what its label says: a part the
    # count later leaves to fewer is withheld, and must not be named in the label.
    said = saying(largest["label"], members, texts)
    if len(said) < MIN_SHOWN or (writers and len({writers(i) for i in said}) < least):
        return None
    # What the part is about, less what its label says of it ("Progression to senior
    # practitioner | has no clear pathway"): a theme's label names, its parts say.
    named = largest["label"].split()
    end = next((k for k, w in enumerate(named) if k >= 2 and w.lower() in _PREDICATES), None)
    named = " ".join(named[:end])
    if len(theme.label.split()) + 1 + len(named.split()) > JOINED_WORDS:
        return None
    return f"{theme.label} and {lower_first(named, [texts[i] for i in members])}"


def statement_writers(model) -> list:
    """Who wrote each statement of a fitted ``ThemeModel``: its ``writers`` of the
    statement's row, or where that is not known, the row as a writer of its own."""
    writer_of = getattr(model, "writers", None)
    out = []
    for s in model.statements_:
        who = writer_of(s.row) if writer_of is not None else None
        out.append(("row", s.row) if who is None else who)
    return out


def acronym_writers(model, indices, writers=None) -> dict[str, tuple[int, int]]:
    """For each acronym written in the statements ``indices`` of a fitted ``ThemeModel``
    (three to five capitals, "PSW", "AMHPs"; not in a statement written in capitals): how
    many of them write it, and how many distinct writers whose quotes may be shown do.
    ``writers``: ``statement_writers(model)``, where the caller has it."""
    writers = statement_writers(model) if writers is None else writers
    statements, people = Counter(), {}
    for i in indices:
        s = model.statements_[int(i)]
        words = [w.strip(".,;:!?()\"'") for w in s.text.split()]
        found = {w for w in words if ACRONYM.match(w)}
        if not found or 2 * sum(w.isupper() and len(w) > 1 for w in words) > len(words):
            continue
        for word in found:
            statements[word] += 1
            if s.quotable:
                people.setdefault(word, set()).add(writers[int(i)])
    return {w: (n, len(people.get(w, ()))) for w, n in statements.items()}


def _names_acronym(theme, model, titles, writers=None) -> str | None:
    """The theme's label after the acronym most of its statements write, where the label
    has none of it: "PSW and practice forums" of a theme where 57 of 78 write "PSW" (that
    the PSW is approachable, or that they rarely see the PSW): the label says who it is about
    and takes no side. Written by as many people whose quotes may be shown as a part needs;
    not a question's title, nor beyond ``JOINED_WORDS``."""
    label = theme.label.strip()
    if not label or label in titles or ": " in label or not theme.members:
        return None
    written = acronym_writers(model, theme.members, writers)
    if not written:
        return None
    acronym, (n, people) = max(written.items(), key=lambda item: (item[1], item[0]))
    if 2 * n <= len(theme.members) or people < max(2, getattr(model, "min_part_writers", 1)):
        return None
    if acronym.lower() in label.lower().split() or len(label.split()) + 2 > JOINED_WORDS:
        return None
    texts = [model.statements_[int(i)].text for i in theme.members]
    return f"{acronym} and {lower_first(label, texts)}"


def count_saying(model) -> None:
    """Each part of a fitted ``ThemeModel``'s themes counted by the statements that say
    what its label says (``saying``), once every part has settled where it stays: a part
    is a cluster, and its nearest statements include some it does not speak for ("Tick
    box exercise (46)" held four "I rarely see the PSW"); those are "other things", and the
    theme's statements no part holds that say a part's label are that part's. A part
    left with fewer than ``MIN_SHOWN`` is not shown, nor are a theme's parts where fewer
    than two are left."""
    texts = [s.text for s in model.statements_]
    for theme in model.themes_:
        if theme.kind != "theme" or not theme.parts:
            continue
        kept, counted = [], set()
        # Largest first; a statement counts once, in its theme's parts only (a part cut again
        # from what another left unsaid may hold some of that one's members too).
        members = set(int(i) for i in theme.members)
        for part in sorted(theme.parts, key=lambda p: -len(p["members"])):
            said = [
                i
                for i in saying(part["label"], part["members"], texts)
                if i in members and i not in counted
            ]
            counted.update(said)
            if len(said) >= MIN_SHOWN:
                kept.append({**part, "size": len(said), "members": said})
        # Then what the theme's other statements say: the same words written under another
        # question are in another cut, and are as much what the part says.
        rest = [i for i in theme.members if int(i) not in counted]
        for part in kept:
            more = [i for i in saying(part["label"], rest, texts) if i not in counted]
            counted.update(more)
            part["members"] = part["members"] + more
            part["size"] = len(part["members"])
        theme.parts = shown_parts(kept)


# A statement says what a part's label says when it holds all the label's content words
# (one may be missing from a label of this many or more), and a negation where the label
# has one: "Supervision gets cancelled" does not say "Good supervision", "Pool cars are hard
# to book" does not say "Translators are hard to book", "My manager is always available"
# does not say "Manager is not available".
SAYING_SLACK_FROM = 4
# On prepared text (analysis.text_features.prepare), where "can't" and "don't" read "not".
_NEGATIONS = re.compile(
    r"\b(?:not|no|never|nobody|nothing|none|cannot|without|hardly|rarely|barely|seldom|unable"
    r"|few|little)\b"
)


def _negated(text: str) -> bool:
    """Whether ``text`` holds a negation; read once per ``label_memo()``."""
    known = memo_table("negated")
    found = known.get(text)
    if found is None:
        found = known[text] = bool(_NEGATIONS.search(prepare(text)))
    return found


def _says(text: str, words: set[str], negated: bool) -> bool:
    held = len(words & said_words(text))
    enough = len(words) - (1 if len(words) >= SAYING_SLACK_FROM else 0)
    if held < enough:
        return False
    # A label with a negation is said only with one; one without, not where a negation
    # turns its words round ("The duty rota is not manageable" does not say "Duty rota is
    # manageable"; "…I had none for a month" still says "Supervision gets cancelled").
    return _negated(text) if negated else not _turned(text, words)


# A negation this many words or fewer before a label's word turns it round.
TURN_REACH = 2


def _turned(text: str, words: set[str]) -> bool:
    """Whether a negation stands just before one of ``words`` in ``text`` (prepared)."""
    if not _negated(text):
        return False
    known = memo_table("turned tokens")
    tokens = known.get(text)
    if tokens is None:
        tokens = known[text] = [
            (said_words(t) or {t}, bool(_NEGATIONS.fullmatch(t)))
            for t in LETTERS.findall(prepare(text))
        ]
    for j, (said, _) in enumerate(tokens):
        if said & words and any(neg for _, neg in tokens[max(0, j - TURN_REACH) : j]):
            return True
    return False


def saying(label: str, part, texts) -> list[int]:
    """The members of ``part`` whose statements say what its label says (``_says``), or
    what either half of a label of two joined by "and" says."""
    halves = label.split(" and ", 1)
    read = [(said_words(h), _negated(h)) for h in halves]
    read = [(words, negated) for words, negated in read if words]
    return [int(i) for i in part if any(_says(texts[i], w, n) for w, n in read)]


def add_parts(model, X, to_cluster, prepared=None) -> None:
    """Give each theme of a fitted ``ThemeModel`` its parts (``theme_parts``, with their
    members) and, where ``heading`` says so, its question's title as label. ``X``: the
    features of the statements ``to_cluster`` (indices into ``model.statements_``)."""
    themes = [t for t in model.themes_ if t.kind == "theme"]
    set_parts(model, find_parts(model, X, to_cluster, [t.members for t in themes], prepared))


def find_parts(model, X, to_cluster, members, prepared=None, background=()) -> list[list[dict]]:
    """``theme_parts`` of the statement sets ``members`` (indices into the statements of a
    fitted ``ThemeModel``; ``X``: the features of its statements ``to_cluster``), labelled
    beside the statement sets ``background`` too."""
    questions = [s.question for s in model.statements_]
    texts = [s.text for s in model.statements_]
    positions = np.full(len(questions), -1, dtype=np.int64)
    positions[to_cluster] = np.arange(len(to_cluster))
    text_X = X
    if model.vectorizer_ is not None:
        text_X = model.vectorizer_.text_part(X, [questions[i] for i in to_cluster])
    writers = statement_writers(model)
    return theme_parts(
        X,
        text_X,
        members,
        positions,
        questions,
        texts,
        prepared,
        model.sentiment_,
        model.random_state,
        writers=writers,
        quotable=[s.quotable for s in model.statements_],
        min_writers=getattr(model, "min_part_writers", 1),
        background=[np.asarray(rows, dtype=np.int64) for rows in background],
    )


def set_parts(model, found) -> None:
    """Give the themes of a fitted ``ThemeModel`` (those of kind "theme", in order) the parts
    ``found`` and, where ``heading`` says so, their question's title as label."""
    questions = [s.question for s in model.statements_]
    texts = [s.text for s in model.statements_]
    themes = [t for t in model.themes_ if t.kind == "theme"]
    for theme, parts in zip(themes, found):
        theme.parts = parts
    titles = set((model.question_titles or {}).values())
    writers = statement_writers(model)
    least = getattr(model, "min_part_writers", 1)
    for theme in themes:  # a theme of many parts answering one question: its title
        title = heading(
            theme.label,
            [texts[i] for i in theme.members],
            [questions[i] for i in theme.members],
            model.question_titles,
            len(theme.parts),
        )
        headed = bool(title) and all(t.label != title for t in model.themes_)
        if headed:
            theme.label = title
        joined = (
            not headed
            and theme.label not in titles
            and _names_largest(theme, texts, writers.__getitem__, least)
        )
        if joined:
            theme.label = joined
        named = not headed and not joined and _names_acronym(theme, model, titles, writers)
        if named:
            theme.label = joined = named
        if headed or joined or (theme.parts and theme.label in titles):
            # A theme headed by its question's title alone: its quotes were chosen to bear
            # out a phrase it is no longer labelled with; now one from each part leads.
            theme.quotes = part_quotes(
                theme, model.statements_, model.sentiment_, texts, len(theme.quotes)
            )


# A part most of whose statements say "It is a tick box exercise", answering questions about
# what its theme is named for: said of that ("Supervision is a tick box exercise", under
# "Supervision", answering "Tell us about your experience of supervision"), where the name
# is one or two words, singular, and the label describes, not judges.
IT_SHARE = 0.8
_IT_IS = re.compile(r"^\s*it(?: is|'s|’s) (an?) ", re.IGNORECASE)
# After the label: the statement ends, or a comma and who does what ("…, we go through…").
_THEN = re.compile(r"^(?:\s*[.!]*\s*$|\s*,\s*(?:we|they|i|it)\b)", re.IGNORECASE)
_JUDGING = frozenset({"shame", "joke", "nightmare", "relief", "idea", "pity", "struggle", "pain"})
_JUDGING |= {"worry", "concern", "disgrace", "mess", "farce", "waste", "shambles", "must"}
_JUDGING |= {"help", "godsend", "lifeline", "problem", "issue", "challenge", "battle"}


def name_what_it_is(model) -> None:
    """Relabel each part of a fitted ``ThemeModel`` whose label ``IT_SHARE`` of its
    statements write as "It is a <label>" (``_THEN``), answering questions whose short
    titles name its theme, as said of the theme's name ("Tick box exercise" -> "Supervision
    is a tick box exercise"): "it" is what they were asked about, and the label alone reads
    as a fragment. Not where the label judges ("a real shame", "a nightmare": "it" is then
    often the situation, not the thing)."""
    texts = [s.text for s in model.statements_]
    titles = getattr(model, "question_titles", None) or {}
    for theme in model.themes_:
        name = theme.label.split()
        if theme.kind != "theme" or not theme.parts or not 1 <= len(name) <= 2:
            continue
        last = name[-1].lower()
        if last.endswith("s") and not last.endswith("ss"):
            continue  # "Laptops is…"
        for part in theme.parts:
            words = part["label"].lower().split()
            if not words or len(words) > 4 or _JUDGING & set(words):
                continue
            if any(w.endswith("ing") for w in words):
                continue
            label = " ".join(words)
            said, article, asked = 0, None, 0
            for i in part["members"]:
                m = _IT_IS.match(texts[i])
                rest = texts[i][m.end() :] if m else ""
                if m and rest.lower().startswith(label) and _THEN.match(rest[len(label) :]):
                    said += 1
                    article = m.group(1).lower()
                title = titles.get(model.statements_[i].question) or ""
                asked += last in title.lower().split()
            members = len(part["members"])
            if article and said >= IT_SHARE * members and asked >= IT_SHARE * members:
                part["label"] = f"{theme.label} is {article} {lower_first(part['label'])}"
