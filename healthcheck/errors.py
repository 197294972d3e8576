"""GOV.UK styled error pages. Nothing a user sends should ever show a stack trace."""

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException


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
        return render_template("errors/500.html"), 500
