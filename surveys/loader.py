"""Load and check instrument files (surveys/instruments/<id>-v<version>.yaml).

An instrument file is validated twice when it is loaded: against surveys/schema.json (its shape)
and by the checks here that a schema cannot express (unique ids, area references, fields that
only some question types use). Anything wrong raises InstrumentError naming the file, the
question and the problem, so that a bad edit is caught by `flask instrument check` or by the
tests rather than by a respondent. The format is described in docs/instrument-format.md.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterable, Mapping, NamedTuple

import jsonschema
import yaml

INSTRUMENTS_DIR = Path(__file__).resolve().parent / "instruments"
SCHEMA_PATH = Path(__file__).resolve().parent / "schema.json"

RESPONSE_ID_COLUMN = "response_id"
COMMENT_KEY = "comment"
DEFAULT_MAX_LENGTH = 2000
QUESTION_TYPES = ("single", "multiple", "scale", "text", "grid")
CLOSED_TYPES = frozenset({"single", "multiple", "grid"})
FOCUS_GROUP_MODES = ("notes", "scores", "counts")

_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FILENAME = re.compile(r"^(?P<id>[a-z][a-z0-9_]*)-v(?P<version>[1-9][0-9]*)\.yaml$")
_PATTERN_WORDING = {
    "^[a-z][a-z0-9_]*$": "use lower-case letters, digits and _, starting with a letter",
    "^[a-z0-9][a-z0-9_]*$": "use lower-case letters, digits and _",
    "^[A-Za-z][A-Za-z0-9_]*$": "use letters, digits and _, starting with a letter",
}


class InstrumentError(Exception):
    """An instrument file that cannot be used, with every problem found in it.

    ``str(error)`` gives one line per problem, each starting with the file name, for example
    ``appendix5-v1.yaml: question Q7: grid question has no options``.
    """

    def __init__(self, filename: str, problems: str | Iterable[str]):
        self.filename = filename
        self.problems = (problems,) if isinstance(problems, str) else tuple(problems)
        super().__init__("\n".join(f"{filename}: {problem}" for problem in self.problems))


class InstrumentNotFound(InstrumentError, LookupError):
    """No bundled instrument has the id and version asked for."""


# --- The instrument as Python objects -----------------------------------------------------------


@dataclass(frozen=True)
class Area:
    """One of the health-check areas that scored questions feed."""

    id: str
    name: str


@dataclass(frozen=True)
class Topic:
    """A focus-group discussion topic; ``short_title`` names it where space is short."""

    id: str
    title: str
    short_title: str


@dataclass(frozen=True)
class Option:
    """A possible answer; ``scored=False`` answers (Not used, Prefer not to say) carry no score."""

    code: str
    label: str
    scored: bool = True
    exclusive: bool = False


@dataclass(frozen=True)
class Row:
    """A row of a grid question, answered with the question's options.

    ``short_title`` names the row on its own (in themes, charts and tables, where the question is
    not beside it); ``self_rated`` marks a row in which respondents rate themselves rather than
    their team or organisation.
    """

    code: str
    label: str
    short_title: str
    self_rated: bool = False


@dataclass(frozen=True)
class Comment:
    """The optional free-text box beside a closed answer."""

    label: str
    max_length: int = DEFAULT_MAX_LENGTH


@dataclass(frozen=True)
class Question:
    """A question, as the instrument file gives it (defaults filled in).

    ``short_title`` (at most about 45 characters) names the question where its text would not
    fit: themes, chart labels, table headings. ``self_rated`` marks questions in which the
    respondent rates themselves ("I have the right knowledge and skills"), which readers of the
    results weigh differently from ratings of the team or organisation.
    """

    id: str
    number: int | None
    text: str
    type: str
    area: str | None
    scored: bool
    section: str
    short_title: str
    self_rated: bool = False
    required: bool = False
    addition: bool = False
    closed_answer_added: bool = False
    hint: str | None = None
    options: tuple[Option, ...] = ()
    rows: tuple[Row, ...] = ()
    min: int | None = None
    max: int | None = None
    min_label: str | None = None
    max_label: str | None = None
    comment: Comment | None = None
    max_length: int | None = None
    focus_group: str | None = "notes"
    survey_text: str = ""
    roles: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.survey_text:
            object.__setattr__(self, "survey_text", self.text)

    def applies_to(self, role: str | None) -> bool:
        """Whether the survey asks this question of someone who gave ``role`` (None: not said).

        A question without ``roles`` is for everyone; one with ``roles`` is asked of those roles
        and of anyone who did not say (they can answer "Does not apply to my role").
        """
        return not self.roles or role is None or role in self.roles

    @property
    def is_closed(self) -> bool:
        """Whether the answer is chosen from options (single, multiple, grid)."""
        return self.type in CLOSED_TYPES

    @property
    def scored_options(self) -> tuple[Option, ...]:
        """The options that carry a score, least to most favourable."""
        return tuple(option for option in self.options if option.scored)

    def option(self, code: str) -> Option:
        """The option with this code; KeyError if there is none."""
        for option in self.options:
            if option.code == code:
                return option
        raise KeyError(f"question {self.id} has no option {code!r}")

    def answer_keys(self) -> tuple[str, ...]:
        """This question's export column keys: ``Q1``, ``Q7.it`` ..., then ``Q1.comment``."""
        if self.type == "grid":
            keys = [f"{self.id}.{row.code}" for row in self.rows]
        else:
            keys = [self.id]
        if self.comment is not None:
            keys.append(f"{self.id}.{COMMENT_KEY}")
        return tuple(keys)


@dataclass(frozen=True)
class Section:
    """A survey page: one heading of the source and its questions."""

    id: str
    title: str
    area: str | None
    questions: tuple[Question, ...]
    ask_first: bool = False


@dataclass(frozen=True)
class ScoredItem:
    """One scored answer key: a scored question, or one row of a scored grid."""

    key: str
    question: Question
    row: Row | None
    area: str


@dataclass(frozen=True)
class Instrument:
    """One version of an instrument. Load it with load_instrument() or load_bundled()."""

    id: str
    version: int
    title: str
    source: str | None
    areas: tuple[Area, ...]
    sections: tuple[Section, ...]
    discussion_topics: tuple[Topic, ...]
    role_question: str | None = None
    questions: tuple[Question, ...] = field(init=False)
    _raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)
    _by_id: Mapping[str, Question] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        questions = tuple(q for section in self.sections for q in section.questions)
        object.__setattr__(self, "questions", questions)
        object.__setattr__(self, "_by_id", MappingProxyType({q.id: q for q in questions}))

    @property
    def raw(self) -> dict[str, Any]:
        """The instrument as a plain dict (a fresh copy, defaults filled in), for analysis/."""
        return copy.deepcopy(dict(self._raw))

    @property
    def survey_sections(self) -> tuple[Section, ...]:
        """The sections in the order the survey asks them: ``ask_first`` ones, then the rest."""
        first = tuple(s for s in self.sections if s.ask_first)
        return first + tuple(s for s in self.sections if not s.ask_first)

    def role_of(self, answers: Mapping[str, Any]) -> str | None:
        """The respondent's role from their answers: a scored option of the role question.

        None when there is no role question or it was not answered, or answered with an
        unscored option ("Prefer not to say"): such respondents are asked every question.
        """
        if self.role_question is None:
            return None
        role = answers.get(self.role_question)
        scored = {option.code for option in self.question(self.role_question).scored_options}
        return role if isinstance(role, str) and role in scored else None

    def question(self, question_id: str) -> Question:
        """The question with this id; KeyError if there is none."""
        try:
            return self._by_id[question_id]
        except KeyError:
            raise KeyError(f"{self.id} v{self.version} has no question {question_id!r}") from None

    def area(self, area_id: str) -> Area:
        """The area with this id; KeyError if there is none."""
        for area in self.areas:
            if area.id == area_id:
                return area
        raise KeyError(f"{self.id} v{self.version} has no area {area_id!r}")

    def answer_keys(self) -> tuple[str, ...]:
        """Every answer key in instrument order (the export columns after response_id)."""
        return tuple(key for question in self.questions for key in question.answer_keys())

    def columns(self) -> tuple[str, ...]:
        """The anonymised export's columns in order: ``response_id``, then every answer key."""
        return (RESPONSE_ID_COLUMN, *self.answer_keys())

    def scored_items(self, area: str | None = None) -> tuple[ScoredItem, ...]:
        """The scored items in order (each grid row is its own item), optionally for one area."""
        items = []
        for question in self.questions:
            if not question.scored or (area is not None and question.area != area):
                continue
            if question.type == "grid":
                items.extend(
                    ScoredItem(f"{question.id}.{row.code}", question, row, question.area)
                    for row in question.rows
                )
            else:
                items.append(ScoredItem(question.id, question, None, question.area))
        return tuple(items)


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
    data = _parse_yaml(text, filename)
    problems = _schema_problems(data)
    if not problems:
        problems = _semantic_problems(data)
    if problems:
        raise InstrumentError(filename, problems)
    return _build(_with_defaults(data))


class InstrumentRef(NamedTuple):
    """A bundled instrument file."""

    id: str
    version: int
    path: Path


def available_instruments(directory: str | Path | None = None) -> list[InstrumentRef]:
    """The instrument files named ``<id>-v<version>.yaml`` in ``directory`` (default: bundled).

    Files are listed, not loaded: load_bundled() validates the one asked for.
    """
    directory = INSTRUMENTS_DIR if directory is None else Path(directory)
    refs = []
    for path in directory.glob("*.yaml"):
        match = _FILENAME.match(path.name)
        if match:
            refs.append(InstrumentRef(match["id"], int(match["version"]), path))
    return sorted(refs, key=lambda ref: (ref.id, ref.version))


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


# --- Schema -------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _schema_problems(data: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    for error in _validator().iter_errors(data):
        problem = _describe_schema_error(error, data)
        if problem not in problems:
            problems.append(problem)
    return problems


def _describe_schema_error(error: jsonschema.ValidationError, data: dict[str, Any]) -> str:
    path = list(error.absolute_path)
    where, rest, owner = _locate(path, data)
    instance = error.instance
    field_name = _field_name(rest, owner)

    if error.validator == "required":
        missing = [name for name in error.validator_value if name not in instance]
        question_type = instance.get("type") if where.startswith("question") else None
        if question_type in QUESTION_TYPES and missing[0] in ("options", "rows", "min", "max"):
            message = f"{question_type} question has no {' or '.join(missing)}"
        else:
            message = "missing " + ", ".join(repr(name) for name in missing)
    elif error.validator == "minItems" and rest and rest[-1] in ("options", "rows"):
        question_type = owner.get("type") if isinstance(owner, dict) else None
        message = f"{question_type or 'this'} question has no {rest[-1]}"
    elif error.validator == "minItems":
        message = f"{field_name}: the list is empty"
    elif error.validator == "additionalProperties":
        allowed = error.schema.get("properties", {})
        unknown = [name for name in instance if name not in allowed]
        message = "unknown field " + ", ".join(repr(name) for name in unknown)
        if where and rest:
            message = f"{field_name}: {message}"
    elif error.validator == "pattern":
        wording = _PATTERN_WORDING.get(error.validator_value, f"must match {error.validator_value}")
        message = f"{field_name}: {instance!r} is not allowed ({wording})"
    elif error.validator == "type" and isinstance(instance, bool):
        message = (
            f"{field_name}: {instance!r} is not of type {error.validator_value!r} "
            "(YAML reads unquoted yes / no / on / off as true / false: quote them)"
        )
    else:
        message = f"{field_name}: {error.message}" if field_name else error.message
    return f"{where}: {message}" if where else message


def _locate(path: list[Any], data: dict[str, Any]) -> tuple[str, list[Any], Any]:
    """Split a schema error path into a readable place, the rest of the path, and its owner."""
    if len(path) >= 2 and path[0] == "sections" and isinstance(path[1], int):
        section = data["sections"][path[1]]
        if len(path) >= 4 and path[2] == "questions" and isinstance(path[3], int):
            question = section["questions"][path[3]]
            if isinstance(question, dict) and isinstance(question.get("id"), str):
                return f"question {question['id']}", path[4:], question
            return f"{_place('section', section, path[1])}, question {path[3] + 1}", path[4:], {}
        return _place("section", section, path[1]), path[2:], section
    for key, noun in (("areas", "area"), ("discussion_topics", "discussion topic")):
        if len(path) >= 2 and path[0] == key and isinstance(path[1], int):
            return _place(noun, data[key][path[1]], path[1]), path[2:], data[key][path[1]]
    return "", path, data


def _place(noun: str, item: Any, index: int) -> str:
    if isinstance(item, dict) and isinstance(item.get("id"), str):
        return f"{noun} {item['id']}"
    return f"{noun} {index + 1}"


def _field_name(rest: list[Any], owner: Any) -> str:
    """Name a field inside its owner, such as ``option 'yes': label`` or ``rows``."""
    parts = []
    node = owner
    for index, step in enumerate(rest):
        if isinstance(step, int) and index > 0 and rest[index - 1] in ("options", "rows"):
            item = node[step] if isinstance(node, list) and step < len(node) else None
            code = item.get("code") if isinstance(item, dict) else None
            noun = "option" if rest[index - 1] == "options" else "row"
            parts[-1] = f"{noun} {code!r}" if isinstance(code, str) else f"{noun} {step + 1}"
        else:
            parts.append(str(step) if not isinstance(step, int) else f"item {step + 1}")
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            node = None
    return ": ".join(parts)


# --- Checks a schema cannot express -------------------------------------------------------------


def _semantic_problems(data: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    area_ids = [area["id"] for area in data["areas"]]
    known_areas = ", ".join(area_ids)
    for noun, items in (
        ("area", data["areas"]),
        ("discussion topic", data.get("discussion_topics", [])),
        ("section", data["sections"]),
    ):
        problems += [f"duplicate {noun} id {dup!r}" for dup in _duplicates(i["id"] for i in items)]

    problems += _role_problems(data)
    seen_questions: dict[str, str] = {}
    seen_numbers: dict[int, str] = {}
    for section in data["sections"]:
        if section["area"] is not None and section["area"] not in area_ids:
            problems.append(
                f"section {section['id']}: unknown area {section['area']!r} (areas: {known_areas})"
            )
        for question in section["questions"]:
            qid = question["id"]
            if qid in seen_questions:
                problems.append(
                    f"question {qid}: duplicate question id (also in section {seen_questions[qid]})"
                )
            seen_questions.setdefault(qid, section["id"])
            number = question.get("number")
            if number is not None:
                if number in seen_numbers:
                    problems.append(
                        f"question {qid}: number {number} is also used by question "
                        f"{seen_numbers[number]}"
                    )
                seen_numbers.setdefault(number, qid)
            problems += [
                f"question {qid}: {problem}" for problem in _question_problems(question, area_ids)
            ]
    return problems


def _role_problems(data: dict[str, Any]) -> list[str]:
    """role_question names a single question; every question's roles are its option codes."""
    questions = {q["id"]: q for s in data["sections"] for q in s["questions"]}
    with_roles = [q for q in questions.values() if q.get("roles")]
    name = data.get("role_question")
    if name is None:
        if with_roles:
            return [f"question {q['id']}: roles need a role_question" for q in with_roles]
        return []
    role_question = questions.get(name)
    if role_question is None or role_question["type"] != "single":
        return [f"role_question: {name!r} is not a single-choice question of this instrument"]
    codes = {option["code"] for option in role_question["options"]}
    problems = []
    for question in with_roles:
        unknown = [role for role in question["roles"] if role not in codes]
        if unknown:
            problems.append(
                f"question {question['id']}: roles {', '.join(map(repr, unknown))} are not "
                f"options of {name}"
            )
    return problems


def _question_problems(question: dict[str, Any], area_ids: list[str]) -> list[str]:
    problems = []
    qtype = question["type"]
    area = question["area"]
    if area is not None and area not in area_ids:
        problems.append(f"unknown area {area!r} (areas: {', '.join(area_ids)})")
    if question.get("addition") and question.get("number") is not None:
        problems.append("an addition has no source number (set number: null)")
    if not question.get("addition", False) and question.get("number") is None:
        problems.append("a question from the source needs its number (or addition: true)")

    used_only_by = {
        "options": ("single", "multiple", "grid"),
        "rows": ("grid",),
        "min": ("scale",),
        "max": ("scale",),
        "min_label": ("scale",),
        "max_label": ("scale",),
        "max_length": ("text",),
        "comment": ("single", "multiple", "scale", "grid"),
    }
    for name, types in used_only_by.items():
        if name in question and qtype not in types:
            problems.append(f"{name} is not used by {qtype} questions")

    options = question.get("options", [])
    problems += [f"duplicate option code {c!r}" for c in _duplicates(o["code"] for o in options)]
    rows = question.get("rows", [])
    problems += [f"duplicate row code {c!r}" for c in _duplicates(r["code"] for r in rows)]
    if any(row["code"] == COMMENT_KEY for row in rows):
        problems.append(f"row code {COMMENT_KEY!r} is reserved for the comment column")
    exclusive = [option["code"] for option in options if option.get("exclusive")]
    if exclusive and qtype != "multiple":
        problems.append("only options of a multiple question can be exclusive")
    elif len(exclusive) > 1:
        problems.append("more than one exclusive option: " + ", ".join(map(repr, exclusive)))

    if qtype == "scale" and question["min"] >= question["max"]:
        problems.append(f"scale min ({question['min']}) must be less than max ({question['max']})")

    if question["scored"]:
        if area is None:
            problems.append("a scored question needs an area")
        if qtype == "text":
            problems.append("text questions cannot be scored")
        if qtype in CLOSED_TYPES and len([o for o in options if o.get("scored", True)]) < 2:
            problems.append("a scored question needs at least two scored options")

    mode = question.get("focus_group", "notes")
    if mode == "scores" and qtype != "scale":
        problems.append("focus_group: scores is only for scale questions")
    if mode == "counts" and qtype not in CLOSED_TYPES:
        problems.append("focus_group: counts is only for single, multiple and grid questions")
    return problems


def _duplicates(values: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    duplicates = []
    for value in values:
        if value in seen and value not in duplicates:
            duplicates.append(value)
        seen.add(value)
    return duplicates


# --- Building -----------------------------------------------------------------------------------


def _with_defaults(data: dict[str, Any]) -> dict[str, Any]:
    """A copy of a valid instrument with every optional field present, so readers of ``raw``
    (analysis/) never have to know the defaults."""
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
            if question["type"] == "text":
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
        _raw=MappingProxyType(data),
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
