"""Statements moved between a fitted ``ThemeModel``'s themes after they were described.

``analysis.theme_moves`` says what moves: a part answering another question to that
question's theme, a theme headed by the same question's title as a larger one into it.
``regroup`` moves them: the clusters they left and joined get new centres (so placing new
answers, and last year's, follows the move), a cluster left empty places statements in the
theme it joined, and the themes are described again. A theme keeps the parts it had, less
those that left, with those that joined; a theme that another whole theme joined is cut into
parts afresh (analysis.theme_parts).
"""

from __future__ import annotations

import numpy as np

from analysis.theme_k import UNCLEAR
from analysis.theme_parts import find_parts, set_parts, shown_parts
from analysis.theme_records import part_quotes

__all__ = ["regroup"]


def regroup(
    model, moves, X, to_cluster, similarity, has_nothing, prepared, terms, known=None
) -> None:
    """Carry out ``moves`` on ``model``: ``(members, from, to, part)`` each, theme indices of
    ``model.themes_``; ``part`` the part dict that moves, or None where the whole theme
    ``from`` joins ``to``. ``X``: the features of the statements ``to_cluster``;
    ``similarity``: each statement's closeness to its cluster's centre (updated here).
    ``part`` may be one its theme did not have (analysis.theme_asides): it is added to
    ``to`` once, or ``to`` is cut into parts afresh where it had none. ``known``:
    {cluster: (keywords, label)} where themes keep their labels."""
    own = {t: c for c, t in model.cluster_themes_.items() if c not in model.merged_}
    nothing_index = model.k_
    labels = np.full(len(model.statements_), UNCLEAR, dtype=np.int64)
    kept: dict[int, list[dict]] = {}
    for t, theme in enumerate(model.themes_):
        labels[theme.members] = nothing_index if theme.kind == "nothing" else own[t]
        if theme.kind == "theme":
            kept[own[t]] = list(theme.parts)
    changed, recut = set(), set()
    for members, left, joined, part in moves:
        labels[members] = own[joined]
        changed |= {own[left], own[joined]}
        if part is None:
            model.merged_[own[left]] = own[joined]
            kept.pop(own[left], None)
            recut.add(own[joined])
        elif part in kept[own[left]]:
            kept[own[left]].remove(part)
            kept[own[joined]].append(part)
        elif kept[own[joined]]:  # statements that were no part of ``left``: a new part
            if not any(p is part for p in kept[own[joined]]):
                kept[own[joined]].append(part)
        else:  # alone it would be no part shown: the theme it joins is cut afresh
            recut.add(own[joined])
    positions = np.full(len(labels), -1, dtype=np.int64)
    positions[to_cluster] = np.arange(len(to_cluster))
    centres = model.centroids_.astype(np.float64)
    for c in sorted(changed):
        rows = np.flatnonzero(labels == c)
        if not len(rows):  # joined another theme: its centre places statements there
            continue
        centre = X[positions[rows]].mean(axis=0)
        centres[c] = centre / (np.linalg.norm(centre) or 1.0)
        similarity[rows] = X[positions[rows]] @ centres[c]
    model.centroids_ = centres.astype(np.float32)
    model.similarities_ = (X @ model.centroids_.T).astype(np.float32)
    model._describe(
        labels, similarity, nothing_index if has_nothing else None, prepared, terms, known
    )

    regular = [t for t, theme in enumerate(model.themes_) if theme.kind == "theme"]
    parts: dict[int, list[dict]] = {}
    for c, t in model.cluster_themes_.items():
        parts.setdefault(t, []).extend(kept.get(c, ()))
    fresh = sorted({model.cluster_themes_[c] for c in recut if c in model.cluster_themes_})
    found = find_parts(model, X, to_cluster, [model.themes_[t].members for t in fresh], prepared)
    cut = dict(zip(fresh, found))
    set_parts(model, [cut[t] if t in cut else shown_parts(parts.get(t, [])) for t in regular])
    titles = set((model.question_titles or {}).values())
    texts = [s.text for s in model.statements_]
    for t in fresh:  # themes headed by one title, joined: the title heads them all
        theme = model.themes_[t]
        title = theme.label.split(": ", 1)[0]
        if title in titles and title != theme.label:
            theme.label = title
            theme.quotes = part_quotes(
                theme, model.statements_, model.sentiment_, texts, len(theme.quotes)
            )
