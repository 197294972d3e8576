"""The administrator's pages: add, disable and reset accounts; the audit log."""

from sqlalchemy import select

from healthcheck.models import AuditEvent, User
from tests.conftest import TEST_PASSWORD
from tests.support.documents import soup


def test_administrator_adds_an_account(admin_client, db):
    response = admin_client.post(
        "/admin/accounts/new",
        data={
            "name": "Nia Facilitator",
            "email": "nia@example.org",
            "role": "facilitator",
            "password": "a-long-temporary-phrase-5",
        },
    )
    assert response.status_code == 302
    user = db.session.scalar(select(User).where(User.email == "nia@example.org"))
    assert user.role == "facilitator" and user.password_hash.startswith("$argon2id$")
    page = soup(admin_client.get("/admin/"))
    assert "Nia Facilitator" in page.get_text()


def test_adding_an_account_with_a_common_password_shows_an_error(admin_client, db):
    response = admin_client.post(
        "/admin/accounts/new",
        data={"name": "X", "email": "x@example.org", "role": "psw", "password": "password1234"},
    )
    page = soup(response)
    assert "too common" in page.find(class_="govuk-error-summary").get_text()
    assert db.session.scalar(select(User).where(User.email == "x@example.org")) is None


def test_administrator_disables_and_reenables_an_account(app, admin_client, db, facilitator):
    other = app.test_client()
    other.post("/sign-in", data={"email": facilitator.email, "password": TEST_PASSWORD})
    assert other.get("/focus-groups/").status_code == 200
    assert admin_client.post(f"/admin/accounts/{facilitator.id}/disable").status_code == 302
    db.session.refresh(facilitator)
    assert not facilitator.active
    assert other.get("/focus-groups/").status_code == 302  # signed out at once
    admin_client.post(f"/admin/accounts/{facilitator.id}/enable")
    db.session.refresh(facilitator)
    assert facilitator.active


def test_administrator_resets_a_password_and_unlocks(admin_client, db, facilitator):
    facilitator.failed_sign_ins = 3
    db.session.commit()
    response = admin_client.post(
        f"/admin/accounts/{facilitator.id}/reset-password",
        data={"password": "another-long-phrase-11"},
    )
    assert response.status_code == 302
    db.session.refresh(facilitator)
    assert facilitator.failed_sign_ins == 0


def test_audit_log_shows_who_did_what(admin_client, db, facilitator, admin_user):
    admin_client.post(f"/admin/accounts/{facilitator.id}/disable")
    page = soup(admin_client.get("/admin/audit-log"))
    text = page.get_text(" ")
    assert "disabled" in text and admin_user.name in text
    actions = db.session.scalars(select(AuditEvent.action)).all()
    assert "disabled" in actions


def test_only_administrators_manage_accounts(psw_client, facilitator_client):
    for client in (psw_client, facilitator_client):
        assert client.get("/admin/").status_code == 403
        assert client.get("/admin/audit-log").status_code == 403
        assert client.post("/admin/accounts/new", data={}).status_code == 403


def test_the_service_navigation_marks_one_link_as_the_current_page(admin_client, db):
    for path, current in (("/admin/cycles", "Health checks"), ("/admin/", "Administration")):
        page = soup(admin_client.get(path))
        active = page.select(".govuk-service-navigation__item--active")
        assert [item.get_text(" ", strip=True) for item in active] == [current], path


def test_an_audit_log_page_past_the_databases_integers_is_not_found(admin_client):
    """The page's offset would not fit SQLite's INTEGER (an OverflowError, a 500)."""
    assert admin_client.get(f"/admin/audit-log?page={10**23}").status_code == 404
    assert admin_client.get("/admin/audit-log?page=2").status_code == 200
