"""The organisation's lists of teams or services and job roles, kept by the administrator."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from surveys import load_bundled

from .. import organisation
from ..auth.access import requires_role
from ..extensions import db
from ..models import OrgListEntry
from ..models.organisation import LIST_KINDS
from .blueprint import bp
from .cycle_forms import ListEntryForm
from .forms import ConfirmForm

NOUNS = {"team": "team or service", "role": "job role"}


def _kind_or_404(kind: str) -> str:
    if kind not in LIST_KINDS:
        abort(404)
    return kind


def _entry_or_404(kind: str, entry_id: int) -> OrgListEntry:
    entry = db.session.get(OrgListEntry, entry_id)
    if entry is None or entry.kind != kind:
        abort(404)
    return entry


@bp.get("/lists")
@requires_role("admin")
def lists():
    """Both lists, with their codes (which never change) and whether each is still offered."""
    return render_template(
        "admin/lists.html",
        lists={kind: organisation.entries(kind) for kind in LIST_KINDS},
        titles=LIST_KINDS,
        nouns=NOUNS,
        form=None,
        start_form=ConfirmForm(),
    )


@bp.route("/lists/<kind>/new", methods=["GET", "POST"])
@requires_role("admin")
def add_list_entry(kind):
    kind = _kind_or_404(kind)
    form = ListEntryForm()
    form.label.label.text = f"Name of the {NOUNS[kind]}"
    form.submit.label.text = f"Add {NOUNS[kind]}"
    if form.validate_on_submit():
        try:
            entry = organisation.add_entry(kind, form.label.data, user=current_user)
        except organisation.ListError as exc:
            db.session.rollback()
            form.label.errors = [str(exc)]
        else:
            flash(f"{entry.label} added", "success")
            return redirect(url_for("admin.lists", _anchor=kind))
    return render_template("admin/list_entry.html", form=form, kind=kind, noun=NOUNS[kind])


@bp.route("/lists/<kind>/<int:entry_id>/rename", methods=["GET", "POST"])
@requires_role("admin")
def rename_list_entry(kind, entry_id):
    """Rename: the code stays, so past cycles' figures now show the new name."""
    entry = _entry_or_404(_kind_or_404(kind), entry_id)
    form = ListEntryForm()
    if request.method == "GET":
        form.label.data = entry.label
    form.label.label.text = "New name"
    form.submit.label.text = "Rename"
    if form.validate_on_submit():
        try:
            organisation.rename_entry(entry, form.label.data, user=current_user)
        except organisation.ListError as exc:
            db.session.rollback()
            form.label.errors = [str(exc)]
        else:
            flash(f"Renamed to {entry.label}", "success")
            return redirect(url_for("admin.lists", _anchor=kind))
    return render_template(
        "admin/list_entry.html", form=form, kind=kind, noun=NOUNS[kind], entry=entry
    )


@bp.post("/lists/<kind>/<int:entry_id>/retire")
@requires_role("admin")
def retire_list_entry(kind, entry_id):
    """Stop offering an entry (or offer it again); past figures keep it."""
    entry = _entry_or_404(_kind_or_404(kind), entry_id)
    if ConfirmForm().validate_on_submit():
        organisation.set_retired(entry, not entry.retired, user=current_user)
        flash(f"{entry.label} is {'no longer' if entry.retired else 'again'} offered", "success")
    return redirect(url_for("admin.lists", _anchor=kind))


@bp.post("/lists/<kind>/start-from-survey")
@requires_role("admin")
def start_list_from_survey(kind):
    """Fill an empty list with the survey's own options, keeping their codes."""
    kind = _kind_or_404(kind)
    if ConfirmForm().validate_on_submit():
        try:
            made = organisation.start_from_instrument(
                kind, load_bundled("appendix5"), user=current_user
            )
        except organisation.ListError as exc:
            db.session.rollback()
            flash(str(exc))
        else:
            flash(f"{made} added from the survey's options", "success")
    return redirect(url_for("admin.lists", _anchor=kind))
