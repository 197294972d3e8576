"""Area and question scores from survey responses: plain rows in, a plain dict out.

Conventions (docs/instrument-format.md, "Scoring conventions"; the output is described in
docs/scores.md):

- Only questions with ``scored: true`` count; a grid scores each row as its own item.
- Scored options are ordered least to most favourable: the lowest maps to 0, the highest to
  100, linear between. A scale maps ``min`` to 0 and ``max`` to 100. Options with
  ``scored: false`` ("Not used") count as not answered.
- A respondent's area index is the mean of the scored items they answered in that area; the
  area score is the mean of those indices over the respondents who answered at least one.
- The 95% confidence interval is the t-based interval on those respondent values (clipped to
  0 to 100); with one respondent there is no interval (null).
- "% favourable" is the share of answers in the top scored option on scales of two, three or
  four points, and in the top two on scales of five or more (9 or 10 on a 1 to 10 scale):
  ``favourable_points``. So "Partly" on a three-point scale is not favourable. For an area it
  is pooled over every scored answer in the area.
- Red / amber / green is applied to the score as shown (rounded to one decimal place).
- Figures for fewer than ``min_group`` respondents are withheld (null); breakdowns follow
  analysis.suppression.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from surveys import Instrument, ScoredItem

from .suppression import MIN_GROUP, check_min_group, plan_suppression

DEFAULT_BREAKDOWNS: tuple[tuple[str, str, str], ...] = (
    ("role", "about_role", "Job role"),
    ("team", "about_team", "Team or service"),
    ("service", "about_service", "Length of service"),
)
NOT_STATED = "not_stated"
NOT_STATED_LABEL = "Not stated or prefer not to say"
_PREFER_NOT = {"prefer_not_to_say", "prefer_not", "not_say"}


@dataclass(frozen=True)
class RagThresholds:
    """Red / amber / green cut-offs on the 0 to 100 score: green >= green, amber >= amber."""

    green: float = 70.0
    amber: float = 50.0

    def __post_init__(self):
        for name in ("green", "amber"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ValueError(f"The {name} threshold must be a number")
            if not math.isfinite(value) or not 0 <= value <= 100:
                raise ValueError(f"The {name} threshold must be from 0 to 100")
        if not self.amber < self.green:
            raise ValueError("The amber threshold must be lower than the green threshold")

    def rag(self, score: float | None) -> str | None:
        """``"green"``, ``"amber"``, ``"red"``, or None when there is no score."""
        if score is None:
            return None
        if score >= self.green:
            return "green"
        if score >= self.amber:
            return "amber"
        return "red"

    def as_dict(self) -> dict[str, float]:
        return {"green": self.green, "amber": self.amber}


@dataclass(frozen=True)
class Item:
    """One scored item: a scored question, or one row of a scored grid."""

    id: str
    question: str
    row: str | None
    area: str
    text: str
    kind: str  # "options" or "scale"
    values: Mapping[str, float] = field(repr=False)  # scored answer -> 0..100
    codes: frozenset = field(repr=False)  # every valid answer, scored or not
    favourable_from: float = 100.0  # answers scoring at least this are favourable
    scale: tuple[int, int] | None = None
    short_title: str = ""  # the instrument's short name for it (the text where none)
    self_rated: bool = False  # respondents rate themselves, not the team or organisation

    @property
    def column(self) -> str:
        return self.id


FAVOURABLE_RULE = (
    "% favourable counts the top answer on scales of three or four points and the top two "
    "answers on scales of five points or more."
)


def favourable_points(points: int) -> int:
    """How many of a scale's top points count as favourable: 1 up to four points, else 2."""
    return 1 if points <= 4 else 2


def _favourable_from(ordered_values: Sequence[float]) -> float:
    """The lowest value that counts as favourable, from the scored values least to most."""
    return ordered_values[-favourable_points(len(ordered_values))]


def _item(scored: ScoredItem) -> Item:
    """The analysis view of one of the instrument's scored items: its answers' 0..100 values.

    ``scoring`` (surveys/question_types.py) says how: ``"options"`` maps the scored options,
    least to most favourable, evenly onto 0..100; ``"scale"`` maps min to 0 and max to 100.
    """
    question, row = scored.question, scored.row
    text = " ".join(question.text.split())
    if question.type_info.scoring == "scale":
        low, high = question.min, question.max
        ordered = [str(v) for v in range(low, high + 1)]
        values = {code: 100.0 * (int(code) - low) / (high - low) for code in ordered}
        codes, scale = frozenset(values), (low, high)
    else:
        ordered = [option.code for option in question.scored_options]
        values = {code: 100.0 * i / (len(ordered) - 1) for i, code in enumerate(ordered)}
        codes, scale = frozenset(question.choices()), None
    if row is not None:
        text = f"{text} {row.label}"
    return Item(
        scored.key,
        question.id,
        row.code if row is not None else None,
        scored.area,
        text,
        question.type_info.scoring,
        values,
        codes,
        _favourable_from([values[code] for code in ordered]),
        scale,
        short_title=row.short_title if row is not None else question.short_title,
        self_rated=question.self_rated or (row is not None and row.self_rated),
    )


def scored_items(instrument: Instrument) -> list[Item]:
    """The instrument's scored items in order (surveys.Instrument.scored_items), ready to score."""
    return [_item(scored) for scored in instrument.scored_items()]


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    return text if text != "" else None


def item_values(item: Item, rows: Sequence[Mapping[str, Any]]) -> np.ndarray:
    """Each row's 0-100 value for ``item``; NaN where unanswered or answered with no score.

    Raises ValueError for an answer that is not an option (or scale point) of the item.
    """
    column = item.column
    answers = [row.get(column) for row in rows]
    lookup: dict[Any, float] = {}
    for answer in dict.fromkeys(answers):
        text = _text(answer)
        if text is None:
            lookup[answer] = math.nan
        elif text in item.values:
            lookup[answer] = item.values[text]
        elif text in item.codes:
            lookup[answer] = math.nan
        else:
            where = answers.index(answer) + 1
            raise ValueError(
                f"Response {where}, column {column}: '{text}' is not an answer to {item.question}"
            )
    return np.fromiter(map(lookup.__getitem__, answers), dtype=float, count=len(answers))


def _round(value: float | None) -> float | None:
    if value is None or not math.isfinite(value):
        return None
    return round(float(value), 1)


@dataclass
class _Stats:
    n: np.ndarray
    mean: np.ndarray
    low: np.ndarray
    high: np.ndarray
    favourable: np.ndarray


def group_stats(values, fav_num, fav_den, groups, n_groups) -> _Stats:
    """Vectorised n, mean, t-based 95% interval and % favourable per group.

    ``values``: one value per respondent in the measure; ``fav_num`` / ``fav_den``: their
    favourable answers and scored answers; ``groups``: each respondent's group index.
    """
    n = np.bincount(groups, minlength=n_groups)
    sums = np.bincount(groups, weights=values, minlength=n_groups)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(n > 0, sums / np.maximum(n, 1), np.nan)
        deviations = values - mean[groups]
        squares = np.bincount(groups, weights=deviations * deviations, minlength=n_groups)
        sd = np.where(n > 1, np.sqrt(squares / np.maximum(n - 1, 1)), np.nan)
        tcrit = np.full(n_groups, np.nan)
        many = n > 1
        from scipy import stats  # here, not at import: scipy.stats costs ~1 s at start-up

        tcrit[many] = stats.t.ppf(0.975, n[many] - 1)
        half = tcrit * sd / np.sqrt(np.maximum(n, 1))
        low = np.clip(mean - half, 0.0, 100.0)
        high = np.clip(mean + half, 0.0, 100.0)
        fav_n = np.bincount(groups, weights=fav_num, minlength=n_groups)
        fav_d = np.bincount(groups, weights=fav_den, minlength=n_groups)
        favourable = np.where(fav_d > 0, 100.0 * fav_n / np.maximum(fav_d, 1), np.nan)
    return _Stats(n, mean, low, high, favourable)


def _figures(st: _Stats, i: int, shown: bool, thresholds: RagThresholds, withheld_n=None):
    if not shown:
        return {
            "n": withheld_n,
            "score": None,
            "ci_low": None,
            "ci_high": None,
            "favourable_pct": None,
            "rag": None,
            "suppressed": True,
        }
    score = _round(st.mean[i])
    return {
        "n": int(st.n[i]),
        "score": score,
        "ci_low": _round(st.low[i]),
        "ci_high": _round(st.high[i]),
        "favourable_pct": _round(st.favourable[i]),
        "rag": thresholds.rag(score),
        "suppressed": False,
    }


def _breakdown_groups(instrument: Instrument, column: str, rows):
    """(codes, labels, index per row) for one about-you column; None when absent."""
    try:
        question = instrument.question(column)
    except KeyError:
        return None
    labels: dict[str, str] = {}
    for option in question.options:
        if option.code in _PREFER_NOT or option.label.strip().lower() == "prefer not to say":
            continue
        labels[option.code] = option.label
    option_codes = {option.code for option in question.options}
    free_text = question.is_free_text
    answers = [row.get(column) for row in rows]
    key_of: dict[Any, str] = {}
    for answer in dict.fromkeys(answers):
        value = _text(answer)
        if value is None or value in _PREFER_NOT:
            key_of[answer] = NOT_STATED
        elif free_text:
            key = " ".join(value.split()).casefold()
            labels.setdefault(key, " ".join(value.split()))
            key_of[answer] = key or NOT_STATED
        elif value in labels:
            key_of[answer] = value
        elif value in option_codes:  # "Prefer not to say"
            key_of[answer] = NOT_STATED
        else:
            raise ValueError(f"Column {column}: '{value}' is not an option")
    keys = [key_of[answer] for answer in answers]
    order = list(labels) if not free_text else sorted(labels)
    order.append(NOT_STATED)
    labels[NOT_STATED] = NOT_STATED_LABEL
    position = {code: i for i, code in enumerate(order)}
    index = np.fromiter((position[k] for k in keys), dtype=np.int64, count=len(keys))
    present = np.bincount(index, minlength=len(order)) > 0
    codes = [c for c, p in zip(order, present) if p]
    remap = np.cumsum(present) - 1
    return codes, [labels[c] for c in codes], remap[index]


def score_responses(
    instrument: Instrument,
    rows: Sequence[Mapping[str, Any]],
    thresholds: RagThresholds | Mapping[str, float] | None = None,
    min_group: int = MIN_GROUP,
    breakdowns: Sequence[tuple[str, str, str]] = DEFAULT_BREAKDOWNS,
) -> dict[str, Any]:
    """Score every area and scored question, overall and by each breakdown.

    ``rows``: one mapping per response, {export column: value} as read by
    analysis.responses.read_responses_csv (or plain Python values: None or "" is not
    answered). Returns the scores.json structure described in docs/scores.md.
    """
    check_min_group(min_group)
    if thresholds is None:
        thresholds = RagThresholds()
    elif not isinstance(thresholds, RagThresholds):
        thresholds = RagThresholds(**dict(thresholds))
    items = scored_items(instrument)
    size = len(rows)
    matrix = np.column_stack([item_values(item, rows) for item in items]) if items else None
    if matrix is None:
        matrix = np.empty((size, 0))
    answered = ~np.isnan(matrix)
    cuts = np.array([item.favourable_from for item in items])
    favourable = np.where(answered, matrix >= cuts - 1e-9, False)

    groupings = []
    for breakdown_id, column, name in breakdowns:
        found = _breakdown_groups(instrument, column, rows)
        if found is not None:
            groupings.append((breakdown_id, column, name, *found))

    def measure(values, mask, fav_num, fav_den):
        """Overall figures and every breakdown's figures for one measure."""
        vals, fnum, fden = values[mask], fav_num[mask], fav_den[mask]
        overall = group_stats(vals, fnum, fden, np.zeros(len(vals), dtype=np.int64), 1)
        count = int(overall.n[0])
        plan = plan_suppression({g[0]: g[5][mask] for g in groupings}, min_group, population=count)
        if count == 0:
            figures = _figures(overall, 0, False, thresholds, withheld_n=0)
            figures["suppressed"] = False
        else:
            figures = _figures(overall, 0, plan.total, thresholds)
        by_breakdown = {}
        for breakdown_id, _column, _name, codes, labels, index in groupings:
            st = group_stats(vals, fnum, fden, index[mask], len(codes))
            by_breakdown[breakdown_id] = [
                {
                    "code": code,
                    "label": label,
                    **_figures(st, i, plan.shows(breakdown_id, i), thresholds),
                }
                for i, (code, label) in enumerate(zip(codes, labels))
            ]
        return figures, by_breakdown

    area_list = []
    breakdown_areas: dict[str, list] = {g[0]: [] for g in groupings}
    ones = np.ones(size)
    for area in instrument.areas:
        area_id = area.id
        cols = [i for i, item in enumerate(items) if item.area == area_id]
        counts = answered[:, cols].sum(axis=1)
        sums = np.where(answered[:, cols], matrix[:, cols], 0.0).sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            index = np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)
        fav_count = favourable[:, cols].sum(axis=1).astype(float)
        figures, by_breakdown = measure(index, counts > 0, fav_count, counts.astype(float))
        item_rows = []
        item_breakdowns: dict[str, list] = {g[0]: [] for g in groupings}
        for i in cols:
            item = items[i]
            item_figures, item_by = measure(
                matrix[:, i], answered[:, i], favourable[:, i].astype(float), ones
            )
            item_rows.append(
                {
                    "id": item.id,
                    "question": item.question,
                    "row": item.row,
                    "text": item.text,
                    "short_title": item.short_title or item.text,
                    "self_rated": item.self_rated,
                    **item_figures,
                }
            )
            for breakdown_id, groups in item_by.items():
                item_breakdowns[breakdown_id].append({"id": item.id, "groups": groups})
        area_list.append({"id": area_id, "name": area.name, **figures, "items": item_rows})
        for breakdown_id, groups in by_breakdown.items():
            breakdown_areas[breakdown_id].append(
                {"id": area_id, "groups": groups, "items": item_breakdowns[breakdown_id]}
            )

    return {
        "instrument": {
            "id": instrument.id,
            "version": instrument.version,
            "title": instrument.title,
        },
        "respondents": size,
        "min_group": min_group,
        "thresholds": thresholds.as_dict(),
        "method": {
            "score": "mean of respondents' area indices (items: of answers), 0 to 100",
            "ci": "95% t-interval on respondent values, clipped to 0-100; null when n < 2",
            "favourable": FAVOURABLE_RULE,
            "suppression": (
                f"figures for fewer than {min_group} respondents withheld, with complementary "
                "suppression within and across breakdowns (docs/scores.md)"
            ),
        },
        "areas": area_list,
        "breakdowns": [
            {
                "id": breakdown_id,
                "column": column,
                "name": name,
                "groups": [{"code": c, "label": lab} for c, lab in zip(codes, labels)],
                "areas": breakdown_areas[breakdown_id],
            }
            for breakdown_id, column, name, codes, labels, _index in groupings
        ],
        # Kept for readers of earlier files: a checked instrument leaves nothing to warn about.
        "warnings": [],
    }
