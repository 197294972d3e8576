"""The Principal Social Worker's dashboard, self-assessment, action plan, charts and downloads.

Every page reads the cached analysis (healthcheck.results.get_analysis). While it is being
computed a page says "Analysing" with its progress and a refresh link (a small JS module
refreshes by itself); results stay until new responses, notes or figures arrive.
"""

from datetime import date

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from analysis import charts

from ..auth.access import requires_role
from ..extensions import db
from ..models import Cycle
from ..models.plan import ACTION_STATUSES
from . import action_plan
from . import dashboard as data
from . import dashboard_charts, downloads
from .forms import (
    ActionForm,
    HideQuoteForm,
    HideTermForm,
    MergeThemesForm,
    RenameThemeForm,
)

bp = Blueprint("reports", __name__, url_prefix="/reports")


def _cycle_or_404(cycle_id: int) -> Cycle:
    cycle = db.session.get(Cycle, cycle_id)
    if cycle is None:
        abort(404)
    return cycle


def _cycle_and_analysis(cycle_id: int):
    """(cycle, analysis, waiting): ``waiting`` is the "Analysing" page while the analysis runs,
    for the view to return instead of its own page; None once the analysis is ready."""
    cycle = _cycle_or_404(cycle_id)
    analysis = data.analysis_for(cycle)
    waiting = None
    if not analysis.ready:
        waiting = render_template("reports/analysing.html", cycle=cycle, analysis=analysis)
    return cycle, analysis, waiting


@bp.get("/")
@requires_role("psw")
def dashboard():
    """Pick a cycle; the open one (or the latest) first."""
    cycles = data.all_cycles()
    return render_template("reports/index.html", cycles=cycles, current=data.default_cycle(cycles))


@bp.get("/<int:cycle_id>/")
@requires_role("psw")
def cycle_home(cycle_id):
    return redirect(url_for(".overview", cycle_id=_cycle_or_404(cycle_id).id))


@bp.get("/<int:cycle_id>/analysis-status")
@requires_role("psw")
def analysis_status(cycle_id):
    """JSON for the progress module: never starts a run."""
    analysis = data.analysis_for(_cycle_or_404(cycle_id), start=False)
    return jsonify(
        status=analysis.status,
        progress=analysis.progress,
        ready=analysis.ready,
        stale=analysis.stale,
    )


@bp.get("/<int:cycle_id>/overview")
@requires_role("psw")
def overview(cycle_id):
    cycle, analysis, waiting = _cycle_and_analysis(cycle_id)
    if waiting:
        return waiting
    return render_template(
        "reports/overview.html",
        cycle=cycle,
        analysis=analysis,
        view=data.overview(analysis.result),
        yoy_rows=data.yoy_rows(analysis.result),
        overdue=action_plan.overdue_actions(cycle),
        alts={
            "areas": dashboard_charts.alt_text(cycle, "areas", analysis),
            "yoy": dashboard_charts.alt_text(cycle, "year-on-year", analysis),
        },
    )


@bp.get("/<int:cycle_id>/areas/<area_id>")
@requires_role("psw")
def area(cycle_id, area_id):
    cycle, analysis, waiting = _cycle_and_analysis(cycle_id)
    if waiting:
        return waiting
    view = data.area_page(analysis.result, area_id)
    if view is None:
        abort(404)
    distributions = data.distributions_for(cycle, analysis)
    alts = {}
    for item in view["questions"]:
        item["distribution"] = distributions.get(item["id"])
        alts[item["id"]] = dashboard_charts.alt_text(cycle, f"item-{item['id']}", analysis)
    from .snapshot import area_focus_groups, focus_group_words, question_ids

    words = focus_group_words(cycle)
    return render_template(
        "reports/area.html",
        cycle=cycle,
        analysis=analysis,
        view=view,
        fg_words=area_focus_groups(words, area_id, question_ids(view)),
        fg_rule=words["rule"],
        question_label=data.question_label,
        areas=data.instrument_areas(analysis.result),
        alts=alts,
    )


def _theme_filters(result) -> tuple[dict, dict]:
    options = data.theme_filter_options(result)
    filters = {}
    for key, choices in options.items():
        value = request.args.get(key, "")
        if value and value in {code for code, _ in choices}:
            filters[key] = value
    return filters, options


@bp.get("/<int:cycle_id>/themes")
@requires_role("psw")
def themes(cycle_id):
    cycle, analysis, waiting = _cycle_and_analysis(cycle_id)
    if waiting:
        return waiting
    filters, options = _theme_filters(analysis.result)
    # A role that is not offered (fewer than MIN_GROUP_SIZE respondents, or none) is not
    # ignored: that would show every theme as if filtered. It is said, and nothing is listed.
    asked_role = request.args.get("role", "")
    role_withheld = bool(asked_role) and "role" not in filters
    shown = [] if role_withheld else data.filter_themes(analysis.result, filters)
    merge_form = MergeThemesForm()
    merge_form.theme_ids.choices = _theme_choices(analysis.result)
    return render_template(
        "reports/themes.html",
        cycle=cycle,
        analysis=analysis,
        themes=shown,
        filters=filters,
        role_withheld=role_withheld,
        withheld_themes=int((analysis.result.get("themes") or {}).get("withheld") or 0),
        options=options,
        merge_form=merge_form,
        quote_rule=(analysis.result.get("themes") or {}).get("quote_rule"),
        sentiment_fit=(analysis.result.get("themes") or {}).get("sentiment_fit"),
        area_names=dict(options["area"]),
        select_items={
            key: [
                {
                    "value": "",
                    "text": "All roles" if key == "role" else "All",
                    "selected": not filters.get(key),
                }
            ]
            + [{"value": v, "text": t, "selected": filters.get(key) == v} for v, t in choices]
            for key, choices in options.items()
        },
        alts={"themes": dashboard_charts.alt_text(cycle, "themes", analysis)},
    )


def _theme_choices(result):
    return [SelectChoice(t["id"], t["label"]) for t in data.themes_list(result)]


def _theme_or_404(result, theme_id):
    theme = next((t for t in data.themes_list(result) if t["id"] == theme_id), None)
    if theme is None:
        abort(404)
    return theme


@bp.route("/<int:cycle_id>/themes/<theme_id>/rename", methods=["GET", "POST"])
@requires_role("psw")
def rename_theme(cycle_id, theme_id):
    from ..results import ThemeEditError
    from ..results import rename_theme as rename

    cycle, analysis, waiting = _cycle_and_analysis(cycle_id)
    if waiting:
        return waiting
    theme = _theme_or_404(analysis.result, theme_id)
    form = RenameThemeForm(data={"label": theme["label"]} if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            rename(cycle, theme_id, form.label.data, current_user)
        except ThemeEditError as exc:
            form.label.errors.append(str(exc))
        else:
            flash(f"Theme renamed to ‘{form.label.data.strip()}’", "success")
            return redirect(url_for(".themes", cycle_id=cycle.id) + f"#theme-{theme_id}")
    return render_template("reports/rename_theme.html", cycle=cycle, theme=theme, form=form)


@bp.route("/<int:cycle_id>/themes/<theme_id>/quotes/<int:number>/hide", methods=["GET", "POST"])
@requires_role("psw")
def hide_quote(cycle_id, theme_id, number):
    """Hide one quote, with a reason, from every page and download (human review)."""
    from ..results.review import ReviewError
    from ..results.review import hide_quote as hide

    cycle, analysis, waiting = _cycle_and_analysis(cycle_id)
    if waiting:
        return waiting
    theme = _theme_or_404(analysis.result, theme_id)
    quotes = theme.get("quotes") or []
    if not 1 <= number <= len(quotes):
        abort(404)
    quote = quotes[number - 1]
    form = HideQuoteForm()
    if form.validate_on_submit():
        try:
            hide(cycle.id, quote["text"], form.reason.data, current_user)
        except ReviewError as exc:
            form.reason.errors.append(str(exc))
        else:
            flash("Quote hidden from every page and download", "success")
            return redirect(url_for(".themes", cycle_id=cycle.id) + f"#theme-{theme_id}")
    return render_template(
        "reports/hide_quote.html", cycle=cycle, theme=theme, quote=quote, form=form
    )


@bp.route("/<int:cycle_id>/themes/<theme_id>/hide-term", methods=["GET", "POST"])
@requires_role("psw")
def hide_term(cycle_id, theme_id):
    """Hide one key term, with a reason, from every page and download (human review)."""
    from ..results.review import ReviewError
    from ..results.review import hide_term as hide

    cycle, analysis, waiting = _cycle_and_analysis(cycle_id)
    if waiting:
        return waiting
    theme = _theme_or_404(analysis.result, theme_id)
    form = HideTermForm()
    form.term.choices = [(k, k) for k in theme.get("keywords") or []]
    if not form.term.choices:
        abort(404)
    if form.validate_on_submit():
        try:
            hide(cycle.id, form.term.data, form.reason.data, current_user)
        except ReviewError as exc:
            form.reason.errors.append(str(exc))
        else:
            flash(f"Key term ‘{form.term.data}’ hidden from every page and download", "success")
            return redirect(url_for(".themes", cycle_id=cycle.id) + f"#theme-{theme_id}")
    return render_template("reports/hide_term.html", cycle=cycle, theme=theme, form=form)


@bp.get("/<int:cycle_id>/sensitive-comments")
@requires_role("psw")
def sensitive_comments(cycle_id):
    """Comments that may disclose harm or poor practice, redacted, for the PSW only."""
    from . import sensitive

    cycle = _cycle_or_404(cycle_id)
    return render_template(
        "reports/sensitive.html",
        cycle=cycle,
        comments=sensitive.sensitive_comments(cycle),
        routes=sensitive.routes_text(),
    )


@bp.route("/<int:cycle_id>/themes/merge", methods=["GET", "POST"])
@requires_role("psw")
def merge_themes(cycle_id):
    from ..results import ThemeEditError
    from ..results import merge_themes as merge

    cycle, analysis, waiting = _cycle_and_analysis(cycle_id)
    if waiting:
        return waiting
    form = MergeThemesForm()
    form.theme_ids.choices = _theme_choices(analysis.result)
    if form.validate_on_submit():
        try:
            merge(cycle, form.theme_ids.data, form.label.data, current_user)
        except ThemeEditError as exc:
            form.label.errors.append(str(exc))
        else:
            flash(f"Themes merged as ‘{form.label.data.strip()}’", "success")
            return redirect(url_for(".themes", cycle_id=cycle.id))
    return render_template("reports/merge_themes.html", cycle=cycle, form=form)


@bp.get("/<int:cycle_id>/response-rate")
@requires_role("psw")
def response_rate(cycle_id):
    from ..results import response_rate as rate

    cycle = _cycle_or_404(cycle_id)
    figures = rate(cycle)
    days = data.response_days(figures)
    return render_template(
        "reports/response_rate.html",
        cycle=cycle,
        rate=figures,
        days=days,
        alts={"rate": charts.response_rate_alt(days)},
    )


def _area_choices(cycle):
    return [(a.id, a.name) for a in cycle.instrument.areas]


@bp.get("/<int:cycle_id>/actions")
@requires_role("psw")
def actions(cycle_id):
    cycle = _cycle_or_404(cycle_id)
    carried = action_plan.carry_open_actions(cycle, current_user)
    if carried:
        flash(f"{len(carried)} open actions carried over from last year", "success")
        return redirect(url_for(".actions", cycle_id=cycle.id))
    return render_template(
        "reports/actions.html",
        cycle=cycle,
        actions=action_plan.actions_for(cycle),
        area_names=dict(_area_choices(cycle)),
        statuses=ACTION_STATUSES,
        today=date.today(),
    )


@bp.route("/<int:cycle_id>/actions/new", methods=["GET", "POST"])
@requires_role("psw")
def add_action(cycle_id):
    cycle = _cycle_or_404(cycle_id)
    form = ActionForm(areas=_area_choices(cycle))
    if form.validate_on_submit():
        action_plan.add_action(cycle, *form.action_values(), current_user)
        flash("Action added", "success")
        return redirect(url_for(".actions", cycle_id=cycle.id))
    return render_template("reports/action_form.html", cycle=cycle, form=form, action=None)


@bp.route("/<int:cycle_id>/actions/<int:action_id>", methods=["GET", "POST"])
@requires_role("psw")
def edit_action(cycle_id, action_id):
    cycle = _cycle_or_404(cycle_id)
    row = action_plan.get_action(cycle, action_id)
    if row is None:
        abort(404)
    form = ActionForm(obj=row, areas=_area_choices(cycle))
    if form.validate_on_submit():
        action_plan.update_action(row, *form.action_values(), current_user)
        flash("Action updated", "success")
        return redirect(url_for(".actions", cycle_id=cycle.id))
    return render_template("reports/action_form.html", cycle=cycle, form=form, action=row)


@bp.get("/<int:cycle_id>/charts/<name>.svg")
@requires_role("psw")
def chart(cycle_id, name):
    """A chart as SVG, from the same (suppressed) figures as the page that shows it."""
    cycle = _cycle_or_404(cycle_id)
    svg = dashboard_charts.chart_svg(cycle, name, request.args)
    if svg is None:
        abort(404)
    return Response(svg, mimetype="image/svg+xml")


@bp.get("/<int:cycle_id>/downloads")
@requires_role("psw")
def download_list(cycle_id):
    cycle = _cycle_or_404(cycle_id)
    return render_template(
        "reports/downloads.html", cycle=cycle, export_url=downloads.response_export_url(cycle)
    )


@bp.get("/<int:cycle_id>/download/<name>")
@requires_role("psw")
def download(cycle_id, name):
    """The self-assessment PDF, the figures and themes as XLSX and CSV. Audited.

    Only from an up-to-date analysis: while one runs, the "Analysing" page (which offers the
    previous results, marked out of date, with ``?out-of-date=yes``).
    """
    cycle = _cycle_or_404(cycle_id)
    if not downloads.known(name):
        abort(404)
    analysis = data.analysis_for(cycle)
    out_of_date = analysis.updating
    chose_previous = request.args.get(downloads.OUT_OF_DATE) == "yes"
    if not analysis.ready or (out_of_date and not chose_previous):
        return render_template(
            "reports/analysing.html", cycle=cycle, analysis=analysis, download=name
        )
    body = downloads.build(cycle, name, analysis.result, out_of_date=out_of_date)
    return Response(
        body,
        mimetype=downloads.DOWNLOADS[name][0],
        headers={
            "Content-Disposition": (
                f'attachment; filename="{downloads.filename(cycle, name, out_of_date)}"'
            )
        },
    )


# The self-assessment pages register on this blueprint.
from . import assessment_views  # noqa: E402,F401
