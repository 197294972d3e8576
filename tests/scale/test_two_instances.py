"""Scale-out: two app instances (gunicorn, on two ports) sharing one PostgreSQL database
behave as one service. A draft saved on one resumes on the other, a sign-in works on both and
a session made on one is honoured by the other, and a rate limit counted on one holds on the
other (the counts live in the shared database, not in a process).
"""

import time

import pytest
import requests
from bs4 import BeautifulSoup

from benchmarks.harness import Respondent, Server, stored_markers

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


@pytest.fixture
def shared_database(postgres_factory):
    url = postgres_factory.new()
    from benchmarks.harness import prepare

    # prepare() migrates (already done: a no-op) and adds an open cycle and one PSW.
    made = prepare(url, users=1)
    yield url, made
    postgres_factory.drop(url)


@pytest.fixture
def two_instances(shared_database, tmp_path):
    url, made = shared_database
    a = Server(url, workers=2, threads=2, rate_limits_off=False, log=tmp_path / "a.log")
    b = Server(url, workers=2, threads=2, rate_limits_off=False, log=tmp_path / "b.log")
    try:
        a.start()
        b.start()
        yield a, b, url, made
    finally:
        a.stop()
        b.stop()


def sign_in(http: requests.Session, base: str, email: str, password: str):
    page = http.get(f"{base}/sign-in", timeout=30)
    token = BeautifulSoup(page.text, "html.parser").select_one("input[name=csrf_token]")["value"]
    return http.post(
        f"{base}/sign-in",
        data={"csrf_token": token, "email": email, "password": password},
        allow_redirects=False,
        timeout=30,
    )


def wait_for_a_fresh_window(margin=25):
    """Limits count in one-minute windows: start a counting test well inside one."""
    into = time.time() % 60
    if into > 60 - margin:
        time.sleep(60 - into + 0.5)


def test_two_instances_behave_as_one_service(two_instances):
    a, b, url, made = two_instances
    assert a.port != b.port

    # A draft saved on A resumes on B, with its answers, and is submitted there once.
    first = Respondent(a.base, seed=1)
    code = first.save_for_later()
    assert code, "a resume code is shown"
    second = Respondent(b.base, seed=2)
    resumed = second.resume(code)
    # The saved first page (About you) was found on B: it lands on the next section.
    assert f"/survey/{second.slug}/questions/" in resumed.url, resumed.url
    assert not resumed.url.endswith("/about")
    second.submit()
    assert len(stored_markers(url, made["cycle_id"])) == 1  # stored once (About you only)

    # Signing in works on both, and a session made on A is honoured by B.
    email, password = made["emails"][0], made["password"]
    wait_for_a_fresh_window()
    for base in (a.base, b.base):
        http = requests.Session()
        response = sign_in(http, base, email, password)
        assert response.status_code == 302, response.text[:300]
        other = b.base if base == a.base else a.base
        assert http.get(f"{other}/sign-in", allow_redirects=False, timeout=30).status_code == 302

    # The sign-in limit (5 a minute per address and account) is counted across both: two above,
    # three more alternate between the instances, and the sixth is refused by either.
    for n in range(3):
        base = (a.base, b.base)[n % 2]
        assert sign_in(requests.Session(), base, email, password).status_code == 302
    for base in (a.base, b.base):
        refused = sign_in(requests.Session(), base, email, password)
        assert refused.status_code == 429
        assert "Too many attempts" in refused.text
