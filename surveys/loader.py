"""Load instrument files (surveys/instruments/<id>-v<version>.yaml) into surveys.model objects.

An instrument file is checked when it is loaded (surveys/validation.py: its shape against
surveys/schema.json, then what a schema cannot express). Anything wrong raises InstrumentError
naming the file, the question and the problem, so that a bad edit is caught by
`flask instrument check` or by the tests rather than by a respondent. The format is described
in docs/instrument-format.md.
"""

from __future__ import annotations

import copy
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from surveys.errors import InstrumentError, InstrumentNotFound
from surveys.model import (
    DEFAULT_MAX_LENGTH,
    Area,
    Comment,
    Instrument,
    Option,
    Question,
    Row,
    Section,
    Topic,
)
from surveys.question_types import QUESTION_TYPES
from surveys.validation import instrument_problems

INSTRUMENTS_DIR = Path(__file__).resolve().parent / "instruments"

_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FILENAME = re.compile(r"^(?P<id>[a-z][a-z0-9_]*)-v(?P<version>[1-9][0-9]*)\.yaml$")


# --- Loading ------------------------------------------------------------------------------------


def load_instrument(path: str | Path) -> Instrument:
    """Read, validate and return the instrument in the YAML file at ``path``.

    Raises InstrumentError naming the file and every problem found.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InstrumentError(path.name, "the file is not UTF-8 text") from None
    except OSError as exc:
        raise InstrumentError(path.name, f"cannot read the file ({exc.strerror})") from None
    return parse_instrument(text, filename=path.name)


def parse_instrument(text: str, filename: str = "<instrument>") -> Instrument:
    """Validate and return the instrument in YAML ``text``; ``filename`` is used in errors."""
    return build_instrument(_parse_yaml(text, filename), filename)


def build_instrument(data: dict[str, Any], filename: str = "<instrument>") -> Instrument:
    """Validate and return the instrument in ``data``, the mapping an instrument file holds
    (as ``yaml.safe_load`` gives it); ``filename`` is used in errors. ``data`` is not changed."""
    problems = instrument_problems(data)
    if problems:
        raise InstrumentError(filename, problems)
    return _build(_with_defaults(data))


class InstrumentRef(NamedTuple):
    """A bundled instrument file."""

    id: str
    version: int
    path: Path


# Where versions uploaded by the administrator are kept, beside the bundled ones (set by the
# app: its instance folder). A bundled file wins over an uploaded one with the same name.
_UPLOADED: list[Path] = []


def use_upload_directory(directory: str | Path | None) -> None:
    """Also look for instrument files in ``directory`` (None: bundled files only)."""
    _UPLOADED[:] = [] if directory is None else [Path(directory)]
    load_bundled.cache_clear()


def upload_directory() -> Path | None:
    return _UPLOADED[0] if _UPLOADED else None


def available_instruments(directory: str | Path | None = None) -> list[InstrumentRef]:
    """The instrument files named ``<id>-v<version>.yaml`` in ``directory`` (default: bundled,
    then uploaded).

    Files are listed, not loaded: load_bundled() validates the one asked for.
    """
    directories = [INSTRUMENTS_DIR, *_UPLOADED] if directory is None else [Path(directory)]
    refs: dict[tuple[str, int], InstrumentRef] = {}
    for folder in directories:
        if not folder.is_dir():
            continue
        for path in folder.glob("*.yaml"):
            match = _FILENAME.match(path.name)
            if match:
                ref = InstrumentRef(match["id"], int(match["version"]), path)
                refs.setdefault((ref.id, ref.version), ref)
    return sorted(refs.values(), key=lambda ref: (ref.id, ref.version))


@lru_cache(maxsize=32)
def load_bundled(instrument_id: str, version: int | None = None) -> Instrument:
    """The bundled instrument with this id and version (the latest version if None), cached.

    Raises InstrumentNotFound if there is no such file, InstrumentError if it is invalid or its
    id and version disagree with its name.
    """
    refs = [
        ref
        for ref in available_instruments()
        if ref.id == instrument_id and (version is None or ref.version == int(version))
    ]
    if not refs:
        wanted = instrument_id if version is None else f"{instrument_id}-v{version}"
        raise InstrumentNotFound(f"{wanted}.yaml", f"no bundled instrument in {INSTRUMENTS_DIR}")
    ref = max(refs, key=lambda ref: ref.version)
    instrument = load_instrument(ref.path)
    if (instrument.id, instrument.version) != (ref.id, ref.version):
        raise InstrumentError(
            ref.path.name,
            f"the file says id {instrument.id!r}, version {instrument.version}: "
            f"rename the file to {instrument.id}-v{instrument.version}.yaml or correct it",
        )
    return instrument


# --- YAML ---------------------------------------------------------------------------------------


def _parse_yaml(text: str, filename: str) -> Any:
    # What yaml.safe_load does (SafeLoader's constructor builds only plain types), split in two
    # so that keys given twice, which safe_load silently overwrites, can be refused in between;
    # libyaml's parser when present, as it is several times faster.
    loader = _SAFE_LOADER(text)
    try:
        node = loader.get_single_node()
        duplicate = _duplicate_key(node)
        if duplicate is None:
            data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        raise InstrumentError(filename, f"not valid YAML: {_yaml_problem(exc)}") from None
    finally:
        loader.dispose()
    if duplicate is not None:
        key, mark = duplicate
        raise InstrumentError(
            filename, f"not valid YAML: line {mark.line + 1}: {key!r} appears twice in one mapping"
        )
    if data is None:
        raise InstrumentError(filename, "the file is empty")
    if not isinstance(data, dict):
        raise InstrumentError(
            filename, "the file must hold a mapping (id, version, title, areas, sections)"
        )
    return data


def _yaml_problem(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None)
    if mark is None or problem is None:
        return str(exc).replace("\n", " ")
    return f"line {mark.line + 1}, column {mark.column + 1}: {problem}"


def _duplicate_key(root: yaml.Node | None) -> tuple[str, yaml.Mark] | None:
    stack, seen = [root] if root is not None else [], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            keys = set()
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.value != "<<":
                    if key_node.value in keys:
                        return key_node.value, key_node.start_mark
                    keys.add(key_node.value)
                stack.extend((key_node, value_node))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return None


# --- Building -----------------------------------------------------------------------------------


def _with_defaults(data: dict[str, Any]) -> dict[str, Any]:
    """A copy of a valid instrument with every optional field present."""
    data = copy.deepcopy(data)
    data.setdefault("source", None)
    data.setdefault("discussion_topics", [])
    data.setdefault("role_question", None)
    for topic in data["discussion_topics"]:
        topic.setdefault("short_title", topic["title"])
    for section in data["sections"]:
        section.setdefault("ask_first", False)
        for question in section["questions"]:
            question.setdefault("number", None)
            question.setdefault("survey_text", question["text"])
            question.setdefault("roles", [])
            question.setdefault("hint", None)
            question.setdefault("short_title", question["text"])
            for flag in ("required", "addition", "closed_answer_added", "self_rated"):
                question.setdefault(flag, False)
            question.setdefault("focus_group", "notes")
            for row in question.get("rows", []):
                row.setdefault("short_title", row["label"])
                row.setdefault("self_rated", False)
            for option in question.get("options", []):
                option.setdefault("scored", True)
                option.setdefault("exclusive", False)
            if question.get("comment") is not None:
                question["comment"].setdefault("max_length", DEFAULT_MAX_LENGTH)
            if "max_length" in QUESTION_TYPES[question["type"]].fields:
                question.setdefault("max_length", DEFAULT_MAX_LENGTH)
    return data


def _build(data: dict[str, Any]) -> Instrument:
    sections = []
    for section in data["sections"]:
        questions = tuple(_build_question(q, section["id"]) for q in section["questions"])
        sections.append(
            Section(
                section["id"], section["title"], section["area"], questions, section["ask_first"]
            )
        )
    return Instrument(
        id=data["id"],
        version=data["version"],
        title=data["title"],
        source=data["source"],
        areas=tuple(Area(area["id"], area["name"]) for area in data["areas"]),
        sections=tuple(sections),
        discussion_topics=tuple(
            Topic(t["id"], t["title"], t["short_title"]) for t in data["discussion_topics"]
        ),
        role_question=data["role_question"],
    )


def _build_question(question: dict[str, Any], section_id: str) -> Question:
    comment = question.get("comment")
    return Question(
        id=question["id"],
        number=question["number"],
        text=question["text"],
        type=question["type"],
        area=question["area"],
        scored=question["scored"],
        section=section_id,
        short_title=question["short_title"],
        self_rated=question["self_rated"],
        required=question["required"],
        addition=question["addition"],
        closed_answer_added=question["closed_answer_added"],
        hint=question["hint"],
        options=tuple(Option(**option) for option in question.get("options", [])),
        rows=tuple(Row(**row) for row in question.get("rows", [])),
        min=question.get("min"),
        max=question.get("max"),
        min_label=question.get("min_label"),
        max_label=question.get("max_label"),
        comment=Comment(**comment) if comment is not None else None,
        max_length=question.get("max_length"),
        focus_group=question["focus_group"],
        survey_text=question["survey_text"],
        roles=tuple(question["roles"]),
    )
