"""The themes page's "Since last year" figure a Principal Social Worker can check (issue 14,
review finding 4): it says in words where those respondents wrote last year (most, over a
third or a quarter or more of them under last year's theme X, or no theme matches it
closely), gives that theme's share on last year's page where it differs (and says which
took in more, where they differ by 5 points or more), whether the change could be chance,
and that it is provisional while this year's survey is open. Quote sources name the
question's short title (finding 13)."""

from __future__ import annotations

import re

from sqlalchemy import select

from healthcheck.extensions import db
from healthcheck.models import Cycle
from tests.support.documents import soup


def _cards(client, cycle):
    page = soup(client.get(f"/reports/{cycle.id}/themes"))
    return page.select(".govuk-summary-card")


def test_since_last_year_names_last_years_theme_and_says_how_sure(psw_client):
    from healthcheck.demo import seed_demo
    from healthcheck.results import get_analysis

    seed_demo()
    last, this = (
        db.session.scalar(select(Cycle).where(Cycle.slug == slug))
        for slug in ("demo-last-year", "demo-this-year")
    )
    own = {t["label"]: t for t in get_analysis(last, wait=600).result["themes"]["themes"]}
    result = get_analysis(this, wait=600).result
    assert this.status == "open"

    compared = 0
    for card in _cards(psw_client, this):
        field = card.select_one('[data-field="last-year"]')
        if field is None:
            continue
        text = " ".join(field.get_text(" ").split())
        assert "percentage point" in text or "No change" in text, text
        assert "comes from placing last year's answers in this year's themes" in text, text
        assert "Provisional: this year's survey is still open." in text, text
        if "No change" not in text:
            assert "(could be chance)" in text or "(a real change)" in text, text
        named = re.search(
            r"(Most|Over a third|A quarter or more) of those (\d+) wrote under last year's "
            r"theme “([^”]+)”",
            text,
        )
        if named is None:
            assert "None of last year's themes matches it closely" in text, text
            continue
        compared += 1
        many, n, label = named.groups()
        assert label in own, label  # a theme last year's page shows
        mine = re.search(r"(?:from|No change:) (\d+)% \((\d+) of \d+\) in ", text)
        assert mine.group(2) == n, text  # "those N" are the N last year's figure counts
        mine = mine.group(1)
        then = own[label]
        then_pct = round(100 * then["respondents"] / then["respondents_of"])
        if then_pct != int(mine):
            # the figure a reader can check against last year's page
            assert (
                f"“{label}”, which had {then_pct}% ({then['respondents']} of "
                f"{then['respondents_of']}) on last year's themes page" in text
            ), text
            if then_pct - int(mine) >= 5:
                assert "it took in more than this theme does" in text, text
            elif int(mine) - then_pct >= 5:
                assert "this theme takes in more than it did" in text, text
            else:
                assert "took in more" not in text and "takes in more" not in text, text
    assert compared >= len(result["themes"]["themes"]) // 2

    # Quote sources name the question's short title, never "Survey, Q2".
    titles = result["themes"]["question_titles"]
    sources = [
        " ".join(p.get_text(" ").split())
        for p in soup(psw_client.get(f"/reports/{this.id}/themes")).select(".app-quote__source")
    ]
    assert sources
    assert not [s for s in sources if re.search(r"\bQ\d+\b", s)], sources
    assert any(any(title in s for title in titles.values()) for s in sources), sources


def test_the_closed_years_themes_are_compared_with_the_year_before_its_own_themes(psw_client):
    """The demo analyses the year before first, so last year's page names the themes of the
    year before; where those were never analysed, no page says that none matches."""
    from healthcheck.demo import seed_demo
    from healthcheck.reports.theme_pages import _people

    seed_demo()
    last = db.session.scalar(select(Cycle).where(Cycle.slug == "demo-last-year"))
    texts = [
        " ".join(card.select_one('[data-field="last-year"]').get_text(" ").split())
        for card in _cards(psw_client, last)
        if card.select_one('[data-field="last-year"]') is not None
    ]
    named = [t for t in texts if "wrote under last year's theme" in t]
    assert texts and len(named) >= len(texts) // 2, texts

    theme = {
        "respondents": 40,
        "respondents_of": 100,
        "last_year": {"respondents": 30, "of": 90, "name": "2024", "theme": None},
    }
    assert _people(theme, 10)["last_year"]["compared"] is True  # stored before the field
    theme["last_year"]["compared"] = False
    assert _people(theme, 10)["last_year"]["compared"] is False
