"""Answers saved before submission ("drafts") and resume codes.

A respondent's draft is a server-side row; their browser holds only its random id, in the
Flask session cookie, which is a browser-session cookie (it never outlives the browser). Each
page they continue from saves into the draft. "Save and come back later" gives a resume code
(16 characters of Crockford's base 32, 80 random bits, shown once, stored only as its SHA-256)
that re-attaches the draft to a new session until the cycle closes (closing a cycle deletes its
drafts). Why 80 bits are enough against guessing is worked out in docs/survey.md. Once the
answers are sent, the code's hash is kept (SentResumeCode) so the old code says so.
"""

import hashlib
import json
import secrets
from datetime import date

from flask import session
from sqlalchemy import select

from ..extensions import db
from ..models import Cycle, Draft, SentResumeCode
from .access_codes import ALPHABET

SESSION_DRAFTS = "survey_drafts"  # {cycle id: draft id}
SESSION_DONE = "survey_done"  # [cycle id, ...] submitted in this browser session
RESUME_CODE_LENGTH = 16  # 16 characters of a 32-letter alphabet: 80 bits
# Read as the character they look like: Crockford's base 32 has no I, L, O or U.
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def _key(cycle: Cycle) -> str:
    return str(cycle.id)


def session_draft_id(cycle: Cycle) -> str | None:
    return session.get(SESSION_DRAFTS, {}).get(_key(cycle))


def attach(cycle: Cycle, draft_id: str) -> None:
    """Remember the draft in this browser session (a cookie that ends with the browser)."""
    drafts = dict(session.get(SESSION_DRAFTS, {}))
    drafts[_key(cycle)] = draft_id
    session[SESSION_DRAFTS] = drafts
    done = [c for c in session.get(SESSION_DONE, []) if c != cycle.id]
    if done != session.get(SESSION_DONE, []):
        session[SESSION_DONE] = done


def mark_submitted(cycle: Cycle) -> None:
    """Forget the draft id and remember only that this session has submitted."""
    drafts = dict(session.get(SESSION_DRAFTS, {}))
    drafts.pop(_key(cycle), None)
    session[SESSION_DRAFTS] = drafts
    done = list(session.get(SESSION_DONE, []))
    if cycle.id not in done:
        done.append(cycle.id)
    session[SESSION_DONE] = done


def has_submitted(cycle: Cycle) -> bool:
    return cycle.id in session.get(SESSION_DONE, [])


def load_draft(cycle: Cycle) -> Draft | None:
    draft_id = session_draft_id(cycle)
    if not draft_id:
        return None
    draft = db.session.get(Draft, draft_id)
    if draft is None or draft.cycle_id != cycle.id:
        return None
    return draft


def answers_of(draft: Draft | None) -> dict:
    if draft is None:
        return {}
    try:
        answers = json.loads(draft.answers or "{}")
    except ValueError:
        return {}
    return answers if isinstance(answers, dict) else {}


def draft_id_default(draft: Draft) -> str:
    """Give a new draft its random id now, so that it need not be read back after commit."""
    from ..models.survey import draft_id

    draft.id = draft_id()
    return draft.id


def save_section(cycle: Cycle, keys, values: dict) -> Draft:
    """Replace the answers to one section's `keys` in the session's draft (made if needed)."""
    draft = load_draft(cycle)
    if draft is None:
        draft = Draft(cycle_id=cycle.id, answers="{}")
        db.session.add(draft)
    answers = answers_of(draft)
    for key in keys:
        answers.pop(key, None)
    answers.update(values)
    draft.answers = json.dumps(answers, ensure_ascii=False, separators=(",", ":"))
    draft.updated_on = date.today()
    draft_id = draft.id or draft_id_default(draft)
    db.session.commit()
    attach(cycle, draft_id)
    return draft


# --- resume codes ---------------------------------------------------------------------------------


def normalise_code(code: str) -> str:
    """Upper case, without spaces or hyphens, O read as 0 and I or L as 1: a code can be typed
    as it looks."""
    return "".join(ch for ch in (code or "").upper() if ch.isalnum()).translate(_LOOKALIKES)


def hash_code(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()


def format_code(code: str, group: int = 4) -> str:
    return "-".join(code[i : i + group] for i in range(0, len(code), group))


def issue_resume_code(draft: Draft) -> str:
    """A new resume code for the draft (any earlier one stops working). Shown once."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(RESUME_CODE_LENGTH))
    draft.resume_code_hash = hash_code(raw)
    db.session.commit()
    return format_code(raw)


def resume(cycle: Cycle, code: str) -> Draft | None:
    """The cycle's draft with this resume code, attached to this session; None if no match."""
    code = normalise_code(code)
    if not code:
        return None
    draft = db.session.scalar(
        select(Draft).where(Draft.resume_code_hash == hash_code(code), Draft.cycle_id == cycle.id)
    )
    if draft is not None:
        attach(cycle, draft.id)
    return draft


def was_sent(cycle: Cycle, code: str) -> bool:
    """Whether this resume code's answers have already been sent."""
    code = normalise_code(code)
    if not code:
        return False
    digest = hash_code(code)
    found = db.session.scalar(
        select(SentResumeCode.code_hash).where(
            SentResumeCode.code_hash == digest, SentResumeCode.cycle_id == cycle.id
        )
    )
    return found is not None


def remember_sent(cycle: Cycle, code_hash: str | None) -> None:
    """Keep the hash of the sent draft's resume code (in its own transaction, after the
    response's): the old code then says "already sent". Nothing links it to the response."""
    if not code_hash:
        return
    if db.session.get(SentResumeCode, code_hash) is None:
        db.session.add(SentResumeCode(code_hash=code_hash, cycle_id=cycle.id))
    db.session.commit()
