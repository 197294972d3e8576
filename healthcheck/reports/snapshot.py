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

from analysis.evidence_text import quotable, without_placeholder_sentences
from analysis.focus_group_evidence import focus_group_evidence
from analysis.organisation_metrics import status_word
from analysis.scoring import FAVOURABLE_RULE
from analysis.strengths import SELF_RATED_NOTE, propose_for_area

from ..models import Cycle
from ..models.assessment import JUDGEMENTS
from ..models.plan import ACTION_STATUSES
from . import action_plan
from . import dashboard as data

QUESTIONS_IN_PROPOSALS = 2
THEMES_PER_AREA = 3


# --- focus-group evidence --------------------------------------------------------------------


def focus_group_words(cycle: Cycle) -> dict[str, Any]:
    """The cycle's focus-group summaries and marked quotes that the quote rule lets through."""
    from ..focus_groups.identifiers import staff_names
    from ..results.rows import focus_group_records

    instrument = cycle.instrument
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
    words = focus_group_evidence(
        groups,
        {q.id: q.area for q in instrument.questions},
        {t.id: t.title for t in instrument.discussion_topics},
        staff_names=staff_names(),
        min_group=data.min_group(),
    )
    words["titles"] = question_titles(cycle)
    return words


def area_focus_groups(words: dict, area_id: str, question_ids: list[str]) -> dict:
    """The focus-group notes per question (named by the question's short title) and the
    quotes tied to this area's questions."""
    titles = words.get("titles") or {}
    return {
        "notes": [
            {
                "question": qid,
                "label": data.question_label(qid, titles),
                "notes": words["questions"][qid],
            }
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


def short_label(item: dict) -> str:
    """A question's or grid row's name in the report: the instrument's ``short_title`` (a
    grid row's own, "Access to IT"), never its long wording cut short."""
    return item.get("short_title") or " ".join((item.get("text") or item["id"]).split())


def _figure_text(item: dict) -> str:
    """ "Access to IT: score 26.7, 2.1% favourable (332 answers)"; a question on which staff
    rated themselves says so (see analysis.strengths: a training need, in their own view)."""
    label = short_label(item)
    if item.get("self_rated"):
        label += f" ({SELF_RATED_NOTE})"
    return (
        f"{label}: score {item['score']}, {item['favourable_pct']}% favourable "
        f"({item['n']} answers)"
    )


def label_items(cycle: Cycle, page: dict) -> dict:
    """Give each question on the page the instrument's short title (a grid row its own), its
    full wording and whether staff rated themselves on it."""
    instrument = cycle.instrument
    for item in page["questions"]:
        try:
            question = instrument.question(item.get("question") or item["id"].split(".")[0])
        except KeyError:
            continue
        item["question_text"] = " ".join(question.text.split())
        item["short_title"] = question.short_title
        item["self_rated"] = bool(question.self_rated)
        item["scored_codes"] = (
            [str(v) for v in range(question.min, question.max + 1)]
            if question.type == "scale"
            else [o.code for o in question.scored_options]
        )
        if item.get("row"):
            row = next((r for r in question.rows if r.code == item["row"]), None)
            if row is not None:
                item["short_title"] = row.short_title
                item["row_label"] = row.label
                item["self_rated"] = item["self_rated"] or bool(row.self_rated)
    return page


def _area_count(theme: dict) -> int | None:
    """How many of the theme's statements are about the page's area (None when withheld)."""
    part = next((p for p in theme.get("parts") or () if p["key"] == "area"), None)
    return part["count"] if part else None


def rank_themes(themes: list[dict]) -> list[dict]:
    """An area's themes in the order that speaks for the area: those with a quote about it
    first, then by how many of their statements are about it. (A theme counts in every area
    its statements touch; ranked by its whole size, one large theme led every area.)"""
    return sorted(themes, key=lambda t: (not t.get("quotes"), -(_area_count(t) or 0)))


def area_view(cycle: Cycle, result: dict, area_id: str) -> dict | None:
    """One area as the self-assessment pages, the proposals and the report take it: the
    dashboard's suppressed area page, its questions named by short title (``label_items``)
    and its themes ranked for the area (``rank_themes``)."""
    page = data.area_page(result, area_id)
    if page is None:
        return None
    label_items(cycle, page)
    page["themes"] = rank_themes(page["themes"])
    return page


def question_titles(cycle: Cycle) -> dict[str, str]:
    """{question id or "topic.<id>": the instrument's short title}, for focus-group notes."""
    instrument = cycle.instrument
    titles = {q.id: q.short_title for q in instrument.questions}
    titles.update({f"topic.{t.id}": t.short_title for t in instrument.discussion_topics})
    return titles


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
        yoy = page.get("yoy") or {}
        change, before = yoy.get("change"), compared_with(result)
        if change is not None and before:
            moved = f"up {change}" if change > 0 else f"down {-change}" if change < 0 else "level"
            noise = "larger than" if yoy.get("significant") else "within"
            rationale += f" It is {moved} on {before} ({noise} the noise)."
    return {
        "rating": rag,
        "rationale": rationale,
        "strengths": strengths,
        "improvements": improvements,
        # The proposed questions, as evidence_options names them ("q:Q7.it").
        "evidence": [f"q:{i['id']}" for i in [*high, *low]],
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
                    "text": f"{block['label']}: {note['text']} " f"({note['attribution']})",
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


def _answer_shares(item: dict) -> tuple[list[dict], list[dict]]:
    """(scored options as shares of the scored answers, so that they agree with the score and
    % favourable; unscored answers given, such as "Not used", as shares of all answers)."""
    options = (item.get("distribution") or {}).get("options") or []
    codes = item.get("scored_codes")
    if codes is None:
        return [{"label": o["label"], "pct": o["pct"]} for o in options], []
    scored = [o for o in options if o.get("code") in codes]
    total = sum(o.get("count", 0) for o in scored)
    shares = [
        {"label": o["label"], "pct": round(100.0 * o.get("count", 0) / total, 1) if total else 0}
        for o in scored
    ]
    other = [
        {"label": o["label"], "pct": o["pct"]}
        for o in options
        if o.get("code") not in codes and o.get("count")
    ]
    return shares, other


def _question_view(item: dict) -> dict:
    shares, not_scored = _answer_shares(item)
    return {
        "id": item["id"],
        "text": item.get("text"),
        "label": short_label(item),
        "self_rated": bool(item.get("self_rated")),
        "n": item.get("n"),
        "score": item.get("score"),
        "favourable_pct": item.get("favourable_pct"),
        "rating": item["tag"]["text"],
        "options": shares,
        "not_scored": not_scored,
    }


def board_text(text: str) -> str:
    """The PSW's or an analysis's words as the board and staff read them: redacted by the one
    engine, without sentences left mostly placeholders (analysis.evidence_text)."""
    from ..focus_groups.identifiers import redacted_text

    return without_placeholder_sentences(redacted_text(text or ""))


def _evidence(draft: dict) -> list[dict]:
    out = []
    for entry in draft["evidence"]:
        text = board_text(entry.get("text", ""))
        if text:
            out.append({"kind": entry.get("kind", ""), "text": text})
    return out


def compared_with(result: dict) -> str | None:
    """The name of the cycle this year's change is measured against, or None (no earlier
    health check with the same instrument)."""
    previous = (result.get("yoy") or {}).get("previous_cycle") or {}
    return previous.get("name")


def build_snapshot(cycle: Cycle, result: dict, today: date | None = None) -> dict[str, Any]:
    """The whole report as plain data (see the module docstring)."""
    from . import assessment

    today = today or date.today()
    words = focus_group_words(cycle)
    drafts = assessment.area_assessments(cycle)
    overview = data.overview(result)
    distributions = data.distributions_for(cycle, data.analysis_for(cycle, start=False))
    areas = []
    names = {}
    for area in overview["areas"]:
        page = area_view(cycle, result, area["id"])
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
                    "rationale": board_text(draft["rationale"]),
                },
                "strengths": board_text(draft["strengths"]),
                "improvements": board_text(draft["improvements"]),
                "evidence": _evidence(draft),
                "questions": [_question_view(i) for i in page["questions"]],
                "themes": [
                    {
                        "label": t["label"],
                        "size": t["size"],
                        "area_size": _area_count(t),
                        "sentiment": t["sentiment"],
                        "quotes": [q["text"] for q in t["quotes"] if quotable(q["text"])][:2],
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
    for a in action_plan.actions_for(cycle):
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
        "format": 2,
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
        # Complete records only: a draft is not yet a focus group the report speaks for.
        "focus_group_count": {
            "held": words["held"]["groups"],
            "participants": words["held"]["participants"],
        },
        "compared_with": compared_with(result),
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
