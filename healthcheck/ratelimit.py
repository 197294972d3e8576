"""Rate limits that hold across every worker process and every app instance.

flask-limiter's in-memory storage is per process, so limits here are counted in the database
every instance shares: one row per key and fixed window (`rate_limit_bucket`), bumped by one
atomic upsert (INSERT ... ON CONFLICT DO UPDATE ... WHERE count < limit RETURNING count) in its
own short transaction. When the bucket is full the upsert changes nothing and returns no row,
so a refused request stores nothing at all, not even a count.

Use it on a view, before the view does any work::

    @bp.post("/sign-in")
    @rate_limited("sign-in", key=client_address)
    def sign_in(): ...

or call `check_limit(name, key)` at the top of a view and return its response when it is not
None. Limits per minute come from the app config (`RATELIMITS`, overridable per limit with
HEALTHCHECK_RATELIMIT_<NAME> in the environment); `RATELIMIT_ENABLED = False` turns them off.

Anonymity: keys are stored as an HMAC (keyed with SECRET_KEY) of the limit name and the key,
never in clear, and rows older than the previous window are deleted as new windows open.
Survey routes should key on the draft or session, not on an address (see docs/engineering.md).
"""

import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from functools import wraps

from flask import current_app, make_response, render_template, request
from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from .config import Config
from .database import write_transaction
from .extensions import db
from .models.ratelimit import RateLimitBucket

WINDOW_SECONDS = 60
# Defaults, per minute; the app config's RATELIMITS (and the environment) override them.
DEFAULT_LIMITS = Config.RATELIMITS


class RateLimitMisuse(RuntimeError):
    """A limit was checked after the request had started changing data."""


def limit_for(name: str, default: int | None = None) -> int:
    """Requests per minute allowed for the named limit, from config, else the default."""
    configured = current_app.config.get("RATELIMITS", {})
    if name in configured:
        return int(configured[name])
    if default is not None:
        return int(default)
    if name in DEFAULT_LIMITS:
        return DEFAULT_LIMITS[name]
    raise KeyError(f"no rate limit configured for {name!r}: add it to RATELIMITS")


def hashed_key(name: str, key: str) -> str:
    """The stored form of a key: the limit name and an HMAC, never the key in clear."""
    secret = current_app.config["SECRET_KEY"].encode()
    digest = hmac.new(secret, f"{name}\0{key}".encode(), hashlib.sha256).hexdigest()
    return f"{name}:{digest[:40]}"


def hit(name: str, key: str, per_minute: int, now: float | None = None) -> tuple[bool, int]:
    """Count one request against a limit. Returns (allowed, seconds until the window ends).

    A refused request changes nothing. The count is written in its own short write transaction
    (healthcheck.database.write_transaction) on the app's session, which must not hold
    uncommitted changes: limits are checked before a view does any work.
    """
    session = db.session
    if session.new or session.dirty or session.deleted:
        raise RateLimitMisuse("check rate limits before the request changes any data")
    now = time.time() if now is None else now
    window_start = int(now // WINDOW_SECONDS) * WINDOW_SECONDS
    retry_after = max(1, int(window_start + WINDOW_SECONDS - now))
    stored_key = hashed_key(name, key)
    table = RateLimitBucket.__table__
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    stmt = insert(table).values(key=stored_key, window_start=window_start, count=1)
    stmt = stmt.on_conflict_do_update(
        index_elements=[table.c.key, table.c.window_start],
        set_={"count": table.c["count"] + 1},
        where=table.c["count"] < per_minute,
    ).returning(table.c["count"])

    def count_one(session) -> int | None:
        count = session.execute(stmt).scalar()
        if count == 1:
            # A new window for this key: forget every window before the previous one.
            session.execute(
                delete(table).where(table.c.window_start < window_start - WINDOW_SECONDS)
            )
        return count

    # Its own write transaction, so that a count taken in a GET never fails on SQLite's lock.
    count = write_transaction(session, count_one)
    allowed = count is not None and count <= per_minute
    return allowed, retry_after


def spent(name: str, key: str, per_minute: int | None = None, now: float | None = None):
    """Seconds until the window ends when the named limit is already spent for `key`, else
    None. Counts nothing: for limits counted only after the fact (a wrong password)."""
    if not current_app.config.get("RATELIMIT_ENABLED", True):
        return None
    session = db.session
    if session.new or session.dirty or session.deleted:
        raise RateLimitMisuse("check rate limits before the request changes any data")
    now = time.time() if now is None else now
    window_start = int(now // WINDOW_SECONDS) * WINDOW_SECONDS
    table = RateLimitBucket.__table__
    count = session.scalar(
        select(table.c["count"]).where(
            table.c.key == hashed_key(name, key), table.c.window_start == window_start
        )
    )
    session.commit()  # ends the read (nothing was changed): the next write has its own
    if count is not None and count >= limit_for(name, per_minute):
        return max(1, int(window_start + WINDOW_SECONDS - now))
    return None


def too_many_requests(retry_after: int):
    """The GOV.UK styled 429 page, with Retry-After."""
    response = make_response(render_template("errors/429.html"), 429)
    response.headers["Retry-After"] = str(retry_after)
    return response


def check_limit(name: str, key: str, per_minute: int | None = None):
    """Count this request; return a 429 response when it is over the limit, else None."""
    if not current_app.config.get("RATELIMIT_ENABLED", True):
        return None
    allowed, retry_after = hit(name, key, limit_for(name, per_minute))
    if allowed:
        return None
    current_app.logger.info("rate limit %s refused a request", name)
    return too_many_requests(retry_after)


def limit_wrong_guesses(name: str, key: str):
    """Count one wrong code (an access or resume code) for `key` and against everyone's budget
    (`<name>-global`); return a 429 response when either is spent, else None.

    Call it only after a code was checked and found wrong: a right code is never counted or
    refused. Behind an office's one address, ten wrong guesses by one person must not stop a
    colleague's valid code; codes have 60 bits or more, so accepting a right one whenever it
    comes gives a guesser nothing, and the global budget bounds guessing from many addresses.
    """
    return check_limit(name, key) or check_limit(f"{name}-global", global_key())


def rate_limited(
    name: str,
    key: Callable[[], str] | None = None,
    per_minute: int | None = None,
    methods: tuple[str, ...] = ("POST",),
):
    """Decorate a view so that `methods` requests over the limit get a 429 and do nothing.

    `key` is called inside the request and returns the string to count against (by default
    the client address, see `client_address`). Stack the decorator for several limits (for
    example a per-draft limit and a global cap).
    """
    key_func = key or client_address

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if request.method in methods:
                refused = check_limit(name, key_func(), per_minute)
                if refused is not None:
                    return refused
            return view(*args, **kwargs)

        return wrapped

    return decorator


# --- keys ------------------------------------------------------------------------------------


def client_address() -> str:
    """The client's address (as ProxyFix sees it behind a trusted proxy). Stored only hashed."""
    return request.remote_addr or "unknown"


def user_key() -> str:
    """The signed-in user (for staff routes such as uploads), else the client address."""
    from flask_login import current_user

    if getattr(current_user, "is_authenticated", False):
        return f"u:{current_user.id}"
    return f"a:{client_address()}"


def global_key() -> str:
    """One bucket for everyone: a coarse cap on a route."""
    return "all"


def form_field_key(field: str) -> Callable[[], str]:
    """Key on a form field (lower-cased), for example the email a sign-in is tried for."""

    def key() -> str:
        return str(request.form.get(field, "")).strip().lower()

    return key


SESSION_LIMIT_KEY = "limit_key"


def session_key(session_field: str) -> Callable[[], str]:
    """Key on the browser session of someone with a value in ``session_field`` (a draft),
    falling back to the address (hashed, kept for two minutes at most) for anyone else.

    The key is a random value that only the session cookie holds, never the draft id: a
    deleted draft's id can be recovered from a database file, and with SECRET_KEY its bucket
    would then give the minute that respondent sent their answers (write_order.py).
    """

    def key() -> str:
        from flask import session

        if not session.get(session_field):
            return f"a:{client_address()}"
        nonce = session.get(SESSION_LIMIT_KEY)
        if not nonce:
            nonce = session[SESSION_LIMIT_KEY] = secrets.token_hex(16)
        return f"s:{nonce}"

    return key
