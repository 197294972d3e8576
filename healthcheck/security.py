"""Security headers on every response.

A Content Security Policy with a per-request nonce (no inline script or style without it),
no framing, no plugins; HSTS in production; no caching of the survey or signed-in pages.
"""

import secrets

from flask import Flask, g, request
from flask_login import current_user
from werkzeug.middleware.proxy_fix import ProxyFix

# Never cached, signed in or not: the survey, and every page of the signed-in areas (a
# sign-out or an expired session must not leave a copy behind in a shared browser or proxy).
NO_STORE_PREFIXES = (
    "/survey",
    "/focus-groups",
    "/reports",
    "/admin",
    "/account",
    "/sign-in",
    "/sign-out",
    "/signed-out",
    "/session",
)


def register_security(app: Flask) -> None:
    proxies = int(app.config.get("TRUSTED_PROXIES") or 0)
    if proxies:
        # Behind a reverse proxy: take the client address and scheme from the proxy's
        # X-Forwarded-* headers (only as many hops as we trust), for rate limits and HTTPS.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)

    @app.before_request
    def _make_nonce():
        g.csp_nonce = secrets.token_urlsafe(16)

    @app.after_request
    def _set_headers(response):
        nonce = g.get("csp_nonce", "")
        response.headers["Content-Security-Policy"] = "; ".join(
            [
                "default-src 'self'",
                f"script-src 'self' 'nonce-{nonce}'",
                f"style-src 'self' 'nonce-{nonce}'",
                "img-src 'self' data:",
                "font-src 'self'",
                "connect-src 'self'",
                "object-src 'none'",
                "base-uri 'none'",
                "form-action 'self'",
                "frame-ancestors 'none'",
            ]
        )
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
        if app.config.get("HSTS"):
            response.headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
        signed_in = getattr(current_user, "is_authenticated", False)
        if signed_in or g.get("no_store") or request.path.startswith(NO_STORE_PREFIXES):
            response.headers["Cache-Control"] = "no-store"
        return response
