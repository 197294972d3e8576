"""One area of the self-assessment as the PSW writes it: the area's page with short titles,
its themes ranked, its focus-group words, and what the analysis proposes as strengths,
improvements and evidence (healthcheck.reports.assessment_views; the snapshot freezes the
same for the report).

Figures come from the suppressed page data (healthcheck.reports.dashboard), so nothing here is
shown that the dashboard withholds; focus-group words come through
analysis.focus_group_evidence (its quote rule).
"""

from __future__ import annotations

from typing import Any

from analysis.evidence_text import first_staff_quote
from analysis.focus_group_evidence import focus_group_evidence
from analysis.organisation_metrics import status_word
from analysis.strengths import (
    SELF_RATED_NOTE,
    propose_for_area,
    says_not_applicable,
    theme_may_be_proposed,
    theme_may_be_strength,
)
from analysis.theme_mood import mood_side
from analysis.yoy import change_words

from ..models import Cycle
from ..templating import figure
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
        # The board reads each topic by its short title: the framework's own wording of
        # one ("Learning and development local authority and self-directed") reads garbled.
        {t.id: t.short_title for t in instrument.discussion_topics},
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
    """An evidence line: "“Access to IT”: score 26.7 out of 100, 2.1% favourable (332
    answers)"; a question on which staff rated themselves says so (see analysis.strengths: a
    training need, in their own view)."""
    label = f"“{_plain_label(item)}”"
    if item.get("self_rated"):
        label += f" ({SELF_RATED_NOTE})"
    return (
        f"{label}: score {item['score']} out of 100, {item['favourable_pct']}% favourable "
        f"({item['n']} answers)"
    )


def _plain_label(item: dict) -> str:
    """The short title without the instrument's "Overall: " prefix, capitalised."""
    label = short_label(item).removeprefix("Overall: ")
    return label[:1].upper() + label[1:]


def _survey_sentence(item: dict) -> str:
    """A question's figures as a line a PSW would keep in the report: "Survey: 14% of staff
    answered favourably on “Workload management” (score 36.1 out of 100, 330 answers)." The
    question's title is quoted, so its own wording ("you") reads as the question's."""
    label = _plain_label(item)
    own_view = f" ({SELF_RATED_NOTE})" if item.get("self_rated") else ""
    fav = item.get("favourable_pct")
    share = f"{fav:.0f}% of staff answered favourably on" if fav is not None else "Staff rated"
    return (
        f"Survey: {share} “{label}”{own_view} (score {item['score']} out of 100, "
        f"{item['n']} answers)."
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


def area_count(theme: dict) -> int | None:
    """How many of the theme's statements are about the page's area (None when withheld)."""
    part = next((p for p in theme.get("parts") or () if p["key"] == "area"), None)
    return part["count"] if part else None


def report_themes(themes: list[dict], count: int = THEMES_PER_AREA) -> list[dict]:
    """The ``count`` themes the report shows for an area: the first of ``rank_themes``, except
    that where none of them leans one way ("Mostly negative") and a later one does, it takes
    the place of the last that leans neither way, so a concern (or a strength) staff wrote
    about is not left out for a mixed theme with a few more statements on the area."""
    shown = list(themes[:count])
    for side in ("negative", "positive"):
        if any(mood_side(t["sentiment"]) == side for t in shown):
            continue
        later = next((t for t in themes[count:] if mood_side(t["sentiment"]) == side), None)
        neither = [i for i, t in enumerate(shown) if mood_side(t["sentiment"]) is None]
        if later is not None and neither:
            shown[neither[-1]] = later
    order = {id(t): i for i, t in enumerate(themes)}
    return sorted(shown, key=lambda t: order[id(t)])


def rank_themes(themes: list[dict]) -> list[dict]:
    """An area's themes in the order that speaks for the area: those with a quote about it
    first, then by how many of their statements are about it. (A theme counts in every area
    its statements touch; ranked by its whole size, one large theme led every area.)"""
    return sorted(themes, key=lambda t: (not t.get("quotes"), -(area_count(t) or 0)))


def area_view(cycle: Cycle, result: dict, area_id: str) -> dict | None:
    """One area as the self-assessment pages, the proposals and the report take it: the
    dashboard's suppressed area page, its questions named by short title (``label_items``)
    and its themes ranked for the area (``rank_themes``)."""
    page = data.area_page(result, area_id)
    if page is None:
        return None
    label_items(cycle, page)
    page["themes"] = rank_themes(page["themes"])
    _proposal_sides(cycle, result, page["themes"], area_id)
    return page


def _proposal_sides(cycle: Cycle, result: dict, themes: list[dict], area_id: str) -> None:
    """Give each theme the side on which it may be proposed for the area ("proposal_side"):
    its mood's side, None where it takes no side, where too little of it is about the area
    (analysis.strengths.theme_may_be_proposed) or, for a strength, where most of it answers
    self-rated questions (theme_may_be_strength). Whole counts are used for the rule only;
    pages show the suppressed ones."""
    raw = {t["id"]: t for t in (result.get("themes") or {}).get("themes") or ()}
    self_rated = {q.id for q in cycle.instrument.questions if q.self_rated}
    for theme in themes:
        whole = raw.get(theme["id"]) or {}
        side = mood_side(theme["sentiment"])
        if not theme_may_be_proposed(whole.get("size"), (whole.get("areas") or {}).get(area_id)):
            side = None
        elif side == "positive" and not theme_may_be_strength(
            whole.get("questions") or {}, self_rated
        ):
            side = None
        theme["proposal_side"] = side


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
    strengths = [_survey_sentence(i) for i in high]
    improvements = [_survey_sentence(i) for i in low]
    for theme in themes:
        side = theme.get("proposal_side")  # set by area_view
        line = f"Staff wrote about “{theme['label']}” ({theme['sentiment'].lower()})"
        quote = _best_quote(theme, side)
        line += f", for example: “{quote}”" if quote else "."
        if side == "positive":
            strengths.append(line)
        elif side == "negative":
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
            rationale += f" It is {moved} on {before} ({change_words(yoy.get('significant'))})."
    return {
        "rating": rag,
        "rationale": rationale,
        "strengths": strengths,
        "improvements": improvements,
        # The proposed questions, as evidence_options names them ("q:Q7.it").
        "evidence": [f"q:{i['id']}" for i in [*high, *low]],
    }


def _best_quote(theme: dict, side: str | None) -> str | None:
    """The quote a proposal sentence gives beside the theme's label, so that it says what
    staff said: the first the staff may read (no placeholders, not "Not applicable") whose
    own sentiment is on the proposal's side; None where no quote bears the sentence out.
    The area page's themes hold only quotes from the area's questions."""
    sign = {"positive": 1, "negative": -1}.get(side or "")
    if sign is None:
        return None
    return first_staff_quote(
        q["text"]
        for q in theme["quotes"]
        if not says_not_applicable(q["text"]) and (q.get("sentiment") or 0) * sign > 0
    )


def evidence_options(result: dict, page: dict, words: dict) -> list[dict]:
    """What the analysis shows for this area, each with a stable id to tick as evidence."""
    options = []
    for item in page["questions"]:
        if item.get("score") is not None:
            options.append({"id": f"q:{item['id']}", "kind": "Survey", "text": _figure_text(item)})
    for theme in page["themes"][: THEMES_PER_AREA * 2]:
        text = f"“{theme['label']}” ({theme['sentiment'].lower()})"
        # Evidence is what the board and staff read: a quote without placeholders, or none.
        quote = first_staff_quote(
            q["text"] for q in theme["quotes"] if not says_not_applicable(q["text"])
        )
        if quote:
            text += f": “{quote}”"
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
                "text": f"{metric['name']}: {figure(metric.get('value'))}"
                + (
                    f" against a target of {figure(metric['target'])}"
                    if metric.get("target")
                    else ""
                )
                + f" ({status_word(metric.get('status'))})",
            }
        )
    return options


# --- the snapshot ----------------------------------------------------------------------------


def compared_with(result: dict) -> str | None:
    """The name of the cycle this year's change is measured against, or None (no earlier
    health check with the same instrument)."""
    previous = (result.get("yoy") or {}).get("previous_cycle") or {}
    return previous.get("name")
