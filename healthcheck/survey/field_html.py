"""The survey page's HTML: each field through the GOV.UK Design System's Jinja macros.

Which component shows a question comes from its type's ``widget`` (surveys/question_types.py):
radios, checkboxes, a scale's inline radios, a character count, or a grid's fieldset of small
radios, one group a row. healthcheck/survey/forms.py caches what these return.
"""

from __future__ import annotations

from flask import current_app
from markupsafe import Markup

from surveys import Question

from .fields import Field

GRID_SPLIT = Markup("<!--grid-rows-->")
MACROS = {
    "govukRadios": "govuk_frontend_jinja/components/radios/macro.html",
    "govukCheckboxes": "govuk_frontend_jinja/components/checkboxes/macro.html",
    "govukCharacterCount": "govuk_frontend_jinja/components/character-count/macro.html",
    "govukFieldset": "govuk_frontend_jinja/components/fieldset/macro.html",
}


def _macro(name: str):
    env = current_app.jinja_env
    return getattr(env.get_template(MACROS[name]).module, name)


def _legend(question: Question) -> str:
    text = question.survey_text
    return f"{question.number}. {text}" if question.number is not None else text


def _fieldset(question: Question) -> dict:
    return {"legend": {"text": _legend(question), "classes": "govuk-fieldset__legend--m"}}


def _option_items(question: Question, value) -> list[dict]:
    return [
        {"value": o.code, "text": o.label, "checked": o.code == value} for o in question.options
    ]


def _group(macro: str, fld: Field, items: list[dict], error_message, **params) -> Markup:
    """A radios or checkboxes component for one field: the question's legend and hint unless
    ``params`` say otherwise."""
    hint = fld.question.hint
    return _macro(macro)(
        {
            "idPrefix": fld.id,
            "name": fld.name,
            "fieldset": _fieldset(fld.question),
            "hint": {"text": hint} if hint else None,
            "errorMessage": error_message,
            "items": items,
            **params,
        }
    )


def _checkboxes(fld: Field, value, error_message: dict | None) -> Markup:
    chosen = set(value or ())
    items = []
    for option in fld.question.options:
        if option.exclusive:
            items.append({"divider": "or"})
        item = {"value": option.code, "text": option.label, "checked": option.code in chosen}
        if option.exclusive:
            item["behaviour"] = "exclusive"
        items.append(item)
    return _group("govukCheckboxes", fld, items, error_message)


def _grid_row(fld: Field, value, error_message: dict | None) -> Markup:
    """One row of a grid: small radios under the row's label (the grid's fieldset holds the
    question and its hint)."""
    legend = {"text": fld.label, "classes": "govuk-fieldset__legend--s"}
    items = _option_items(fld.question, value)
    return _group(
        "govukRadios",
        fld,
        items,
        error_message,
        classes="govuk-radios--small",
        fieldset={"legend": legend},
        hint=None,
    )


def _scale(fld: Field, value, error_message: dict | None) -> Markup:
    question = fld.question
    hint = question.hint
    if question.min_label and question.max_label:
        hint = (
            f"{question.min} means ‘{question.min_label}’ and {question.max} means "
            f"‘{question.max_label}’"
        )
    items = [{"value": code, "text": code, "checked": code == value} for code in fld.choices]
    return _group(
        "govukRadios",
        fld,
        items,
        error_message,
        classes="govuk-radios--inline",
        hint={"text": hint} if hint else None,
    )


def _radios(fld: Field, value, error_message: dict | None) -> Markup:
    return _group("govukRadios", fld, _option_items(fld.question, value), error_message)


# A closed field's component by its question type's widget (a grid's rows: one group a row).
_CLOSED_WIDGETS = {"checkboxes": _checkboxes, "grid": _grid_row, "scale": _scale, "radios": _radios}


def closed_macro(fld: Field, value, error: str | None) -> Markup:
    """A closed field (options or scale points) as the component its question type names."""
    show = _CLOSED_WIDGETS[fld.question.type_info.widget]
    return show(fld, value, {"text": error} if error else None)


def text_macro(fld: Field, value: str, error: str | None) -> Markup:
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


def grid_frame(question: Question) -> tuple[Markup, Markup]:
    """The fieldset around a grid question's rows, split where the rows go."""
    html = _macro("govukFieldset")(
        {
            **_fieldset(question),
            "describedBy": f"{question.id}-hint" if question.hint else None,
            "html": (
                Markup('<div id="{}-hint" class="govuk-hint">{}</div>').format(
                    question.id, question.hint
                )
                if question.hint
                else Markup("")
            )
            + GRID_SPLIT,
        }
    ).strip()
    opening, closing = html.split(GRID_SPLIT)
    return opening, closing
