"""A quick, exact "cannot match" test for large regular expressions.

``anchors(pattern)`` reads a compiled pattern and returns lower-case strings at least one of
which every match contains (or None where it cannot tell). Where none of them is in a text,
the pattern cannot match it and the search can be skipped: most statements hold none of the
care lexicon's phrases, names or idioms, and a few substring tests cost far less than
searching their long alternations. Only ASCII texts are tested this way, as case-insensitive
matching of a few other letters (the Kelvin sign, the long s, dotted and dotless i) reaches
ASCII letters that ``str.lower`` does not give.

``AnchorScan`` answers the same question for several patterns in one pass over a text: a
clause is read against five large patterns, and one scan costs about what one search did.
"""

from __future__ import annotations

import re
from re import _constants as _c  # the parser's own names (Python 3.11+, as setup.cfg asks)
from re import _parser

__all__ = ["AnchorScan", "anchors", "cannot_match"]


def anchors(pattern: re.Pattern) -> re.Pattern | None:
    """A pattern of plain lower-case strings one of which is in every match of ``pattern``
    (lower-cased), or None where no such set is found. Searching for a few plain strings
    costs a fraction of searching the pattern itself."""
    found = anchor_strings(pattern)
    if not found:
        return None
    # A string that holds another is found wherever that one is: only the shortest count.
    return re.compile(_trie(s for s in found if not any(o != s and o in s for o in found)))


def anchor_strings(pattern: re.Pattern) -> frozenset[str] | None:
    """The lower-case strings one of which every match of ``pattern`` holds, or None."""
    found = _required(_parser.parse(pattern.pattern, pattern.flags))
    return frozenset(found) if found else None


def _trie(strings) -> str:
    """One regular expression for a set of plain strings, their common starts written once:
    the engine tries one branch per next letter, not one per string, at each place in a text.
    Where one string starts another, the longer is matched."""
    root: dict = {}
    for string in strings:
        node = root
        for char in string:
            node = node.setdefault(char, {})
        node[""] = {}  # a string ends here

    def written(node: dict) -> str:
        branches = [re.escape(char) + written(node[char]) for char in sorted(node) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return written(root)


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


class AnchorScan:
    """Which of several named patterns may match a text, from one pass over it.

    ``may_match(text)`` gives the names of the patterns whose anchors the text holds (the
    others surely do not match it), or None where it cannot tell (a text that is not ASCII,
    as for ``cannot_match``): then every pattern may match. A pattern without anchors may
    match every text."""

    def __init__(self, patterns: dict[str, re.Pattern]):
        strings = {name: anchor_strings(pattern) for name, pattern in patterns.items()}
        self.always = frozenset(name for name, found in strings.items() if not found)
        every = sorted(set().union(*(found for found in strings.values() if found)))
        # At each place in a text the scan finds the longest anchor starting there; every
        # anchor that starts there is a start of that one.
        self.owners = {
            hit: self.always
            | frozenset(
                name
                for name, found in strings.items()
                if found and any(hit.startswith(s) for s in found)
            )
            for hit in every
        }
        self.scan = re.compile(f"(?=({_trie(every)}))") if every else None

    def may_match(self, text: str) -> frozenset[str] | None:
        if not text.isascii():
            return None
        if self.scan is None:
            return self.always
        names = self.always
        for hit in self.scan.findall(text.lower()):
            names = names | self.owners[hit]
        return names
