"""The scope of one theme analysis: what it may keep while it runs, and nothing after.

``analysis_scope()`` wraps ``analyse_themes``: each distinct statement and clause has its
sentiment read once for the whole analysis (the fit, the themes' moods and the rows' own
scores; ``analysis.sentiment.sentiment_cache``), and Python's cycle collector waits until the
analysis ends (it otherwise walks the analysis's many small objects again and again, and the
analysis makes few cycles). Both end with the analysis, however it ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from analysis.sentiment import sentiment_cache

__all__ = ["analysis_scope"]


@contextmanager
def analysis_scope() -> Iterator[None]:
    """Sentiment read once per distinct text, and the cycle collector paused, for one
    analysis. Only the scope that paused the collector starts it again."""
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        with sentiment_cache():
            yield
    finally:
        if paused:
            gc.enable()
