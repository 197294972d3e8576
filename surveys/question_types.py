"""What each question type does, in one table: a new question type is a new row here.

Everything that differs between question types is read from QUESTION_TYPES, never from a test
of ``question.type == ...`` elsewhere: which optional fields of the instrument file a type uses
(and so which the checks refuse on other types), the export columns it gives (one, or one per
grid row), how each answer is read and checked (``answer``: one option, several options, a
point on a scale, or free text), how it is scored, what focus groups may record for it, and
how the survey page shows it. surveys/schema.json lists the types too (the file's shape).
"""

from __future__ import annotations

from dataclasses import dataclass

# The optional fields that only some types use, in the order the checks name them.
TYPE_FIELDS = ("options", "rows", "min", "max", "min_label", "max_label", "max_length", "comment")

# How one answer value is read: an option code, several option codes, a whole number on the
# question's scale, or free text. A comment box beside a closed answer is free text.
ANSWER_KINDS = ("single", "multiple", "scale", "text")


@dataclass(frozen=True)
class QuestionType:
    """One question type's behaviour.

    ``fields``: the optional fields of TYPE_FIELDS it uses. ``answer``: how each of its answers
    is read (ANSWER_KINDS); a grid answers every row as a single choice. ``scoring``:
    ``"options"`` (scored options, least to most favourable, map to 0..100), ``"scale"``
    (``min`` maps to 0 and ``max`` to 100) or None (never scored). ``focus_group``: the
    focus-group modes it allows. ``one_answer``: one option in all, so a focus group's counts
    add up to its participants at most. ``widget``: the survey page's GOV.UK component.
    """

    name: str
    fields: frozenset[str]
    answer: str
    scoring: str | None
    focus_group: frozenset[str]
    one_answer: bool
    widget: str

    @property
    def closed(self) -> bool:
        """Whether the answer is chosen from the question's options."""
        return "options" in self.fields

    @property
    def per_row(self) -> bool:
        """Whether the question is answered row by row (a grid), one export column a row."""
        return "rows" in self.fields

    @property
    def free_text(self) -> bool:
        return self.answer == "text"

    @property
    def exclusive_options(self) -> bool:
        """Whether an option may be marked exclusive ("None of these"): several can be chosen."""
        return self.answer == "multiple"

    def __str__(self) -> str:
        return self.name


QUESTION_TYPES: dict[str, QuestionType] = {
    t.name: t
    for t in (
        QuestionType(
            name="single",
            fields=frozenset({"options", "comment"}),
            answer="single",
            scoring="options",
            focus_group=frozenset({"notes", "counts"}),
            one_answer=True,
            widget="radios",
        ),
        QuestionType(
            name="multiple",
            fields=frozenset({"options", "comment"}),
            answer="multiple",
            scoring=None,
            focus_group=frozenset({"notes", "counts"}),
            one_answer=False,
            widget="checkboxes",
        ),
        QuestionType(
            name="scale",
            fields=frozenset({"min", "max", "min_label", "max_label", "comment"}),
            answer="scale",
            scoring="scale",
            focus_group=frozenset({"notes", "scores"}),
            one_answer=False,
            widget="scale",
        ),
        QuestionType(
            name="text",
            fields=frozenset({"max_length"}),
            answer="text",
            scoring=None,
            focus_group=frozenset({"notes"}),
            one_answer=False,
            widget="character_count",
        ),
        QuestionType(
            name="grid",
            fields=frozenset({"options", "rows", "comment"}),
            answer="single",
            scoring="options",
            focus_group=frozenset({"notes", "counts"}),
            one_answer=False,
            widget="grid",
        ),
    )
}


def types_where(test) -> list[str]:
    """The names of the types for which ``test(question_type)`` holds, in table order."""
    return [name for name, question_type in QUESTION_TYPES.items() if test(question_type)]


def name_list(names: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``: for messages that name the types a rule allows."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
