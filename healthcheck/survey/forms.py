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

from surveys import Instrument, Question

from .field_html import closed_macro, grid_frame, text_macro
from .fields import Field, fields_for, html_id, question_name

# Names a section form may post besides its fields.
CONTROL_FIELDS = frozenset({"csrf_token", "action"})
TAMPERED = "_form"
TAMPERED_MESSAGE = (
    "Part of the form was not recognised. Check your answers on this page and continue"
)
MAX_CACHED_FRAGMENTS = 20000

__all__ = ["Field", "SectionForm", "build_section_forms", "html_id", "section_forms"]


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
                    message = f"Enter your answer to {question_name(fld.question)}"
            elif fld.kind == "multiple":
                chosen = [v for v in dict.fromkeys(raw) if v]
                valid = [v for v in chosen if v in fld.choices]
                if valid:
                    values[fld.name] = valid
                if len(valid) != len(chosen):
                    where = question_name(fld.question)
                    message = f"Select from the options for {where}"  # nosec B608 (not SQL)
                elif self._exclusive_conflict(fld, valid):
                    exclusive = next(o for o in fld.question.options if o.exclusive)
                    message = (
                        f"Select ‘{exclusive.label}’ or the other options for "
                        f"{question_name(fld.question)}, not both"
                    )
                elif not valid and fld.question.required:
                    message = f"Select at least one option for {question_name(fld.question)}"
            else:
                chosen = [v for v in raw if v]
                if len(chosen) > 1:
                    message = f"Select one option for {question_name(fld.question)}"
                elif chosen and chosen[0] not in fld.choices:
                    if fld.kind == "scale":
                        q = fld.question
                        where = f"{q.min} to {q.max} for {question_name(q)}"
                        message = f"Select a number from {where}"  # nosec B608 (not SQL)
                    else:
                        message = f"Select one of the options for {question_name(fld.question)}"
                elif chosen:
                    values[fld.name] = chosen[0]
                elif fld.question.required:
                    what = f"‘{fld.label}’ in " if fld.kind == "row" else ""
                    message = f"Select an answer for {what}{question_name(fld.question)}"
            if message:
                errors[fld.name] = message
        if TAMPERED in errors:
            # Shown first in the summary, linking to the first question on the page.
            errors = {TAMPERED: errors.pop(TAMPERED), **errors}
        return values, errors

    @staticmethod
    def _too_long(fld: Field) -> str:
        what = "Your comment" if fld.kind == "comment" else "Your answer"
        where = question_name(fld.question)
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
        if question.type_info.widget == "grid":
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
            ("closed", fld.name, value_key, error), lambda: closed_macro(fld, value, error)
        )

    def _text_html(self, fld: Field, value: str, error: str | None) -> Markup:
        if value:
            return text_macro(fld, value, error).strip()
        return self._cached(("text", fld.name, error), lambda: text_macro(fld, "", error))

    def _grid_html(self, question: Question, rows_html: Markup) -> Markup:
        frame = self._cache.get(("grid", question.id))
        if frame is None:
            frame = self._cache[("grid", question.id)] = grid_frame(question)
        return frame[0] + rows_html + frame[1]


# --- building ----------------------------------------------------------------------------------


def build_section_forms(instrument: Instrument) -> dict[str, SectionForm]:
    """A SectionForm for each section of the instrument, in the order the survey asks them.

    A section of an area is headed with the area's name, which its overall question names too.
    """
    forms = {}
    count = len(instrument.sections)
    for index, section in enumerate(instrument.survey_sections, start=1):
        fields = tuple(f for q in section.questions for f in fields_for(q))
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
