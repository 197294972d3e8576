"""Demo survey responses: last year's closed cycle (about 350) and this year's open one (90 so far).

Synthetic and labelled as demo. The answers are drawn so that the dashboard has a story to
tell: workload is the weakest area (red), workflow and tools are amber, the workplace and
supervision and practice are green; the hospital discharge team finds workload hardest, mental
health has the weakest tools; last year was a little worse on workload and tools, so the year on
year change is visible. Free text is written the way social care staff write it, from varied
templates, with some "Nothing" and "N/A" answers and a few planted fake personal details
(a 07700 900 phone number, a case number, "my manager Sarah") to show redaction. Two teams are
smaller than the minimum group size, to show suppression.
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

from sqlalchemy import func, insert, select

from ..models import Answer, Cycle, Response
from .cycles import DEMO_WEEKS_IN, demo_cycle_specs
from .data import load

INSTRUMENT = ("appendix5", 1)

# Responses per cycle: last year's whole survey, this year's first two weeks.
SIZES = {"demo-last-year": 352, "demo-this-year": 90}

# Team sizes as shares; safeguarding and "other" are fixed small counts (suppression demo).
TEAM_SHARES = {
    "locality_north": 0.24,
    "locality_south": 0.22,
    "hospital_discharge": 0.16,
    "learning_disabilities": 0.11,
    "mental_health": 0.11,
    "reablement_ot": 0.13,
}
SMALL_TEAMS = {"safeguarding": 4, "other": 3}
TEAM_NOT_STATED = 0.02

# Job role mix by team (shares), so OTs sit in reablement and AMHPs in mental health.
ROLE_MIX = {
    "default": {
        "social_worker": 0.40,
        "community_case_worker": 0.17,
        "social_care_professional": 0.18,
        "senior_practitioner_amhp": 0.07,
        "occupational_therapist": 0.06,
        "manager": 0.08,
        "other": 0.02,
        "prefer_not_to_say": 0.02,
    },
    "reablement_ot": {
        "occupational_therapist": 0.42,
        "ot_assistant": 0.33,
        "social_care_professional": 0.12,
        "manager": 0.08,
        "prefer_not_to_say": 0.05,
    },
    "mental_health": {
        "social_worker": 0.42,
        "senior_practitioner_amhp": 0.30,
        "social_care_professional": 0.12,
        "manager": 0.10,
        "prefer_not_to_say": 0.06,
    },
}
SERVICE_SHARES = {
    "years_0_2": 0.21,
    "years_2_5": 0.25,
    "years_5_10": 0.22,
    "years_10_20": 0.19,
    "years_20_plus": 0.10,
    "prefer_not_to_say": 0.03,
}

# Mean position (0 = least, 1 = most favourable) of answers in each area.
AREA_MEAN = {"workload": 0.46, "workflow": 0.6, "tools": 0.63, "workplace": 0.8, "delivery": 0.8}
# Last year's shift per area: a visible improvement this year on workload and tools.
LAST_YEAR_SHIFT = {"workload": -0.07, "workflow": -0.03, "tools": -0.09, "workplace": -0.02}
TEAM_SHIFT = {
    "hospital_discharge": {"workload": -0.13, "workflow": -0.10, "workplace": -0.05},
    "locality_north": {"workload": -0.05},
    "locality_south": {"workload": 0.03, "workplace": 0.03},
    "mental_health": {"tools": -0.09, "workload": -0.03},
    "reablement_ot": {"tools": 0.05, "workflow": 0.06},
    "learning_disabilities": {"workplace": 0.06, "workflow": 0.03},
}
# Item shifts within an area (last year's IT was worse still: the new laptops came since).
ITEM_SHIFT = {
    "Q1": 0.02,
    "Q7.it": -0.14,
    "Q7.translators": -0.04,
    "Q7.research": -0.06,
    "Q7.office": -0.12,
    "Q7.transport": 0.06,
    "Q7.commissioned_services": -0.10,
    "Q7.management_advice": 0.12,
    "Q7.legal_advisors": -0.02,
    "Q9": 0.10,
    "Q10": 0.02,
    "Q14.work": 0.0,
    "Q14.development": -0.08,
    "Q14.you": -0.02,
    "Q16": 0.06,
    "Q17": 0.04,
    "Q20": -0.05,
    "Q21": -0.12,
    "Q22": -0.15,
}
LAST_YEAR_ITEM_SHIFT = {"Q7.it": -0.12, "Q7.office": -0.04}
NOT_USED = {
    "Q7.translators": 0.28,
    "Q7.legal_advisors": 0.30,
    "Q7.research": 0.12,
    "Q7.transport": 0.22,
    "Q7.commissioned_services": 0.14,
}
ANSWER_RATE = 0.93

# --- free text -------------------------------------------------------------------------------

# The free text itself is data: healthcheck/demo/data/survey_text.yaml (its lists' order matters).
_TEXT = load("survey_text.yaml")
SYSTEMS = _TEXT["systems"]
WAITS = _TEXT["waits"]
CASELOADS = _TEXT["caseloads"]
SUPPORT = _TEXT["support"]
PEOPLE_WHO = _TEXT["people_who"]
NOTHING = _TEXT["nothing"]
POSITIVE = _TEXT["answers"]  # per answer column; "<column>:neg" for a poor experience
EXTRA = _TEXT["extra"]  # a second sentence, per area, for longer and more varied answers
PLANTED = [(p["column"], p["text"]) for p in _TEXT["planted"]]  # fake details: show redaction

TEXT_RATE = {
    "Q1.comment": 0.22,
    "Q2": 0.55,
    "Q3.comment": 0.35,
    "Q4": 0.5,
    "Q5": 0.45,
    "Q6": 0.5,
    "Q7.comment": 0.3,
    "Q8": 0.4,
    "Q9.comment": 0.15,
    "Q10.comment": 0.12,
    "Q11": 0.5,
    "Q12": 0.5,
    "Q13": 0.5,
    "Q14.comment": 0.12,
    "Q15": 0.4,
    "Q19": 0.35,
    "Q20.comment": 0.03,
    "Q21.comment": 0.03,
    "Q22.comment": 0.03,
}
# Questions whose answers lean negative when the respondent's area experience is poor.
NEGATIVE_POOL = {"Q1.comment": "Q1.comment:neg", "Q2": "Q2:neg"}
TEXT_AREA = {
    "Q1.comment": "workload",
    "Q2": "workload",
    "Q4": "workload",
    "Q5": "workflow",
    "Q6": "workflow",
    "Q7.comment": "tools",
    "Q8": "tools",
    "Q9.comment": "tools",
    "Q10.comment": "tools",
    "Q11": "workplace",
    "Q12": "workplace",
    "Q13": "workplace",
    "Q14.comment": "workplace",
    "Q15": "workplace",
    "Q19": "delivery",
    "Q20.comment": "delivery",
    "Q21.comment": "delivery",
    "Q22.comment": "delivery",
}


def _fill(rng, template: str) -> str:
    return (
        template.replace("{system}", rng.choice(SYSTEMS))
        .replace("{wait}", rng.choice(WAITS))
        .replace("{caseload}", rng.choice(CASELOADS))
        .replace("{support}", rng.choice(SUPPORT))
    )


def _text_answer(rng, column: str, mood: float) -> str:
    """A free-text answer: "Nothing" sometimes, else one or two sentences, mood-led."""
    if column == "Q3.comment":
        return rng.choice(PEOPLE_WHO)
    if rng.random() < 0.08:
        return rng.choice(NOTHING)
    pool = POSITIVE[column]
    negative = NEGATIVE_POOL.get(column)
    if negative and rng.random() > mood:
        pool = POSITIVE[negative]
    first = _fill(rng, rng.choice(pool))
    extra_pool = EXTRA.get(TEXT_AREA.get(column, ""), [])
    if extra_pool and rng.random() < 0.35:
        second = _fill(rng, rng.choice(extra_pool))
        if second != first:
            first = f"{first} {second}"
    if rng.random() < 0.06:
        first = first.lower().rstrip(".")
    return first


# --- closed answers --------------------------------------------------------------------------


def _weighted(rng, shares: dict[str, float]) -> str:
    codes = list(shares)
    return rng.choices(codes, weights=[shares[c] for c in codes])[0]


def _allocate(rng, n: int) -> list[str]:
    """Team for each respondent: small teams fixed, the rest by share, then shuffled."""
    teams: list[str] = []
    for team, count in SMALL_TEAMS.items():
        teams += [team] * count
    not_stated = max(1, round(n * TEAM_NOT_STATED))
    teams += [""] * not_stated
    rest = n - len(teams)
    total = sum(TEAM_SHARES.values())
    counts = {t: int(rest * s / total) for t, s in TEAM_SHARES.items()}
    for team in list(TEAM_SHARES)[: rest - sum(counts.values())]:
        counts[team] += 1
    for team, count in counts.items():
        teams += [team] * count
    rng.shuffle(teams)
    return teams


def _position(rng, mean: float, sd: float = 0.22) -> float:
    return min(1.0, max(0.0, rng.gauss(mean, sd)))


def _option(codes: list[str], position: float) -> str:
    """The option at ``position`` (0 least, 1 most favourable): the mean score is about
    position x 100, as the scoring maps options evenly from 0 to 100."""
    return codes[round(position * (len(codes) - 1))]


def _item(key: str, mood: float, role: str, team: str, last_year: bool) -> float:
    """Where a respondent in this mood about the area sits on one answer (0 least, 1 most
    favourable): the answer's own shift, last year's, and the roles and teams that differ."""
    item = mood + ITEM_SHIFT.get(key, 0.0)
    if last_year:
        item += LAST_YEAR_ITEM_SHIFT.get(key, 0.0)
    if key == "Q21" and role in ("occupational_therapist", "ot_assistant"):
        item += 0.25
    if key == "Q22" and team == "mental_health":
        item += 0.2
    return item


# One closed or scale answer, by how the answer is read (surveys/question_types.py, the
# ``answer`` of each type: a grid's rows are single choices); None leaves it blank.


def _single(rng, answer, item: float) -> str | None:
    question = answer.question
    if not question.scored:  # Q3: yes or no
        if rng.random() < ANSWER_RATE:
            return "yes" if rng.random() < 0.86 else "no"
        return None
    if rng.random() > ANSWER_RATE:
        return None
    if answer.row is not None and rng.random() < NOT_USED.get(answer.key, 0.0):
        return "not_used"  # a grid row: a resource not everyone uses
    return _option([o.code for o in question.scored_options], _position(rng, item))


def _scale(rng, answer, item: float) -> str | None:
    question = answer.question
    if rng.random() >= ANSWER_RATE:
        return None
    span = question.max - question.min
    return str(question.min + round(_position(rng, item, 0.17) * span))


def _multiple(rng, answer, item: float) -> str | None:
    """Q18: one to three of the options, or now and then the exclusive one ("no changes")."""
    options = answer.question.options
    if rng.random() >= 0.85:
        return None
    if rng.random() < 0.08:
        return next(o.code for o in options if o.exclusive)
    choices = [o.code for o in options if not o.exclusive]
    picked = rng.sample(choices, rng.choice((1, 1, 2, 2, 3)))
    return "|".join(c for c in choices if c in picked)


DRAW = {"single": _single, "scale": _scale, "multiple": _multiple}


def _respondent(rng, instrument, team: str, last_year: bool) -> dict[str, str]:
    answers: dict[str, str] = {}
    role_mix = ROLE_MIX.get(team, ROLE_MIX["default"])
    if rng.random() < 0.97:
        answers["about_role"] = _weighted(rng, role_mix)
    if team:
        answers["about_team"] = team
    elif rng.random() < 0.5:
        answers["about_team"] = "prefer_not_to_say"
    if rng.random() < 0.96:
        answers["about_service"] = _weighted(rng, SERVICE_SHARES)
    role = answers.get("about_role", "")
    general = rng.gauss(0, 0.07)  # some people are more positive about everything
    moods = {}
    for area, mean in AREA_MEAN.items():
        shift = TEAM_SHIFT.get(team, {}).get(area, 0.0)
        if last_year:
            shift += LAST_YEAR_SHIFT.get(area, 0.0)
        moods[area] = min(0.95, max(0.05, mean + shift + general + rng.gauss(0, 0.06)))

    for question in instrument.questions:
        if question.area is None:
            continue
        mood = moods[question.area]
        for answer in question.answers():
            if answer.kind in DRAW:  # a closed or scale answer, one a row for a grid
                item = _item(answer.key, mood, role, team, last_year)
                value = DRAW[answer.kind](rng, answer, item)
                if value is not None:
                    answers[answer.key] = value
        # Free text once the closed answers are drawn: a text question's answer, and a comment
        # box beside an answered question. Q7's box is offered whatever its rows say; Q14's, a
        # grid too, never is (its answers are keyed by row), as the golden demo was made.
        for answer in question.answers():
            column = answer.key
            if answer.kind != "text" or (
                answer.is_comment and question.id not in answers and question.id != "Q7"
            ):
                continue
            if column in POSITIVE or column == "Q3.comment":
                if column == "Q3.comment" and answers.get("Q3") != "yes":
                    continue
                if rng.random() < TEXT_RATE.get(column, 0.0):
                    answers[column] = _text_answer(rng, column, mood)
    # As the survey asks them: no Q20 or Q22 from an OT, no Q21 from a social worker. Drawn
    # first and dropped here, so every other answer is the same as before roles were added.
    known_role = instrument.role_of(answers)
    for question in instrument.questions:
        if not question.applies_to(known_role):
            for key in question.answer_keys():
                answers.pop(key, None)
    return answers


def _dates(rng, opens: date, last_day: date, n: int) -> list[date]:
    """Submission dates: a launch spike, reminder bumps, mostly weekdays."""
    days = [opens + timedelta(days=i) for i in range((last_day - opens).days + 1)]
    weights = []
    for i, day in enumerate(days):
        weight = 1.0 + 4.0 * (0.75**i)  # launch
        for reminder in (14, 35, 63):
            if 0 <= i - reminder <= 3:
                weight += 2.0 * (0.6 ** (i - reminder))
        if day.weekday() >= 5:
            weight *= 0.12
        weights.append(weight)
    return sorted(rng.choices(days, weights=weights, k=n))


def _make_rows(rng, instrument, slug: str, n: int, opens: date, last_day: date):
    last_year = slug == "demo-last-year"
    teams = _allocate(rng, n)
    answers_by_respondent = [_respondent(rng, instrument, team, last_year) for team in teams]
    planted = PLANTED if last_year else PLANTED[:3]
    picks = rng.sample(range(n), len(planted))
    for index, (column, text) in zip(picks, planted):
        answers_by_respondent[index][column] = _fill(rng, text)
    dates = _dates(rng, opens, last_day, n)
    rng.shuffle(dates)
    responses, answers = [], []
    for i, (respondent, day) in enumerate(zip(answers_by_respondent, dates)):
        response_id = f"{rng.getrandbits(128):032x}"
        key = hashlib.sha256(f"demo:{slug}:{i}".encode()).hexdigest()
        responses.append(
            {
                "id": response_id,
                "instrument_id": INSTRUMENT[0],
                "instrument_version": INSTRUMENT[1],
                "submitted_on": day,
                "submission_key": key,
            }
        )
        for column, value in respondent.items():
            answers.append({"response_id": response_id, "key": column, "value": value})
    return responses, answers


def seed(session, rng) -> list[str]:
    from surveys import load_bundled

    instrument = load_bundled(*INSTRUMENT)
    lines = []
    today = date.today()
    for spec in demo_cycle_specs(today):
        slug = spec["slug"]
        cycle = session.scalar(select(Cycle).where(Cycle.slug == slug))
        if cycle is None or slug not in SIZES:
            continue
        existing = session.scalar(
            select(func.count()).select_from(Response).where(Response.cycle_id == cycle.id)
        )
        if existing:
            lines.append(f"Demo responses: {existing} in {cycle.name} (already there)")
            continue
        last_day = min(cycle.closes_on, today)
        if cycle.status == "open":  # this year's: its first two weeks so far
            last_day = min(last_day, cycle.opens_on + timedelta(weeks=DEMO_WEEKS_IN) - timedelta(1))
        responses, answers = _make_rows(
            rng, instrument, slug, SIZES[slug], cycle.opens_on, last_day
        )
        for row in responses:
            row["cycle_id"] = cycle.id
        session.execute(insert(Response), responses)
        session.execute(insert(Answer), answers)
        session.commit()
        lines.append(f"Demo responses: {len(responses)} added to {cycle.name}")
    return lines
