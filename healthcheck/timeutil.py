"""Time helpers. Stored times are naive UTC; the anonymous survey stores dates only."""

from datetime import datetime, timezone


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)
