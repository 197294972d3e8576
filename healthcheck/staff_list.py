"""The organisation's staff list, uploaded by the administrator and used by redaction.

Names arrive as a text or CSV file (one name a line, or the first column of a CSV), are checked
before anything is stored, and are kept only as keyed hashes of their words and initials
(analysis.redaction.StaffNames, with a random key per upload): the app can tell whether a word
in a comment is a staff name, but nobody, the administrator included, can read the list back.
``staff_names()`` is what every redaction in the app uses: the uploaded list plus the names of
the app's own accounts.
"""

from __future__ import annotations

import json
import re
import secrets

from flask import g, has_request_context
from sqlalchemy import delete, select

from analysis.csv_bounds import CsvShapeError, bounded_rows
from analysis.redaction import StaffNames, staff_tokens

from .audit import record_event
from .extensions import db
from .models import StaffList, User

MAX_BYTES = 1_000_000
MAX_NAMES = 50_000
# A name: words of letters joined by spaces, hyphens, apostrophes or full stops, 100 at most.
_NAME = re.compile(r"(?=.{1,100}$)[^\W\d_]+(?:[ .'’-]{1,2}[^\W\d_]+)*\.?")


class StaffListError(ValueError):
    """The file cannot be used; ``errors`` lists why, in the Design System's voice."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


def read_names(filename: str | None, data: bytes) -> list[str]:
    """The names in an uploaded file, or StaffListError saying what is wrong with it."""
    if not filename:
        raise StaffListError(["Select a file of staff names"])
    if not filename.lower().endswith((".txt", ".csv")):
        raise StaffListError(["The file must be a .txt or .csv file"])
    if len(data) > MAX_BYTES:
        raise StaffListError(["The file must be smaller than 1MB"])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise StaffListError(["The file must be saved as UTF-8 text"]) from None
    if "\x00" in text:
        raise StaffListError(["The file must be a text file"])
    names, bad = [], []
    try:
        for number, row in bounded_rows(text, max_rows=MAX_NAMES, rows_called="names"):
            cell = (row[0] if row else "").strip()
            if not cell or cell.lower() in ("name", "names", "full name", "staff name"):
                continue
            if not _NAME.fullmatch(cell):
                bad.append(number)
                continue
            names.append(cell)
    except CsvShapeError as exc:
        raise StaffListError([str(exc)]) from None
    if bad:
        lines = ", ".join(str(n) for n in bad[:5]) + (" and more" if len(bad) > 5 else "")
        raise StaffListError(
            [f"Line {lines} is not a name: use letters, spaces, hyphens and apostrophes only"]
        )
    if not names:
        raise StaffListError(["The file is empty: put one name on each line"])
    if len(names) > MAX_NAMES:
        raise StaffListError([f"The file must hold {MAX_NAMES:,} names or fewer"])
    if not staff_tokens(names):
        raise StaffListError(["The file holds no names: put one name on each line"])
    return names


def save_staff_list(names: list[str], user) -> StaffList:
    """Replace the staff list with ``names``, hashed with a new random key. Audited."""
    key = secrets.token_hex(32)
    hashed = StaffNames.from_names(names, key=bytes.fromhex(key))
    db.session.execute(delete(StaffList))
    row = StaffList(
        key=key,
        hashes=json.dumps(sorted(hashed.hashes)),
        names=len(names),
        uploaded_by=getattr(user, "id", None),
    )
    db.session.add(row)
    db.session.flush()
    _forget_staff_names()
    record_event("uploaded", "staff_list", row.id, f"{len(names)} names (stored hashed)", user=user)
    db.session.commit()
    return row


def remove_staff_list(user) -> None:
    """Delete the uploaded staff list. Audited."""
    db.session.execute(delete(StaffList))
    _forget_staff_names()
    record_event("removed", "staff_list", None, "staff list removed", user=user)
    db.session.commit()


def current_list() -> StaffList | None:
    return db.session.scalar(select(StaffList).order_by(StaffList.id.desc()))


def staff_names() -> StaffNames:
    """The words redaction treats as staff names: the uploaded list and the app's accounts.

    Built once per request (a page redacts many texts, each asking); outside a request (the
    analysis worker, a command) it is built on each call.
    """
    if not has_request_context():
        return _build_staff_names()
    if "staff_names" not in g:
        g.staff_names = _build_staff_names()
    return g.staff_names


def _forget_staff_names() -> None:
    if has_request_context():
        g.pop("staff_names", None)


def _build_staff_names() -> StaffNames:
    row = current_list()
    account_names = [n for n in db.session.scalars(select(User.name)) if n]
    if row is None:
        return StaffNames.from_names(account_names)
    key = bytes.fromhex(row.key)
    hashes = set(json.loads(row.hashes))
    hashes |= StaffNames.from_names(account_names, key=key).hashes
    return StaffNames(key, hashes)
