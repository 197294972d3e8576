"""Running a health check from the browser: cycles, headcounts and invitations.

The administrator manages everything here; the Principal Social Worker may also create and
open a cycle. Each view checks its form and calls one service function (the same ones the
`healthcheck cycles` commands call), which audit-logs and commits, or refuses and stores nothing.
"""

from datetime import date

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select

from surveys import InstrumentError

from ..auth.access import requires_role
from ..extensions import db
from ..instruments import versions
from ..models import Cycle
from ..models import Response as SurveyResponse
from ..organisation import labels
from ..ratelimit import rate_limited, user_key
from ..reports.action_plan import carry_open_actions
from ..survey import access_codes, headcounts, invitations
from ..survey.cycles import (
    CycleError,
    archive_cycle,
    close_cycle,
    create_cycle,
    long_date,
    open_cycle,
    reopen_cycle,
    suggested_dates,
    update_cycle,
)
from .blueprint import bp
from .cycle_forms import AccessCodesForm, CycleForm, ReopenForm, UploadForm, headcount_form
from .forms import ConfirmForm

MANAGERS = ("psw", "admin")


def _cycle_or_404(cycle_id: int) -> Cycle:
    cycle = db.session.get(Cycle, cycle_id)
    if cycle is None:
        abort(404)
    return cycle


def _instrument_choices() -> list[tuple[str, str]]:
    """Every instrument version, newest first (the newest is the default)."""
    return [
        (f"{i.id}:{i.version}", f"{i.title} (version {i.version})") for i in reversed(versions())
    ]


def _form_error(form, exc: Exception) -> None:
    """Put a service's refusal on the field it is about (the instrument when it names none)."""
    name = getattr(exc, "field", None) or "instrument"
    form[name].errors = [str(exc)]


@bp.get("/cycles")
@requires_role(*MANAGERS)
def cycles():
    """Every health check, newest first, with what can be done next."""
    rows = db.session.scalars(
        select(Cycle).order_by(Cycle.archived, Cycle.opens_on.desc(), Cycle.id.desc())
    ).all()
    counts = dict(
        db.session.execute(
            select(SurveyResponse.cycle_id, func.count()).group_by(SurveyResponse.cycle_id)
        ).all()
    )
    return render_template("admin/cycles.html", cycles=rows, counts=counts)


@bp.route("/cycles/new", methods=["GET", "POST"])
@requires_role(*MANAGERS)
def create_cycle_page():
    """A new cycle, in draft until it is opened. Dates default to Quarter 4 (January to March)."""
    form = CycleForm()
    form.instrument.choices = _instrument_choices()
    if request.method == "GET":
        opens_on, closes_on = suggested_dates()
        # The first year whose link is free: "hc-2027" suggested again beside an hc-2027
        # is only refused on sending.
        while db.session.scalar(select(Cycle.id).where(Cycle.slug == f"hc-{opens_on.year}")):
            opens_on = opens_on.replace(year=opens_on.year + 1)
            closes_on = closes_on.replace(year=closes_on.year + 1)
        form.opens_on.data, form.closes_on.data = opens_on, closes_on
        form.name.data = f"Health Check {form.opens_on.data.year}"
        form.slug.data = f"hc-{form.opens_on.data.year}"
    if form.validate_on_submit():
        instrument_id, _, version = form.instrument.data.partition(":")
        try:
            cycle = create_cycle(
                name=form.name.data,
                slug=form.slug.data,
                opens_on=form.opens_on.data,
                closes_on=form.closes_on.data,
                instrument_id=instrument_id,
                instrument_version=int(version),
                access_mode=form.access_mode.data,
                user=current_user,
            )
        except (CycleError, InstrumentError, ValueError) as exc:
            _form_error(form, exc)
        else:
            carried = carry_open_actions(cycle, current_user)
            note = f"; {len(carried)} open actions carried into its plan" if carried else ""
            flash(f"{cycle.name} created (draft){note}", "success")
            return redirect(url_for("admin.cycle", cycle_id=cycle.id))
    return render_template("admin/cycle_form.html", form=form, cycle=None)


@bp.get("/cycles/<int:cycle_id>")
@requires_role(*MANAGERS)
def cycle(cycle_id):
    """One cycle: its status, dates, headcounts, invitations and the next step."""
    cycle = _cycle_or_404(cycle_id)
    responses = db.session.scalar(select(func.count()).where(SurveyResponse.cycle_id == cycle.id))
    issued, used = access_codes.counts(cycle)
    return render_template(
        "admin/cycle.html",
        cycle=cycle,
        responses=responses or 0,
        codes_issued=issued,
        codes_used=used,
        counts=headcounts.current(cycle),
        role_labels=dict(headcounts.choices(cycle, "role")) | labels("role"),
        team_labels=dict(headcounts.choices(cycle, "team")) | labels("team"),
        link=invitations.survey_link(cycle),
        today=date.today(),
    )


@bp.route("/cycles/<int:cycle_id>/edit", methods=["GET", "POST"])
@requires_role("admin")
def edit_cycle(cycle_id):
    """Change a cycle before it opens."""
    cycle = _cycle_or_404(cycle_id)
    form = CycleForm(obj=cycle if request.method == "GET" else None)
    form.instrument.choices = [
        c for c in _instrument_choices() if c[0].startswith(f"{cycle.instrument_id}:")
    ]
    del form.slug  # the link cannot change: posters and codes carry it
    if request.method == "GET":
        form.instrument.data = f"{cycle.instrument_id}:{cycle.instrument_version}"
    if form.validate_on_submit():
        try:
            update_cycle(
                cycle,
                name=form.name.data,
                opens_on=form.opens_on.data,
                closes_on=form.closes_on.data,
                instrument_version=int(form.instrument.data.partition(":")[2]),
                access_mode=form.access_mode.data,
                user=current_user,
            )
        except (CycleError, InstrumentError, ValueError) as exc:
            db.session.rollback()
            _form_error(form, exc)
        else:
            flash(f"{cycle.name} saved", "success")
            return redirect(url_for("admin.cycle", cycle_id=cycle.id))
    return render_template("admin/cycle_form.html", form=form, cycle=cycle)


def _confirm(cycle: Cycle, action: str, do, button: str):
    """A confirmation page whose button does `do()`; a refusal is shown on the same page."""
    form = ConfirmForm()
    form.submit.label.text = button
    if form.validate_on_submit():
        try:
            message = do()
        except CycleError as exc:
            db.session.rollback()
            form.submit.errors = [str(exc)]
        else:
            flash(message, "success")
            return redirect(url_for("admin.cycle", cycle_id=cycle.id))
    return render_template(f"admin/cycle_{action}.html", cycle=cycle, form=form)


@bp.route("/cycles/<int:cycle_id>/open", methods=["GET", "POST"])
@requires_role(*MANAGERS)
def open_cycle_page(cycle_id):
    cycle = _cycle_or_404(cycle_id)
    return _confirm(
        cycle,
        "open",
        lambda: f"{open_cycle(cycle, user=current_user).name} is open",
        "Open the survey",
    )


@bp.route("/cycles/<int:cycle_id>/close", methods=["GET", "POST"])
@requires_role("admin")
def close_cycle_page(cycle_id):
    cycle = _cycle_or_404(cycle_id)

    def close():
        deleted = close_cycle(cycle, user=current_user)
        return f"{cycle.name} is closed; {deleted} unsent drafts deleted"

    return _confirm(cycle, "close", close, "Close the survey")


@bp.route("/cycles/<int:cycle_id>/reopen", methods=["GET", "POST"])
@requires_role("admin")
def reopen_cycle_page(cycle_id):
    """Reopen a closed survey, after saying what closing it again will do."""
    cycle = _cycle_or_404(cycle_id)
    form = ReopenForm()
    if form.validate_on_submit():
        try:
            reopen_cycle(cycle, form.closes_on.data, user=current_user)
        except CycleError as exc:
            db.session.rollback()
            form.closes_on.errors = [str(exc)]
        else:
            flash(f"{cycle.name} is open again until {long_date(cycle.closes_on)}", "success")
            return redirect(url_for("admin.cycle", cycle_id=cycle.id))
    return render_template("admin/cycle_reopen.html", cycle=cycle, form=form)


@bp.route("/cycles/<int:cycle_id>/archive", methods=["GET", "POST"])
@requires_role("admin")
def archive_cycle_page(cycle_id):
    cycle = _cycle_or_404(cycle_id)
    return _confirm(
        cycle,
        "archive",
        lambda: f"{archive_cycle(cycle, user=current_user).name} is archived",
        "Archive it",
    )


# --- headcounts ------------------------------------------------------------------------------


@bp.route("/cycles/<int:cycle_id>/headcounts", methods=["GET", "POST"])
@requires_role("admin")
def cycle_headcounts(cycle_id):
    """How many staff in each job role and team were invited: typed in, for the response rate."""
    cycle = _cycle_or_404(cycle_id)
    roles, teams = headcounts.choices(cycle, "role"), headcounts.choices(cycle, "team")
    values = {g: {k: str(v) for k, v in d.items()} for g, d in headcounts.current(cycle).items()}
    form = headcount_form(roles, teams, values)
    if form.validate_on_submit():
        counts = {"role": {}, "team": {}}
        for name, field in form._fields.items():
            group, sep, code = name.partition("__")
            number = (field.data or "").strip().replace(",", "")
            if sep and number:
                counts[group][code] = int(number)
        headcounts.set_headcounts(cycle, counts, "typed in", user=current_user)
        flash("Headcounts saved", "success")
        return redirect(url_for("admin.cycle", cycle_id=cycle.id))
    return render_template(
        "admin/headcounts.html",
        cycle=cycle,
        form=form,
        role_fields=[form[f"role__{code}"] for code, _ in roles],
        team_fields=[form[f"team__{code}"] for code, _ in teams],
    )


@bp.route("/cycles/<int:cycle_id>/headcounts/upload", methods=["GET", "POST"])
@requires_role("admin")
@rate_limited("upload", key=user_key)
def upload_headcounts(cycle_id):
    """Headcounts from a CSV file: all or nothing, each problem named by line and column."""
    cycle = _cycle_or_404(cycle_id)
    form = UploadForm()
    form.file.label.text = "Upload a CSV file"
    form.submit.label.text = "Upload headcounts"
    problems = []
    if form.validate_on_submit():
        upload = form.file.data
        data = upload.read(headcounts.MAX_BYTES + 1) if upload else b""
        try:
            if not upload or not upload.filename:
                raise headcounts.HeadcountError(["Select a CSV file"])
            if not upload.filename.lower().endswith(".csv"):
                raise headcounts.HeadcountError(["The file must be a CSV file (.csv)"])
            counts = headcounts.parse_csv(cycle, data)
            headcounts.set_headcounts(cycle, counts, "uploaded", user=current_user)
        except headcounts.HeadcountError as exc:
            db.session.rollback()
            form.file.errors = list(exc.errors)
            problems = [{"text": p, "href": f"#{form.file.id}"} for p in exc.errors]
        else:
            flash("Headcounts uploaded", "success")
            return redirect(url_for("admin.cycle", cycle_id=cycle.id))
    return render_template(
        "admin/headcounts_upload.html",
        cycle=cycle,
        form=form,
        problems=problems,
        roles=headcounts.choices(cycle, "role"),
        teams=headcounts.choices(cycle, "team"),
    )


# --- invitations -----------------------------------------------------------------------------


@bp.route("/cycles/<int:cycle_id>/invitations", methods=["GET", "POST"])
@requires_role("admin")
def invitations_page(cycle_id):
    """The survey link, a QR code for posters, text to copy, and access codes to download."""
    cycle = _cycle_or_404(cycle_id)
    form = AccessCodesForm()
    if cycle.access_mode == "codes" and form.validate_on_submit():
        batch, codes = access_codes.generate(cycle, int(form.count.data), user=current_user)
        stem = f"access-codes-{cycle.slug}-batch-{batch}"
        if form.file_format.data == "pdf":
            body, mimetype = invitations.codes_pdf(cycle, codes, batch), "application/pdf"
        else:
            body, mimetype = invitations.codes_csv(cycle, codes, batch), "text/csv"
        name = f"{stem}.{form.file_format.data}"
        return Response(
            body,
            mimetype=mimetype,
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )
    link = invitations.survey_link(cycle)
    issued, used = access_codes.counts(cycle)
    return render_template(
        "admin/invitations.html",
        cycle=cycle,
        form=form,
        link=link,
        qr_svg=invitations.qr_svg(link),
        messages=invitations.messages(cycle),
        codes_issued=issued,
        codes_used=used,
    )


@bp.get("/cycles/<int:cycle_id>/qr-code.svg")
@requires_role("admin")
def qr_code(cycle_id):
    """The survey link's QR code as an SVG file, to put on a poster."""
    cycle = _cycle_or_404(cycle_id)
    return Response(
        invitations.qr_svg(invitations.survey_link(cycle)),
        mimetype="image/svg+xml",
        headers={"Content-Disposition": f'attachment; filename="survey-{cycle.slug}-qr.svg"'},
    )
