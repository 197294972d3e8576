"""Board evidence leaves out sentences that redaction left mostly placeholders."""

import pytest

from analysis.evidence_text import mostly_placeholders, quotable, without_placeholder_sentences


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
