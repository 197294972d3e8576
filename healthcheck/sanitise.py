"""Control characters are taken out at the edge, before any view sees what was sent.

NUL cannot be stored in a PostgreSQL text column (every save that held one failed with a 500,
and a survey draft holding one could never be submitted), and the other C0 control characters
and DEL are never typed on purpose: they come from pasting out of other programs or from
attacks. So, for every request: each form field, query value and upload file name has them
removed (tab, line feed and carriage return stay), the rest of what was sent is kept, and the
next page says that something was removed; a path holding one is not found (404).

File contents are cleaned where they are read as text (`analysis.controls.clean_text`):
transcripts and figures CSVs. What counts as a control character is defined there, once.
"""

from flask import Flask, abort, flash, g, request
from werkzeug.datastructures import FileStorage, ImmutableMultiDict

from analysis.controls import clean_text, has_controls

REMOVED_MESSAGE = (
    "We removed some invisible control characters from what you sent. Everything else was kept"
)


def _cleaned(multidict):
    """A copy of a MultiDict with every value cleaned, or None when nothing needed cleaning."""
    changed = False
    items = []
    for key, value in multidict.items(multi=True):
        clean_key = clean_text(key)
        if isinstance(value, str):
            clean_value = clean_text(value)
            changed = changed or clean_value != value
        elif isinstance(value, FileStorage) and value.filename:
            clean_value = value
            if has_controls(value.filename):
                value.filename = clean_text(value.filename)
                changed = True
        else:
            clean_value = value
        changed = changed or clean_key != key
        items.append((clean_key, clean_value))
    return ImmutableMultiDict(items) if changed else None


def clean_request():
    """before_request: refuse a path with control characters; clean every field and name."""
    if has_controls(request.path):
        abort(404)
    removed = False
    for name in ("args", "form", "files"):
        if name != "args" and request.method not in ("POST", "PUT", "PATCH"):
            continue
        cleaned = _cleaned(getattr(request, name))
        if cleaned is not None:
            setattr(request, name, cleaned)
            removed = True
    if removed:
        g.controls_removed = True
        request.__dict__.pop("values", None)  # rebuilt from the cleaned args and form
        wants = request.accept_mimetypes.best_match(["text/html", "application/json"])
        if request.method == "POST" and wants != "application/json":
            flash(REMOVED_MESSAGE, "information")


def register_sanitising(app: Flask) -> None:
    # First of all before_request hooks, so that CSRF checks, access control, rate-limit keys
    # and views all see the cleaned values.
    app.before_request_funcs.setdefault(None, []).insert(0, clean_request)
