"""Template globals: the GOV.UK form helpers, service details and small filters."""

from datetime import date

from flask import Flask, g
from govuk_frontend_wtf.main import WTFormsHelpers


def register_templating(app: Flask) -> None:
    WTFormsHelpers(app)
    app.add_template_global(navigation_items)

    @app.context_processor
    def _service_context():
        return {
            "service_name": app.config["SERVICE_NAME"],
            "organisation_name": app.config["ORGANISATION_NAME"],
            "cspNonce": g.get("csp_nonce", ""),
            "current_year": date.today().year,
            "govukRebrand": False,
        }

    @app.template_filter("uk_date")
    def _uk_date(value):
        """25 November 2026, the GOV.UK date style."""
        if not value:
            return ""
        return f"{value.day} {value:%B %Y}"


# (endpoint, link text, roles that see it). Links whose endpoint is not registered are left out.
NAVIGATION = (
    ("reports.dashboard", "Dashboard", {"psw"}),
    ("focus_groups.list_focus_groups", "Focus groups", {"facilitator", "psw"}),
    ("metrics.upload_metrics", "Figures", {"psw"}),
    ("admin.cycles", "Health checks", {"psw", "admin"}),
    ("admin.index", "Administration", {"admin"}),
)


def navigation_items(user):
    """The service navigation links this signed-in user may follow."""
    from flask import current_app, url_for

    role = getattr(user, "role", None)
    return [
        {"href": url_for(endpoint), "text": text}
        for endpoint, text, roles in NAVIGATION
        if role in roles and endpoint in current_app.view_functions
    ]
