"""The cycle's analysis itself: what it reads (and the fingerprint of that), and the result.

``compute_analysis(cycle_id, kind)`` reads the cycle's inputs in one go, releases the database,
then computes the result dict (docs/scores.md, "The cycle's analysis"): scores, answer
distributions, focus-group figures, organisational figures, year on year, proposals and
themes. It knows nothing of runs, claims or threads: healthcheck.results.analysis runs it off
the request path and stores what it returns; ``fingerprint`` says when that is out of date.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from flask import current_app
from sqlalchemy import select

from analysis.sensitive import without_sensitive
from analysis.theme_proposals import theme_proposals

from ..extensions import db
from ..models import Cycle, Metric
from ..staff_list import staff_names
from ..timeutil import utcnow
from . import response_rate as response_rate_module
from .review import hidden_for
from .rows import (
    about_group_sizes,
    cycle_rows,
    focus_group_fingerprint,
    focus_group_inputs,
    response_count,
    survey_text_rows,
)
from .theme_edit_log import last_year_themes
from .theme_results import compute_themes

# Bump when the analysis changes in a way that makes stored results out of date.
# 11: part labels (a drawback with what it is granted of, "with" read with the piece before
# it, no label pointing back, "staff's own"), parts found in what the parts leave unsaid
# (analysis.theme_unsaid), theme labels naming the largest part they do not name; 10: each
# part keeps its statements' matching keys, by which a part the PSW renamed is found again;
# 8, 9: part labels and asides (analysis.theme_asides); 7: comments that may disclose harm
# kept out of the themes (analysis.sensitive), part labels and quotes; 6: theme labels,
# splits and key terms, sentiment (complaints as a topic, "less so"), and "since last year"
# naming last year's theme; 5: the response rate leaves out roles with no headcount and says
# over which headcount it is taken; 4: answer distributions computed with the result; 3: no
# theme from fewer than MIN_GROUP_SIZE writers; 2: role figures.
ALGORITHM_VERSION = "11"


def previous_cycle(cycle: Cycle) -> Cycle | None:
    """The latest earlier cycle with the same instrument id (any version), for year on year."""
    return db.session.scalar(
        select(Cycle)
        .where(
            Cycle.instrument_id == cycle.instrument_id,
            Cycle.id != cycle.id,
            Cycle.opens_on < cycle.opens_on,
            Cycle.is_demo == cycle.is_demo,
        )
        .order_by(Cycle.opens_on.desc(), Cycle.id.desc())
        .limit(1)
    )


def metric_rows(cycle_id: int) -> list[Metric]:
    return list(
        db.session.scalars(select(Metric).where(Metric.cycle_id == cycle_id).order_by(Metric.id))
    )


def fingerprint(cycle: Cycle, kind: str = "all") -> str:
    """A hash of everything the analysis of ``kind`` reads: when it changes, re-run.

    Responses are counted, not their answers: a response never changes once stored, and
    counting every answer on each page view cost about 190 ms at 10,000 responses. (Purging
    free text re-stamps the stored results itself, see healthcheck/purge.py.)
    """
    config = current_app.config
    parts: dict[str, Any] = {
        "algorithm": ALGORITHM_VERSION,
        "kind": kind,
        "instrument": [cycle.instrument_id, cycle.instrument_version],
        "responses": response_count(cycle.id),
        "settings": [
            config["MIN_GROUP_SIZE"],
            config["MIN_QUOTE_GROUP_SIZE"],
            config["RAG_GREEN"],
            config["RAG_AMBER"],
        ],
        "focus_groups": focus_group_fingerprint(cycle),
    }
    if kind != "themes":
        parts["headcount"] = sorted((h.role, h.headcount) for h in cycle.headcounts)
        parts["metrics"] = [
            [m.id, m.name, m.value, m.target, m.better, m.area, m.period]
            for m in metric_rows(cycle.id)
        ]
        previous = previous_cycle(cycle)
        if previous is not None:
            parts["previous"] = [previous.id, response_count(previous.id)]
    text = json.dumps(parts, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def compute_analysis(cycle_id: int, kind: str = "all", progress=None) -> dict[str, Any]:
    """Read the cycle's inputs, then compute the result dict (see docs/scores.md)."""
    from analysis.distributions import question_distributions
    from analysis.focus_group_figures import FocusGroupFiguresError, summarise_focus_groups
    from analysis.organisation_metrics import metric_status
    from analysis.scoring import RagThresholds, score_responses
    from analysis.strengths import propose_strengths_and_improvements
    from analysis.yoy import compare_cycles

    def report(percent, stage):
        if progress is not None:
            progress(percent, stage)

    config = current_app.config
    min_group = int(config["MIN_GROUP_SIZE"])
    min_quote = int(config["MIN_QUOTE_GROUP_SIZE"])
    cycle = db.session.get(Cycle, cycle_id)
    if cycle is None:
        raise LookupError(f"No cycle {cycle_id}")
    instrument = cycle.instrument
    rows = cycle_rows(cycle, instrument)
    fg = focus_group_inputs(cycle, instrument)
    result: dict[str, Any] = {
        "cycle": {
            "id": cycle.id,
            "slug": cycle.slug,
            "name": cycle.name,
            "instrument": {"id": instrument.id, "version": instrument.version},
        },
        "computed_at": utcnow().isoformat(timespec="seconds"),
        "respondents": len(rows),
        "min_group": min_group,
        "min_quote_group": min_quote,
    }
    areas = {a.id: a.name for a in instrument.areas}
    if kind in ("scores", "all"):
        metrics = [
            {
                "name": m.name,
                "value": m.value,
                "target": m.target,
                "better": m.better,
                "area": m.area,
                "area_name": areas.get(m.area, m.area),
                "period": m.period,
                "status": metric_status(m.value, m.target, m.better),
            }
            for m in metric_rows(cycle.id)
        ]
        result["response_rate"] = response_rate_module.summary(cycle)
        previous = previous_cycle(cycle)
        previous_rows = previous_instrument = None
        if previous is not None:
            previous_instrument = previous.instrument
            previous_rows = cycle_rows(previous, previous_instrument)
            # Plain values: no model may be touched once the transaction ends below (a lazy
            # load would open a transaction, and on SQLite hold the write lock, while we compute).
            previous = {"id": previous.id, "slug": previous.slug, "name": previous.name}
    if kind in ("themes", "all"):
        # A comment that may disclose harm goes to the restricted page only, never a theme.
        text_rows = without_sensitive(survey_text_rows(cycle, instrument, rows))
        sizes = about_group_sizes(rows)
        try:
            role_options = instrument.question("about_role").options or ()
        except KeyError:
            role_options = ()
        role_labels = {o.code: o.label for o in role_options if o.code != "prefer_not_to_say"}
        # What the respondent was asked (the survey's wording), for reading answers' sentiment.
        question_texts = {
            q.id: getattr(q, "survey_text", "") or q.text for q in instrument.questions if q.text
        }
        question_titles = {q.id: q.short_title for q in instrument.questions}
        question_titles.update(
            {f"topic.{t.id}": t.short_title for t in instrument.discussion_topics}
        )
        last_year = None
        earlier = previous_cycle(cycle)
        if earlier is not None:
            earlier_instrument = earlier.instrument
            earlier_rows = cycle_rows(earlier, earlier_instrument)
            last_year = {
                "survey_rows": without_sensitive(
                    survey_text_rows(earlier, earlier_instrument, earlier_rows)
                ),
                "respondents": len(earlier_rows),
                "name": earlier.name,
                "themes": last_year_themes(earlier),
            }
    db.session.commit()  # release the database before computing

    thresholds = RagThresholds(green=float(config["RAG_GREEN"]), amber=float(config["RAG_AMBER"]))
    if kind in ("scores", "all"):
        report(10, "Scoring the areas")
        scores = score_responses(instrument, rows, thresholds=thresholds, min_group=min_group)
        result["scores"] = scores
        result["distributions"] = question_distributions(instrument, rows, min_group)
        result["metrics"] = metrics
        report(25, "Summarising the focus groups")
        try:
            result["focus_groups"] = summarise_focus_groups(instrument, fg["groups"], min_group)
        except FocusGroupFiguresError as exc:
            result["focus_groups"] = {"source": "focus_group", "errors": exc.errors}
        report(30, "Comparing with last year")
        result["yoy"] = None
        if previous is not None and previous_rows:
            try:
                result["yoy"] = compare_cycles(
                    previous_instrument, previous_rows, instrument, rows, min_group=min_group
                )
                result["yoy"]["previous_cycle"] = previous
            except ValueError as exc:
                result["yoy"] = {"error": str(exc)}
        result["proposals"] = propose_strengths_and_improvements(scores)
    if kind in ("themes", "all"):
        report(35, "Finding themes")

        def theme_progress(stage, done, total):
            fraction = (done / total) if total else 0.0
            report(35 + int(60 * min(fraction, 1.0)), stage)

        result["themes"] = compute_themes(
            text_rows,
            without_sensitive(fg["notes"]),
            sizes,
            len(rows),
            min_quote_group=min_quote,
            min_group=min_group,
            role_labels=role_labels,
            progress=theme_progress,
            hidden_quotes=hidden_for(cycle.id)["quote"],
            staff_names=staff_names(),
            question_texts=question_texts,
            question_titles=question_titles,
            last_year=last_year,
            ratings=comment_ratings(instrument, rows, text_rows),
        )
        result["themes"]["question_titles"] = question_titles
        if "proposals" in result:
            result["proposals"]["themes"] = theme_proposals(result["themes"])
    report(98, "Saving")
    return result


def comment_ratings(instrument, rows: list[dict], text_rows: list[dict]) -> list[float | None]:
    """Per free-text row, the respondent's closed rating beside that comment box, 0 (worst)
    to 1 (best): the mean of the question's scored answers (a grid's rows); None for a text
    question, or when the respondent gave no scored answer."""
    from analysis.scoring import scored_items

    items = scored_items(instrument)
    by_question: dict[str, list] = {}
    for item in items:
        by_question.setdefault(item.question, []).append(item)
    out: list[float | None] = []
    for text_row in text_rows:
        rating = None
        if str(text_row.get("column", "")).endswith(".comment"):
            respondent = rows[text_row["response"]]
            values = [
                item.values[respondent.get(item.column)]
                for item in by_question.get(text_row["question"], ())
                if respondent.get(item.column) in item.values
            ]
            if values:
                rating = sum(values) / len(values) / 100.0
        out.append(rating)
    return out
