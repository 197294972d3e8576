"""Load: many concurrent respondents work through the whole survey, with think time.

Each simulated respondent is a browser session (cookies, CSRF tokens, redirects) that opens
the start page, answers every page of the survey with a pause between pages, checks its
answers and submits. Respondents start spread over the ramp-up period and all overlap.

Reported: respondents completed, requests, errors (any HTTP status >= 400, any connection
error or time-out, any submission without its confirmation), and response-time percentiles
(p50, p95, p99, max) over every request. The run fails (exit 1) on any error.

Usage:  .venv/bin/python benchmarks/load.py [--db sqlite|postgresql] [--respondents 300]
            [--think-min 20 --think-max 40] [--ramp 60] [--workers 4] [--threads 16]
Writes benchmarks/results/load-<db>.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import (  # noqa: E402
    Postgres,
    Refused,
    Respondent,
    Server,
    percentile,
    prepare,
    sqlite_url,
    stored_markers,
)

RESULTS = Path(__file__).resolve().parent / "results"


def run(url: str, name: str, args) -> dict:
    made = prepare(url)
    lock = threading.Lock()
    timings: list[float] = []
    errors: list[str] = []
    completed: list[str] = []

    with Server(url, workers=args.workers, threads=args.threads) as server:

        def respondent(index: int):
            time.sleep(args.ramp * index / max(1, args.respondents))
            person = Respondent(
                server.base,
                seed=index,
                think=(args.think_min, args.think_max),
                timeout=args.timeout,
            )
            try:
                check = person.answer_all()
                time.sleep(person.rng.uniform(args.think_min, args.think_max))
                person.submit(check)
                with lock:
                    completed.append(person.marker)
            except (Refused, requests.RequestException, AttributeError, TypeError) as exc:
                with lock:
                    errors.append(f"respondent {index}: {type(exc).__name__}: {exc}")
            finally:
                with lock:
                    timings.extend(person.timings)

        threads = [
            threading.Thread(target=respondent, args=(i,), daemon=True)
            for i in range(args.respondents)
        ]
        started = time.monotonic()
        peak = [0]

        def watch():
            while any(t.is_alive() for t in threads):
                peak[0] = max(peak[0], sum(t.is_alive() for t in threads))
                time.sleep(1)

        for t in threads:
            t.start()
        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - started

    stored = set(stored_markers(url, made["cycle_id"]))
    missing = set(completed) - stored
    result = {
        "database": name,
        "respondents": args.respondents,
        "peak_concurrent": peak[0],
        "completed": len(completed),
        "stored": len(stored),
        "missing": len(missing),
        "requests": len(timings),
        "errors": len(errors) + len(missing),
        "p50_ms": round(percentile(timings, 50) * 1000),
        "p95_ms": round(percentile(timings, 95) * 1000),
        "p99_ms": round(percentile(timings, 99) * 1000),
        "max_ms": round(max(timings) * 1000) if timings else 0,
        "seconds": round(elapsed, 1),
        "throughput_rps": round(len(timings) / elapsed, 1) if elapsed else 0,
        "error_samples": errors[:5],
    }
    print(
        f"[{name}] respondents={result['respondents']} "
        f"(peak {result['peak_concurrent']} at once) completed={result['completed']} "
        f"stored={result['stored']} requests={result['requests']} errors={result['errors']} "
        f"p50={result['p50_ms']} ms p95={result['p95_ms']} ms p99={result['p99_ms']} ms "
        f"max={result['max_ms']} ms ({result['seconds']} s, {result['throughput_rps']} req/s)"
    )
    for line in result["error_samples"]:
        print(f"  error: {line}")
    return result


def write_result(r: dict, args):
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"load-{r['database'].lower()}.md"
    path.write_text(
        "\n".join(
            [
                f"# Load: {r['respondents']} concurrent respondents ({r['database']})",
                "",
                f"Run {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC on "
                f"{os.cpu_count()} CPU(s), {platform.machine()}, Python "
                f"{platform.python_version()}, gunicorn {args.workers} workers x "
                f"{args.threads} threads, with `benchmarks/load.py --db {args.db} "
                f"--respondents {args.respondents} --think-min {args.think_min} "
                f"--think-max {args.think_max} --ramp {args.ramp}`.",
                "",
                "| respondents | peak at once | completed | stored | requests | errors "
                "| p50 ms | p95 ms | p99 ms | max ms | seconds | req/s |",
                "|---|---|---|---|---|---|---|---|---|---|---|---|",
                f"| {r['respondents']} | {r['peak_concurrent']} | {r['completed']} | "
                f"{r['stored']} | {r['requests']} | {r['errors']} | {r['p50_ms']} | "
                f"{r['p95_ms']} | {r['p99_ms']} | {r['max_ms']} | {r['seconds']} | "
                f"{r['throughput_rps']} |",
                "",
            ]
        )
    )
    print(f"Wrote {path}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--respondents", type=int, default=300)
    parser.add_argument("--think-min", type=float, default=20.0)
    parser.add_argument("--think-max", type=float, default=40.0)
    parser.add_argument("--ramp", type=float, default=60.0, help="seconds to start everyone")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--timeout", type=float, default=60.0, help="per request, seconds")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)

    if args.db == "sqlite":
        with tempfile.TemporaryDirectory(prefix="hc-load-") as folder:
            result = run(sqlite_url(Path(folder)), "SQLite", args)
    else:
        with Postgres() as url:
            result = run(url, "PostgreSQL", args)
    if not args.no_write:
        write_result(result, args)
    return 1 if result["errors"] or result["completed"] != args.respondents else 0


if __name__ == "__main__":
    sys.exit(main())
