"""Limits on signing in that an attacker cannot turn against a user, and that give nothing away.

There is no account lock-out: five wrong passwords used to lock an account for 15 minutes, so
anyone who knew an address could keep its owner out, and a locked account answered differently
from an unknown one. Instead (limits in Config.RATELIMITS, counted by healthcheck/ratelimit.py):

- ``sign-in``: every attempt per address *and* account. Someone guessing at one account from
  one address is slowed down; the account's owner, signing in from anywhere else, is not.
- ``sign-in-address``: every attempt per address, at an office's scale.
- ``sign-in-account``: wrong passwords per account from every address. When it is spent (many
  addresses guessing at once), only a browser that has signed in to that account before (it
  holds a signed "known browser" cookie) has its password checked; others are told to wait.

Unknown addresses are counted exactly like real ones, so every answer is the same whether the
account exists or not.
"""

from flask import current_app, request
from itsdangerous import BadSignature, URLSafeTimedSerializer

from ..ratelimit import check_limit, client_address, hashed_key, spent, too_many_requests

KNOWN_BROWSER_COOKIE = "healthcheck_known_browser"
KNOWN_BROWSER_DAYS = 180
KNOWN_BROWSER_MAX_ACCOUNTS = 5


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="known-browser")


def _account(email: str) -> str:
    return hashed_key("known-browser", email)


def known_accounts() -> list[str]:
    raw = request.cookies.get(KNOWN_BROWSER_COOKIE)
    if not raw:
        return []
    try:
        value = _serializer().loads(raw, max_age=KNOWN_BROWSER_DAYS * 86400)
    except BadSignature:
        return []
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def before_checking(email: str):
    """Count this attempt and refuse it when over a limit (a 429 response), else None.
    Called before the password is checked."""
    address = client_address()
    limits = (("sign-in-address", address), ("sign-in", f"{address}\0{email}"))
    # Both looked at before either is counted, so that a refused attempt stores nothing.
    for name, key in limits:
        wait = spent(name, key)
        if wait is not None:
            return too_many_requests(wait)
    for name, key in limits:
        refused = check_limit(name, key)
        if refused is not None:  # only when another attempt took the last place meanwhile
            return refused
    wait = spent("sign-in-account", email)
    if wait is not None and _account(email) not in known_accounts():
        return too_many_requests(wait)
    return None


def after_wrong_password(email: str) -> None:
    """Count one wrong password (or unknown address) against the account, from anywhere."""
    check_limit("sign-in-account", email)


def remember_browser(response, email: str):
    """After a successful sign-in: this browser may still sign in while others guess."""
    accounts = [a for a in known_accounts() if a != _account(email)]
    accounts = [_account(email), *accounts][:KNOWN_BROWSER_MAX_ACCOUNTS]
    response.set_cookie(
        KNOWN_BROWSER_COOKIE,
        _serializer().dumps(accounts),
        max_age=KNOWN_BROWSER_DAYS * 86400,
        path="/sign-in",
        secure=current_app.config.get("SESSION_COOKIE_SECURE", False),
        httponly=True,
        samesite="Lax",
    )
    return response
