"""Focus-group records: the form built from the instrument, saving, never losing notes,
two editors, identifying details, who may see what, the audit log and the demo."""

import pytest
from sqlalchemy import select

from healthcheck.focus_groups import records
from healthcheck.models import AuditEvent, Cycle, FocusGroup, NoteStash
from surveys import load_bundled
from tests.conftest import TEST_PASSWORD, sign_in_client
from tests.support.documents import soup
from tests.support.factories import make_cycle
from tests.support.sessions import expire_session


@pytest.fixture
def cycle(app, db):
    return make_cycle()


@pytest.fixture
def group(cycle, facilitator):
    return records.create_focus_group(cycle, facilitator)


def version_of(db, group_id):
    db.session.expire_all()
    return db.session.get(FocusGroup, group_id).version


def post_page(client, group_id, page, data, db=None, version=None, **extra):
    form = {"action": "draft", **data, **extra}
    if version is not None:
        form["version"] = str(version)
    return client.post(f"/focus-groups/{group_id}/edit/{page}", data=form)


# --- the form is the instrument -------------------------------------------------------------


def test_form_has_every_appendix5_question_by_area_and_every_topic(facilitator_client, group):
    instrument = load_bundled("appendix5", 1)
    seen = []
    for section in instrument.sections:
        if section.area is None:
            continue
        page = soup(facilitator_client.get(f"/focus-groups/{group.id}/edit/{section.id}"))
        assert page.h1.get_text(strip=True) == instrument.survey_title(section)  # one name
        for q in section.questions:
            assert page.find("textarea", attrs={"name": f"note.{q.id}"}) is not None, q.id
            assert q.text in page.get_text()
            seen.append(q.number)
        assert page.find("button", string=lambda s: s and "Save draft" in s) is not None
    assert [n for n in seen if n] == list(range(1, 23))
    topics = soup(facilitator_client.get(f"/focus-groups/{group.id}/edit/topics"))
    for topic in instrument.discussion_topics:
        assert topic.title in topics.get_text()
        assert topics.find("textarea", attrs={"name": f"note.topic.{topic.id}"}) is not None
    delivery = soup(facilitator_client.get(f"/focus-groups/{group.id}/edit/delivery"))
    assert delivery.find("input", attrs={"name": "score.Q16.p1"}) is not None
    assert delivery.find("input", attrs={"name": "score.Q17.p1"}) is not None
    for qid in ("Q18", "Q20", "Q21", "Q22"):
        for option in instrument.question(qid).options:
            assert delivery.find("input", attrs={"name": f"count.{qid}.{option.code}"}), qid
    for page_id in ("details", "topics", "summary"):
        page = soup(facilitator_client.get(f"/focus-groups/{group.id}/edit/{page_id}"))
        assert page.find("button", string=lambda s: s and "Save draft" in s) is not None


def test_facilitator_records_a_whole_focus_group(facilitator_client, db, group, facilitator):
    fid = group.id
    details = {
        "held_on-day": "12",
        "held_on-month": "2",
        "held_on-year": "2026",
        "team": "Locality North",
        "facilitators": str(facilitator.id),
        "participants": "6",
        "role.social_worker": "4",
        "role.manager": "2",
        "consent": "yes",
    }
    assert post_page(facilitator_client, fid, "details", details, version=1).status_code == 302
    notes = {
        "note.Q1": "Allocation fairer since the weekly meeting.",
        "note.overall_workload": "OK",
    }
    assert (
        post_page(
            facilitator_client, fid, "workload", notes, version=version_of(db, fid)
        ).status_code
        == 302
    )
    figures = {
        "score.Q16.p1": "8",
        "score.Q16.p2": "7",
        "score.Q17.p1": "9",
        "count.Q18.time_management": "3",
        "count.Q20.yes": "4",
        "count.Q20.no": "2",
        "note.Q16": "Most rated themselves highly.",
    }
    assert (
        post_page(
            facilitator_client, fid, "delivery", figures, version=version_of(db, fid)
        ).status_code
        == 302
    )
    assert (
        post_page(
            facilitator_client,
            fid,
            "topics",
            {"note.topic.supervision": "Monthly, mostly."},
            version=version_of(db, fid),
        ).status_code
        == 302
    )
    assert (
        post_page(
            facilitator_client,
            fid,
            "summary",
            {
                "key_quotes": '"Supervision is the one hour I get to think."',
                "summary": "Good session.",
            },
            version=version_of(db, fid),
            action="continue",
        ).location
        == f"/focus-groups/{fid}"
    )
    db.session.expire_all()
    saved = db.session.get(FocusGroup, fid)
    assert saved.held_on.isoformat() == "2026-02-12" and saved.team == "Locality North"
    assert saved.participants == 6 and saved.role_mix == {"social_worker": 4, "manager": 2}
    assert saved.consent_confirmed
    assert saved.note_texts()["Q1"] == notes["note.Q1"]
    assert saved.note_texts()["topic.supervision"] == "Monthly, mostly."
    figures_saved = saved.figure_values()
    assert figures_saved[("Q16", "p1")] == 8 and figures_saved[("Q20", "yes")] == 4
    assert "one hour" in saved.key_quotes and saved.summary == "Good session."
    view = soup(facilitator_client.get(f"/focus-groups/{fid}")).get_text(" ")
    assert "Allocation fairer" in view and "Scores: 8, 7" in view


def test_bad_numbers_are_explained_and_the_notes_beside_them_still_saved(
    facilitator_client, db, group
):
    response = post_page(
        facilitator_client,
        group.id,
        "delivery",
        {"score.Q16.p1": "11", "count.Q20.yes": "lots", "note.Q16": "Keep this note"},
        version=1,
    )
    assert response.status_code == 400
    summary = soup(response).find(class_="govuk-error-summary").get_text()
    assert "from 1 to 10" in summary and "whole number" in summary
    db.session.expire_all()
    assert db.session.get(FocusGroup, group.id).note_texts()["Q16"] == "Keep this note"


def test_autosave_saves_and_returns_the_new_version(facilitator_client, db, group):
    response = facilitator_client.post(
        f"/focus-groups/{group.id}/edit/workload/autosave",
        data={"version": "1", "note.Q2": "typed so far"},
    )
    assert response.status_code == 200 and response.json["saved"]
    assert response.json["version"] == 2
    db.session.expire_all()
    assert db.session.get(FocusGroup, group.id).note_texts()["Q2"] == "typed so far"


def test_autosave_says_when_the_notes_seem_to_name_someone(facilitator_client, db, group):
    response = facilitator_client.post(
        f"/focus-groups/{group.id}/edit/workload/autosave",
        data={"version": "1", "note.Q2": "Ring Mrs Jones on 07700 900123", "note.Q1": "busy"},
    )
    assert response.status_code == 200 and response.json["saved"]
    assert response.json["identifiers"] == ["note.Q2"]
    db.session.expire_all()  # kept as typed until the facilitator chooses (nothing is lost)
    assert "07700 900123" in db.session.get(FocusGroup, group.id).note_texts()["Q2"]


def test_a_post_without_some_fields_never_wipes_their_notes(facilitator_client, db, group):
    post_page(facilitator_client, group.id, "workload", {"note.Q1": "first"}, version=1)
    post_page(facilitator_client, group.id, "workload", {"note.Q2": "second"}, version=2)
    db.session.expire_all()
    assert db.session.get(FocusGroup, group.id).note_texts() == {"Q1": "first", "Q2": "second"}


# --- session expired while typing -----------------------------------------------------------


def _signed_in_with_form(app, user, group_id, page="workload"):
    """A browser signed in through the real sign-in form, with an edit page open (its token)."""
    client = app.test_client()
    if app.config.get("WTF_CSRF_ENABLED", True):
        sign_in_page = soup(client.get("/sign-in"))
        token = sign_in_page.find("input", attrs={"name": "csrf_token"})["value"]
    else:
        token = ""
    response = client.post(
        "/sign-in", data={"email": user.email, "password": TEST_PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302
    page = soup(client.get(f"/focus-groups/{group_id}/edit/{page}"))
    form = {i["name"]: i.get("value", "") for i in page.select("form#focus-group-form input")}
    return client, form


def test_notes_posted_after_the_session_ended_are_restored_after_signing_in(
    csrf_app, facilitator_user_in_csrf_app
):
    from healthcheck.extensions import db

    facilitator, group_id = facilitator_user_in_csrf_app
    client, form = _signed_in_with_form(csrf_app, facilitator, group_id)
    expire_session(csrf_app, client)  # the facilitator left the page open too long
    form.update({"note.Q1": "Every word of this must survive", "action": "draft"})
    response = client.post(f"/focus-groups/{group_id}/edit/workload", data=form)
    assert response.status_code == 302 and "/sign-in?stash=" in response.location
    page = soup(client.get(response.location))
    assert "your notes were kept" in page.get_text()
    token = page.find("input", attrs={"name": "csrf_token"})["value"]
    response = client.post(
        response.location,
        data={"email": facilitator.email, "password": TEST_PASSWORD, "csrf_token": token},
    )
    assert response.status_code == 302 and "/focus-groups/restore/" in response.location
    page = soup(client.get(response.location))
    assert "We kept the notes you were typing" in page.get_text()
    changes = [li.get_text(strip=True) for li in page.select(".app-restored-changes li")]
    assert changes == ["Notes: question 1"]  # what differs from the saved record
    textarea = page.find("textarea", attrs={"name": "note.Q1"})
    assert textarea.get_text() == "Every word of this must survive"
    db.session.expire_all()
    assert "Q1" not in db.session.get(FocusGroup, group_id).note_texts()  # not saved yet
    form = {i["name"]: i.get("value", "") for i in page.select("form#focus-group-form input")}
    form.update({"note.Q1": textarea.get_text(), "action": "draft"})
    saved = client.post(f"/focus-groups/{group_id}/edit/workload", data=form)
    assert saved.status_code == 302, saved.location
    assert saved.location.endswith("/edit/workload"), saved.location
    db.session.expire_all()
    assert db.session.get(FocusGroup, group_id).note_texts()["Q1"] == (
        "Every word of this must survive"
    )
    assert db.session.scalars(select(NoteStash)).all() == []  # used up once saved


@pytest.fixture
def facilitator_user_in_csrf_app(csrf_app):
    from tests.conftest import make_user

    facilitator = make_user("facilitator")
    cycle = make_cycle()
    return facilitator, records.create_focus_group(cycle, facilitator).id


# --- the stash cannot be made by anyone else (issue 18, defect 4) ---------------------------


@pytest.fixture(params=["sqlite", "postgresql"])
def stash_world(request, app_factory):
    """CSRF on, as in production, on both databases: a record with one facilitator, a
    colleague who is not on it, and a second facilitator who is."""
    from healthcheck.extensions import db
    from tests.conftest import make_user

    app = app_factory(request.param, WTF_CSRF_ENABLED=True)
    with app.app_context():
        author = make_user("facilitator", name="Author Person")
        outsider = make_user("facilitator", name="Outsider Person")
        group = records.create_focus_group(make_cycle(), author)
        yield app, db, author, outsider, group.id


def _stashes(db):
    db.session.expire_all()
    return db.session.scalars(select(NoteStash)).all()


def test_a_signed_out_post_stores_nothing_and_adds_nobody(stash_world):
    """The red team's route: an anonymous post naming facilitators, sent on as a sign-in link."""
    app, db, author, outsider, group_id = stash_world
    anonymous = app.test_client()
    for data in (
        {"facilitators": [str(author.id), str(outsider.id)], "version": "1"},
        {"note.Q1": "x" * 1000, "version": "1", "csrf_token": "forged"},
    ):
        for page in ("details", "workload"):
            response = anonymous.post(f"/focus-groups/{group_id}/edit/{page}", data=data)
            assert response.status_code == 302
            assert response.location == "/sign-in"  # no stash link to send anyone
    assert _stashes(db) == []


def test_only_the_records_own_facilitator_with_their_own_token_can_keep_a_form(stash_world):
    app, db, author, outsider, group_id = stash_world
    # A colleague not on the record, whose own session expired: nothing is kept.
    other, form = _signed_in_with_form(app, outsider, group_id)
    expire_session(app, other)
    form.update({"note.Q1": "not mine to keep", "version": "1"})
    assert other.post(f"/focus-groups/{group_id}/edit/workload", data=form).location == ("/sign-in")
    # The author's expired session, but a token from another session: nothing is kept.
    client, form = _signed_in_with_form(app, author, group_id)
    _, foreign = _signed_in_with_form(app, author, group_id)
    expire_session(app, client)
    form.update({"note.Q1": "forged", "csrf_token": foreign["csrf_token"]})
    assert client.post(f"/focus-groups/{group_id}/edit/workload", data=form).location == (
        "/sign-in"
    )
    # Signed out on purpose (the token was rotated): nothing is kept either.
    client, form = _signed_in_with_form(app, author, group_id)
    cookie = client.get_cookie("healthcheck_session").value
    accounts_end = __import__("healthcheck.auth.accounts", fromlist=["end_sessions"])
    accounts_end.end_sessions(author)
    client.set_cookie("healthcheck_session", cookie)
    expire_session(app, client)
    form.update({"note.Q1": "after sign-out"})
    assert client.post(f"/focus-groups/{group_id}/edit/workload", data=form).location == (
        "/sign-in"
    )
    assert _stashes(db) == []


def test_a_stash_never_adds_people_and_only_its_author_sees_it(stash_world):
    app, db, author, outsider, group_id = stash_world
    client, form = _signed_in_with_form(app, author, group_id, page="details")
    expire_session(app, client)
    form.update({"facilitators": [str(author.id), str(outsider.id)], "team": "Kept team"})
    response = client.post(f"/focus-groups/{group_id}/edit/details", data=form)
    assert "/sign-in?stash=" in response.location
    stash_id = response.location.rpartition("stash=")[2]
    (kept,) = _stashes(db)
    assert kept.user_id == author.id and "facilitators" not in kept.fields
    # A co-facilitator added later still cannot open the author's stash.
    group = db.session.get(FocusGroup, group_id)
    group.facilitators.append(outsider)
    db.session.commit()
    other, _ = _signed_in_with_form(app, outsider, group_id)
    response = other.get(f"/focus-groups/restore/{stash_id}")
    assert response.status_code == 302 and b"Kept team" not in response.data
    group.facilitators.remove(outsider)
    db.session.commit()
    # The author restores it: the team is back, the facilitators are as saved (only the author).
    client, _ = _signed_in_with_form(app, author, group_id)
    page = soup(client.get(f"/focus-groups/restore/{stash_id}"))
    assert page.find("input", attrs={"name": "team"})["value"] == "Kept team"
    ticked = [i["value"] for i in page.select("input[name=facilitators][checked]")]
    assert ticked == [str(author.id)]
    form = {i["name"]: i.get("value", "") for i in page.select("form#focus-group-form input")}
    form.update({"facilitators": ticked, "action": "draft"})
    assert client.post(f"/focus-groups/{group_id}/edit/details", data=form).status_code == 302
    db.session.expire_all()
    saved = db.session.get(FocusGroup, group_id)
    assert [f.id for f in saved.facilitators] == [author.id] and saved.team == "Kept team"


def test_stashes_are_limited_in_size_and_number(stash_world):
    from healthcheck.focus_groups import stash

    app, db, author, outsider, group_id = stash_world
    client, form = _signed_in_with_form(app, author, group_id)
    expire_session(app, client)
    url = f"/focus-groups/{group_id}/edit/workload"
    too_big = dict(form, **{"note.Q1": "x" * (stash.STASH_MAX_CHARS + 1)})
    assert client.post(url, data=too_big).location == "/sign-in"
    assert _stashes(db) == []
    statuses = [
        client.post(url, data=dict(form, **{"note.Q1": f"v{n}"})).status_code for n in range(10)
    ]
    assert statuses == [302] * 9 + [429]  # ten a minute per facilitator (one went on too_big)
    (kept,) = _stashes(db)  # each replaced the author's earlier stash of the same page
    assert kept.fields["note.Q1"] == "v8"


def test_an_expired_post_is_kept_with_csrf_checks_off_too(app, client, db, group, facilitator):
    """The test settings turn CSRF checks off: the expired session alone is the proof."""
    client, form = _signed_in_with_form(app, facilitator, group.id)
    expire_session(app, client)
    form.update({"note.Q4": "kept"})
    response = client.post(f"/focus-groups/{group.id}/edit/workload", data=form)
    assert "/sign-in?stash=" in response.location
    assert _stashes(db)[0].fields["note.Q4"] == "kept"


def test_autosave_after_the_session_ended_says_so(client, group):
    response = client.post(
        f"/focus-groups/{group.id}/edit/workload/autosave", data={"version": "1"}
    )
    assert response.status_code == 401 and response.json["signed_out"]


# --- two editors ----------------------------------------------------------------------------


def test_second_save_shows_both_versions_and_overwrites_nothing(
    app, db, group, facilitator, other_facilitator
):
    group.facilitators.append(other_facilitator)
    db.session.commit()
    first = sign_in_client(app.test_client(), facilitator)
    second = sign_in_client(app.test_client(), other_facilitator)
    # Both opened the page at version 1.
    assert (
        post_page(
            first, group.id, "workload", {"note.Q1": "First facilitator's notes"}, version=1
        ).status_code
        == 302
    )
    response = post_page(
        second, group.id, "workload", {"note.Q1": "Second facilitator's notes"}, version=1
    )
    assert response.status_code == 409
    page = soup(response)
    text = page.get_text(" ")
    assert "First facilitator's notes" in text and "Second facilitator's notes" in text
    assert "saved changes to this page while you were editing" in text
    db.session.expire_all()
    assert db.session.get(FocusGroup, group.id).note_texts()["Q1"] == "First facilitator's notes"
    # Keep both: nothing is lost.
    form = {
        i["name"]: i.get("value", "")
        for i in page.select("form#focus-group-form input[type=hidden]")
    }
    form.update(
        {"note.Q1": "Second facilitator's notes", "choice.note.Q1": "both", "action": "draft"}
    )
    assert second.post(f"/focus-groups/{group.id}/edit/workload", data=form).status_code == 302
    db.session.expire_all()
    merged = db.session.get(FocusGroup, group.id).note_texts()["Q1"]
    assert "First facilitator's notes" in merged and "Second facilitator's notes" in merged


def _the_form(client, group_id, page_id="workload"):
    """Every field of the page's form as the browser would post it, as loaded now."""
    page = soup(client.get(f"/focus-groups/{group_id}/edit/{page_id}"))
    form = {i["name"]: i.get("value", "") for i in page.select("form#focus-group-form input")}
    form.update({t["name"]: t.get_text() for t in page.select("form#focus-group-form textarea")})
    form.pop("action", None)
    return {**form, "action": "draft"}


def test_changes_to_different_fields_by_two_people_both_stand(
    app, db, group, facilitator, other_facilitator
):
    group.facilitators.append(other_facilitator)
    db.session.commit()
    first = sign_in_client(app.test_client(), facilitator)
    second = sign_in_client(app.test_client(), other_facilitator)
    form_one, form_two = _the_form(first, group.id), _the_form(second, group.id)
    assert form_one["base"] and form_one["version"] == "1"
    form_one["note.Q1"] = "allocation is by rota, said the group"
    saved = first.post(f"/focus-groups/{group.id}/edit/workload", data=form_one)
    assert saved.status_code == 302, " ".join(soup(saved).select_one("main").get_text(" ").split())
    # The second never touched Q1: its form still has it empty, which is not a change.
    form_two["note.Q2"] = "working late most weeks"
    response = second.post(f"/focus-groups/{group.id}/edit/workload", data=form_two)
    assert response.status_code == 302, soup(response).get_text(" ")[:300]
    db.session.expire_all()
    notes = db.session.get(FocusGroup, group.id).note_texts()
    assert notes["Q1"] == "allocation is by rota, said the group"
    assert notes["Q2"] == "working late most weeks"

    # Both change the same field: that one is compared, nothing is overwritten.
    form_one, form_two = _the_form(first, group.id), _the_form(second, group.id)
    form_one["note.Q2"] = "q2 rewritten by one"
    assert first.post(f"/focus-groups/{group.id}/edit/workload", data=form_one).status_code == 302
    form_two["note.Q2"] = "q2 rewritten by two"
    form_two["note.Q1"] = form_two["note.Q1"] + " (and more)"
    response = second.post(f"/focus-groups/{group.id}/edit/workload", data=form_two)
    assert response.status_code == 409
    compare = soup(response)
    assert compare.select("[name='choice.note.Q2']") and not compare.select(
        "[name='choice.note.Q1']"
    )
    db.session.expire_all()
    assert db.session.get(FocusGroup, group.id).note_texts()["Q2"] == "q2 rewritten by one"


def test_autosave_behind_someone_elses_change_asks_to_compare(
    app, db, group, facilitator, other_facilitator
):
    group.facilitators.append(other_facilitator)
    db.session.commit()
    first = sign_in_client(app.test_client(), facilitator)
    second = sign_in_client(app.test_client(), other_facilitator)
    form_one, form_two = _the_form(first, group.id), _the_form(second, group.id)
    form_one["note.Q1"] = "saved by one"
    assert first.post(f"/focus-groups/{group.id}/edit/workload", data=form_one).status_code == 302
    form_two["note.Q2"] = "typed by two"
    response = second.post(f"/focus-groups/{group.id}/edit/workload/autosave", data=form_two)
    assert response.status_code == 409  # the second's page does not show Q1's new text yet
    db.session.expire_all()
    assert db.session.get(FocusGroup, group.id).note_texts() == {"Q1": "saved by one"}
    # On its own page, autosave hands back the new base with the new version.
    form_one = _the_form(first, group.id)
    form_one["note.Q4"] = "more from one"
    saved = first.post(f"/focus-groups/{group.id}/edit/workload/autosave", data=form_one)
    assert saved.status_code == 200 and saved.json["base"] != form_one["base"]


def test_stale_autosave_never_overwrites(facilitator_client, db, group):
    post_page(facilitator_client, group.id, "workload", {"note.Q1": "newer"}, version=1)
    response = facilitator_client.post(
        f"/focus-groups/{group.id}/edit/workload/autosave",
        data={"version": "1", "note.Q1": "older"},
    )
    assert response.status_code == 409
    db.session.expire_all()
    assert db.session.get(FocusGroup, group.id).note_texts()["Q1"] == "newer"


# --- identifying details --------------------------------------------------------------------

IDENTIFYING = "Spoke with Sarah Jones (sarah.jones@example.org, 07700 900123) about case 123456."


def test_identifying_details_are_highlighted_before_saving(facilitator_client, db, group):
    response = post_page(
        facilitator_client, group.id, "workload", {"note.Q2": IDENTIFYING}, version=1
    )
    assert response.status_code == 200
    page = soup(response)
    marked = [m.contents[0] for m in page.select(".app-identifiers mark")]
    assert {"Sarah Jones", "sarah.jones@example.org", "07700 900123", "123456"} <= set(marked)
    db.session.expire_all()
    assert "Q2" not in db.session.get(FocusGroup, group.id).note_texts()


def test_identifying_details_are_redacted_in_one_click(facilitator_client, db, group):
    response = post_page(
        facilitator_client,
        group.id,
        "workload",
        {"note.Q2": IDENTIFYING},
        version=1,
        identifiers="redact",
        then="draft",
    )
    assert response.status_code == 302
    db.session.expire_all()
    saved = db.session.get(FocusGroup, group.id).note_texts()["Q2"]
    for detail in ("Sarah", "sarah.jones@example.org", "07700", "123456"):
        assert detail not in saved
    assert "[email]" in saved and "[phone]" in saved


def test_facilitator_can_keep_text_that_only_looks_identifying(facilitator_client, db, group):
    post_page(
        facilitator_client,
        group.id,
        "workload",
        {"note.Q2": IDENTIFYING},
        version=1,
        identifiers="keep",
        then="draft",
    )
    db.session.expire_all()
    assert db.session.get(FocusGroup, group.id).note_texts()["Q2"] == IDENTIFYING


# --- who sees what --------------------------------------------------------------------------


def test_facilitator_cannot_open_or_change_another_facilitators_notes(
    app, db, group, other_facilitator
):
    post_page(
        sign_in_client(app.test_client(), group.facilitators[0]),
        group.id,
        "workload",
        {"note.Q1": "Original"},
        version=1,
    )
    other = sign_in_client(app.test_client(), other_facilitator)
    fid = group.id
    assert other.get(f"/focus-groups/{fid}").status_code == 403
    assert other.get(f"/focus-groups/{fid}/edit/workload").status_code == 403
    assert post_page(other, fid, "workload", {"note.Q1": "Hijacked"}, version=2).status_code == 403
    assert (
        other.post(
            f"/focus-groups/{fid}/edit/workload/autosave",
            data={"version": "2", "note.Q1": "Hijacked"},
        ).status_code
        == 403
    )
    assert other.post(f"/focus-groups/{fid}/delete").status_code == 403
    assert other.post(f"/focus-groups/{fid}/import", data={}).status_code == 403
    listing = other.get("/focus-groups/").get_data(as_text=True)
    assert f'/focus-groups/{fid}"' not in listing
    db.session.expire_all()
    assert db.session.get(FocusGroup, fid).note_texts()["Q1"] == "Original"


def test_psw_reads_every_focus_group_with_personal_details_hidden(
    app, db, psw_client, group, facilitator
):
    post_page(
        sign_in_client(app.test_client(), facilitator),
        group.id,
        "workload",
        {"note.Q2": IDENTIFYING},
        version=1,
        identifiers="keep",
        then="draft",
    )
    assert str(group.id) in psw_client.get("/focus-groups/").get_data(as_text=True)
    text = soup(psw_client.get(f"/focus-groups/{group.id}")).get_text(" ")
    assert "[email]" in text and "sarah.jones@example.org" not in text
    assert psw_client.get(f"/focus-groups/{group.id}/edit/workload").status_code == 403
    export = psw_client.get("/focus-groups/export.csv")
    assert export.status_code == 200 and "sarah.jones" not in export.get_data(as_text=True)


# --- audit ----------------------------------------------------------------------------------


def test_create_change_export_and_delete_are_audited(
    app, db, facilitator_client, psw_client, cycle
):
    facilitator_client.post("/focus-groups/new", data={"cycle": str(cycle.id)})
    fid = db.session.scalars(select(FocusGroup.id).order_by(FocusGroup.id.desc())).first()
    post_page(facilitator_client, fid, "workload", {"note.Q1": "x"}, version=1)
    psw_client.get("/focus-groups/export.csv")
    facilitator_client.post(f"/focus-groups/{fid}/delete")
    db.session.expire_all()
    events = db.session.execute(
        select(AuditEvent.action, AuditEvent.object_id).where(
            AuditEvent.object_type == "focus_group"
        )
    ).all()
    actions = {a for a, o in events if o == str(fid)}
    assert {"created", "changed", "deleted"} <= actions
    assert any(a == "exported" for a, _ in events)
    assert db.session.get(FocusGroup, fid) is None


# --- demo -----------------------------------------------------------------------------------


def test_demo_has_focus_groups_for_both_cycles_and_is_idempotent(app, db):
    from healthcheck.demo import seed_demo

    seed_demo()
    seed_demo()
    counts = {}
    for group in db.session.scalars(select(FocusGroup)):
        counts[group.cycle.slug] = counts.get(group.cycle.slug, 0) + 1
        assert group.is_demo and "(demo)" in group.team
        assert group.facilitators and group.note_texts()
    assert counts == {"demo-last-year": 8, "demo-this-year": 2}
    last = db.session.scalars(
        select(FocusGroup).join(Cycle).where(Cycle.slug == "demo-last-year")
    ).first()
    keys = {q for q, _ in last.figure_values()}
    assert {"Q16", "Q17", "Q18", "Q20", "Q21", "Q22"} <= keys


def test_stale_token_while_signed_in_shows_the_notes_again_unsaved(csrf_app):
    from healthcheck.extensions import db
    from tests.conftest import make_user

    facilitator = make_user("facilitator")
    group_id = records.create_focus_group(make_cycle(), facilitator).id
    client = sign_in_client(csrf_app.test_client(), facilitator)
    response = client.post(
        f"/focus-groups/{group_id}/edit/workload",
        data={"version": "1", "note.Q1": "Not lost", "csrf_token": "forged", "action": "draft"},
    )
    assert response.status_code == 400
    page = soup(response)
    assert "have not been saved yet" in page.get_text()
    assert page.find("textarea", attrs={"name": "note.Q1"}).get_text() == "Not lost"
    db.session.expire_all()
    assert db.session.get(FocusGroup, group_id).note_texts() == {}
    assert db.session.scalars(select(NoteStash)).all() == []


# --- issue 13: uncommon names, the autosave warning, the audited override -------------------

UNCOMMON = "Brenda Thistlewood said Mr Okonkwo-Baptiste's daughter rang twice about the review."


def test_an_uncommon_name_is_warned_about_and_hidden_from_the_psw(
    app, db, facilitator_client, psw_client, group
):
    response = post_page(facilitator_client, group.id, "workload", {"note.Q2": UNCOMMON}, version=1)
    marked = " ".join(m.get_text() for m in soup(response).select(".app-identifiers mark"))
    assert "Thistlewood" in marked and "Okonkwo-Baptiste" in marked
    assert "Nothing on this page has been saved yet" in soup(response).get_text()
    post_page(
        facilitator_client,
        group.id,
        "workload",
        {"note.Q2": UNCOMMON},
        version=1,
        identifiers="keep",
        then="draft",
    )
    record = psw_client.get(f"/focus-groups/{group.id}").get_data(as_text=True)
    export = psw_client.get("/focus-groups/export.csv").get_data(as_text=True)
    for shown in (record, export):
        assert "Thistlewood" not in shown and "Okonkwo" not in shown and "Brenda" not in shown


def test_the_warning_says_when_autosave_already_stored_the_text(facilitator_client, db, group):
    saved = facilitator_client.post(
        f"/focus-groups/{group.id}/edit/workload/autosave",
        data={"version": "1", "note.Q2": UNCOMMON},
    )
    assert saved.status_code == 200
    response = post_page(facilitator_client, group.id, "workload", {"note.Q2": UNCOMMON}, version=2)
    text = soup(response).get_text(" ")
    assert "Nothing on this page has been saved yet" not in text
    assert "saved as a draft while you typed" in text
    db.session.expire_all()
    assert db.session.get(FocusGroup, group.id).note_texts()["Q2"] == UNCOMMON


def test_saving_as_typed_is_audited_without_the_text(facilitator_client, db, group):
    post_page(
        facilitator_client,
        group.id,
        "workload",
        {"note.Q2": UNCOMMON},
        version=1,
        identifiers="keep",
        then="draft",
    )
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "identifiers_kept")
    ).all()
    assert len(events) == 1 and events[0].object_id == str(group.id)
    assert "name" in events[0].detail and "Thistlewood" not in events[0].detail


def test_a_role_mix_larger_than_the_group_is_explained_and_not_saved(
    facilitator_client, db, group, facilitator
):
    response = post_page(
        facilitator_client,
        group.id,
        "details",
        {"participants": "3", "role.social_worker": "7", "role.manager": "1"},
        version=1,
    )
    assert response.status_code == 400
    summary = soup(response).find(class_="govuk-error-summary").get_text()
    assert "adds up to 8, more than the 3 participants" in summary
    page = soup(response)
    assert page.find("input", attrs={"name": "role.social_worker"})["value"] == "7"  # as typed
    db.session.expire_all()
    saved = db.session.get(FocusGroup, group.id)
    assert saved.participants == 3 and not saved.role_mix
    fits = post_page(
        facilitator_client,
        group.id,
        "details",
        {
            "participants": "8",
            "role.social_worker": "7",
            "role.manager": "1",
            "facilitators": str(facilitator.id),
        },
        version=version_of(db, group.id),
    )
    assert fits.status_code == 302
    db.session.expire_all()
    assert db.session.get(FocusGroup, group.id).role_mix == {"social_worker": 7, "manager": 1}


def test_a_group_is_complete_only_once_consent_is_confirmed(facilitator_client, db, group):
    refused = facilitator_client.post(f"/focus-groups/{group.id}/complete")
    assert refused.status_code == 400
    summary = soup(refused).find(class_="govuk-error-summary")
    assert "Confirm that participants gave their consent" in summary.get_text()
    assert summary.find("a")["href"].endswith("/edit/details#consent")
    db.session.expire_all()
    assert db.session.get(FocusGroup, group.id).status == "draft"
    post_page(facilitator_client, group.id, "details", {"consent": "yes"}, version=1)
    done = facilitator_client.post(f"/focus-groups/{group.id}/complete")
    assert done.status_code == 302
    db.session.expire_all()
    assert db.session.get(FocusGroup, group.id).status == "complete"
