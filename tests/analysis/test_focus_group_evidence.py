"""The focus-group quote rule: each condition on its own is enough to keep a quote out."""

from datetime import date

import pytest

from analysis.focus_group_evidence import attribution, focus_group_evidence, split_quotes

AREAS = {"Q1": "workload", "Q3": "tools"}
TOPICS = {"practice": "Practice", "psw": "The PSW"}


def group(**changes):
    base = {
        "participants": 7,
        "held_on": date(2026, 3, 4),
        "status": "complete",
        "consent": True,
        "key_quotes": "Q3: The laptops crash every afternoon\n“We cover for each other”",
        "summary": "Workload is the main worry.",
        "notes": {"Q1": "Caseloads too high.", "topic.practice": "Good peer support."},
    }
    return {**base, **changes}


def evidence(*groups, staff=()):
    return focus_group_evidence(list(groups), AREAS, TOPICS, staff_names=staff)


def test_a_safe_group_gives_attributed_quotes_notes_and_topics():
    out = evidence(group())
    assert [(q["text"], q["question"], q["area"]) for q in out["quotes"]] == [
        ("The laptops crash every afternoon", "Q3", "tools"),
        ("We cover for each other", None, None),
    ]
    assert {q["attribution"] for q in out["quotes"]} == {"Focus group, 7 participants, March 2026"}
    assert out["questions"]["Q1"][0]["text"] == "Caseloads too high."
    assert out["topics"] == [
        {
            "id": "practice",
            "title": "Practice",
            "notes": [
                {
                    "text": "Good peer support.",
                    "attribution": "Focus group, 7 participants, March 2026",
                }
            ],
        }
    ]
    assert "5 or more participants" in out["rule"]


@pytest.mark.parametrize(
    "changes",
    [
        {"participants": 4},  # names a group smaller than 5
        {"status": "draft"},  # the record is not complete
        {"consent": False},  # consent not confirmed
    ],
)
def test_an_unsafe_group_contributes_nothing(changes):
    out = evidence(group(**changes))
    assert out["quotes"] == [] and out["questions"] == {} and out["topics"] == []
    assert out["summaries"] == [] and out["groups_left_out"] == 1


def test_a_quote_with_a_personal_detail_is_left_out_not_changed():
    quotes = "Q1: Ring me on 07700 900123 about it\nAsk Priya Sharma, she knows\nAll fine here"
    out = evidence(group(key_quotes=quotes), staff=["Priya Sharma"])
    assert [q["text"] for q in out["quotes"]] == ["All fine here"]
    assert out["quotes_left_out"] == 2


def test_words_that_may_disclose_harm_stay_on_the_restricted_page():
    out = evidence(
        group(
            key_quotes="Q1: One member said she is bullied by a senior manager\nAll fine here",
            summary="Two people said they had been harassed by a colleague.",
            notes={"Q1": "Caseloads too high.", "Q3": "A carer was being abused at home."},
        )
    )
    assert [q["text"] for q in out["quotes"]] == ["All fine here"]
    assert out["quotes_left_out"] == 1
    assert out["summaries"] == []
    assert list(out["questions"]) == ["Q1"]


def test_only_marked_quotes_are_used():
    """Notes are never quoted as a participant's words: only the key quotes are."""
    out = evidence(group(key_quotes=""))
    assert out["quotes"] == [] and out["questions"]["Q1"]


def test_notes_are_redacted():
    out = evidence(group(notes={"Q1": "Email jo.bloggs@example.org for the rota"}))
    assert "jo.bloggs@example.org" not in out["questions"]["Q1"][0]["text"]


def test_attribution_never_names_the_team_or_day():
    assert attribution(6, date(2025, 9, 30)) == "Focus group, 6 participants, September 2025"
    assert split_quotes("- q2 - “Too many forms”\n\n") == [("Q2", "Too many forms")]


def test_the_floor_cannot_be_lowered():
    with pytest.raises(ValueError):
        focus_group_evidence([group()], AREAS, TOPICS, min_group=3)


def test_the_same_note_from_several_groups_is_shown_once_for_them_all():
    out = evidence(group(), group(participants=5, held_on=date(2026, 4, 1)))
    assert out["questions"]["Q1"] == [
        {
            "text": "Caseloads too high.",
            "attribution": "2 focus groups, 12 participants, March to April 2026",
        }
    ]
    # A key quote several groups marked alike is one quote too, not one per group.
    quotes = [(q["text"], q["question"], q["attribution"]) for q in out["quotes"]]
    assert quotes == [
        (
            "The laptops crash every afternoon",
            "Q3",
            "2 focus groups, 12 participants, March to April 2026",
        ),
        ("We cover for each other", None, "2 focus groups, 12 participants, March to April 2026"),
    ]


def test_only_complete_groups_count_in_the_published_totals():
    """Found in review: "22 took part in 3 focus groups" counted a draft record."""
    out = evidence(
        group(participants=7),
        group(participants=3),  # complete but small: counted, though its words are not used
        group(participants=12, status="draft"),
        group(participants=6, consent=False),
    )
    assert out["held"] == {"groups": 2, "participants": 10}
    assert out["groups_used"] == 1


def test_a_note_sentence_left_mostly_placeholders_is_left_out():
    note = "Ring Sam Jones at 4 Hill Street, Leeds LS1 4AB. Caseloads are too high in winter."
    out = evidence(
        group(
            notes={"Q1": note, "topic.practice": "Sam Jones, 4 Hill Street, Leeds LS1 4AB."},
            summary="Talk to Priya Shah at 12 Oak Road, York YO1 7HH.",
        ),
        staff=("Sam Jones", "Priya Shah"),
    )
    assert out["questions"]["Q1"][0]["text"] == "Caseloads are too high in winter."
    assert out["topics"] == [] and out["summaries"] == []  # nothing but placeholders left
