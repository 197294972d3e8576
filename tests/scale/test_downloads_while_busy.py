"""Downloads while the survey is busy, on SQLite, against a real gunicorn (red-team defect 9).

Before: during 200 submissions 111 of 124 PSW downloads returned 500 "database is locked": a
GET began a deferred transaction, read, then wrote its audit row (and claimed the analysis),
and SQLite does not wait to upgrade a read to a write. Here respondents submit concurrently
while the PSW downloads every file in turn: not one 5xx, nothing lost. The response export
waits for the cycle to close (it is closed after the submissions, and every file checked).
The full-size run (200 submissions, SQLite and PostgreSQL) is benchmarks/downloads_while_busy.py.
"""

import argparse

import pytest

from benchmarks.downloads_while_busy import run_backend
from benchmarks.harness import sqlite_url

pytestmark = pytest.mark.slow


def test_no_download_fails_while_respondents_submit(tmp_path):
    args = argparse.Namespace(submissions=40, respondents=6, downloaders=2, workers=2, threads=4)
    result = run_backend("SQLite", sqlite_url(tmp_path), args)

    assert result["errors"] == 0, result["samples"] + result["final_problems"]
    assert set(result["statuses"]) == {200}, result["statuses"]
    assert result["submissions"] == 40 and result["stored"] == 40
    assert result["downloads"] >= 10
    # Files came, up to date or the previous results (marked); the response export waited
    # for the cycle to close, then came up to date with every other file (final_problems).
    assert result["files"] + result["previous"] > 0
    assert result["waits"] > 0
