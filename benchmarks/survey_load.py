"""Benchmark: the survey pages under gunicorn, on SQLite and PostgreSQL, against "hello".

    python benchmarks/survey_load.py [--requests 600] [--concurrency 4] [--workers N]
                                     [--steady-seconds 10] [--no-postgres]

For each database the app runs under gunicorn (sync workers, access log off) on 127.0.0.1
with a migrated database holding one open cycle, and a minimal Flask "hello" app runs under the
same gunicorn settings in the same run. Measured, with a bounded number of requests each:

- GET: a survey section page (the "tools" page: a grid of 8 rows, radios and text boxes) for a
  new respondent, closed loop, `--concurrency` client processes;
- POST: the "workload" page with valid answers and a CSRF token (validates, saves the draft,
  redirects), closed loop;
- steady: 40 GET/s plus 15 POST/s for `--steady-seconds`, open loop, latency measured from
  the moment each request was due.

Throughput and p50/p99 latency are reported, and the survey figures as a share of the hello
figures. Results are printed and written to benchmarks/results/survey_load.md. Loopback only.
"""

from __future__ import annotations

import argparse
import http.client
import os
import platform
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "benchmarks" / "results" / "survey_load.md"
GUNICORN = Path(sys.executable).with_name("gunicorn")
SLUG = "bench-survey"
GET_PATH = f"/survey/{SLUG}/questions/tools"
POST_PATH = f"/survey/{SLUG}/questions/workload"
POST_ANSWERS = {
    "Q1": "fairly",
    "Q1.comment": "Allocation is fair but rushed.",
    "Q2": "I keep a list; my senior helps.",
    "Q3": "yes",
    "Q3.comment": "The duty team.",
    "Q4": "Fewer forms.",
    "overall_workload": "good",
    "action": "continue",
}
HELLO_APP = """
from flask import Flask, redirect, request

app = Flask(__name__)


@app.route("/", methods=["GET", "POST"])
def hello():
    if request.method == "POST":
        return redirect("/", code=303)
    return "Hello, World!"
"""
TARGET_GET, TARGET_POST, TARGET_P99_MS = 0.25, 0.12, 300.0


# --- servers ------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    """gunicorn on a free loopback port; stopped (and waited for) on exit."""

    def __init__(self, app: str, workers: int, env: dict | None = None, chdir: str | None = None):
        self.port = free_port()
        args = [str(GUNICORN), "-w", str(workers), "-b", f"127.0.0.1:{self.port}"]
        args += ["--log-level", "warning", "--timeout", "60"]
        if chdir:
            args += ["--chdir", chdir]
        self.args = args + [app]
        self.env = {**os.environ, **(env or {})}

    def __enter__(self) -> "Gunicorn":
        self.proc = subprocess.Popen(self.args, env=self.env, cwd=str(ROOT))  # nosec B603
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.proc.returncode}")
            try:
                status, _, _ = request(self.port, "GET", "/")
                if status:
                    return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start within 60 seconds")

    def __exit__(self, *exc) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def request(port, method, path, body=None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        data = response.read()
        return response.status, response.getheader("Set-Cookie"), data
    finally:
        conn.close()


# --- clients ------------------------------------------------------------------------------------


def start_respondent(port: int) -> dict:
    """GET a survey page as a new respondent; returns the cookie and CSRF token to POST with."""
    status, cookie, body = request(port, "GET", POST_PATH)
    assert status == 200, status
    token = re.search(rb'name="csrf_token" value="([^"]+)"', body).group(1).decode()
    return {"cookie": cookie.split(";", 1)[0], "token": token}


def one(port: int, kind: str, respondent: dict | None, hello: bool) -> float:
    """One request; returns its latency in seconds. Fails loudly on an unexpected status."""
    started = time.perf_counter()
    if kind == "GET":
        status, _, _ = request(port, "GET", "/" if hello else GET_PATH)
        expected = 200
    else:
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if respondent:
            headers["Cookie"] = respondent["cookie"]
            body = urlencode({**POST_ANSWERS, "csrf_token": respondent["token"]})
        else:
            body = urlencode(POST_ANSWERS)
        status, _, _ = request(port, "POST", "/" if hello else POST_PATH, body, headers)
        expected = 303
    if status != expected:
        raise RuntimeError(f"{kind} answered {status}, expected {expected}")
    return time.perf_counter() - started


def _client_loop(args) -> list[float]:
    port, kind, count, hello = args
    respondent = None if hello or kind == "GET" else start_respondent(port)
    return [one(port, kind, respondent, hello) for _ in range(count)]


def closed_loop(port: int, kind: str, total: int, concurrency: int, hello: bool) -> dict:
    per_client = max(1, total // concurrency)
    with ProcessPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(_client_loop, [(port, kind, 5, hello)] * concurrency))  # warm up
        started = time.perf_counter()
        results = list(pool.map(_client_loop, [(port, kind, per_client, hello)] * concurrency))
        elapsed = time.perf_counter() - started
    latencies = [x for chunk in results for x in chunk]
    return summarise(latencies, elapsed)


def open_loop(port: int, get_rate: int, post_rate: int, seconds: float) -> dict:
    """Requests sent on a fixed schedule; latency counts from when each was due."""
    respondents = [start_respondent(port) for _ in range(8)]
    schedule = [(i / get_rate, "GET") for i in range(int(get_rate * seconds))]
    schedule += [(i / post_rate, "POST") for i in range(int(post_rate * seconds))]
    schedule.sort()
    latencies: dict[str, list[float]] = {"GET": [], "POST": []}
    lock = threading.Lock()
    start = time.perf_counter() + 0.2

    def fire(due, kind, n):
        one(port, kind, respondents[n % len(respondents)] if kind == "POST" else None, False)
        with lock:
            latencies[kind].append(time.perf_counter() - (start + due))

    with ThreadPoolExecutor(max_workers=64) as pool:
        futures = []
        for n, (due, kind) in enumerate(schedule):
            delay = start + due - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            futures.append(pool.submit(fire, due, kind, n))
        for f in futures:
            f.result()
    return {k: summarise(v, None) for k, v in latencies.items()}


def summarise(latencies: list[float], elapsed: float | None) -> dict:
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, int(round(0.99 * (len(ordered) - 1))))]
    result = {
        "n": len(ordered),
        "p50_ms": statistics.median(ordered) * 1000,
        "p99_ms": p99 * 1000,
    }
    if elapsed:
        result["rps"] = len(ordered) / elapsed
    return result


# --- databases ----------------------------------------------------------------------------------


def prepare_database(url: str) -> None:
    """Migrate (done by the factories) and add one open cycle for the survey."""
    from healthcheck import create_app
    from healthcheck.extensions import db
    from healthcheck.survey.cycles import create_cycle, open_cycle

    app = create_app({"SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        today = date.today()
        cycle = create_cycle(
            name="Benchmark survey",
            slug=SLUG,
            opens_on=date(today.year - 1, 1, 1),
            closes_on=date(today.year + 1, 12, 31),
        )
        open_cycle(cycle)
        db.session.remove()
        db.engine.dispose()


def measure(label: str, url: str, args, hello_port: int) -> dict:
    """Survey and hello figures, taken in alternating rounds so both see the same machine."""
    prepare_database(url)
    env = {
        "HEALTHCHECK_ENV": "production",
        "SECRET_KEY": secrets.token_hex(32),
        "DATABASE_URL": url,
    }
    per_round = max(20, args.requests // args.rounds)
    rounds: dict[str, list[tuple[dict, dict]]] = {"GET": [], "POST": []}
    with Gunicorn("healthcheck.wsgi:app", args.workers, env) as server:
        for _ in range(args.rounds):
            for kind in ("GET", "POST"):
                hello = closed_loop(hello_port, kind, per_round, args.concurrency, True)
                survey = closed_loop(server.port, kind, per_round, args.concurrency, False)
                rounds[kind].append((survey, hello))
        steady = open_loop(server.port, 40, 15, args.steady_seconds)
    return {"label": label, "rounds": rounds, "steady": steady}


def median_of(pairs, side: int, key: str) -> float:
    return statistics.median(pair[side][key] for pair in pairs)


def hello_server(args) -> Gunicorn:
    """The minimal Flask app, under the same gunicorn settings."""
    folder = tempfile.mkdtemp(prefix="hc-hello-")
    Path(folder, "hello.py").write_text(HELLO_APP)
    return Gunicorn("hello:app", args.workers, chdir=folder)


# --- report -------------------------------------------------------------------------------------


def report(results: list[dict], args) -> str:
    lines = [
        "# Survey load benchmark",
        "",
        f"Run on {date.today().isoformat()}: {platform.platform()}, Python "
        f"{platform.python_version()}, {os.cpu_count()} CPUs; gunicorn {args.workers} sync "
        f"workers, {args.concurrency} client processes, {args.requests} requests per closed-loop "
        "measurement in all (after a warm-up), loopback only. Load average before the run: "
        f"{os.getloadavg()[0]:.1f}. `python benchmarks/survey_load.py` to repeat.",
        "",
        f"GET: `{GET_PATH}` (new respondent). POST: `{POST_PATH}` with valid answers and a CSRF "
        "token (validate, save the draft, 303). hello: a minimal Flask app under the same "
        "gunicorn settings, measured in the same run.",
        "",
        f"Each figure is the median of {args.rounds} rounds; in each round hello and the survey "
        "are measured one after the other, and the ratio is taken within the round (the ratios "
        "of the rounds are in brackets).",
        "",
        "| database | request | survey req/s | hello req/s | ratio | target | survey p50 / p99 ms "
        "| hello p50 / p99 ms |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        for kind, target in (("GET", TARGET_GET), ("POST", TARGET_POST)):
            pairs = r["rounds"][kind]
            ratio = statistics.median(s["rps"] / h["rps"] for s, h in pairs)
            ratios = ", ".join(f"{s['rps'] / h['rps']:.0%}" for s, h in pairs)
            lines.append(
                f"| {r['label']} | {kind} | {median_of(pairs, 0, 'rps'):.0f} "
                f"| {median_of(pairs, 1, 'rps'):.0f} | {ratio:.0%} ({ratios}) "
                f"| {target:.0%} {'met' if ratio >= target else 'NOT met'} "
                f"| {median_of(pairs, 0, 'p50_ms'):.1f} / {median_of(pairs, 0, 'p99_ms'):.1f} "
                f"| {median_of(pairs, 1, 'p50_ms'):.1f} / {median_of(pairs, 1, 'p99_ms'):.1f} |"
            )
    lines += [
        "",
        f"Steady load: 40 GET/s plus 15 POST/s for {args.steady_seconds:g} s (open loop, latency "
        f"from when each request was due; target p99 under {TARGET_P99_MS:.0f} ms):",
        "",
        "| database | request | n | p50 ms | p99 ms | target |",
        "|---|---|---:|---:|---:|---|",
    ]
    for r in results:
        for kind in ("GET", "POST"):
            s = r["steady"][kind]
            ok = "met" if s["p99_ms"] < TARGET_P99_MS else "NOT met"
            lines.append(
                f"| {r['label']} | {kind} | {s['n']} | {s['p50_ms']:.1f} "
                f"| {s['p99_ms']:.1f} | {ok} |"
            )
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--workers", type=int, default=max(2, min(4, os.cpu_count() or 2)))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--steady-seconds", type=float, default=10.0)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    args.requests = max(50, min(args.requests, 5000))  # bounded
    args.steady_seconds = max(1.0, min(args.steady_seconds, 60.0))
    args.rounds = max(1, min(args.rounds, 10))

    from tests.support.databases import PostgresFactory, SqliteFactory

    results = []
    with hello_server(args) as hello_app:
        # hello is measured in rounds alternating with the survey (see measure).
        backends = [("SQLite", None)] + ([] if args.no_postgres else [("PostgreSQL", "pg")])
        postgres = None
        try:
            for label, kind in backends:
                if kind is None:
                    url = SqliteFactory(Path(tempfile.mkdtemp(prefix="hc-bench-"))).new()
                else:
                    from tests.support.postgres import TemporaryPostgres

                    postgres = TemporaryPostgres().start()
                    url = PostgresFactory(postgres.url).new()
                results.append(measure(label, url, args, hello_app.port))
                print(report(results[-1:], args))
        finally:
            if postgres is not None:
                postgres.stop()
    text = report(results, args)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text)
    print(f"Wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
