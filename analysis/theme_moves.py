"""A part of a theme that answers another question moves to that question's own theme.

Clustered by their words, a few answers to one question can land in a theme about another
that shares some of those words, and then show as one of its parts ("What it covers"): "It is
a tick box exercise, we go through the cases and that is it", said of supervision, as the part
"Tick box exercise" of "Training offer"; "Knowing the people I work with and building trust
with families", said of what helps achieve good outcomes, as a part of "What stops cases
flowing well". The Principal Social Worker reads a part as what its theme is about, so such a
part belongs where most answers to its question are.

A part that takes the other side of the question its theme is headed by moves to the theme
of the question asking for that side (``other_side_parts``): "The brokerage team are
overwhelmed", written in answer to "what helps cases flow well?", read as part of "What helps
cases flow well" says the opposite of what it means.

A part moves (``misplaced_parts``) when most of it answers one question (``PART_SHARE``),
that question is a minority of its theme (``THEME_SHARE``), and another theme holds at least
``HOME_TIMES`` as many answers to it. A theme never gives away more than ``KEEP_AWAY`` of its
statements. Statements without a question (the command line's plain rows, the benchmarks)
never move.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from analysis.sentiment import sentiment_label
from analysis.theme_titles import title_side

__all__ = ["misplaced_parts", "other_side_parts", "sibling_themes"]

PART_SHARE = 0.75
THEME_SHARE = 0.5
HOME_TIMES = 1.5
KEEP_AWAY = 0.5
# Themes headed by one question's title, this share of each answering it, are one.
ONE_QUESTION = 0.6


def misplaced_parts(
    themes: Sequence, questions: Sequence, titles=None, sentiment=None
) -> list[tuple]:
    """``(members, from, to, part)`` for each part to move (analysis.theme_regroup): its
    statements, the index in ``themes`` of the theme it leaves and of the one it joins, and
    the part. ``themes``: a fitted model's themes (with ``kind``, ``members`` and
    ``parts``); ``questions``: each statement's question. ``titles`` and ``sentiment`` are
    not read: every rule takes the same arguments."""
    regular = [t for t, theme in enumerate(themes) if theme.kind == "theme"]
    counts = {t: Counter(questions[i] for i in themes[t].members) for t in regular}
    moves = []
    for t in regular:
        theme = themes[t]
        given = 0
        for part in theme.parts or ():
            members = list(part["members"])
            question, n = Counter(questions[i] for i in members).most_common(1)[0]
            if question is None or n < PART_SHARE * len(members):
                continue
            if counts[t][question] >= THEME_SHARE * len(theme.members):
                continue
            home = max(regular, key=lambda u: (counts[u][question], -u))
            if home == t or counts[home][question] < HOME_TIMES * counts[t][question]:
                continue
            if given + len(members) > KEEP_AWAY * len(theme.members):
                continue
            given += len(members)
            moves.append((members, t, home, part))
    return moves


def sibling_themes(themes: Sequence, questions: Sequence, titles, sentiment=None) -> list[tuple]:
    """``(members, from, to, None)`` for each theme to join another: themes headed by the
    title of the question ``ONE_QUESTION`` of each answers ("Tools to do the job: legal
    advice and telephone interpreting", "Tools to do the job: translators are hard to
    book") are one, the smaller joining the largest, cut into parts afresh. Read one after
    the other, they are one question's answers split for no reason a reader can see."""
    by_question: dict[str, list[int]] = {}
    for t, theme in enumerate(themes):
        headed = _headed_by(theme, questions, titles)
        if headed is not None:
            by_question.setdefault(headed[0], []).append(t)
    moves = []
    for group in by_question.values():
        home = max(group, key=lambda t: (len(themes[t].members), -t))
        moves += [(list(themes[t].members), t, home, None) for t in group if t != home]
    return moves


def other_side_parts(themes: Sequence, questions: Sequence, titles, sentiment) -> list[tuple]:
    """``(members, from, to, part)`` for each part of a theme headed by a question's title
    that asks for one side ("What helps cases flow well"), ``PART_SHARE`` of whose
    statements take the other side by their ``sentiment`` scores, where a theme of the same
    area is headed by a title asking for that other side ("What stops cases flowing well"):
    the part moves there. A theme never gives away more than ``KEEP_AWAY`` of itself."""
    headed = {}  # theme index -> (side its title asks for, its main area)
    for t, theme in enumerate(themes):
        question_title = _headed_by(theme, questions, titles)
        if question_title is None:
            continue
        side = title_side(question_title[1])
        if side is not None and theme.areas:
            headed[t] = (side, max(theme.areas, key=lambda a: (theme.areas[a], str(a))))
    moves = []
    for t, (side, area) in headed.items():
        other = "negative" if side == "positive" else "positive"
        homes = [u for u, (s, a) in headed.items() if s == other and a == area]
        if not homes:
            continue
        home = max(homes, key=lambda u: (len(themes[u].members), -u))
        given = 0
        for part in themes[t].parts or ():
            members = list(part["members"])
            against = sum(sentiment_label(float(sentiment[i])) == other for i in members)
            if against < PART_SHARE * len(members):
                continue
            if given + len(members) > KEEP_AWAY * len(themes[t].members):
                continue
            given += len(members)
            moves.append((members, t, home, part))
    return moves


def _headed_by(theme, questions: Sequence, titles) -> tuple[str, str] | None:
    """``(question, title)`` where ``ONE_QUESTION`` of a regular theme's statements answer
    one question and the theme is headed by its title ("Tools to do the job", "Tools to do
    the job: translators are hard to book"); else None."""
    if theme.kind != "theme" or not theme.members:
        return None
    question, n = Counter(questions[i] for i in theme.members).most_common(1)[0]
    title = (titles or {}).get(question) if question is not None else None
    if not title or n < ONE_QUESTION * len(theme.members):
        return None
    if theme.label == title or theme.label.startswith(f"{title}: "):
        return question, title
    return None
