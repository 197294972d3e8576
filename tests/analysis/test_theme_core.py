"""The theme core (analysis.theme_analysis.fit_themes) that the command line and the app share:
a theme written by too few people is dropped before quotes are chosen, so it uses up no
writer's share of quotes (two per report)."""

from analysis.quotes import limit_quotes
from analysis.statements import make_statements
from analysis.theme_analysis import analyse_themes, fit_themes

from .theme_fixtures import TOPICS

PARKING = [
    "Parking at the office is impossible every morning",
    "There is never anywhere to park near the office",
    "Parking spaces are too few for the whole team",
    "I waste time looking for a parking space each day",
    "The car park is full by eight so parking is a nightmare",
]


def rows():
    """Three people write about parking (too few for a theme); "a" also writes about work."""
    out = [{"text": text, "respondent": who} for who in "abc" for text in PARKING]
    for i in range(12):
        who = "a" if i == 0 else f"p{i}"
        for topic in ("workload", "supervision", "it"):
            out.append({"text": TOPICS[topic][i % 5], "respondent": who})
    return out


def test_a_dropped_theme_uses_up_no_quotes():
    data = rows()
    writer = lambda row: data[row]["respondent"]  # noqa: E731
    fit = fit_themes(make_statements(data), writer_of=writer, min_writers=5)
    assert fit.withheld == 1
    assert not any("park" in t["label"].lower() for t in fit.themes)
    quoted = [writer(q["row"]) for t in fit.themes for q in t["quotes"]]
    assert quoted.count("a") == 2  # their full share, all in themes that are shown

    # Choosing quotes first and dropping the theme after would have spent one of a's two on
    # the parking theme that nobody sees.
    themes, unclear = fit.model.to_dicts(members=True)
    kept = {t["id"] for t in fit.themes}
    late = [
        t for t in limit_quotes(themes + [unclear], lambda q: writer(q["row"])) if t["id"] in kept
    ]
    assert [writer(q["row"]) for t in late for q in t["quotes"]].count("a") < 2


def test_the_command_line_core_drops_the_same_theme():
    result = analyse_themes(rows(), min_writers=5)
    assert result.withheld == 1 and "1 small theme not shown" in result.messages[-1]
    document = result.to_dict()
    assert document["withheld"] == 1
    ids = {t["id"] for t in document["themes"]}
    assert all(a is None or a in ids for a in document["assignments"])
    assert document["assignments"][: len(PARKING) * 3] == [None] * len(PARKING) * 3
    assert "withheld" not in analyse_themes(rows()).to_dict()
