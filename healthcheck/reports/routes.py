"""The Principal Social Worker's dashboard, reports and downloads."""

from flask import Blueprint

bp = Blueprint("reports", __name__, url_prefix="/reports")
