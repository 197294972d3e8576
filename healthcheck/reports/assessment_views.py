"""The PSW's per-area self-assessment pages, submission, publication and version PDFs.

Registered on the reports blueprint (imported at the end of healthcheck.reports.routes). The
endorser's pages are in healthcheck.endorsement; "What you told us" in healthcheck.shared.
"""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from ..auth.access import requires_role
from ..models import User
from . import action_plan, area_evidence, assessment
from . import dashboard as data
from . import report_pdf, snapshot
from .blueprint import bp
from .forms import AreaAssessmentForm, PublishForm, SelfAssessmentForm, SubmitAssessmentForm
from .lookup import cycle_and_analysis, cycle_or_404

FIELDS = ("rationale", "strengths", "improvements")


def version_endorsement(version) -> dict | None:
    """What the report's cover says about an endorsed version, from the stored decision."""
    if version is None or version.status != "endorsed":
        return None
    return {"by": version.endorser_name, "on": version.decided_at.date().isoformat()}


def version_pdf(version) -> bytes:
    """The PDF of a stored version: its frozen snapshot and its stored decision only."""
    return report_pdf.render_pdf(assessment.snapshot_of(version), version_endorsement(version))


@bp.route("/<int:cycle_id>/self-assessment", methods=["GET", "POST"])
@requires_role("psw")
def self_assessment(cycle_id):
    """The five areas' drafts, the overall summary, submission and the versions so far."""
    cycle = cycle_or_404(cycle_id)
    saved = action_plan.self_assessment_for(cycle)
    form = SelfAssessmentForm(obj=saved)
    if form.validate_on_submit():
        action_plan.save_self_assessment(
            cycle, form.strengths.data or "", form.improvements.data or "", current_user
        )
        flash("Self-assessment saved", "success")
        return redirect(url_for(".self_assessment", cycle_id=cycle.id))
    analysis = data.analysis_for(cycle)
    drafts = assessment.area_assessments(cycle)
    pending = assessment.pending_version(cycle)
    endorsed = None if pending else assessment.endorsed_version(cycle)
    # Whether the draft has changed since the endorsed version was submitted.
    changed = endorsed is not None and any(
        d.updated_at > endorsed.submitted_at for d in [*drafts.values(), saved] if d is not None
    )
    areas = []
    if analysis.has_result:
        for area in data.overview(analysis.result)["areas"]:
            areas.append({**area, "draft": drafts.get(area["id"])})
    return render_template(
        "reports/self_assessment.html",
        cycle=cycle,
        form=form,
        saved=saved,
        analysis=analysis,
        areas=areas,
        versions=assessment.versions(cycle),
        pending=pending,
        endorsed=endorsed,
        changed_since_endorsed=changed,
        submit_form=SubmitAssessmentForm(),
        publish_form=PublishForm(),
        users={u.id: u.name for u in User.query.all()},
    )


def _options(result, page, words, draft) -> list[dict]:
    options = area_evidence.evidence_options(result, page, words)
    known = {o["id"] for o in options}
    for item in (draft.evidence if draft else None) or []:
        if item.get("id") not in known:  # chosen before the analysis changed: kept as written
            options.append(item)
    return options


@bp.route("/<int:cycle_id>/self-assessment/<area_id>", methods=["GET", "POST"])
@requires_role("psw")
def area_assessment(cycle_id, area_id):
    """One area: the judgement and text with one-click proposals, evidence and history."""
    cycle, analysis, waiting = cycle_and_analysis(cycle_id)
    if waiting:
        return waiting
    page = area_evidence.area_view(cycle, analysis.result, area_id)
    if page is None:
        abort(404)
    words = area_evidence.focus_group_words(cycle)
    draft = assessment.area_assessment(cycle, area_id)
    proposals = area_evidence.area_proposals(analysis.result, page, words)
    options = _options(analysis.result, page, words, draft)
    content = assessment.content_of(draft)
    form = AreaAssessmentForm(
        data=(
            None
            if request.method == "POST"
            else {**content, "evidence": [e.get("id") for e in content["evidence"]]}
        )
    )
    form.evidence.choices = [SelectChoice(o["id"], f"{o['kind']}: {o['text']}") for o in options]
    insert = request.form.get("insert", "") if request.method == "POST" else ""
    if insert and form.validate_on_submit():
        field, _, index = insert.partition(":")
        _insert_proposal(form, proposals, field, index)
        _save(cycle, area_id, form, options)
        flash("Proposal inserted: edit it as you need", "success")
        anchor = {"rating": "rating", "rationale": "rationale"}.get(field, field)
        return redirect(
            url_for(".area_assessment", cycle_id=cycle.id, area_id=area_id) + f"#{anchor}"
        )
    if form.validate_on_submit():
        _save(cycle, area_id, form, options)
        flash(f"{page['area']['name']}: draft saved", "success")
        return redirect(url_for(".self_assessment", cycle_id=cycle.id))
    return render_template(
        "reports/area_assessment.html",
        cycle=cycle,
        analysis=analysis,
        view=page,
        form=form,
        proposals=proposals,
        revisions=assessment.revisions(draft),
        users={u.id: u.name for u in User.query.all()},
    )


def _insert_proposal(form, proposals, field, index) -> None:
    """Append the chosen proposal to what is in the field now (nothing typed is lost)."""
    if field == "rating" and proposals.get("rating"):
        form.rating.data = proposals["rating"]
    elif field == "rationale" and proposals.get("rationale"):
        current = (form.rationale.data or "").rstrip()
        form.rationale.data = (current + "\n" if current else "") + proposals["rationale"]
    elif field in ("strengths", "improvements") and index.isdigit():
        lines = proposals.get(field) or []
        if int(index) < len(lines):
            target = getattr(form, field)
            current = (target.data or "").rstrip()
            target.data = (current + "\n" if current else "") + lines[int(index)]


def _save(cycle, area_id, form, options) -> None:
    chosen = set(form.evidence.data or [])
    assessment.save_area(
        cycle,
        area_id,
        rating=form.rating.data or None,
        rationale=form.rationale.data or "",
        strengths=form.strengths.data or "",
        improvements=form.improvements.data or "",
        evidence=[o for o in options if o["id"] in chosen],
        user=current_user,
    )


@bp.post("/<int:cycle_id>/self-assessment/submit")
@requires_role("psw")
def submit_assessment(cycle_id):
    cycle, analysis, waiting = cycle_and_analysis(cycle_id)
    if waiting:
        return waiting
    form = SubmitAssessmentForm()
    if form.validate_on_submit():
        try:
            version = assessment.submit(
                cycle, snapshot.build_snapshot(cycle, analysis.result), current_user
            )
        except assessment.AssessmentError as exc:
            flash(str(exc), "error")
        else:
            flash(f"Version {version.number} submitted for endorsement", "success")
    return redirect(url_for(".self_assessment", cycle_id=cycle.id))


@bp.post("/<int:cycle_id>/versions/<int:number>/publish")
@requires_role("psw")
def publish_version(cycle_id, number):
    cycle = cycle_or_404(cycle_id)
    version = assessment.get_version(cycle, number)
    if version is None:
        abort(404)
    if PublishForm().validate_on_submit():
        try:
            assessment.publish(version, current_user)
        except assessment.AssessmentError as exc:
            flash(str(exc), "error")
        else:
            flash("Published: all staff can now read “What you told us”", "success")
    return redirect(url_for(".self_assessment", cycle_id=cycle.id))


@bp.get("/<int:cycle_id>/versions/<int:number>/report.pdf")
@requires_role("psw", "endorser")
def version_report(cycle_id, number):
    """A submitted version's PDF: the same bytes every time it is downloaded."""
    from ..audit import record_event
    from ..extensions import db

    cycle = cycle_or_404(cycle_id)
    version = assessment.get_version(cycle, number)
    if version is None:
        abort(404)
    body = version_pdf(version)
    record_event("exported", "assessment_version", version.id, f"downloaded v{number} PDF")
    db.session.commit()
    name = f"{cycle.slug}-self-assessment-v{number}.pdf"
    return Response(
        body,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
