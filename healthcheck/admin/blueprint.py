"""The administrator's blueprint, on its own so that every view module can register on it
without importing ``routes`` (which imports them all): no import cycle."""

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")
