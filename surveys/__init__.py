"""Instruments as data: the survey and focus-group questions, loaded from versioned YAML files.

See docs/instrument-format.md for the file format and surveys/instruments/ for the files.
"""

from surveys.loader import (
    COMMENT_KEY,
    INSTRUMENTS_DIR,
    RESPONSE_ID_COLUMN,
    SCHEMA_PATH,
    Area,
    Comment,
    Instrument,
    InstrumentError,
    InstrumentNotFound,
    InstrumentRef,
    Option,
    Question,
    Row,
    ScoredItem,
    Section,
    Topic,
    available_instruments,
    load_bundled,
    load_instrument,
    parse_instrument,
)

__all__ = [
    "COMMENT_KEY",
    "INSTRUMENTS_DIR",
    "RESPONSE_ID_COLUMN",
    "SCHEMA_PATH",
    "Area",
    "Comment",
    "Instrument",
    "InstrumentError",
    "InstrumentNotFound",
    "InstrumentRef",
    "Option",
    "Question",
    "Row",
    "ScoredItem",
    "Section",
    "Topic",
    "available_instruments",
    "load_bundled",
    "load_instrument",
    "parse_instrument",
]
