"""GOV.UK styled error pages. Nothing a user sends should ever show a stack trace.

The 500 page is shown after anything went wrong, a database error included: it rolls the
session back first and never touches the database itself (it shows the page as to someone
signed out, and is never cached), so it cannot fail in turn and fall back to Werkzeug's bare
page without our security headers.
"""

from flask import Flask, current_app, g, make_response, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from .extensions import db, login_manager


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def _csrf_error(error):
        return render_template("errors/csrf.html"), 400

    @app.errorhandler(HTTPException)
    def _http_error(error):
        template = {
            403: "errors/403.html",
            404: "errors/404.html",
            405: "errors/404.html",
            413: "errors/413.html",
            429: "errors/429.html",
        }.get(error.code, "errors/generic.html")
        return render_template(template, error=error), error.code

    @app.errorhandler(500)
    def _server_error(error):
        return server_error_page()


def server_error_page():
    """The 500 page: roll back, then render without a database (as to a signed-out visitor)."""
    try:
        db.session.rollback()
    except Exception:  # noqa: BLE001 - the database may be gone: the page must still be shown
        current_app.logger.exception("rollback failed while showing the error page")
    # Whoever was signed in is not looked up again (that would query the database): the page
    # and the after-request hooks see an anonymous visitor, and the page is never cached.
    g._login_user = login_manager.anonymous_user()
    g.no_store = True
    response = make_response(render_template("errors/500.html"), 500)
    response.headers["Cache-Control"] = "no-store"
    return response
