"""Merging two people's saves of one focus-group page, three ways, against the form's ``base``.

Pure: plain dicts of a page's flat field values in, plain dicts out (no Flask, no database), so
the rules are tested on their own (tests/focus_groups/test_merge.py).

A form carries its ``base``: short hashes of the values it was loaded with. When someone else
saved the record meanwhile, a field only this person changed keeps their value, a field only
the other person changed takes the stored value, and only a field both changed differently is
a conflict, shown in both versions to choose from. Nothing is overwritten unseen.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping


def fingerprint(value) -> str:
    """A short hash of one field's value (a list of choices is hashed in sorted order)."""
    text = ",".join(sorted(str(v) for v in value)) if isinstance(value, list) else str(value)
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:16]


def base_of(names: Iterable[str], values: Mapping) -> str:
    """The values as the form was given them, as short hashes (the form's "base"), so that a
    later save can tell which fields this person changed and which someone else did."""
    return json.dumps({name: fingerprint(values.get(name, "")) for name in names})


def differences(names: Iterable[str], stored: Mapping, values: Mapping) -> dict:
    """Fields whose value differs from the stored one: {name: (theirs, yours)}.
    A field ``values`` does not hold is not compared (a partial post never counts)."""
    changed = {}
    for name in names:
        if name not in values:
            continue
        theirs, yours = stored.get(name, ""), values[name]
        if isinstance(theirs, str):
            if theirs.strip() != str(yours).strip():
                changed[name] = (theirs, yours)
        elif theirs != yours:
            changed[name] = (theirs, yours)
    return changed


def _hashes(base: str | None) -> dict:
    """The base's hashes; {} for a missing or broken base (every difference then conflicts)."""
    try:
        hashes = json.loads(base) if base else {}
    except ValueError:
        return {}
    return hashes if isinstance(hashes, dict) else {}


def three_way(
    names: Iterable[str], stored: Mapping, values: Mapping, base: str | None
) -> tuple[dict, dict]:
    """A save made on an older version, merged with what is stored: (values, conflicts).

    A field only this person changed keeps their value; a field only someone else changed
    takes the stored value; only a field both changed differently is a conflict
    ({name: (theirs, yours)}). Without a usable base every difference is a conflict.
    """
    hashes = _hashes(base)
    merged, conflicts = dict(values), {}
    for name, (theirs, yours) in differences(names, stored, values).items():
        original = hashes.get(name)
        if original is not None and fingerprint(yours) == original:
            merged[name] = theirs  # untouched here: someone else's change stands
        elif original is not None and fingerprint(theirs) == original:
            continue  # untouched there: this change stands
        else:
            conflicts[name] = (theirs, yours)
    return merged, conflicts


def resolve_choices(names: Iterable[str], values: Mapping, form: Mapping) -> dict:
    """Apply the choices made on the compare page (``choice.<name>`` is ``yours``, ``theirs``
    or ``both``; ``theirs.<name>`` the other version): keep mine, keep theirs or keep both."""
    resolved = dict(values)
    for name in names:
        choice = form.get(f"choice.{name}")
        if not choice:
            continue
        theirs = form.get(f"theirs.{name}", "")
        yours = values.get(name, "")
        if choice == "theirs":
            resolved[name] = (
                sorted(filter(None, theirs.split(","))) if isinstance(yours, list) else theirs
            )
        elif choice == "both" and isinstance(yours, str):
            if yours.strip() and yours.strip() in theirs:
                resolved[name] = theirs  # theirs already holds all of mine
            elif theirs.strip() and theirs.strip() not in yours:
                resolved[name] = f"{yours.rstrip()}\n\n{theirs.strip()}".strip()
    return resolved
