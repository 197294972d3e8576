"""The per-area self-assessment and its endorsement: small write functions, each audited and
each owning its transaction.

The draft is the five ``AreaAssessment`` rows of a cycle; every save keeps a revision. The
PSW submits the draft: ``submit`` freezes a snapshot of every figure and word the report
shows (healthcheck.reports.snapshot) as a new ``AssessmentVersion``. An endorser endorses it
or returns it with a comment. Once endorsed a version never changes: later edits go to the
draft and the next submission is the next version. The PSW may then publish the endorsed
version for all staff ("What you told us").
"""

from __future__ import annotations

import json

from sqlalchemy import func, select

from ..audit import record_event
from ..extensions import db
from ..models import AreaAssessment, AreaAssessmentRevision, AssessmentVersion, Cycle
from ..models.assessment import JUDGEMENTS
from ..timeutil import utcnow

FIELDS = ("rating", "rationale", "strengths", "improvements", "evidence")


class AssessmentError(Exception):
    """A step that cannot be taken now (for example endorsing a version already decided)."""


def area_assessments(cycle: Cycle) -> dict[str, AreaAssessment]:
    rows = db.session.scalars(select(AreaAssessment).where(AreaAssessment.cycle_id == cycle.id))
    return {row.area: row for row in rows}


def area_assessment(cycle: Cycle, area: str) -> AreaAssessment | None:
    return db.session.scalar(
        select(AreaAssessment).where(
            AreaAssessment.cycle_id == cycle.id, AreaAssessment.area == area
        )
    )


def content_of(row: AreaAssessment | None) -> dict:
    if row is None:
        return {
            "rating": None,
            "rationale": "",
            "strengths": "",
            "improvements": "",
            "evidence": [],
        }
    return {
        "rating": row.rating,
        "rationale": row.rationale or "",
        "strengths": row.strengths or "",
        "improvements": row.improvements or "",
        "evidence": list(row.evidence or []),
    }


def save_area(
    cycle: Cycle,
    area: str,
    *,
    rating: str | None,
    rationale: str,
    strengths: str,
    improvements: str,
    evidence: list[dict],
    user,
) -> AreaAssessment:
    """Store one area's draft as written, keep the revision, and audit it."""
    if rating is not None and rating not in JUDGEMENTS:
        raise AssessmentError("Choose green, amber or red")
    row = area_assessment(cycle, area)
    if row is None:
        row = AreaAssessment(cycle_id=cycle.id, area=area, is_demo=cycle.is_demo)
        db.session.add(row)
    row.rating = rating
    row.rationale = rationale.strip()
    row.strengths = strengths.strip()
    row.improvements = improvements.strip()
    row.evidence = [dict(e) for e in evidence]
    row.updated_by_id = getattr(user, "id", None)
    row.updated_at = utcnow()
    db.session.flush()
    db.session.add(
        AreaAssessmentRevision(
            assessment_id=row.id, content=content_of(row), saved_by_id=getattr(user, "id", None)
        )
    )
    record_event("changed", "area_assessment", row.id, f"cycle {cycle.id} area {area}", user=user)
    db.session.commit()
    return row


def revisions(row: AreaAssessment | None) -> list[AreaAssessmentRevision]:
    if row is None:
        return []
    return list(
        db.session.scalars(
            select(AreaAssessmentRevision)
            .where(AreaAssessmentRevision.assessment_id == row.id)
            .order_by(AreaAssessmentRevision.id.desc())
        )
    )


# --- versions --------------------------------------------------------------------------------


def versions(cycle: Cycle) -> list[AssessmentVersion]:
    return list(
        db.session.scalars(
            select(AssessmentVersion)
            .where(AssessmentVersion.cycle_id == cycle.id)
            .order_by(AssessmentVersion.number.desc())
        )
    )


def get_version(cycle: Cycle, number: int) -> AssessmentVersion | None:
    return db.session.scalar(
        select(AssessmentVersion).where(
            AssessmentVersion.cycle_id == cycle.id, AssessmentVersion.number == number
        )
    )


def pending_version(cycle: Cycle) -> AssessmentVersion | None:
    """The version waiting for the endorser, if any."""
    return next((v for v in versions(cycle) if v.status == "submitted"), None)


def endorsed_version(cycle: Cycle) -> AssessmentVersion | None:
    """The latest endorsed version."""
    return next((v for v in versions(cycle) if v.status == "endorsed"), None)


def published_version(cycle: Cycle) -> AssessmentVersion | None:
    return next((v for v in versions(cycle) if v.status == "endorsed" and v.published_at), None)


def snapshot_of(version: AssessmentVersion) -> dict:
    return json.loads(version.snapshot)


def canonical_json(data: dict) -> str:
    """The stored form of a snapshot: the same data always gives the same text."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def submit(cycle: Cycle, snapshot: dict, user) -> AssessmentVersion:
    """Freeze ``snapshot`` as the next version, waiting for an endorser."""
    if pending_version(cycle) is not None:
        raise AssessmentError("A version is already waiting for endorsement")
    number = (
        db.session.scalar(
            select(func.max(AssessmentVersion.number)).where(AssessmentVersion.cycle_id == cycle.id)
        )
        or 0
    ) + 1
    version = AssessmentVersion(
        cycle_id=cycle.id,
        number=number,
        status="submitted",
        snapshot=canonical_json(snapshot),
        submitted_by_id=getattr(user, "id", None),
        is_demo=cycle.is_demo,
    )
    db.session.add(version)
    db.session.flush()
    record_event(
        "submitted", "assessment_version", version.id, f"cycle {cycle.id} v{number}", user=user
    )
    db.session.commit()
    return version


def _decide(version: AssessmentVersion, status: str, comment: str, user) -> AssessmentVersion:
    if version.status != "submitted":
        raise AssessmentError("This version has already been decided")
    version.status = status
    version.comment = comment.strip()
    version.decided_at = utcnow()
    version.decided_by_id = getattr(user, "id", None)
    version.endorser_name = getattr(user, "name", "") or ""
    action = "endorsed" if status == "endorsed" else "returned"
    record_event(action, "assessment_version", version.id, f"v{version.number}", user=user)
    db.session.commit()
    return version


def endorse(version: AssessmentVersion, user, comment: str = "") -> AssessmentVersion:
    return _decide(version, "endorsed", comment, user)


def return_with_comments(version: AssessmentVersion, user, comment: str) -> AssessmentVersion:
    if not comment.strip():
        raise AssessmentError("Write what should change before returning it")
    return _decide(version, "returned", comment, user)


def publish(version: AssessmentVersion, user) -> AssessmentVersion:
    """Show the endorsed version to all staff on "What you told us"."""
    if version.status != "endorsed":
        raise AssessmentError("Only an endorsed version can be published")
    if version.published_at is None:
        version.published_at = utcnow()
        record_event("published", "assessment_version", version.id, f"v{version.number}", user=user)
        db.session.commit()
    return version
