"""The quick check that a comment holds no name (analysis.redaction.names.no_name_possible)
never skips a comment in which the full rules find one: redaction gets faster, never weaker."""

import random

from analysis.redaction import StaffNames, redact
from analysis.redaction.kinds import Classifier, no_name_possible
from analysis.redaction.names import _read_names

# Words of every kind the rules tell apart, in several cases: ordinary and safe words, names
# that are also words, listed names, unknown words, acronyms, titles, role, verb and after
# cues, possessives, hyphens, punctuation that breaks a cue, names in capitals, staff
# initials and surname particles.
VOCABULARY = (
    "the team was short staffed and supervision got cancelled again today "
    "will may grace bill rose mark brown young hope frank sue "
    "Will May Grace Bill Rose Mark Brown Young Hope Frank Sue "
    "maureen okafor priya shaz nowak Maureen Okafor Priya Shaz Nowak MAUREEN PATEL "
    "thistlewood quillon passcode contactless Thistlewood Quillon Passcode ATM ATMs GBP CMHT OTs "
    "mr mrs dr pc cllr sister father Mr Mrs Dr PC Cllr Sister Father "
    "manager wife colleague asked told spoke to thanks with said from in on who "
    "Manager Asked Told "
    "Maureen's manager's Okafor’s team's self-neglect Smith-Jones co-ordinator "
    "New York Rose Court Best Interest "
    "JOHN SMITH ROSE GRACE WILL THISTLEWOOD HS WM BQ SJ van der von berg Berg BERG VAN DER "
    "the a shouts Hope Sunday Quill "
    ". , ; : ! ? ( - \n"
).split(" ")


def _texts(seed, count):
    rng = random.Random(seed)
    for _ in range(count):
        words = [rng.choice(VOCABULARY) for _ in range(rng.randint(1, 9))]
        yield " ".join(words).replace(" .", ".").replace(" ,", ",")


def _full_rules_find_a_name(text, staff):
    return bool(_read_names(text, Classifier(staff)))


def test_quick_check_never_passes_a_comment_with_a_name():
    classifier = Classifier(None)
    passed = found = 0
    for text in _texts(20261130, 20_000):
        if no_name_possible(text, classifier):
            passed += 1
            assert not _full_rules_find_a_name(text, None), text
        else:
            found += 1
    # Both sides are exercised.
    assert passed > 1000 and found > 1000


def test_quick_check_with_a_staff_list():
    staff = StaffNames.from_names(["Hope Sunday", "Will Manager", "Bartholomew Quill"])
    classifier = Classifier(staff)
    passed = 0
    for text in _texts(7, 10_000):
        if no_name_possible(text, classifier):
            passed += 1
            assert not _full_rules_find_a_name(text, staff), text
    assert passed > 500


def test_comments_that_need_the_full_rules_still_get_them():
    assert redact("I asked Will in the OT team") == "I asked [name] in the OT team"
    assert redact("my manager bev was off") == "my manager [name] was off"
    assert redact("spoke to maureen about it") == "spoke to [name] about it"
    assert redact("Mrs Happy rang") == "[name] rang"
    assert redact("The team will cover and we will manage") == (
        "The team will cover and we will manage"
    )
    staff = StaffNames.from_names(["Hope Sunday"])
    assert redact("My colleague Hope helped", staff) == "My colleague [name] helped"
