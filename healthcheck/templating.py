"""Template globals: the GOV.UK form helpers, service details and small filters."""

from datetime import date

from flask import Flask, current_app, g, has_request_context, request, url_for
from govuk_frontend_wtf.main import WTFormsHelpers

from analysis.organisation_metrics import STATUS_WORDS, status_word
from analysis.scoring import FAVOURABLE_RULE

from .focus_groups.identifiers import redacted_text
from .results.response_rate import rate_wording

# A figure's status against its target as a GOV.UK tag (the figures page and the area page).
STATUS_CLASSES = {
    "green": "govuk-tag--green",
    "amber": "govuk-tag--yellow",
    "red": "govuk-tag--red",
    None: "govuk-tag--grey",
}
STATUS_TAGS = {k: {"text": STATUS_WORDS[k], "classes": c} for k, c in STATUS_CLASSES.items()}


def status_tag(status: str | None) -> dict:
    """The GOV.UK tag (text and classes) for a status; an unknown one is grey."""
    return STATUS_TAGS.get(status, STATUS_TAGS[None])


def register_templating(app: Flask) -> None:
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
    app.add_template_filter(figure, "figure")
    # A figure's status against its target, in the one vocabulary (analysis.organisation_metrics).
    app.add_template_filter(status_word, "status_word")
    app.add_template_filter(status_tag, "status_tag")
    # The total response rate in the one wording (results/response_rate.py): over the headcount
    # it used, saying what it left out. Pages, the PDF and the staff page all use it.
    app.add_template_filter(rate_wording, "rate_wording")

    @app.template_filter("redacted")
    def _redacted(text):
        """Free text through the one redaction engine, with the staff list (public pages)."""
        return redacted_text(text or "")


def figure(value) -> str:
    """An organisation's figure as people write it: a whole number without decimals ("118
    people", not "118.0"), any other to its own precision ("14.5")."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def uk_date(value) -> str:
    """30 September 2025, the GOV.UK date style: the one date format of pages, PDF and XLSX."""
    if not value:
        return ""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value[:10])
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
    role = getattr(user, "role", None)
    items = [
        {"href": url_for(endpoint), "text": text, "active": False}
        for endpoint, text, roles in NAVIGATION
        if role in roles and endpoint in current_app.view_functions
    ]
    # One link is the current one: the longest whose address starts the page's ("Health
    # checks", /admin/cycles, not "Administration", /admin/, as well).
    path = request.path if has_request_context() else ""
    current = max(
        (item for item in items if path.startswith(item["href"])),
        key=lambda item: len(item["href"]),
        default=None,
    )
    if current is not None:
        current["active"] = True
    return items
