"""The fields of a survey page: one a posted answer key, read from the instrument.

A field's ``kind`` says how its value is read and shown: ``single``, ``multiple``, ``scale`` or
``text`` (the answer kinds of surveys/question_types.py), ``row`` for one row of a grid and
``comment`` for the free-text box beside a closed answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from surveys import Question


@dataclass(frozen=True)
class Field:
    """One posted field: an answer key of the instrument ("Q1", "Q7.it", "Q1.comment")."""

    name: str
    id: str
    question: Question
    kind: str  # single | multiple | scale | text | row | comment
    label: str
    choices: tuple[str, ...] = ()
    max_length: int | None = None

    @property
    def is_text(self) -> bool:
        return self.kind in ("text", "comment")


def html_id(name: str) -> str:
    """An HTML id for an answer key: "Q7.it" -> "Q7-it" (no dots, so CSS selectors work)."""
    return name.replace(".", "-")


def question_name(question: Question) -> str:
    if question.number is not None:
        return f"question {question.number}"
    if question.area is None:
        return "this question"
    return "the overall rating"


def fields_for(question: Question) -> list[Field]:
    """The fields of one question, one an answer key, in the order the page shows them."""
    fields = []
    for answer in question.answers():
        if answer.is_comment:
            kind, label = "comment", question.comment.label
            choices, max_length = (), question.comment.max_length
        else:
            kind = "row" if answer.row is not None else answer.kind
            label = answer.row.label if answer.row is not None else question.survey_text
            choices = question.choices()
            max_length = question.max_length if answer.kind == "text" else None
        fields.append(
            Field(answer.key, html_id(answer.key), question, kind, label, choices, max_length)
        )
    return fields
