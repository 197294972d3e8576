"""Focus-group records, typed up by facilitators."""

from flask import Blueprint

bp = Blueprint("focus_groups", __name__, url_prefix="/focus-groups")
