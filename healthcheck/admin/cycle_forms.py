"""Forms for running a health check: cycles, lists, headcounts, invitations, instruments."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovDateInput,
    GovFileInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import DateField, RadioField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, ValidationError

from ..survey.invitations import MAX_CODES, MAX_PDF_CODES, MIN_CODES

ACCESS_CHOICES = [
    SelectChoice("link", "One open link: anyone with the link can take part"),
    SelectChoice("codes", "Single-use access codes: each person gets a code that works once"),
]


def _real_date(label: str):
    """A date field's check, in the Design System's words."""

    def check(form, field):
        field.errors[:] = []
        if len(field.raw_data or ()) != 3:
            field.raw_data = ["", "", ""]
        if not any(part.strip() for part in field.raw_data):
            raise ValidationError(f"Enter the {label}")
        if field.data is None:
            raise ValidationError(f"The {label} must be a real date, for example 6 1 2027")

    return check


def _date_field(label: str, hint: str) -> DateField:
    return DateField(
        label[0].upper() + label[1:],
        description=hint,
        widget=GovDateInput(),
        format="%d %m %Y",
        validators=[_real_date(label)],
    )


class CycleForm(FlaskForm):
    name = StringField(
        "Name",
        description="For example, Health Check 2027. Staff see it on the survey.",
        widget=GovTextInput(),
        validators=[
            InputRequired(message="Enter a name for the health check"),
            Length(max=120, message="The name must be 120 characters or fewer"),
        ],
    )
    slug = StringField(
        "Survey link name",
        description="The end of the survey link: lower-case letters, digits and hyphens, "
        "for example hc-2027. It cannot change later.",
        widget=GovTextInput(),
        validators=[
            InputRequired(message="Enter a survey link name"),
            Length(max=80, message="The survey link name must be 80 characters or fewer"),
        ],
    )
    instrument = SelectField(
        "Questions (instrument version)",
        widget=GovSelect(),
        validators=[InputRequired(message="Select the instrument version")],
    )
    opens_on = _date_field(
        "open date", "Quarter 4 (January to March) is suggested, for example 6 1 2027"
    )
    closes_on = _date_field("close date", "For example 31 3 2027")
    access_mode = RadioField(
        "How staff get in",
        choices=ACCESS_CHOICES,
        widget=GovRadioInput(),
        default="link",
        validators=[InputRequired(message="Select how staff get in")],
    )
    submit = SubmitField("Save", widget=GovSubmitInput())


class ReopenForm(FlaskForm):
    closes_on = _date_field("new close date", "For example 30 4 2027")
    submit = SubmitField("Reopen the survey", widget=GovSubmitInput())


class ListEntryForm(FlaskForm):
    label = StringField(
        "Name",
        widget=GovTextInput(),
        validators=[
            InputRequired(message="Enter a name"),
            Length(max=120, message="The name must be 120 characters or fewer"),
        ],
    )
    submit = SubmitField("Save", widget=GovSubmitInput())


class UploadForm(FlaskForm):
    file = FileField("Upload a file", widget=GovFileInput())
    submit = SubmitField("Upload", widget=GovSubmitInput())


class AccessCodesForm(FlaskForm):
    count = StringField(
        "How many codes",
        description=f"From {MIN_CODES} to {MAX_CODES:,}: one for each person you invite.",
        widget=GovTextInput(),
        validators=[InputRequired(message="Enter how many codes to make")],
    )
    file_format = RadioField(
        "Download them as",
        choices=[
            SelectChoice("csv", "A CSV file for a mail merge"),
            SelectChoice(
                "pdf", f"Printable slips (PDF), one code on each, to cut out: up to {MAX_PDF_CODES}"
            ),
        ],
        widget=GovRadioInput(),
        default="csv",
        validators=[InputRequired(message="Select how to download the codes")],
    )
    submit = SubmitField("Make codes and download them", widget=GovSubmitInput())

    def validate_count(self, field):
        text = (field.data or "").strip().replace(",", "")
        if not text.isdigit() or not MIN_CODES <= int(text) <= MAX_CODES:
            raise ValidationError(
                f"Enter a whole number of codes from {MIN_CODES} to {MAX_CODES:,}"
            )
        field.data = text
        if self.file_format.data == "pdf" and int(text) > MAX_PDF_CODES:
            raise ValidationError(
                f"Printable slips come at most {MAX_PDF_CODES} to a file: make several batches, "
                "or download a CSV"
            )


def headcount_form(roles: list[tuple[str, str]], teams: list[tuple[str, str]], values: dict):
    """A form with one number box per job role and per team (the organisation's lists)."""

    class HeadcountForm(FlaskForm):
        submit = SubmitField("Save headcounts", widget=GovSubmitInput())

    def check(form, field):
        text = (field.data or "").strip().replace(",", "")
        if text and not text.isdigit():
            raise ValidationError(
                f"Enter the number of staff in {field.label.text} as a whole number"
            )

    for group, items in (("role", roles), ("team", teams)):
        for code, label in items:
            setattr(
                HeadcountForm,
                f"{group}__{code}",
                StringField(
                    label,
                    widget=GovTextInput(),
                    default=values.get(group, {}).get(code, ""),
                    validators=[check, Length(max=9, message=f"{label}: enter a smaller number")],
                ),
            )
    return HeadcountForm()
