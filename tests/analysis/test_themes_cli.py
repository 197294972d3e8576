"""`healthcheck themes FILE.csv --text-column COL --out themes.json`, without the database."""

import csv
import json

import pytest
from click.testing import CliRunner

from healthcheck.commands.themes import themes

from .theme_fixtures import survey_rows


@pytest.fixture
def answers(tmp_path):
    path = tmp_path / "answers.csv"
    rows = survey_rows(120)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["response_id", "Q2", "question"])
        for i, row in enumerate(rows):
            writer.writerow([i, row["text"], row["question"]])
        writer.writerow([998, "N/A", "What could be improved about workload?"])
        writer.writerow([999, "", "What could be improved about workload?"])
    return path, len(rows) + 2


def run(*args):
    return CliRunner().invoke(themes, [str(a) for a in args], catch_exceptions=False)


def test_writes_themes_json(answers, tmp_path):
    path, n = answers
    out = tmp_path / "themes.json"
    result = run(path, "--text-column", "Q2", "--question-column", "question", "--out", out)
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    assert len(data["assignments"]) == len(data["sentiment"]) == n
    ids = {t["id"] for t in data["themes"]}
    assert all(a is None or a in ids for a in data["assignments"])
    assert data["assignments"][-1] is None  # the empty answer
    # "N/A" is an answer (nothing to add), not a missing value.
    nothing = next(t for t in data["themes"] if t["kind"] == "nothing")
    assert data["assignments"][-2] == nothing["id"]
    for theme in data["themes"]:
        assert {"id", "label", "keywords", "size", "sentiment", "quotes"} <= set(theme)
    assert all(-1 <= s <= 1 for s in data["sentiment"])


def test_k_option(answers, tmp_path):
    path, _ = answers
    out = tmp_path / "themes.json"
    assert run(path, "--text-column", "Q2", "--k", "3", "--out", out).exit_code == 0
    data = json.loads(out.read_text())
    assert data["k"] == 3
    assert len([t for t in data["themes"] if t["kind"] == "theme"]) <= 3


def test_previous_edits_are_kept(answers, tmp_path):
    path, _ = answers
    first = tmp_path / "first.json"
    assert run(path, "--text-column", "Q2", "--out", first).exit_code == 0
    data = json.loads(first.read_text())
    data["themes"][0]["label"] = "Our own name"
    data["themes"][0]["label_edited"] = True
    first.write_text(json.dumps(data))
    second = tmp_path / "second.json"
    result = run(path, "--text-column", "Q2", "--previous", first, "--out", second)
    assert result.exit_code == 0, result.output
    labels = [t["label"] for t in json.loads(second.read_text())["themes"]]
    assert "Our own name" in labels


def test_missing_column_is_a_clear_message(answers, tmp_path):
    path, _ = answers
    result = run(path, "--text-column", "Q99", "--out", tmp_path / "x.json")
    assert result.exit_code == 1
    assert "No text column named 'Q99'" in result.output
    assert "Q2" in result.output and "Traceback" not in result.output


def test_not_utf8_is_a_clear_message(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(b"text\n\xff\xfe\xfa\n")
    result = run(path, "--text-column", "text", "--out", tmp_path / "x.json")
    assert result.exit_code == 1 and "UTF-8" in result.output


def test_empty_file_gives_a_result(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("text\n\n\n", encoding="utf-8")
    out = tmp_path / "x.json"
    result = run(path, "--text-column", "text", "--out", out)
    assert result.exit_code == 0, result.output
    assert "No text to analyse" in result.output
    assert json.loads(out.read_text())["themes"] == []


def test_embeddings_without_the_extra_is_a_clear_message(answers, tmp_path):
    pytest.importorskip("click")
    try:
        import sentence_transformers  # noqa: F401
    except ImportError:
        pass
    else:
        pytest.skip("the embeddings extra is installed")
    path, _ = answers
    result = run(path, "--text-column", "Q2", "--method", "embeddings", "--out", tmp_path / "x")
    assert result.exit_code == 1
    assert "pip install 'healthcheck[embeddings]'" in result.output


def test_with_respondents_no_theme_comes_from_fewer_than_five(answers, tmp_path):
    """One respondent pasting one comment into 15 rows makes no theme when the command knows
    who wrote each row (--respondent-column); without it, it cannot tell (docs/themes.md)."""
    path, n = answers
    pasted = "The car park barrier at Riverside House is broken again every single morning"
    with path.open("a", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        for _ in range(15):
            writer.writerow([1000, pasted, "What could be improved about workload?"])

    def barrier_themes(data):
        return [
            t for t in data["themes"] if "barrier" in " ".join([t["label"], *t["keywords"]]).lower()
        ]

    out = tmp_path / "themes.json"
    result = run(path, "--text-column", "Q2", "--respondent-column", "response_id", "--out", out)
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    assert barrier_themes(data) == []
    assert data["withheld"] >= 1
    assert "fewer than 5 respondents" in result.output
    ids = {t["id"] for t in data["themes"]}
    assert all(a is None or a in ids for a in data["assignments"])
    assert data["assignments"][-1] is None  # the pasted rows belong to no theme
    assert len(data["assignments"]) == n + 15

    # without --respondent-column every row is its own writer: the rule cannot be applied
    result = run(path, "--text-column", "Q2", "--out", out)
    assert result.exit_code == 0, result.output
    assert barrier_themes(json.loads(out.read_text()))
