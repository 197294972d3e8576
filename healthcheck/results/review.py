"""Human review of the themes: the Principal Social Worker hides a quote or a key term.

Hidden text is kept by a key of its words (analysis.quotes.quote_key; a key term by itself in
lower case, ``analysis.theme_edits.term_key``), per cycle, so it stays hidden when the themes
are re-run; ``analysis.theme_edits.apply_hidden`` takes it out of the stored result that every
page, chart and download reads (results.analysis._public), and the next run chooses other
quotes in its place (compute_themes gets the keys). Every hide is audit-logged with its reason.
"""

from __future__ import annotations

from sqlalchemy import select

from analysis.quotes import quote_key
from analysis.theme_edits import term_key

from ..audit import record_event
from ..extensions import db
from ..models import HiddenText


class ReviewError(ValueError):
    """A hide that cannot be made; the message says why, for the page."""


def hidden_for(cycle_id: int) -> dict[str, set[str]]:
    """{"quote": {key, ...}, "term": {term, ...}} hidden in a cycle."""
    out: dict[str, set[str]] = {"quote": set(), "term": set()}
    for kind, key in db.session.execute(
        select(HiddenText.kind, HiddenText.key).where(HiddenText.cycle_id == cycle_id)
    ):
        out.setdefault(kind, set()).add(key)
    return out


def _reason(reason: str) -> str:
    reason = " ".join((reason or "").split())
    if not reason:
        raise ReviewError("Enter why you are hiding it")
    if len(reason) > 500:
        raise ReviewError("The reason must be 500 characters or fewer")
    return reason


def _hide(cycle_id: int, kind: str, key: str, reason: str, user) -> HiddenText:
    existing = db.session.scalar(
        select(HiddenText).where(
            HiddenText.cycle_id == cycle_id, HiddenText.kind == kind, HiddenText.key == key
        )
    )
    if existing is not None:
        return existing
    row = HiddenText(
        cycle_id=cycle_id, kind=kind, key=key, reason=reason, created_by=getattr(user, "id", None)
    )
    db.session.add(row)
    record_event("hidden", kind, f"{cycle_id}:{key}", f"hidden: {reason}"[:500], user=user)
    db.session.commit()
    return row


def hide_quote(cycle_id: int, text: str, reason: str, user) -> HiddenText:
    """Hide a quote (by its words) in every page and download of the cycle. Audited."""
    return _hide(cycle_id, "quote", quote_key(text), _reason(reason), user)


def hide_term(cycle_id: int, term: str, reason: str, user) -> HiddenText:
    """Hide a key term in every page and download of the cycle. Audited."""
    if not term_key(term):
        raise ReviewError("Select the key term to hide")
    return _hide(cycle_id, "term", term_key(term), _reason(reason), user)
