"""The start page, the service's information pages and the GOV.UK asset files."""

from pathlib import Path

from flask import Blueprint, current_app, render_template, send_from_directory

bp = Blueprint("main", __name__)

GOVUK_ASSETS = Path(__file__).resolve().parent.parent / "static" / "govuk" / "assets"


@bp.get("/")
def start():
    """Explain the health check and send each kind of user where they need to go."""
    from ..survey.public_cycles import open_cycles_for_start_page

    return render_template("main/start.html", open_cycles=open_cycles_for_start_page())


@bp.get("/accessibility")
def accessibility():
    return render_template("main/accessibility.html")


@bp.get("/privacy")
def privacy():
    return render_template(
        "main/privacy.html",
        min_group=current_app.config["MIN_GROUP_SIZE"],
        min_quote_group=current_app.config["MIN_QUOTE_GROUP_SIZE"],
    )


@bp.get("/cookies")
def cookies():
    return render_template("main/cookies.html")


@bp.get("/assets/<path:filename>")
def govuk_assets(filename):
    """GOV.UK Frontend's fonts and images, at the path its stylesheet expects."""
    return send_from_directory(GOVUK_ASSETS, filename, max_age=31536000)


@bp.get("/healthz")
def healthz():
    """For load balancers: the app is up and its database answers."""
    from sqlalchemy import text

    from ..extensions import db

    db.session.execute(text("SELECT 1"))
    return {"status": "ok"}
