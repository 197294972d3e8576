"""The themes page names last year's own theme beside "Since last year" only where it is the
same subject: one that holds a third of the theme's respondents and of which the theme holds
a quarter or more, not a corner of a larger theme ("Wider organisation" was "compared with
last year's theme Supervision", which held some of its writers)."""

from collections import Counter

from analysis.statements import make_statements, statement_key
from healthcheck.results.theme_results import compute_themes, theme_inputs

from .support import text_rows

CASELOADS = "Caseloads are too high for the work we do, number {}"
LAPTOPS = "The laptops are slow and crash during visits, number {}"


def _themes(before, laptops_apart):
    """Last year's own themes page: one theme of everything, or laptops a theme apart."""
    keys = [statement_key(s.text) for s in make_statements(theme_inputs(before, []))]
    laptop = [k for k, row in zip(keys, before) if "laptops" in row["text"]]
    rest = [k for k in keys if k not in laptop]
    if not laptops_apart:
        return [{"label": "Workload", "keys": keys, "respondents": len(before), "of": 29}]
    return [
        {"label": "Workload", "keys": rest, "respondents": 24, "of": 29},
        {"label": "Laptops", "keys": laptop, "respondents": 5, "of": 29},
    ]


def _with_last_year(now, before, themes, min_group):
    """Themes of this year's ``now`` rows, beside last year's ``before`` rows and own
    ``themes``."""
    return compute_themes(
        now,
        [],
        {key: Counter({"x": len(now)}) for key in ("role", "team", "service")},
        len(now),
        min_quote_group=10,
        min_group=min_group,
        last_year={
            "survey_rows": before,
            "respondents": len(before),
            "name": "Last year",
            "themes": themes,
        },
    )


def _named(laptops_apart):
    now = text_rows(
        [CASELOADS.format(i) for i in range(12)] + [LAPTOPS.format(i) for i in range(12)]
    )
    before = text_rows(
        [CASELOADS.format(i) for i in range(24)] + [LAPTOPS.format(i) for i in range(5)]
    )
    result = _with_last_year(now, before, _themes(before, laptops_apart), min_group=5)
    return {
        word: (theme["last_year"]["theme"] or {}).get("label")
        for word in ("caseload", "laptop")
        for theme in result["themes"]
        if word in " ".join(theme["keywords"]).lower()
    }


def test_a_corner_of_a_larger_theme_last_year_is_not_named_as_the_same_subject(app):
    # Last year the 5 laptop writers were inside "Workload" (29 writers): all of the laptop
    # theme's last-year writers were in it, but they were a corner of it.
    named = _named(laptops_apart=False)
    assert named == {"caseload": "Workload", "laptop": None}


def test_a_theme_of_its_own_last_year_is_named(app):
    assert _named(laptops_apart=True) == {"caseload": "Workload", "laptop": "Laptops"}


def test_the_page_can_say_how_many_of_them_wrote_under_that_theme(app):
    # Last year's 10 laptop writers were under three of last year's own themes: 4 under
    # "Laptops", 3 each under two others. "Laptops" holds over a third of them, not most.
    now = text_rows([LAPTOPS.format(i) for i in range(12)])
    before = text_rows([LAPTOPS.format(i) for i in range(10)])
    keys = [statement_key(s.text) for s in make_statements(theme_inputs(before, []))]
    own = [("Laptops", keys[:4]), ("Kit", keys[4:7]), ("Devices", keys[7:])]

    def matched(themes):
        own_themes = [
            {"label": label, "keys": k, "respondents": len(k), "of": 10} for label, k in themes
        ]
        (theme,) = _with_last_year(now, before, own_themes, min_group=3)["themes"]
        return theme["last_year"]["theme"]

    assert {k: matched(own)[k] for k in ("label", "share")} == {
        "label": "Laptops",
        "share": "third",
    }
    own = [("Laptops", keys[:6]), ("Kit", keys[6:])]
    assert {k: matched(own)[k] for k in ("label", "share")} == {"label": "Laptops", "share": "most"}
    # Under a third of them, but all of last year's "Laptops": the same subject, grown.
    own = [("Laptops", keys[:3]), ("Kit", keys[3:6]), ("Devices", keys[6:8]), ("IT", keys[8:])]
    assert {k: matched(own)[k] for k in ("label", "share")} == {
        "label": "Laptops",
        "share": "quarter",
    }
