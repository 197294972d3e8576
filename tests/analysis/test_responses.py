"""The export CSV: written from plain dicts, read back and checked, with clear errors."""

import io

import pytest

from analysis.responses import (
    ResponsesFileError,
    read_responses_csv,
    write_responses_csv,
)

from .score_fixtures import INSTRUMENT

COLUMNS = [
    "response_id",
    "Q1",
    "Q1.comment",
    "Q2",
    "Q3",
    "G.it",
    "G.cars",
    "S",
    "M",
    "Y",
    "E",
    "about_role",
    "about_team",
    "about_service",
]


def header(*names):
    return ",".join(names) + "\r\n"


def test_columns_follow_instrument_order():
    assert list(INSTRUMENT.columns()) == COLUMNS


def test_write_then_read_round_trip():
    rows = [
        {
            "response_id": "a1",
            "Q1": "g",
            "Q1.comment": 'Said "hi",\nthen left',
            "S": 4,
            "M": ["a", "b"],
            "Q3": "N/A",
            "G.it": "not_used",
        },
        {"response_id": "a2", "Q3": "None", "E": None},
    ]
    buffer = io.StringIO(newline="")
    assert write_responses_csv(INSTRUMENT, rows, buffer) == 2
    text = buffer.getvalue()
    assert text.splitlines()[0] == ",".join(COLUMNS)
    back = read_responses_csv(INSTRUMENT, text)
    assert back[0]["Q1.comment"] == 'Said "hi",\nthen left'
    assert (back[0]["S"], back[0]["M"], back[0]["Q3"], back[0]["E"]) == ("4", "a|b", "N/A", None)
    assert back[1]["Q3"] == "None"  # text, not a missing value
    assert back[1]["Q1"] is None and set(back[1]) == set(COLUMNS)


def test_writer_refuses_columns_the_export_does_not_have():
    with pytest.raises(ValueError, match="ip_address"):
        write_responses_csv(INSTRUMENT, [{"response_id": "1", "ip_address": "x"}], io.StringIO())


def test_bytes_with_a_byte_order_mark_and_missing_columns():
    data = "\ufeffresponse_id,Q1\r\n1,vg\r\n".encode("utf-8")
    rows = read_responses_csv(INSTRUMENT, data)
    assert rows[0]["Q1"] == "vg" and rows[0]["S"] is None


def test_every_problem_is_listed_by_line_and_column():
    text = header("response_id", "Q1", "S", "M", "about_role") + (
        "1,sometimes,11,a|none,sw\r\n" "2,vg,2.5,a|a,boss\r\n" ",vg,3,,\r\n" "1,vg,3,b,ot\r\n"
    )
    with pytest.raises(ResponsesFileError) as caught:
        read_responses_csv(INSTRUMENT, text)
    assert caught.value.errors == [
        "Line 2, column Q1: 'sometimes' is not an option (choose from: vp, p, f, g, vg)",
        "Line 2, column S: 11 is not from 1 to 5",
        "Line 2, column M: 'none' cannot be chosen with other options",
        "Line 3, column S: '2.5' is not a whole number from 1 to 5",
        "Line 3, column M: an option is given more than once",
        "Line 3, column about_role: 'boss' is not an option "
        "(choose from: sw, ot, mgr, prefer_not_to_say)",
        "Line 4, column response_id: enter a response id",
        "Line 5, column response_id: '1' is also on line 2",
    ]


def test_bad_header_and_bad_files():
    with pytest.raises(ResponsesFileError, match="column Q99: not a column of instrument mini"):
        read_responses_csv(INSTRUMENT, header("response_id", "Q99"))
    with pytest.raises(ResponsesFileError, match="no 'response_id' column"):
        read_responses_csv(INSTRUMENT, header("Q1"))
    with pytest.raises(ResponsesFileError, match="appears more than once"):
        read_responses_csv(INSTRUMENT, header("response_id", "Q1", "Q1"))
    with pytest.raises(ResponsesFileError, match="empty"):
        read_responses_csv(INSTRUMENT, b"")
    with pytest.raises(ResponsesFileError, match="binary"):
        read_responses_csv(INSTRUMENT, b"PK\x03\x04\x00\x00")
    with pytest.raises(ResponsesFileError, match="UTF-8"):
        read_responses_csv(INSTRUMENT, "response_id\r\n\xe9t\xe9\r\n".encode("latin-1"))
    with pytest.raises(ResponsesFileError, match="Line 2: 3 values, but the header has 2"):
        read_responses_csv(INSTRUMENT, header("response_id", "Q1") + "1,vg,extra\r\n")


def test_blank_lines_are_skipped():
    rows = read_responses_csv(INSTRUMENT, header("response_id", "Q1") + "1,vg\r\n,\r\n\r\n2,\r\n")
    assert [r["response_id"] for r in rows] == ["1", "2"]
