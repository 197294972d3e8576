"""Redacted text fit for a board: sentences that are mostly placeholders are left out.

Redaction replaces a personal detail with a placeholder ("[name]", "[address]"), so a note
such as "Ring Sam at 4 Hill Street" reaches the report as "Ring [name] at [address]": safe,
but evidence of nothing. As the focus-group quote rule leaves out a quote with a personal
detail rather than alter it, the board report leaves out such sentences:

- ``mostly_placeholders``: two in five or more of a sentence's words are placeholders ("We
  met [name] at [address]." goes, "Ring [name] about the rota." stays);
- ``without_placeholder_sentences``: a facilitator's note, a summary or a piece of evidence
  with those sentences removed (the rest kept as written, line breaks included);
- ``quotable``: a quote is kept whole or not at all (nobody's words are cut), so a quote with
  any such sentence is left out;
- ``staff_quotable``: the stricter rule for a quote that the board or every member of staff
  reads (the report, "What you told us", the evidence a PSW ticks for them): no placeholder at
  all. "My manager [name] is great but…" reads as a gap, and another quote can usually show
  the theme; when none can, the theme goes without a quote (``first_staff_quote``) and
  ``without_placeholder_quotes`` takes such a quote out of a line chosen before. The PSW's own
  themes page still shows these quotes.
"""

from __future__ import annotations

import re

from .redaction import PLACEHOLDERS

_PLACEHOLDER = "|".join(re.escape(p) for p in sorted(PLACEHOLDERS.values(), key=len, reverse=True))
_TOKEN = re.compile(rf"{_PLACEHOLDER}|[^\W_]+(?:['’][^\W_]+)*")
_IS_PLACEHOLDER = re.compile(rf"^(?:{_PLACEHOLDER})$")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|(?<=[.!?…][\"'”’)\]])\s+")


def mostly_placeholders(sentence: str) -> bool:
    """True when placeholders make up two in five or more of the sentence's words."""
    tokens = _TOKEN.findall(sentence or "")
    held = sum(1 for t in tokens if _IS_PLACEHOLDER.match(t))
    return held > 0 and 5 * held >= 2 * len(tokens)


def _sentences(line: str) -> list[str]:
    return [part for part in _SENTENCE_END.split(line) if part.strip()]


def without_placeholder_sentences(text: str) -> str:
    """``text`` (already redacted) without its mostly-placeholder sentences; "" if none is left."""
    lines = []
    for line in (text or "").splitlines():
        kept = [s.strip() for s in _sentences(line) if not mostly_placeholders(s)]
        if kept:
            lines.append(" ".join(kept))
    return "\n".join(lines)


def quotable(text: str) -> bool:
    """A quote may be shown only when none of its sentences is mostly placeholders."""
    lines = (text or "").splitlines()
    return not any(mostly_placeholders(s) for line in lines for s in _sentences(line))


def has_placeholder(text: str) -> bool:
    """True when redaction left a placeholder ("[name]", "[case number]") in ``text``."""
    return any(_IS_PLACEHOLDER.match(t) for t in _TOKEN.findall(text or ""))


def staff_quotable(text: str) -> bool:
    """A quote may go to the board or to staff only when it holds no placeholder at all."""
    return bool((text or "").strip()) and not has_placeholder(text)


def first_staff_quote(texts) -> str | None:
    """The first of a theme's quotes (best first) that ``staff_quotable`` allows, or None."""
    return next((t for t in texts if staff_quotable(t)), None)


_QUOTED = re.compile(r":?\s*“[^“”]*”")


def without_placeholder_quotes(text: str) -> str:
    """An evidence line without its quoted parts (“…”) that hold a placeholder, and the colon
    that led to them: “Good supervision” (mixed): “My manager [name] is great” becomes
    “Good supervision” (mixed)."""
    return _QUOTED.sub(lambda m: "" if has_placeholder(m.group()) else m.group(), text or "")
