"""Run the real service (gunicorn on loopback) and drive it over HTTP like a respondent.

Used by benchmarks/durability.py, benchmarks/load.py and tests/scale/. Nothing here talks to
the app in-process once the server is up: respondents are `requests` sessions that read each
page's form (CSRF token included), fill it and post it, following the redirects, exactly as a
browser with JavaScript off would.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import signal
import socket
import subprocess  # nosec B404
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urljoin

import requests
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SECRET_KEY = "benchmark-only-secret-key-" + "0" * 32
SLUG = "hc-bench"
SESSION_COOKIE = "healthcheck_session"
WORDS = (
    "workload allocation supervision caseload duty team manager support training visits "
    "referrals panel tools laptop translator time colleagues pressure good fair slow"
).split()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- databases -------------------------------------------------------------------------------


def sqlite_url(folder: Path) -> str:
    return f"sqlite:///{folder / 'bench.sqlite'}"


class Postgres:
    """A throwaway PostgreSQL cluster (tests/support/postgres.py) with durable settings."""

    def __init__(self):
        from tests.support.postgres import TemporaryPostgres

        self.server = TemporaryPostgres()

    def __enter__(self) -> str:
        self.server.start()
        return self.server.url

    def __exit__(self, *exc):
        self.server.stop()


def prepare(url: str, users: int = 0, rate_limits_off: bool = True, **cycle_fields) -> dict:
    """Migrate `url`, add an open cycle (and `users` PSW accounts); returns what was made."""
    env = server_env(url, rate_limits_off)
    subprocess.run(  # nosec B603
        [str(Path(sys.executable).parent / "healthcheck"), "db", "upgrade"],
        check=True,
        capture_output=True,
        env=env,
        cwd=ROOT,
    )
    script = f"""
import json, sys
from datetime import date, timedelta
from healthcheck import create_app
from healthcheck.extensions import db
from healthcheck.models import Cycle, User
from healthcheck.passwords import hash_password
from surveys.loader import available_instruments

app = create_app("development")
with app.app_context():
    ref = available_instruments()[-1]
    today = date.today()
    cycle = Cycle(slug={SLUG!r}, name="Health Check (benchmark)",
                  opens_on=today - timedelta(days=1),
                  closes_on=today + timedelta(days=30), instrument_id=ref.id,
                  instrument_version=ref.version, status="open")
    db.session.add(cycle)
    emails = []
    for n in range({int(users)}):
        email = f"psw{{n}}@bench.example"
        db.session.add(User(email=email, name=f"PSW {{n}}", role="psw",
                            password_hash=hash_password("bench-password-123456")))
        emails.append(email)
    db.session.commit()
    print(json.dumps({{"cycle_id": cycle.id, "emails": emails}}))
"""
    out = subprocess.run(  # nosec B603
        [sys.executable, "-c", script],
        check=True,
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    import json

    made = json.loads(out.stdout.strip().splitlines()[-1])
    made["password"] = "bench-password-123456"
    return made


def server_env(url: str, rate_limits_off: bool = True) -> dict:
    env = dict(os.environ)
    env.update(
        HEALTHCHECK_ENV="development",
        SECRET_KEY=SECRET_KEY,
        DATABASE_URL=url,
        PYTHONPATH=str(ROOT),
    )
    if rate_limits_off:
        # The benchmarks simulate hundreds of people on one address; the limits have their
        # own tests. The global survey cap stays configurable here.
        for name in ("SIGN_IN", "SURVEY_SUBMIT", "RESUME_CODE", "ACCESS_CODE", "UPLOAD"):
            env[f"HEALTHCHECK_RATELIMIT_{name}"] = "1000000"
        env["HEALTHCHECK_RATELIMIT_SURVEY_GLOBAL"] = "1000000"
    return env


# --- the server ------------------------------------------------------------------------------


class Server:
    """gunicorn serving healthcheck.wsgi:app on 127.0.0.1:<port>, in its own process group."""

    def __init__(
        self,
        url: str,
        port: int | None = None,
        workers: int = 4,
        threads: int = 4,
        rate_limits_off: bool = True,
        log: Path | None = None,
    ):
        self.url = url
        self.port = port or free_port()
        self.workers = workers
        self.threads = threads
        self.env = server_env(url, rate_limits_off)
        self.log = log or Path(tempfile.mkstemp(prefix="hc-gunicorn-", suffix=".log")[1])
        self.process: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60) -> "Server":
        log = open(self.log, "ab")
        self.process = subprocess.Popen(  # nosec B603
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--threads",
                str(self.threads),
                "--worker-class",
                "gthread",
                "--timeout",
                "60",
                "--graceful-timeout",
                "5",
                "healthcheck.wsgi:app",
            ],
            env=self.env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so that we can kill all of it
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {self.log.read_text()[-2000:]}")
            try:
                if requests.get(self.base + "/", timeout=2).status_code < 500:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not start: {self.log.read_text()[-2000:]}")

    def kill(self) -> None:
        """SIGKILL the whole process group: the arbiter and every worker, no clean-up."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


# --- a respondent ----------------------------------------------------------------------------


class Refused(Exception):
    """The server answered with an error status."""

    def __init__(self, status: int, url: str):
        super().__init__(f"HTTP {status} from {url}")
        self.status, self.url = status, url


def session_data(session: requests.Session) -> dict:
    """The (signed, not encrypted) Flask session cookie's contents."""
    from flask import Flask
    from flask.sessions import SecureCookieSessionInterface

    app = Flask("reader")
    app.secret_key = SECRET_KEY
    serializer = SecureCookieSessionInterface().get_signing_serializer(app)
    cookie = session.cookies.get(SESSION_COOKIE)
    return serializer.loads(cookie) if cookie else {}


def fill_form(form, rng: random.Random, marker: str) -> dict:
    """Answer every field on a GOV.UK form: a random option, some words of free text."""
    data: dict[str, list[str] | str] = {}
    for hidden in form.find_all("input", type="hidden"):
        data[hidden["name"]] = hidden.get("value", "")
    radios: dict[str, list[str]] = {}
    checks: dict[str, list[str]] = {}
    for element in form.find_all("input"):
        kind = element.get("type", "text")
        if kind == "radio":
            radios.setdefault(element["name"], []).append(element["value"])
        elif kind == "checkbox":
            checks.setdefault(element["name"], []).append(element["value"])
        elif kind in ("text", "number") and element.get("name"):
            data[element["name"]] = str(rng.randint(1, 10)) if kind == "number" else marker
    for name, values in radios.items():
        data[name] = rng.choice(values)
    for name, values in checks.items():
        data[name] = [rng.choice(values)]
    for area in form.find_all("textarea"):
        data[area["name"]] = f"{marker} " + " ".join(rng.choices(WORDS, k=rng.randint(3, 15)))
    for select in form.find_all("select"):
        options = [o.get("value") for o in select.find_all("option") if o.get("value")]
        if options:
            data[select["name"]] = rng.choice(options)
    return data


@dataclass
class Respondent:
    base: str
    slug: str = SLUG
    seed: int = 0
    think: tuple[float, float] = (0.0, 0.0)
    timeout: float = 30.0
    timings: list[float] = field(default_factory=list)

    def __post_init__(self):
        self.http = requests.Session()
        self.rng = random.Random(self.seed)
        self.draft_id: str | None = None
        # Written into every free-text answer: how a stored response is recognised as this
        # respondent's, since nothing stored can be derived from the browser or the draft.
        self.marker = f"resp{self.seed}"

    def _request(self, method: str, url: str, **kwargs) -> requests.Response:
        started = time.perf_counter()
        response = self.http.request(method, url, timeout=self.timeout, **kwargs)
        self.timings.append(time.perf_counter() - started)
        if response.status_code >= 400:
            raise Refused(response.status_code, url)
        return response

    def _think(self):
        if self.think[1] > 0:
            time.sleep(self.rng.uniform(*self.think))

    def answer_all(self) -> str:
        """Answer every page up to "Check your answers"; returns the check-answers URL."""
        start = self._request("GET", f"{self.base}/survey/{self.slug}")
        link = BeautifulSoup(start.text, "html.parser").select_one("a.govuk-button--start")
        url = urljoin(start.url, link["href"])
        page = self._request("GET", url)
        while "/check-answers" not in page.url:
            self._think()
            form = BeautifulSoup(page.text, "html.parser").select_one("main form[method=post]")
            data = fill_form(form, self.rng, self.marker)
            data["action"] = "continue"
            page = self._request(
                "POST", urljoin(page.url, form.get("action") or page.url), data=data
            )
        self.draft_id = next(iter(session_data(self.http).get("survey_drafts", {}).values()), None)
        return page.url

    def read_submit_form(self, check_url: str | None = None) -> tuple[str, dict]:
        """GET "Check your answers": the form's action and fields (with its CSRF token)."""
        page = self._request("GET", check_url or f"{self.base}/survey/{self.slug}/check-answers")
        form = BeautifulSoup(page.text, "html.parser").select_one("main form[method=post]")
        if form is None:
            raise Refused(page.status_code, page.url + " (no submit form)")
        data = {h["name"]: h.get("value", "") for h in form.find_all("input", type="hidden")}
        confirm = form.find("input", attrs={"name": "confirm_unanswered"})
        if confirm is not None:  # sections left unanswered: ticked, as a person sending would
            data["confirm_unanswered"] = confirm.get("value", "yes")
        return urljoin(page.url, form.get("action") or page.url), data

    def post_submit(self, action: str, data: dict) -> requests.Response:
        """Press "Submit" (again, after a failure: the same form, as a person would)."""
        response = self._request("POST", action, data=data)
        if "/confirmation" not in response.url:
            raise Refused(response.status_code, response.url + " (not confirmed)")
        return response

    def submit(self, check_url: str | None = None) -> requests.Response:
        """Post "Check your answers"; an acknowledgement is the confirmation page."""
        return self.post_submit(*self.read_submit_form(check_url))

    def save_for_later(self) -> str:
        """Answer the first page and press "Save and come back later"; returns the code."""
        start = self._request("GET", f"{self.base}/survey/{self.slug}")
        link = BeautifulSoup(start.text, "html.parser").select_one("a.govuk-button--start")
        page = self._request("GET", urljoin(start.url, link["href"]))
        form = BeautifulSoup(page.text, "html.parser").select_one("main form[method=post]")
        data = fill_form(form, self.rng, self.marker)
        data["action"] = "save"
        saved = self._request("POST", urljoin(page.url, form.get("action") or page.url), data=data)
        self.saved_answers = {k: v for k, v in data.items() if k not in ("csrf_token", "action")}
        soup = BeautifulSoup(saved.text, "html.parser")
        code = soup.select_one("[data-resume-code], .app-resume-code, strong.govuk-panel__body")
        text = code.get_text(" ", strip=True) if code is not None else soup.get_text(" ")
        return text

    def session_cookie_drafts(self) -> dict:
        """{cycle id: draft id} from this browser's session cookie."""
        return session_data(self.http).get("survey_drafts", {})

    def resume(self, code: str) -> requests.Response:
        page = self._request("GET", f"{self.base}/survey/{self.slug}/resume")
        form = BeautifulSoup(page.text, "html.parser").select_one("main form[method=post]")
        data = {h["name"]: h.get("value", "") for h in form.find_all("input", type="hidden")}
        data["code"] = code
        return self._request("POST", urljoin(page.url, form.get("action") or page.url), data=data)


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, int(round(pct / 100 * len(ordered) + 0.5)) - 1))
    return ordered[index]


def stored_markers(url: str, cycle_id: int) -> list[str]:
    """The respondent marker (``Respondent.marker``) of every stored response of the cycle,
    found in its free text; duplicates kept, "" for a response without one."""
    import sqlalchemy as sa

    markers: dict[str, str] = {}
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                sa.text(
                    "SELECT response.id, answer.value FROM response LEFT JOIN answer "
                    "ON answer.response_id = response.id WHERE response.cycle_id = :c"
                ),
                {"c": cycle_id},
            )
            for response_id, value in rows:
                found = re.match(r"(resp\d+)\b", value or "")
                if found or response_id not in markers:
                    markers[response_id] = found.group(1) if found else markers.get(response_id, "")
    finally:
        engine.dispose()
    return list(markers.values())


__all__ = [
    "Postgres",
    "Refused",
    "Respondent",
    "Server",
    "percentile",
    "prepare",
    "sqlite_url",
    "stored_markers",
]


def backend_arguments(parser: argparse.ArgumentParser) -> None:
    """The options every server benchmark shares: which database, gunicorn's size, writing."""
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--no-write", action="store_true", help="do not write results/*.md")


def on_each_backend(args, prefix: str, run_backend) -> list[dict]:
    """``run_backend(name, url, args)`` on a fresh SQLite file and/or a fresh PostgreSQL."""
    results = []
    if args.db in ("sqlite", "both"):
        with tempfile.TemporaryDirectory(prefix=prefix) as folder:
            results.append(run_backend("SQLite", sqlite_url(Path(folder)), args))
    if args.db in ("postgresql", "both"):
        with Postgres() as url:
            results.append(run_backend("PostgreSQL", url, args))
    return results


def run_line(command: str) -> str:
    """The results file's first line: when, where and with which command the run was made."""
    return (
        f"Run {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC on {platform.node() or 'a host'} "
        f"({platform.machine()}, Python {platform.python_version()}), with `{command}`"
    )
