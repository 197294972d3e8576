"""A cycle's instrument and survey window are worked out in one place (CycleRules), for the
Cycle model and for the survey pages' cached copy of it alike."""

from datetime import date

from healthcheck.models import Cycle
from healthcheck.survey.public_cycles import CycleInfo
from surveys import load_bundled


def _pair(**fields):
    values = dict(
        opens_on=date(2027, 1, 10),
        closes_on=date(2027, 3, 10),
        instrument_id="appendix5",
        instrument_version=1,
        status="open",
        is_demo=False,
    )
    values.update(fields)
    info = CycleInfo(1, "hc-2027", "Health Check 2027", access_mode="link", **values)
    return Cycle(slug="hc-2027", name="Health Check 2027", **values), info


def test_the_cycle_and_its_cached_copy_load_the_same_instrument_version():
    cycle, info = _pair()
    assert cycle.instrument is info.instrument is load_bundled("appendix5", 1)


def test_the_cycle_and_its_cached_copy_agree_on_when_answers_are_taken():
    for fields in ({}, {"status": "closed"}, {"is_demo": True}, {"status": "draft"}):
        cycle, info = _pair(**fields)
        for day in (date(2027, 1, 9), date(2027, 2, 1), date(2027, 3, 11)):
            assert cycle.accepts_responses(day) == info.accepts_responses(day)
    cycle, info = _pair()
    assert info.accepts_responses(date(2027, 2, 1)) and not info.accepts_responses(date(2027, 4, 1))
    demo, demo_info = _pair(is_demo=True)
    assert demo_info.accepts_responses(date(2027, 6, 1))
