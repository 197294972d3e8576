"""What pages know about a cycle's analysis: the one wrapper, and the one reading of its row.

``AnalysisState`` is the only wrapper of an analysis (pages, charts, downloads and commands
all get it from ``get_analysis``). The stored result becomes what pages read in one place,
``public_result``: the Principal Social Worker's theme edits and hidden quotes applied, the
keys used only for matching removed, and every part present (``analysis.result.read_result``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from analysis.result import AnalysisResult as Result
from analysis.result import read_result
from analysis.theme_edits import apply_edits, apply_hidden
from analysis.theme_proposals import theme_proposals

from ..extensions import db
from ..models import AnalysisResult
from .review import hidden_for
from .theme_edit_log import theme_edits


@dataclass
class AnalysisState:
    """A cycle's analysis as pages, downloads and commands see it.

    ``status``: "ready", "queued", "running", "failed" or "none" (never run, not started).
    ``result``: the result (see docs/scores.md, "The cycle's analysis"), or the previous one
    while a new run is going (then ``stale`` is True), or None.

    ``ready``: the result is up to date with the inputs. ``has_result``: there is a result to
    show, maybe the previous one; ``updating``: that result is the previous one. ``held``: the
    responses that arrived since the result while the cycle is open, held back until there are
    enough (``healthcheck.results.analysis.held_back``); the result is shown as it is.
    """

    status: str
    progress: int = 0
    result: Result | None = None
    stale: bool = False
    stage: str | None = None
    error: str | None = None
    updated_at: datetime | None = None
    fingerprint: str | None = field(default=None, repr=False)
    held: int = 0

    @property
    def ready(self) -> bool:
        return self.status == "ready"

    @property
    def has_result(self) -> bool:
        return self.result is not None

    @property
    def updating(self) -> bool:
        return self.has_result and not self.ready


def stored_row(cycle_id: int, kind: str) -> AnalysisResult | None:
    return db.session.scalar(
        select(AnalysisResult).where(
            AnalysisResult.cycle_id == cycle_id, AnalysisResult.kind == kind
        )
    )


def _load(text: str | None) -> dict | None:
    return json.loads(text) if text else None


def public_result(result: dict | None, cycle_id: int) -> Result | None:
    """The stored result as pages see it: theme edits and hidden quotes applied, matching keys
    removed, every part present (``read_result``)."""
    if result is None:
        return None
    result = dict(result)
    if result.get("themes"):
        edited = apply_edits(result["themes"], theme_edits(cycle_id))
        edited = apply_hidden(edited, hidden_for(cycle_id))
        for theme in (edited.get("themes") or []) + [edited.get("unclear") or {}]:
            theme.pop("member_keys", None)
            for part in theme.get("parts") or []:
                part.pop("member_keys", None)
                part.pop("edit_id", None)
            for quote in theme.get("quotes") or []:
                quote.pop("by", None)  # the writer token (results.theme_results) is never shown
        result["themes"] = edited
        if "proposals" in result:
            result["proposals"] = dict(result["proposals"])
            result["proposals"]["themes"] = theme_proposals(edited)
    return read_result(result)


def state_of(row: AnalysisResult | None, fp: str, cycle_id: int) -> AnalysisState:
    """The state of the stored row against the inputs' fingerprint ``fp``."""
    if row is None:
        return AnalysisState("none", fingerprint=fp)
    result = public_result(_load(row.result), cycle_id)
    if row.result is not None and row.result_fingerprint == fp:
        return AnalysisState(
            "ready", 100, result, False, None, None, row.updated_at, fingerprint=fp
        )
    if row.status in ("queued", "running"):
        # A run is going, maybe for slightly older inputs: it is left to finish (so that a
        # busy survey still gets results), and the next page view after it starts another.
        status = row.status
    else:
        status = row.status if row.fingerprint == fp else "none"
    if status == "ready":  # ready for another fingerprint, never for this one
        status = "none"
    return AnalysisState(
        status,
        row.progress if status in ("queued", "running") else 0,
        result,
        result is not None,
        row.stage,
        row.error if status == "failed" else None,
        row.updated_at,
        fingerprint=fp,
    )
