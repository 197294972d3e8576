"""Survey pages built from the instrument: one form per section, validated and rendered fast.

Each section's form is built once per instrument (and app) from the instrument file, not per
request: `section_form(instrument, section_id)` returns a cached `SectionForm`. It reads the
posted fields itself (no WTForms class is built per request) and renders every field with the
GOV.UK Design System's Jinja macros (govuk-frontend-jinja). The HTML a macro gives for a closed
question depends only on (question, chosen value, error), so it is cached under that key; a
free-text box is cached while empty, and rendered afresh only when it holds text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from flask import current_app
from markupsafe import Markup

from surveys import COMMENT_KEY, Instrument, Question

# Names a section form may post besides its fields.
CONTROL_FIELDS = frozenset({"csrf_token", "action"})
TAMPERED = "_form"
TAMPERED_MESSAGE = (
    "Part of the form was not recognised. Check your answers on this page and continue"
)
MAX_CACHED_FRAGMENTS = 20000
_GRID_SPLIT = Markup("<!--grid-rows-->")
MACROS = {
    "govukRadios": "govuk_frontend_jinja/components/radios/macro.html",
    "govukCheckboxes": "govuk_frontend_jinja/components/checkboxes/macro.html",
    "govukCharacterCount": "govuk_frontend_jinja/components/character-count/macro.html",
    "govukFieldset": "govuk_frontend_jinja/components/fieldset/macro.html",
}


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


def _question_name(question: Question) -> str:
    if question.number is not None:
        return f"question {question.number}"
    if question.area is None:
        return "this question"
    return "the overall rating"


def _fields_for(question: Question) -> list[Field]:
    fields = []
    if question.type == "grid":
        codes = tuple(option.code for option in question.options)
        for row in question.rows:
            name = f"{question.id}.{row.code}"
            fields.append(Field(name, html_id(name), question, "row", row.label, codes))
    elif question.type == "scale":
        codes = tuple(str(n) for n in range(question.min, question.max + 1))
        fields.append(
            Field(question.id, question.id, question, "scale", question.survey_text, codes)
        )
    elif question.type == "text":
        fields.append(
            Field(
                question.id,
                question.id,
                question,
                "text",
                question.survey_text,
                max_length=question.max_length,
            )
        )
    else:
        codes = tuple(option.code for option in question.options)
        fields.append(
            Field(question.id, question.id, question, question.type, question.survey_text, codes)
        )
    if question.comment is not None:
        name = f"{question.id}.{COMMENT_KEY}"
        fields.append(
            Field(
                name,
                html_id(name),
                question,
                "comment",
                question.comment.label,
                max_length=question.comment.max_length,
            )
        )
    return fields


@dataclass
class SectionForm:
    """The form for one survey page: its fields, how to read them and how to show them."""

    instrument: Instrument
    section_id: str
    title: str
    index: int  # 1-based position among the sections
    count: int
    questions: tuple[Question, ...]
    fields: tuple[Field, ...]
    by_name: Mapping[str, Field]
    all_keys: tuple[str, ...] = ()
    _cache: dict = field(default_factory=dict, repr=False)
    _for_roles: dict = field(default_factory=dict, repr=False)

    def for_role(self, role: str | None) -> "SectionForm":
        """This page as asked of someone in ``role`` (None: not said): questions whose roles
        leave them out are not shown, and posting their fields is refused as for any unknown
        field. Built once per role and reused; the whole section's keys() are unchanged."""
        questions = tuple(q for q in self.questions if q.applies_to(role))
        if questions == self.questions:
            return self
        form = self._for_roles.get(role)
        if form is None:
            fields = tuple(f for f in self.fields if f.question in questions)
            form = self._for_roles[role] = SectionForm(
                instrument=self.instrument,
                section_id=self.section_id,
                title=self.title,
                index=self.index,
                count=self.count,
                questions=questions,
                fields=fields,
                by_name={f.name: f for f in fields},
                all_keys=self.keys(),
            )
        return form

    # --- reading a POST -------------------------------------------------------------------------

    def parse(self, formdata) -> tuple[dict, dict]:
        """Read this section's answers from posted form data.

        Returns (values, errors). `values` holds every answer worth keeping, valid or not
        (an over-long text is kept so that it can be shortened, an unknown option is dropped);
        `errors` maps a field name (or TAMPERED) to a message in the Design System's voice.
        """
        values: dict[str, str | list[str]] = {}
        errors: dict[str, str] = {}
        for name in formdata.keys():
            if name not in self.by_name and name not in CONTROL_FIELDS:
                errors[TAMPERED] = TAMPERED_MESSAGE
        for fld in self.fields:
            raw = [v for v in formdata.getlist(fld.name) if v is not None]
            message = None
            if fld.is_text:
                text = (raw[0] if raw else "").replace("\r\n", "\n").strip()
                if len(raw) > 1:
                    errors[TAMPERED] = TAMPERED_MESSAGE
                if text:
                    values[fld.name] = text
                    if len(text) > fld.max_length:
                        message = self._too_long(fld)
                elif fld.kind == "text" and fld.question.required:
                    message = f"Enter your answer to {_question_name(fld.question)}"
            elif fld.kind == "multiple":
                chosen = [v for v in dict.fromkeys(raw) if v]
                valid = [v for v in chosen if v in fld.choices]
                if valid:
                    values[fld.name] = valid
                if len(valid) != len(chosen):
                    where = _question_name(fld.question)
                    message = f"Select from the options for {where}"  # nosec B608 (not SQL)
                elif self._exclusive_conflict(fld, valid):
                    exclusive = next(o for o in fld.question.options if o.exclusive)
                    message = (
                        f"Select ‘{exclusive.label}’ or the other options for "
                        f"{_question_name(fld.question)}, not both"
                    )
                elif not valid and fld.question.required:
                    message = f"Select at least one option for {_question_name(fld.question)}"
            else:
                chosen = [v for v in raw if v]
                if len(chosen) > 1:
                    message = f"Select one option for {_question_name(fld.question)}"
                elif chosen and chosen[0] not in fld.choices:
                    if fld.kind == "scale":
                        q = fld.question
                        where = f"{q.min} to {q.max} for {_question_name(q)}"
                        message = f"Select a number from {where}"  # nosec B608 (not SQL)
                    else:
                        message = f"Select one of the options for {_question_name(fld.question)}"
                elif chosen:
                    values[fld.name] = chosen[0]
                elif fld.question.required:
                    what = f"‘{fld.label}’ in " if fld.kind == "row" else ""
                    message = f"Select an answer for {what}{_question_name(fld.question)}"
            if message:
                errors[fld.name] = message
        if TAMPERED in errors:
            # Shown first in the summary, linking to the first question on the page.
            errors = {TAMPERED: errors.pop(TAMPERED), **errors}
        return values, errors

    @staticmethod
    def _too_long(fld: Field) -> str:
        what = "Your comment" if fld.kind == "comment" else "Your answer"
        where = _question_name(fld.question)
        return f"{what} to {where} must be {fld.max_length:,} characters or fewer"

    @staticmethod
    def _exclusive_conflict(fld: Field, chosen: list[str]) -> bool:
        exclusive = {o.code for o in fld.question.options if o.exclusive}
        return bool(exclusive & set(chosen)) and len(chosen) > 1

    def keys(self) -> tuple[str, ...]:
        """Every answer key of the section, asked on this page or not (saving replaces them)."""
        return self.all_keys or tuple(f.name for f in self.fields)

    # --- showing the page -----------------------------------------------------------------------

    def error_list(self, errors: Mapping[str, str]) -> list[dict]:
        """The GOV.UK error summary's list: each message links to its field."""
        first = self.fields[0].id if self.fields else "main-content"
        return [
            {"text": message, "href": "#" + (first if name == TAMPERED else self.by_name[name].id)}
            for name, message in errors.items()
        ]

    def render(self, values: Mapping, errors: Mapping[str, str]) -> Markup:
        """Every question of the section as GOV.UK components, with values and errors."""
        return Markup("").join(self._question_html(q, values, errors) for q in self.questions)

    def _question_html(self, question: Question, values: Mapping, errors: Mapping) -> Markup:
        parts = []
        if question.type == "grid":
            rows = []
            for fld in self.fields:
                if fld.question is question and fld.kind == "row":
                    rows.append(self._closed_html(fld, values.get(fld.name), errors.get(fld.name)))
            parts.append(self._grid_html(question, Markup("").join(rows)))
        for fld in self.fields:
            if fld.question is not question or fld.kind == "row":
                continue
            if fld.is_text:
                parts.append(self._text_html(fld, values.get(fld.name, ""), errors.get(fld.name)))
            else:
                parts.append(self._closed_html(fld, values.get(fld.name), errors.get(fld.name)))
        return Markup("").join(parts)

    def _cached(self, key, build) -> Markup:
        html = self._cache.get(key)
        if html is None:
            if len(self._cache) > MAX_CACHED_FRAGMENTS:
                self._cache.clear()
            html = self._cache[key] = build().strip()
        return html

    def _closed_html(self, fld: Field, value, error: str | None) -> Markup:
        value_key = tuple(value) if isinstance(value, list) else value
        return self._cached(
            ("closed", fld.name, value_key, error), lambda: _closed_macro(fld, value, error)
        )

    def _text_html(self, fld: Field, value: str, error: str | None) -> Markup:
        if value:
            return _text_macro(fld, value, error).strip()
        return self._cached(("text", fld.name, error), lambda: _text_macro(fld, "", error))

    def _grid_html(self, question: Question, rows_html: Markup) -> Markup:
        frame = self._cache.get(("grid", question.id))
        if frame is None:
            frame = self._cache[("grid", question.id)] = _grid_frame(question)
        return frame[0] + rows_html + frame[1]


# --- the GOV.UK macros ----------------------------------------------------------------------------


def _macro(name: str):
    env = current_app.jinja_env
    return getattr(env.get_template(MACROS[name]).module, name)


def _legend(question: Question) -> str:
    text = question.survey_text
    return f"{question.number}. {text}" if question.number is not None else text


def _closed_macro(fld: Field, value, error: str | None) -> Markup:
    question = fld.question
    error_message = {"text": error} if error else None
    if fld.kind == "multiple":
        chosen = set(value or ())
        items = []
        for option in question.options:
            if option.exclusive:
                items.append({"divider": "or"})
            item = {"value": option.code, "text": option.label, "checked": option.code in chosen}
            if option.exclusive:
                item["behaviour"] = "exclusive"
            items.append(item)
        return _macro("govukCheckboxes")(
            {
                "idPrefix": fld.id,
                "name": fld.name,
                "fieldset": {
                    "legend": {"text": _legend(question), "classes": "govuk-fieldset__legend--m"}
                },
                "hint": {"text": question.hint} if question.hint else None,
                "errorMessage": error_message,
                "items": items,
            }
        )
    if fld.kind == "row":
        items = [
            {"value": o.code, "text": o.label, "checked": o.code == value} for o in question.options
        ]
        return _macro("govukRadios")(
            {
                "idPrefix": fld.id,
                "name": fld.name,
                "classes": "govuk-radios--small",
                "fieldset": {"legend": {"text": fld.label, "classes": "govuk-fieldset__legend--s"}},
                "errorMessage": error_message,
                "items": items,
            }
        )
    if fld.kind == "scale":
        hint = question.hint
        if question.min_label and question.max_label:
            hint = (
                f"{question.min} means ‘{question.min_label}’ and {question.max} means "
                f"‘{question.max_label}’"
            )
        items = [{"value": code, "text": code, "checked": code == value} for code in fld.choices]
        return _macro("govukRadios")(
            {
                "idPrefix": fld.id,
                "name": fld.name,
                "classes": "govuk-radios--inline",
                "fieldset": {
                    "legend": {"text": _legend(question), "classes": "govuk-fieldset__legend--m"}
                },
                "hint": {"text": hint} if hint else None,
                "errorMessage": error_message,
                "items": items,
            }
        )
    items = [
        {"value": o.code, "text": o.label, "checked": o.code == value} for o in question.options
    ]
    return _macro("govukRadios")(
        {
            "idPrefix": fld.id,
            "name": fld.name,
            "fieldset": {
                "legend": {"text": _legend(question), "classes": "govuk-fieldset__legend--m"}
            },
            "hint": {"text": question.hint} if question.hint else None,
            "errorMessage": error_message,
            "items": items,
        }
    )


def _text_macro(fld: Field, value: str, error: str | None) -> Markup:
    question = fld.question
    if fld.kind == "comment":
        label = {"text": fld.label, "classes": "govuk-label--s"}
        hint = None
    else:
        label = {"text": _legend(question), "classes": "govuk-label--m"}
        hint = {"text": question.hint} if question.hint else None
    return _macro("govukCharacterCount")(
        {
            "id": fld.id,
            "name": fld.name,
            "label": label,
            "hint": hint,
            "value": value,
            "rows": 4 if fld.kind == "comment" else 5,
            "maxlength": fld.max_length,
            "errorMessage": {"text": error} if error else None,
        }
    )


def _grid_frame(question: Question) -> tuple[Markup, Markup]:
    """The fieldset around a grid question's rows, split where the rows go."""
    html = _macro("govukFieldset")(
        {
            "legend": {"text": _legend(question), "classes": "govuk-fieldset__legend--m"},
            "describedBy": f"{question.id}-hint" if question.hint else None,
            "html": (
                Markup('<div id="{}-hint" class="govuk-hint">{}</div>').format(
                    question.id, question.hint
                )
                if question.hint
                else Markup("")
            )
            + _GRID_SPLIT,
        }
    ).strip()
    opening, closing = html.split(_GRID_SPLIT)
    return opening, closing


# --- building ----------------------------------------------------------------------------------


def build_section_forms(instrument: Instrument) -> dict[str, SectionForm]:
    """A SectionForm for each section of the instrument, in the order the survey asks them.

    A section of an area is headed with the area's name, which its overall question names too.
    """
    forms = {}
    count = len(instrument.sections)
    for index, section in enumerate(instrument.survey_sections, start=1):
        fields = tuple(f for q in section.questions for f in _fields_for(q))
        forms[section.id] = SectionForm(
            instrument=instrument,
            section_id=section.id,
            title=instrument.survey_title(section),
            index=index,
            count=count,
            questions=section.questions,
            fields=fields,
            by_name={f.name: f for f in fields},
        )
    return forms


def section_forms(instrument: Instrument) -> dict[str, SectionForm]:
    """The instrument's section forms, built once per app and instrument and then reused."""
    cache = current_app.extensions.setdefault("survey_forms", {})
    key = (instrument.id, instrument.version, id(instrument))
    forms = cache.get(key)
    if forms is None:
        forms = cache[key] = build_section_forms(instrument)
    return forms
