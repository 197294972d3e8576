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

SYSTEMS = ["the case management system", "Mosaic", "the recording system", "the portal"]
WAITS = ["two weeks", "three weeks", "a month", "six weeks", "over a month"]
CASELOADS = ["28", "30", "32", "over 30", "35"]
SUPPORT = [
    "my team manager",
    "the senior practitioner",
    "colleagues in the team",
    "the duty senior",
    "my practice supervisor",
    "peers in the team",
]
PEOPLE_WHO = [
    "Team manager and senior practitioner.",
    "Colleagues in my team, mostly the more experienced social workers.",
    "The duty senior when my manager is not available.",
    "Other OTs in the reablement service.",
    "Peers, and the advanced practitioner for complex cases.",
    "My supervisor and the business support team.",
    "The AMHP lead and other AMHPs on the rota.",
    "Legal services when there are capacity or deprivation of liberty questions.",
    "Whoever is in the office that day.",
    "My manager, although they are stretched too.",
]

NOTHING = ["Nothing", "N/A", "No", "Nothing to add", "n/a", "None", "No comment", "Not really"]

POSITIVE = {
    "Q1.comment": [
        "Allocation is discussed openly in the team meeting and people can say if they are full.",
        "My manager looks at complexity as well as numbers when allocating, which feels fair.",
        "Work is allocated fairly, and if I raise that I am at capacity it is listened to.",
        "The allocation meeting is transparent and we can see everyone's caseload.",
    ],
    "Q1.comment:neg": [
        "Some people get the complex cases every time because they are seen as able to cope.",
        "Allocation goes by numbers only and does not account for how complex cases are.",
        "Cases are allocated when people are already on {caseload} cases, it is not fair.",
        "New starters are protected, which is right, but it means the rest of us take more.",
        "Cases get allocated by email while I am on leave and I come back to a full list.",
        "Allocation depends on who shouts loudest.",
    ],
    "Q2": [
        "I keep a weekly list and prioritise by risk, {support} helps when it gets too much.",
        "I block out recording time in my diary, otherwise the visits take over.",
        "I track what is due in a spreadsheet beside {system}, {support} reviews it with me.",
        "Regular caseload reviews in supervision help me decide what can wait.",
        "I rely on {support} and business support to keep on top of the admin.",
    ],
    "Q2:neg": [
        "Honestly I manage by working late most evenings to catch up on recording.",
        "My caseload is {caseload} and I am firefighting, nobody really helps with it.",
        "Duty weeks mean my own cases get left and then everything is urgent at once.",
        "I prioritise safeguarding and the rest waits, reviews are months overdue.",
        "It is hard to manage when the waiting list is {wait} and families keep chasing.",
        "Managing the demands means taking work home, which is not sustainable.",
    ],
    "Q4": [
        "A weighting tool for complexity so allocation is not just about numbers.",
        "Protected time for recording, one afternoon a week without visits.",
        "Fewer duty days for people carrying a full caseload.",
        "Look at case closures as well as allocations, we hold cases longer than needed.",
        "Involve the senior practitioners in allocation decisions.",
        "More business support so social workers are not doing admin.",
        "A cap on caseloads, with agency cover when we go over it.",
        "Recruit to the vacant posts rather than sharing their cases out.",
        "Clearer criteria for what comes to us and what should go to the voluntary sector.",
    ],
    "Q5": [
        "Good communication with the family from the start and a clear plan everyone agreed.",
        "When the provider was identified quickly and the funding panel met on time.",
        "Joint working with health colleagues, especially the district nurses.",
        "The reablement team picking up straight away so the person could go home.",
        "Having time to build a relationship with the person and understand what they wanted.",
        "A good handover from the hospital team with the information we needed.",
        "Legal advice was available quickly when there was a capacity question.",
    ],
    "Q6": [
        "Waiting for a care provider, sometimes for {wait}, while the person stays in hospital.",
        "Hospital discharge pressure means assessments are rushed and then break down.",
        "Cases passed between teams with no handover and nobody owning them.",
        "Funding panel delays and then being asked for more information.",
        "Waiting {wait} for a translator to be booked.",
        "When {system} was down and we could not see the history.",
        "Legal advice took weeks and the case drifted while we waited.",
        "Not enough OT capacity so equipment and adaptations were delayed.",
        "Poor information from the referrer, so the first visit was spent finding out basics.",
        "Families not being kept informed, which led to complaints.",
    ],
    "Q7.comment": [
        "The new laptops are a big improvement, but the VPN drops out in the afternoon.",
        "{system} is slow and crashes, I lose recording and have to type it again.",
        "Hot desking means I spend the first half hour looking for a desk near my team.",
        "Booking a translator takes too long and telephone interpreting is unreliable.",
        "Legal advice is good once you get it, but the wait is long.",
        "Pool cars are hard to book, I use my own car most days.",
        "Management advice is always available, my manager's door is open.",
        "There is nowhere private to make difficult phone calls in the office.",
        "Mobile phones are old and the battery does not last a day of visits.",
        "Research in Practice is useful but I never have time to read it.",
    ],
    "Q8": [
        "Teams calls save travelling to meetings, that has been a real gain.",
        "The laptops mean I can record in the car between visits.",
        "{system} holds everything in one place, when it works it is good.",
        "Could {system} have templates that do not make us enter the same thing three times?",
        "More desks for the number of staff in the office on team days.",
        "Training on {system} for new starters, we learn it from each other.",
        "Speech to text for recording would save hours every week.",
        "Faster laptops, they take ten minutes to start up in the morning.",
        "A translator booking system that actually confirms the booking.",
    ],
    "Q9.comment": [
        "I would like more training on the Mental Capacity Act and best interests decisions.",
        "Gaps in understanding the new legislation, a refresher would help.",
        "I feel confident in my practice but need training on the Court of Protection.",
        "Finding information about community resources is difficult, it is not in one place.",
        "I have the skills but the information on {system} is often out of date.",
    ],
    "Q10.comment": [
        "Not always, a lot of my time is spent on admin rather than social work.",
        "Yes, especially on complex cases where I can use my experience.",
        "Time pressure means I cannot always practise the way I was trained to.",
        "Being on duty so often means I do not get to use my specialist skills.",
        "Yes, my manager gives me room to use my judgement.",
    ],
    "Q11": [
        "A supportive team and a manager who listens.",
        "Peer support, being able to talk a case through with colleagues.",
        "Good supervision and time to reflect on cases.",
        "Working closely with health partners and the voluntary sector.",
        "Having manageable caseloads, when that happens.",
        "Knowing the people I work with and building trust with families.",
        "Access to training and the chance to specialise.",
        "Clear processes and knowing who to go to for advice.",
    ],
    "Q12": [
        "The team, we look out for each other and have a laugh.",
        "Flexible working and being able to work from home after difficult visits.",
        "Reflective sessions with the PSW, they made a difference.",
        "A manager who notices when you are struggling.",
        "Debriefs after difficult cases, which do not always happen.",
        "Being able to take a proper lunch break, which is rare.",
        "The wellbeing sessions, though it is hard to find time to attend.",
        "Knowing that the organisation values us, which does not always come across.",
        "Peer support groups for AMHPs after difficult assessments.",
    ],
    "Q13": [
        "Supervision is regular, monthly, and my manager protects the time.",
        "Supervision is reflective and I come away with a plan.",
        "My supervision is mostly case management, there is little time for reflection.",
        "Supervision gets cancelled when the team is busy, I had none for {wait}.",
        "Good supervision, my manager Sarah makes time even when she is busy.",
        "Group supervision has been helpful for learning from each other.",
        "It is a tick box exercise, we go through the cases and that is it.",
        "I feel supported, my supervisor knows my cases and my development goals.",
    ],
    "Q14.comment": [
        "Supervision helps me think through risk and feel less alone with decisions.",
        "It makes a difference to my work but there is no time for my development.",
        "Supervision has helped me prepare for my senior practitioner application.",
        "It depends on the week, sometimes it is very helpful and sometimes rushed.",
    ],
    "Q15": [
        "Separate case supervision from reflective supervision.",
        "Do not cancel supervision when the team is busy, that is when we need it most.",
        "More group and peer supervision.",
        "Supervision training for new managers.",
        "Keep supervision records on {system} so we can look back at them.",
        "Include wellbeing as a standing item, not just cases.",
        "Access to clinical supervision for AMHPs.",
    ],
    "Q19": [
        "Complaints are discussed in team meetings and we look at what we could do differently.",
        "Compliments are shared by the manager, which is nice to hear.",
        "I do not usually hear about complaints unless they are about me.",
        "The learning from complaints bulletin is useful.",
        "We reflect on complaints in supervision.",
        "There is no feedback loop, learning from complaints does not reach the front line.",
    ],
    "Q20.comment": [
        "I have heard of them but not read them.",
        "The PSW went through them at the practice forum.",
    ],
    "Q21.comment": [
        "Not applicable to my role, I am a social worker.",
        "Yes, we discuss them in OT supervision.",
    ],
    "Q22.comment": [
        "I have not seen this resource.",
        "Discussed at the AMHP forum.",
    ],
}

# Extra sentences that can be joined to a first one, for longer, more varied answers.
EXTRA = {
    "workload": [
        "Caseloads are too high for the complexity of the work.",
        "The duty rota takes two days a week out of my caseload work.",
        "We have had vacancies for months and the work is shared around.",
        "The AMHP rota on top of a full caseload is too much.",
        "Hospital discharge pressure means everything is urgent.",
        "Agency staff leave and their cases come back to us.",
        "Waiting lists are growing, some people wait {wait} for an assessment.",
    ],
    "workflow": [
        "Handovers between hospital and community teams need to be better.",
        "The brokerage team are overwhelmed, so packages take {wait}.",
        "Panel paperwork takes as long as the assessment.",
        "Good relationships with district nurses make a big difference.",
    ],
    "tools": [
        "{system} is slow, especially in the afternoons.",
        "Hot desking does not work for a team that needs to talk cases through.",
        "Laptops are better than last year.",
        "Translators are hard to book at short notice.",
        "Legal advice is slow unless it is urgent.",
        "We need private rooms for confidential calls.",
    ],
    "workplace": [
        "Peer support in the team is the best thing about working here.",
        "The PSW is visible and approachable, the practice forums are good.",
        "I rarely see the PSW and I am not sure what the role does.",
        "There are few opportunities for career progression without going into management.",
        "The training offer is good, but backfill is not, so it is hard to attend.",
        "Senior managers do not see the pressure on the front line.",
        "I feel valued by my team, less so by the wider organisation.",
        "Progression to senior practitioner has no clear pathway.",
    ],
    "delivery": [
        "We try to learn from complaints but there is little time.",
        "The PSW newsletter is useful for keeping up with practice.",
        "Reflective practice sessions would help with this.",
    ],
}

PLANTED = [
    ("Q6", "On case 123456 the provider pulled out twice and nobody told the family."),
    ("Q13", "My manager Sarah is great but supervision keeps being moved."),
    ("Q2", "I manage with help from Mrs Patel in business support, call me on 07700 900123."),
    ("Q7.comment", "IT helpdesk ticket took three weeks, email me at jo.bloggs@example.org."),
    ("Q15", "I spoke to John Smith about supervision but nothing changed."),
    ("Q6", "Record number 7654321 sat unallocated for {wait}."),
]

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
        if question.type == "single" and question.scored:
            if rng.random() > ANSWER_RATE:
                continue
            item = mood + ITEM_SHIFT.get(question.id, 0.0)
            if question.id == "Q21" and role in ("occupational_therapist", "ot_assistant"):
                item += 0.25
            if question.id == "Q22" and team == "mental_health":
                item += 0.2
            codes = [o.code for o in question.scored_options]
            answers[question.id] = _option(codes, _position(rng, item))
        elif question.type == "single":  # Q3
            if rng.random() < ANSWER_RATE:
                answers[question.id] = "yes" if rng.random() < 0.86 else "no"
        elif question.type == "grid":
            codes = [o.code for o in question.scored_options]
            for row in question.rows:
                key = f"{question.id}.{row.code}"
                if rng.random() > ANSWER_RATE:
                    continue
                if rng.random() < NOT_USED.get(key, 0.0):
                    answers[key] = "not_used"
                    continue
                item = mood + ITEM_SHIFT.get(key, 0.0)
                if last_year:
                    item += LAST_YEAR_ITEM_SHIFT.get(key, 0.0)
                answers[key] = _option(codes, _position(rng, item))
        elif question.type == "scale":
            if rng.random() < ANSWER_RATE:
                item = mood + ITEM_SHIFT.get(question.id, 0.0)
                span = question.max - question.min
                value = question.min + round(_position(rng, item, 0.17) * span)
                answers[question.id] = str(value)
        elif question.type == "multiple":  # Q18
            if rng.random() < 0.85:
                if rng.random() < 0.08:
                    answers[question.id] = "no_changes"
                else:
                    choices = [o.code for o in question.options if not o.exclusive]
                    picked = rng.sample(choices, rng.choice((1, 1, 2, 2, 3)))
                    answers[question.id] = "|".join(c for c in choices if c in picked)
        columns = []
        if question.type == "text":
            columns.append(question.id)
        if question.comment is not None and (question.id in answers or question.id == "Q7"):
            columns.append(f"{question.id}.comment")
        for column in columns:
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
