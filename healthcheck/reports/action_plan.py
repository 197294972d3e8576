"""The self-assessment and the action plan: small write functions, each owning its transaction.

Open actions carry into the next year's cycle: ``carry_open_actions(cycle)`` copies every open
action of the cycle before it (by opening date; demo cycles only from demo cycles, real ones only
from real ones) that has not been carried yet. It runs when a cycle is created
(``healthcheck cycles create``) and again whenever the Principal Social Worker opens a cycle's
plan, which picks up actions reopened on the earlier cycle since.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from ..audit import record_event
from ..extensions import db
from ..models import Action, Cycle, SelfAssessment
from ..models.plan import OPEN_STATUSES


def previous_cycle(cycle: Cycle) -> Cycle | None:
    """The cycle of the same kind (demo or real) that opened most recently before this one."""
    return db.session.scalar(
        select(Cycle)
        .where(
            Cycle.opens_on < cycle.opens_on,
            Cycle.id != cycle.id,
            Cycle.is_demo.is_(bool(cycle.is_demo)),
        )
        .order_by(Cycle.opens_on.desc(), Cycle.id.desc())
        .limit(1)
    )


def self_assessment_for(cycle: Cycle) -> SelfAssessment | None:
    return db.session.scalar(select(SelfAssessment).where(SelfAssessment.cycle_id == cycle.id))


def save_self_assessment(cycle: Cycle, strengths: str, improvements: str, user) -> SelfAssessment:
    """Store the strengths and areas for improvement as written, and audit the change."""
    assessment = self_assessment_for(cycle)
    if assessment is None:
        assessment = SelfAssessment(cycle_id=cycle.id, is_demo=cycle.is_demo)
        db.session.add(assessment)
    assessment.strengths = strengths.strip()
    assessment.improvements = improvements.strip()
    assessment.updated_by_id = getattr(user, "id", None)
    db.session.flush()
    record_event("changed", "self_assessment", assessment.id, f"cycle {cycle.id}", user=user)
    db.session.commit()
    return assessment


def actions_for(cycle: Cycle) -> list[Action]:
    return list(
        db.session.scalars(
            select(Action)
            .where(Action.cycle_id == cycle.id)
            .order_by(Action.area, Action.due_on.is_(None), Action.due_on, Action.id)
        )
    )


def overdue_actions(cycle: Cycle, today: date | None = None) -> list[Action]:
    """Open actions past their due date (``Action.is_overdue_on``)."""
    today = today or date.today()
    return [a for a in actions_for(cycle) if a.is_overdue_on(today)]


def get_action(cycle: Cycle, action_id: int) -> Action | None:
    return db.session.scalar(
        select(Action).where(Action.id == action_id, Action.cycle_id == cycle.id)
    )


def add_action(
    cycle: Cycle, area: str, action: str, owner: str, due_on: date | None, status: str, user
) -> Action:
    row = Action(
        cycle_id=cycle.id,
        area=area,
        action=action.strip(),
        owner=owner.strip(),
        due_on=due_on,
        status=status,
        is_demo=cycle.is_demo,
    )
    db.session.add(row)
    db.session.flush()
    record_event("created", "plan_action", row.id, f"cycle {cycle.id}", user=user)
    db.session.commit()
    return row


def update_action(
    row: Action, area: str, action: str, owner: str, due_on: date | None, status: str, user
) -> Action:
    row.area = area
    row.action = action.strip()
    row.owner = owner.strip()
    row.due_on = due_on
    row.status = status
    record_event("changed", "plan_action", row.id, f"status {status}", user=user)
    db.session.commit()
    return row


def carry_open_actions(cycle: Cycle, user=None) -> list[Action]:
    """Copy the previous cycle's open actions into ``cycle`` (once each); return the copies."""
    before = previous_cycle(cycle)
    if before is None:
        return []
    carried = set(
        db.session.scalars(
            select(Action.carried_from_action_id).where(
                Action.cycle_id == cycle.id, Action.carried_from_action_id.is_not(None)
            )
        )
    )
    copies = []
    for old in db.session.scalars(
        select(Action)
        .where(Action.cycle_id == before.id, Action.status.in_(OPEN_STATUSES))
        .order_by(Action.id)
    ):
        if old.id in carried:
            continue
        copy = Action(
            cycle_id=cycle.id,
            area=old.area,
            action=old.action,
            owner=old.owner,
            due_on=old.due_on,
            status=old.status,
            carried_from_cycle_id=before.id,
            carried_from_action_id=old.id,
            is_demo=old.is_demo,
        )
        db.session.add(copy)
        copies.append(copy)
    if copies:
        db.session.flush()
        record_event(
            "carried",
            "plan_action",
            None,
            f"{len(copies)} open actions from cycle {before.id} to cycle {cycle.id}",
            user=user,
        )
        db.session.commit()
    return copies
