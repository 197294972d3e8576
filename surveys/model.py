"""The instrument as Python objects: what surveys/loader.py builds from a checked file.

Everything else (the survey pages, the export, analysis/) reads an instrument through these
classes; what differs by question type comes from surveys/question_types.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping

from surveys.question_types import QUESTION_TYPES, QuestionType

RESPONSE_ID_COLUMN = "response_id"
COMMENT_KEY = "comment"
DEFAULT_MAX_LENGTH = 2000


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
    def type_info(self) -> QuestionType:
        """What this question's type does (surveys/question_types.py)."""
        return QUESTION_TYPES[self.type]

    @property
    def is_closed(self) -> bool:
        """Whether the answer is chosen from options (single, multiple, grid)."""
        return self.type_info.closed

    @property
    def is_free_text(self) -> bool:
        """Whether the answer is free text (a text question; comment boxes aside)."""
        return self.type_info.free_text

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

    def choices(self) -> tuple[str, ...]:
        """The values a closed or scale answer may take (option codes, scale points as text)."""
        if self.type_info.closed:
            return tuple(option.code for option in self.options)
        if self.type_info.answer == "scale":
            return tuple(str(n) for n in range(self.min, self.max + 1))
        return ()

    def choice_labels(self) -> tuple[tuple[str, str], ...]:
        """(value, label) for each value a closed or scale answer may take: an option's label,
        or the scale point itself."""
        labels = {option.code: option.label for option in self.options}
        return tuple((code, labels.get(code, code)) for code in self.choices())

    def answers(self) -> tuple[Answer, ...]:
        """This question's answers, one an export column: its answer (one a row for a grid),
        then its comment box."""
        kind = self.type_info.answer
        if self.type_info.per_row:
            found = [Answer(f"{self.id}.{row.code}", self, kind, row) for row in self.rows]
        else:
            found = [Answer(self.id, self, kind)]
        if self.comment is not None:
            found.append(Answer(f"{self.id}.{COMMENT_KEY}", self, "text", is_comment=True))
        return tuple(found)

    def answer_keys(self) -> tuple[str, ...]:
        """This question's export column keys: ``Q1``, ``Q7.it`` ..., then ``Q1.comment``."""
        return tuple(answer.key for answer in self.answers())


@dataclass(frozen=True)
class Answer:
    """One answer key of a question: an export column and a field of the survey page.

    ``kind`` says how its value is read (surveys.question_types.ANSWER_KINDS): a grid row is a
    single choice, a comment box free text.
    """

    key: str
    question: Question
    kind: str
    row: Row | None = None
    is_comment: bool = False

    def text(self, value: Any) -> str:
        """A given value as the respondent saw it: option labels, one a line; "" if none."""
        if value in (None, "", []):
            return ""
        if self.kind in ("text", "scale"):
            return str(value)
        labels = {option.code: option.label for option in self.question.options}
        if isinstance(value, list):
            return "\n".join(labels.get(v, v) for v in value)
        return labels.get(value, value)


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
    _by_id: Mapping[str, Question] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        questions = tuple(q for section in self.sections for q in section.questions)
        object.__setattr__(self, "questions", questions)
        object.__setattr__(self, "_by_id", MappingProxyType({q.id: q for q in questions}))

    @property
    def survey_sections(self) -> tuple[Section, ...]:
        """The sections in the order the survey asks them: ``ask_first`` ones, then the rest."""
        first = tuple(s for s in self.sections if s.ask_first)
        return first + tuple(s for s in self.sections if not s.ask_first)

    def survey_title(self, section: Section) -> str:
        """A section's heading in the survey: its area's name (which the area's overall question
        names too), or its own title for a section outside the areas ("About you")."""
        return self.area(section.area).name if section.area else section.title

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

    def text_answers(self) -> tuple[Answer, ...]:
        """The free-text answers in order: text questions and the comment boxes of others."""
        return tuple(
            answer for q in self.questions for answer in q.answers() if answer.kind == "text"
        )

    def scored_items(self, area: str | None = None) -> tuple[ScoredItem, ...]:
        """The scored items in order (each grid row is its own item), optionally for one area.

        A scored question of a type that is never scored is refused when the file is loaded.
        """
        return tuple(
            ScoredItem(answer.key, question, answer.row, question.area)
            for question in self.questions
            if question.scored and question.type_info.scoring is not None
            if area is None or question.area == area
            for answer in question.answers()
            if not answer.is_comment
        )
