"""The sensitive-comment rules (analysis/data/sensitive_phrases.yaml), tested both ways."""

import pytest

from analysis.sensitive import categories, flag_sensitive

FLAGGED = [
    ("I have been bullied by my team manager for months", "bullying"),
    ("She belittles me in front of the whole team", "bullying"),
    ("I was shouted at in supervision and left in tears", "bullying"),
    ("Yes my supervisor shouts at me in front of the team", "bullying"),
    ("My manager is always screaming at the duty desk staff", "bullying"),
    ("A colleague keeps making sexual comments and I feel harassed", "harassment"),
    ("He sent me inappropriate messages after work", "harassment"),
    ("My colleague made racist comments about my accent", "discrimination"),
    ("I was passed over because of my age, it is discrimination", "discrimination"),
    ("I am treated differently because I am disabled", "discrimination"),
    ("Staffing on the ward is unsafe and people were left without care", "unsafe_practice"),
    ("We were told to backdate the assessments before the audit", "unsafe_practice"),
    ("There are medication errors every week that nobody reports", "unsafe_practice"),
    ("I have a safeguarding concern about a provider that nobody has acted on", "safeguarding"),
    ("Residents are being neglected at the weekend", "safeguarding"),
    ("I think a client is being financially exploited by her son", "safeguarding"),
    ("I have thought about suicide because of the pressure at work", "risk_of_harm"),
    ("I don't know, I have had thoughts of self-harm this year", "risk_of_harm"),
    ("A service user threatened me with a knife and nothing was done", "risk_of_harm"),
    ("I was assaulted on a home visit last month", "risk_of_harm"),
]

NOT_FLAGGED = [
    "I have never been bullied here and feel safe",
    "There is no discrimination in our team that I have seen",
    "Nobody has ever harassed me at work",
    "We had anti-bullying training last spring, it was useful",
    "Safeguarding training is good and the safeguarding team are helpful",
    "The bullying and harassment policy is easy to find",
    "Supervision is regular and my manager is kind",
    "Workload is too high and caseloads keep growing",
    "I have not seen any unsafe practice in the team",
    "The laptops are slow and the system crashes",
    "Safeguarding enquiries take a lot of time but are well supported",
    "Without the duty team we could not cope, they are brilliant",
]


@pytest.mark.parametrize("text,category", FLAGGED)
def test_disclosures_are_flagged(text, category):
    assert category in [f.category for f in flag_sensitive(text)], text


@pytest.mark.parametrize("text", NOT_FLAGGED)
def test_other_comments_are_not(text):
    assert flag_sensitive(text) == [], text


def test_a_negation_in_another_clause_does_not_hide_a_disclosure():
    text = "I do not feel bullied, but I was humiliated in front of the team"
    assert [f.category for f in flag_sensitive(text)] == ["bullying"]


def test_every_category_has_a_label():
    codes = [code for code, _ in categories()]
    assert codes == [
        "bullying",
        "harassment",
        "discrimination",
        "unsafe_practice",
        "safeguarding",
        "risk_of_harm",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "My manager shouted\u00a0at me in front of everyone",  # a no-break space
        "I was picked  on for months",  # two spaces
        "I have been bul\u200blied since I started",  # a zero-width space
        "I have been bul\u00adlied since I started",  # a soft hyphen
        "I have been ｂｕｌｌｉｅｄ since I started",  # full-width letters
        "I have been bulli\u0301ed since I started",  # an accent
        "I feel harrassed by a colleague",  # a common misspelling
        "I have been bullyed by a senior",
        "There is no doubt my manager bullies me",  # "no doubt" denies nothing
        "Nobody helps when I'm bullied",  # the negation is in another clause
        "Never felt safe, he bullied me",
    ],
)
def test_a_disclosure_cannot_hide_behind_spacing_spelling_or_a_near_negation(text):
    assert flag_sensitive(text), text
    from analysis.sensitive import is_sensitive

    assert is_sensitive(text)
