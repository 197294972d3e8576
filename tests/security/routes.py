"""Find the app's routes and fill their arguments with values that exist, for route sweeps."""

from functools import partial

from werkzeug.routing import IntegerConverter, Rule

from tests.support import factories
from tests.support.factories import latest_instrument as default_instrument

STATIC_FILE = "css/app.css"


# Route sweeps: cycles on the instrument a new cycle would use (the latest bundled one).
make_cycle = partial(factories.make_cycle, slug="hc-sweep", instrument=default_instrument())


def argument_values(rule: Rule, known: dict) -> dict | None:
    """Values for a rule's arguments from `known` (by name, then by converter), else None."""
    values = {}
    for arg in rule.arguments:
        if arg in known:
            values[arg] = known[arg]
            continue
        converter = rule._converters.get(arg)
        kind = type(converter).__name__ if converter else ""
        numeric = isinstance(converter, IntegerConverter)
        if arg == "filename":
            values[arg] = STATIC_FILE
        elif numeric or arg.endswith("_id") and kind != "UnicodeConverter":
            values[arg] = known.get("_int", 1)
        elif arg == "slug" or arg.endswith("slug"):
            values[arg] = known.get("slug", "hc-sweep")
        else:
            values[arg] = known.get("_str", "x")
    return values


def urls(app, method: str, known: dict | None = None, with_arguments=True):
    """(endpoint, url) for each rule accepting `method`, arguments filled where possible."""
    known = known or {}
    found = []
    with app.test_request_context():
        for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
            if method not in (rule.methods or ()) or rule.endpoint.startswith("test_"):
                continue
            if rule.arguments and not with_arguments:
                continue
            values = argument_values(rule, known)
            try:
                url = app.url_for(rule.endpoint, **values)
            except Exception:  # noqa: BLE001 - a converter refused our guess: skip it
                continue
            found.append((rule.endpoint, url))
    return found
