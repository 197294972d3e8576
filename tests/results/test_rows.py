"""Rows read back from the database are what was stored, in the export format."""

from healthcheck.results import cycle_rows, focus_group_inputs, survey_text_rows

from .support import add_response, make_cycle


def test_cycle_rows_match_what_was_stored(app):
    cycle = make_cycle()
    other = make_cycle(slug="other")
    stored = {
        "Q1": "fairly",
        "Q1.comment": "Allocation is fair",
        "Q7.it": "not_adequate",
        "Q16": "8",
        "Q18": "time_management|communication_skills",
        "about_role": "social_worker",
    }
    first = add_response(cycle, stored)
    second = add_response(cycle, {"Q2": "Nothing"})
    add_response(other, {"Q1": "unfairly"})

    rows = cycle_rows(cycle)

    columns = list(cycle.instrument.columns())
    assert len(rows) == 2
    assert all(list(row) == columns for row in rows)
    by_id = {row["response_id"]: row for row in rows}
    assert {k: v for k, v in by_id[first.id].items() if v and k != "response_id"} == stored
    assert by_id[second.id]["Q2"] == "Nothing"
    assert by_id[second.id]["Q1"] == ""


def test_survey_text_rows_carry_question_area_and_respondent_groups(app):
    cycle = make_cycle()
    add_response(
        cycle,
        {
            "Q2": "I work late to catch up",
            "Q1": "fairly",
            "Q1.comment": "Fair enough",
            "about_role": "manager",
            "about_team": "prefer_not_to_say",
        },
    )
    texts = survey_text_rows(cycle, cycle.instrument)
    by_column = {t["column"]: t for t in texts}
    assert set(by_column) == {"Q2", "Q1.comment"}
    assert by_column["Q1.comment"]["question"] == "Q1"
    assert by_column["Q2"]["area"] == "workload"
    assert by_column["Q2"]["source"] == "survey"
    assert (by_column["Q2"]["role"], by_column["Q2"]["team"]) == ("manager", "not_stated")
    assert by_column["Q2"]["service"] == "not_stated"


def test_focus_group_inputs_with_no_focus_groups(app):
    cycle = make_cycle()
    assert focus_group_inputs(cycle) == {"groups": [], "notes": [], "fingerprint": []}


def test_focus_group_inputs_gives_figures_and_notes(app, db, facilitator):
    from healthcheck.models.focus_group import FocusGroup, FocusGroupFigure, FocusGroupNote

    cycle = make_cycle()
    group = FocusGroup(
        cycle_id=cycle.id,
        instrument_id="appendix5",
        instrument_version=1,
        team="Locality north",
        participants=6,
        key_quotes="We need more time\n",
        summary="Workload is the main worry.",
    )
    group.notes = [FocusGroupNote(key="Q1", text="Allocation is by numbers only")]
    group.figures = [
        FocusGroupFigure(question_id="Q16", item=f"p{i}", value=v)
        for i, v in enumerate([7, 8, 9, 6, 8, 7], start=1)
    ] + [FocusGroupFigure(question_id="Q20", item="yes", value=4)]
    db.session.add(group)
    db.session.commit()

    inputs = focus_group_inputs(cycle)

    (fg,) = inputs["groups"]
    assert fg["participants"] == 6
    assert sorted(fg["scores"]["Q16"]) == [6, 7, 7, 8, 8, 9]
    assert fg["counts"] == {"Q20": {"yes": 4}}
    texts = {(n["question"], n["text"]) for n in inputs["notes"]}
    assert ("Q1", "Allocation is by numbers only") in texts
    assert (None, "Workload is the main worry.") in texts
    assert all(
        n["source"] == "focus_group" and n["group"] == "Locality north" for n in inputs["notes"]
    )
    assert inputs["fingerprint"] == [[group.id, group.version]]
