"""The endorser's pages: read a submitted self-assessment, then endorse it or return it.

An endorser (a Head of Service or Director, an account the administrator creates with the
role "endorser") sees only what was submitted: the frozen snapshot and its PDF.
"""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select

from ..auth.access import requires_role
from ..extensions import db
from ..models import AssessmentVersion, Cycle
from ..reports import assessment
from ..reports.forms import EndorseForm
from ..reports.report_pdf import executive_summary

bp = Blueprint("endorsement", __name__, url_prefix="/endorse")

CHOOSE_ACTION = "Choose to endorse or return with comments"


@bp.get("/")
@requires_role("endorser")
def index():
    """Versions waiting for a decision first, then those decided."""
    versions = list(
        db.session.scalars(
            select(AssessmentVersion).order_by(
                (AssessmentVersion.status != "submitted"),
                AssessmentVersion.submitted_at.desc(),
                AssessmentVersion.id.desc(),
            )
        )
    )
    return render_template("endorsement/index.html", versions=versions)


@bp.route("/<int:cycle_id>/<int:number>", methods=["GET", "POST"])
@requires_role("endorser")
def review(cycle_id, number):
    cycle = db.session.get(Cycle, cycle_id)
    version = assessment.get_version(cycle, number) if cycle else None
    if version is None:
        abort(404)
    form = EndorseForm()
    if version.status == "submitted" and form.validate_on_submit():
        comment = form.comment.data or ""
        # Endorsing freezes the version, so it is never the default: only the form's own
        # Endorse button endorses, and a POST with neither button (or both) asks again.
        endorsing, returning = bool(form.endorse.data), bool(form.send_back.data)
        if endorsing == returning:
            form.endorse.errors.append(CHOOSE_ACTION)
        else:
            try:
                if returning:
                    assessment.return_with_comments(version, current_user, comment)
                    flash("Returned to the Principal Social Worker with your comments", "success")
                else:
                    assessment.endorse(version, current_user, comment)
                    flash(f"Version {version.number} endorsed", "success")
            except assessment.AssessmentError as exc:
                form.comment.errors.append(str(exc))
            else:
                return redirect(url_for(".index"))
    snap = assessment.snapshot_of(version)
    return render_template(
        "endorsement/review.html",
        cycle=cycle,
        version=version,
        s=snap,
        summary=executive_summary(snap),
        form=form,
    )
