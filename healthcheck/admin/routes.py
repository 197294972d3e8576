"""Accounts and the audit log, for administrators."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select

from .. import staff_list as staff
from ..audit import action_words
from ..auth import accounts
from ..auth.access import requires_role
from ..database import MAX_DATABASE_INTEGER
from ..extensions import db
from ..models import AuditEvent, User
from ..ratelimit import rate_limited, user_key
from ..timeutil import utcnow

# The views for running a health check register on the same blueprint when imported.
from . import cycle_views, instrument_views, list_views  # noqa: F401
from .blueprint import bp
from .forms import AddAccountForm, ConfirmForm, ResetPasswordForm, StaffListForm

AUDIT_PAGE_SIZE = 50


def _account_or_404(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    return user


@bp.get("/")
@requires_role("admin")
def index():
    """The administrator's start page: accounts."""
    users = db.session.scalars(select(User).order_by(User.role, func.lower(User.name))).all()
    return render_template("admin/index.html", users=users, now_utc=utcnow())


@bp.route("/staff-list", methods=["GET", "POST"])
@requires_role("admin")
@rate_limited("upload", key=user_key)
def staff_list():
    """Upload the staff list that redaction uses; it is stored hashed and never shown."""
    form = StaffListForm()
    if form.validate_on_submit():
        upload = form.file.data
        data = b""
        if upload:
            try:
                data = upload.read(staff.MAX_BYTES + 1)
            finally:
                upload.close()
        try:
            names = staff.read_names(getattr(upload, "filename", None), data)
        except staff.StaffListError as exc:
            form.file.errors = list(exc.errors)
        else:
            staff.save_staff_list(names, current_user)
            flash(f"Staff list of {len(names):,} names uploaded", "success")
            return redirect(url_for("admin.staff_list"))
    current = staff.current_list()
    uploaded_by = (
        db.session.get(User, current.uploaded_by) if current and current.uploaded_by else None
    )
    return render_template(
        "admin/staff_list.html", form=form, current=current, uploaded_by=uploaded_by
    )


@bp.route("/accounts/new", methods=["GET", "POST"])
@requires_role("admin")
def add_account():
    form = AddAccountForm()
    if form.validate_on_submit():
        try:
            user = accounts.create_user(
                form.email.data, form.name.data, form.role.data, form.password.data, by=current_user
            )
        except accounts.AccountError as exc:
            field = form.password if "assword" in str(exc) else form.email
            field.errors = [str(exc)]
        else:
            flash(f"Account added for {user.name}", "success")
            return redirect(url_for("admin.index"))
    return render_template("admin/add_account.html", form=form)


@bp.route("/accounts/<int:user_id>/reset-password", methods=["GET", "POST"])
@requires_role("admin")
def reset_password(user_id):
    user = _account_or_404(user_id)
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            accounts.reset_password(user, form.password.data, by=current_user)
        except accounts.AccountError as exc:
            form.password.errors = [str(exc)]
        else:
            flash(f"Password reset for {user.name}. They have been signed out.", "success")
            return redirect(url_for("admin.index"))
    return render_template("admin/reset_password.html", form=form, account=user)


@bp.route("/accounts/<int:user_id>/disable", methods=["GET", "POST"])
@requires_role("admin")
def disable_account(user_id):
    return _set_active(user_id, active=False)


@bp.route("/accounts/<int:user_id>/enable", methods=["GET", "POST"])
@requires_role("admin")
def enable_account(user_id):
    return _set_active(user_id, active=True)


def _set_active(user_id: int, active: bool):
    user = _account_or_404(user_id)
    if user.id == current_user.id and not active:
        flash("You cannot disable your own account")
        return redirect(url_for("admin.index"))
    form = ConfirmForm()
    form.submit.label.text = "Enable account" if active else "Disable account"
    if form.validate_on_submit():
        accounts.set_active(user, active, by=current_user)
        flash(f"{user.name}'s account is {'enabled' if active else 'disabled'}", "success")
        return redirect(url_for("admin.index"))
    return render_template("admin/confirm_active.html", form=form, account=user, active=active)


@bp.get("/audit-log")
@requires_role("admin")
def audit_log():
    """Who created, changed, exported or deleted which record, newest first."""
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    if page * AUDIT_PAGE_SIZE > MAX_DATABASE_INTEGER:
        abort(404)  # past any page there could be, and too large an offset for the database
    query = select(AuditEvent, User).outerjoin(User, AuditEvent.user_id == User.id)
    object_type = request.args.get("type") or None
    if object_type:
        query = query.where(AuditEvent.object_type == object_type)
    rows = db.session.execute(
        query.order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(AUDIT_PAGE_SIZE + 1)
        .offset((page - 1) * AUDIT_PAGE_SIZE)
    ).all()
    types = db.session.scalars(select(AuditEvent.object_type).distinct()).all()
    return render_template(
        "admin/audit_log.html",
        rows=rows[:AUDIT_PAGE_SIZE],
        page=page,
        has_next=len(rows) > AUDIT_PAGE_SIZE,
        object_type=object_type,
        types=sorted(types),
        action_words=action_words,
    )
