"""Everything the self-assessment report shows, as one plain JSON-safe dict (the snapshot).

The PDF, the endorser's page, "What you told us" and the quarterly extract are all made from a
snapshot, never from the live tables. The draft report is a snapshot made now; an endorsed
report is the snapshot frozen when the PSW submitted it (healthcheck.reports.assessment), so
its figures, words and PDF never change afterwards. Dates are ISO text; "made_on" is the day
the snapshot was taken, and "overdue" is judged on that day, so the same snapshot always
gives the same report.

Figures come from the suppressed page data (healthcheck.reports.dashboard), so nothing here is
shown that the dashboard withholds; focus-group words come through
analysis.focus_group_evidence (its quote rule).
"""

from __future__ import annotations

import base64
from datetime import date
from typing import Any

from flask import current_app

from analysis.focus_group_evidence import focus_group_evidence
from analysis.metrics import status_word
from analysis.scoring import FAVOURABLE_RULE
from analysis.strengths import propose_for_area

from ..models import Cycle
from ..models.assessment import JUDGEMENTS
from ..models.plan import ACTION_STATUSES
from . import dashboard as data
from . import plan

QUESTIONS_IN_PROPOSALS = 2
THEMES_PER_AREA = 3


# --- focus-group evidence --------------------------------------------------------------------


def focus_group_words(cycle: Cycle) -> dict[str, Any]:
    """The cycle's focus-group summaries and marked quotes that the quote rule lets through."""
    from ..focus_groups.identifiers import staff_names
    from ..results.rows import cycle_instrument, focus_group_records

    instrument = cycle_instrument(cycle)
    groups = [
        {
            "participants": record.participants,
            "held_on": record.held_on,
            "status": record.status,
            "consent": record.consent_confirmed,
            "key_quotes": record.key_quotes,
            "summary": record.summary,
            "notes": record.note_texts(),
        }
        for record in focus_group_records(cycle)
    ]
    return focus_group_evidence(
        groups,
        {q.id: q.area for q in instrument.questions},
        {t.id: t.title for t in instrument.discussion_topics},
        staff_names=staff_names(),
        min_group=data.min_group(),
    )


def area_focus_groups(words: dict, area_id: str, question_ids: list[str]) -> dict:
    """The focus-group notes per question and the quotes tied to this area's questions."""
    return {
        "notes": [
            {"question": qid, "notes": words["questions"][qid]}
            for qid in question_ids
            if qid in words["questions"]
        ],
        "quotes": [q for q in words["quotes"] if q.get("area") == area_id],
    }


# --- proposals and evidence for one area -----------------------------------------------------


def question_ids(page: dict) -> list[str]:
    seen = []
    for item in page["questions"]:
        qid = item["id"].split(".")[0]
        if qid not in seen:
            seen.append(qid)
    return seen


SHORT_LENGTH = 70


def short_text(text: str, limit: int = SHORT_LENGTH) -> str:
    """The question's first sentence, cut at a word to ``limit`` characters."""
    text = " ".join((text or "").split())
    for stop in ("?", ". "):
        if stop in text[: limit + 1]:
            text = text[: text.index(stop) + 1].rstrip(".")
            break
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return text


def short_label(item: dict) -> str:
    """A short name for a question or grid row: the instrument's short title when it has one
    (i.e. ``short_title``), else the first sentence; a grid row adds its own label."""
    label = item.get("short_title") or short_text(item.get("question_text") or item["text"])
    if item.get("row_label"):
        label = f"{label.rstrip('?')}: {item['row_label']}"
    return label


def _figure_text(item: dict) -> str:
    return (
        f"{short_label(item)}: score {item['score']}, {item['favourable_pct']}% favourable "
        f"({item['n']} answers)"
    )


def label_items(cycle: Cycle, page: dict) -> dict:
    """Add each question's short title, full question text and grid row label to the page."""
    from ..results.rows import cycle_instrument

    instrument = cycle_instrument(cycle)
    for item in page["questions"]:
        try:
            question = instrument.question(item.get("question") or item["id"].split(".")[0])
        except KeyError:
            continue
        item["question_text"] = " ".join(question.text.split())
        short = getattr(question, "short_title", None)
        if short:
            item["short_title"] = short
        if item.get("row"):
            row = next((r for r in question.rows if r.code == item["row"]), None)
            if row is not None:
                item["row_label"] = row.label
    return page


def area_proposals(result: dict, page: dict, words: dict) -> dict[str, list[str]]:
    """Sentences the PSW can insert with one click: green and weak questions, themes."""
    high, low = propose_for_area(
        page["questions"], page["area"].get("rag"), count=QUESTIONS_IN_PROPOSALS
    )
    themes = page["themes"][: THEMES_PER_AREA * 2]
    strengths = [f"{_figure_text(i)}." for i in high]
    improvements = [f"{_figure_text(i)}." for i in low]
    for theme in themes:
        line = f"Staff wrote about “{theme['label']}” ({theme['sentiment'].lower()})."
        if theme["sentiment"] == "Mostly positive":
            strengths.append(line)
        elif theme["sentiment"] == "Mostly negative":
            improvements.append(line)
    # Focus-group quotes are offered as evidence only (evidence_options), never as an
    # improvement or a strength: a quote may be praise as well as a complaint.
    rag = page["area"].get("rag")
    rationale = ""
    if page["area"].get("score") is not None:
        rationale = (
            f"The survey score is {page['area']['score']} out of 100 "
            f"({page['area']['tag']['text'].lower()}), "
            f"{page['area']['favourable_pct']}% favourable, from {page['area']['n']} staff."
        )
    return {
        "rating": rag,
        "rationale": rationale,
        "strengths": strengths,
        "improvements": improvements,
    }


def evidence_options(result: dict, page: dict, words: dict) -> list[dict]:
    """What the analysis shows for this area, each with a stable id to tick as evidence."""
    options = []
    for item in page["questions"]:
        if item.get("score") is not None:
            options.append({"id": f"q:{item['id']}", "kind": "Survey", "text": _figure_text(item)})
    for theme in page["themes"][: THEMES_PER_AREA * 2]:
        text = f"“{theme['label']}” ({theme['sentiment'].lower()})"
        if theme["quotes"]:
            text += f": “{theme['quotes'][0]['text']}”"
        options.append({"id": f"t:{theme['id']}", "kind": "Theme", "text": text})
    fg = area_focus_groups(words, page["area"]["id"], question_ids(page))
    for n, quote in enumerate(fg["quotes"]):
        options.append(
            {
                "id": f"fq:{n}:{quote['question']}",
                "kind": "Focus group",
                "text": f"“{quote['text']}” ({quote['attribution']})",
            }
        )
    for block in fg["notes"]:
        for n, note in enumerate(block["notes"]):
            options.append(
                {
                    "id": f"fn:{block['question']}:{n}",
                    "kind": "Focus group",
                    "text": f"{data.question_label(block['question'])}: {note['text']} "
                    f"({note['attribution']})",
                }
            )
    for metric in page["metrics"]:
        options.append(
            {
                "id": f"m:{metric['name']}",
                "kind": "Organisation's figure",
                "text": f"{metric['name']}: {metric.get('value')}"
                + (f" against a target of {metric['target']}" if metric.get("target") else "")
                + f" ({status_word(metric.get('status'))})",
            }
        )
    return options


# --- the snapshot ----------------------------------------------------------------------------


def _logo_data_uri() -> str | None:
    from sqlalchemy import select

    from ..extensions import db
    from ..models import ReportLogo

    logo = db.session.scalar(select(ReportLogo).order_by(ReportLogo.id.desc()).limit(1))
    if logo is None:
        return None
    return f"data:{logo.content_type};base64," + base64.b64encode(logo.data).decode("ascii")


def _question_view(item: dict) -> dict:
    dist = item.get("distribution") or {}
    return {
        "id": item["id"],
        "text": item.get("text"),
        "label": short_label(item),
        "n": item.get("n"),
        "score": item.get("score"),
        "favourable_pct": item.get("favourable_pct"),
        "rating": item["tag"]["text"],
        "options": [{"label": o["label"], "pct": o["pct"]} for o in dist.get("options") or []],
    }


def build_snapshot(cycle: Cycle, result: dict, today: date | None = None) -> dict[str, Any]:
    """The whole report as plain data (see the module docstring)."""
    from ..focus_groups.identifiers import redacted_text
    from . import assessment

    today = today or date.today()
    words = focus_group_words(cycle)
    drafts = assessment.area_assessments(cycle)
    overview = data.overview(result)
    distributions = data.distributions_for(cycle, data.analysis_for(cycle, start=False))
    areas = []
    names = {}
    for area in overview["areas"]:
        page = label_items(cycle, data.area_page(result, area["id"]))
        names[area["id"]] = area["name"]
        for item in page["questions"]:
            item["distribution"] = distributions.get(item["id"])
        draft = assessment.content_of(drafts.get(area["id"]))
        fg = area_focus_groups(words, area["id"], question_ids(page))
        change = area.get("yoy") or {}
        areas.append(
            {
                "id": area["id"],
                "name": area["name"],
                "n": area.get("n"),
                "score": area.get("score"),
                "ci_low": area.get("ci_low"),
                "ci_high": area.get("ci_high"),
                "favourable_pct": area.get("favourable_pct"),
                "computed_rating": area["tag"]["text"],
                "change": change.get("change"),
                "change_significant": bool(change.get("significant")),
                "judgement": {
                    "rating": draft["rating"],
                    "rating_text": JUDGEMENTS.get(draft["rating"], "Not given"),
                    # The PSW's own words go through the one redaction engine too: the
                    # report goes to a board and its lines to every member of staff.
                    "rationale": redacted_text(draft["rationale"]),
                },
                "strengths": redacted_text(draft["strengths"]),
                "improvements": redacted_text(draft["improvements"]),
                "evidence": [
                    {"kind": e.get("kind", ""), "text": redacted_text(e.get("text", ""))}
                    for e in draft["evidence"]
                ],
                "questions": [_question_view(i) for i in page["questions"]],
                "themes": [
                    {
                        "label": t["label"],
                        "size": t["size"],
                        "sentiment": t["sentiment"],
                        "quotes": [q["text"] for q in t["quotes"][:2]],
                    }
                    for t in page["themes"][:THEMES_PER_AREA]
                ],
                "focus_groups": fg,
                "metrics": [
                    {
                        "name": m["name"],
                        "value": m.get("value"),
                        "target": m.get("target"),
                        "period": m.get("period"),
                        "status": status_word(m.get("status")),
                    }
                    for m in page["metrics"]
                ],
            }
        )
    actions = []
    for a in plan.actions_for(cycle):
        actions.append(
            {
                "area": names.get(a.area, a.area),
                "action": a.action,
                "owner": a.owner,
                "due_on": a.due_on.isoformat() if a.due_on else None,
                "status": ACTION_STATUSES.get(a.status, a.status),
                "overdue": a.is_overdue_on(today),
                "carried": bool(a.carried_from_cycle_id),
            }
        )
    rate = overview["response_rate"]
    config = current_app.config
    return {
        "format": 1,
        "organisation": config["ORGANISATION_NAME"],
        "logo": _logo_data_uri(),
        "cycle": {
            "id": cycle.id,
            "name": cycle.name,
            "slug": cycle.slug,
            "opens_on": cycle.opens_on.isoformat(),
            "closes_on": cycle.closes_on.isoformat(),
        },
        "made_on": today.isoformat(),
        "respondents": overview["respondents"] or 0,
        "response_rate": {
            "rate_pct": rate.get("rate_pct"),
            "headcount": rate.get("headcount"),
            "responses": rate.get("responses"),
        },
        "focus_group_count": overview["focus_groups"],
        "areas": areas,
        "topics": words["topics"],
        "focus_group_quotes": [q for q in words["quotes"] if not q.get("area")],
        "focus_group_summaries": words["summaries"],
        "actions": actions,
        "method": {
            "min_group": data.min_group(),
            "min_quote_group": data.min_quote_group(),
            "favourable_rule": FAVOURABLE_RULE,
            "focus_group_rule": words["rule"],
            "thresholds": overview["thresholds"],
        },
    }
