"""The organisation's logo for the report's cover, uploaded by an administrator.

The file is checked before anything is saved: at most ``MAX_BYTES``, and it must open as a PNG
or JPEG image of sensible size. It is stored re-encoded as PNG, which drops any metadata or
anything hidden after the image data. The report copies the logo into the snapshot when the
self-assessment is submitted, so changing it later leaves endorsed reports as they were.
"""

import io

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from govuk_frontend_wtf.wtforms_widgets import GovFileInput, GovSubmitInput
from sqlalchemy import delete, select
from wtforms import SubmitField

from ..audit import record_event
from ..auth.access import requires_role
from ..extensions import db
from ..models import ReportLogo
from ..ratelimit import rate_limited, user_key

bp = Blueprint("branding", __name__, url_prefix="/admin/logo")

MAX_BYTES = 500_000
MAX_PIXELS = 4000


class LogoForm(FlaskForm):
    file = FileField(
        "Upload the organisation's logo",
        widget=GovFileInput(),
        description="A PNG or JPEG image, smaller than 500KB. It appears on the report's cover.",
    )
    submit = SubmitField("Upload logo", widget=GovSubmitInput())


class RemoveLogoForm(FlaskForm):
    submit = SubmitField("Remove the logo", widget=GovSubmitInput())


def check_logo(data: bytes) -> tuple[bytes | None, str | None]:
    """(PNG bytes, None) for an acceptable image, else (None, the problem)."""
    from PIL import Image, UnidentifiedImageError

    if not data:
        return None, "Select a PNG or JPEG file"
    if len(data) > MAX_BYTES:
        return None, "The file must be smaller than 500KB"
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in ("PNG", "JPEG"):
                return None, "The file must be a PNG or JPEG image"
            if max(image.size) > MAX_PIXELS:
                return None, f"The image must be at most {MAX_PIXELS} pixels wide and high"
            image.load()
            out = io.BytesIO()
            image.convert("RGBA").save(out, format="PNG")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None, "The file must be a PNG or JPEG image"
    return out.getvalue(), None


def current_logo() -> ReportLogo | None:
    return db.session.scalar(select(ReportLogo).order_by(ReportLogo.id.desc()).limit(1))


@bp.route("/", methods=["GET", "POST"])
@requires_role("admin")
@rate_limited("upload", key=user_key)
def logo():
    form = LogoForm()
    if form.validate_on_submit():
        upload = form.file.data
        data = b""
        if upload:
            try:
                data = upload.read(MAX_BYTES + 1)
            finally:
                upload.close()
        png, problem = check_logo(data)
        if problem:
            form.file.errors = [problem]
        else:
            db.session.execute(delete(ReportLogo))
            row = ReportLogo(content_type="image/png", data=png, uploaded_by_id=current_user.id)
            db.session.add(row)
            db.session.flush()
            record_event("uploaded", "report_logo", row.id, f"{len(png)} bytes")
            db.session.commit()
            flash("Logo uploaded: it will appear on the report's cover", "success")
            return redirect(url_for(".logo"))
    return render_template(
        "branding/logo.html", form=form, remove_form=RemoveLogoForm(), logo=current_logo()
    )


@bp.post("/remove")
@requires_role("admin")
def remove_logo():
    if RemoveLogoForm().validate_on_submit():
        db.session.execute(delete(ReportLogo))
        record_event("deleted", "report_logo", None, "logo removed")
        db.session.commit()
        flash("Logo removed", "success")
    return redirect(url_for(".logo"))


@bp.get("/image.png")
@requires_role("admin")
def logo_image():
    from flask import Response, abort

    row = current_logo()
    if row is None:
        abort(404)
    return Response(row.data, mimetype="image/png")
