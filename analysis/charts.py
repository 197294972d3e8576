"""Charts for the reports: plain data in, a ``matplotlib.figure.Figure`` out (never pyplot).

Every chart is readable in greyscale and by colour-blind readers: colours come from the
Okabe-Ito palette, red / amber / green bars also differ by hatching, and every bar carries a
direct label with its number (and its rating in words). Each builder has an ``*_alt`` partner
that writes the chart's text alternative from the same data; the page shows the table of
numbers beside it.

``figure_to_svg`` writes an SVG with no CSS at all (text as paths, styles turned into
presentation attributes), so that the image renders under a Content Security Policy that
allows no inline styles, and can be embedded in the PDF report as it is.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
    "grey": "#6F777B",
}
RAG_STYLE = {
    "green": {"color": PALETTE["green"], "hatch": "", "word": "Green"},
    "amber": {"color": PALETTE["orange"], "hatch": "..", "word": "Amber"},
    "red": {"color": PALETTE["vermillion"], "hatch": "//", "word": "Red"},
    None: {"color": "#FFFFFF", "hatch": "xx", "word": "No rating"},
}
TEXT = "#0B0C0C"
WITHHELD = "withheld (fewer than the minimum group size)"
_RC = {
    "svg.fonttype": "path",
    "svg.hashsalt": "healthcheck",
    "font.size": 10,
    "hatch.linewidth": 0.8,
    "axes.edgecolor": TEXT,
    "axes.labelcolor": TEXT,
    "xtick.color": TEXT,
    "ytick.color": TEXT,
    "text.color": TEXT,
}
_STYLE_ATTR = re.compile(r'\sstyle="([^"]*)"')
_STYLE_ELEMENT = re.compile(r"<style[^>]*>.*?</style>", re.S)
_SVG_OPEN = re.compile(r"(<svg[^>]*>)")


def _rc():
    """matplotlib's settings for our charts. matplotlib is imported here, when a chart is drawn,
    not when this module is: the app imports the charts' text alternatives at start-up, and
    importing matplotlib takes about half a second. Figures are drawn without pyplot, by the
    canvas matplotlib picks for the format (Agg for PNG, its SVG backend for SVG)."""
    import matplotlib

    return matplotlib.rc_context(_RC)


def _new_figure(width: float, height: float) -> Figure:
    from matplotlib.figure import Figure

    with _rc():
        fig = Figure(figsize=(width, height), layout="constrained")
    return fig


def _plain(text: str) -> str:
    """Typed text as matplotlib shows it literally: a ``$`` would otherwise start mathtext."""
    return str(text).replace("$", r"\$")


def _wrap(text: str, width: int = 32) -> str:
    """Typed text (a label, a theme name), wrapped at ``width`` and shown literally."""
    words, lines, line = _plain(text).split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return "\n".join(lines)


def _fmt(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.1f}".rstrip("0").rstrip(".") if value % 1 else f"{value:.0f}"


def _style_axes(ax) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(length=0)


# --- area scores -----------------------------------------------------------------------------


def area_scores_figure(
    areas: Sequence[Mapping[str, Any]], thresholds: Mapping[str, float] | None = None
) -> Figure:
    """Horizontal bars of each area's score (0-100) with its 95% interval and RAG rating.

    ``areas``: {name, score, ci_low, ci_high, rag}; a None score is drawn as "withheld".
    """
    thresholds = thresholds or {"green": 70.0, "amber": 50.0}
    with _rc():
        fig = _new_figure(8, 0.75 * max(len(areas), 1) + 1.2)
        ax = fig.add_subplot()
        names = [_wrap(a["name"]) for a in areas][::-1]
        for y, area in enumerate(reversed(list(areas))):
            score = area.get("score")
            style = RAG_STYLE[area.get("rag") if score is not None else None]
            if score is None:
                ax.text(1, y, "Withheld: fewer than the minimum group size", va="center")
                continue
            ax.barh(
                y,
                score,
                color=style["color"],
                hatch=style["hatch"],
                edgecolor=TEXT,
                linewidth=0.8,
                height=0.6,
            )
            low, high = area.get("ci_low"), area.get("ci_high")
            if low is not None and high is not None:
                ax.errorbar(
                    score,
                    y,
                    xerr=[[score - low], [high - score]],
                    fmt="none",
                    ecolor=TEXT,
                    capsize=4,
                    linewidth=1.2,
                )
            label_x = max(score, high or score) + 1.5
            ax.text(label_x, y, f"{_fmt(score)} ({style['word']})", va="center", fontsize=10)
        for name, value in (("amber", thresholds["amber"]), ("green", thresholds["green"])):
            ax.axvline(value, color=PALETTE["grey"], linestyle="--", linewidth=0.8)
            ax.text(value, len(areas) - 0.45, f"{name} {_fmt(value)}", fontsize=8, ha="center")
        ax.set_yticks(range(len(areas)), names)
        ax.set_xlim(0, 118)
        ax.set_xticks([0, 20, 40, 60, 80, 100])
        ax.set_ylim(-0.6, len(areas) - 0.2)
        ax.set_xlabel("Score, 0 to 100, with 95% confidence interval")
        _style_axes(ax)
    return fig


def area_scores_alt(areas: Sequence[Mapping[str, Any]]) -> str:
    parts = []
    for area in areas:
        if area.get("score") is None:
            parts.append(f"{area['name']}: withheld")
            continue
        rag = RAG_STYLE[area.get("rag")]["word"].lower()
        ci = ""
        if area.get("ci_low") is not None and area.get("ci_high") is not None:
            ci = f" (95% interval {_fmt(area['ci_low'])} to {_fmt(area['ci_high'])})"
        parts.append(f"{area['name']}: {_fmt(area['score'])}{ci}, {rag}")
    return "Bar chart of area scores out of 100. " + "; ".join(parts) + "."


# --- one question's answers ------------------------------------------------------------------


def distribution_figure(options: Sequence[Mapping[str, Any]], title: str | None = None) -> Figure:
    """Horizontal bars of the share of answers per option, least to most favourable.

    ``options``: {label, count, pct}; counts and shares as already suppressed by the caller.
    """
    with _rc():
        fig = _new_figure(7, 0.42 * max(len(options), 1) + 0.9)
        ax = fig.add_subplot()
        hatches = ["//", "\\\\", "..", "xx", "", "oo", "--", "++", "**", "||", "OO"]
        for y, option in enumerate(reversed(list(options))):
            index = len(options) - 1 - y
            pct = option.get("pct")
            if pct is None:
                ax.text(1, y, "withheld", va="center")
                continue
            ax.barh(
                y,
                pct,
                color=PALETTE["sky"] if index % 2 else PALETTE["blue"],
                hatch=hatches[index % len(hatches)],
                edgecolor=TEXT,
                linewidth=0.6,
                height=0.65,
            )
            ax.text(pct + 1.5, y, f"{_fmt(pct)}% ({option.get('count')})", va="center")
        ax.set_yticks(range(len(options)), [_wrap(o["label"], 28) for o in options][::-1])
        ax.set_xlim(0, 118)
        ax.set_xticks([0, 25, 50, 75, 100])
        ax.set_xlabel("Share of answers (%)")
        if title:
            ax.set_title(_wrap(title, 80), fontsize=10, loc="left")
        _style_axes(ax)
    return fig


def distribution_alt(text: str, options: Sequence[Mapping[str, Any]]) -> str:
    parts = [
        (
            f"{o['label']} {_fmt(o['pct'])}% ({o['count']})"
            if o.get("pct") is not None
            else f"{o['label']} withheld"
        )
        for o in options
    ]
    return f"Bar chart of answers to “{text}”: " + "; ".join(parts) + "."


# --- year on year ----------------------------------------------------------------------------


def year_on_year_figure(areas: Sequence[Mapping[str, Any]]) -> Figure:
    """Paired bars per area: last year (hatched, light) and this year (solid, dark).

    ``areas``: {name, previous_score, current_score, change, significant}.
    """
    with _rc():
        fig = _new_figure(8, 0.9 * max(len(areas), 1) + 1.2)
        ax = fig.add_subplot()
        for y, area in enumerate(reversed(list(areas))):
            previous, current = area.get("previous_score"), area.get("current_score")
            if previous is None or current is None:
                ax.text(1, y, "Withheld or not comparable", va="center")
                continue
            ax.barh(
                y + 0.18,
                previous,
                height=0.34,
                color="#FFFFFF",
                hatch="//",
                edgecolor=TEXT,
                linewidth=0.8,
            )
            ax.barh(
                y - 0.18, current, height=0.34, color=PALETTE["blue"], edgecolor=TEXT, linewidth=0.8
            )
            ax.text(
                previous + 1.5, y + 0.18, f"Last year {_fmt(previous)}", va="center", fontsize=9
            )
            change = area.get("change")
            noise = "" if area.get("significant") else ", within the noise"
            sign = "+" if change and change > 0 else ""
            ax.text(
                current + 1.5,
                y - 0.18,
                f"This year {_fmt(current)} ({sign}{_fmt(change)}{noise})",
                va="center",
                fontsize=9,
            )
        ax.set_yticks(range(len(areas)), [_wrap(a["name"]) for a in areas][::-1])
        ax.set_xlim(0, 140)
        ax.set_xticks([0, 20, 40, 60, 80, 100])
        ax.set_xlabel("Score, 0 to 100")
        _style_axes(ax)
    return fig


def year_on_year_alt(areas: Sequence[Mapping[str, Any]]) -> str:
    parts = []
    for area in areas:
        if area.get("previous_score") is None or area.get("current_score") is None:
            parts.append(f"{area['name']}: not shown")
            continue
        noise = "larger than the noise" if area.get("significant") else "within the noise"
        parts.append(
            f"{area['name']}: {_fmt(area['previous_score'])} last year, "
            f"{_fmt(area['current_score'])} this year, {noise}"
        )
    return "Bar chart comparing area scores with last year. " + "; ".join(parts) + "."


# --- response rate ---------------------------------------------------------------------------


def response_rate_figure(days: Sequence[Mapping[str, Any]]) -> Figure:
    """Cumulative response rate (%) day by day. ``days``: {date, responses, rate}."""
    with _rc():
        fig = _new_figure(8, 3.2)
        ax = fig.add_subplot()
        xs = list(range(len(days)))
        ys = [d.get("rate") if d.get("rate") is not None else math.nan for d in days]
        ax.plot(xs, ys, color=PALETTE["blue"], marker="o", markersize=4, linewidth=2)
        if days and days[-1].get("rate") is not None:
            ax.annotate(
                f"{_fmt(days[-1]['rate'])}% ({days[-1].get('responses')})",
                (xs[-1], ys[-1]),
                textcoords="offset points",
                xytext=(-4, 8),
                ha="right",
            )
        step = max(1, len(days) // 8)
        ax.set_xticks(
            xs[::step], [f"{d['date'].day} {d['date']:%b}" for d in days][::step], fontsize=8
        )
        top = max([y for y in ys if not math.isnan(y)] + [10])
        ax.set_ylim(0, min(100, top * 1.25 + 5))
        ax.set_ylabel("Response rate (%)")
        ax.grid(axis="y", color="#B1B4B6", linewidth=0.5)
        _style_axes(ax)
    return fig


def response_rate_alt(days: Sequence[Mapping[str, Any]]) -> str:
    if not days:
        return "Line chart of the response rate: no responses yet."
    last = days[-1]
    if last.get("rate") is None:
        return f"Line chart of the response rate: no rate ({last.get('responses')} responses)."
    return (
        f"Line chart of the cumulative response rate over {len(days)} days, from "
        f"{days[0]['date']:%d %B} to {last['date']:%d %B}, reaching "
        f"{_fmt(last.get('rate'))}% ({last.get('responses')} responses)."
    )


# --- themes ----------------------------------------------------------------------------------


def theme_sizes_figure(themes: Sequence[Mapping[str, Any]]) -> Figure:
    """Horizontal bars of theme sizes (statements). ``themes``: {label, size} (None: withheld)."""
    with _rc():
        fig = _new_figure(8, 0.45 * max(len(themes), 1) + 1.0)
        ax = fig.add_subplot()
        top = max([t["size"] for t in themes if t.get("size") is not None] + [1])
        for y, theme in enumerate(reversed(list(themes))):
            size = theme.get("size")
            if size is None:
                ax.text(0, y, " withheld", va="center")
                continue
            ax.barh(y, size, color=PALETTE["blue"], edgecolor=TEXT, linewidth=0.6, height=0.6)
            ax.text(size + top * 0.015, y, str(size), va="center")
        ax.set_yticks(range(len(themes)), [_wrap(t["label"], 40) for t in themes][::-1])
        ax.set_xlim(0, top * 1.15)
        ax.set_xlabel("Statements")
        _style_axes(ax)
    return fig


def theme_sizes_caption(shown: int, of: int) -> str:
    """What the theme chart holds, said where it shows only the largest: "The 10 largest of 16
    themes, by number of statements." (a chart of 10 bars under "16 themes" reads as all)."""
    if shown >= of:
        return f"All {of} theme{'' if of == 1 else 's'}, by number of statements."
    largest = "largest" if shown == 1 else f"{shown} largest"
    return f"The {largest} of {of} themes, by number of statements."


def theme_sizes_alt(themes: Sequence[Mapping[str, Any]], of: int | None = None) -> str:
    """``of``: how many themes there are in all (default: those charted)."""
    parts = [
        f"{t['label']}: {t['size'] if t.get('size') is not None else 'withheld'}" for t in themes
    ]
    caption = theme_sizes_caption(len(themes), len(themes) if of is None else of)
    return f"Bar chart of theme sizes. {caption} " + "; ".join(parts) + "."


# --- output ----------------------------------------------------------------------------------


def _presentation_attributes(match: re.Match) -> str:
    attrs = []
    for declaration in match.group(1).split(";"):
        if ":" not in declaration:
            continue
        name, value = (part.strip() for part in declaration.split(":", 1))
        if re.fullmatch(r"[a-z-]+", name) and '"' not in value:
            attrs.append(f' {name}="{value}"')
    return "".join(attrs)


def figure_to_svg(fig: Figure, title: str | None = None) -> str:
    """The figure as an SVG document with no CSS: safe under a strict CSP.

    Text is drawn as paths (``svg.fonttype: path``); matplotlib's ``style`` attributes become
    presentation attributes and its ``<style>`` element (round line joins) is dropped.
    """
    buffer = io.StringIO()
    with _rc():
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    svg = _STYLE_ELEMENT.sub("", buffer.getvalue())
    svg = _STYLE_ATTR.sub(_presentation_attributes, svg)
    if title:
        escaped = title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        # A function, not a replacement string: typed text (a theme called "Caseload \\d")
        # must never be read as a back-reference or an escape.
        svg = _SVG_OPEN.sub(lambda m: f"{m.group(1)}<title>{escaped}</title>", svg, count=1)
        svg = svg.replace("<svg ", '<svg role="img" ', 1)
    return svg


def figure_to_png(fig: Figure, dpi: int = 150) -> bytes:
    buffer = io.BytesIO()
    with _rc():
        fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()
