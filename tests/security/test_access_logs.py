"""The documented production logging keeps nothing about who answered the survey, or when.

gunicorn is started with exactly the options docs/deployment.md gives (only the port and the
number of workers changed), requests are sent as a respondent's browser would (the survey
page, then its stylesheet, script and images) and as a member of staff, all with a canary
address (X-Forwarded-For through the trusted proxy), Referer and User-Agent; then the log is
read. The nginx settings of the same page are checked against the same list of paths.
"""

import re
import shlex
import signal
import subprocess  # nosec B404
import sys
import time
from pathlib import Path

import requests

from benchmarks.harness import ROOT, SLUG, free_port, prepare, server_env, sqlite_url
from healthcheck.survey.logging import is_respondent_path

DOCS = ROOT / "docs" / "deployment.md"
CANARY_ADDRESS = "203.0.113.91"
CANARY_AGENT = "canary-agent-5d1e"
CANARY_REFERRER = "https://canary-referrer.example/5d1e"
RESPONDENT_REQUESTS = [
    "/",
    "/static/css/app.css",
    "/static/govuk/govuk-frontend.min.js",
    "/assets/images/favicon.svg",
    "/favicon.ico",
]
STAFF_REQUESTS = ["/sign-in", "/accessibility"]
TIME_OF_DAY = re.compile(r"\d{1,2}:\d{2}(:\d{2})?")


def _documented_gunicorn_command() -> list[str]:
    text = DOCS.read_text(encoding="utf-8")
    section = text[text.index("## 4. gunicorn") :]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    args = shlex.split(block.replace("\\\n", " "))
    assert Path(args[0]).name == "gunicorn"
    return args[1:]


def _with(args: list[str], option: str, value: str) -> list[str]:
    args = list(args)
    args[args.index(option) + 1] = value
    return args


def test_documented_gunicorn_logs_no_respondent_and_no_address_or_time(tmp_path):
    url = sqlite_url(tmp_path)
    prepare(url)
    survey = [f"/survey/{SLUG}"]
    port = free_port()
    args = _documented_gunicorn_command()
    args = _with(args, "--bind", f"127.0.0.1:{port}")
    args = _with(args, "--workers", "1")
    args = _with(args, "--threads", "2")
    log_path = tmp_path / "gunicorn.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(  # nosec B603
            [sys.executable, "-m", "gunicorn", *args],
            env=server_env(url),
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while True:
            assert process.poll() is None, log_path.read_text()[-2000:]
            try:
                requests.get(base + "/robots.txt", timeout=20)
                break
            except requests.RequestException:
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.2)
        headers = {
            "User-Agent": CANARY_AGENT,
            "Referer": CANARY_REFERRER,
            "X-Forwarded-For": CANARY_ADDRESS,
        }
        for path in survey + RESPONDENT_REQUESTS + STAFF_REQUESTS:
            response = requests.get(base + path, headers=headers, timeout=10)
            assert response.status_code < 500, (path, response.status_code)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)

    lines = log_path.read_text(encoding="utf-8").splitlines()
    access = [line for line in lines if '"GET /' in line]
    # Staff pages are logged (so this test looked at a working access log) ...
    for path in STAFF_REQUESTS:
        assert any(f'"GET {path} ' in line for line in access), (path, lines)
    # ... what a respondent's browser asks for is not, and no line says who, or when.
    for path in survey + RESPONDENT_REQUESTS:
        assert not any(f'"GET {path} ' in line for line in access), (path, access)
    for line in access:
        assert not TIME_OF_DAY.search(line.split('"')[0] + line.split('"')[-1]), line
        assert "127.0.0.1" not in line and "[" not in line, line
    text = "\n".join(lines)
    for canary in (CANARY_ADDRESS, CANARY_AGENT, "canary-referrer"):
        assert canary not in text


def test_documented_nginx_settings_leave_out_the_same_paths_and_every_identifying_field():
    text = DOCS.read_text(encoding="utf-8")
    section = text[text.index("## 5. The reverse proxy") :]
    config = "\n".join(re.findall(r"```nginx\n(.*?)```", section, re.S))
    log_format = re.search(r"log_format healthcheck_anonymous (.*?);", config, re.S).group(1)
    identifying = "$remote_addr $time_local $time_iso8601 $http_referer $http_user_agent"
    for variable in (identifying + " $http_x_forwarded_for $remote_user $msec").split():
        assert variable not in log_format
    assert re.search(r"access_log \S+ healthcheck_anonymous if=\$healthcheck_loggable;", config)
    assert "access_log off" not in config or "healthcheck_anonymous" in config
    mapping = re.search(r"map \$uri \$healthcheck_loggable \{(.*?)\}", config, re.S).group(1)
    rules = [line.split() for line in mapping.splitlines() if line.strip()]
    quiet_prefixes = [r[0][2:] for r in rules if r[0].startswith("~^") and r[1] == "0;"]
    quiet_exact = [r[0] for r in rules if r[0].startswith("/") and r[1] == "0;"]

    def nginx_quiet(path):
        return path in quiet_exact or any(path.startswith(p) for p in quiet_prefixes)

    for path in ["/survey/hc-2027", "/survey/x/check-answers", *RESPONDENT_REQUESTS]:
        assert is_respondent_path(path) and nginx_quiet(path), path
    for path in [*STAFF_REQUESTS, "/reports/1/overview"]:
        assert not is_respondent_path(path) and not nginx_quiet(path), path
