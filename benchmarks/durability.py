"""Durability under SIGKILL: every acknowledged submission is stored exactly once.

Many respondents answer and submit the survey over HTTP against gunicorn while the server's
whole process group (arbiter and workers) is killed with SIGKILL several times and restarted.
A submission is *acknowledged* when the respondent saw the confirmation page. A submission cut
off by a kill is retried with the same browser session once the server is back (as a person
would press the button again), so the retry also proves that a resubmission is not stored twice.

Afterwards the stored responses are compared with the acknowledged ones, respondent by
respondent (by the marker each writes into its free text, harness.Respondent.marker), not by
count:

    lost        acknowledged but not stored                          (must be 0)
    duplicated  stored more than once                                (must be 0)
    unacked     stored although its confirmation never arrived       (allowed: the kill came
                between the commit and the reply; the retry then confirms it)

Usage:  .venv/bin/python benchmarks/durability.py [--db sqlite|postgresql|both]
            [--respondents 16] [--kills 3] [--interval 15] [--workers 2]
Writes benchmarks/results/durability.md and exits 1 if anything was lost or duplicated.
"""

from __future__ import annotations

import argparse
import collections
import sys
import threading
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import (  # noqa: E402
    Respondent,
    Server,
    backend_arguments,
    on_each_backend,
    prepare,
    run_line,
    stored_markers,
)

RESULTS = Path(__file__).resolve().parent / "results" / "durability.md"
TRANSIENT = (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError)


class Run:
    def __init__(self, server: Server, respondents: int, deadline: float):
        self.server = server
        self.respondents = respondents
        self.deadline = deadline
        self.lock = threading.Lock()
        self.acked: list[str] = []
        self.retried = 0
        self.restarted_journeys = 0
        self.errors: list[str] = []
        self.up = threading.Event()
        self.up.set()

    def wait_up(self):
        self.up.wait(timeout=120)

    def respondent(self, index: int):
        serial = 0
        while time.monotonic() < self.deadline:
            serial += 1
            person = Respondent(self.server.base, seed=index * 100000 + serial, timeout=30)
            try:
                self.wait_up()
                check = person.answer_all()
            except TRANSIENT:
                with self.lock:
                    self.restarted_journeys += 1
                time.sleep(0.5)
                continue  # not yet submitted: a new respondent starts again
            except Exception as exc:  # noqa: BLE001 - any other failure is reported
                self._error(f"respondent {index}: {type(exc).__name__}: {exc}")
                continue
            form = None
            for _attempt in range(20):
                try:
                    self.wait_up()
                    if form is None:
                        form = person.read_submit_form(check)
                    person.post_submit(*form)
                except TRANSIENT:
                    with self.lock:
                        self.retried += 1
                    time.sleep(0.5)
                    continue
                except Exception as exc:  # noqa: BLE001 - any other failure is reported
                    self._error(f"respondent {index} submit: {type(exc).__name__}: {exc}")
                    break
                with self.lock:
                    self.acked.append(person.marker)
                break

    def _error(self, text: str):
        with self.lock:
            self.errors.append(text)

    def killer(self, kills: int, interval: float, log: list[str]):
        for n in range(kills):
            time.sleep(interval)
            self.up.clear()
            self.server.kill()
            log.append(f"kill {n + 1}: SIGKILL to process group at {len(self.acked)} acknowledged")
            time.sleep(0.5)
            self.server.start()
            self.up.set()


def run_backend(name: str, url: str, args) -> dict:
    made = prepare(url)
    server = Server(url, workers=args.workers, threads=args.threads)
    server.start()
    total = args.interval * (args.kills + 1)
    run = Run(server, args.respondents, time.monotonic() + total)
    kill_log: list[str] = []
    threads = [
        threading.Thread(target=run.respondent, args=(i,), daemon=True)
        for i in range(args.respondents)
    ]
    killer = threading.Thread(target=run.killer, args=(args.kills, args.interval, kill_log))
    started = time.monotonic()
    for t in threads:
        t.start()
    killer.start()
    killer.join()
    for t in threads:
        t.join(timeout=total + 180)
    elapsed = time.monotonic() - started
    server.stop()

    stored = stored_markers(url, made["cycle_id"])
    counts = collections.Counter(stored)
    acked = set(run.acked)
    result = {
        "database": name,
        "respondents": args.respondents,
        "kills": len(kill_log),
        "acknowledged": len(run.acked),
        "acknowledged_twice": len(run.acked) - len(acked),
        "stored": len(stored),
        "lost": len(acked - set(counts)),
        "duplicated": sum(1 for c in counts.values() if c > 1),
        "unacked_stored": len(set(counts) - acked),
        "submit_retries": run.retried,
        "journeys_restarted": run.restarted_journeys,
        "errors": len(run.errors),
        "seconds": round(elapsed, 1),
        "kill_log": kill_log,
        "error_samples": run.errors[:5],
    }
    print_result(result)
    return result


def print_result(r: dict):
    print(
        f"[{r['database']}] kills={r['kills']} acknowledged={r['acknowledged']} "
        f"stored={r['stored']} lost={r['lost']} duplicated={r['duplicated']} "
        f"unacked_stored={r['unacked_stored']} retries={r['submit_retries']} "
        f"errors={r['errors']} ({r['seconds']} s)"
    )
    for line in r["kill_log"]:
        print(f"  {line}")
    for line in r["error_samples"]:
        print(f"  error: {line}")


def write_results(results: list[dict], args):
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        "# Durability under SIGKILL",
        "",
        run_line(
            f"benchmarks/durability.py --respondents {args.respondents} --kills {args.kills} "
            f"--interval {args.interval} --workers {args.workers} --threads {args.threads}"
        )
        + ".",
        "",
        "| database | kills | acknowledged | stored | lost | duplicated | stored, not acknowledged "
        "| submit retries | errors | seconds |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r['database']} | {r['kills']} | {r['acknowledged']} | {r['stored']} | "
            f"{r['lost']} | {r['duplicated']} | {r['unacked_stored']} | {r['submit_retries']} | "
            f"{r['errors']} | {r['seconds']} |"
        )
    lines += [
        "",
        "Lost and duplicated are computed per respondent, from the marker each writes into its "
        "free text (acknowledged markers missing from the database; markers stored more than "
        "once), not from counts.",
        "",
    ]
    RESULTS.write_text("\n".join(lines))
    print(f"Wrote {RESULTS}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    backend_arguments(parser)
    parser.add_argument("--respondents", type=int, default=16)
    parser.add_argument("--kills", type=int, default=3)
    parser.add_argument("--interval", type=float, default=15.0, help="seconds between kills")
    args = parser.parse_args(argv)

    results = on_each_backend(args, "hc-durability-", run_backend)
    if not args.no_write:
        write_results(results, args)
    bad = [r for r in results if r["lost"] or r["duplicated"] or r["kills"] < args.kills]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
