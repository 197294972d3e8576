"""The start page, the information pages and the error pages."""

import pytest
from bs4 import BeautifulSoup

from healthcheck.demo import seed_demo
from tests.support.documents import soup


@pytest.mark.parametrize(
    "path, heading",
    [
        ("/", "The annual health check of our social care workforce"),
        ("/accessibility", "Accessibility statement for Health Check"),
        ("/privacy", "Privacy notice"),
        ("/cookies", "Cookies"),
    ],
)
def test_information_pages_render_with_the_service_layout(client, path, heading):
    response = client.get(path)
    assert response.status_code == 200
    page = soup(response)
    assert page.h1.get_text(strip=True) == heading
    assert page.find("a", class_="govuk-skip-link")["href"] == "#main-content"
    assert page.find("main", id="main-content") is not None
    footer_links = {a.get_text(strip=True) for a in page.select("footer a")}
    assert {"Accessibility statement", "Privacy notice", "Cookies"} <= footer_links
    assert "Health Check" in page.title.get_text()


def test_start_page_explains_the_five_areas_and_links_to_an_open_survey(app, client):
    seed_demo()
    page = soup(client.get("/"))
    text = page.get_text(" ", strip=True)
    for area in (
        "effective workload management",
        "proactive workflow management",
        "having the right tools to do the job",
        "a healthy workplace",
        "effective service delivery",
    ):
        assert area in text
    start = page.find("a", class_="govuk-button--start")
    assert start is not None and start["href"] == "/survey/demo-this-year"


def test_start_page_without_an_open_cycle_says_so(client):
    page = soup(client.get("/"))
    assert "There is no staff survey open at the moment" in page.get_text()
    assert page.find("a", class_="govuk-button--start") is None


def test_unknown_page_is_a_govuk_404(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    page = soup(response)
    assert page.h1.get_text(strip=True) == "Page not found"
    assert page.title.get_text().startswith("Page not found")


def test_an_unexpected_failure_is_a_govuk_500_without_a_traceback(app_factory):
    app = app_factory(PROPAGATE_EXCEPTIONS=False)

    from healthcheck.auth.access import public

    @public
    def fail():
        raise RuntimeError("secret internal detail")

    app.add_url_rule("/fail", "fail", fail)
    response = app.test_client().get("/fail")
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert "Sorry, there is a problem with the service" in body
    assert "secret internal detail" not in body
    assert "Traceback" not in body


def test_govuk_frontend_assets_are_served_locally(client):
    with client.get("/static/govuk/govuk-frontend.min.css") as css:
        assert css.status_code == 200 and b".govuk-" in css.data
        assert "/assets/fonts/" in css.get_data(as_text=True)
    with client.get("/assets/images/favicon.ico") as icon:
        assert icon.status_code == 200
    page = client.get("/").get_data(as_text=True)
    assert "https://" not in "".join(
        tag.get("src", "") + tag.get("href", "")
        for tag in BeautifulSoup(page, "html.parser").find_all(["script", "link"])
    )


def test_health_endpoint_checks_the_database(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}


def test_the_start_page_does_not_ask_a_signed_in_user_to_sign_in(client, psw_client):
    assert "to record focus groups" in client.get("/").get_data(as_text=True)
    page = psw_client.get("/").get_data(as_text=True)
    assert "You are signed in as" in page and "to record focus groups" not in page
