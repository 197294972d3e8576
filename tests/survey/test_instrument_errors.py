"""The survey is built from the instrument: a file with a question missing its options fails to
load, and the message names the question."""

import pytest

from surveys import InstrumentError, load_instrument
from surveys.loader import INSTRUMENTS_DIR


def test_an_instrument_with_a_missing_option_list_fails_naming_the_question(tmp_path):
    text = (INSTRUMENTS_DIR / "appendix5-v1.yaml").read_text()
    start = text.index("      - id: Q3\n")
    options = text.index("        options:\n", start)
    comment = text.index("        comment:", options)
    broken = tmp_path / "appendix5-v1.yaml"
    broken.write_text(text[:options] + text[comment:])
    with pytest.raises(InstrumentError) as error:
        load_instrument(broken)
    assert "appendix5-v1.yaml: question Q3: single question has no options" in str(error.value)
