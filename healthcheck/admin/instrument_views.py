"""Instrument versions: upload a new one (checked as the CLI checks it) and see what changed."""

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from surveys import InstrumentError, load_bundled

from .. import instruments
from ..auth.access import requires_role
from ..extensions import db
from ..ratelimit import rate_limited, user_key
from .blueprint import bp
from .cycle_forms import UploadForm


@bp.get("/instruments")
@requires_role("admin")
def instrument_versions():
    """Every version a cycle can use, newest first."""
    return render_template(
        "admin/instruments.html", versions=list(reversed(instruments.versions()))
    )


@bp.route("/instruments/upload", methods=["GET", "POST"])
@requires_role("admin")
@rate_limited("upload", key=user_key)
def upload_instrument():
    """A new version from a YAML file: every problem named by file, question and problem."""
    form = UploadForm()
    form.file.label.text = "Upload an instrument file (.yaml)"
    form.submit.label.text = "Upload instrument"
    problems = []
    if form.validate_on_submit():
        upload = form.file.data
        data = upload.read(instruments.MAX_BYTES + 1) if upload else b""
        try:
            saved = instruments.save_upload(getattr(upload, "filename", None), data, current_user)
        except InstrumentError as exc:
            db.session.rollback()
            form.file.errors = str(exc).splitlines()
            problems = [{"text": p, "href": f"#{form.file.id}"} for p in form.file.errors]
        else:
            flash(f"{saved.title} version {saved.version} saved", "success")
            return redirect(
                url_for("admin.instrument_mapping", instrument_id=saved.id, version=saved.version)
            )
    return render_template("admin/instrument_upload.html", form=form, problems=problems)


@bp.get("/instruments/<instrument_id>/v<int:version>")
@requires_role("admin")
def instrument_mapping(instrument_id, version):
    """Year on year: each question of this version against the version before."""
    try:
        instrument = load_bundled(instrument_id, version)
    except InstrumentError:
        abort(404)
    before = instruments.previous_version(instrument)
    rows = instruments.year_on_year(before, instrument) if before else []
    return render_template(
        "admin/instrument_mapping.html", instrument=instrument, before=before, rows=rows
    )
