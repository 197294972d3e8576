"""Themes as records: the ``Theme`` dataclass that goes into themes.json, and how one is
built from a cluster's members (counts by area, question, source and group, sentiment, and
quotes chosen to show the label).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, fields
from functools import lru_cache
from itertools import islice

import numpy as np

from analysis.quotes import choose_quotes, near_duplicate
from analysis.sentiment import raw_sentiment, sentiment_label
from analysis.statements import Statement, is_nothing_answer, statement_key
from analysis.theme_labels import label_words, shows_label
from analysis.theme_mood import mood_side, theme_mood

__all__ = [
    "Theme",
    "as_statements",
    "both_sides_first",
    "build_theme",
    "part_quotes",
    "sentiment_counts",
]


@dataclass
class Theme:
    """One theme (or the unclear group), ready for JSON through ``to_dict``."""

    id: str
    label: str
    keywords: list[str]
    size: int
    rows: int
    sentiment: float
    sentiment_counts: dict[str, int]
    areas: dict[str, int]
    questions: dict[str, int]
    sources: dict[str, int]
    groups: dict[str, int]
    quotes: list[dict]
    members: list[int] = field(default_factory=list)
    member_keys: list[str] = field(default_factory=list)
    kind: str = "theme"  # "theme", "nothing" or "unclear"
    label_edited: bool = False
    merged_from: list[str] = field(default_factory=list)
    # What the theme covers (analysis.theme_parts): [{"label", "size", "members"}, ...].
    parts: list[dict] = field(default_factory=list)

    def to_dict(self, members: bool = False) -> dict:
        # What dataclasses.asdict gives (fresh lists and dicts), without deep-copying each
        # member index and key.
        data = {f.name: _plain(getattr(self, f.name)) for f in fields(self)}
        if not members:
            data.pop("members")
            for part in data["parts"]:
                part.pop("members", None)
        return data


def _plain(value):
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def as_statements(statements) -> list[Statement]:
    out = []
    for i, s in enumerate(statements):
        if isinstance(s, Statement):
            out.append(s)
        elif isinstance(s, dict):
            out.append(
                Statement(
                    text=str(s.get("text") or ""),
                    row=int(s.get("row", i)),
                    question=s.get("question"),
                    area=s.get("area"),
                    source=s.get("source"),
                    group=s.get("group"),
                    quotable=bool(s.get("quotable", True)),
                )
            )
        else:
            out.append(Statement(text="" if s is None else str(s), row=i))
    return out


def _counts(values) -> dict[str, int]:
    counter = Counter(v for v in values if v)
    return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


@lru_cache(maxsize=65536)
def _words_label(text: str) -> str | None:
    """The side a statement's own words take (before the question's prior), or None for an
    answer that says there is nothing to say (its side comes from the question alone, and
    rightly: "Nothing" to "what helps you?" is a complaint)."""
    if is_nothing_answer(text):
        return None
    return sentiment_label(raw_sentiment(text))


def _mood_kind(score: float, text: str) -> str:
    """How one statement counts toward its theme's mood: its side, unless the question asked
    alone put it there ("Waiting for panel" to "what went badly?" is scored negative, but its
    words take no side, and a theme of such answers is not "all negative"). Then neutral."""
    kind = sentiment_label(float(score))
    words = _words_label(text)
    return kind if words is None or words == kind else "neutral"


def sentiment_counts(scores, texts) -> dict[str, int]:
    """How many statements count positive, neutral and negative toward a theme's mood."""
    counts = Counter(_mood_kind(x, text) for x, text in zip(scores, texts))
    return {kind: counts.get(kind, 0) for kind in ("positive", "neutral", "negative")}


def both_sides_first(quotes: list[dict]) -> list[dict]:
    """A mixed theme's quotes with its first positive and first negative one leading (in
    the order chosen), so the first quotes a reader sees show both sides it holds."""
    sides = [sentiment_label(float(q["sentiment"])) for q in quotes]
    first = [
        next((i for i, side in enumerate(sides) if side == want), None)
        for want in ("positive", "negative")
    ]
    if None in first:
        return quotes
    lead = sorted(first)
    return [quotes[i] for i in lead] + [q for i, q in enumerate(quotes) if i not in lead]


def _quote(s: Statement, text: str, score) -> dict:
    return {
        "text": text,
        "row": s.row,
        "question": s.question,
        "area": s.area,
        "source": s.source,
        "group": s.group,
        "sentiment": round(float(score), 4),
    }


def part_quotes(theme: Theme, statements, sentiment, texts, n_quotes: int) -> list[dict]:
    """A theme's quotes led by one from each of its parts, largest first, each bearing out
    its part's label (and on the theme's side where its mood leans one way and the part has
    one there: no coping tip first under "mostly negative"), then its own quotes, those on
    the theme's side first; with no parts, its most central ones: for a theme
    headed by its question's title (analysis.theme_parts.heading), whose quotes were chosen
    for a label it no longer has ("Supervision training" over "Changes wanted to supervision")."""
    main = main_question(statements, theme.members)
    if not theme.parts:  # the most central, as its mood leans
        rows = [i for i in theme.members if statements[i].quotable][:200]
        mood = theme_mood(theme.sentiment_counts)
        rows = _answering(statements, rows, main, n_quotes, leading=True)
        return _mood_quotes(statements, sentiment, texts, rows, n_quotes, None, mood)
    chosen: list[dict] = []
    side = mood_side(theme_mood(theme.sentiment_counts))
    for part in theme.parts[:n_quotes]:
        words = label_words(part["label"])
        inside = set(part["members"])
        rows = [i for i in theme.members if i in inside and statements[i].quotable][:200]
        # A part's quote answers its theme's question, where the theme mostly answers one:
        # "Team manager and senior practitioner." (who staff ask for help) read under "What
        # helps staff resilience" says something else. A part with no such answer has none.
        rows = _answering(statements, rows, main, 1, fallback=False)
        # On the theme's side where the part has one ("mostly negative" over a complaint).
        on_side = [i for i in rows if _mood_kind(float(sentiment[i]), texts[i]) == side]
        for i, text in choose_quotes(
            texts, on_side or rows, 1, shows=lambda t, words=words: shows_label(t, words)
        ):
            if not any(near_duplicate(text, q["text"]) for q in chosen):
                chosen.append(_quote(statements[i], text, sentiment[i]))
    for quote in theme.quotes:
        if len(chosen) >= n_quotes:
            break
        if not any(near_duplicate(quote["text"], q["text"]) for q in chosen):
            chosen.append(quote)
    if side is not None:  # those on the theme's side first, in the order chosen
        chosen.sort(key=lambda q: _mood_kind(q["sentiment"], q["text"]) != side)
    return chosen


def main_question(statements, rows) -> str | None:
    """The question over half of ``rows`` answer, if any."""
    counts = Counter(statements[i].question for i in rows)
    if not counts:
        return None
    question, n = counts.most_common(1)[0]
    return question if 2 * n > len(rows) else None


def _answering(statements, rows, question, enough, fallback=True, leading=False):
    """Those of ``rows`` that answer ``question`` (None: all), where there are ``enough``
    of them; else all of ``rows`` (``fallback``) or none. A quote is read as an answer to
    the question its source names, beside a theme most of whose statements answer one.

    ``leading``: of those, the ones that open their answer, where there are ``enough``: an
    answer's first sentence answers the question, a sentence added after it may be about
    anything ("Mosaic is slow" after "Yes, my manager gives me room to use my judgement",
    quoted under "Able to use knowledge and skills")."""
    if question is None:
        return rows
    answering = [i for i in rows if statements[i].question == question]
    if len(answering) >= enough:
        if leading:
            opening = [i for i in answering if _opens(statements, i)]
            if len(opening) >= enough:
                return opening
        return answering
    return rows if fallback else answering


def _opens(statements, i) -> bool:
    """Whether statement ``i`` is the first of its answer (statements keep their rows'
    order, each row's in a run)."""
    return i == 0 or statements[i - 1].row != statements[i].row


def _mood_quotes(statements, sentiment, texts, candidates, n_quotes, shows, mood):
    """Quote records chosen as a theme of ``mood`` (None: not a theme) shows them: on its
    side first (``_side_quotes``), a mixed theme's both sides leading (``both_sides_first``)."""
    picked = _side_quotes(texts, candidates, n_quotes, shows, sentiment, mood_side(mood))
    quotes = [_quote(statements[i], text, sentiment[i]) for i, text in picked]
    return both_sides_first(quotes) if mood == "Mixed" else quotes


def _side_quotes(texts, candidates, n_quotes, shows, sentiment, side):
    """``choose_quotes`` for a theme whose mood takes ``side`` (None: any): all but the last
    from statements that count on that side, the last from one that does not, where there
    are both, so the quotes under "Mostly positive" read mostly positive and still show the
    other view. (Chosen by the label's words alone, the five quotes under a mostly positive
    theme of allocation could all be "it is not fair".)"""
    if side is None or n_quotes < 2:
        return choose_quotes(texts, candidates, n_quotes, shows=shows)
    takes = {i: _mood_kind(float(sentiment[i]), texts[i]) == side for i in candidates}
    on_side = [i for i in candidates if takes[i]]
    # The other view is one about what the label says: under "working closely with health
    # partners", not "I rarely see the PSW" from the edge of its cluster.
    others = [i for i in candidates if not takes[i] and (shows is None or shows(texts[i]) > 0)]
    if not on_side or not others:
        return choose_quotes(texts, candidates, n_quotes, shows=shows)
    chosen = choose_quotes(texts, on_side, n_quotes - 1, shows=shows)
    return chosen + choose_quotes(texts, others, n_quotes - len(chosen), shows=shows)


def build_theme(
    statements, sentiment, theme_id, label, keywords, rows, kind, texts, n_quotes, phrase=None
):
    """One ``Theme`` from its member rows (most central first): counts, sentiment, and
    quotes that show the label (``choose_quotes``). ``phrase``: the label without the
    question title before it, where it has one: the quotes show what people wrote, not the
    question's words ("What stops cases flowing well: not enough OT capacity" is shown by
    "Not enough OT capacity ...", not by any answer that says "case")."""
    st = [statements[i] for i in rows]
    scores = sentiment[rows] if len(rows) else np.zeros(0)
    candidates = list(islice((int(i) for i in rows if statements[i].quotable), 200))
    if kind == "theme":
        candidates = _answering(
            statements, candidates, main_question(statements, rows), n_quotes, leading=True
        )
    words = label_words(label if phrase is None else phrase) if kind == "theme" else set()
    shows = (lambda text: shows_label(text, words)) if words else None
    counts = sentiment_counts(scores, [s.text for s in st])
    mood = theme_mood(counts) if kind == "theme" else None
    quotes = _mood_quotes(statements, sentiment, texts, candidates, n_quotes, shows, mood)
    return Theme(
        id=theme_id,
        label=label,
        keywords=list(keywords),
        size=len(rows),
        rows=len({s.row for s in st}),
        sentiment=round(float(scores.mean()), 4) if len(rows) else 0.0,
        sentiment_counts=counts,
        areas=_counts(s.area for s in st),
        questions=_counts(s.question for s in st),
        sources=_counts(s.source for s in st),
        groups=_counts(s.group for s in st),
        quotes=quotes,
        members=[int(i) for i in rows],
        member_keys=sorted({statement_key(s.text) for s in st}),
        kind=kind,
    )
