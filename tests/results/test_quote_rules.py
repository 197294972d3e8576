"""The quote rules in the app: one quote per respondent per theme, two per report, also after
the Principal Social Worker merges themes; the writer token never reaches a page."""

from collections import Counter

from analysis.theme_edits import apply_edits
from healthcheck.results.theme_results import compute_themes

PROLIFIC = [
    "Workload is far too high and caseloads keep growing every month",
    "Supervision is cancelled most months because of duty pressures",
    "The laptops are slow and the case recording system crashes daily",
    "Training courses are good but there is never time to attend them",
    "Parking near the office is impossible and mileage is paid late",
]
OTHERS = [
    "Caseloads are too high for the hours we have in the week",
    "Supervision happens but it is rushed and about cases only",
    "IT equipment is old and the recording system is slow",
    "Training is useful when I can get a place on a course",
    "Mileage claims take months and parking costs a lot",
]


def _rows():
    rows = [
        {
            "text": t,
            "question": "Q2",
            "area": "workload",
            "source": "survey",
            "response": 0,
            "role": "sw",
            "team": "t",
            "service": "s",
        }
        for t in PROLIFIC
    ]
    for i in range(30):
        rows.append(
            {
                "text": f"{OTHERS[i % 5]} (person {i})",
                "question": "Q2",
                "area": "workload",
                "source": "survey",
                "response": i + 1,
                "role": "sw",
                "team": "t",
                "service": "s",
            }
        )
    return rows


def test_one_respondent_supplies_at_most_two_quotes_to_the_report():
    rows = _rows()
    sizes = {"role": Counter(sw=31), "team": Counter(t=31), "service": Counter(s=31)}
    result = compute_themes(rows, [], sizes, 31, min_quote_group=10)
    quotes = [q for t in result["themes"] + [result["unclear"]] for q in t["quotes"]]
    assert sum(q["text"] in PROLIFIC for q in quotes) <= 2
    for theme in result["themes"]:
        writers = [q["by"] for q in theme["quotes"]]
        assert len(writers) == len(set(writers))


def test_a_merge_keeps_one_quote_per_writer():
    def theme(tid, quotes):
        return {
            "id": tid,
            "label": tid,
            "size": 2,
            "sentiment": 0.0,
            "keywords": [],
            "member_keys": [tid],
            "quotes": quotes,
            "areas": {},
            "questions": {},
            "sources": {},
            "sentiment_counts": {},
        }

    result = {
        "themes": [
            theme("t1", [{"text": "Caseloads are far too high", "by": "a"}]),
            theme(
                "t2",
                [
                    {"text": "Parking is impossible", "by": "a"},
                    {"text": "Training is good", "by": "b"},
                ],
            ),
        ],
        "unclear": {},
    }
    edits = [
        {
            "id": 1,
            "kind": "merge",
            "payload": {
                "themes": [
                    {"id": "t1", "label": "t1", "keys": ["t1"]},
                    {"id": "t2", "label": "t2", "keys": ["t2"]},
                ],
                "label": "Both",
            },
        }
    ]
    merged = apply_edits(result, edits)["themes"][0]
    assert [q["by"] for q in merged["quotes"]] == ["a", "b"]


def test_the_writer_token_is_not_in_what_pages_read(app):
    from healthcheck.results.analysis import _public

    stored = {
        "themes": {
            "themes": [
                {
                    "id": "t1",
                    "label": "x",
                    "size": 1,
                    "sentiment": 0,
                    "quotes": [{"text": "q", "by": "abc"}],
                }
            ],
            "unclear": {},
        }
    }
    public = _public(stored, cycle_id=999)
    assert "by" not in public["themes"]["themes"][0]["quotes"][0]
