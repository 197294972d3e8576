"""Trying to break anonymity: can the export, the response rate or the analysis reveal a
group of fewer than MIN_GROUP_SIZE respondents, directly or by subtraction?"""

import io

from analysis.responses import read_responses_csv
from healthcheck.results import get_analysis, response_rate
from healthcheck.results.export import write_export
from tests.support.factories import close_cycle

from .support import add_many, make_cycle, text_rows

# A team of 3, all managers with 20+ years: the people everyone can name.
SMALL = {
    "about_role": "manager",
    "about_team": "safeguarding",
    "about_service": "years_20_plus",
    "Q1": "very_unfairly",
    "overall_workload": "very_poor",
}
BIG = {
    "about_role": "social_worker",
    "about_team": "locality_north",
    "about_service": "years_2_5",
    "Q1": "fairly",
    "overall_workload": "good",
}
MID = {
    "about_role": "occupational_therapist",
    "about_team": "reablement_ot",
    "about_service": "years_5_10",
    "Q1": "neither",
    "overall_workload": "fair",
}


def _cycle():
    cycle = make_cycle(headcount={"manager": 3, "social_worker": 30, "occupational_therapist": 8})
    add_many(cycle, 3, SMALL)
    add_many(cycle, 12, BIG)
    add_many(cycle, 6, MID)
    return cycle


def test_export_cannot_single_out_a_small_group(app):
    cycle = close_cycle(_cycle())
    buffer = io.StringIO(newline="")
    write_export(cycle, buffer)
    rows = read_responses_csv(cycle.instrument, buffer.getvalue())
    assert len(rows) == 21
    # No row names the small team or its length of service, and the managers' role is gone.
    assert not any(r["about_team"] or r["about_service"] for r in rows)
    roles = [r["about_role"] for r in rows]
    assert "manager" not in roles
    # The withheld rows hide among at least MIN_GROUP_SIZE others with no role given.
    assert roles.count(None) >= 5
    # Every role that is shown has at least 5 rows.
    assert all(roles.count(role) >= 5 for role in set(roles) if role)


def _exported(cycle):
    buffer = io.StringIO(newline="")
    write_export(close_cycle(cycle), buffer)
    return read_responses_csv(cycle.instrument, buffer.getvalue())


def test_export_hides_the_not_stated_respondents_the_response_rate_page_withholds(each_db_app):
    """The demo's two "Prefer not to say" respondents, withheld on the page, could be picked
    out of the export with all their answers."""
    cycle = make_cycle(headcount={"social_worker": 30, "occupational_therapist": 12})
    add_many(cycle, 12, {**BIG, "Q2": "Busy."})
    add_many(cycle, 8, {**MID, "Q2": "Busy."})
    add_many(cycle, 2, {"about_role": "prefer_not_to_say", "Q1": "very_unfairly"})
    rate = {r["code"]: r for r in response_rate(cycle)["roles"]}
    assert rate["not_stated"]["suppressed"]
    shown_on_page = {code for code, r in rate.items() if not r["suppressed"]}

    rows = _exported(cycle)
    roles = [r["about_role"] for r in rows]
    assert "prefer_not_to_say" not in roles
    assert {r for r in roles if r} == shown_on_page - {"not_stated"}
    assert all(roles.count(role) >= 5 for role in set(roles))  # blank included
    # The two cannot be told from the others by their answers' shape either: every row with
    # a blank role is one of at least MIN_GROUP_SIZE.
    assert roles.count(None) >= 5


def test_export_keeps_free_text_only_where_the_pages_would_quote_it(each_db_app):
    """Occupational therapists (8 respondents) wrote comments: the pages never quote a group
    under 10, so the export must not hand their words out beside their role."""
    cycle = make_cycle(headcount={"social_worker": 30, "occupational_therapist": 12})
    add_many(cycle, 12, {**BIG, "Q2": "Caseloads are high in locality north."})
    add_many(cycle, 8, {**MID, "Q2": "The OT waiting list is long.", "Q1.comment": "Unfair."})
    rows = _exported(cycle)
    assert {r["about_role"] for r in rows} == {"social_worker", "occupational_therapist"}
    texts = [(r["about_role"], v) for r in rows for k, v in r.items() if k != "response_id"]
    assert ("social_worker", "Caseloads are high in locality north.") in texts
    assert not any("OT waiting" in (v or "") or v == "Unfair." for _, v in texts)


def test_export_of_a_cycle_below_the_minimum_has_no_rows(app):
    cycle = make_cycle()
    add_many(cycle, 4, {**BIG, "Q2": "Busy."})
    assert _exported(cycle) == []


def test_response_rate_cannot_reveal_the_small_role_by_subtraction(app):
    cycle = _cycle()
    rate = response_rate(cycle)
    roles = {r["code"]: r for r in rate["roles"]}
    assert roles["manager"]["responses"] is None and roles["manager"]["rate_pct"] is None
    hidden = rate["responses"] - sum(r["responses"] or 0 for r in rate["roles"])
    assert hidden == 0 or hidden >= 5


def test_scores_by_team_do_not_show_or_leak_the_small_team(app):
    cycle = _cycle()
    result = get_analysis(cycle).result
    teams = next(b for b in result["scores"]["breakdowns"] if b["id"] == "team")
    for area in teams["areas"]:
        overall = next(a for a in result["scores"]["areas"] if a["id"] == area["id"])
        shown = [g for g in area["groups"] if not g["suppressed"]]
        assert all(g["n"] >= 5 for g in shown)
        small = next(g for g in area["groups"] if g["code"] == "safeguarding")
        assert small["suppressed"] and small["score"] is None
        if overall["n"]:
            assert overall["n"] - sum(g["n"] for g in shown) in (0,) or (
                overall["n"] - sum(g["n"] for g in shown) >= 5
            )


def test_quotes_from_small_groups_are_not_shown(app):
    cycle = make_cycle()
    add_many(cycle, 12, {**BIG, "Q8": "The case management system is slow and crashes"})
    add_many(cycle, 3, {**SMALL, "Q8": "The case management system is slow, says the manager"})
    themes = get_analysis(cycle).result["themes"]
    quotes = [q["text"] for t in themes["themes"] + [themes["unclear"]] for q in t["quotes"]]
    assert quotes  # the big group's words can be quoted
    assert not any("says the manager" in q for q in quotes)


def test_the_same_answers_give_the_same_themes_whatever_the_response_ids(app):
    """Response ids are random, so rows come back in a different order in each database; the
    themes (and so which quotes are shown) must not depend on it."""
    from healthcheck.extensions import db
    from healthcheck.models import AnalysisResult, Response

    texts = (
        "The case management system is slow and crashes",
        "Caseloads are too high to do the work well",
        "Supervision is regular and helpful",
        "We need more time for reflective practice",
    )
    answers = [{**BIG, "Q8": texts[i % 4], "Q2": texts[(i + 1) % 4]} for i in range(24)]

    def themes_of(slug):
        cycle = make_cycle(slug=slug, headcount={"social_worker": 30})
        for answer in answers:
            add_many(cycle, 1, answer)
        result = get_analysis(cycle).result["themes"]
        return [
            (t["label"], t["size"], sorted(q["text"] for q in t["quotes"]))
            for t in result["themes"]
        ]

    first = themes_of("first")
    # the same answers again, stored under fresh random ids (a different row order)
    for _ in range(3):
        db.session.execute(db.delete(AnalysisResult))
        db.session.execute(db.delete(Response))
        db.session.commit()
        assert themes_of(f"again-{_}") == first


def test_last_years_figure_beside_a_theme_is_withheld_for_a_few_people(app):
    from collections import Counter

    from healthcheck.reports.theme_pages import _people
    from healthcheck.results.theme_results import compute_themes

    caseloads = "Caseloads are too high for the work we do, number {}"
    laptops = "The laptops are slow and crash during visits, number {}"
    now = text_rows(
        [caseloads.format(i) for i in range(12)] + [laptops.format(i) for i in range(12)]
    )
    before = text_rows(
        [caseloads.format(i) for i in range(12)] + [laptops.format(i) for i in range(3)]
    )
    sizes = {key: Counter({"x": 24}) for key in ("role", "team", "service")}
    result = compute_themes(
        now,
        [],
        sizes,
        24,
        min_quote_group=10,
        min_group=5,
        last_year={"survey_rows": before, "respondents": 15, "name": "Last year"},
    )
    by_word = {
        word: next(t for t in result["themes"] if word in " ".join(t["keywords"]).lower())
        for word in ("caseload", "laptop")
    }
    assert by_word["caseload"]["last_year"]["respondents"] == 12
    # 3 of last year's respondents wrote about laptops: withheld, and the page shows no change
    assert by_word["laptop"]["last_year"]["respondents"] is None
    assert _people(by_word["laptop"], 5)["last_year"] is None
    assert _people(by_word["caseload"], 5)["last_year"]["n"] == 12
    # this year's count of a theme is shown only from the minimum group size
    few = dict(by_word["laptop"], respondents=3)
    assert _people(few, 5) is None


# One person pasting one comment into many boxes; the same words from 5 different people.
PASTED = "The car park barrier at Riverside House is broken again every single morning"
VARIED = (
    "Caseloads are too high and we are understaffed",
    "Supervision is regular and helpful to my practice",
    "The IT systems are slow and crash during visits",
    "We need more time for reflective practice and training",
)


def _text_columns(limit):
    from surveys import load_bundled

    columns = []
    for question in load_bundled("appendix5", 1).questions:
        if question.area is None:
            continue
        if question.type == "text":
            columns.append(question.id)
        if question.comment is not None:
            columns.append(f"{question.id}.comment")
    assert len(columns) >= limit
    return columns[:limit]


def _pasted_cycle(pasted):
    """24 respondents writing about four topics, and ``pasted``: the comments of each of the
    others, {column: text}."""
    cycle = make_cycle(headcount={"social_worker": 60})
    for i in range(24):
        add_many(
            cycle,
            1,
            {**BIG, "Q2": f"{VARIED[i % 4]}, number {i}", "Q8": f"{VARIED[(i + 1) % 4]} ({i})"},
        )
    for answers in pasted:
        add_many(cycle, 1, {**BIG, **answers})
    return cycle


def _shown_everywhere(client, cycle):
    """The themes page, themes.csv and the XLSX Themes sheet, as text."""
    from openpyxl import load_workbook

    page = client.get(f"/reports/{cycle.id}/themes")
    assert page.status_code == 200
    csv_text = client.get(f"/reports/{cycle.id}/download/themes.csv").get_data(as_text=True)
    book = load_workbook(io.BytesIO(client.get(f"/reports/{cycle.id}/download/figures.xlsx").data))
    sheet = " ".join(str(c) for row in book["Themes"].iter_rows(values_only=True) for c in row if c)
    return page.get_data(as_text=True), csv_text, sheet


def _about_the_barrier(text):
    return "barrier" in text.lower() or "riverside" in text.lower()


def test_one_respondents_repeated_comment_makes_no_theme(psw_client):
    # one respondent pastes the same comment into 15 boxes
    cycle = _pasted_cycle([{column: PASTED for column in _text_columns(15)}])
    themes = get_analysis(cycle).result["themes"]
    # the pasted comment did make a cluster, and it was withheld: fewer than 5 writers
    assert themes["withheld"] >= 1
    for theme in themes["themes"]:
        assert not _about_the_barrier(" ".join([theme["label"], *theme["keywords"]]))
        assert theme["respondents"] >= 5
    page, csv_text, sheet = _shown_everywhere(psw_client, cycle)
    assert not _about_the_barrier(page)
    assert not _about_the_barrier(csv_text)
    assert not _about_the_barrier(sheet)
    assert "not shown because fewer than 5 people wrote" in page
    assert "Caseloads" in csv_text or "caseload" in csv_text.lower()  # the other themes stay


def test_five_respondents_writing_the_same_thing_make_a_theme(psw_client):
    # five respondents each write about the barrier, in their own words, in two boxes
    cycle = _pasted_cycle(
        [
            {
                "Q2": f"The car park barrier at Riverside House is broken again ({person})",
                "Q8": f"Car park barrier at Riverside House broken every morning, number {person}",
            }
            for person in range(5)
        ]
    )
    themes = get_analysis(cycle).result["themes"]
    barrier = [
        t for t in themes["themes"] if _about_the_barrier(" ".join([t["label"], *t["keywords"]]))
    ]
    assert len(barrier) == 1 and barrier[0]["respondents"] == 5
    page, csv_text, sheet = _shown_everywhere(psw_client, cycle)
    assert _about_the_barrier(page) and _about_the_barrier(csv_text) and _about_the_barrier(sheet)
