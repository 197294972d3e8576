"""A quick, exact "cannot match" test for large regular expressions.

``anchors(pattern)`` reads a compiled pattern and returns lower-case strings at least one of
which every match contains (or None where it cannot tell). Where none of them is in a text,
the pattern cannot match it and the search can be skipped: most statements hold none of the
care lexicon's phrases, names or idioms, and a few substring tests cost far less than
searching their long alternations. Only ASCII texts are tested this way, as case-insensitive
matching of a few other letters (the Kelvin sign, the long s, dotted and dotless i) reaches
ASCII letters that ``str.lower`` does not give.
"""

from __future__ import annotations

import re
from re import _constants as _c  # the parser's own names (Python 3.11+, as setup.cfg asks)
from re import _parser

__all__ = ["anchors", "cannot_match"]


def anchors(pattern: re.Pattern) -> re.Pattern | None:
    """A pattern of plain lower-case strings one of which is in every match of ``pattern``
    (lower-cased), or None where no such set is found. Searching for a few plain strings
    costs a fraction of searching the pattern itself."""
    found = _required(_parser.parse(pattern.pattern, pattern.flags))
    if not found:
        return None
    return re.compile("|".join(re.escape(s) for s in sorted(found, key=lambda s: (-len(s), s))))


def _required(items) -> set[str] | None:
    candidates: list[set[str]] = []
    run: list[str] = []

    def close_run():
        if run:
            candidates.append({"".join(run).lower()})
            run.clear()

    for op, value in items:
        if op is _c.LITERAL:
            run.append(chr(value))
            continue
        close_run()
        if op is _c.SUBPATTERN:
            inner = _required(value[-1])
        elif op is _c.BRANCH:
            branches = [_required(branch) for branch in value[1]]
            inner = None if any(b is None for b in branches) else set().union(*branches)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and value[0] >= 1:
            inner = _required(value[2])
        else:
            inner = None
        if inner:
            candidates.append(inner)
    close_run()
    candidates = [c for c in candidates if c and all(c)]
    if not candidates:
        return None
    # The most telling: the set whose shortest string is longest, then the smallest set.
    return max(candidates, key=lambda c: (min(map(len, c)), -len(c)))


def cannot_match(found: re.Pattern | None, text: str) -> bool:
    """True where a pattern with anchors ``found`` surely does not match ``text``."""
    if found is None or not text.isascii():
        return False
    return found.search(text.lower()) is None
