"""Board evidence leaves out sentences that redaction left mostly placeholders."""

import pytest

from analysis.evidence_text import (
    first_staff_quote,
    has_placeholder,
    mostly_placeholders,
    quotable,
    staff_quotable,
    without_placeholder_quotes,
    without_placeholder_sentences,
)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("[name] at [address]", True),
        ("We met [name] at [address].", True),
        ("[phone]", True),
        ("Ring [name] about the rota.", False),
        ("Thanks to [name].", False),
        ("Caseloads are too high.", False),
        ("We discussed the [draft] policy.", False),  # brackets that are no placeholder
    ],
)
def test_mostly_placeholders(sentence, expected):
    assert mostly_placeholders(sentence) is expected


def test_the_rest_of_a_note_is_kept_as_written_line_by_line():
    text = "We met [name] at [address]. The rota is a mess!\n[email]\nPool cars are hard to book."
    assert without_placeholder_sentences(text) == (
        "The rota is a mess!\nPool cars are hard to book."
    )
    assert without_placeholder_sentences("[name] at [address]") == ""


def test_a_quote_is_kept_whole_or_left_out():
    assert quotable("The laptops crash. Ring [name] about it.")
    assert not quotable("The laptops crash. [name] at [address].")


def test_a_quote_for_the_board_or_staff_holds_no_placeholder_at_all():
    """Review 2, finding 5: "My manager [name] is great but…" reached the board PDF and the
    staff page although other quotes could show the theme."""
    assert has_placeholder("On case [case number] the provider pulled out twice.")
    assert not has_placeholder("We discussed the [draft] policy.")
    assert quotable("My manager [name] is great but supervision keeps being moved.")
    assert not staff_quotable("My manager [name] is great but supervision keeps being moved.")
    assert staff_quotable("Supervision keeps being moved.")
    assert not staff_quotable("  ")
    quotes = ["My manager [name] is great.", "I spoke to [name].", "Supervision is valued."]
    assert first_staff_quote(quotes) == "Supervision is valued."
    assert first_staff_quote(quotes[:2]) is None  # the theme goes without a quote


def test_an_evidence_line_loses_a_placeholder_quote_and_keeps_the_rest():
    line = "“Good supervision” (mixed): “My manager [name] is great but it keeps being moved.”"
    assert without_placeholder_quotes(line) == "“Good supervision” (mixed)"
    kept = "“Good supervision” (mixed): “Supervision is valued.”"
    assert without_placeholder_quotes(kept) == kept
    assert (
        without_placeholder_quotes("Ring [name] about the rota.") == "Ring [name] about the rota."
    )
