"""The analysis result: its typed shape, and the one reader that every page and command uses.

The result is stored as JSON (``healthcheck.results``) and written by the pure functions of
this library (``score_responses``, ``compare_cycles``, the theme pipeline, ...), so its parts
are described here as TypedDicts: at run time they are the plain dicts that are stored, read
by templates and written to scores.json unchanged, and a type checker and a reader can see
which keys exist. ``read_result`` is the only place that turns a stored result into one: it
gives every part its empty default once, so that nothing downstream navigates the result
with ``.get(...)`` chains. See docs/scores.md for what each key means.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict

# --- scores (analysis.scoring.score_responses) -------------------------------------------------


class Figure(TypedDict, total=False):
    """One measure's figures: withheld ones are None, with ``suppressed`` True."""

    n: int | None
    score: float | None
    ci_low: float | None
    ci_high: float | None
    favourable_pct: float | None
    rag: str | None
    suppressed: bool


class Item(Figure, total=False):
    """A scored question (a grid's rows are items of their own: ``Q7.it``)."""

    id: str
    question: str
    row: str | None
    text: str


class Area(Figure, total=False):
    id: str
    name: str
    items: list[Item]


class Scores(TypedDict, total=False):
    instrument: dict[str, Any]
    respondents: int
    min_group: int
    thresholds: dict[str, float]
    method: dict[str, str]
    areas: list[Area]
    breakdowns: list[dict[str, Any]]
    warnings: list[str]


# --- year on year (analysis.yoy.compare_cycles) ------------------------------------------------


class Change(TypedDict, total=False):
    """One area's or item's change since the previous cycle; None where not comparable."""

    id: str
    name: str
    previous_score: float | None
    current_score: float | None
    change: float | None
    p_value: float | None
    significant: bool | None
    n_previous: int | None
    n_current: int | None
    suppressed: bool
    items: list[Change]


class YearOnYear(TypedDict, total=False):
    previous: dict[str, Any]
    current: dict[str, Any]
    test: str
    alpha: float
    note: str
    areas: list[Change]
    not_comparable: list[dict[str, str]]
    previous_cycle: dict[str, Any]  # {id, slug, name}, added by the app
    error: str  # the only key when the cycles could not be compared


# --- themes (the theme pipeline, with the PSW's edits applied) ---------------------------------


class Quote(TypedDict, total=False):
    text: str
    source: str
    area: str | None
    question: str | None
    role: str


class Theme(TypedDict, total=False):
    id: str
    kind: str  # "theme"; the unclear remainder is "unclear"
    label: str
    keywords: list[str]
    size: int
    rows: int | None
    respondents: int | None  # survey respondents, None when withheld
    respondents_of: int
    role_counts: dict[str, int]  # only the counts that may be shown
    areas: dict[str, int]
    questions: dict[str, int]
    sources: dict[str, int]
    sentiment: float | None
    sentiment_counts: dict[str, int]
    quotes: list[Quote]
    last_year: dict[str, Any] | None
    label_edited: bool
    merged_from: list[str]
    # What it covers (analysis.theme_parts), parts from enough writers: [{"label", "size"}]
    parts: list[dict[str, Any]]


class RoleOption(TypedDict):
    code: str
    label: str
    quotes: bool


class Themes(TypedDict, total=False):
    themes: list[Theme]
    unclear: Theme | None
    statements: int
    inputs: int
    withheld: int
    sources: dict[str, int]
    quote_rule: str
    role_options: list[RoleOption]
    question_titles: dict[str, str]
    sentiment_fit: dict[str, Any]
    # The PSW's edits applied as read (analysis.theme_edits.apply_edits), and those whose
    # themes or part this run does not show.
    edits_applied: int
    edits_not_applied: list[int]


# --- answer distributions (analysis.distributions) ---------------------------------------------


class OptionCount(TypedDict):
    code: str
    label: str
    count: int
    pct: float


class Distribution(TypedDict):
    """Answers per option of one scored item, whole cycle only; withheld (``n`` None, no
    options) under the minimum group size."""

    n: int | None
    options: list[OptionCount]
    suppressed: bool


# --- the whole result --------------------------------------------------------------------------


class AnalysisResult(TypedDict, total=False):
    cycle: dict[str, Any]
    computed_at: str
    respondents: int
    min_group: int
    min_quote_group: int
    scores: Scores
    distributions: dict[str, dict[str, Distribution]]  # {area id: {item id: ...}}
    focus_groups: dict[str, Any]
    metrics: list[dict[str, Any]]
    yoy: YearOnYear | None
    proposals: dict[str, Any]
    response_rate: dict[str, Any]
    themes: Themes


def _scores(raw: Mapping | None) -> Scores:
    scores: dict = dict(raw or {})
    scores.setdefault("areas", [])
    scores.setdefault("thresholds", {})
    for area in scores["areas"]:
        area.setdefault("items", [])
    return scores  # type: ignore[return-value]


_THEME_DEFAULTS = (
    ("areas", {}),
    ("questions", {}),
    ("sources", {}),
    ("sentiment_counts", {}),
    ("role_counts", {}),
    ("keywords", []),
    ("quotes", []),
    ("merged_from", []),
)


def _themes(raw: Mapping | None) -> Themes:
    themes: dict = dict(raw or {})
    for key, empty in (
        ("themes", []),
        ("role_options", []),
        ("question_titles", {}),
        ("sources", {}),
    ):
        themes[key] = themes.get(key) or empty
    themes.setdefault("unclear", None)
    themes["withheld"] = int(themes.get("withheld") or 0)
    themes["themes"] = [read_theme(theme) for theme in themes["themes"]]
    return themes  # type: ignore[return-value]


def read_theme(raw: Mapping) -> Theme:
    """One theme with every part present: counts as empty mappings, lists as empty lists."""
    theme: dict = dict(raw)
    theme.setdefault("kind", "theme")
    theme["size"] = int(theme.get("size") or 0)
    for key, empty in _THEME_DEFAULTS:
        if theme.get(key) is None:
            theme[key] = type(empty)()
    return theme  # type: ignore[return-value]


def read_result(raw: Mapping | None) -> AnalysisResult | None:
    """A stored result as every reader takes it: each part present, empty when not computed
    (a "scores" run has no themes), so readers index keys instead of guarding each one.
    ``yoy`` stays None when there is no earlier cycle. The stored values are not changed."""
    if raw is None:
        return None
    result: dict = dict(raw)
    result["scores"] = _scores(raw.get("scores"))
    result["themes"] = _themes(raw.get("themes"))
    result["distributions"] = dict(raw.get("distributions") or {})
    result["yoy"] = raw.get("yoy") or None
    for key, empty in (
        ("focus_groups", {}),
        ("metrics", []),
        ("proposals", {}),
        ("response_rate", {}),
    ):
        result[key] = raw.get(key) or empty
    return result  # type: ignore[return-value]


def yoy_areas(result: AnalysisResult) -> list[Change]:
    """The areas' year-on-year changes; none when there is no comparable earlier cycle."""
    return list((result["yoy"] or {}).get("areas") or [])


def item_distributions(result: AnalysisResult) -> dict[str, Distribution]:
    """{item id: its distribution} over every area."""
    return {
        item_id: dist for area in result["distributions"].values() for item_id, dist in area.items()
    }
