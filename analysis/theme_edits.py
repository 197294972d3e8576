"""The Principal Social Worker's edits to themes (renames and merges), and carrying them over
to a re-run.

Themes are plain dicts as produced by ``Theme.to_dict`` (``id``, ``label``, ``keywords``,
``size``, ``member_keys``, ...). Every function returns new data and leaves its input alone.
A re-run after new responses finds, for each new theme, the previous theme it continues (by
shared statements, or by key terms when statements are not available) and keeps the
previous theme's id, its edited name, and its merges.
"""

from __future__ import annotations

import copy
from collections import Counter

__all__ = ["carry_edits", "merge_themes", "rename_theme", "theme_similarity"]

_COUNT_FIELDS = ("areas", "questions", "sources", "groups", "sentiment_counts")


def _find(themes, theme_id):
    for theme in themes:
        if theme["id"] == theme_id:
            return theme
    raise KeyError(f"No theme with id {theme_id!r}")


def rename_theme(themes, theme_id, label):
    """Give a theme a new name that later runs keep while the theme still matches."""
    label = (label or "").strip()
    if not label:
        raise ValueError("Enter a name for the theme")
    out = copy.deepcopy(list(themes))
    theme = _find(out, theme_id)
    theme["label"] = label
    theme["label_edited"] = True
    return out


def merge_themes(themes, theme_ids, label=None):
    """Merge themes into the first one listed; the name is ``label`` or the largest's."""
    theme_ids = list(dict.fromkeys(theme_ids))
    if len(theme_ids) < 2:
        raise ValueError("Select at least two themes to merge")
    out = copy.deepcopy(list(themes))
    parts = [_find(out, i) for i in theme_ids]
    merged = _combine(parts)
    if label and label.strip():
        merged["label"] = label.strip()
        merged["label_edited"] = True
    return [merged if t["id"] == theme_ids[0] else t for t in out if t["id"] not in theme_ids[1:]]


def _combine(parts):
    largest = max(parts, key=lambda t: t.get("size", 0))
    merged = copy.deepcopy(parts[0])
    merged["label"] = largest["label"]
    merged["label_edited"] = bool(largest.get("label_edited"))
    total = sum(p.get("size", 0) for p in parts)
    merged["size"] = total
    merged["rows"] = sum(p.get("rows", 0) for p in parts)
    if total:
        merged["sentiment"] = round(
            sum(p.get("sentiment", 0.0) * p.get("size", 0) for p in parts) / total, 4
        )
    keywords = []
    for group in zip(*[p.get("keywords", []) for p in parts]):
        keywords.extend(k for k in group if k not in keywords)
    merged["keywords"] = keywords[: max(len(p.get("keywords", [])) for p in parts)]
    for name in _COUNT_FIELDS:
        counter = Counter()
        for p in parts:
            counter.update(p.get(name) or {})
        merged[name] = dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))
    quotes = [q for group in zip(*[p.get("quotes", []) for p in parts]) for q in group]
    merged["quotes"] = quotes[:5]
    merged["member_keys"] = sorted({k for p in parts for k in p.get("member_keys", [])})
    if "members" in merged:
        merged["members"] = sorted({m for p in parts for m in p.get("members", [])})
    merged_from = []
    for p in parts:
        merged_from.extend(p.get("merged_from") or [p["id"]])
    merged["merged_from"] = list(dict.fromkeys(merged_from))
    return merged


def theme_similarity(a, b):
    """Overlap of two themes: shared statements over the smaller theme's, or, when either has
    no statement keys, Jaccard of key terms."""
    ka, kb = set(a.get("member_keys") or ()), set(b.get("member_keys") or ())
    if ka and kb:
        return len(ka & kb) / min(len(ka), len(kb))
    wa, wb = set(a.get("keywords") or ()), set(b.get("keywords") or ())
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / len(wa | wb)


def carry_edits(previous, current, min_similarity=0.5):
    """Apply the edits recorded in ``previous`` (themes from the last run, after renames and
    merges) to ``current`` (themes from a re-run).

    Returns ``(themes, id_map)``: the edited current themes, and a mapping from each current
    theme id to its id after edits (merged themes share one id).
    """
    previous = [t for t in previous if t.get("kind", "theme") != "unclear"]
    current = copy.deepcopy([t for t in current if t.get("kind", "theme") != "unclear"])
    # Which previous theme does each current theme continue? Best by similarity, one-to-one,
    # except that a previous merged theme can take several current themes (merged again).
    pairs = sorted(
        (
            (-theme_similarity(c, p), ci, pi)
            for ci, c in enumerate(current)
            for pi, p in enumerate(previous)
            if c.get("kind", "theme") == p.get("kind", "theme")
        ),
    )
    match: dict[int, int] = {}
    taken: set[int] = set()
    for neg, ci, pi in pairs:
        if -neg < min_similarity or ci in match:
            continue
        if pi in taken and not previous[pi].get("merged_from"):
            continue
        match[ci] = pi
        taken.add(pi)

    by_previous: dict[int, list[int]] = {}
    for ci, pi in sorted(match.items()):
        by_previous.setdefault(pi, []).append(ci)

    used_ids = {p["id"] for p in previous}
    out, id_map = [], {}
    for ci, theme in enumerate(current):
        pi = match.get(ci)
        if pi is not None and by_previous[pi][0] != ci:
            continue  # merged into the first current theme matched to the same previous one
        if pi is None:
            new_id = theme["id"]
            n = 1
            while new_id in used_ids:
                new_id = f"t{len(previous) + len(current) + n}"
                n += 1
            used_ids.add(new_id)
            id_map[theme["id"]] = new_id
            theme["id"] = new_id
            out.append(theme)
            continue
        prev = previous[pi]
        group = [current[i] for i in by_previous[pi]]
        combined = _combine(group) if len(group) > 1 else group[0]
        for member in group:
            id_map[member["id"]] = prev["id"]
        combined["id"] = prev["id"]
        if prev.get("merged_from"):
            combined["merged_from"] = list(prev["merged_from"])
        if prev.get("label_edited"):
            combined["label"] = prev["label"]
            combined["label_edited"] = True
        out.append(combined)
    out.sort(key=lambda t: (t.get("kind") == "nothing", -t.get("size", 0)))
    return out, id_map
