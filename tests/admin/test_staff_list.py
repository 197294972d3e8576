"""The administrator uploads the staff list: checked first, stored hashed, never shown, used
by redaction everywhere in the app."""

import io

from sqlalchemy import select

from analysis.redaction import find_identifiers, redact
from healthcheck.models import AuditEvent, StaffList
from healthcheck.staff_list import staff_names


def _upload(client, body: bytes, filename="staff.txt"):
    return client.post(
        "/admin/staff-list",
        data={"file": (io.BytesIO(body), filename)},
        content_type="multipart/form-data",
    )


def test_upload_is_stored_hashed_never_shown_and_used_by_redaction(admin_client, db):
    text = "the rota: quorndon covers it"
    assert find_identifiers(text, staff_names()) == []
    response = _upload(admin_client, "name\nXanthe Quorndon\nDeep Anand\n".encode())
    assert response.status_code == 302
    page = admin_client.get("/admin/staff-list").get_data(as_text=True)
    assert "2 names" in page and "Quorndon" not in page and "Xanthe" not in page
    row = db.session.scalar(select(StaffList))
    stored = f"{row.key} {row.hashes}".lower()
    assert "quorndon" not in stored and "xanthe" not in stored
    assert redact(text, staff_names()) == "the rota: [name] covers it"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.object_type == "staff_list"))
    assert event is not None and "Quorndon" not in (event.detail or "")


def test_a_new_upload_replaces_the_old_list(admin_client, db):
    _upload(admin_client, b"Xanthe Quorndon\n")
    _upload(admin_client, b"Zebedee Farquharson-Lyle\n")
    assert len(db.session.scalars(select(StaffList)).all()) == 1
    assert redact("quorndon covers", staff_names()) == "quorndon covers"
    assert redact("farquharson-lyle covers", staff_names()) == "[name] covers"


def test_bad_files_are_refused_with_a_reason(admin_client, db):
    cases = [
        (b"", "staff.txt", "The file is empty"),
        (b"Xanthe Quorndon", "staff.pdf", "must be a .txt or .csv file"),
        ("Zoë".encode("utf-16"), "staff.txt", "UTF-8"),
        (b"12345\n678\n", "staff.csv", "is not a name"),
        (b'{"not": "a csv"}' * 5, "staff.csv", "Line 1 is not a name"),
    ]
    for body, name, message in cases:
        response = _upload(admin_client, body, name)
        assert response.status_code == 200
        assert message in response.get_data(as_text=True)
        # The page title says "Error: " once (base.html adds it for a form with errors).
        title = response.get_data(as_text=True).split("<title>")[1].split("</title>")[0]
        assert title.strip().startswith("Error: Staff list"), title
        assert title.count("Error:") == 1, title
    assert db.session.scalar(select(StaffList)) is None


def test_only_administrators_upload(psw_client, facilitator_client):
    for client in (psw_client, facilitator_client):
        assert _upload(client, b"Xanthe Quorndon\n").status_code == 403


def test_a_file_too_large_in_shape_is_refused_and_nothing_saved(admin_client, db):
    """One value longer than Python's csv module reads (131,072 characters) was a 500."""
    cases = [
        (b"Xanthe Quorndon\n" + b"a" * 131_073 + b"\n", "Line 2: each value must be 1,000"),
        (b"Xanthe Quorndon\n" + b"b" * 5_000 + b"\n", "Line 2: each value must be 1,000"),
        (b"Deep Anand" + b"," * 99_999, "Line 1: the file must have 100 columns or fewer"),
        (b"Ann Bee\n" * 50_002, "The file has more than 50,000 names"),
    ]
    for body, message in cases:
        response = _upload(admin_client, body, "staff.csv")
        assert response.status_code == 200
        assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(StaffList)) is None
    assert db.session.scalar(select(AuditEvent)) is None
