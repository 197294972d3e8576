"""NUL and other control characters, on SQLite and on PostgreSQL (which cannot store NUL).

They are removed at the edge (healthcheck/sanitise.py) from every form field, query value and
upload file name, the rest of what was sent is kept, and the next page says so; a path with
one is not found. Issue 18, defect 12: each of these gave a 500 on PostgreSQL.
"""

from bs4 import BeautifulSoup
from sqlalchemy import select

from healthcheck.extensions import db
from healthcheck.focus_groups import records
from healthcheck.models import Answer, FocusGroup
from healthcheck.sanitise import REMOVED_MESSAGE
from tests.conftest import make_user, sign_in_client
from tests.security.routes import make_cycle
from tests.support.documents import soup

NASTY = "before\x00after\x1b[31m\x07 end"
CLEANED = "beforeafter[31m end"


def test_a_survey_path_with_nul_is_not_found(each_db_app):
    client = each_db_app.test_client()
    for path in ("/survey/%00", "/survey/a%00b/start", "/survey/%1b"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "Page not found" in response.get_data(as_text=True)


def test_a_query_value_with_nul_is_cleaned(each_db_app):
    client = each_db_app.test_client()
    assert client.get("/sign-in?next=/focus-groups/%00").status_code == 200


def test_sign_in_with_nul_in_the_email_is_an_ordinary_wrong_answer(each_db_app):
    user = make_user("psw")
    client = each_db_app.test_client()
    response = client.post(
        "/sign-in", data={"email": user.email + "\x00", "password": "wrong-password-000"}
    )
    assert response.status_code == 200
    assert "Enter a correct email address and password" in response.get_data(as_text=True)


def test_a_survey_comment_with_nul_is_kept_without_it_and_can_be_sent(each_db_app):
    cycle = make_cycle(slug="hc-nul-survey")
    client = each_db_app.test_client()
    start = soup(client.get(f"/survey/{cycle.slug}"))
    url = start.select_one("a.govuk-button--start")["href"]
    typed, told = {}, []
    while "/check-answers" not in url:
        shown = client.get(url).get_data(as_text=True)
        told.append(REMOVED_MESSAGE in shown)
        form = BeautifulSoup(shown, "html.parser").select_one("main form")
        data = {"action": "continue"}
        for area in form.find_all("textarea"):
            data[area["name"]] = f"{NASTY} {area['name']}"
            typed[area["name"]] = f"{CLEANED} {area['name']}"
        for radio in form.find_all("input", type="radio"):
            data.setdefault(radio["name"], radio["value"])
        response = client.post(url, data=data)
        assert response.status_code == 303, response.get_data(as_text=True)[:300]
        url = response.headers["Location"]
    told.append(REMOVED_MESSAGE in client.get(url).get_data(as_text=True))
    # The page after a cleaned post says so (About you, first, has no free text to clean).
    assert told[0] is False and any(told[1:])
    response = client.post(url)
    assert response.status_code == 303  # sent: the person is never stuck with a bad draft
    stored = dict(db.session.execute(select(Answer.key, Answer.value)).all())
    assert typed and all(stored[key] == value for key, value in typed.items())


def test_a_focus_group_save_and_autosave_with_nul_keep_the_notes(each_db_app):
    facilitator = make_user("facilitator")
    cycle = make_cycle(slug="hc-nul-fg")
    group = records.create_focus_group(cycle, facilitator)
    client = sign_in_client(each_db_app.test_client(), facilitator)
    response = client.post(
        f"/focus-groups/{group.id}/edit/workload",
        data={"version": "1", "action": "draft", "note.Q1": NASTY, "note.Q2\x00": "x"},
    )
    assert response.status_code == 302
    page = client.get(response.location).get_data(as_text=True)
    assert REMOVED_MESSAGE in page
    db.session.expire_all()
    saved = db.session.get(FocusGroup, group.id)
    assert saved.note_texts()["Q1"] == CLEANED
    response = client.post(
        f"/focus-groups/{group.id}/edit/workload/autosave",
        data={"version": str(saved.version), "note.Q1": NASTY + " more"},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 200 and response.json["saved"]
    db.session.expire_all()
    assert db.session.get(FocusGroup, group.id).note_texts()["Q1"] == CLEANED + " more"


def test_an_upload_file_name_and_figures_with_nul_are_cleaned(each_db_app):
    import io

    psw = make_user("psw")
    cycle = make_cycle(slug="hc-nul-metrics")
    client = sign_in_client(each_db_app.test_client(), psw)
    csv_text = "name,value,area\nCaseload\x00 per worker\x07,18,workload\n"
    response = client.post(
        "/metrics/",
        data={
            "cycle": str(cycle.id),
            "file": (io.BytesIO(csv_text.encode()), "figures\x00.csv"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code < 500
    from healthcheck.models import Metric

    names = db.session.scalars(select(Metric.name)).all()
    assert names in ([], ["Caseload per worker"]), names
