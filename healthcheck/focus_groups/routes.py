"""Focus-group records, typed up by facilitators and read by the Principal Social Worker.

A facilitator edits only the records they are a facilitator of; the Principal Social Worker reads
every record (with personal details redacted); administrators do not see notes at all.
Notes are never lost: "Save draft" on every page, autosave while typing (static/js/autosave.js),
a form posted by the author's own just-expired session is kept and restored after they sign in
again (focus_groups/stash.py), and a save over someone else's newer save is merged three ways
against the form's ``base`` (focus_groups/merge.py): a field only one person changed keeps that
change, and only a field both changed is shown in both versions to choose from. Nothing is
overwritten unseen. The work is in the modules beside this one; these views only call it.
"""

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from sqlalchemy import select

from ..auth.access import requires_role
from ..extensions import db
from ..models import AssessmentVersion, Cycle, FocusGroup
from ..ratelimit import rate_limited, user_key
from . import records, stash
from .access import can_edit, editable_or_abort, viewable_or_abort, visible_focus_groups
from .identifiers import (
    audit_identifiers_kept,
    highlight,
    identifiers_in,
    redact_values,
    redacted_text,
)
from .merge import resolve_choices
from .notes_export import notes_csv
from .overview import overview
from .page_values import check, current_values, posted_values
from .transcript import MAX_TRANSCRIPT_BYTES, TranscriptError

bp = Blueprint("focus_groups", __name__, url_prefix="/focus-groups")

EDIT_ENDPOINTS = ("focus_groups.edit_page", "focus_groups.autosave")
# {{ text | highlight(matches) }}: the page that asks a facilitator to check personal details.
bp.add_app_template_filter(highlight, "highlight")


# --- a form posted after the session ended --------------------------------------------------


def _keep_posted_notes():
    """Signed out (session ended): POST to an edit page (CSRF checks off; see _csrf_failed)."""
    if request.endpoint == "focus_groups.autosave":
        return jsonify(saved=False, signed_out=True), 401
    return stash.stash_posted_form()


@bp.errorhandler(CSRFError)
def _csrf_failed(error):
    """The session (and its CSRF token) ended while the page was open: keep the notes."""
    if request.endpoint == "focus_groups.autosave":
        return jsonify(saved=False, signed_out=True), 401
    if request.endpoint == "focus_groups.edit_page" and request.method == "POST":
        if current_user.is_authenticated:
            return _show_unsaved_after_csrf_failure()
        return stash.stash_posted_form()
    return render_template("errors/csrf.html"), 400


def _show_unsaved_after_csrf_failure():
    """Still signed in, but the form's token is stale (signed in again in another tab, say):
    show the posted notes again, unsaved, with a fresh token. Nothing is written."""
    args = request.view_args or {}
    focus_group = db.session.get(FocusGroup, args.get("focus_group_id", 0))
    if focus_group is None or not can_edit(current_user, focus_group):
        return render_template("errors/403.html"), 403
    page = records.page_for(focus_group, args.get("page_id", ""))
    if page is None:
        return render_template("errors/csrf.html"), 400
    values = current_values(focus_group, page)
    values.update(posted_values(page, request.form))
    version = request.form.get("version", type=int) or focus_group.version
    return _render_edit(focus_group, page, values, status=400, version=version, expired=True)


# --- list, new, view ------------------------------------------------------------------------


@bp.get("/")
@requires_role("facilitator", "psw")
def list_focus_groups():
    """Facilitators see their own focus groups; the Principal Social Worker sees all of them."""
    groups = visible_focus_groups(current_user)
    cycles = {}
    for group in groups:
        cycles.setdefault(group.cycle, []).append(group)
    return render_template("focus_groups/list.html", cycles=cycles)


def _takes_focus_groups(cycle: Cycle) -> bool:
    """Not once the survey has closed and a self-assessment is endorsed: the endorsed report
    is frozen, so a focus group added then would count in no report anyone reads."""
    endorsed = select(AssessmentVersion.id).where(
        AssessmentVersion.cycle_id == cycle.id, AssessmentVersion.status == "endorsed"
    )
    return cycle.accepts_responses() or db.session.scalar(endorsed.limit(1)) is None


@bp.route("/new", methods=["GET", "POST"])
@requires_role("facilitator")
def new_focus_group():
    """Start a focus group record in a health check cycle."""
    cycles = db.session.scalars(select(Cycle).order_by(Cycle.opens_on.desc())).all()
    cycles = [c for c in cycles if _takes_focus_groups(c)]
    error = None
    if request.method == "POST":
        cycle = next((c for c in cycles if str(c.id) == request.form.get("cycle")), None)
        if cycle is None:
            error = "Select the health check this focus group is for"
        else:
            focus_group = records.create_focus_group(cycle, current_user)
            return redirect(url_for(".edit_page", focus_group_id=focus_group.id, page_id="details"))
    return render_template("focus_groups/new.html", cycles=cycles, error=error), (
        400 if error else 200
    )


@bp.get("/<int:focus_group_id>")
@requires_role("facilitator", "psw")
def view_focus_group(focus_group_id, complete_error=None):
    """The whole record on one page. Readers other than its facilitators see redacted text."""
    focus_group = viewable_or_abort(focus_group_id)
    editor = can_edit(current_user, focus_group)
    show = (lambda t: t or "") if editor else redacted_text
    page = render_template(
        "focus_groups/view.html",
        focus_group=focus_group,
        editor=editor,
        pages=records.pages_for(focus_group),
        complete_error=complete_error,
        **overview(focus_group, show),
    )
    return (page, 400) if complete_error else page


# --- editing --------------------------------------------------------------------------------


def _render_edit(focus_group, page, values, status=200, **extra):
    pages = records.pages_for(focus_group)
    context = {
        "focus_group": focus_group,
        "page": page,
        "pages": pages,
        "values": values,
        "errors": {},
        "conflicts": {},
        "identifiers": {},
        "version": focus_group.version,
        "then": None,
        "stash_id": None,
        "restored": False,
        "changed": [],
        "expired": False,
    }
    context.update(extra)
    if context.get("base") is None and context["version"] == focus_group.version:
        # What the form starts from, for a three-way merge if someone else saves meanwhile.
        context["base"] = records.base_now(focus_group, page)
    return render_template("focus_groups/edit.html", **context), status


@bp.route("/<int:focus_group_id>/edit/<page_id>", methods=["GET", "POST"])
@requires_role("facilitator", on_expired=_keep_posted_notes)
def edit_page(focus_group_id, page_id):
    """One page of the record. Save draft stays here, Save and continue goes on."""
    focus_group = editable_or_abort(focus_group_id)
    page = records.page_for(focus_group, page_id)
    if page is None:
        abort(404)
    if request.method == "GET":
        return _render_edit(focus_group, page, current_values(focus_group, page))

    form = request.form
    values = resolve_choices(page.value_names, posted_values(page, form), form)
    action = form.get("action") or form.get("then") or "draft"
    stash_id = form.get("stash") or None
    identifiers_choice = form.get("identifiers")
    if identifiers_choice == "redact":
        values = redact_values(page, values)
    version = form.get("version", type=int)
    if version is None:
        abort(400)

    base = form.get("base")
    if version != focus_group.version:
        # Someone saved meanwhile: keep both people's changes; compare only where both changed.
        values, conflicts = records.merge_with_stored(focus_group, page, values, base)
        if conflicts:
            return _conflict(focus_group, page, values, conflicts, stash_id)
        version = focus_group.version
        base = None

    if identifiers_choice not in ("redact", "keep"):
        found = identifiers_in(page, values)
        if found:
            # Autosave may already hold what was typed: say so rather than "nothing saved".
            stored = current_values(focus_group, page)
            autosaved = any(stored.get(name) == values[name] for name in found)
            return _render_edit(
                focus_group,
                page,
                values,
                identifiers=found,
                autosaved=autosaved,
                then=action,
                stash_id=stash_id,
                version=version,
                base=base,
            )

    clean, errors = check(page, values)
    if identifiers_choice == "keep":
        audit_identifiers_kept(focus_group, page, values)
    try:
        records.save_page(focus_group, page, clean, current_user, version)
    except records.StaleVersion:
        db.session.refresh(focus_group)
        values, conflicts = records.merge_with_stored(focus_group, page, values, base)
        return _conflict(focus_group, page, values, conflicts, stash_id)
    stash.discard_stash(stash_id, current_user)
    if errors:
        return _render_edit(focus_group, page, values, status=400, errors=errors)
    if action == "continue":
        following = records.next_page_id(focus_group, page.id)
        if following:
            return redirect(url_for(".edit_page", focus_group_id=focus_group.id, page_id=following))
        flash("Focus group saved", "success")
        return redirect(url_for(".view_focus_group", focus_group_id=focus_group.id))
    flash(f"Draft saved: {page.title}", "success")
    return redirect(url_for(".edit_page", focus_group_id=focus_group.id, page_id=page.id))


def _conflict(focus_group, page, values, conflicts, stash_id):
    updated_by = focus_group.updated_by.name if focus_group.updated_by else "Someone else"
    return _render_edit(
        focus_group,
        page,
        values,
        status=409,
        conflicts=conflicts,
        updated_by=updated_by,
        stash_id=stash_id,
    )


@bp.post("/<int:focus_group_id>/edit/<page_id>/autosave")
@requires_role("facilitator", on_expired=_keep_posted_notes)
def autosave(focus_group_id, page_id):
    """Save while typing (JavaScript only). Never overwrites a newer save: answers 409."""
    focus_group = editable_or_abort(focus_group_id)
    page = records.page_for(focus_group, page_id)
    if page is None:
        abort(404)
    values = posted_values(page, request.form)
    version = request.form.get("version", type=int)
    if version is None:
        abort(400)
    if version != focus_group.version:
        merged, conflicts = records.merge_with_stored(
            focus_group, page, values, request.form.get("base")
        )
        if conflicts or merged != values:
            # A real conflict, or someone else's change this form does not show yet: the
            # facilitator compares with "Save draft" (autosave never guesses).
            return jsonify(saved=False, conflict=True, version=focus_group.version), 409
    clean, errors = check(page, values)
    try:
        records.save_page(focus_group, page, clean, current_user, focus_group.version, "autosaved")
    except records.StaleVersion:
        return jsonify(saved=False, conflict=True), 409
    # Saved as typed (losing nothing comes first); the page says at once when the notes seem to
    # hold personal details, so the facilitator can check them with "Save draft".
    identifiers = sorted(identifiers_in(page, clean))
    return jsonify(
        saved=True,
        version=focus_group.version,
        base=records.base_now(focus_group, page),
        errors=sorted(errors),
        identifiers=identifiers,
    )


@bp.get("/restore/<stash_id>")
@requires_role("facilitator")
def restore_stash(stash_id):
    """Put the notes this facilitator posted after their session ended back in the form, with
    what differs from the saved record listed; nothing is saved until they save it."""
    kept = stash.find_stash(stash_id, current_user)
    if kept is None:
        flash("The notes kept when you were signed out have expired or were already saved")
        return redirect(url_for(".list_focus_groups"))
    focus_group = editable_or_abort(kept.focus_group_id)
    page = records.page_for(focus_group, kept.page)
    if page is None:
        abort(404)
    values, changed = stash.restored_values(focus_group, page, kept)
    try:
        version = int(kept.fields.get("version") or focus_group.version)
    except (TypeError, ValueError):
        version = focus_group.version
    base = kept.fields.get("base")
    return _render_edit(
        focus_group,
        page,
        values,
        version=version,
        base=base if isinstance(base, str) and base else None,
        stash_id=kept.id,
        restored=True,
        changed=changed,
    )


# --- import, delete, export -----------------------------------------------------------------


@bp.route("/<int:focus_group_id>/import", methods=["GET", "POST"])
@requires_role("facilitator")
@rate_limited("upload", key=user_key)
def import_transcript(focus_group_id):
    """Import a typed-up transcript (.txt or .docx) into the notes."""
    focus_group = editable_or_abort(focus_group_id)
    error = None
    if request.method == "POST":
        upload = request.files.get("transcript")
        if upload is None or not upload.filename:
            if upload is not None:
                upload.close()
            error = "Select a transcript file"
        else:
            try:
                data = upload.stream.read(MAX_TRANSCRIPT_BYTES + 1)
            finally:
                upload.close()
            try:
                texts = records.import_transcript(focus_group, upload.filename, data, current_user)
            except TranscriptError as exc:
                db.session.rollback()
                error = str(exc)
            except records.StaleVersion:
                error = "Someone else saved this record at the same moment. Try again"
            else:
                placed = [k for k in texts if k != "general"]
                flash(
                    f"Transcript imported into {len(placed)} questions or sections"
                    + ("; the rest is in General notes" if "general" in texts else ""),
                    "success",
                )
                return redirect(url_for(".view_focus_group", focus_group_id=focus_group.id))
    return render_template("focus_groups/import.html", focus_group=focus_group, error=error), (
        400 if error else 200
    )


@bp.route("/<int:focus_group_id>/delete", methods=["GET", "POST"])
@requires_role("facilitator")
def delete_focus_group(focus_group_id):
    focus_group = editable_or_abort(focus_group_id)
    if request.method == "POST":
        label = focus_group.label
        records.delete_focus_group(focus_group, current_user)
        flash(f"Focus group deleted: {label}", "success")
        return redirect(url_for(".list_focus_groups"))
    return render_template("focus_groups/delete.html", focus_group=focus_group)


@bp.route("/<int:focus_group_id>/complete", methods=["POST"])
@requires_role("facilitator")
def mark_complete(focus_group_id):
    focus_group = editable_or_abort(focus_group_id)
    status = "draft" if focus_group.status == "complete" else "complete"
    if status == "complete" and not focus_group.consent_confirmed:
        # A group's notes are complete only once its participants' consent is recorded.
        return view_focus_group(
            focus_group_id,
            complete_error="Confirm that participants gave their consent before you mark "
            "the focus group as complete",
        )
    records.set_status(focus_group, status, current_user)
    flash("Marked as complete" if status == "complete" else "Marked as a draft", "success")
    return redirect(url_for(".view_focus_group", focus_group_id=focus_group.id))


@bp.get("/export.csv")
@requires_role("psw")
def export_notes():
    """Every focus group's notes, personal details redacted, one row per note."""
    return Response(
        notes_csv(current_user),
        mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=focus-group-notes.csv"},
    )
