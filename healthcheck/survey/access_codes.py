"""Single-use access codes, for cycles that hand out one code per person.

Codes are generated in batches for printing or mail-merge and stored only as SHA-256 hashes.
Entering a code marks it used with one conditional UPDATE in its own transaction (so two
people can never both use it), and the session then remembers only "unlocked for cycle X".
Nothing records when a code was used, and the response is stored later in another
transaction, so a code cannot be linked to the response it unlocked.
"""

import hashlib
import secrets

from flask import session
from sqlalchemy import func, select, update

from ..extensions import db
from ..models import AccessCode, Cycle

# Crockford's base 32 without I, L, O and U: nothing that reads as another character.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12  # 60 bits
MAX_BATCH = 5000  # one batch: enough for a large workforce, and a slip sheet renders in seconds
SESSION_UNLOCKED = "survey_unlocked"
OK, USED, UNKNOWN = "ok", "used", "unknown"


def normalise(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def hash_code(code: str) -> str:
    return hashlib.sha256(normalise(code).encode()).hexdigest()


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def generate(cycle: Cycle, count: int, user=None) -> tuple[int, list[str]]:
    """Make `count` new codes for the cycle; returns (batch number, codes). Only hashes are kept."""
    from ..audit import record_event

    if not 1 <= count <= MAX_BATCH:
        raise ValueError(f"Give a count from 1 to {MAX_BATCH}")
    batch = (
        db.session.scalar(select(func.max(AccessCode.batch)).where(AccessCode.cycle_id == cycle.id))
        or 0
    ) + 1
    codes: dict[str, str] = {}
    while len(codes) < count:
        code = new_code()
        codes.setdefault(hash_code(code), code)
    existing = set(
        db.session.scalars(select(AccessCode.code_hash).where(AccessCode.code_hash.in_(codes)))
    )
    for digest in existing:  # astronomically unlikely; never hand out a code twice
        del codes[digest]
    # In hash order, not the order of the printed list: a row's place in the table says
    # nothing about which letter it was printed on.
    db.session.add_all(
        AccessCode(code_hash=h, cycle_id=cycle.id, batch=batch) for h in sorted(codes)
    )
    record_event(
        "generated", "access_codes", cycle.id, f"batch {batch}: {len(codes)} codes", user=user
    )
    db.session.commit()
    return batch, list(codes.values())


def redeem(cycle: Cycle, code: str) -> str:
    """Use a code for this cycle: OK (now used), USED (used before) or UNKNOWN."""
    digest = hash_code(code)
    if not normalise(code):
        return UNKNOWN
    result = db.session.execute(
        update(AccessCode)
        .where(
            AccessCode.code_hash == digest,
            AccessCode.cycle_id == cycle.id,
            AccessCode.used.is_(False),
        )
        .values(used=True)
    )
    db.session.commit()
    if result.rowcount == 1:
        unlock(cycle)
        return OK
    used = db.session.scalar(
        select(AccessCode.used).where(
            AccessCode.code_hash == digest, AccessCode.cycle_id == cycle.id
        )
    )
    db.session.rollback()
    return USED if used else UNKNOWN


def unlock(cycle: Cycle) -> None:
    """Remember in this browser session, and only there, that the cycle's survey is open to it."""
    if cycle.access_mode != "codes":
        return
    unlocked = list(session.get(SESSION_UNLOCKED, []))
    if cycle.id not in unlocked:
        unlocked.append(cycle.id)
    session[SESSION_UNLOCKED] = unlocked


def is_unlocked(cycle: Cycle) -> bool:
    """Whether this browser session may answer the cycle's survey."""
    return cycle.access_mode != "codes" or cycle.id in session.get(SESSION_UNLOCKED, [])


def counts(cycle: Cycle) -> tuple[int, int]:
    """(codes issued, codes used) for the cycle."""
    total = db.session.scalar(select(func.count()).where(AccessCode.cycle_id == cycle.id))
    used = db.session.scalar(
        select(func.count()).where(AccessCode.cycle_id == cycle.id, AccessCode.used.is_(True))
    )
    return total or 0, used or 0
