"""The same thing said in answer to several questions, gathered in the theme it is about.

Staff add a remark to whatever they are asked: "I rarely see the PSW and I am not sure what
the role does", written by 22 people beside answers about supervision, resilience and good
outcomes, is clustered with each question's answers and sits among their "other things",
too few in any one theme to be a part. Meanwhile "The PSW is visible and approachable" is a
part of the theme about the PSW: a reader sees the praise and not the criticism.

``aside_moves`` finds such a remark: statements saying the same words (``said_words``,
``MIN_WORDS`` or more) among the other things of two or more themes (they say no part's
label: analysis.theme_parts.saying), no one theme holding ``MOST`` of them, written by as
many people as a part must be. It moves to the theme that one of its words is most about,
among the words that theme's label names, or an acronym in its parts' labels or in many
of its statements ("PSW"):
``ABOUT`` of that theme's statements hold the word, ``LIFT`` times as often as the
statements of other themes do, and at most ``RARE`` of those do (``_home``). There it is a part,
labelled as parts are (analysis.theme_labels.make_labels). A remark no theme is about stays
where it is, and every theme keeps its label.
"""

from __future__ import annotations

from collections import Counter

from analysis.theme_labels import make_labels, said_words
from analysis.theme_parts import (
    ACRONYM,
    MIN_SHOWN,
    acronym_writers,
    saying,
    statement_writers,
)

__all__ = ["aside_moves"]

MIN_WORDS = 3
MOST = 0.6
ABOUT = 0.3
LIFT = 3.0
# A word this share of the statements outside a theme hold is what it is not alone in being
# about ("cases").
RARE = 0.05


def aside_moves(model, prepared=None) -> list[tuple]:
    """``(members, from, to, part)`` for each group of a remark's statements to move
    (analysis.theme_regroup): its statements in the theme ``from``, the theme it joins and
    the new part (the same dict for every group of one remark; not a part of ``from``).
    ``model``: a fitted ``ThemeModel`` with parts."""
    themes = model.themes_
    regular = [t for t, theme in enumerate(themes) if theme.kind == "theme"]
    if len(regular) < 2:
        return []
    texts = [s.text for s in model.statements_]
    words = {}
    held: dict[frozenset, list[tuple[int, int]]] = {}
    counts = Counter()  # statements holding each word, per theme and (None) in all
    for t in regular:
        in_parts = {  # statements that say what their part's label says
            i
            for part in themes[t].parts or ()
            for i in saying(part["label"], part["members"], texts)
        }
        for i in themes[t].members:
            i = int(i)
            words[i] = said_words(texts[i])
            for word in words[i]:
                counts[(t, word)] += 1
                counts[(None, word)] += 1
            if i not in in_parts and len(words[i]) >= MIN_WORDS:
                held.setdefault(words[i], []).append((i, t))
    writers = statement_writers(model)
    least = getattr(model, "min_part_writers", 1)
    moves, named = [], None
    for key, found in sorted(held.items(), key=lambda item: (-len(item[1]), sorted(item[0]))):
        rows = [i for i, _ in found]
        by_theme = Counter(t for _, t in found)
        if len(rows) < MIN_SHOWN or len(by_theme) < 2:
            continue
        if by_theme.most_common(1)[0][1] > MOST * len(rows):
            continue
        if len({writers[i] for i in rows}) < least:
            continue
        if named is None:  # what each theme is about by name, once
            named = {t: _named(model, themes[t], writers) for t in regular}
        home = _home(key, rows, themes, regular, found, counts, len(words), named)
        if home is None:
            continue
        part = {
            "label": _label(model, texts, rows, themes[home], prepared, writers),
            "size": len(rows),
        }
        part["members"] = rows
        if part["label"] == "Other comments":
            continue
        for t in sorted(by_theme):
            if t != home:
                moves.append(([i for i, u in found if u == t], t, home, part))
    return moves


def _home(key, rows, themes, regular, found, counts, total, named) -> int | None:
    """The theme one of ``key``'s words is most about, less the remark's own statements
    ``found`` ((statement, theme) pairs). ``counts``: {(theme, word): statements}, over all
    ``total`` statements of ``regular`` themes; ``named``: per theme, ``_named``."""
    best, home = 0.0, None
    inside = Counter(t for _, t in found)
    for t in regular:
        others = len(themes[t].members) - inside[t]
        elsewhere = total - len(themes[t].members) - (len(rows) - inside[t])
        if others <= 0 or elsewhere <= 0:
            continue
        for word in sorted(key & named[t]):
            everywhere = counts[(None, word)] - len(rows)
            share = (counts[(t, word)] - inside[t]) / others
            apart = (everywhere - (counts[(t, word)] - inside[t])) / elsewhere
            if apart <= RARE and share >= max(ABOUT, LIFT * apart) and share > best:
                best, home = share, t
    return home


def _named(model, theme, writers) -> frozenset[str]:
    """What a theme is about by name: its label's words, and the acronyms its parts' labels
    name, or that ``ABOUT`` of its statements write, as many people whose quotes may be shown
    as a part needs ("PSW" in "The PSW is visible and approachable")."""
    acronyms = {w for part in theme.parts or () for w in part["label"].split() if ACRONYM.match(w)}
    least = max(2, getattr(model, "min_part_writers", 1))
    acronyms |= {
        w
        for w, (n, people) in acronym_writers(model, theme.members, writers).items()
        if n >= ABOUT * len(theme.members) and people >= least
    }
    return said_words(theme.label) | said_words(" ".join(sorted(acronyms)))


def _label(model, texts, rows, home, prepared, writers) -> str:
    """The remark's label, as a part's is made, beside the rest of the theme it joins."""
    own = set(rows)
    rest = [int(i) for i in home.members if int(i) not in own]
    who = None
    if getattr(model, "writers", None) is not None:
        who = [w if s.quotable else None for w, s in zip(writers, model.statements_)]
    return make_labels(
        texts,
        [rows, rest],
        [[], []],
        prepared=prepared,
        unique=False,
        only=1,
        fuller=True,
        who=who,
        min_writers=getattr(model, "min_part_writers", None),
    )[0]
