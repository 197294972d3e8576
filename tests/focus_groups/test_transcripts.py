"""Importing a typed-up transcript into a focus group record."""

import io
import time
import zipfile

import docx
import pytest
from bs4 import BeautifulSoup

from healthcheck.focus_groups import records
from healthcheck.models import FocusGroup
from tests.support.factories import make_cycle


@pytest.fixture
def group(app, db, facilitator):
    return records.create_focus_group(make_cycle(), facilitator)


def upload(client, group_id, filename, data):
    return client.post(
        f"/focus-groups/{group_id}/import",
        data={"transcript": (io.BytesIO(data), filename)},
        content_type="multipart/form-data",
    )


def transcript_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Focus group transcript, typed up after the session.")
    document.add_heading("Q1", level=2)
    document.add_paragraph("People said allocation is fairer since the weekly meeting.")
    document.add_heading("Question 7: tools", level=2)
    document.add_paragraph("Pool cars are hard to book.")
    document.add_paragraph("Translators take a week to arrange.")
    document.add_heading(
        "Tell me about your experiences of supervision.", level=2
    )  # Q13, by its words
    document.add_paragraph("Monthly, but the reflective part gets squeezed.")
    document.add_heading("Supervision and appraisal", level=1)  # a discussion topic
    document.add_paragraph("Appraisal felt like a tick box to some.")
    document.add_heading("Key quotes", level=1)
    document.add_paragraph('"Supervision is the one hour I get to think."')
    document.add_heading("Anything else", level=1)  # not a question: general notes
    document.add_paragraph("Room was too warm.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def notes_of(db, group_id):
    db.session.expire_all()
    return db.session.get(FocusGroup, group_id)


def test_docx_with_question_headings_imports_into_the_right_questions(
    facilitator_client, db, group
):
    response = upload(facilitator_client, group.id, "transcript.docx", transcript_docx())
    assert response.status_code == 302
    saved = notes_of(db, group.id)
    notes = saved.note_texts()
    assert notes["Q1"] == "People said allocation is fairer since the weekly meeting."
    assert "Pool cars" in notes["Q7"] and "Translators" in notes["Q7"]
    assert notes["Q13"] == "Monthly, but the reflective part gets squeezed."
    assert notes["topic.supervision"] == "Appraisal felt like a tick box to some."
    assert "one hour I get to think" in saved.key_quotes
    assert "Focus group transcript" in notes["general"]
    assert "Room was too warm" in notes["general"] or "Room was too warm" in saved.key_quotes


def test_import_adds_to_existing_notes_without_replacing_them(facilitator_client, db, group):
    facilitator_client.post(
        f"/focus-groups/{group.id}/edit/workload",
        data={"version": "1", "note.Q1": "Typed before the import.", "action": "draft"},
    )
    upload(facilitator_client, group.id, "notes.txt", b"Q1\nFrom the transcript.\n")
    note = notes_of(db, group.id).note_texts()["Q1"]
    assert note.startswith("Typed before the import.") and note.endswith("From the transcript.")


def test_windows_text_file_imports(facilitator_client, db, group):
    data = "Question 2\nWe use a spreadsheet \u2013 it\u2019s fine.\n".encode("cp1252")
    assert upload(facilitator_client, group.id, "notes.txt", data).status_code == 302
    assert "spreadsheet" in notes_of(db, group.id).note_texts()["Q2"]


def test_utf8_bom_text_file_imports(facilitator_client, db, group):
    data = "\ufeffQ3\nYes, the senior practitioner.\n".encode("utf-8")
    assert upload(facilitator_client, group.id, "notes.txt", data).status_code == 302
    assert notes_of(db, group.id).note_texts()["Q3"] == "Yes, the senior practitioner."


def _zip_without_document() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a word document")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "filename, data, message",
    [
        ("transcript.docx", b"Q1\nplain text pretending to be Word", "not a Word document"),
        ("transcript.docx", _zip_without_document(), "not a Word document"),
        ("transcript.docx", b"PK\x03\x04" + b"\x00" * 200, "not a Word document"),
        ("notes.txt", b"Q1\x00\x00binary\x00", "not a text file"),
        ("notes.txt", b"", "empty"),
        ("notes.txt", b"Q1 " + b"x" * 5000, "smaller than 2MB"),  # limit lowered below
        ("notes.pdf", b"%PDF-1.7", ".txt or .docx"),
    ],
)
def test_bad_files_get_a_clear_message_and_nothing_is_imported(
    facilitator_client, db, group, filename, data, message, monkeypatch
):
    # A small limit for the test (werkzeug's test client leaks a temporary file for big uploads).
    monkeypatch.setattr("healthcheck.focus_groups.transcript.MAX_TRANSCRIPT_BYTES", 4000)
    before = notes_of(db, group.id).version
    response = upload(facilitator_client, group.id, filename, data)
    assert response.status_code == 400
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert message in page.find(class_="govuk-error-summary").get_text()
    saved = notes_of(db, group.id)
    assert saved.notes == [] and saved.version == before


def test_no_file_selected(facilitator_client, group):
    response = facilitator_client.post(f"/focus-groups/{group.id}/import", data={})
    assert response.status_code == 400
    assert "Select a transcript file" in response.get_data(as_text=True)


# --- bounded work (issue 18, defect 6) ---------------------------------------------------------


def _docx_with_body(body_xml: str) -> bytes:
    """A real .docx whose document.xml body is replaced by `body_xml` (highly compressible)."""
    original = zipfile.ZipFile(io.BytesIO(transcript_docx()))
    document = original.read("word/document.xml").decode()
    start = document.index("<w:body>") + len("<w:body>")
    end = document.index("<w:sectPr")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename == "word/document.xml":
                data = (document[:start] + body_xml + document[end:]).encode()
            out.writestr(item.filename, data)
    return buffer.getvalue()


def _paragraphs(count: int, text: str = "Said the same again.") -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" * count


def test_a_docx_that_unzips_huge_is_refused_at_once(facilitator_client, db, group):
    """121 KB uploaded, 25 MB of document.xml: refused before any XML is parsed."""
    data = _docx_with_body(_paragraphs(700_000))
    assert len(data) < 500_000
    started = time.monotonic()
    response = upload(facilitator_client, group.id, "transcript.docx", data)
    assert time.monotonic() - started < 5
    assert response.status_code == 400
    assert "too large once opened" in response.get_data(as_text=True)
    assert notes_of(db, group.id).notes == []


def test_a_docx_with_too_many_paragraphs_is_refused_quickly(facilitator_client, db, group):
    data = _docx_with_body(_paragraphs(40_000))
    started = time.monotonic()
    response = upload(facilitator_client, group.id, "transcript.docx", data)
    assert time.monotonic() - started < 5
    assert response.status_code == 400
    assert "more than 6,000 paragraphs" in response.get_data(as_text=True)
    assert notes_of(db, group.id).notes == []


def test_a_long_docx_within_the_bounds_is_read_in_seconds(facilitator_client, db, group):
    data = _docx_with_body(_paragraphs(4_000, "Short line."))
    started = time.monotonic()
    response = upload(facilitator_client, group.id, "transcript.docx", data)
    assert time.monotonic() - started < 5
    assert response.status_code == 302
    assert len(notes_of(db, group.id).note_texts()["general"]) == len("Short line.\n") * 4_000 - 1


@pytest.mark.parametrize("filename", ["notes.txt", "notes.docx"])
def test_an_import_obeys_the_note_length_limit(facilitator_client, db, group, filename):
    """An imported note longer than a typed one may be could never be saved again."""
    words = "Everyone spoke about caseloads at length. " * 1500  # 63,000 characters
    if filename == "notes.txt":
        data = f"Q1\n{words}\n".encode()
    else:
        data = _docx_with_body(_paragraphs(1, "Q1") + _paragraphs(1, words))
    response = upload(facilitator_client, group.id, filename, data)
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert "longer than 50,000 characters: Q1" in body
    assert notes_of(db, group.id).notes == []


def test_control_characters_in_a_transcript_are_removed_and_the_rest_kept(
    facilitator_client, db, group
):
    # XML 1.0 cannot even hold these characters (a .docx holding them does not parse): a .txt can.
    response = upload(facilitator_client, group.id, "notes.txt", b"Q1\nBell\x07 and esc\x1b kept\n")
    assert response.status_code == 302
    assert notes_of(db, group.id).note_texts()["Q1"] == "Bell and esc kept"
