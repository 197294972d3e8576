"""A response rate is never over 100%, and a rate that is not given says why: a group with
more responses than its headcount ("check the headcount", left out of the total rate), a group
with no headcount ("No headcount"), or a small group (withheld, analysis.suppression: unchanged).
Review 2, finding 6."""

import re

from healthcheck.extensions import db
from healthcheck.models import CycleTeamHeadcount
from healthcheck.results import response_rate

from .support import add_many, make_cycle

OVER = "More responses than the headcount: check the headcount"


def _rate_cells(page: str, marker: str = "") -> list[str]:
    """The last column of each body row of the first table after ``marker``."""
    table = page[page.index(marker) :] if marker else page
    table = table[: table.index("</table>")]
    rows = re.findall(r'<tr class="govuk-table__row"><th scope="row".*?</tr>', table, re.S)
    return [re.sub(r"<[^>]+>", "", re.findall(r"<td.*?</td>", r, re.S)[-1]).strip() for r in rows]


def test_a_role_with_more_responses_than_staff_gets_a_warning_not_a_rate(app, psw_client):
    cycle = make_cycle(headcount={"social_worker": 40, "manager": 10, "occupational_therapist": 12})
    add_many(cycle, 20, {"about_role": "social_worker"})
    add_many(cycle, 15, {"about_role": "manager"})  # 15 of 10: the headcount is wrong
    add_many(cycle, 6, {"about_role": "occupational_therapist"})
    add_many(cycle, 7, {"about_role": "other"})  # no headcount for "Other"
    add_many(cycle, 8, {})  # role not stated

    rate = response_rate(cycle)

    roles = {r["code"]: r for r in rate["roles"]}
    assert roles["manager"]["rate_pct"] is None
    assert roles["manager"]["rate_status"] == "over_headcount"
    assert roles["manager"]["responses"] == 15  # a group of 15 is shown as before
    assert roles["social_worker"]["rate_pct"] == 50.0
    for code in ("other", "not_stated"):
        assert roles[code]["rate_status"] == "no_headcount" and not roles[code]["suppressed"]
    # The managers and "Other" (no headcount) are left out of the total rate: (56 - 15 - 7)
    # of (62 - 10), not 56 of 62; "Not stated" is no role and stays in.
    assert rate["rate_pct"] == round(100 * 34 / 52, 1)
    assert rate["rate_headcount"] == 52
    assert len(rate["rate_left_out"]) == 2 and not rate["over_headcount"]

    page = psw_client.get(f"/reports/{cycle.id}/response-rate").get_data(as_text=True)
    cells = _rate_cells(page, "By job role")
    assert OVER in cells
    assert cells.count("No headcount") == 2
    assert "withheld" not in cells
    assert all(float(c) <= 100 for c in cells if re.fullmatch(r"[\d.]+", c))
    assert "150.0" not in page
    assert f"{round(100 * 34 / 52, 1)}% of 52 staff, excluding 1 role" in page
    assert "leaves out" in page
    assert "Rate so far" not in page  # a day cannot leave the managers out


def test_a_team_with_more_responses_than_staff_gets_a_warning_not_a_rate(app, psw_client):
    cycle = make_cycle(headcount={"social_worker": 200})
    cycle.team_headcounts = [
        CycleTeamHeadcount(team="reablement_ot", headcount=40),
        CycleTeamHeadcount(team="locality_north", headcount=60),
    ]
    db.session.commit()
    add_many(cycle, 45, {"about_role": "social_worker", "about_team": "reablement_ot"})
    add_many(cycle, 30, {"about_role": "social_worker", "about_team": "locality_north"})

    teams = {t["code"]: t for t in response_rate(cycle)["teams"]}
    assert teams["reablement_ot"]["rate_pct"] is None
    assert teams["reablement_ot"]["rate_status"] == "over_headcount"
    assert teams["locality_north"]["rate_pct"] == 50.0

    page = psw_client.get(f"/reports/{cycle.id}/response-rate").get_data(as_text=True)
    assert "112.5" not in page
    assert sorted(_rate_cells(page, "data-teams")) == ["50.0", OVER]


def test_more_responses_in_all_than_the_whole_headcount_gives_no_total_rate(app, psw_client):
    cycle = make_cycle(headcount={"social_worker": 10})
    add_many(cycle, 8, {"about_role": "social_worker"})
    add_many(cycle, 20, {})  # role not stated: 28 responses from 10 staff

    rate = response_rate(cycle)

    assert rate["rate_pct"] is None and rate["over_headcount"]
    page = psw_client.get(f"/reports/{cycle.id}/response-rate").get_data(as_text=True)
    assert "280" not in page
    assert "more responses than the headcount, so there is no response rate" in page


def test_a_small_group_stays_withheld_even_with_more_responses_than_staff(app, psw_client):
    """The small-group rule comes first: saying "more responses than the headcount" for a group
    of 4 against a headcount of 3 would tell the reader it has at least 4 responses."""
    cycle = make_cycle(headcount={"social_worker": 40, "manager": 3})
    add_many(cycle, 20, {"about_role": "social_worker"})
    add_many(cycle, 4, {"about_role": "manager"})
    add_many(cycle, 2, {"about_role": "other"})  # small, and no headcount

    rate = response_rate(cycle)

    roles = {r["code"]: r for r in rate["roles"]}
    assert roles["manager"]["suppressed"] and roles["manager"]["responses"] is None
    assert roles["manager"]["rate_status"] == "withheld" and roles["manager"]["rate_pct"] is None
    assert roles["other"]["suppressed"] and roles["other"]["responses"] is None
    assert roles["other"]["rate_status"] == "no_headcount"
    assert rate["rate_left_out"] == []  # nothing about the withheld group leaks into the total
    page = psw_client.get(f"/reports/{cycle.id}/response-rate").get_data(as_text=True)
    assert OVER not in page
    assert ">4<" not in page and ">2<" not in page
