"""Personal details in focus-group notes: finding them, redacting them, showing them.

Facilitators are warned before a page with what look like names, emails, phone numbers or
case numbers is saved (they redact them or say they are not personal details, which is
audited); everyone else reads the notes redacted. All of it goes through the one redaction
engine (analysis.redaction) with the organisation's staff list.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from analysis.redaction import find_identifiers, redact

from ..audit import record_event
from ..models import FocusGroup
from .pages import Page


def staff_names():
    """Staff names to look for in notes: the uploaded staff list and the app's accounts
    (healthcheck.staff_list; hashed, never shown)."""
    from ..staff_list import staff_names as current_staff_names

    return current_staff_names()


def identifiers_in(page: Page, values: dict) -> dict:
    """{field name: [Match, ...]} for every text field that holds what look like personal
    details (names, emails, phone numbers, case or record numbers)."""
    names = staff_names()
    found = {}
    for f in page.fields:
        if f.is_text and values.get(f.name):
            matches = find_identifiers(values[f.name], staff_names=names)
            if matches:
                found[f.name] = matches
    return found


def audit_identifiers_kept(focus_group: FocusGroup, page: Page, values: dict) -> None:
    """Audit a facilitator's "these are not personal details: save as they are" (what kinds
    of detail, in which fields; never the text). Committed with the save."""
    found = identifiers_in(page, values)
    kinds = sorted({m.kind for matches in found.values() for m in matches})
    detail = f"{page.title}: saved as typed, {sum(len(m) for m in found.values())} possible "
    detail += f"personal details ({', '.join(kinds) or 'none'}) in {', '.join(sorted(found))}"
    record_event("identifiers_kept", "focus_group", focus_group.id, detail[:500])


def redact_values(page: Page, values: dict) -> dict:
    """The page's values with personal details in every text field redacted."""
    names = staff_names()
    redacted = dict(values)
    for f in page.fields:
        if f.is_text and values.get(f.name):
            redacted[f.name] = redact(values[f.name], staff_names=names)
    return redacted


def redacted_text(text: str) -> str:
    """Free text as everyone but its author reads it (also the ``redacted`` template filter)."""
    return redact(text, staff_names=staff_names()) if text else ""


def highlight(text: str, matches) -> Markup:
    """The text, escaped, with each match in a <mark> (the ``highlight`` template filter:
    ``{{ text | highlight(matches) }}`` on the page that asks to check the notes)."""
    out, last = [], 0
    for m in sorted(matches, key=lambda m: m.start):
        out.append(escape(text[last : m.start]))
        out.append(
            Markup(
                '<mark class="app-identifier">{}<span class="govuk-visually-hidden"> '
                "(looks like {})</span></mark>"
            ).format(text[m.start : m.end], m.kind.replace("_", " "))
        )
        last = m.end
    out.append(escape(text[last:]))
    return Markup("").join(out)
