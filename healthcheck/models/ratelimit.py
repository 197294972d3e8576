"""Fixed-window rate limit counters, shared by every worker process and app instance.

A row counts the requests one key made in one window. The key is an HMAC of the limit's name
and the caller's key (an address, an email, a draft id), never the value itself, and rows older
than the previous window are deleted as new windows open, so nothing here outlives a minute or
two. See healthcheck/ratelimit.py.
"""

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


class RateLimitBucket(db.Model):
    __tablename__ = "rate_limit_bucket"

    # "<limit name>:<hmac hex>", for example "sign-in:3f2a..."
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    # The window's start, in whole seconds since the epoch (UTC).
    window_start: Mapped[int] = mapped_column(primary_key=True, autoincrement=False, index=True)
    count: Mapped[int] = mapped_column(default=0)
