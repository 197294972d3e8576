"""Parts found in what a theme's parts leave unsaid, once every statement has settled.

A theme's parts are clusters, each counted by the statements that say what its label says
(analysis.theme_parts.count_saying); the rest are its "other things". A cluster whose label
speaks for few of it leaves many there: under "Supervision" (335), 150 were other things,
among them "Include wellbeing as a standing item" (24) and "Supervision training for new
managers" (20), and a Principal Social Worker reads the parts shown as what was said most.

``add_unsaid_parts`` cuts a theme's other things again, where they are ``UNSAID_SHARE`` of
it or more, into parts labelled as parts are, and shows the largest of old and new
(``MAX_SHOWN``, ten). It runs last: the themes' statements, labels and moves are settled by then,
so no theme changes but for what its card says it covers.
"""

from __future__ import annotations

from analysis.sentiment import sentiment_label
from analysis.theme_moves import PART_SHARE
from analysis.theme_parts import (
    MAX_SHOWN,
    MIN_SHOWN,
    MIN_THEME,
    find_parts,
    saying,
    shown_parts,
    statement_writers,
)
from analysis.theme_titles import title_side

__all__ = ["add_unsaid_parts"]

# A theme's other things are cut again where they are this share of it (and ``MIN_THEME``).
UNSAID_SHARE = 0.3


def add_unsaid_parts(model, X, to_cluster, prepared=None) -> None:
    """Give the themes of a fitted ``ThemeModel`` whose parts leave much unsaid the parts
    found in it, counted by the statements that say them (as ``count_saying`` does), the
    ``MAX_SHOWN`` largest of all shown. ``X``: the features of the statements
    ``to_cluster``."""
    targets = []
    for theme in model.themes_:
        if theme.kind != "theme" or not theme.parts:
            continue
        held = {int(i) for part in theme.parts for i in part["members"]}
        unsaid = [int(i) for i in theme.members if int(i) not in held]
        if len(unsaid) >= max(MIN_THEME, UNSAID_SHARE * len(theme.members)):
            targets.append((theme, unsaid))
    if not targets:
        return
    # Labelled beside everything else said: the other themes and the parts already shown,
    # so a new part's label says what sets it apart from those too.
    cut = {id(theme) for theme, _ in targets}
    background = [t.members for t in model.themes_ if t.kind == "theme" and id(t) not in cut]
    background += [part["members"] for theme, _ in targets for part in theme.parts]
    found = find_parts(
        model, X, to_cluster, [unsaid for _, unsaid in targets], prepared, background
    )
    texts = [s.text for s in model.statements_]
    writers = statement_writers(model)
    least = getattr(model, "min_part_writers", 1)
    for (theme, unsaid), parts in zip(targets, found):
        left, new = set(unsaid), []
        for part in sorted(parts, key=lambda p: -len(p["members"])):
            # Its own statements that say its label, then any other thing that does.
            said = [i for i in saying(part["label"], part["members"], texts) if i in left]
            left.difference_update(said)
            more = saying(part["label"], sorted(left), texts)
            left.difference_update(more)
            said += more
            if (
                len(said) >= MIN_SHOWN
                and len({writers[i] for i in said}) >= least
                and _belongs(model, theme, said)
            ):
                new.append({**part, "size": len(said), "members": said})
            else:
                left.update(said)
        if new:
            theme.parts = shown_parts(theme.parts + new, MAX_SHOWN)


def _belongs(model, theme, members) -> bool:
    """Whether a part found late reads as part of ``theme``: not where ``PART_SHARE`` of it
    (three in four, as for the parts moved earlier) takes the other side of what the theme's
    title asks for ("Good relationships with district nurses make a big difference" under
    "What stops cases flowing well") where a theme of its area asks for that side. Themes
    no longer move this late (analysis.theme_moves moves such parts earlier), so it is not
    shown."""
    side = title_side(theme.label)
    if side is None or not theme.areas:
        return True
    other = "negative" if side == "positive" else "positive"
    area = max(theme.areas, key=lambda a: (theme.areas[a], str(a)))
    if not any(
        t.kind == "theme" and t.areas and area in t.areas and title_side(t.label) == other
        for t in model.themes_
    ):
        return True  # no theme asks for the other side: "Debriefs, which do not always happen"
    against = sum(sentiment_label(float(model.sentiment_[i])) == other for i in members)
    return against < PART_SHARE * len(members)
