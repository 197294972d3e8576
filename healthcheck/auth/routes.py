"""Signing in and out for facilitators, the Principal Social Worker and administrators.

Sessions are Flask-Login sessions in a signed cookie that carries the user's session token:
signing out rotates the token, so the old cookie is refused even if it is replayed. The cookie
is permanent with an idle lifetime of PERMANENT_SESSION_LIFETIME_MINUTES, refreshed on each
request; a page warns a few minutes before it runs out (static/js/session-timeout.js).
"""

from urllib.parse import urlsplit

from flask import (
    Blueprint,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_user, logout_user

from ..extensions import db
from ..housekeeping import run_housekeeping
from . import accounts, throttle
from .access import ROLES, public, requires_role
from .forms import SignInForm

bp = Blueprint("auth", __name__)


def safe_next(target: str | None) -> str | None:
    """Only a path on this site (no scheme, no host, no //) may be a redirect target."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target:
        return None
    return target


def home_for(user) -> str:
    """Where each role starts."""
    if user.role == "admin":
        return url_for("admin.index")
    if user.role == "psw" and "reports.dashboard" in current_app.view_functions:
        return url_for("reports.dashboard")
    if user.role == "endorser":
        return url_for("endorsement.index")
    return url_for("focus_groups.list_focus_groups")


@bp.route("/sign-in", methods=["GET", "POST"])
@public
def sign_in():
    """Sign in with an email address and password. Attempts are limited per address and
    account (healthcheck/auth/throttle.py): no lock-out that others could impose on a user."""
    email = accounts.normalise_email(request.form.get("email", ""))
    if request.method == "POST":
        # Counted in the shared database before anything else: a refused attempt stores nothing.
        refused = throttle.before_checking(email)
        if refused is not None:
            return refused
    form = SignInForm()
    next_url = safe_next(request.args.get("next"))
    stash = request.args.get("stash")
    if current_user.is_authenticated and request.method == "GET" and not stash:
        return redirect(next_url or home_for(current_user))
    error = None
    if form.validate_on_submit():
        result = accounts.check_sign_in(form.email.data, form.password.data)
        if result.user is not None:
            session.clear()  # no session fixation: a fresh session for the signed-in user
            login_user(result.user)
            session.permanent = True
            # Housekeeping on a sign-in (a write request anyway): drop what has expired.
            run_housekeeping()
            db.session.commit()
            if stash:
                target = url_for("focus_groups.restore_stash", stash_id=stash)
            else:
                target = next_url or home_for(result.user)
            return throttle.remember_browser(redirect(target), email)
        throttle.after_wrong_password(email)
        error = "Enter a correct email address and password"
        form.password.errors = [error]
    return render_template("auth/sign_in.html", form=form, error=error, stash=stash)


@bp.route("/sign-out", methods=["GET", "POST"])
@public
def sign_out():
    """End the session on the server (the token is rotated) and in the browser.

    Only a POST (the "Sign out" button, with its CSRF token) signs out: a GET shows the button,
    so a link or image on another site cannot sign anyone out.
    """
    if request.method == "GET":
        if not current_user.is_authenticated:
            return redirect(url_for("auth.sign_in"))
        return render_template("auth/sign_out.html")
    if current_user.is_authenticated:
        accounts.end_sessions(current_user._get_current_object())
    logout_user()
    session.clear()
    return redirect(url_for("auth.signed_out"))


@bp.get("/signed-out")
@public
def signed_out():
    """After signing out, or after the session ran out ("timeout")."""
    timed_out = request.args.get("reason") == "timeout"
    return render_template("auth/signed_out.html", timed_out=timed_out)


@bp.post("/session/keep-alive")
@requires_role(*ROLES)
def keep_alive():
    """Called by "Stay signed in": any signed-in request refreshes the session cookie."""
    session.permanent = True
    session.modified = True
    return jsonify(expires_in=int(current_app.permanent_session_lifetime.total_seconds()))


@bp.app_context_processor
def _session_timeout_settings():
    lifetime = int(current_app.permanent_session_lifetime.total_seconds())
    warn = min(current_app.config.get("SESSION_WARNING_SECONDS", 300), max(lifetime // 2, 5))
    return {"session_lifetime_seconds": lifetime, "session_warning_seconds": warn}
