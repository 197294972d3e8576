"""Write tests/data/redaction_corpus.yaml: staff comments with planted personal details.

The corpus was written for Health Check's redaction (not taken from the demo): hand-written
sentence frames of the kind staff write in the survey and facilitators type into notes, filled
from hand-written pools of details of every kind the anonymity rules name (names of many
origins, shortened, lower-case, after titles and roles, relatives and people supported,
ordinary words used as names; emails, UK phone numbers in many formats, NI numbers, NHS numbers
with valid check digits, postcodes of every format, case and record numbers, dates of birth and
street addresses), plus comments that name no one. Many of the names are deliberately *not*
on the shipped name lists, so the corpus measures the rules, not the lists. Deterministic:
``python benchmarks/redaction_corpus.py`` writes the same file every time.
"""

from __future__ import annotations

import random
from pathlib import Path

import yaml

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "redaction_corpus.yaml"

# Names: (text as written, kind). Uncommon surnames and given names of many origins.
NAMES = {
    "full": [
        "Brenda Thistlewood",
        "Gareth Pemberton-Hatch",
        "Ngozi Okonjo",
        "Kwabena Asamoah",
        "Agnieszka Wiśniewska",
        "Tadeusz Grabarczyk",
        "Siobhán Ní Bhriain",
        "Darragh Ó Súilleabháin",
        "Ramesh Subramanian",
        "Harpreet Dhaliwal",
        "Nasrin Chowdhury",
        "Zhang Xiuying",
        "Liang Qiaoling",
        "Nguyen Thi Hoa",
        "Oluwaseun Bankole",
        "Chiamaka Nwachukwu-Eze",
        "Vytautas Jankauskas",
        "Ilona Przybyszewska",
        "Lee-Anne Cartwright",
        "Mairead Flaherty",
        "Dorota Kaczmarczyk",
        "Femi Olawuyi",
        "Bogdan Ciobanu",
        "Aisling Ní Dhomhnaill",
        "Imran Siddiqui",
        "Temitope Adesanya",
        "Yaw Boakye",
        "Wojciech Szczęsny",
        "Kerry-Ann Blackwood",
        "Rohan Venkataraman",
        "Aoife Ní Mhurchú",
        "Ewa Brzęczyszczykiewicz",
        "Shabnam Qureshi",
        "Tendai Mukoko",
        "Jolanta Wróblewska",
        "Mei Ling Tsui",
        "Hamish Drummond-Baird",
    ],
    "first": [
        "Brenda",
        "Siobhan",
        "Chinonso",
        "Przemek",
        "Gurinder",
        "Ngozi",
        "Jadwiga",
        "Olumide",
        "Rukhsana",
        "Caoimhe",
        "Xiaoming",
        "Oksana",
        "Tomasz",
        "Folasade",
        "Deirdre",
        "Parminder",
        "Thandiwe",
        "Wiktoria",
        "Eilidh",
        "Kehinde",
        "Maureen",
        "Bernadette",
        "Delroy",
        "Shanice",
        "Yusuf",
        "Anjali",
        "Łukasz",
        "Mhairi",
        "Rosaleen",
        "Adaeze",
    ],
    "short": ["Shaz", "Daz", "Bev", "Kez", "Gaz", "Mags", "Jules", "Baz", "Tez", "Bex"],
    "surname": [
        "Dawson",
        "Okafor",
        "Hughes",
        "Lowe",
        "Thistlewood",
        "Adebayo",
        "Kowalczyk",
        "Mahmood",
        "Fitzpatrick",
        "Nwosu",
        "Krawczyk",
        "Quigley",
        "Ramsbottom",
        "Achterberg",
        "Ogunleye",
        "Featherstonehaugh",
        "Pilkington",
        "Szewczyk",
        "Murtagh",
        "Chaudhry",
    ],
    "title": ["PC", "Dr", "Cllr", "Mr", "Mrs", "Ms", "Miss", "Nurse", "DC", "Sgt"],
    "lower": [
        "sarah",
        "maureen",
        "shaz",
        "brenda",
        "kasia",
        "priya",
        "siobhan",
        "bev",
        "tunde",
        "gurpreet",
    ],
    "wordname": [
        "Will",
        "Grace",
        "Hope",
        "Joy",
        "Mark",
        "Dawn",
        "Faith",
        "Patience",
        "Blessing",
        "Sunny",
    ],
    "relative": [
        "his wife",
        "her husband",
        "her daughter",
        "his son",
        "their mum",
        "her partner",
        "his brother",
        "the gentleman's niece",
        "her carer",
        "my client's sister",
    ],
}

FRAMES_NAME = [
    "{n} was really unhelpful when I raised my caseload in supervision.",
    "I asked {n} in the OT team for advice and never heard back.",
    "My manager {n} is supportive and always makes time for reflective supervision.",
    "{n} from the CMHT was brilliant with the safeguarding referral.",
    "Thanks to {n} in brokerage the package went live before the weekend.",
    "I spoke to {n} about the waiting list but nothing changed.",
    "Team meetings are dominated by {n} and nobody else gets a word in.",
    "{n} on the duty desk covers for everyone and is worn out.",
    "When {n} left the team we lost a lot of experience with AMHP work.",
    "Supervision with {n} happens every four weeks and is recorded on Mosaic.",
    "The senior practitioner, {n}, reviewed every assessment before sign off.",
    "I raised it with {n} twice and was told to put it in writing.",
    "Our new team manager {n} has made allocation much fairer.",
    "Honestly {n} carries the whole hospital discharge team.",
    "There is a culture where {n} and a few others decide everything.",
]
FRAMES_TITLE = [
    "{t} {s} came to the review and was very helpful.",
    "We waited three weeks for {t} {s} to call back about the referral.",
    "The placement broke down after {t} {s} refused to attend the best interests meeting.",
    "{t} {s} said the Care Act assessment had to be redone.",
]
FRAMES_RELATIVE = [
    "The service user's family were upset, {r} {f} rang the office every day.",
    "I supported a man whose carer, {r} {f}, was exhausted and needed respite.",
    "We held the meeting at home because {r} {f} could not travel.",
    "Mrs {s}'s daughter complained about the delay in the financial assessment.",
]
FRAMES_LOWER = [
    "spoke to {l} about my workload and she said to prioritise the urgent ones",
    "i think {l} should get more credit for keeping the duty rota going",
    "me and {l} covered the whole of the north locality last winter",
]
FRAMES_WORDNAME = [
    "I asked {w} in the OT team and the equipment arrived the next day.",
    "{w} on the duty desk was great when the system went down.",
    "Supervision with {w} is the best part of my month.",
    "We rely on {w} from commissioning for every care home placement.",
]
FRAMES_DETAIL = [
    "You can call me on {d} if you want to discuss this further.",
    "The gentleman at {d} has been waiting six months for a review.",
    "For the record, the case is {d} and it has been reallocated four times.",
    "Please contact {d} about the missing equipment.",
    "His date of birth is {d} and he is still waiting for an assessment.",
    "I have written the details here: {d}.",
    "She moved to {d} but the address on the system was never updated.",
]

PHONES = [
    "07700 900123",
    "07700900456",
    "+44 7700 900789",
    "+447700900321",
    "(0113) 496 0123",
    "0113 496 0456",
    "0161-496-0789",
    "020 7946 0321",
    "+44 (0)20 7946 0654",
    "01632 960 987",
    "0044 1632 960123",
    "07700-900-654",
    "028 9018 0234",
    "0131 496 0345",
    "029 2018 0456",
]
EMAILS = [
    "b.thistlewood@wakefield.gov.uk",
    "ngozi.okonjo@nhs.net",
    "shaz1987@hotmail.co.uk",
    "kwowalczyk@outlook.com",
    "daz.m@gmail.com",
    "SiobhanNiB@yahoo.ie",
    "r_subramanian@council.org.uk",
]
NI_NUMBERS = ["AB 12 34 56 C", "JG103759A", "ZR 98 76 54 D", "ce-12-34-56-b", "NP 49 58 27 A"]
POSTCODES = [
    "EC1A 1BB",
    "EC1A1BB",
    "W1A 0AX",
    "M1 1AE",
    "B33 8TH",
    "CR2 6XH",
    "DN55 1PT",
    "EH1 1YZ",
    "G1 1XQ",
    "KW15 1AB",
    "IV2 3BQ",
    "ZE1 0AA",
    "CF10 3NQ",
    "SA1 1NW",
    "LL57 2DG",
    "BT1 5GS",
    "wf1 2ef",
    "ls6  3hn",
    "AB101XG",
    "PA1 1AB",
    "DD1 4HN",
    "KA7 1RS",
    "HS1 2DB",
]
CASE_NUMBERS = [
    "case no. 4471829",
    "Mosaic ID 1234567",
    "ref LAS-2024-0913",
    "client 88213",
    "CRN 5512093",
    "referral number SU/2023/4412",
    "record #77261",
    "person ID: P-448291",
]
DOBS = [
    "DOB 12/03/1956",
    "date of birth 4.7.48",
    "born on 3rd March 1948",
    "d.o.b: 01/02/1960",
    "born 14 September 1937",
    "born in 1952",
    "DOB: 1951-11-23",
]
ADDRESSES = [
    "12 Acacia Road",
    "14a Mill Lane",
    "Flat 3, 45 High Street",
    "7 Oakfield Close",
    "221 Ravensworth Drive",
    "9 Bryn Teg Terrace",
    "33 Pen-y-Bryn Avenue",
    "2 Glebe Cottages",
    "18 Strathmore Gardens",
    "56 Ballymena Road",
]
CLEAN = [
    "Workload is too high and the caseload weighting tool is never used.",
    "Supervision is regular but it is all case management and no reflection.",
    "The Care Act and section 117 aftercare cases take far longer than we are given credit for.",
    "We need more Best Interests Assessors, the DoLS waiting list keeps growing.",
    "Mosaic is slow and crashes at least once a week, we lose hours of recording.",
    "The Mental Health Act assessments are hard to staff at weekends.",
    "I will be honest, the grace period for completing assessments is far too short.",
    "Hospital discharge pressure means assessments are rushed and people go home too early.",
    "Our team in Wakefield covers a huge rural area and mileage is not paid on time.",
    "Training on the Mental Capacity Act was excellent and very practical.",
    "Agency staff leave quickly and the permanent staff pick up the work.",
    "The AMHP rota is stretched and we need more approved professionals.",
    "Laptops are old and Teams calls drop in the Leeds office.",
    "Translators are hard to book for Polish and Punjabi speaking families.",
    "Occupational therapists wait months for equipment from the store.",
    "Reablement works well when the domiciliary care market has capacity.",
    "Commissioning decisions are made without asking frontline practitioners.",
    "Learning and development opportunities are good but I never have time to attend.",
    "Our Principal Social Worker forum gives us a real voice.",
    "Team meetings on a Monday morning are useful for allocation.",
    "People on Sertraline and Olanzapine need medication reviews that never happen.",
    "The Court of Protection work is rewarding but the paperwork is endless.",
    "Duty is chaotic on Fridays and we never leave on time.",
    "I feel valued by my team and my manager listens.",
    "The hot desking policy means I can never find a desk near my team.",
    "Safeguarding enquiries are prioritised over reviews, so reviews are years overdue.",
    "Carers assessments are often forgotten when the cared for person is in crisis.",
    "The new Liberty Protection Safeguards guidance has created confusion.",
    "We work well with the CMHT and the GP surgeries in our locality.",
    "Career progression to senior practitioner is unclear and depends on who you know.",
    "More support with the Human Rights Act in practice would help.",
    "I will stay in this team because the people are kind and supportive.",
    "Reflective practice groups have stopped since Christmas.",
    "The Learning Disability team shares good practice with the rest of the service.",
    "We were promised a new case management system in April but nothing has happened.",
    "Annual leave is hard to take because nobody covers the caseload.",
    "Students on placement bring energy and new ideas to the team.",
    "It would help if the Quality Assurance Framework audits gave more feedback.",
    "The Transitions team works closely with children's services in Bradford.",
    "Lone working in the evenings does not feel safe.",
    "Our ASYE programme is well organised and the assessors are fair.",
    "Direct payments take months to set up, which frustrates families.",
    "The housing options for people with complex needs in Manchester are very limited.",
    "The Equality Act is mentioned in training but not in how we work.",
    "Supervision will improve if it is protected time in the diary.",
    "Sometimes I feel like the last line of support for people in crisis.",
    "Working from home on Wednesdays helps me catch up on recording.",
    "More interpreters who speak Urdu, Bengali and Tigrinya would make a big difference.",
    "The Shared Lives scheme is a hidden gem in our council.",
    "Continuing Healthcare decisions take too long and families are left paying.",
    "The Mental Health Team and Adult Social Care need a shared recording system.",
    "Pay is below neighbouring councils like Kirklees and Calderdale.",
    "We use Excel spreadsheets to track reviews because Mosaic reports are poor.",
    "Access to legal advice is quick and the legal team in Cardiff are supportive.",
    "The pressures since Covid have never really eased.",
    "Peer support in the Glasgow office got me through a difficult year.",
    "Grace periods for mandatory training should be longer for part-time staff.",
    "Our team lead makes sure everyone gets a fair share of complex cases.",
    "The Deprivation of Liberty Safeguards backlog is a risk for the council.",
    "Risk assessments for people who use Lorazepam and Methadone need GP input.",
]


def nhs_numbers(rng: random.Random, n: int) -> list[str]:
    out = []
    while len(out) < n:
        digits = [rng.randint(0, 9) for _ in range(9)]
        total = sum(d * w for d, w in zip(digits, range(10, 1, -1)))
        check = 11 - total % 11
        check = 0 if check == 11 else check
        if check == 10:
            continue
        s = "".join(map(str, digits)) + str(check)
        style = len(out) % 3
        out.append(
            s
            if style == 0
            else f"{s[:3]} {s[3:6]} {s[6:]}" if style == 1 else f"{s[:3]}-{s[3:6]}-{s[6:]}"
        )
    return out


def build() -> dict:
    rng = random.Random(13)
    comments = []

    def add(text, details):
        comments.append({"text": text, "details": details})

    for i, name in enumerate(NAMES["full"] + NAMES["first"] + NAMES["short"]):
        frame = FRAMES_NAME[i % len(FRAMES_NAME)]
        text = frame.format(n=name)
        kind = "name_full" if " " in name else "name"
        add(text, [{"kind": kind, "text": name}])
    for i, surname in enumerate(NAMES["surname"]):
        title = NAMES["title"][i % len(NAMES["title"])]
        frame = FRAMES_TITLE[i % len(FRAMES_TITLE)]
        add(frame.format(t=title, s=surname), [{"kind": "name_title", "text": surname}])
    for i, first in enumerate(NAMES["first"][:20]):
        rel = NAMES["relative"][i % len(NAMES["relative"])]
        frame = FRAMES_RELATIVE[i % len(FRAMES_RELATIVE)]
        surname = NAMES["surname"][i % len(NAMES["surname"])]
        add(
            frame.format(r=rel, f=first, s=surname),
            [{"kind": "name_relative", "text": surname if "{s}" in frame else first}],
        )
    for i, low in enumerate(NAMES["lower"]):
        add(
            FRAMES_LOWER[i % len(FRAMES_LOWER)].format(l=low), [{"kind": "name_lower", "text": low}]
        )
    for i, wn in enumerate(NAMES["wordname"]):
        add(
            FRAMES_WORDNAME[i % len(FRAMES_WORDNAME)].format(w=wn),
            [{"kind": "name_word", "text": wn}],
        )
    # Two names in one comment (a first name and someone after a title).
    for i in range(20):
        a = NAMES["full"][(i * 7) % len(NAMES["full"])]
        s = NAMES["surname"][(i * 3) % len(NAMES["surname"])]
        t = NAMES["title"][(i * 5) % len(NAMES["title"])]
        add(
            f"{a} and {t} {s} both told me the review would be done by Friday, it never was.",
            [{"kind": "name_full", "text": a}, {"kind": "name_title", "text": s}],
        )
    details = (
        [("phone", p) for p in PHONES]
        + [("email", e) for e in EMAILS]
        + [("ni_number", n) for n in NI_NUMBERS]
        + [("nhs_number", n) for n in nhs_numbers(rng, 8)]
        + [("postcode", p) for p in POSTCODES]
        + [("case_number", c) for c in CASE_NUMBERS]
        + [("date_of_birth", d) for d in DOBS]
        + [("address", a) for a in ADDRESSES]
    )
    for i, (kind, value) in enumerate(details):
        frame = FRAMES_DETAIL[i % len(FRAMES_DETAIL)]
        if kind == "date_of_birth":
            text = f"The lady I support ({value}) has been on the waiting list since spring."
        elif kind == "address":
            text = f"She moved to {value} but the address on the system was never updated."
        elif kind == "postcode":
            text = f"He lives near {value} and there is no bus to the day centre."
        else:
            text = frame.format(d=value)
        planted = value
        if kind == "case_number":
            planted = value.split()[-1].split(":")[-1].lstrip("#").strip()
        if kind == "date_of_birth":
            planted = value.split(" ", 1)[-1].lstrip(": ").replace("on ", "").replace("in ", "")
        add(text, [{"kind": kind, "text": planted}])
    # Mixed comments: a name and a number together.
    for i in range(25):
        name = NAMES["first"][(i * 11) % len(NAMES["first"])]
        kind, value = details[(i * 13) % len(details)]
        planted = value
        if kind == "case_number":
            planted = value.split()[-1].split(":")[-1].lstrip("#").strip()
        if kind == "date_of_birth":
            planted = value.split(" ", 1)[-1].lstrip(": ").replace("on ", "").replace("in ", "")
        add(
            f"{name} gave me the details ({value}) and asked me not to share them with the team.",
            [{"kind": "name", "text": name}, {"kind": kind, "text": planted}],
        )
    return {
        "about": (
            "Staff comments with planted personal details, written for Health Check's redaction "
            "(benchmarks/redaction_corpus.py). 'details' lists what must never be shown."
        ),
        "planted": comments,
        "clean": [{"text": t} for t in CLEAN],
    }


def main() -> None:
    data = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100))
    n_details = sum(len(c["details"]) for c in data["planted"])
    print(
        f"{len(data['planted'])} comments, {n_details} planted details, {len(data['clean'])} clean"
    )


if __name__ == "__main__":
    main()
