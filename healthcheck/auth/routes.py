"""Signing in and out for facilitators, the Principal Social Worker and administrators."""

from flask import Blueprint, redirect, url_for
from flask_login import logout_user

from ..extensions import db, login_manager
from ..models import User

bp = Blueprint("auth", __name__)


@login_manager.user_loader
def load_user(session_id: str):
    """Find the user for a session; refuse a session whose token was rotated at sign-out."""
    user_id, _, token = session_id.partition(":")
    if not user_id.isdigit() or not token:
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active or user.session_token != token:
        return None
    return user


@bp.route("/sign-out", methods=["GET", "POST"])
def sign_out():
    logout_user()
    return redirect(url_for("main.start"))


@bp.get("/sign-in")
def sign_in():
    """Placeholder until the sign-in form lands."""
    from flask import abort

    abort(404)
