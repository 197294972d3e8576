"""Signing in and out: argon2id hashes, password rules, rate limits (no lock-out), server-side
logout, idle timeout, and the accounts command."""

import time
from datetime import timedelta

import pytest
from sqlalchemy import select

from healthcheck.auth import accounts
from healthcheck.commands.users import users_group
from healthcheck.models import AuditEvent, User
from tests.conftest import TEST_PASSWORD, make_user
from tests.support.documents import soup


def sign_in(client, email, password=TEST_PASSWORD, **query):
    return client.post("/sign-in", query_string=query, data={"email": email, "password": password})


def test_stored_password_hashes_are_argon2id(app, facilitator, psw, admin_user):
    for user in (facilitator, psw, admin_user):
        assert user.password_hash.startswith("$argon2id$")
    made = accounts.create_user("new@example.org", "New Person", "psw", "a-long-unusual-phrase-9")
    assert made.password_hash.startswith("$argon2id$")
    assert "a-long-unusual-phrase-9" not in made.password_hash


@pytest.mark.parametrize(
    "password, problem",
    [
        ("short-pw-1", "12 characters or more"),
        ("password1234", "too common"),
        ("Qwertyuiop123", "too common"),
        ("aaaaaaaaaaaaaaaa", "too common"),
        ("newperson-is-my-password", "must not contain your name or email"),
    ],
)
def test_weak_passwords_are_refused(app, password, problem):
    assert problem in accounts.password_problem(password, "newperson@example.org", "New Person")


def test_common_password_list_ships_with_the_app():
    passwords = accounts.common_passwords()
    assert len(passwords) > 3000
    assert "password123" in passwords and "iloveyou" in passwords


def test_facilitator_signs_in_and_lands_on_their_focus_groups(app, client, facilitator):
    response = sign_in(client, facilitator.email.upper())
    assert response.status_code == 302
    assert response.location == "/focus-groups/"
    assert client.get("/focus-groups/").status_code == 200
    events = app.extensions["sqlalchemy"].session.scalars(select(AuditEvent.action)).all()
    assert "signed_in" in events


def test_sign_in_goes_back_to_the_page_asked_for_but_never_off_site(client, facilitator):
    assert sign_in(client, facilitator.email, next="/focus-groups/new").location == (
        "/focus-groups/new"
    )
    client.post("/sign-out")
    for bad in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        assert sign_in(client, facilitator.email, next=bad).location == "/focus-groups/"
        client.post("/sign-out")


def test_wrong_password_gets_one_message_that_gives_nothing_away(client, facilitator):
    wrong = soup(sign_in(client, facilitator.email, "not-the-password"))
    unknown = soup(sign_in(client, "nobody@example.org", "not-the-password"))
    for page in (wrong, unknown):
        assert "Enter a correct email address and password" in page.get_text()
        assert page.find(class_="govuk-error-summary") is not None
        assert page.title.get_text().startswith("Error:")


def _page_text(response):
    """What a person reads on the page (no tokens or nonces)."""
    main = soup(response).find("main")
    return main.get_text(" ", strip=True) if main is not None else ""


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_wrong_passwords_from_elsewhere_never_lock_the_owner_out(app_factory, backend):
    """Issue 18, defect 7: five wrong passwords used to lock the account for 15 minutes."""
    app = app_factory(backend)
    with app.app_context():
        owner = make_user("psw")
        attacker = app.test_client()
        statuses = [
            attacker.post(
                "/sign-in",
                data={"email": owner.email, "password": f"wrong-{n}"},
                environ_base={"REMOTE_ADDR": "192.0.2.66"},
            ).status_code
            for n in range(20)
        ]
        assert statuses[:5] == [200] * 5 and set(statuses[5:]) == {429}
        # The owner, at their own desk, in the same minute, on a browser never used before:
        response = app.test_client().post(
            "/sign-in",
            data={"email": owner.email, "password": TEST_PASSWORD},
            environ_base={"REMOTE_ADDR": "192.0.2.1"},
        )
        assert response.status_code == 302


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_known_and_unknown_accounts_get_the_same_answers(app_factory, backend):
    app = app_factory(backend)
    with app.app_context():
        real = make_user("facilitator")
        answers = {}
        for label, email, address in (
            ("real", real.email, "192.0.2.30"),
            ("unknown", "nobody-here@example.org", "192.0.2.31"),
        ):
            client = app.test_client()
            answers[label] = [
                (r.status_code, _page_text(r))
                for r in (
                    client.post(
                        "/sign-in",
                        data={"email": email, "password": f"wrong-password-{n}"},
                        environ_base={"REMOTE_ADDR": address},
                    )
                    for n in range(8)
                )
            ]
        assert answers["real"] == answers["unknown"]
        assert [status for status, _ in answers["real"]] == [200] * 5 + [429] * 3
        assert not any("locked" in text for _, text in answers["real"])


def test_guessing_from_many_addresses_leaves_the_owners_own_browser_working(app):
    owner = make_user("psw")
    own_browser = app.test_client()
    assert sign_in(own_browser, owner.email).status_code == 302
    own_browser.post("/sign-out")
    for n in range(12):  # one wrong guess each from twelve addresses: the account's budget
        app.test_client().post(
            "/sign-in",
            data={"email": owner.email, "password": "wrong-password"},
            environ_base={"REMOTE_ADDR": f"198.51.100.{n}"},
        )
    stranger = app.test_client().post(
        "/sign-in",
        data={"email": owner.email, "password": TEST_PASSWORD},
        environ_base={"REMOTE_ADDR": "203.0.113.5"},
    )
    assert stranger.status_code == 429  # a browser never used for this account waits a minute
    response = sign_in(own_browser, owner.email)
    assert response.status_code == 302  # the owner's own browser is still let in


def test_sign_in_attempts_are_rate_limited_per_address(client, facilitator):
    statuses = [
        sign_in(client, "nobody@example.org", "wrong-password").status_code for _ in range(8)
    ]
    assert statuses[0] == 200
    assert statuses[-1] == 429


def test_disabled_account_cannot_sign_in(client, db, facilitator):
    accounts.set_active(facilitator, False)
    assert sign_in(client, facilitator.email).status_code == 200


def test_session_cookie_replayed_after_sign_out_is_refused(client, facilitator):
    sign_in(client, facilitator.email)
    assert client.get("/focus-groups/").status_code == 200
    stolen = client.get_cookie("healthcheck_session").value
    response = client.post("/sign-out")
    assert response.location == "/signed-out"
    client.set_cookie("healthcheck_session", stolen)  # replay the old cookie
    response = client.get("/focus-groups/")
    assert response.status_code == 302 and response.location.startswith("/sign-in")


def test_password_reset_and_disabling_end_existing_sessions(app, db, facilitator, admin_user):
    client = app.test_client()
    sign_in(client, facilitator.email)
    accounts.reset_password(facilitator, "a-brand-new-long-phrase-7", by=admin_user)
    assert client.get("/focus-groups/").status_code == 302


def test_idle_session_expires_on_the_server(app, client, facilitator):
    app.permanent_session_lifetime = timedelta(seconds=1)
    sign_in(client, facilitator.email)
    assert client.get("/focus-groups/").status_code == 200
    time.sleep(2.1)
    response = client.get("/focus-groups/")
    assert response.status_code == 302 and "/sign-in" in response.location


def test_signed_in_pages_carry_the_timeout_warning_and_keep_alive_works(app, client, facilitator):
    sign_in(client, facilitator.email)
    page = soup(client.get("/focus-groups/"))
    panel = page.find(id="session-timeout")
    assert panel is not None and panel.has_attr("hidden")
    assert int(panel["data-lifetime"]) == 30 * 60
    assert "Stay signed in" in panel.get_text()
    response = client.post("/session/keep-alive")
    assert response.status_code == 200 and response.json["expires_in"] == 1800
    assert app.test_client().post("/session/keep-alive").status_code == 302


def test_timeout_page_says_you_were_signed_out(client):
    page = soup(client.get("/signed-out?reason=timeout"))
    assert page.h1.get_text(strip=True) == "You were signed out"


def test_users_create_command(app, db):
    runner = app.test_cli_runner()
    result = runner.invoke(
        users_group,
        args=[
            "create",
            "--role",
            "facilitator",
            "--email",
            "Cli@Example.org",
            "--name",
            "Cli Person",
            "--password",
            "a-long-cli-passphrase-3",
        ],
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User).where(User.email == "cli@example.org"))
    assert user.role == "facilitator" and user.password_hash.startswith("$argon2id$")
    weak = runner.invoke(
        users_group,
        args=[
            "create",
            "--role",
            "psw",
            "--email",
            "w@example.org",
            "--name",
            "W",
            "--password",
            "password1234",
        ],
    )
    assert weak.exit_code != 0 and "too common" in weak.output
    bad_role = runner.invoke(
        users_group,
        args=[
            "create",
            "--role",
            "king",
            "--email",
            "k@example.org",
            "--name",
            "K",
            "--password",
            "a-long-cli-passphrase-3",
        ],
    )
    assert bad_role.exit_code != 0


def test_signing_out_takes_a_post_from_the_button_not_a_link(client, facilitator):
    sign_in(client, facilitator.email)
    page = soup(client.get("/focus-groups/"))
    button = page.select_one("nav form[action='/sign-out'][method=post] button[type=submit]")
    assert button is not None and button.get_text(strip=True) == "Sign out"
    assert not page.select("a[href='/sign-out']")
    # A GET (a link or an image on another site) shows the button and signs nobody out.
    response = client.get("/sign-out")
    assert response.status_code == 200
    assert soup(response).select_one("main form[method=post] button").get_text(strip=True) == (
        "Sign out"
    )
    assert client.get("/focus-groups/").status_code == 200
    assert client.post("/sign-out").location == "/signed-out"
    assert client.get("/focus-groups/").status_code == 302
    assert client.get("/sign-out").location == "/sign-in"  # nothing to sign out of


def test_another_site_cannot_post_a_sign_out(csrf_app):
    facilitator = make_user("facilitator")
    client = csrf_app.test_client()
    page = soup(client.get("/sign-in"))
    token = page.select_one("input[name=csrf_token]")["value"]
    client.post(
        "/sign-in",
        data={"email": facilitator.email, "password": TEST_PASSWORD, "csrf_token": token},
    )
    assert client.get("/focus-groups/").status_code == 200
    refused = client.post("/sign-out")  # no CSRF token, as from another site's form
    assert refused.status_code == 400
    assert client.get("/focus-groups/").status_code == 200
    token = soup(client.get("/focus-groups/")).select_one("nav input[name=csrf_token]")["value"]
    assert client.post("/sign-out", data={"csrf_token": token}).location == "/signed-out"
    assert client.get("/focus-groups/").status_code == 302
