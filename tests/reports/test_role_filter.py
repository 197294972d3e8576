"""The themes page's role filter: per-role respondent figures and quotes, never a small group.

A theme's figure for a role counts the distinct survey respondents of that role behind it (not
statements); it is shown only for MIN_GROUP_SIZE (5) or more with the rest of the theme 0 or 5
or more, and a quote is shown under a role filter only for a role with MIN_QUOTE_GROUP_SIZE (10)
or more respondents in the cycle.
"""

from collections import Counter

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from healthcheck.extensions import db
from healthcheck.models import Answer, Response
from healthcheck.reports import dashboard
from tests.reports.seeding import seed

CASELOADS = (
    "Caseloads are too high and we are understaffed",
    "Caseloads are too high and the team is understaffed",
    "Caseloads too high, understaffed",
)
IT = (
    "IT systems are slow and crash often",
    "The IT systems are slow and crash often",
    "IT systems slow, crash often",
)
# Caseloads: 12 social workers and 6 managers (both shown). IT: 10 social workers and 3 OT
# assistants (the OT assistants are too few, so the social workers' 10 would give them away:
# both withheld). Managers (6) are too few for quotes; OT assistants (3) are not offered at all.
PEOPLE = (
    [("social_worker", CASELOADS)] * 12
    + [("manager", CASELOADS)] * 6
    + [("social_worker", IT)] * 10
    + [("ot_assistant", IT)] * 3
)


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


@pytest.fixture
def role_cycle(app):
    cycle = seed(len(PEOPLE), "roles", about=lambda i: {"about_role": PEOPLE[i][0]})
    for response in db.session.scalars(select(Response).where(Response.cycle_id == cycle.id)):
        i = int(response.submission_key.rsplit("-", 1)[1])
        texts = PEOPLE[i][1]
        for answer in db.session.scalars(
            select(Answer).where(
                Answer.response_id == response.id, Answer.key.in_(("Q2", "Q1.comment"))
            )
        ):
            answer.value = texts[i % len(texts)]
    db.session.commit()
    return cycle


def _theme_with(result, word):
    themes = [
        t
        for t in dashboard.themes_list(result)
        if any(word in q["text"] for q in t.get("quotes") or ())
    ]
    assert len(themes) == 1, [t.get("quotes") for t in dashboard.themes_list(result)]
    return themes[0]


def test_the_stored_result_counts_respondents_by_role_without_small_groups(role_cycle):
    result = dashboard.analysis_for(role_cycle).result
    themes = result["themes"]
    assert [o["code"] for o in themes["role_options"]] == ["social_worker", "manager"]
    assert {o["code"]: o["quotes"] for o in themes["role_options"]} == {
        "social_worker": True,
        "manager": False,
    }
    caseloads, it = _theme_with(result, "Caseloads"), _theme_with(result, "IT systems")
    # respondents, not statements: each wrote two statements on the topic
    assert caseloads["respondents"] == 18 and caseloads["size"] >= 18
    assert caseloads["role_counts"] == {"social_worker": 12, "manager": 6}
    assert it["role_counts"] == {} and it["respondents"] == 13
    assert "role_withheld" not in it  # which roles wrote to it is not kept
    for theme in (caseloads, it):
        for quote in theme["quotes"]:
            assert quote["role"] == "social_worker"


def test_the_role_filter_on_the_themes_page(psw_client, role_cycle):
    result = dashboard.analysis_for(role_cycle).result
    caseloads, it = _theme_with(result, "Caseloads"), _theme_with(result, "IT systems")
    url = f"/reports/{role_cycle.id}/themes"

    page = soup(psw_client.get(url))
    select_ = page.select_one("select#filter-role[name=role]")
    assert select_ is not None
    options = [(o["value"], o.get_text(strip=True)) for o in select_.select("option")]
    assert options[0] == ("", "All roles")
    assert [v for v, _ in options[1:]] == ["social_worker", "manager"]  # not the 3 OT assistants
    assert not page.select('[data-field="role"]')

    page = soup(psw_client.get(url, query_string={"role": "social_worker"}))
    card = page.select_one(f"#theme-{caseloads['id']}")
    assert card.select_one('[data-field="role"]').get_text(strip=True) == "12"
    assert card.select(".app-quote")  # 22 social workers in the cycle: quotes may be shown
    # IT: 10 social workers beside 3 OT assistants, so withheld; and a theme with its figure
    # withheld is not listed at all, just like one nobody in the role wrote to
    assert page.select_one(f"#theme-{it['id']}") is None

    page = soup(psw_client.get(url, query_string={"role": "manager"}))
    card = page.select_one(f"#theme-{caseloads['id']}")
    assert card.select_one('[data-field="role"]').get_text(strip=True) == "6"
    assert page.select_one(f"#theme-{it['id']}") is None  # no manager wrote about IT
    assert not page.select(".app-quote")  # 6 managers: fewer than 10, no quote

    # a role that is not offered (3 OT assistants) or unknown is not silently dropped, which
    # would show every theme as if filtered: the page says so and lists no theme
    for role in ("ot_assistant", "no_such_role"):
        page = soup(psw_client.get(url, query_string={"role": role}))
        notice = page.select_one('[data-field="role-withheld"]')
        assert notice is not None and "govuk-inset-text" in notice["class"]
        assert "fewer than 5 survey respondents" in notice.get_text(" ", strip=True)
        assert not page.select(".govuk-summary-card")
        assert not page.select('[data-field="role"]')
        assert role not in page.get_text()


def test_quotes_under_a_role_filter_come_only_from_that_role(app):
    theme = {
        "id": "t1",
        "size": 30,
        "rows": 30,
        "respondents": 30,
        "role_counts": {"social_worker": 20, "manager": 10},
        "sources": {"survey": 30},
        "quotes": [
            {"text": "a", "source": "survey", "role": "social_worker"},
            {"text": "b", "source": "survey", "role": "manager"},
            {"text": "c", "source": "focus_group"},
        ],
    }
    view = dashboard.theme_view(theme, {"role": "manager"}, {"social_worker", "manager"})
    assert [q["text"] for q in view["quotes"]] == ["b"]
    assert view["parts"] == [{"key": "role", "value": "manager", "count": 10}]
    # the role has fewer than MIN_QUOTE_GROUP_SIZE respondents in the cycle: no quote
    view = dashboard.theme_view(theme, {"role": "manager"}, {"social_worker"})
    assert view["quotes"] == []
    assert Counter(q["text"] for q in dashboard.theme_view(theme, {})["quotes"]) == Counter("abc")


def test_a_merged_theme_withholds_its_role_figures(app):
    from analysis.theme_edits import apply_edits

    def theme(theme_id, keys, counts):
        return {
            "id": theme_id,
            "label": theme_id,
            "size": 20,
            "rows": 20,
            "sentiment": 0.0,
            "respondents": 20,
            "role_counts": counts,
            "quotes": [],
            "member_keys": keys,
        }

    stored = {
        "themes": [
            theme("t1", ["a", "b"], {"social_worker": 15, "manager": 5}),
            theme("t2", ["c", "d"], {"social_worker": 20}),
        ]
    }
    refs = [{"id": "t1", "keys": ["a", "b"]}, {"id": "t2", "keys": ["c", "d"]}]
    edit = {"id": 1, "kind": "merge", "payload": {"themes": refs, "label": "Both"}}
    merged = apply_edits(stored, [edit])["themes"][0]
    # one person may be in both themes: distinct respondents cannot be added up, so none shown
    assert merged["role_counts"] == {} and merged["respondents"] is None
    view = dashboard.theme_view(merged, {"role": "social_worker"})
    assert view["parts"] == [{"key": "role", "value": "social_worker", "count": None}]
    # so it is not listed under a role filter at all
    result = {"themes": {"themes": [merged]}}
    assert [t["id"] for t in dashboard.filter_themes(result, {})] == [merged["id"]]
    assert dashboard.filter_themes(result, {"role": "social_worker"}) == []
