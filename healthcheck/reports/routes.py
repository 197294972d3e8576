"""The Principal Social Worker's dashboard, action plan, charts and downloads.

Every page reads the cached analysis (healthcheck.results.get_analysis). While it is being
computed a page says "Analysing" with its progress and a refresh link (a small JS module
refreshes by itself); results stay until new responses, notes or figures arrive. The themes
page and its edits are in theme_views.py, the self-assessment in assessment_views.py, both on
this blueprint; every view finds its cycle and analysis through lookup.py.
"""

from datetime import date

from flask import (
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

from analysis import charts

from ..auth.access import requires_role
from ..models.plan import ACTION_STATUSES
from . import action_plan
from . import dashboard as data
from . import dashboard_charts, downloads
from .blueprint import bp
from .forms import ActionForm
from .lookup import analysing_page, cycle_and_analysis, cycle_or_404


@bp.get("/")
@requires_role("psw")
def dashboard():
    """Pick a cycle; the open one (or the latest) first."""
    cycles = data.all_cycles()
    return render_template("reports/index.html", cycles=cycles, current=data.default_cycle(cycles))


@bp.get("/<int:cycle_id>/")
@requires_role("psw")
def cycle_home(cycle_id):
    return redirect(url_for(".overview", cycle_id=cycle_or_404(cycle_id).id))


@bp.get("/<int:cycle_id>/analysis-status")
@requires_role("psw")
def analysis_status(cycle_id):
    """JSON for the progress module: never starts a run. ``ready``: an up-to-date result (the
    module then reloads the page)."""
    analysis = data.analysis_for(cycle_or_404(cycle_id), start=False)
    return jsonify(
        status=analysis.status,
        progress=analysis.progress,
        ready=analysis.ready,
        stale=analysis.stale,
    )


@bp.get("/<int:cycle_id>/overview")
@requires_role("psw")
def overview(cycle_id):
    cycle, analysis, waiting = cycle_and_analysis(cycle_id)
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
    cycle, analysis, waiting = cycle_and_analysis(cycle_id)
    if waiting:
        return waiting
    view = data.area_page(analysis.result, area_id)
    if view is None:
        abort(404)
    alts = {
        item["id"]: dashboard_charts.alt_text(cycle, f"item-{item['id']}", analysis)
        for item in view["questions"]
    }
    from .area_evidence import (
        area_focus_groups,
        focus_group_words,
        label_items,
        question_ids,
        question_titles,
    )

    label_items(cycle, view)  # short titles: a grid's 60-word question is not each row's title
    words = focus_group_words(cycle)
    return render_template(
        "reports/area.html",
        cycle=cycle,
        analysis=analysis,
        view=view,
        fg_words=area_focus_groups(words, area_id, question_ids(view)),
        fg_rule=words["rule"],
        question_label=data.question_label,
        titles=question_titles(cycle),  # focus-group notes under the question's short title
        areas=data.instrument_areas(analysis.result),
        alts=alts,
    )


@bp.get("/<int:cycle_id>/sensitive-comments")
@requires_role("psw")
def sensitive_comments(cycle_id):
    """Comments that may disclose harm or poor practice, redacted, for the PSW only."""
    from . import sensitive

    cycle = cycle_or_404(cycle_id)
    return render_template(
        "reports/sensitive.html",
        cycle=cycle,
        comments=sensitive.sensitive_comments(cycle),
        routes=sensitive.routes_text(),
    )


@bp.get("/<int:cycle_id>/response-rate")
@requires_role("psw")
def response_rate(cycle_id):
    from ..results import response_rate as rate

    cycle = cycle_or_404(cycle_id)
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
    cycle = cycle_or_404(cycle_id)
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
    cycle = cycle_or_404(cycle_id)
    form = ActionForm(areas=_area_choices(cycle))
    if form.validate_on_submit():
        action_plan.add_action(cycle, *form.action_values(), current_user)
        flash("Action added", "success")
        return redirect(url_for(".actions", cycle_id=cycle.id))
    return render_template("reports/action_form.html", cycle=cycle, form=form, action=None)


@bp.route("/<int:cycle_id>/actions/<int:action_id>", methods=["GET", "POST"])
@requires_role("psw")
def edit_action(cycle_id, action_id):
    cycle = cycle_or_404(cycle_id)
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
    cycle = cycle_or_404(cycle_id)
    svg = dashboard_charts.chart_svg(cycle, name, request.args)
    if svg is None:
        abort(404)
    return Response(svg, mimetype="image/svg+xml")


@bp.get("/<int:cycle_id>/downloads")
@requires_role("psw")
def download_list(cycle_id):
    cycle = cycle_or_404(cycle_id)
    from ..results.export import export_open

    return render_template(
        "reports/downloads.html",
        cycle=cycle,
        export_url=downloads.response_export_url(cycle),
        export_open=export_open(cycle),
    )


@bp.get("/<int:cycle_id>/download/<name>")
@requires_role("psw")
def download(cycle_id, name):
    """The self-assessment PDF, the figures and themes as XLSX and CSV. Audited.

    Only from an up-to-date analysis: while one runs, the "Analysing" page (which offers the
    previous results, marked out of date, with ``?out-of-date=yes``).
    """
    cycle = cycle_or_404(cycle_id)
    if not downloads.known(name):
        abort(404)
    analysis = data.analysis_for(cycle)
    out_of_date = analysis.updating
    chose_previous = request.args.get(downloads.OUT_OF_DATE) == "yes"
    if not analysis.has_result or (out_of_date and not chose_previous):
        return analysing_page(cycle, analysis, download=name)
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


# The theme and self-assessment pages register on this blueprint.
from . import assessment_views, theme_views  # noqa: E402,F401
