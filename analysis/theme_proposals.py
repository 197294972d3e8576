"""Which themes to offer the Principal Social Worker as strengths and improvements.

Called on the themes as pages see them (edits applied), so a renamed or merged theme is
offered under its new name.
"""

from __future__ import annotations

from analysis.theme_mood import mood_side, theme_mood

__all__ = ["theme_proposals"]


def theme_proposals(themes: dict | None, count: int = 3) -> dict[str, list]:
    """Themes to offer as strengths and improvements (kind "theme", 3 statements or more):
    those whose statements lean positive, or negative (``theme_mood``: "Mostly negative",
    "Negative", "All negative"), the clearest first. A mixed theme is neither."""

    candidates = [
        t for t in (themes or {}).get("themes") or [] if t.get("kind") == "theme" and t["size"] >= 3
    ]

    def brief(t):
        return {"id": t["id"], "label": t["label"], "size": t["size"], "sentiment": t["sentiment"]}

    def share(t, side):
        counts = t.get("sentiment_counts") or {}
        return (counts.get(side) or 0) / max(1, sum(counts.values()))

    def side(t):
        counts = t.get("sentiment_counts")
        if counts:
            return mood_side(theme_mood(counts))
        value = t.get("sentiment") or 0.0
        return "positive" if value > 0.05 else "negative" if value < -0.05 else None

    positive = sorted(
        (t for t in candidates if side(t) == "positive"),
        key=lambda t: (-share(t, "positive"), -t["sentiment"]),
    )
    negative = sorted(
        (t for t in candidates if side(t) == "negative"),
        key=lambda t: (-share(t, "negative"), t["sentiment"]),
    )
    return {
        "strengths": [brief(t) for t in positive[:count]],
        "improvements": [brief(t) for t in negative[:count]],
    }
