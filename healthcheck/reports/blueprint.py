"""The reports blueprint, on its own so that every views module (routes, theme_views,
assessment_views) can register on it without importing another views module."""

from flask import Blueprint

bp = Blueprint("reports", __name__, url_prefix="/reports")
