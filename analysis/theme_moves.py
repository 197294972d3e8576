"""A part of a theme that answers another question moves to that question's own theme.

Clustered by their words, a few answers to one question can land in a theme about another
that shares some of those words, and then show as one of its parts ("What it covers"): "It is
a tick box exercise, we go through the cases and that is it", said of supervision, as the part
"Tick box exercise" of "Training offer"; "Knowing the people I work with and building trust
with families", said of what helps achieve good outcomes, as a part of "What stops cases
flowing well". The Principal Social Worker reads a part as what its theme is about, so such a
part belongs where most answers to its question are.

A part moves (``misplaced_parts``) when most of it answers one question (``PART_SHARE``),
that question is a minority of its theme (``THEME_SHARE``), and another theme holds at least
``HOME_TIMES`` as many answers to it. A theme never gives away more than ``KEEP_AWAY`` of its
statements. Statements without a question (the command line's plain rows, the benchmarks)
never move.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

__all__ = ["misplaced_parts"]

PART_SHARE = 0.75
THEME_SHARE = 0.5
HOME_TIMES = 1.5
KEEP_AWAY = 0.5


def misplaced_parts(themes: Sequence, questions: Sequence) -> list[tuple[dict, int, int]]:
    """``(part, from, to)`` for each part to move: the part, the index in ``themes`` of the
    theme it leaves and of the one it joins. ``themes``: a fitted model's themes (with
    ``kind``, ``members`` and ``parts``); ``questions``: each statement's question."""
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
            moves.append((part, t, home))
    return moves
