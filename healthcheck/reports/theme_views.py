"""The themes page and the Principal Social Worker's theme edits: rename, merge, rename the
parts of what a theme covers, hide a quote or a key term. Registered on the reports
blueprint (imported at the end of healthcheck.reports.routes); the themes as shown come from
healthcheck.reports.theme_pages.
"""

import hashlib
import json

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from ..auth.access import requires_role
from . import dashboard as data
from . import dashboard_charts
from .blueprint import bp
from .forms import HideQuoteForm, HideTermForm, MergeThemesForm, RenameThemeForm, rename_parts_form
from .lookup import cycle_and_analysis


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
    cycle, analysis, waiting = cycle_and_analysis(cycle_id)
    if waiting:
        return waiting
    filters, options = _theme_filters(analysis.result)
    # A role that is not offered (fewer than MIN_GROUP_SIZE respondents, or none) is not
    # ignored: that would show every theme as if filtered. It is said, and nothing is listed.
    asked_role = request.args.get("role", "")
    role_withheld = bool(asked_role) and "role" not in filters
    shown = [] if role_withheld else data.filter_themes(analysis.result, filters)
    from ..results import names_not_shown

    merge_form = MergeThemesForm()
    merge_form.theme_ids.choices = _theme_choices(analysis.result)
    return render_template(
        "reports/themes.html",
        names_not_shown=names_not_shown(cycle, analysis.result["themes"]),
        cycle=cycle,
        analysis=analysis,
        themes=shown,
        filters=filters,
        role_withheld=role_withheld,
        withheld_themes=analysis.result["themes"]["withheld"],
        options=options,
        merge_form=merge_form,
        quote_rule=analysis.result["themes"].get("quote_rule"),
        sentiment_fit=analysis.result["themes"].get("sentiment_fit"),
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
        chart_caption=data.themes_chart_caption(analysis.result),
    )


def _theme_choices(result):
    return [SelectChoice(t["id"], t["label"]) for t in data.themes_list(result)]


def _theme_or_404(result, theme_id):
    theme = next((t for t in data.themes_list(result) if t["id"] == theme_id), None)
    if theme is None:
        abort(404)
    return theme


# Said where a rename was typed on a page made from an earlier run of the analysis: ids and
# parts are those of the run shown, and another run may hold another theme under that id.
CHANGED = (
    "The themes have changed since you opened this page, as more answers came in. Nothing "
    "was saved. Check the names below and save again."
)


def shown_digest(theme: dict) -> str:
    """What a theme edit's page was made from: the theme (id, name, size) and its parts as
    listed. A post whose page was made from another run is refused (``CHANGED``)."""
    made = [theme["id"], theme["label"], theme.get("size")]
    made.append([(p["label"], p.get("size")) for p in theme.get("parts") or ()])
    return hashlib.sha256(json.dumps(made).encode()).hexdigest()[:16]


def _saved(field, edit, error, message: str, cycle, theme_id: str | None = None):
    """Make one theme edit: on ``error`` its message goes under ``field`` (and None is returned,
    so the view re-renders its form); else flash ``message`` and go back to the theme."""
    try:
        edit()
    except error as exc:
        field.errors.append(str(exc))
        return None
    flash(message, "success")
    anchor = f"#theme-{theme_id}" if theme_id else ""
    return redirect(url_for(".themes", cycle_id=cycle.id) + anchor)


@bp.route("/<int:cycle_id>/themes/<theme_id>/rename", methods=["GET", "POST"])
@requires_role("psw")
def rename_theme(cycle_id, theme_id):
    from ..results import ThemeEditError
    from ..results import rename_theme as rename

    cycle, analysis, waiting = cycle_and_analysis(cycle_id)
    if waiting:
        return waiting
    theme = _theme_or_404(analysis.result, theme_id)
    shown = shown_digest(theme)
    form = RenameThemeForm(data={"label": theme["label"]} if request.method == "GET" else None)
    valid = form.validate_on_submit()
    if valid and form.shown.data != shown:
        form.label.errors.append(CHANGED)
    elif valid:
        done = _saved(
            form.label,
            lambda: rename(cycle, theme_id, form.label.data, current_user),
            ThemeEditError,
            f"Theme renamed to ‘{form.label.data.strip()}’",
            cycle,
            theme_id,
        )
        if done:
            return done
    form.shown.data = shown
    return render_template("reports/rename_theme.html", cycle=cycle, theme=theme, form=form)


@bp.route("/<int:cycle_id>/themes/<theme_id>/parts", methods=["GET", "POST"])
@requires_role("psw")
def rename_parts(cycle_id, theme_id):
    """Name the parts of what a theme covers in the PSW's words; kept through re-runs. Only
    the boxes changed are saved; a page made from an earlier run saves nothing."""
    from analysis.theme_edits import clean_label

    from ..results import ThemeEditError, rename_part
    from ..results.theme_edit_log import part_quotes

    cycle, analysis, waiting = cycle_and_analysis(cycle_id)
    if waiting:
        return waiting
    found = _theme_or_404(analysis.result, theme_id)
    theme = data.theme_view(found, {})
    parts = [c for c in theme["covers"] if c["label"] is not None]
    if not parts:
        abort(404)
    shown = shown_digest(found)
    form = rename_parts_form(parts, filled=request.method == "GET")
    typed = []
    valid = form.validate_on_submit()
    if valid and form.shown.data != shown:
        # Made from another run: what was typed is shown back, beside the parts as they are.
        typed = [form[f"part_{n}"].data for n in range(1, len(parts) + 1)]
        form = rename_parts_form(parts, filled=True)
        form.part_1.errors = [CHANGED]
    elif valid:
        names = [form[f"part_{n}"].data for n in range(1, len(parts) + 1)]  # tidied (forms)
        changed = [(n, name) for n, name in enumerate(names, 1) if name != parts[n - 1]["label"]]
        try:
            for n, name in changed:  # every name checked before any is saved
                clean_label(name, "part")
            for n, name in changed:
                rename_part(cycle, theme_id, n, name, current_user)
        except ThemeEditError as exc:
            form[f"part_{n}"].errors.append(str(exc))
        else:  # said in the theme's card, where the page opens (reports/themes.html)
            back = url_for(".themes", cycle_id=cycle.id, edited=theme_id, renamed=len(changed))
            return redirect(f"{back}#theme-{theme_id}")
    form.shown.data = shown
    examples = part_quotes(cycle, theme_id, [q["text"] for q in theme["quotes"]])
    return render_template(
        "reports/rename_parts.html",
        cycle=cycle,
        theme=theme,
        parts=parts,
        form=form,
        typed=typed,
        examples=examples + [[]] * (len(parts) - len(examples)),
    )


@bp.route("/<int:cycle_id>/themes/<theme_id>/quotes/<int:number>/hide", methods=["GET", "POST"])
@requires_role("psw")
def hide_quote(cycle_id, theme_id, number):
    """Hide one quote, with a reason, from every page and download (human review)."""
    from ..results.review import ReviewError
    from ..results.review import hide_quote as hide

    cycle, analysis, waiting = cycle_and_analysis(cycle_id)
    if waiting:
        return waiting
    theme = _theme_or_404(analysis.result, theme_id)
    quotes = theme["quotes"]
    if not 1 <= number <= len(quotes):
        abort(404)
    quote = quotes[number - 1]
    form = HideQuoteForm()
    if form.validate_on_submit():
        done = _saved(
            form.reason,
            lambda: hide(cycle.id, quote["text"], form.reason.data, current_user),
            ReviewError,
            "Quote hidden from every page and download",
            cycle,
            theme_id,
        )
        if done:
            return done
    return render_template(
        "reports/hide_quote.html", cycle=cycle, theme=theme, quote=quote, form=form
    )


@bp.route("/<int:cycle_id>/themes/<theme_id>/hide-term", methods=["GET", "POST"])
@requires_role("psw")
def hide_term(cycle_id, theme_id):
    """Hide one key term, with a reason, from every page and download (human review)."""
    from ..results.review import ReviewError
    from ..results.review import hide_term as hide

    cycle, analysis, waiting = cycle_and_analysis(cycle_id)
    if waiting:
        return waiting
    theme = _theme_or_404(analysis.result, theme_id)
    form = HideTermForm()
    form.term.choices = [(k, k) for k in theme["keywords"]]
    if not form.term.choices:
        abort(404)
    if form.validate_on_submit():
        done = _saved(
            form.reason,
            lambda: hide(cycle.id, form.term.data, form.reason.data, current_user),
            ReviewError,
            f"Key term ‘{form.term.data}’ hidden from every page and download",
            cycle,
            theme_id,
        )
        if done:
            return done
    return render_template("reports/hide_term.html", cycle=cycle, theme=theme, form=form)


@bp.route("/<int:cycle_id>/themes/merge", methods=["GET", "POST"])
@requires_role("psw")
def merge_themes(cycle_id):
    from ..results import ThemeEditError
    from ..results import merge_themes as merge

    cycle, analysis, waiting = cycle_and_analysis(cycle_id)
    if waiting:
        return waiting
    form = MergeThemesForm()
    form.theme_ids.choices = _theme_choices(analysis.result)
    if form.validate_on_submit():
        done = _saved(
            form.label,
            lambda: merge(cycle, form.theme_ids.data, form.label.data, current_user),
            ThemeEditError,
            f"Themes merged as ‘{(form.label.data or '').strip()}’",
            cycle,
        )
        if done:
            return done
    return render_template("reports/merge_themes.html", cycle=cycle, form=form)
