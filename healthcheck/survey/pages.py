"""Rendering survey pages fast: the GOV.UK page around the content is rendered once.

The layout (base.html: header, service navigation, phase banner, footer, scripts) is the same
on every survey page for an anonymous respondent, and rendering its macros costs more than the
questions. So it is rendered once per app, with markers where the title, the CSP nonce, the
back link and the content go, and each request fills in those four. The content templates
(templates/survey/*.html) render only what is inside <main>, plus a `title` block.
"""

from flask import current_app, g, get_flashed_messages, render_template_string
from flask_login import AnonymousUserMixin
from markupsafe import Markup, escape

_TITLE, _NONCE, _BACK, _CONTENT = "@@TITLE@@", "@@NONCE@@", "@@BACK@@", "@@CONTENT@@"
_SHELL = """{% extends "base.html" %}
{% block pageTitle %}@@TITLE@@{% endblock %}
{% block back %}@@BACK@@{% endblock %}
{% block content %}@@CONTENT@@{% endblock %}"""
_BACK_LINK = """
{%- from "govuk_frontend_jinja/components/back-link/macro.html" import govukBackLink -%}
{{- govukBackLink({'href': '@@HREF@@', 'text': 'Back'}) -}}"""


def _shell() -> tuple[list[str], str]:
    cached = current_app.extensions.get("survey_shell")
    if cached is None:
        # Rendered as an anonymous visitor with a marker nonce, so nothing of this request
        # (a signed-in member of staff's navigation, a real nonce) is baked in.
        html = render_template_string(_SHELL, cspNonce=_NONCE, current_user=AnonymousUserMixin())
        pieces = []
        for marker in (_TITLE, _NONCE, _BACK, _CONTENT):
            assert marker in html, f"the survey page shell lost its {marker} marker"
        import re

        pieces = re.split("(@@[A-Z]+@@)", html)
        back = render_template_string(_BACK_LINK)
        cached = current_app.extensions["survey_shell"] = (pieces, back)
    return cached


def macro(component: str, name: str):
    """A GOV.UK Frontend Jinja macro as a Python callable (its template module is cached)."""
    path = f"govuk_frontend_jinja/components/{component}/macro.html"
    return getattr(current_app.jinja_env.get_template(path).module, name)


def section_buttons() -> Markup:
    """Continue and "Save and come back later": the same on every section, rendered once."""
    cached = current_app.extensions.get("survey_buttons")
    if cached is None:
        button = macro("button", "govukButton")
        cached = (
            Markup('<div class="govuk-button-group">')
            + button({"text": "Continue", "name": "action", "value": "continue"})
            + button(
                {
                    "text": "Save and come back later",
                    "name": "action",
                    "value": "save",
                    "classes": "govuk-button--secondary",
                }
            )
            + Markup("</div>")
        )
        current_app.extensions["survey_buttons"] = cached
    return cached


def render_page(
    template_name: str,
    *,
    errors=None,
    back_href: str | None = None,
    banners: list[dict] | None = None,
    **context,
):
    """A survey page: the content template inside the cached GOV.UK layout.

    `errors` is the error summary's list; `banners` are notification banners' parameters,
    shown after any flashed messages.
    """
    env = current_app.jinja_env
    template = env.get_template(template_name)
    summary = ""
    if errors:
        summary = macro("error-summary", "govukErrorSummary")(
            {"titleText": "There is a problem", "errorList": errors}
        )
    banner_params = [
        {"text": message, "type": "success" if category == "success" else None}
        for category, message in get_flashed_messages(with_categories=True)
    ] + list(banners or [])
    banner = macro("notification-banner", "govukNotificationBanner") if banner_params else None
    context.update(
        errors=errors or [],
        back_href=back_href,
        summary_html=summary,
        banners_html=Markup("").join(banner(p) for p in banner_params),
    )
    current_app.update_template_context(context)
    ctx = template.new_context(context)
    content = "".join(template.root_render_func(ctx))
    title = "".join(template.blocks["title"](ctx)).strip()
    cycle = context.get("cycle")
    page_title = " – ".join(
        part
        for part in (
            title,
            # Not twice where the page's own title names the cycle (the start page).
            cycle.name if cycle is not None and cycle.name not in title else None,
            current_app.config["ORGANISATION_NAME"],
        )
        if part
    )
    if errors:
        page_title = "Error: " + page_title
    pieces, back = _shell()
    values = {
        _TITLE: str(escape(page_title)),
        _NONCE: str(escape(g.get("csp_nonce", ""))),
        _BACK: back.replace("@@HREF@@", str(escape(back_href))) if back_href else "",
        _CONTENT: content,
    }
    # The shell is our own rendered layout; every value put in it is escaped or rendered
    # with autoescaping above.
    return Markup("".join(values.get(piece, piece) for piece in pieces))  # nosec B704
