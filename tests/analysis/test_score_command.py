"""`healthcheck score` on files, with no app, database or SECRET_KEY."""

import json

import pytest
import yaml
from click.testing import CliRunner

from healthcheck.commands.score import COMMANDS, score

from .score_fixtures import INSTRUMENT_DATA


@pytest.fixture
def files(tmp_path):
    instrument = tmp_path / "mini-v1.yaml"
    instrument.write_text(yaml.safe_dump(INSTRUMENT_DATA), encoding="utf-8")
    responses = tmp_path / "responses.csv"
    codes = ["vg", "g", "g", "f", "p", "vg"]
    responses.write_text(
        "response_id,Q1,S\r\n" + "".join(f"r{i},{c},4\r\n" for i, c in enumerate(codes)),
        encoding="utf-8",
    )
    return tmp_path, instrument, responses


def run(*args):
    return CliRunner().invoke(score, [str(a) for a in args], catch_exceptions=False)


def test_score_writes_scores_json(files):
    tmp_path, instrument, responses = files
    out = tmp_path / "scores.json"
    focus = tmp_path / "fg.json"
    focus.write_text(json.dumps([{"participants": 5, "scores": {"S": [3, 4, 5, 4, 4]}}]))
    metrics = tmp_path / "metrics.csv"
    metrics.write_text("name,value,target,better,area,period\nCaseload,18,20,lower,Workload,\n")
    result = run(
        responses,
        "--instrument",
        instrument,
        "--out",
        out,
        "--previous",
        responses,
        "--focus-groups",
        focus,
        "--metrics",
        metrics,
    )
    assert result.exit_code == 0, result.output
    assert "Scored 6 responses" in result.output
    data = json.loads(out.read_text())
    work = data["areas"][0]
    # 100, 75, 75, 50, 25, 100 -> 425 / 6 = 70.8; favourable vg, g, g, vg = 4 of 6
    assert {k: work[k] for k in ("id", "name", "score", "n", "favourable_pct", "rag")} == {
        "id": "work",
        "name": "Workload",
        "score": 70.8,
        "n": 6,
        "favourable_pct": 66.7,
        "rag": "green",
    }
    assert {"ci_low", "ci_high", "items"} <= set(work)
    assert data["year_on_year"]["areas"][0]["change"] == 0.0
    assert data["focus_groups"]["label"] == "Focus-group evidence"
    assert data["organisational_intelligence"]["figures"][0]["status"] == "green"
    assert data["proposals"]["strengths"] == []  # n 6 is below the proposal minimum of 10
    assert COMMANDS == [score]


def test_bad_csv_is_a_message_not_a_traceback(files):
    tmp_path, instrument, responses = files
    responses.write_text("response_id,Q1,Q99\r\n1,sometimes,x\r\n", encoding="utf-8")
    result = run(responses, "--instrument", instrument, "--out", tmp_path / "s.json")
    assert result.exit_code == 1
    assert "Line 1, column Q99: not a column of instrument mini version 1" in result.output
    assert "Traceback" not in result.output
    responses.write_text("response_id,Q1\r\n1,sometimes\r\n", encoding="utf-8")
    result = run(responses, "--instrument", instrument, "--out", tmp_path / "s.json")
    assert "Line 2, column Q1: 'sometimes' is not an option" in result.output
    assert not (tmp_path / "s.json").exists()


def test_bad_options(files):
    tmp_path, instrument, responses = files
    result = run(
        responses, "--instrument", instrument, "--out", tmp_path / "s.json", "--min-group", "3"
    )
    assert result.exit_code == 2 and "cannot be lower than 5" in result.output
    result = run(
        responses,
        "--instrument",
        instrument,
        "--out",
        tmp_path / "s.json",
        "--green",
        "40",
        "--amber",
        "60",
    )
    assert result.exit_code == 2 and "amber threshold must be lower" in result.output
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: [unclosed\n")
    result = run(responses, "--instrument", broken, "--out", tmp_path / "s.json")
    assert result.exit_code == 1 and "Traceback" not in result.output
