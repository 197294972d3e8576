"""Organisational intelligence: the Principal Social Worker uploads a CSV of figures.

The file is checked by name, size and type, then as a whole by content; every problem is
listed by line and column and nothing is imported until the file is right.
"""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from analysis.organisation_metrics import COLUMNS, MAX_BYTES, metric_status

from ..auth.access import requires_role
from ..extensions import db
from ..models import Cycle
from ..ratelimit import rate_limited, user_key
from ..templating import status_tag
from .forms import UploadMetricsForm
from .imports import MetricsFileError, area_names, check_upload, cycle_metrics, import_metrics

bp = Blueprint("metrics", __name__, url_prefix="/metrics")


def _cycles() -> list[Cycle]:
    return list(db.session.scalars(select(Cycle).order_by(Cycle.opens_on.desc(), Cycle.id)))


@bp.route("/", methods=["GET", "POST"])
@requires_role("psw")
@rate_limited("upload", key=user_key)
def upload_metrics():
    """Upload organisational figures for a health check and list those already imported."""
    cycles = _cycles()
    problems: list = []
    form = UploadMetricsForm()
    form.cycle.choices = [(c.id, c.name) for c in cycles]
    if request.method == "GET":
        chosen = request.args.get("cycle", type=int)
        if chosen in {c.id for c in cycles}:
            form.cycle.data = chosen
        elif cycles:
            form.cycle.data = cycles[0].id
    by_id = {c.id: c for c in cycles}
    if form.validate_on_submit():
        cycle = by_id[form.cycle.data]
        upload = form.file.data
        data = b""
        if upload:
            try:
                data = upload.read(MAX_BYTES + 1)  # never more than one byte over the limit
            finally:
                upload.close()
        problems = check_upload(getattr(upload, "filename", None), data)
        if not problems:
            try:
                imported = import_metrics(cycle, data, user=current_user)
            except MetricsFileError as exc:
                problems = exc.errors
            else:
                flash(f"{len(imported)} figures imported for {cycle.name}", "success")
                return redirect(url_for("metrics.upload_metrics", cycle=cycle.id))
        form.file.errors = list(problems)
        problems = [{"text": p, "href": f"#{form.file.id}"} for p in problems]
    cycle = by_id.get(form.cycle.data) if isinstance(form.cycle.data, int) else None
    figures = []
    if cycle is not None:
        names = area_names(cycle)
        for metric in cycle_metrics(cycle):
            status = metric_status(metric.value, metric.target, metric.better)
            figures.append(
                {
                    "metric": metric,
                    "area": names.get(metric.area, metric.area),
                    "tag": status_tag(status),
                }
            )
    return render_template(
        "metrics/upload.html",
        form=form,
        cycle=cycle,
        figures=figures,
        columns=COLUMNS,
        problems=problems,
    )
