"""The cycle a reports page is about, and its analysis: one lookup for every view.

Every reports view (the dashboard's, the theme editing and the self-assessment's) finds its
cycle here, so an unknown cycle is a 404 everywhere and a page without results to show says
"Analysing" everywhere.
"""

from __future__ import annotations

from flask import abort, render_template

from ..extensions import db
from ..models import Cycle
from ..results.state import AnalysisState
from . import dashboard as data


def cycle_or_404(cycle_id: int) -> Cycle:
    cycle = db.session.get(Cycle, cycle_id)
    if cycle is None:
        abort(404)
    return cycle


def analysing_page(cycle: Cycle, analysis: AnalysisState, download: str | None = None) -> str:
    """The "Analysing" page, with its progress (and for a download, the previous results)."""
    return render_template(
        "reports/analysing.html", cycle=cycle, analysis=analysis, download=download
    )


def cycle_and_analysis(cycle_id: int) -> tuple[Cycle, AnalysisState, str | None]:
    """(cycle, analysis, waiting): ``waiting`` is the "Analysing" page while there are no
    results to show yet, for the view to return instead of its own page; None once there are
    (the previous results, marked as being updated, while a new run goes)."""
    cycle = cycle_or_404(cycle_id)
    analysis = data.analysis_for(cycle)
    waiting = None if analysis.has_result else analysing_page(cycle, analysis)
    return cycle, analysis, waiting
