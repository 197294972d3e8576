"""Forms for the Principal Social Worker's self-assessment, action plan and theme edits."""

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovDateInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    DateField,
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from analysis.theme_edits import tidy_label

from ..models.plan import ACTION_STATUSES


class SelfAssessmentForm(FlaskForm):
    strengths = TextAreaField(
        "Current strengths",
        widget=GovTextArea(),
        validators=[Length(max=20000, message="Strengths must be 20,000 characters or fewer")],
    )
    improvements = TextAreaField(
        "Areas for improvement",
        widget=GovTextArea(),
        validators=[
            Length(max=20000, message="Areas for improvement must be 20,000 characters or fewer")
        ],
    )
    submit = SubmitField("Save self-assessment", widget=GovSubmitInput())


class ActionForm(FlaskForm):
    area = SelectField(
        "Area",
        widget=GovSelect(),
        validators=[InputRequired(message="Select the area this action improves")],
    )
    action = TextAreaField(
        "Action",
        widget=GovTextArea(),
        validators=[
            InputRequired(message="Enter the action"),
            Length(max=2000, message="The action must be 2,000 characters or fewer"),
        ],
    )
    owner = StringField(
        "Owner",
        widget=GovTextInput(),
        validators=[
            InputRequired(message="Enter who owns the action"),
            Length(max=120, message="The owner must be 120 characters or fewer"),
        ],
    )
    due_on = DateField(
        "Due date",
        widget=GovDateInput(),
        format="%d %m %Y",
    )
    status = RadioField(
        "Status",
        widget=GovRadioInput(),
        choices=[SelectChoice(code, label) for code, label in ACTION_STATUSES.items()],
        default="not_started",
        validators=[InputRequired(message="Select the action's status")],
    )
    submit = SubmitField("Save action", widget=GovSubmitInput())

    def __init__(self, *args, areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.area.choices = [SelectChoice("", "Select an area")] + [
            SelectChoice(code, label) for code, label in areas
        ]

    def action_values(self) -> tuple:
        """(area, action, owner, due date, status), as plan.add_action and update_action take."""
        return (
            self.area.data,
            self.action.data,
            self.owner.data,
            self.due_on.data,
            self.status.data,
        )

    def validate_due_on(self, field):
        """Blank is fine; anything else must be a real date (in the Design System's words)."""
        field.errors[:] = []
        if len(field.raw_data or ()) != 3:  # the widget expects day, month and year
            field.raw_data = ["", "", ""]
        if not any(part.strip() for part in field.raw_data or ()):
            field.data = None
        elif field.data is None:
            raise ValidationError("Due date must be a real date, for example 31 3 2027")


class RenameThemeForm(FlaskForm):
    shown = HiddenField()  # what the page was made from (reports.theme_views.shown_digest)
    label = StringField(
        "New name for the theme",
        widget=GovTextInput(),
        validators=[
            InputRequired(message="Enter a name for the theme"),
            Length(max=120, message="The name must be 120 characters or fewer"),
        ],
    )
    submit = SubmitField("Rename theme", widget=GovSubmitInput())


def _spaced(value):
    """A typed name tidied as it is kept (analysis.theme_edits.tidy_label), so its length is
    counted, and an empty one refused, before anything is saved."""
    return tidy_label(value) if isinstance(value, str) else value


def rename_parts_form(parts: list[dict], filled: bool) -> FlaskForm:
    """A form with one name per part of a theme (``parts``: "What it covers", as
    {"label", "size", "original"}), ``part_1``, ``part_2``, ...; ``filled``: with the parts'
    names (to show), else from the request."""

    class RenamePartsForm(FlaskForm):
        shown = HiddenField()  # what the page was made from (reports.theme_views.shown_digest)
        submit = SubmitField("Save names", widget=GovSubmitInput())

    for n, part in enumerate(parts, 1):
        setattr(
            RenamePartsForm,
            f"part_{n}",
            # A box that wraps: a part's name can be a sentence, longer than a phone is wide.
            TextAreaField(
                f"Part {n} ({part['size']} statements)",
                widget=GovTextArea(),
                filters=[_spaced],
                validators=[
                    DataRequired(message=f"Enter a name for part {n}"),
                    Length(
                        max=120, message=f"The name of part {n} must be 120 characters or fewer"
                    ),
                ],
            ),
        )
    if filled:  # not from the request, even on a POST
        return RenamePartsForm(
            formdata=None, data={f"part_{n}": p["label"] for n, p in enumerate(parts, 1)}
        )
    return RenamePartsForm()


class MergeThemesForm(FlaskForm):
    theme_ids = SelectMultipleField(
        "Themes to merge",
        widget=GovCheckboxesInput(),
        validators=[InputRequired(message="Select at least two themes to merge")],
    )
    label = StringField(
        "Name for the merged theme (optional)",
        widget=GovTextInput(),
        validators=[
            Optional(),
            Length(max=120, message="The name must be 120 characters or fewer"),
        ],
    )
    submit = SubmitField("Merge themes", widget=GovSubmitInput())

    def validate_theme_ids(self, field):
        if len(set(field.data or ())) < 2:
            raise ValidationError("Select at least two themes to merge")


def _reason_field(
    label: str, hint: str, missing: str | None = None, max_length: int = 500, noun="The reason"
):
    """A reason kept in the audit log with the step it explains: hiding a quote or a key
    term (``missing`` makes it required), or the endorser's comments (required only to
    return a version, which healthcheck.reports.assessment checks)."""
    validators = [InputRequired(message=missing)] if missing else [Optional()]
    validators.append(
        Length(max=max_length, message=f"{noun} must be {max_length:,} characters or fewer")
    )
    return TextAreaField(label, widget=GovTextArea(), description=hint, validators=validators)


class HideQuoteForm(FlaskForm):
    reason = _reason_field(
        "Why are you hiding this quote?",
        "For example: it could identify someone. The reason is kept in the audit log.",
        "Enter why you are hiding this quote",
    )
    submit = SubmitField("Hide quote", widget=GovSubmitInput())


class HideTermForm(FlaskForm):
    term = RadioField(
        "Which key term do you want to hide?",
        widget=GovRadioInput(),
        validators=[InputRequired(message="Select the key term to hide")],
    )
    reason = _reason_field(
        "Why are you hiding it?",
        "The reason is kept in the audit log.",
        "Enter why you are hiding this key term",
    )
    submit = SubmitField("Hide key term", widget=GovSubmitInput())


def _long_text(label: str, hint: str | None = None):
    return TextAreaField(
        label,
        widget=GovTextArea(),
        description=hint or "",
        validators=[Length(max=20000, message=f"{label} must be 20,000 characters or fewer")],
    )


class AreaAssessmentForm(FlaskForm):
    """One area's self-assessment: judgement, rationale, strengths, improvements, evidence."""

    rating = RadioField(
        "Your judgement for this area",
        widget=GovRadioInput(),
        choices=[
            SelectChoice("green", "Green"),
            SelectChoice("amber", "Amber"),
            SelectChoice("red", "Red"),
        ],
        validators=[Optional()],
    )
    rationale = _long_text("Why you reached this judgement")
    strengths = _long_text("Strengths", "One a line. The first line is used in the summary.")
    improvements = _long_text(
        "Areas for improvement", "One a line. The first line is used in the summary."
    )
    evidence = SelectMultipleField(
        "Evidence this rests on",
        widget=GovCheckboxesInput(),
        description="Tick what the report should show as the evidence for this area.",
        validators=[Optional()],
    )
    submit = SubmitField("Save draft", widget=GovSubmitInput())


class SubmitAssessmentForm(FlaskForm):
    submit = SubmitField("Submit for endorsement", widget=GovSubmitInput())


class PublishForm(FlaskForm):
    submit = SubmitField("Publish to all staff", widget=GovSubmitInput())


class EndorseForm(FlaskForm):
    comment = _reason_field(
        "Comments",
        "Needed when you return it; optional when you endorse it.",
        max_length=5000,
        noun="Comments",
    )
    endorse = SubmitField("Endorse", widget=GovSubmitInput())
    send_back = SubmitField("Return with comments", widget=GovSubmitInput())
