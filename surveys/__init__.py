"""Instruments as data: the survey and focus-group questions, loaded from versioned YAML files.

surveys.model holds the instrument as Python objects, surveys.question_types what each question
type does, surveys.validation the checks a file must pass and surveys.loader the loading. See
docs/instrument-format.md for the file format and surveys/instruments/ for the files.
"""

from surveys.errors import InstrumentError, InstrumentNotFound
from surveys.loader import (
    INSTRUMENTS_DIR,
    InstrumentRef,
    available_instruments,
    build_instrument,
    load_bundled,
    load_instrument,
    parse_instrument,
)
from surveys.model import (
    COMMENT_KEY,
    RESPONSE_ID_COLUMN,
    Answer,
    Area,
    Comment,
    Instrument,
    Option,
    Question,
    Row,
    ScoredItem,
    Section,
    Topic,
)
from surveys.question_types import QUESTION_TYPES, QuestionType
from surveys.validation import SCHEMA_PATH

__all__ = [
    "COMMENT_KEY",
    "INSTRUMENTS_DIR",
    "QUESTION_TYPES",
    "RESPONSE_ID_COLUMN",
    "SCHEMA_PATH",
    "Answer",
    "Area",
    "Comment",
    "Instrument",
    "InstrumentError",
    "InstrumentNotFound",
    "InstrumentRef",
    "Option",
    "Question",
    "QuestionType",
    "Row",
    "ScoredItem",
    "Section",
    "Topic",
    "available_instruments",
    "build_instrument",
    "load_bundled",
    "load_instrument",
    "parse_instrument",
]
