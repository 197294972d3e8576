"""Benchmark: score 100,000 synthetic responses (target: under 10 seconds).

    python benchmarks/scoring_bench.py [--responses 100000] [--seed 1]

Generates responses against surveys/instruments/appendix5-v1.yaml, times writing and reading
the export CSV and scoring it with analysis.scoring.score_responses, prints the results and
writes benchmarks/results/scoring.md.
"""

from __future__ import annotations

import argparse
import io
import platform
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.responses import read_responses_csv, write_responses_csv  # noqa: E402
from analysis.scoring import score_responses  # noqa: E402
from surveys import Instrument, load_instrument  # noqa: E402

INSTRUMENT = ROOT / "surveys" / "instruments" / "appendix5-v1.yaml"
RESULTS = ROOT / "benchmarks" / "results" / "scoring.md"
TARGET_SECONDS = 10.0


def synthetic_rows(instrument: Instrument, count: int, seed: int) -> list[dict]:
    """Random answers: each closed answer given 85% of the time, free text sometimes."""
    rng = np.random.default_rng(seed)
    columns: dict[str, list] = {}
    for question in instrument.questions:
        answered = rng.random(count) < 0.85
        for answer in question.answers():
            if answer.is_comment:
                continue
            if answer.kind == "single":
                codes = np.array(question.choices(), dtype=object)
                picks = codes[rng.integers(0, len(codes), count)]
                columns[answer.key] = np.where(rng.random(count) < 0.85, picks, None).tolist()
            elif answer.kind == "scale":
                picks = rng.integers(question.min, question.max + 1, count).astype(object)
                columns[answer.key] = np.where(answered, picks, None).tolist()
            elif answer.kind == "multiple":
                normal = [option.code for option in question.options if not option.exclusive]
                columns[answer.key] = [
                    "|".join(rng.choice(normal, size=2, replace=False)) if a else None
                    for a in answered
                ]
            else:
                text = np.where(rng.random(count) < 0.2, "Some text, N/A", None)
                columns[answer.key] = text.tolist()
    names = list(columns)
    return [
        {"response_id": f"r{i}", **{name: columns[name][i] for name in names}} for i in range(count)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-write", action="store_true", help="do not write the results file")
    args = parser.parse_args()

    instrument, source = load_instrument(INSTRUMENT), str(INSTRUMENT.relative_to(ROOT))
    rows = synthetic_rows(instrument, args.responses, args.seed)

    buffer = io.StringIO(newline="")
    started = time.perf_counter()
    write_responses_csv(instrument, rows, buffer)
    write_s = time.perf_counter() - started
    text = buffer.getvalue()

    started = time.perf_counter()
    parsed = read_responses_csv(instrument, text)
    read_s = time.perf_counter() - started

    started = time.perf_counter()
    result = score_responses(instrument, parsed)
    score_s = time.perf_counter() - started

    items = sum(len(a["items"]) for a in result["areas"])
    verdict = "PASS" if score_s < TARGET_SECONDS else "FAIL"
    lines = [
        "# Scoring benchmark",
        "",
        "Produced by `python benchmarks/scoring_bench.py`.",
        "",
        f"- Instrument: {source}",
        f"- Responses: {args.responses:,} (synthetic, seed {args.seed}); "
        f"{len(result['areas'])} areas, {items} scored items, "
        f"{len(result['breakdowns'])} breakdowns",
        f"- Machine: {platform.machine()}, Python {platform.python_version()}, "
        f"numpy {np.__version__}",
        "",
        "| step | seconds |",
        "|---|---|",
        f"| write export CSV ({len(text) / 1e6:.1f} MB) | {write_s:.2f} |",
        f"| read and check export CSV | {read_s:.2f} |",
        f"| **score_responses (areas, items, breakdowns, suppression)** | **{score_s:.2f}** |",
        "",
        f"Target: scoring under {TARGET_SECONDS:.0f} s. Result: **{verdict}**.",
        "",
    ]
    report = "\n".join(lines)
    print(report)
    if not args.no_write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(report, encoding="utf-8")
    if verdict == "FAIL":
        sys.exit(1)


if __name__ == "__main__":
    main()
