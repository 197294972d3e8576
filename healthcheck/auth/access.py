"""Access control: every endpoint declares who may use it, and anything undeclared is refused.

Usage, in any blueprint (put the decorator *below* ``@bp.route`` so that the route registers the
decorated function)::

    from healthcheck.auth.access import public, requires_role

    @bp.get("/reports/")
    @requires_role("psw")
    def dashboard(): ...

    @bp.get("/help")
    @public
    def help_page(): ...

``requires_role(*roles)`` lets a signed-in user with one of the roles in ("facilitator", "psw",
"admin", "endorser"); an anonymous visitor is sent to sign in, a signed-in user with another
role gets 403.
``public`` lets anyone in. A blueprint or endpoint that is public as a whole, and whose file we do
not own, is listed in ``PUBLIC_BLUEPRINTS`` / ``PUBLIC_ENDPOINTS`` below.

An app-wide ``before_request`` (installed by ``register_access_control``, which ``create_app``
calls) enforces the policy before the view runs. An endpoint with no declared policy is refused
for everyone (403, or a redirect to sign in when anonymous) and ``tests/test_access_matrix.py``
fails until it declares one. Object-level checks (a facilitator edits only their own focus
groups) stay in the view.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask, abort, current_app, g, redirect, request, url_for
from flask_login import current_user

ROLES = ("facilitator", "psw", "admin", "endorser")

# Blueprints and endpoints that anyone may use, declared here because their files belong to
# other jobs. Keep these lists short: prefer the decorators in the blueprint itself.
PUBLIC_BLUEPRINTS = frozenset({"main", "survey"})
PUBLIC_ENDPOINTS = frozenset({"static"})

ATTRIBUTE = "access_policy"


@dataclass(frozen=True)
class Policy:
    """Who may use an endpoint: anyone (``public``), or signed-in users with one of ``roles``.

    ``on_expired`` (roles only) is called instead of the sign-in redirect when an anonymous
    visitor posts to the endpoint, so that a form posted after the session ended is not lost.
    """

    public: bool = False
    roles: frozenset[str] = frozenset()
    on_expired: Callable | None = None

    def allows(self, user) -> bool:
        if self.public:
            return True
        return bool(getattr(user, "is_authenticated", False)) and user.role in self.roles


PUBLIC = Policy(public=True)


def public(view: Callable) -> Callable:
    """Anyone may use this endpoint, signed in or not."""
    setattr(view, ATTRIBUTE, PUBLIC)
    return view


def requires_role(*roles: str, on_expired: Callable | None = None) -> Callable:
    """Only signed-in users with one of `roles` may use this endpoint."""
    unknown = set(roles) - set(ROLES)
    if not roles or unknown:
        raise ValueError(f"requires_role needs roles from {ROLES}, not {sorted(unknown) or '()'}")
    policy = Policy(roles=frozenset(roles), on_expired=on_expired)

    def decorate(view: Callable) -> Callable:
        setattr(view, ATTRIBUTE, policy)
        return view

    return decorate


def policy_for(app: Flask, endpoint: str) -> Policy | None:
    """The declared policy of an endpoint, or None when it has none (and is refused)."""
    if endpoint in PUBLIC_ENDPOINTS:
        return PUBLIC
    view = app.view_functions.get(endpoint)
    policy = getattr(view, ATTRIBUTE, None)
    if policy is not None:
        return policy
    blueprint = endpoint.rpartition(".")[0]
    if blueprint and blueprint.split(".")[0] in PUBLIC_BLUEPRINTS:
        return PUBLIC
    return None


def sign_in_redirect():
    """Send an anonymous visitor to sign in, coming back to this page (GET only) afterwards."""
    next_url = request.full_path if request.method == "GET" else None
    if next_url and next_url.endswith("?"):
        next_url = next_url[:-1]
    return redirect(url_for("auth.sign_in", next=next_url))


def enforce_access():
    """before_request: refuse anything the endpoint's policy does not allow."""
    endpoint = request.endpoint
    if endpoint is None:  # no route matched: the 404 or 405 handler answers
        return None
    policy = policy_for(current_app, endpoint)
    if policy is not None and policy.allows(current_user):
        return None
    if not getattr(current_user, "is_authenticated", False):
        if policy is not None and policy.on_expired is not None and request.method == "POST":
            return policy.on_expired()
        return sign_in_redirect()
    if policy is None:
        current_app.logger.warning("Refused %s: endpoint declares no access policy", endpoint)
    abort(403)


def _forget_cached_user():
    """Load the user (and the CSRF token) afresh for every request, even when an app context
    outlives requests (the test suite pushes one around many requests; Flask-Login and
    Flask-WTF cache them on g)."""
    g.pop("_login_user", None)
    g.pop(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"), None)


def register_access_control(app: Flask) -> None:
    app.before_request_funcs.setdefault(None, []).insert(0, _forget_cached_user)
    app.before_request(enforce_access)
