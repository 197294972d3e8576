"""Charts for the dashboard pages: the page's own (suppressed) figures drawn by analysis.charts.

A chart is drawn from exactly the data its page's table shows, so a chart can never show more
than the table beside it. SVGs are kept per analysis fingerprint: a chart is drawn once per
analysis, not once per view.
"""

from __future__ import annotations

from collections import OrderedDict
from threading import Lock

from analysis import charts
from analysis.result import item_distributions

from ..models import Cycle
from ..results.state import AnalysisState
from . import dashboard as data

_CACHE: OrderedDict = OrderedDict()
_LOCK = Lock()
_CACHE_SIZE = 256


def chart_data(cycle: Cycle, name: str, analysis: AnalysisState):
    """(figure builder, its data, alt text) for a chart name, or None when there is no such."""
    result = analysis.result
    if name == "areas":
        areas = result["scores"]["areas"]
        thresholds = result["scores"]["thresholds"]
        return (lambda: charts.area_scores_figure(areas, thresholds)), charts.area_scores_alt(areas)
    if name == "year-on-year":
        rows = data.yoy_rows(result)
        if not rows:
            return None
        return (lambda: charts.year_on_year_figure(rows)), charts.year_on_year_alt(rows)
    if name == "themes":
        themes = data.top_themes(result, data.THEMES_CHARTED)
        alt = charts.theme_sizes_alt(themes, of=len(data.themes_list(result)))
        return (lambda: charts.theme_sizes_figure(themes)), alt
    if name.startswith("item-"):
        item_id = name.removeprefix("item-")
        dist = item_distributions(result).get(item_id)
        if not dist or dist["suppressed"] or not dist["options"]:
            return None
        text = next(
            (
                i["text"]
                for a in result["scores"]["areas"]
                for i in a["items"]
                if i["id"] == item_id
            ),
            item_id,
        )
        options = dist["options"]
        return (lambda: charts.distribution_figure(options)), charts.distribution_alt(text, options)
    return None


def response_rate_chart(cycle: Cycle):
    from ..results import response_rate

    days = data.response_days(response_rate(cycle))
    return (lambda: charts.response_rate_figure(days)), charts.response_rate_alt(days), days


def chart_svg(cycle: Cycle, name: str, args) -> str | None:
    if name == "response-rate":
        build, alt, days = response_rate_chart(cycle)
        key = (cycle.id, name, tuple((d["date"], d["responses"]) for d in days))
    else:
        analysis = data.analysis_for(cycle)
        if not analysis.has_result:
            return None
        made = chart_data(cycle, name, analysis)
        if made is None:
            return None
        build, alt = made
        key = (cycle.id, name, analysis.fingerprint, _themes_version(analysis))
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    svg = charts.figure_to_svg(build(), title=alt)
    with _LOCK:
        _CACHE[key] = svg
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return svg


def _themes_version(analysis) -> tuple:
    """Theme renames and merges change the theme chart without changing the fingerprint."""
    themes = data.themes_list(analysis.result)
    return tuple((t["id"], t.get("label"), t.get("size")) for t in themes)


def alt_text(cycle: Cycle, name: str, analysis) -> str:
    made = chart_data(cycle, name, analysis)
    return made[1] if made else ""
