"""The anonymous staff survey: start page, one page per area plus "About you", check your
answers, submit, confirmation; save and come back later; single-use access codes.

Views are thin: they find the cycle, call one function in drafts / submission / access_codes
and redirect (post/redirect/get), or re-render the page with its answers and errors.
"""

import secrets

from flask import Blueprint, abort, flash, g, redirect, request, url_for
from flask_wtf.csrf import CSRFError

from ..ratelimit import (
    client_address,
    global_key,
    limit_wrong_guesses,
    rate_limited,
    session_key,
)
from . import access_codes, drafts, progress, submission
from .forms import section_forms
from .pages import render_page, section_buttons
from .public_cycles import survey_cycle, survey_state

bp = Blueprint("survey", __name__, url_prefix="/survey")

EXPIRED_MESSAGE = "Your session had expired. Check your answers and continue."
UNANSWERED_MESSAGE = "Confirm that you want to send your answers with some sections unanswered"
ALREADY_SENT_MESSAGE = (
    "The answers saved with this resume code have already been sent. Thank you for taking part"
)


class Unavailable(Exception):
    """The cycle is unknown, closed or not open yet: show a clear page, not an error."""

    def __init__(self, cycle, state):
        self.cycle, self.state = cycle, state


def _open_cycle(slug: str):
    """The open cycle with this slug and its instrument, or Unavailable.

    Pages may use a copy of the cycle a few seconds old; sending a response reads it afresh.
    """
    fresh = request.method == "POST" and request.endpoint == "survey.check_answers"
    cycle = survey_cycle(slug, fresh=fresh)
    state = survey_state(cycle)
    if state != "open":
        raise Unavailable(cycle, state)
    return cycle, cycle.instrument


@bp.errorhandler(Unavailable)
def _unavailable(error: Unavailable):
    status = 404 if error.state == "unknown" else 200
    return render_page("survey/unavailable.html", cycle=error.cycle, state=error.state), status


@bp.errorhandler(CSRFError)
def _session_expired(error):
    """An expired session or CSRF token never loses the answers on the page being sent."""
    g.pop("csrf_token", None)  # never reuse a token cached for this context: make a new one
    if not g.get("csp_nonce"):  # the CSRF check ran before the nonce was made
        g.csp_nonce = secrets.token_urlsafe(16)
    args = request.view_args or {}
    if request.endpoint == "survey.section" and request.method == "POST":
        try:
            cycle, instrument = _open_cycle(args.get("slug", ""))
        except Unavailable as unavailable:
            return _unavailable(unavailable)
        form = section_forms(instrument).get(args.get("section_id"))
        if form is None:  # an error handler cannot abort(): answer "not found" itself
            return _unavailable(Unavailable(None, "unknown"))
        form = form.for_role(instrument.role_of(drafts.answers_of(drafts.load_draft(cycle))))
        values, _ = form.parse(request.form)
        return _render_section(cycle, instrument, form, values, {}, expired=True)
    flash(EXPIRED_MESSAGE)
    return redirect(request.path, code=303)


def _back_href(cycle, instrument, section_id) -> str:
    """Where the section's Back link goes: check your answers when changing one, else the
    section before (or the start page)."""
    previous = progress.previous_section(instrument, section_id)
    if request.args.get("change"):
        return url_for(".check_answers", slug=cycle.slug)
    if previous is None:
        return url_for(".start", slug=cycle.slug)
    return url_for(".section", slug=cycle.slug, section_id=previous)


def _render_section(cycle, instrument, form, values, errors, expired=False):
    back = _back_href(cycle, instrument, form.section_id)
    return render_page(
        "survey/section.html",
        cycle=cycle,
        section=form,
        fields_html=form.render(values, errors),
        errors=form.error_list(errors),
        back_href=back,
        action=request.full_path if request.query_string else request.path,
        buttons_html=section_buttons(),
        banners=[{"text": EXPIRED_MESSAGE, "titleText": "Important"}] if expired else None,
    )


@bp.get("/<slug>")
def start(slug):
    """What the survey asks, what it does not collect, and how the answers are used."""
    cycle, instrument = _open_cycle(slug)
    first = instrument.survey_sections[0].id
    if access_codes.is_unlocked(cycle):
        start_href = url_for(".section", slug=slug, section_id=first)
    else:
        start_href = url_for(".access_code", slug=slug)
    return render_page(
        "survey/start.html",
        cycle=cycle,
        instrument=instrument,
        start_href=start_href,
        has_draft=drafts.session_draft_id(cycle) is not None,
    )


@bp.route("/<slug>/access-code", methods=["GET", "POST"])
def access_code(slug):
    """Enter a single-use access code. Using it is its own transaction, linked to nothing."""
    cycle, instrument = _open_cycle(slug)
    first = url_for(".section", slug=slug, section_id=instrument.survey_sections[0].id)
    if access_codes.is_unlocked(cycle):
        return redirect(first, code=303)
    error = None
    if request.method == "POST":
        code = request.form.get("code", "")
        result = access_codes.redeem(cycle, code) if code.strip() else None
        if result == access_codes.OK:
            return redirect(first, code=303)
        if result is not None:
            # Only wrong codes are counted (address kept hashed, 2 minutes): a right one always
            # works, however many wrong ones came from the same office address.
            refused = limit_wrong_guesses("access-code", client_address())
            if refused is not None:
                return refused
        error = {
            None: "Enter your access code",
            access_codes.USED: "This access code has already been used. Each code works once",
            access_codes.UNKNOWN: "Enter the access code exactly as it appears on your letter",
        }[result]
    return render_page(
        "survey/access_code.html",
        cycle=cycle,
        error=error,
        errors=[{"text": error, "href": "#code"}] if error else [],
        back_href=url_for(".start", slug=slug),
    )


@bp.route("/<slug>/questions/<section_id>", methods=["GET", "POST"])
def section(slug, section_id):
    """One page of questions. Continue saves the answers to the draft and always goes on to
    the next section; Back (with JavaScript) saves them and goes back; errors keep the
    answers. Questions for other roles than the one given in
    "About you" are not shown."""
    cycle, instrument = _open_cycle(slug)
    form = section_forms(instrument).get(section_id)
    if form is None:
        abort(404)
    if drafts.has_submitted(cycle):
        return redirect(url_for(".confirmation", slug=slug), code=303)
    if not access_codes.is_unlocked(cycle):
        return redirect(url_for(".access_code", slug=slug), code=303)
    answers = drafts.answers_of(drafts.load_draft(cycle))
    form = form.for_role(instrument.role_of(answers))
    if request.method == "GET":
        return _render_section(cycle, instrument, form, answers, {})

    values, errors = form.parse(request.form)
    if errors:
        return _render_section(cycle, instrument, form, values, errors)
    draft = drafts.save_section(cycle, form.keys(), values)
    if request.form.get("action") == "back":
        # The Back link sends the page first (js/save-on-back.js): what was typed here is
        # kept, as Continue keeps it, and an answer that cannot be kept is shown as an error
        # above (nothing is lost without a word).
        return redirect(_back_href(cycle, instrument, section_id), code=303)
    if request.form.get("action") == "save":
        code = drafts.issue_resume_code(draft)
        return render_page("survey/saved.html", cycle=cycle, code=code, continue_href=request.path)
    following = progress.next_section(instrument, section_id)
    if following is None:
        return redirect(url_for(".check_answers", slug=slug), code=303)
    return redirect(url_for(".section", slug=slug, section_id=following), code=303)


@bp.route("/<slug>/check-answers", methods=["GET", "POST"])
@rate_limited("survey-submit", key=session_key(drafts.SESSION_DRAFTS))  # per session, not address
@rate_limited("survey-global", key=global_key)
def check_answers(slug):
    """Check your answers, then submit (stored before the confirmation is shown, once)."""
    cycle, instrument = _open_cycle(slug)
    if drafts.has_submitted(cycle):
        return redirect(url_for(".confirmation", slug=slug), code=303)
    if not access_codes.is_unlocked(cycle):
        return redirect(url_for(".access_code", slug=slug), code=303)
    draft_id = drafts.session_draft_id(cycle)
    answers = drafts.answers_of(drafts.load_draft(cycle))
    unanswered = progress.unanswered_sections(instrument, answers)
    errors = []
    if request.method == "POST":
        # A session whose draft is gone has sent it (a double click): submit says so.
        gone = draft_id is not None and drafts.load_draft(cycle) is None
        if not gone:
            errors = [
                {"text": text, "href": url_for(".section", slug=slug, section_id=sid, change=1)}
                for sid, text in submission.missing_required(instrument, answers)
            ]
            if unanswered and request.form.get("confirm_unanswered") != "yes":
                errors.append({"text": UNANSWERED_MESSAGE, "href": "#confirm_unanswered"})
        if not errors:
            result = submission.submit(cycle, instrument, draft_id)
            if result in (submission.STORED, submission.ALREADY_STORED):
                drafts.mark_submitted(cycle)
                return redirect(url_for(".confirmation", slug=slug), code=303)
    return render_page(
        "survey/check_answers.html",
        cycle=cycle,
        sections=submission.summary(instrument, answers, slug),
        unanswered=[
            {
                "title": instrument.survey_title(section),
                "href": url_for(".section", slug=slug, section_id=section.id),
            }
            for section in unanswered
        ],
        confirm_error=(
            UNANSWERED_MESSAGE if any(e["text"] == UNANSWERED_MESSAGE for e in errors) else None
        ),
        errors=errors,
        has_draft=draft_id is not None,
        back_href=url_for(".section", slug=slug, section_id=instrument.survey_sections[-1].id),
    )


@bp.get("/<slug>/confirmation")
def confirmation(slug):
    """Shown only once the response is stored."""
    cycle = survey_cycle(slug)
    if cycle is None:
        raise Unavailable(None, "unknown")
    if not drafts.has_submitted(cycle):
        return redirect(url_for(".start", slug=slug), code=303)
    return render_page("survey/confirmation.html", cycle=cycle)


@bp.route("/<slug>/resume", methods=["GET", "POST"])
def resume(slug):
    """Come back with a resume code: every saved answer is restored, and the respondent lands
    on the first section they have not answered yet ("Check your answers" if none)."""
    cycle, instrument = _open_cycle(slug)
    error = None
    if request.method == "POST":
        code = request.form.get("code", "")
        draft = drafts.resume(cycle, code) if code.strip() else None
        if draft is not None:
            access_codes.unlock(cycle)  # only an unlocked session could have saved the draft
            flash("Your answers have been restored.", "success")
            landing = progress.resume_section(instrument, drafts.answers_of(draft))
            if landing is None:
                return redirect(url_for(".check_answers", slug=slug), code=303)
            return redirect(url_for(".section", slug=slug, section_id=landing), code=303)
        if not code.strip():
            error = "Enter your resume code"
        elif drafts.was_sent(cycle, code):
            error = ALREADY_SENT_MESSAGE
        else:
            refused = limit_wrong_guesses("resume-code", client_address())  # wrong codes only
            if refused is not None:
                return refused
            error = "Enter the resume code exactly as it was shown when you saved your answers"
    return render_page(
        "survey/resume.html",
        cycle=cycle,
        error=error,
        errors=[{"text": error, "href": "#code"}] if error else [],
        back_href=url_for(".start", slug=slug),
    )
