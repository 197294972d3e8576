"""Storage keeps no order: a 100-respondent codes cycle, read from the SQLite files themselves.

Each respondent uses an access code, answers every page and sends, one after another, as in
the red-team run that found the write-ahead log listing "code 0, response 0, code 1, ...".
The files are then copied as they lie (the app still running) and read frame by frame and
cell by cell (tests/support/sqlite_files.py): before closing, for what must never be there
(a history of writes, deleted drafts, keys derived from them); after closing, for any trace of
the order in which rows were written. See healthcheck/survey/write_order.py.
"""

import copy
import hashlib
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from healthcheck.extensions import db
from healthcheck.models import AccessCode, Answer, Cycle, Response
from healthcheck.ratelimit import hashed_key
from healthcheck.survey import access_codes
from healthcheck.survey.cycles import close_cycle
from tests.support.factories import make_cycle
from tests.support.sqlite_files import (
    DatabaseFile,
    concordance,
    layout,
    rebuilt_from_content,
    root_pages,
    wal_frames,
)

from .conftest import FULL_ANSWERS, answer_every_page

RESPONDENTS = 100
SLUG = "hc-order"
SURVEY_TABLES = ("response", "answer", "access_code", "survey_draft", "rate_limit_bucket")


@pytest.fixture
def sqlite_app(app_factory):
    app = app_factory("sqlite")
    with app.app_context():
        yield app


def _files(app) -> tuple[Path, bytes, bytes]:
    """The main file and the log, copied as they are while the app keeps its connections."""
    path = Path(app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///"))
    wal = Path(f"{path}-wal")
    return path, path.read_bytes(), wal.read_bytes() if wal.exists() else b""


def _run_cycle(app):
    """Codes used and responses sent one after another; returns what the test knows."""
    cycle = make_cycle(slug=SLUG, access_mode="codes")
    _, codes = access_codes.generate(cycle, RESPONDENTS)
    cycle_id = cycle.id
    generated = _code_pages(app)
    serializer = app.session_interface.get_signing_serializer(app)
    drafts = []
    db.session.remove()
    for i, code in enumerate(codes):
        client = app.test_client()
        address = {"REMOTE_ADDR": f"10.1.{i // 200}.{i % 200 + 1}"}
        used = client.post(f"/survey/{SLUG}/access-code", data={"code": code}, environ_base=address)
        assert used.status_code == 303
        answers = copy.deepcopy(FULL_ANSWERS)
        answers["workload"]["Q2"] = f"Marker {i:03d}: I keep a list."
        answer_every_page(client, slug=SLUG, answers=answers)
        session = serializer.loads(client.get_cookie("healthcheck_session").value)
        drafts.append(next(iter(session["survey_drafts"].values())))
        sent = client.post(f"/survey/{SLUG}/check-answers")
        assert sent.headers["Location"].endswith("/confirmation")
    query = select(Answer.value, Answer.response_id).where(Answer.key == "Q2")
    markers = {value: response_id for value, response_id in db.session.execute(query)}
    in_order = [markers[f"Marker {i:03d}: I keep a list."] for i in range(RESPONDENTS)]
    used_codes = [access_codes.hash_code(code) for code in codes]
    # Using a code left no trace of when: the codes' pages are laid out as generated.
    assert _code_pages(app) == generated
    db.session.remove()
    return cycle_id, drafts, in_order, used_codes


def _code_pages(app) -> list:
    """Where each access-code row and index entry sits, page by page."""
    path, main, _ = _files(app)
    database = DatabaseFile(main)
    roots = root_pages(path, path.parent)
    return [
        (page.number, page.cell_offsets)
        for table, root in sorted(roots.values())
        if table == "access_code"
        for page in database.btree(root)
    ]


def _derived_from_drafts(app, cycle_id, drafts) -> dict[str, list[bytes]]:
    """What an attacker holding the draft ids (and SECRET_KEY) could compute and look for."""
    with app.test_request_context():
        return {
            "draft id": [d.encode() for d in drafts],
            "submission key": [
                hashlib.sha256(f"submission:{d}".encode()).hexdigest().encode() for d in drafts
            ],
            "rate-limit key": [
                hashed_key("survey-submit", key).encode()
                for d in drafts
                for key in (f"s:{ {str(cycle_id): d} }", f"s:{d}", d)
            ],
        }


def _first_frame_of(frames, ids: list[str]) -> dict[str, int]:
    first = {}
    for frame in frames:
        for ident in ids:
            if ident not in first and ident.encode() in frame.data:
                first[ident] = frame.index
    return first


def _assert_nothing_derivable(app, cycle_id, drafts, main: bytes, wal: bytes):
    for what, values in _derived_from_drafts(app, cycle_id, drafts).items():
        found = [v for v in values if v in main or v in wal]
        assert not found, f"{len(found)} {what}(s) recoverable from the files"
    keys = set(db.session.scalars(select(Response.submission_key)))
    derived = {v.decode() for v in _derived_from_drafts(app, cycle_id, drafts)["submission key"]}
    assert not keys & derived
    db.session.remove()


def _assert_layout_says_nothing(path, main, tmp_path, in_order, tables=SURVEY_TABLES):
    """Every page of the tables (rows and indexes) sits exactly where a rebuild from the same
    rows alone puts it, there are no free pages, and within pages the places of responses and
    answers say nothing about the order they were sent in."""
    database = DatabaseFile(main)
    assert database.freelist_pages == 0, "free pages can hold old page images"
    roots = root_pages(path, tmp_path)
    rebuilt = DatabaseFile(rebuilt_from_content(main, tmp_path))
    assert layout(database, roots, tables) == layout(rebuilt, roots, tables)
    arrival = {ident.encode(): n for n, ident in enumerate(in_order)}
    for table in ("response", "answer"):
        assert 0.3 < concordance(database, roots, table, arrival) < 0.7, table


def test_a_codes_cycle_leaves_no_order_and_no_link_in_the_sqlite_files(sqlite_app, tmp_path):
    app = sqlite_app
    cycle_id, drafts, in_order, used_codes = _run_cycle(app)
    path, main, wal = _files(app)

    # While the survey is open. The log is not a history: it holds the frames of one write at
    # most, so it cannot say which code was used before which response, or in what order
    # responses came.
    frames = wal_frames(wal)
    assert sum(f.commit for f in frames) <= 1, "the log keeps more than the latest write"
    first = _first_frame_of(frames, in_order)
    assert len(set(first.values())) <= 1, "responses appear in the log one after another"
    code_frames = set(_first_frame_of(frames, used_codes).values())
    assert not (code_frames and first), "code use and responses side by side in the log"
    # No deleted draft, and nothing computed from one, anywhere in the files.
    _assert_nothing_derivable(app, cycle_id, drafts, main, wal)
    # While open, where rows sit in their pages still depends on when they came (the
    # documented gap, closed by closing the cycle): the file is not yet what a rebuild from
    # its rows alone would be, so the check after closing is not an empty one.
    roots = root_pages(path, tmp_path)
    rebuilt = DatabaseFile(rebuilt_from_content(main, tmp_path))
    tables = ("response", "answer")
    assert layout(DatabaseFile(main), roots, tables) != layout(rebuilt, roots, tables)

    close_cycle(db.session.get(Cycle, cycle_id))
    db.session.remove()
    path, main, wal = _files(app)

    # After closing: the log is empty and every page of every survey table and index is laid
    # out in key order (random ids, code hashes), with no free pages.
    assert wal == b""
    _assert_layout_says_nothing(path, main, tmp_path, in_order)
    _assert_nothing_derivable(app, cycle_id, drafts, main, wal)
    stored = set(db.session.scalars(select(Response.id).where(Response.cycle_id == cycle_id)))
    assert stored == set(in_order)  # nothing lost
    used = db.session.scalars(select(AccessCode.used).where(AccessCode.cycle_id == cycle_id))
    assert all(used)


def test_the_session_never_carries_the_draft_id_into_a_stored_key(each_db_app):
    """On both databases: a response's keys are random, not derived from the draft."""
    make_cycle(slug=SLUG)
    client = each_db_app.test_client()
    answer_every_page(client, slug=SLUG)
    serializer = each_db_app.session_interface.get_signing_serializer(each_db_app)
    session = serializer.loads(client.get_cookie("healthcheck_session").value)
    draft = next(iter(session["survey_drafts"].values()))
    client.post(f"/survey/{SLUG}/check-answers")
    response = db.session.scalars(select(Response)).one()
    derived = hashlib.sha256(f"submission:{draft}".encode()).hexdigest()
    assert response.submission_key != derived and draft not in (
        response.id,
        response.submission_key,
    )
    assert re.fullmatch(r"[0-9a-f]{64}", response.submission_key)
