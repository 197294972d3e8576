"""The checks an instrument file must pass before it is built (surveys/loader.py).

Two passes: surveys/schema.json checks the file's shape, then the checks here do what a schema
cannot (unique ids, area references, the fields each question type uses, from
surveys/question_types.py). Each problem is one line naming the place and what is wrong, in
words an instrument author can act on.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import jsonschema

from surveys.model import COMMENT_KEY
from surveys.question_types import QUESTION_TYPES, TYPE_FIELDS, name_list, types_where

SCHEMA_PATH = Path(__file__).resolve().parent / "schema.json"

_PATTERN_WORDING = {
    "^[a-z][a-z0-9_]*$": "use lower-case letters, digits and _, starting with a letter",
    "^[a-z0-9][a-z0-9_]*$": "use lower-case letters, digits and _",
    "^[A-Za-z][A-Za-z0-9_]*$": "use letters, digits and _, starting with a letter",
}


def instrument_problems(data: dict[str, Any]) -> list[str]:
    """Every problem with an instrument file's data (``yaml.safe_load``'s dict), or []."""
    return _schema_problems(data) or _semantic_problems(data)


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

    question_type = QUESTION_TYPES[qtype]
    for name in TYPE_FIELDS:
        if name in question and name not in question_type.fields:
            problems.append(f"{name} is not used by {qtype} questions")

    options = question.get("options", [])
    problems += [f"duplicate option code {c!r}" for c in _duplicates(o["code"] for o in options)]
    rows = question.get("rows", [])
    problems += [f"duplicate row code {c!r}" for c in _duplicates(r["code"] for r in rows)]
    if any(row["code"] == COMMENT_KEY for row in rows):
        problems.append(f"row code {COMMENT_KEY!r} is reserved for the comment column")
    exclusive = [option["code"] for option in options if option.get("exclusive")]
    if exclusive and not question_type.exclusive_options:
        allowed = name_list(types_where(lambda t: t.exclusive_options))
        problems.append(f"only options of a {allowed} question can be exclusive")
    elif len(exclusive) > 1:
        problems.append("more than one exclusive option: " + ", ".join(map(repr, exclusive)))

    if "min" in question_type.fields and question["min"] >= question["max"]:
        problems.append(f"scale min ({question['min']}) must be less than max ({question['max']})")

    if question["scored"]:
        if area is None:
            problems.append("a scored question needs an area")
        if question_type.scoring is None:
            problems.append(f"{qtype} questions cannot be scored")
        elif question_type.closed and len([o for o in options if o.get("scored", True)]) < 2:
            problems.append("a scored question needs at least two scored options")

    mode = question.get("focus_group", "notes")
    if mode is not None and mode not in question_type.focus_group:
        allowed = name_list(types_where(lambda t: mode in t.focus_group))
        problems.append(f"focus_group: {mode} is only for {allowed} questions")
    return problems


def _duplicates(values: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    duplicates = []
    for value in values:
        if value in seen and value not in duplicates:
            duplicates.append(value)
        seen.add(value)
    return duplicates
