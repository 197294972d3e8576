"""The figures upload form."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import GovFileInput, GovSelect, GovSubmitInput
from wtforms import SelectField, SubmitField
from wtforms.validators import InputRequired


class UploadMetricsForm(FlaskForm):
    cycle = SelectField(
        "Health check",
        coerce=int,
        widget=GovSelect(),
        validators=[InputRequired(message="Select the health check the figures are for")],
    )
    file = FileField(
        "Upload a CSV file",
        widget=GovFileInput(),
        description="Columns: name, value, target, better, area, period. Smaller than 1MB.",
    )
    submit = SubmitField("Import figures", widget=GovSubmitInput())
