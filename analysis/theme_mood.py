"""A theme's mood in words, from its statements' counts: the one rule the themes page, the
board PDF, the staff page and the proposals use (docs/themes.md, "How a theme's mood is put in
words"). Light on purpose (no sentiment lexicon): the app asks it on every page.
"""

from __future__ import annotations

__all__ = ["leaning_side", "mood_side", "theme_mood", "MOOD_SIDES"]

# How a theme's mood is put in words (``theme_mood``), from its statements' counts. Only
# statements that take a side count as positive or negative; neutral ones are weighed too.
# A side "leads" when it is at least ``MOOD_CLEAR`` of the statements that take a side and
# outnumbers the neutral ones: "Mostly negative"; at ``MOOD_STRONG`` or more, "Negative";
# every statement on that side, "All negative". Neutral statements: "Mostly neutral" from
# ``MOOD_NEUTRAL`` of all statements, "All neutral" when every one is. Where the signed ones
# are ``MOOD_STRONG`` on one side but the neutral ones are as many: "Neutral or negative"
# (nobody, or next to nobody, took the other side, so "Mixed" would mislead; it takes no side,
# as "Mixed" does). Otherwise "Mixed".
MOOD_CLEAR = 2 / 3
MOOD_STRONG = 0.9
MOOD_NEUTRAL = 2 / 3
# The side each mood word stands for: what proposals and evidence ask of a theme.
MOOD_SIDES = {
    "All positive": "positive",
    "Positive": "positive",
    "Mostly positive": "positive",
    "All negative": "negative",
    "Negative": "negative",
    "Mostly negative": "negative",
}
# The rule the theme labels were tuned with (``leaning_side``): a side of 65% of the
# statements that take one, whatever the neutral ones.
LEANING_MAJORITY = 0.65


def _mood_counts(counts) -> tuple[int, int, int]:
    counts = counts or {}
    return tuple(int(counts.get(kind) or 0) for kind in ("positive", "neutral", "negative"))


def theme_mood(counts) -> str:
    """What a theme's statements say on the whole, in the words a person would use, from
    their ``{"positive": n, "neutral": n, "negative": n}`` (rule above; docs/themes.md).

    From the counts, not the mean score: three angry statements and three warm ones are
    mixed, not neutral. 33 positive, 37 neutral and 10 negative is "Mixed", not "mostly
    positive": fewer than half are positive. 157 positive and 83 negative is "Mixed" too.
    0 positive, 19 neutral and 17 negative is "Neutral or negative": nobody was positive."""
    positive, neutral, negative = _mood_counts(counts)
    total = positive + neutral + negative
    if not total:
        return "Not known"
    if neutral == total:
        return "All neutral"
    for side, count, other in (("positive", positive, negative), ("negative", negative, positive)):
        word = side.capitalize()
        if count == total:
            return f"All {side}"
        if count > neutral and count >= MOOD_STRONG * (count + other):
            return word
        if count > neutral and count >= MOOD_CLEAR * (count + other):
            return f"Mostly {side}"
    if neutral >= MOOD_NEUTRAL * total:
        return "Mostly neutral"
    for side, count, other in (("positive", positive, negative), ("negative", negative, positive)):
        if count and count >= MOOD_STRONG * (count + other):
            return f"Neutral or {side}"
    return "Mixed"


def mood_side(mood: str) -> str | None:
    """ "positive" or "negative" for a mood that leans one way ("Mostly negative",
    "All positive" ...), None for "Mixed", neutral or not known."""
    return MOOD_SIDES.get(mood)


def leaning_side(counts) -> str | None:
    """The side most of a theme's signed statements take (``LEANING_MAJORITY``), or None
    when neutral ones are ``LEANING_MAJORITY`` of all or neither side leads. Only for
    weighing label phrases (analysis.theme_labels); pages say ``theme_mood``."""
    positive, neutral, negative = _mood_counts(counts)
    total = positive + neutral + negative
    if not total or neutral >= LEANING_MAJORITY * total:
        return None
    if negative >= LEANING_MAJORITY * (positive + negative):
        return "negative"
    if positive >= LEANING_MAJORITY * (positive + negative):
        return "positive"
    return None
