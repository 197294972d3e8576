"""Keeping a focus-group form posted after the facilitator's session ended (the stash).

Only the author's own expired session can make one. The post must carry our session cookie,
correctly signed and past its idle limit (healthcheck/auth/sessions.py), for a facilitator of
this record whose sign-in is still current (not signed out, not disabled), with a CSRF token
from that same session. Anything else (a signed-out visitor, another site, a forged form) is
simply asked to sign in and nothing is stored: stashes were once a way to store 5 MB for a
week anonymously, and to hand a colleague a sign-in link that added people to their record.

A stash is bound to that facilitator, holds only the page's own fields (never the list of
facilitators), is limited in size and in how many are made a minute, replaces that person's
earlier stash of the same page, and expires after STASH_DAYS. Restoring it shows what differs
from what is saved and saves nothing until the facilitator does.
"""

from __future__ import annotations

import hmac
import json
from datetime import timedelta

from flask import current_app, redirect, request, url_for
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import delete

from ..auth.sessions import expired_session
from ..extensions import db
from ..models import FocusGroup, NoteStash, User
from ..ratelimit import check_limit
from ..timeutil import utcnow
from . import records
from .page_values import MAX_NOTE_LENGTH, current_values, posted_values
from .pages import Page

STASH_DAYS = 7
# Generous for a page of notes (each note is at most MAX_NOTE_LENGTH characters).
STASH_MAX_CHARS = 20 * MAX_NOTE_LENGTH
NEVER_KEPT = frozenset({"facilitators"})  # people are never added from a stash


class TooManyStashes(Exception):
    """The author kept too many forms this minute; `response` is the 429 page."""

    def __init__(self, response):
        self.response = response


def stash_posted_form():
    """The answer to a POST to an edit page from a signed-out browser: keep the form when it
    comes from its author's expired session, then ask them to sign in (the sign-in page
    offers the kept notes back); anything else only asks to sign in and stores nothing."""
    args = request.view_args or {}
    focus_group = db.session.get(FocusGroup, args.get("focus_group_id", 0))
    page = records.page_for(focus_group, args.get("page_id", "")) if focus_group else None
    author = expired_author(focus_group) if page is not None else None
    if author is None:
        return redirect(url_for("auth.sign_in"))
    try:
        kept = keep_posted(focus_group, page, request.form, author)
    except TooManyStashes as refused:
        return refused.response
    if kept is None:
        return redirect(url_for("auth.sign_in"))
    return redirect(url_for("auth.sign_in", stash=kept.id))


def expired_author(focus_group: FocusGroup) -> User | None:
    """The facilitator whose expired session posted this form, when everything checks out."""
    data = expired_session()
    if not data:
        return None
    user_id, _, token = str(data.get("_user_id", "")).partition(":")
    if not user_id.isdigit() or not token:
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active or not hmac.compare_digest(user.session_token, token):
        return None
    if user.role != "facilitator" or all(f.id != user.id for f in focus_group.facilitators):
        return None
    if current_app.config.get("WTF_CSRF_ENABLED", True) and not _csrf_matches(data):
        return None
    return user


def _csrf_matches(data: dict) -> bool:
    """The form's CSRF token was issued to that same (now expired) session."""
    field = current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
    raw = data.get(field)
    sent = request.form.get(field) or request.headers.get("X-CSRFToken")
    if not raw or not sent:
        return False
    secret = current_app.config.get("WTF_CSRF_SECRET_KEY") or current_app.secret_key
    try:
        token = URLSafeTimedSerializer(secret, salt="wtf-csrf-token").loads(sent)
    except BadSignature:
        return False
    return isinstance(token, str) and hmac.compare_digest(token, raw)


def keep_posted(focus_group: FocusGroup, page: Page, form, author: User) -> NoteStash | None:
    """Keep the page's posted fields for `author`; None when they are too large to keep.
    Raises TooManyStashes when the author is over the limit (nothing is stored)."""
    refused = check_limit("focus-group-stash", f"u:{author.id}")
    if refused is not None:
        raise TooManyStashes(refused)
    fields = {
        name: value for name, value in posted_values(page, form).items() if name not in NEVER_KEPT
    }
    fields["version"] = str(form.get("version", ""))[:20]
    fields["base"] = str(form.get("base", ""))[:20000]
    if len(json.dumps(fields)) > STASH_MAX_CHARS:
        return None
    delete_expired_stashes()
    db.session.execute(
        delete(NoteStash).where(
            NoteStash.user_id == author.id,
            NoteStash.focus_group_id == focus_group.id,
            NoteStash.page == page.id,
        )
    )
    stash = NoteStash(
        focus_group_id=focus_group.id,
        user_id=author.id,
        page=page.id,
        fields=fields,
        expires_at=utcnow() + timedelta(days=STASH_DAYS),
    )
    db.session.add(stash)
    db.session.commit()
    current_app.logger.info("kept a focus-group form posted after the session ended")
    return stash


def find_stash(stash_id: str | None, user) -> NoteStash | None:
    """The user's own unexpired stash with this id; anyone else's is not found."""
    if not stash_id or len(stash_id) > 48:
        return None
    stash = db.session.get(NoteStash, stash_id)
    if stash is None or stash.expires_at < utcnow() or stash.user_id != getattr(user, "id", -1):
        return None
    return stash


def discard_stash(stash_id: str | None, user) -> None:
    if stash_id:
        db.session.execute(
            delete(NoteStash).where(
                NoteStash.id == stash_id, NoteStash.user_id == getattr(user, "id", -1)
            )
        )
        db.session.commit()


def delete_expired_stashes() -> int:
    """Delete every kept form past its expiry (STASH_DAYS); returns how many. Not committed."""
    result = db.session.execute(delete(NoteStash).where(NoteStash.expires_at < utcnow()))
    return result.rowcount or 0


def restored_values(focus_group: FocusGroup, page: Page, stash: NoteStash):
    """(values for the form, labels of the fields that differ from what is saved).
    Starts from what is saved: only the page's own kept fields are laid over it."""
    values = current_values(focus_group, page)
    kept = {k: v for k, v in (stash.fields or {}).items() if k not in NEVER_KEPT}
    for name, value in posted_values(page, _Kept(kept)).items():
        if name in NEVER_KEPT or name not in _present(page, name, kept):
            continue
        values[name] = value
    changed = records.differences(focus_group, page, values)
    labels = []
    for f in page.fields:
        names = [f"{f.name}-day", f"{f.name}-month", f"{f.name}-year"] if f.kind == "date" else []
        if f.name in changed or any(n in changed for n in names):
            labels.append(f"{f.group} {f.label.lower()}" if f.group else f.label)
    return values, labels


def _present(page: Page, name: str, kept: dict) -> set:
    """Names the stash really holds (an unticked checkbox is absent from a post, so the
    consent box counts as held whenever the stash is of its page)."""
    held = set(kept)
    if name == "consent" and any(f.name == "consent" for f in page.fields):
        held.add("consent")
    return held


class _Kept(dict):
    """A stash's fields with the MultiDict methods posted_values uses."""

    def getlist(self, key):
        value = self.get(key, [])
        return value if isinstance(value, list) else [value]
