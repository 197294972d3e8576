"""Template globals: the GOV.UK form helpers, service details and small filters."""

from datetime import date

from flask import Flask, g
from govuk_frontend_wtf.main import WTFormsHelpers


def register_templating(app: Flask) -> None:
    from analysis.scoring import FAVOURABLE_RULE

    WTFormsHelpers(app)
    app.add_template_global(navigation_items)
    app.add_template_global(FAVOURABLE_RULE, "favourable_rule")

    @app.context_processor
    def _service_context():
        return {
            "service_name": app.config["SERVICE_NAME"],
            "organisation_name": app.config["ORGANISATION_NAME"],
            "cspNonce": g.get("csp_nonce", ""),
            "current_year": date.today().year,
            "govukRebrand": False,
        }

    app.add_template_filter(uk_date, "uk_date")

    @app.template_filter("status_word")
    def _status_word(status):
        """A figure's status against its target, in the one vocabulary (analysis.metrics)."""
        from analysis.metrics import status_word

        return status_word(status)

    @app.template_filter("status_tag")
    def _status_tag(status):
        from .metrics.routes import RAG_TAGS

        return RAG_TAGS.get(status, RAG_TAGS[None])

    @app.template_filter("redacted")
    def _redacted(text):
        """Free text through the one redaction engine, with the staff list (public pages)."""
        from .focus_groups.identifiers import redacted_text

        return redacted_text(text or "")


def uk_date(value) -> str:
    """30 September 2025, the GOV.UK date style: the one date format of pages, PDF and XLSX."""
    if not value:
        return ""
    if isinstance(value, str):
        from datetime import date as _date

        try:
            value = _date.fromisoformat(value[:10])
        except ValueError:
            return value
    return f"{value.day} {value:%B %Y}"


# (endpoint, link text, roles that see it). Links whose endpoint is not registered are left out.
NAVIGATION = (
    ("reports.dashboard", "Dashboard", {"psw"}),
    ("focus_groups.list_focus_groups", "Focus groups", {"facilitator", "psw"}),
    ("metrics.upload_metrics", "Figures", {"psw"}),
    ("admin.cycles", "Health checks", {"psw", "admin"}),
    ("admin.index", "Administration", {"admin"}),
    ("endorsement.index", "Endorsement", {"endorser"}),
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
