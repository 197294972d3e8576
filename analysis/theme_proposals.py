"""Which themes to offer the Principal Social Worker as strengths and improvements.

Called on the themes as pages see them (edits applied), so a renamed or merged theme is
offered under its new name.
"""

from __future__ import annotations

__all__ = ["theme_proposals"]


def theme_proposals(themes: dict | None, count: int = 3) -> dict[str, list]:
    """Themes to offer as strengths and improvements (kind "theme", 3 statements or more):
    those whose statements are mostly positive, or mostly negative (``theme_mood``), the
    clearest first. A mixed theme is neither."""
    # Imported here: analysis.sentiment loads the redaction word lists (about half a second),
    # which the app should not pay for at start-up.
    from analysis.sentiment import theme_mood

    candidates = [
        t for t in (themes or {}).get("themes") or [] if t.get("kind") == "theme" and t["size"] >= 3
    ]

    def brief(t):
        return {"id": t["id"], "label": t["label"], "size": t["size"], "sentiment": t["sentiment"]}

    def share(t, side):
        counts = t.get("sentiment_counts") or {}
        return (counts.get(side) or 0) / max(1, sum(counts.values()))

    def mood(t):
        counts = t.get("sentiment_counts")
        if counts:
            return theme_mood(counts)
        value = t.get("sentiment") or 0.0
        return "Mostly positive" if value > 0.05 else "Mostly negative" if value < -0.05 else ""

    positive = sorted(
        (t for t in candidates if mood(t) == "Mostly positive"),
        key=lambda t: (-share(t, "positive"), -t["sentiment"]),
    )
    negative = sorted(
        (t for t in candidates if mood(t) == "Mostly negative"),
        key=lambda t: (-share(t, "negative"), t["sentiment"]),
    )
    return {
        "strengths": [brief(t) for t in positive[:count]],
        "improvements": [brief(t) for t in negative[:count]],
    }
