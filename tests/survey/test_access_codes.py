"""Single-use access codes: batches for printing, hashes only, refused on reuse, linked to
nothing."""

import csv
import threading

import pytest
import sqlalchemy as sa
from sqlalchemy import select

from healthcheck.commands.cycles import access_codes_group
from healthcheck.extensions import db
from healthcheck.models import AccessCode, Response
from healthcheck.survey import access_codes
from tests.support.documents import soup
from tests.support.factories import make_cycle

from .conftest import answer_every_page, database_bytes, section_url

SLUG = "hc-codes"


def enter(client, code):
    return client.post(f"/survey/{SLUG}/access-code", data={"code": code})


def error_of(response):
    return soup(response).find(class_="govuk-error-summary").find("a").get_text(strip=True)


def test_codes_are_made_in_batches_and_only_their_hashes_are_stored(app, codes_cycle):
    batch, codes = access_codes.generate(codes_cycle, 25)
    batch2, more = access_codes.generate(codes_cycle, 5)
    assert (batch, batch2) == (1, 2)
    assert len(set(codes + more)) == 30
    stored = set(db.session.scalars(select(AccessCode.code_hash)))
    assert stored == {access_codes.hash_code(c) for c in codes + more}
    raw = database_bytes(app)
    for code in codes + more:
        assert code.encode() not in raw and code.replace("-", "").encode() not in raw


def test_the_survey_asks_for_a_code_first_and_a_code_works_once(app, codes_cycle):
    _, (code,) = access_codes.generate(codes_cycle, 1)
    first = app.test_client()
    start = soup(first.get(f"/survey/{SLUG}"))
    assert start.find("a", class_="govuk-button--start")["href"] == f"/survey/{SLUG}/access-code"
    blocked = first.get(section_url(SLUG, "workload"))
    assert blocked.headers["Location"] == f"/survey/{SLUG}/access-code"

    unlocked = enter(first, code.lower().replace("-", " "))
    assert unlocked.headers["Location"] == section_url(SLUG, "about")
    answer_every_page(first, slug=SLUG)
    assert first.post(f"/survey/{SLUG}/check-answers").status_code == 303

    second = app.test_client()
    reused = enter(second, code)
    assert reused.status_code == 200
    assert error_of(reused) == "This access code has already been used. Each code works once"
    assert second.get(section_url(SLUG, "workload")).status_code == 303


@pytest.mark.parametrize(
    "code, message",
    [
        ("", "Enter your access code"),
        ("ZZZZ-ZZZZ-ZZZZ", "Enter the access code exactly as it appears on your letter"),
    ],
)
def test_an_empty_or_unknown_code_is_a_clear_error(client, codes_cycle, code, message):
    access_codes.generate(codes_cycle, 3)
    response = enter(client, code)
    assert response.status_code == 200
    assert error_of(response) == message


def test_a_code_for_another_cycle_does_not_work(client, codes_cycle):
    other = make_cycle(slug="elsewhere", access_mode="codes")
    _, (code,) = access_codes.generate(other, 1)
    assert error_of(enter(client, code)).startswith("Enter the access code exactly")


@pytest.fixture(params=["sqlite", "postgresql"])
def unlimited_app(request, app_factory):
    app = app_factory(request.param, RATELIMIT_ENABLED=False)
    with app.app_context():
        yield app


def test_a_code_entered_in_ten_browsers_at_once_unlocks_one(unlimited_app):
    cycle = make_cycle(slug=SLUG, access_mode="codes")
    _, (code,) = access_codes.generate(cycle, 1)
    db.session.remove()
    barrier = threading.Barrier(10)
    statuses = []

    def use(c):
        barrier.wait(timeout=30)
        statuses.append(enter(c, code).status_code)

    threads = [threading.Thread(target=use, args=(unlimited_app.test_client(),)) for _ in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(statuses) == [200] * 9 + [303]


def test_a_code_cannot_be_linked_to_the_response_it_unlocked(app, codes_cycle):
    """Used in its own committed transaction at code entry; no time; no shared column."""
    _, codes = access_codes.generate(codes_cycle, 3)
    cycle_id = codes_cycle.id
    browser = app.test_client()
    enter(browser, codes[1])
    # Already committed, before a single answer exists: a separate transaction.
    db.session.remove()
    assert db.session.scalar(
        select(AccessCode.used).where(AccessCode.code_hash == access_codes.hash_code(codes[1]))
    )
    assert db.session.scalar(select(sa.func.count()).select_from(Response)) == 0
    answer_every_page(browser, slug=SLUG)
    browser.post(f"/survey/{SLUG}/check-answers")
    # Nothing on either side points at the other, and the code row keeps no time.
    code_columns = {c.name for c in AccessCode.__table__.columns}
    assert code_columns == {"code_hash", "cycle_id", "batch", "used"}
    response_columns = {c.name for c in Response.__table__.columns}
    assert not response_columns & {"code_hash", "access_code", "batch"}
    # The session keeps only "unlocked for this cycle", never the code.
    from flask.sessions import SecureCookieSessionInterface

    serializer = SecureCookieSessionInterface().get_signing_serializer(app)
    session = serializer.loads(browser.get_cookie("healthcheck_session").value)
    assert session.get("survey_unlocked") == [cycle_id]
    assert codes[1] not in str(session) and access_codes.hash_code(codes[1]) not in str(session)


def test_access_codes_cli_writes_a_csv_for_printing(app, codes_cycle, tmp_path):
    out = tmp_path / "codes.csv"
    runner = app.test_cli_runner()
    result = runner.invoke(
        access_codes_group,
        args=["generate", "--cycle", str(codes_cycle.id), "--count", "12", "--out", str(out)],
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.read_text().splitlines()))
    assert len(rows) == 12
    assert rows[0]["survey_link"].endswith(f"/survey/{SLUG}")
    assert db.session.scalar(select(sa.func.count()).select_from(AccessCode)) == 12
    again = runner.invoke(
        access_codes_group, args=["generate", "--cycle", SLUG, "--count", "1", "--out", str(out)]
    )
    assert again.exit_code == 1 and "already exists" in again.output


def test_codes_are_refused_for_a_cycle_with_an_open_link(app, cycle, tmp_path):
    result = app.test_cli_runner().invoke(
        access_codes_group,
        args=["generate", "--cycle", "hc-test", "--count", "1", "--out", str(tmp_path / "c.csv")],
    )
    assert result.exit_code == 1 and "open link" in result.output
