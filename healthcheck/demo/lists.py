"""Demo organisation lists: the teams and job roles of the survey's "About you", kept by the
administrator (Administration, Teams and job roles), under the instrument's own codes."""

from sqlalchemy import select

from surveys import load_bundled

from ..models import OrgListEntry
from ..organisation import instrument_options


def seed(session, rng) -> list[str]:
    instrument = load_bundled("appendix5", 1)
    lines = []
    for kind, noun in (("team", "teams and services"), ("role", "job roles")):
        if session.scalar(select(OrgListEntry.id).where(OrgListEntry.kind == kind)) is None:
            for position, (code, label) in enumerate(instrument_options(kind, instrument), 1):
                session.add(
                    OrgListEntry(kind=kind, code=code, label=label, position=position, is_demo=True)
                )
        n = len(session.scalars(select(OrgListEntry).where(OrgListEntry.kind == kind)).all())
        lines.append(f"Demo list: {n} {noun}")
    session.commit()
    return lines
