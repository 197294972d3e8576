"""The anonymous staff survey."""

from flask import Blueprint

bp = Blueprint("survey", __name__, url_prefix="/survey")


@bp.get("/<slug>")
def start(slug):
    """The survey's start page (the survey journey is being built)."""
    from flask import abort

    abort(404)
