"""`healthcheck themes` and the app's themes apply exactly the same redaction engine.

One test runs both on the same comments with planted personal details: the command line on a
CSV file, the app's compute_themes (healthcheck/results/theme_results.py) on the same text as survey
answers, with the same staff list. Both must show the same labels and key terms and neither may
show any planted detail or staff name.
"""

import csv
import json
import sys
from collections import Counter
from pathlib import Path

from click.testing import CliRunner

from healthcheck.commands.themes import themes as themes_command
from healthcheck.results.theme_results import compute_themes

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import redaction_bench  # noqa: E402

STAFF = ["Oyelaran Fitzwilliam", "Precious Mbatha"]


def _shown(result_themes):
    shown = []
    for theme in result_themes:
        shown.append(theme["label"])
        shown.extend(theme["keywords"])
        shown.extend(q["text"] for q in theme["quotes"])
    return "\n".join(shown)


def test_command_line_and_app_redact_alike(app, tmp_path):
    corpus = redaction_bench.load_corpus()
    planted = corpus["planted"][:120]
    texts = [c["text"] for c in planted]
    texts += [
        f"Oyelaran said the rota is unfair and Fitzwilliam agreed, {i} times" for i in range(3)
    ]
    texts += ["precious mbatha covers duty every Friday and nobody thanks her"] * 2
    texts += [c["text"] for c in corpus["clean"]]

    source = tmp_path / "comments.csv"
    with source.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["comment", "who"])
        writer.writerows([t, i] for i, t in enumerate(texts))
    staff = tmp_path / "staff.txt"
    staff.write_text("\n".join(STAFF), encoding="utf-8")
    out = tmp_path / "themes.json"
    run = CliRunner().invoke(
        themes_command,
        [
            str(source),
            "--text-column",
            "comment",
            "--respondent-column",
            "who",
            "--staff-names",
            str(staff),
            "--out",
            str(out),
        ],
        catch_exceptions=False,
    )
    assert run.exit_code == 0, run.output
    cli = json.loads(out.read_text())

    survey_rows = [
        {
            "text": t,
            "question": None,
            "area": None,
            "source": "survey",
            "response": i,
            "role": "sw",
            "team": "t",
            "service": "s",
        }
        for i, t in enumerate(texts)
    ]
    sizes = {
        "role": Counter(sw=len(texts)),
        "team": Counter(t=len(texts)),
        "service": Counter(s=len(texts)),
    }
    web = compute_themes(survey_rows, [], sizes, len(texts), min_quote_group=10, staff_names=STAFF)

    assert [t["label"] for t in cli["themes"]] == [t["label"] for t in web["themes"]]
    assert [t["keywords"] for t in cli["themes"]] == [t["keywords"] for t in web["themes"]]
    for shown in (_shown(cli["themes"]), _shown(web["themes"])):
        leaks = [d for c in planted for d in c["details"] if redaction_bench.leaked(d, shown)]
        assert leaks == []
        for name in ("Oyelaran", "Fitzwilliam", "Mbatha"):
            assert name.lower() not in shown.lower()
