"""The Principal Social Worker's edits to themes (rename, merge, hide) and carrying them over to
a re-run: the one implementation that the app and ``healthcheck themes`` both use.

Themes are plain dicts as produced by ``Theme.to_dict`` (``id``, ``label``, ``keywords``,
``size``, ``member_keys``, ...). Every function returns new data and leaves its input alone.

A theme of one run is "the same theme" as a theme of another when their statements overlap by
``MIN_SIMILARITY`` (0.3) or more, measured as Jaccard (shared statements over the statements in
either; key terms when statements are not known). Jaccard, rather than shared statements over
the smaller theme, because that overlap scores a small fragment of a theme, and a large theme
that swallowed it, as a perfect match; Jaccard still matches a theme that doubled with new
responses (0.5) or split in two. docs/themes.md says more.

Two ways of keeping edits, one set of rules:

- the app stores an edit log (``{"kind": "rename" | "merge" | "part", "payload": ...}``, each
  theme named by ``theme_ref``, each part by ``part_ref``) and applies it to every fresh run
  with ``apply_edits``;
- the command line keeps the edits in the themes themselves (``label_edited``,
  ``merged_from``; a renamed part's ``label_edited`` and ``original_label``) and carries them
  to a re-run with ``carry_edits``, which also keeps ids.

A part of a theme ("What it covers") is found again as a theme is: by its statements
(``member_keys``), by the label the analysis gave it where either side has none.

A merged theme always has a name of its own (``merge_themes`` requires one): it is about more
than any one of its parts.
"""

from __future__ import annotations

import copy
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence

from analysis.quotes import limit_quotes, quote_key

__all__ = [
    "MIN_SIMILARITY",
    "ThemeEditError",
    "apply_edits",
    "apply_hidden",
    "carry_edits",
    "clean_label",
    "tidy_label",
    "combine_themes",
    "find_part",
    "find_theme",
    "merge_themes",
    "part_ref",
    "rename_part",
    "rename_theme",
    "term_key",
    "theme_ref",
    "theme_similarity",
]

MIN_SIMILARITY = 0.3
PART_HELD = 0.5  # a renamed part is found again in the part holding over half its statements
MERGED_QUOTES = 5  # quotes a merged theme keeps, as a theme of the app shows
MERGED_PARTS = 8  # parts a merged theme shows: what each theme merged covered
MAX_LABEL = 120
_COUNT_FIELDS = ("sentiment_counts", "areas", "questions", "sources", "groups")


class ThemeEditError(ValueError):
    """A rename or merge that cannot be made; the message says why, for the page."""


def tidy_label(label: str | None) -> str:
    """A typed name on one line, its spacing tidied and without invisible format characters
    (a right-to-left override would make a name read otherwise than it is written; a name of
    zero-width characters only is no name)."""
    return " ".join("".join(c for c in label or "" if unicodedata.category(c) != "Cf").split())


def clean_label(label: str | None, what: str = "theme") -> str:
    """A theme's (or a part's: ``what``) name tidied (``tidy_label``); raises ThemeEditError
    when empty or too long."""
    label = tidy_label(label)
    if not label:
        raise ThemeEditError(f"Enter a name for the {what}")
    if len(label) > MAX_LABEL:
        raise ThemeEditError(f"The {what} name must be {MAX_LABEL} characters or fewer")
    return label


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def theme_similarity(a: dict, b: dict) -> float:
    """Jaccard of two themes' statements (``member_keys``, or a ref's ``keys``); of their key
    terms when either has no statement keys."""
    ka = set(a.get("member_keys") or a.get("keys") or ())
    kb = set(b.get("member_keys") or b.get("keys") or ())
    if ka and kb:
        return _jaccard(ka, kb)
    wa, wb = set(a.get("keywords") or ()), set(b.get("keywords") or ())
    return _jaccard(wa, wb) if wa and wb else 0.0


def theme_ref(theme: dict) -> dict:
    """How an edit names a theme so that a later run can find it: by its statements."""
    return {"id": theme["id"], "label": theme["label"], "keys": theme.get("member_keys") or []}


def find_theme(themes: Sequence[dict], ref: dict, min_similarity=MIN_SIMILARITY) -> dict | None:
    """The theme in ``themes`` that is the theme ``ref`` names: the most similar one, if it is
    similar enough; by id only when ``ref`` has nothing to compare."""
    best, best_score = None, 0.0
    for theme in themes:
        score = theme_similarity(ref, theme)
        if score > best_score:
            best, best_score = theme, score
    if best is not None and best_score >= min_similarity:
        return best
    if not (ref.get("keys") or ref.get("member_keys") or ref.get("keywords")):
        return next((t for t in themes if t["id"] == ref.get("id")), None)
    return None


def part_ref(part: dict) -> dict:
    """How an edit names a part of a theme: by its statements and the analysis's label."""
    return {
        "label": part.get("original_label", part["label"]),
        "keys": part.get("member_keys") or [],
    }


def _part_overlap(ref: dict, part: dict) -> tuple[float, float]:
    """How far ``part`` is the part ``ref`` names, by their statements counted as often as
    they were written (a part's keys repeat: many write the same sentence): the share of
    ``ref``'s statements it holds, and Jaccard."""
    a, b = Counter(ref.get("keys") or ()), Counter(part.get("member_keys") or ())
    if not a or not b:
        return 0.0, 0.0
    shared = sum((a & b).values())
    return shared / sum(a.values()), shared / sum((a | b).values())


def find_part(parts: Sequence[dict], ref: dict, min_similarity=MIN_SIMILARITY) -> dict | None:
    """The part in ``parts`` that ``ref`` names: the one holding most of its statements,
    where it holds over half of them and is no giant beside it (Jaccard ``min_similarity``
    or more: ``_part_overlap``); by the analysis's label where ``ref`` or the parts have no
    statement keys. A small part that shares a statement or two is not it."""
    scored = [(_part_overlap(ref, p), i) for i, p in enumerate(parts)]
    (held, similar), at = max(scored, default=((0.0, 0.0), None))
    if at is not None and held > PART_HELD and similar >= min_similarity:
        return parts[at]
    if not ref.get("keys") or not any(p.get("member_keys") for p in parts):
        return next((p for p in parts if p.get("original_label", p["label"]) == ref["label"]), None)
    return None


def _relabel_part(part: dict, label: str) -> None:
    """Give ``part`` the PSW's ``label``, keeping the analysis's; the analysis's label again
    undoes the rename."""
    original = part.get("original_label", part["label"])
    part["label"] = label
    if label == original:
        part.pop("original_label", None)
        part.pop("label_edited", None)
    else:
        part["original_label"] = original
        part["label_edited"] = True


def _by_id(themes: Sequence[dict], theme_id: str) -> dict:
    for theme in themes:
        if theme["id"] == theme_id:
            return theme
    raise KeyError(f"No theme with id {theme_id!r}")


def combine_themes(parts: Sequence[dict], label: str | None = None) -> dict:
    """One theme made of ``parts``, in the first part's place and with its id.

    Sizes, counts and sentiment are added up; key terms and quotes taken in turn from the parts
    (still one quote per writer, by the quote's ``by``, and no near-duplicates). Figures of
    distinct people (respondents, per role, last year's) cannot be added up, as one person may
    be in several parts: a merged theme has none. Without ``label`` the largest part's name.
    """
    first = parts[0]
    merged = copy.deepcopy(first)
    if label is None:
        largest = max(parts, key=lambda t: t.get("size", 0))
        merged["label"] = largest["label"]
        merged["label_edited"] = bool(largest.get("label_edited"))
    else:
        merged["label"] = label
        merged["label_edited"] = True
    size = sum(p.get("size", 0) for p in parts)
    merged["size"] = size
    merged["rows"] = sum(p.get("rows", 0) for p in parts)
    merged["sentiment"] = (
        round(sum(p.get("sentiment", 0.0) * p.get("size", 0) for p in parts) / size, 4)
        if size
        else 0.0
    )
    for name in _COUNT_FIELDS:
        if any(name in p for p in parts):
            total: Counter = Counter()
            for p in parts:
                total.update(p.get(name) or {})
            merged[name] = dict(sorted(total.items(), key=lambda kv: (-kv[1], kv[0])))
    keywords: list[str] = []
    for p in parts:
        keywords += [k for k in p.get("keywords") or [] if k not in keywords]
    merged["keywords"] = keywords[: max(len(first.get("keywords") or []), 8)]
    quotes, seen = [], set()
    for rank in range(MERGED_QUOTES):
        for p in parts:
            q = (p.get("quotes") or [])[rank : rank + 1]
            if q and q[0]["text"] not in seen:
                seen.add(q[0]["text"])
                quotes.append(q[0])
    [merged] = limit_quotes(
        [{**merged, "quotes": quotes}], lambda q: q.get("by"), per_theme=MERGED_QUOTES
    )
    for name, none in (("respondents", None), ("last_year", None), ("role_counts", {})):
        if name in merged:
            merged[name] = none
    # What the merged theme covers: each theme's parts, or the theme itself where it had none.
    covers = [
        part
        for p in parts
        for part in (
            p.get("parts")
            or [
                {
                    "label": p.get("label"),
                    "size": p.get("size", 0),
                    "member_keys": p.get("member_keys"),
                }
            ]
        )
    ]
    merged["parts"] = sorted(covers, key=lambda part: -part.get("size", 0))[:MERGED_PARTS]
    merged["member_keys"] = sorted({k for p in parts for k in p.get("member_keys") or ()})
    if "members" in merged:
        merged["members"] = sorted({m for p in parts for m in p.get("members") or ()})
    merged_from: list[str] = []
    for p in parts:
        merged_from.extend(p.get("merged_from") or [p["id"]])
    merged["merged_from"] = list(dict.fromkeys(merged_from))
    return merged


def _merged_into(themes: Sequence[dict], parts: Sequence[dict], label: str | None) -> list[dict]:
    """``themes`` with ``parts`` replaced by one theme, in the first part's place."""
    merged = combine_themes(parts, label)
    gone = {id(p) for p in parts[1:]}
    return [merged if t is parts[0] else t for t in themes if id(t) not in gone]


def rename_theme(themes: Sequence[dict], theme_id: str, label: str) -> list[dict]:
    """Give a theme a new name that later runs keep while the theme still matches."""
    label = clean_label(label)
    out = copy.deepcopy(list(themes))
    theme = _by_id(out, theme_id)
    theme["label"] = label
    theme["label_edited"] = True
    return out


def rename_part(themes: Sequence[dict], theme_id: str, number: int, label: str) -> list[dict]:
    """Give a theme's ``number``-th part (from 1, as listed) a new name that later runs keep
    while the part still matches."""
    label = clean_label(label, "part")
    out = copy.deepcopy(list(themes))
    parts = _by_id(out, theme_id).get("parts") or []
    if not 1 <= number <= len(parts):
        raise ThemeEditError("That part is no longer in the theme: refresh the page")
    _relabel_part(parts[number - 1], label)
    return out


def merge_themes(themes: Sequence[dict], theme_ids: Sequence[str], label: str) -> list[dict]:
    """Merge two or more themes into one named theme, in the place of the first one listed."""
    label = clean_label(label)
    theme_ids = list(dict.fromkeys(theme_ids))
    if len(theme_ids) < 2:
        raise ThemeEditError("Select at least two themes to merge")
    out = copy.deepcopy(list(themes))
    return _merged_into(out, [_by_id(out, i) for i in theme_ids], label)


def apply_edits(themes_result: dict | None, edits: Sequence[dict]) -> dict | None:
    """A copy of a themes result (``{"themes": [...], ...}``) with an edit log applied in order.

    Each edit is ``{"id", "kind": "rename" | "merge" | "part", "payload"}``: a rename's payload
    is ``{"theme": ref, "label"}``, a merge's ``{"themes": [ref, ...], "label"}`` (refs made by
    ``theme_ref``), a part's rename ``{"theme": ref, "part": part_ref(part), "label"}``. An
    edit whose themes or part cannot be found in this run (their statements have gone) is
    skipped and its id listed under ``edits_not_applied``, as is a part's rename whose part
    a later rename of another part also found (the two became one). A renamed part keeps
    the id of the edit that named it (``edit_id``), so that a new name replaces it.
    """
    if not themes_result:
        return themes_result
    out = copy.deepcopy(themes_result)
    themes = out.get("themes") or []
    skipped = []
    for edit in edits:
        payload = edit["payload"]
        if edit["kind"] == "rename":
            theme = find_theme(themes, payload["theme"])
            if theme is None:
                skipped.append(edit.get("id"))
                continue
            theme["label"] = payload["label"]
            theme["label_edited"] = True
        elif edit["kind"] == "merge":
            found: list[dict] = []
            for ref in payload["themes"]:
                theme = find_theme(themes, ref)
                if theme is not None and not any(theme is f for f in found):
                    found.append(theme)
            if len(found) < 2:
                skipped.append(edit.get("id"))
                continue
            themes = _merged_into(themes, found, payload["label"])
        elif edit["kind"] == "part":
            # Its statements, in its theme, else wherever they went (a theme that split).
            theme = find_theme(themes, payload["theme"])
            part = find_part(theme.get("parts") or [], payload["part"]) if theme else None
            if part is None and payload["part"].get("keys"):
                every = [p for t in themes for p in t.get("parts") or ()]
                part = find_part(every, payload["part"])
            if part is None:
                skipped.append(edit.get("id"))
                continue
            # Two renamed parts that became one: the later name is shown, and the earlier
            # edit is listed as not applied, so the page can say its name is not shown.
            if part.get("edit_id") not in (None, edit.get("id")):
                skipped.append(part["edit_id"])
            _relabel_part(part, payload["label"])
            part["edit_id"] = edit.get("id")
    out["themes"] = themes
    out["edits_applied"] = len(edits) - len(skipped)
    out["edits_not_applied"] = skipped
    return out


def term_key(term: str) -> str:
    """How a hidden key term is kept: lower case, spacing tidied."""
    return " ".join((term or "").lower().split())[:120]


def apply_hidden(themes_result: dict | None, hidden: dict[str, Iterable[str]]) -> dict | None:
    """A copy of a themes result without the hidden quotes (by ``quote_key``) and key terms
    (by ``term_key``): ``hidden`` is ``{"quote": keys, "term": keys}``."""
    quotes, terms = set(hidden.get("quote") or ()), set(hidden.get("term") or ())
    if not themes_result or not (quotes or terms):
        return themes_result
    out = copy.deepcopy(themes_result)
    for theme in (out.get("themes") or []) + [out.get("unclear") or {}]:
        if "quotes" in theme:
            theme["quotes"] = [
                q for q in theme["quotes"] if quote_key(q.get("text", "")) not in quotes
            ]
        if "keywords" in theme:
            theme["keywords"] = [k for k in theme["keywords"] if term_key(k) not in terms]
    return out


def carry_edits(previous, current, min_similarity=MIN_SIMILARITY):
    """Apply the edits recorded in ``previous`` (themes from the last run, after renames and
    merges) to ``current`` (themes from a re-run), and keep the ids of themes that continue.

    Each current theme continues the previous theme it is most similar to (``find_theme``'s
    rule), one to one, except that a previous merged theme takes every current theme that
    continues it (they are merged again). Returns ``(themes, id_map)``: the edited current
    themes, and a mapping from each current theme id to its id after edits.
    """
    previous = [t for t in previous if t.get("kind", "theme") != "unclear"]
    current = copy.deepcopy([t for t in current if t.get("kind", "theme") != "unclear"])
    pairs = sorted(
        (-theme_similarity(c, p), ci, pi)
        for ci, c in enumerate(current)
        for pi, p in enumerate(previous)
        if c.get("kind", "theme") == p.get("kind", "theme")
    )
    match: dict[int, int] = {}
    taken: set[int] = set()
    for neg, ci, pi in pairs:
        if -neg < min_similarity or -neg == 0 or ci in match:
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
            new_id, n = theme["id"], 1
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
        combined = combine_themes(group) if len(group) > 1 else group[0]
        for member in group:
            id_map[member["id"]] = prev["id"]
        combined["id"] = prev["id"]
        if prev.get("merged_from"):
            combined["merged_from"] = list(prev["merged_from"])
        if prev.get("label_edited"):
            combined["label"] = prev["label"]
            combined["label_edited"] = True
        for part in prev.get("parts") or ():
            if part.get("label_edited"):
                found = find_part(combined.get("parts") or [], part_ref(part))
                if found is not None:
                    _relabel_part(found, part["label"])
        out.append(combined)
    out.sort(key=lambda t: (t.get("kind") == "nothing", -t.get("size", 0)))
    return out, id_map
