"""The report's themes for an area: the first ranked, but a theme that leans one way is not
left out for one that leans neither way."""

from __future__ import annotations

from healthcheck.reports.area_evidence import report_themes


def _themes(*moods):
    return [{"id": f"t{i}", "sentiment": mood} for i, mood in enumerate(moods)]


def test_a_concern_takes_the_place_of_the_last_mixed_theme():
    themes = _themes("Mostly positive", "Mixed", "Mixed", "Mostly negative", "Mostly negative")
    shown = [t["id"] for t in report_themes(themes, 3)]
    # The first concern comes in for the last mixed theme; the ranked order is kept.
    assert shown == ["t0", "t1", "t3"]


def test_the_ranked_themes_stay_where_both_sides_are_there_or_none_can_give_way():
    both = _themes("Mostly negative", "Mixed", "Mostly positive", "Mostly negative")
    assert [t["id"] for t in report_themes(both, 3)] == ["t0", "t1", "t2"]
    leaning = _themes("Mostly positive", "Mostly positive", "Mostly positive", "Mostly negative")
    assert [t["id"] for t in report_themes(leaning, 3)] == ["t0", "t1", "t2"]
    # A strength comes in as a concern does.
    mixed = _themes("Mostly negative", "Mostly neutral", "Mixed", "Mostly positive")
    assert [t["id"] for t in report_themes(mixed, 3)] == ["t0", "t1", "t3"]
    assert report_themes(_themes("Mixed"), 3) == _themes("Mixed")
