"""numpy numbers and arrays as plain JSON values, for the stored analysis result."""

from __future__ import annotations

import json
from typing import Any


def json_default(value: Any) -> Any:
    """``json.dumps(..., default=json_default)``: numpy scalars and arrays as plain values."""
    if hasattr(value, "item"):
        return value.item()
    if hasattr(value, "tolist"):
        return value.tolist()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def plain(value: Any) -> Any:
    """A copy of ``value`` with numpy numbers and tuples turned into plain JSON types."""
    return json.loads(json.dumps(value, default=json_default))
