"""What labelling reads of each statement, read once per scope.

An analysis labels the same statements again and again in different groupings (a theme
whole, then cut in parts to see whether its parts say more, then the themes proper, then
their parts): a statement's words, the phrases in it that could label a theme and its
content words are the same each time. Inside ``label_memo()`` each is worked out once per
distinct text and kept for the block only (and only in its context, as
``analysis.sentiment.sentiment_cache`` keeps scores), so nothing of one analysis is kept
for the next and threads never share one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

__all__ = ["label_memo", "memo_table"]

# {table name: {key: value}} inside ``label_memo()``; None outside one.
_MEMO: ContextVar[dict[str, dict] | None] = ContextVar("label_memo", default=None)


@contextmanager
def label_memo() -> Iterator[None]:
    """Inside this block ``memo_table`` gives the same tables to every caller. A block inside
    another shares the outer one's memo."""
    if _MEMO.get() is not None:
        yield
        return
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def memo_table(name: str) -> dict:
    """The memo's table ``name`` ({key: value}, for the caller to read and fill) inside
    ``label_memo()``; outside one a fresh, empty dict."""
    memo = _MEMO.get()
    if memo is None:
        return {}
    return memo.setdefault(name, {})
