"""Forms for managing staff accounts and the staff list."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import (
    GovFileInput,
    GovPasswordInput,
    GovRadioInput,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import EmailField, PasswordField, RadioField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Regexp

from ..models.user import ROLES


class AddAccountForm(FlaskForm):
    name = StringField(
        "Full name",
        widget=GovTextInput(),
        validators=[InputRequired(message="Enter the person's name"), Length(max=120)],
    )
    email = EmailField(
        "Email address",
        widget=GovTextInput(),
        validators=[
            InputRequired(message="Enter an email address"),
            Regexp(
                r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
                message="Enter an email address in the correct format, like name@example.org",
            ),
            Length(max=254),
        ],
    )
    role = RadioField(
        "Role",
        choices=[SelectChoice(code, label) for code, label in ROLES.items()],
        widget=GovRadioInput(),
        validators=[InputRequired(message="Select a role")],
    )
    password = PasswordField(
        "Temporary password",
        description="12 characters or more. Give it to the person in a safe way.",
        widget=GovPasswordInput(),
        validators=[InputRequired(message="Enter a temporary password")],
    )
    submit = SubmitField("Add account", widget=GovSubmitInput())


class ResetPasswordForm(FlaskForm):
    password = PasswordField(
        "New password",
        description="12 characters or more. Resetting signs the person out everywhere.",
        widget=GovPasswordInput(),
        validators=[InputRequired(message="Enter a new password")],
    )
    submit = SubmitField("Reset password", widget=GovSubmitInput())


class ConfirmForm(FlaskForm):
    """A button that posts (with its CSRF token)."""

    submit = SubmitField("Confirm", widget=GovSubmitInput())


class StaffListForm(FlaskForm):
    file = FileField(
        "Upload the staff list",
        widget=GovFileInput(),
        description=(
            "A .txt file with one name on each line, or a .csv file with names in the first "
            "column. Smaller than 1MB."
        ),
    )
    submit = SubmitField("Upload staff list", widget=GovSubmitInput())
