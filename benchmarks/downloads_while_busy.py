"""Downloads while the survey is busy: 200 submissions while the PSW downloads every file.

Respondents answer and submit the survey over HTTP against gunicorn (several workers and
threads, on loopback) while a Principal Social Worker, signed in, downloads every file again
and again: the PDF report, the figures (XLSX, CSV), the themes CSV and the anonymised response
export. Each submission changes the analysis's inputs, so a download usually finds a new
analysis running: it then gets the "Analysing" page, and fetches the previous results from
its "out of date" link, as a person would. The response export waits for the cycle to close
(it sends the PSW to the downloads page, which says so, counted as *waits*); the cycle is
closed once the submissions are over. (The red team's run: 111 of 124 downloads returned
500 "database is locked" on SQLite.)

Counted: every HTTP status. An error is any 5xx, any other unexpected status, a page that is
neither the file nor the "Analysing" page, or a connection error. Once the submissions are
over, every file is downloaded once more and must be up to date (not marked out of date).

Usage:  .venv/bin/python benchmarks/downloads_while_busy.py [--db sqlite|postgresql|both]
            [--submissions 200] [--respondents 8] [--downloaders 2] [--workers 2] [--threads 4]
Writes benchmarks/results/downloads_while_busy.md and exits 1 on any error.
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urljoin

import requests
from bs4 import BeautifulSoup

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import (  # noqa: E402
    Respondent,
    Server,
    backend_arguments,
    on_each_backend,
    percentile,
    prepare,
    run_line,
    stored_markers,
)

RESULTS = Path(__file__).resolve().parent / "results" / "downloads_while_busy.md"
FILES = ("self-assessment.pdf", "figures.xlsx", "figures.csv", "themes.csv")
PREVIOUS_LINK = "Download the previous results (out of date)"


def sign_in(base: str, email: str, password: str) -> requests.Session:
    http = requests.Session()
    # A new connection per request: a kept-alive one that gunicorn closes after its 2 s
    # keep-alive just as a request goes out (a starved client thread on a loaded machine) is
    # reset, a client race that a browser retries by itself and requests does not.
    http.headers["Connection"] = "close"
    page = http.get(f"{base}/sign-in", timeout=60)
    token = BeautifulSoup(page.text, "html.parser").select_one("input[name=csrf_token]")["value"]
    done = http.post(
        f"{base}/sign-in",
        data={"csrf_token": token, "email": email, "password": password},
        timeout=60,
    )
    if "/sign-in" in done.url:
        raise RuntimeError("the PSW could not sign in")
    return http


def close_cycle(url: str, cycle_id: int) -> None:
    """Close the cycle, as the PSW does when the survey ends (the response export waits)."""
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(
                sa.text("UPDATE cycle SET status = 'closed' WHERE id = :c"), {"c": cycle_id}
            )
    finally:
        engine.dispose()


class Run:
    def __init__(self, server: Server, made: dict, submissions: int):
        self.server = server
        self.made = made
        self.target = submissions
        self.lock = threading.Lock()
        self.started = 0
        self.acked: list[str] = []
        self.submission_errors: list[str] = []
        self.outcomes: Counter = Counter()  # file, previous, analysing, error
        self.statuses: Counter = Counter()
        self.errors: list[str] = []
        self.timings: list[float] = []
        self.busy = threading.Event()
        self.busy.set()

    # --- respondents -------------------------------------------------------------------------

    def respondent(self, index: int) -> None:
        serial = 0
        while True:
            with self.lock:
                if self.started >= self.target:
                    return
                self.started += 1
            serial += 1
            person = Respondent(self.server.base, seed=index * 100000 + serial, timeout=120)
            person.http.headers["Connection"] = "close"  # as for the PSW, see sign_in()
            try:
                person.submit(person.answer_all())
            except Exception as exc:  # noqa: BLE001 - every failure is counted
                with self.lock:
                    self.submission_errors.append(f"{type(exc).__name__}: {exc}")
                continue
            with self.lock:
                self.acked.append(person.marker)

    # --- the PSW -----------------------------------------------------------------------------

    def urls(self) -> list[str]:
        cycle = self.made["cycle_id"]
        base = self.server.base
        return [f"{base}/reports/{cycle}/download/{name}" for name in FILES] + [
            f"{base}/exports/{cycle}/responses.csv"
        ]

    def fetch(self, http: requests.Session, url: str, follow_previous: bool = True) -> str:
        """One download as a person makes it; returns file, previous, analysing or error."""
        started = time.perf_counter()
        try:
            response = http.get(url, timeout=120)
        except requests.RequestException as exc:
            return self._error(f"{url}: {type(exc).__name__}")
        finally:
            elapsed = time.perf_counter() - started
        with self.lock:
            self.statuses[response.status_code] += 1
            self.timings.append(elapsed)
        if response.status_code != 200:
            return self._error(f"{url}: HTTP {response.status_code}")
        if url.endswith("/responses.csv") and response.history:
            if (
                response.url.endswith("/downloads")
                and "once this cycle has closed" in response.text
            ):
                return "waits"  # no export while people can still answer
            return self._error(f"{url}: redirected to {response.url}")
        disposition = response.headers.get("Content-Disposition", "")
        if "attachment" in disposition:
            return "previous" if "out-of-date-" in disposition else "file"
        page = BeautifulSoup(response.text, "html.parser")
        heading = page.h1.get_text(strip=True) if page.h1 else ""
        if heading != "Analysing…":
            return self._error(f"{url}: neither the file nor the Analysing page ({heading!r})")
        link = page.find("a", string=PREVIOUS_LINK)
        if link is not None and follow_previous:
            got = self.fetch(http, urljoin(response.url, link["href"]), follow_previous=False)
            return got if got == "error" else "previous"
        return "analysing"

    def _error(self, text: str) -> str:
        with self.lock:
            self.errors.append(text)
        return "error"

    def downloader(self) -> None:
        http = sign_in(self.server.base, self.made["emails"][0], self.made["password"])
        while self.busy.is_set():
            for url in self.urls():
                outcome = self.fetch(http, url)
                with self.lock:
                    self.outcomes[outcome] += 1
                if not self.busy.is_set():
                    break

    def final_check(self, url: str, timeout: float = 600) -> list[str]:
        """After the survey, with the cycle closed: every file, up to date (waits for the last
        analysis)."""
        close_cycle(url, self.made["cycle_id"])
        http = sign_in(self.server.base, self.made["emails"][0], self.made["password"])
        problems = []
        for url in self.urls():
            deadline = time.monotonic() + timeout
            while True:
                outcome = self.fetch(http, url, follow_previous=False)
                if outcome != "analysing" or time.monotonic() > deadline:
                    break
                time.sleep(2)
            if outcome != "file":
                problems.append(f"{url}: {outcome} after the survey")
        return problems


def run_backend(name: str, url: str, args) -> dict:
    made = prepare(url, users=1)
    server = Server(url, workers=args.workers, threads=args.threads)
    server.start()
    run = Run(server, made, args.submissions)
    respondents = [
        threading.Thread(target=run.respondent, args=(i,), daemon=True)
        for i in range(args.respondents)
    ]
    downloaders = [
        threading.Thread(target=run.downloader, daemon=True) for _ in range(args.downloaders)
    ]
    started = time.monotonic()
    try:
        for thread in downloaders + respondents:
            thread.start()
        for thread in respondents:
            thread.join()
        busy_seconds = time.monotonic() - started
        run.busy.clear()
        for thread in downloaders:
            thread.join(timeout=600)
        final = run.final_check(url)
    finally:
        server.stop()
    stored = stored_markers(url, made["cycle_id"])
    downloads = sum(run.outcomes.values())
    result = {
        "database": name,
        "submissions": len(run.acked),
        "stored": len(stored),
        "lost": len(set(run.acked) - set(stored)),
        "submission_errors": len(run.submission_errors),
        "downloads": downloads,
        "files": run.outcomes["file"],
        "previous": run.outcomes["previous"],
        "analysing": run.outcomes["analysing"],
        "waits": run.outcomes["waits"],
        "download_errors": len(run.errors),
        "final_problems": final,
        "statuses": dict(sorted(run.statuses.items())),
        "p50": percentile(run.timings, 50) * 1000,
        "p95": percentile(run.timings, 95) * 1000,
        "busy_seconds": round(busy_seconds, 1),
        "samples": (run.errors + run.submission_errors)[:8],
    }
    result["errors"] = (
        result["submission_errors"] + result["download_errors"] + len(final) + result["lost"]
    )
    print_result(result)
    return result


def print_result(r: dict) -> None:
    print(
        f"[{r['database']}] submissions={r['submissions']} stored={r['stored']} "
        f"submission_errors={r['submission_errors']} downloads={r['downloads']} "
        f"(file {r['files']}, previous {r['previous']}, analysing {r['analysing']}, "
        f"export waits {r['waits']}) "
        f"download_errors={r['download_errors']} statuses={r['statuses']} "
        f"p50={r['p50']:.0f} ms p95={r['p95']:.0f} ms ({r['busy_seconds']} s)"
    )
    for line in r["final_problems"] + r["samples"]:
        print(f"  {line}")


def write_results(results: list[dict], args) -> None:
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        "# Downloads while the survey is busy",
        "",
        run_line(
            f"benchmarks/downloads_while_busy.py --submissions {args.submissions} --respondents "
            f"{args.respondents} --downloaders {args.downloaders} --workers {args.workers} "
            f"--threads {args.threads}"
        )
        + " (gunicorn on loopback; a shared machine).",
        "",
        "While the respondents submit, the PSW downloads the PDF, the XLSX, both CSVs and the "
        "response export in turn, again and again. *file*: an up-to-date file; *previous*: the "
        'Analysing page, then the previous results from its "out of date" link (file name '
        "marked); *analysing*: the Analysing page before any result existed; *export waits*: the "
        "response export sent the PSW to the downloads page, which says it comes once the cycle "
        "has closed. Afterwards the cycle is closed and every file, the export too, is "
        "downloaded once more and must be up to date.",
        "",
        "| database | submissions | stored | submission errors | downloads | file | previous "
        "| analysing | export waits | download errors | after the survey | HTTP statuses "
        "| p50 / p95 ms | seconds |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---:|",
    ]
    for r in results:
        after = "all up to date" if not r["final_problems"] else "; ".join(r["final_problems"])
        statuses = ", ".join(f"{k}: {v}" for k, v in r["statuses"].items())
        lines.append(
            f"| {r['database']} | {r['submissions']} | {r['stored']} | "
            f"{r['submission_errors']} | {r['downloads']} | {r['files']} | {r['previous']} | "
            f"{r['analysing']} | {r['waits']} | {r['download_errors']} | {after} | {statuses} | "
            f"{r['p50']:.0f} / {r['p95']:.0f} | {r['busy_seconds']} |"
        )
    lines += [
        "",
        "Errors (must be 0): any 5xx or other unexpected status, a page that is neither the "
        "file nor the Analysing page, a connection error, a lost submission.",
        "",
    ]
    RESULTS.write_text("\n".join(lines))
    print(f"Wrote {RESULTS}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    backend_arguments(parser)
    parser.add_argument("--submissions", type=int, default=200)
    parser.add_argument("--respondents", type=int, default=8)
    parser.add_argument("--downloaders", type=int, default=2)
    args = parser.parse_args(argv)

    results = on_each_backend(args, "hc-downloads-", run_backend)
    if not args.no_write:
        write_results(results, args)
    return 1 if any(r["errors"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
