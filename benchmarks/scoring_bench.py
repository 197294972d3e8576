"""Benchmark: score 100,000 synthetic responses (target: under 10 seconds).

    python benchmarks/scoring_bench.py [--responses 100000] [--seed 1]

Generates responses against surveys/instruments/appendix5-v1.yaml when it is present (else a
small built-in instrument), times writing and reading the export CSV and scoring it with
analysis.scoring.score_responses, prints the results and writes benchmarks/results/scoring.md.
"""

from __future__ import annotations

import argparse
import io
import platform
import sys
import time
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.responses import iter_questions, read_responses_csv, write_responses_csv  # noqa: E402
from analysis.scoring import score_responses  # noqa: E402

INSTRUMENT = ROOT / "surveys" / "instruments" / "appendix5-v1.yaml"
RESULTS = ROOT / "benchmarks" / "results" / "scoring.md"
TARGET_SECONDS = 10.0

FALLBACK = {
    "id": "bench",
    "version": 1,
    "areas": [{"id": "a", "name": "Area A"}, {"id": "b", "name": "Area B"}],
    "sections": [
        {
            "id": "s",
            "area": None,
            "questions": [
                {
                    "id": "Q1",
                    "type": "single",
                    "area": "a",
                    "scored": True,
                    "options": [{"code": c} for c in ("no", "partly", "yes")],
                },
                {"id": "Q2", "type": "scale", "area": "b", "scored": True, "min": 1, "max": 10},
                {
                    "id": "about_role",
                    "type": "single",
                    "area": None,
                    "scored": False,
                    "options": [{"code": c} for c in ("sw", "ot", "manager")],
                },
                {
                    "id": "about_team",
                    "type": "single",
                    "area": None,
                    "scored": False,
                    "options": [{"code": c} for c in ("t1", "t2", "t3", "t4")],
                },
                {
                    "id": "about_service",
                    "type": "single",
                    "area": None,
                    "scored": False,
                    "options": [{"code": c} for c in ("y0", "y2", "y5")],
                },
            ],
        }
    ],
}


def load_instrument() -> tuple[dict, str]:
    if INSTRUMENT.exists():
        return yaml.safe_load(INSTRUMENT.read_text(encoding="utf-8")), str(
            INSTRUMENT.relative_to(ROOT)
        )
    return FALLBACK, "built-in fixture (appendix5-v1.yaml not found)"


def synthetic_rows(instrument: dict, count: int, seed: int) -> list[dict]:
    """Random answers: each closed question answered 85% of the time, free text sometimes."""
    rng = np.random.default_rng(seed)
    columns: dict[str, list] = {}
    for question in iter_questions(instrument):
        qid, qtype = question["id"], question["type"]
        answered = rng.random(count) < 0.85
        if qtype in ("single", "grid"):
            codes = np.array([str(o["code"]) for o in question["options"]], dtype=object)
            keys = [f"{qid}.{r['code']}" for r in question.get("rows", [])] or [qid]
            for key in keys:
                picks = codes[rng.integers(0, len(codes), count)]
                columns[key] = np.where(rng.random(count) < 0.85, picks, None).tolist()
        elif qtype == "scale":
            picks = rng.integers(question["min"], question["max"] + 1, count).astype(object)
            columns[qid] = np.where(answered, picks, None).tolist()
        elif qtype == "multiple":
            normal = [str(o["code"]) for o in question["options"] if not o.get("exclusive")]
            columns[qid] = [
                "|".join(rng.choice(normal, size=2, replace=False)) if a else None for a in answered
            ]
        elif qtype == "text":
            columns[qid] = np.where(rng.random(count) < 0.2, "Some text, N/A", None).tolist()
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

    instrument, source = load_instrument()
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
