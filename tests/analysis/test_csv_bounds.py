"""Every CSV an upload brings is bounded in rows, columns and value size, cheaply."""

import csv
import sys

import pytest

from analysis.csv_bounds import CsvShapeError, bounded_rows


def rows(text, **bounds):
    return list(bounded_rows(text, **{"max_rows": 10, **bounds}))


def test_rows_come_with_their_line_numbers_blank_ones_included():
    text = 'name,value\r\n\r\n"two\r\nlines",2\r\nlast,3\r\n'
    assert rows(text) == [
        (1, ["name", "value"]),
        (2, []),
        (4, ["two\r\nlines", "2"]),
        (5, ["last", "3"]),
    ]


@pytest.mark.parametrize(
    "text, bounds, message",
    [
        ("a,b,c\n", {"max_columns": 2}, "Line 1: the file must have 2 columns or fewer"),
        (",".join("x" * 100_000), {}, "Line 1: the file must have 100 columns or fewer"),
        ("a\n" + "x" * 11 + "\n", {"max_value_chars": 10}, "Line 2: each value must be 10 "),
        # Longer than the csv module's own limit (131,072): its csv.Error becomes our message.
        ("a\n" + "x" * 131_073 + "\n", {}, "Line 2: each value must be 1,000 characters"),
        ('a\n"x' + "x" * 131_073, {}, "each value must be 1,000 characters or fewer"),
        ("h\n" + "r\n" * 4, {"max_rows": 3, "rows_called": "names"}, "more than 3 names"),
    ],
)
def test_a_file_over_a_bound_is_refused_with_a_message(text, bounds, message):
    with pytest.raises(CsvShapeError, match=message):
        rows(text, **bounds)


def test_the_header_and_blank_rows_do_not_count_towards_the_rows():
    text = "header\n\n" + "\n , \n".join(["row"] * 3) + "\n"
    assert len(rows(text, max_rows=3)) == 7
    with pytest.raises(CsvShapeError):
        rows(text + "row\n", max_rows=3)


def test_the_bound_holds_when_something_raised_the_csv_modules_own_limit():
    old = csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # as analysis.textio does
    try:
        with pytest.raises(CsvShapeError, match="Line 2: each value must be 1,000"):
            rows("a\n" + "x" * 200_000 + "\n")
    finally:
        csv.field_size_limit(old)
