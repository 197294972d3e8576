"""The one text normalisation that free text gets before it is read: Unicode NFKC (full-width
"ＪＯＨＮ" is "JOHN", "ﬁ" is "fi") with invisible format characters removed (zero-width spaces
and joiners, soft hyphens, byte-order marks, direction marks), so a name cannot hide from the
word lists behind a look-alike letter or a character nobody sees.

``normalise`` gives the normalised text (``analysis.statements.clean_text`` uses it);
``normalise_with_offsets`` also says where each normalised character came from, so redaction
can read the normalised text and still replace the details in the text as it was written.
"""

from __future__ import annotations

import unicodedata


def is_invisible(char: str) -> bool:
    """A format character (Unicode category Cf): shown as nothing, so never part of a word."""
    return unicodedata.category(char) == "Cf"


def _needs_work(text: str) -> bool:
    """False when normalising cannot change ``text`` (most comments), checked quickly."""
    if text.isascii():
        return False
    return not unicodedata.is_normalized("NFKC", text) or any(is_invisible(c) for c in text)


def normalise_with_offsets(text: str) -> tuple[str, list[tuple[int, int]] | None]:
    """The normalised text and, for each of its characters, the span of ``text`` it came
    from; None in place of the spans when nothing changed.

    Each base character is normalised with the combining marks that follow it, so the spans
    never cut a letter from its accent.
    """
    if not _needs_work(text):
        return text, None
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        cluster = "".join(c for c in text[i:j] if not is_invisible(c))
        piece = unicodedata.normalize("NFKC", cluster) if cluster else ""
        out.append(piece)
        spans.extend([(i, j)] * len(piece))
        i = j
    return "".join(out), spans


def normalise(text: str) -> str:
    """``text`` in NFKC with invisible format characters removed."""
    return normalise_with_offsets(text)[0]
