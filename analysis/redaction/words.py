"""The word lists names are told apart by: ordinary English words, name lists, safe terms
(services, places, medicines, legislation), and the titles, roles and verbs that mark a person.

The lists are data files in ``analysis/data`` (built by scripts/build_word_lists.py), read once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

# A word: letters, with inner apostrophes and hyphens ("O'Neil", "Smith-Jones").
TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+(?:['’][^\W\d_]+)*)*")


def _data_words(filename: str) -> list[str]:
    text = resources.files("analysis").joinpath("data", filename).read_text(encoding="utf-8")
    words = []
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        words.extend(line.split())
    return words


@dataclass(frozen=True)
class WordLists:
    english: frozenset  # ordinary lower-case words
    first_names: frozenset  # lower case
    surnames: frozenset  # lower case
    names: frozenset  # first names and surnames, lower case
    word_names: frozenset  # names that are also ordinary words ("will", "grace", "brown")
    safe: frozenset  # service, place, medicine, legislation and calendar terms, lower case


@lru_cache(maxsize=1)
def word_lists() -> WordLists:
    english = frozenset(_data_words("english_words.txt"))
    world = [w.lower() for w in _data_words("names_world.txt")]
    firsts = {w.lower() for w in _data_words("census_first_names.txt")}
    firsts |= {w.lower() for w in _data_words("first_names.txt")}
    surnames = {w.lower() for w in _data_words("census_surnames.txt")}
    surnames |= {w.lower() for w in _data_words("surnames.txt")}
    # The world list mixes first names and surnames: count them as both.
    firsts |= set(world)
    surnames |= set(world)
    names = frozenset(firsts | surnames)
    word_names = frozenset(n for n in names if n in english or n in FUNCTION_WORDS)
    safe = frozenset(w.lower() for w in _data_words("safe_terms.txt"))
    return WordLists(english, frozenset(firsts), frozenset(surnames), names, word_names, safe)


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """How common a word is in English text (wordfreq's Zipf scale: 3 is once per million)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


# Words so common (or so often capitalised at the start of a clause) that they never name
# anyone on their own; the SCOWL list leaves some out (contractions, "ok").
FUNCTION_WORDS = frozenset("""
    i a an the this that these those it its we our you your they their he she his her him my me
    us them and but or so if when while because also always never sometimes very really just
    not no yes ok okay hi hello dear please thanks thank is was be been are were has had have do
    does did can could would should will shall might must who what why how where which there
    here all some many most any each every much more less none nothing someone everyone anyone
    i'm i've i'd i'll we're we've don't can't won't isn't wasn't didn't doesn't it's that's
    there's etc eg ie vs na n/a tbh imo fyi asap re im ive dont cant wont didnt doesnt isnt
    wasnt thats theres youre theyre hasnt havent couldnt wouldnt shouldnt arent werent lol pls
    """.split())

# Words that are never a name, whatever the name lists hold.
NEVER_NAMES = frozenset("""
    i a an the this that these those it its we our you your they their he she his her him my me
    us them and but or so if not no yes is was be been are were has had have do does did in on
    at of to for by as with from into than then there here what who why how when where which
    """.split())

TITLES = frozenset("""
    mr mrs ms miss mx dr doctor prof professor sir dame lady lord cllr councillor pc dc ds di dci
    sgt sergeant inspector constable nurse sister matron rev reverend father fr pastor imam rabbi
    judge justice hhj mstr master
    """.split())
# Titles that are also ordinary lower-case words: a title only when capitalised.
TITLES_CAPITAL_ONLY = frozenset({"miss", "sister", "father", "master", "lady", "lord", "judge"})

# Titles written in capitals ("PC Dawson"); "MS Teams" is not a title.
TITLES_UPPER = frozenset({"pc", "dc", "ds", "di", "dci", "hhj", "sgt", "dr", "mr", "mrs", "cllr"})

# Words after which the next capitalised word (or an unknown lower-case word) is a person:
# roles, relatives and people supported.
ROLE_CUES = frozenset("""
    manager managers supervisor colleague colleagues lead leader director head tm psw boss mentor
    assessor worker practitioner ot ota amhp bia sw swa chap guy lady gentleman gent man woman
    wife husband partner son daughter mum mother mom mam dad father brother sister sibling
    grandson granddaughter grandmother grandfather nan nana gran grandma grandad grandpa aunt
    uncle niece nephew cousin carer neighbour friend client clients customer resident tenant
    patient nurse gp consultant psychiatrist advocate deputy appointee fiance fiancee
    stepson stepdaughter stepmum stepdad boyfriend girlfriend named called
    """.split())
# Verbs and phrases after which a capitalised word is a person ("asked Will", "thanks to Bev").
VERB_CUES = frozenset("""
    asked told spoke emailed rang phoned called texted messaged met thank thanks cc cc'd
    contacted supervised managed supported helped visited chased informed emailing ringing
    asking telling speaking dear with ask asks
    """.split())
# Verbs that say the capitalised word before them, even at the start of a sentence, is a person
# ("Rose shouts at me"), where "Hope is fading" says nothing.
PERSON_VERBS = frozenset("""
    shouts shouted yells yelled screams screamed swears swore bullies bullied belittles
    belittled undermines undermined ignores ignored criticises criticised criticizes criticized
    micromanages micromanaged humiliates humiliated intimidates intimidated harasses harassed
    """.split())
# Words after a capitalised word that say it is a person ("Grace on the duty desk", "Will in
# the OT team", "Bev said").
AFTER_CUES = frozenset("""
    said says told asked thinks thought knows knew reckons wants wanted agreed replied explained
    from in on at who whose emailed rang phoned helped joined 's ’s
    """.split()) | PERSON_VERBS
# Words that, straight after a word opening a sentence, make it the subject of a verb: a
# staff name that is also a word is a name there ("Rose is a bully", "Bill never answers"),
# not before a noun ("Grace periods are short").
SUBJECT_VERBS = frozenset("""
    is was has had does did isn't wasn't hasn't doesn't didn't can can't could couldn't will
    won't would wouldn't should shouldn't never always often just still also really keeps kept
    gets got makes made goes went comes came seems seemed takes took gives gave tries tried
    """.split())
# Words after which a capitalised word is a thing, not a person ("the Bill", "a Grace period").
DETERMINERS = frozenset("the a an this that these those any every each no".split())
# Words that open a question ("Will you ...", "May I ...", "Will the council ..."): not a
# name when a pronoun or a determiner follows.
QUESTION_OPENERS = frozenset("will may can shall must might would could should".split())
PRONOUNS = frozenset("i you we they he she it there someone anyone".split())
# Months that are also first names: a staff member called May does not make "in May" a name.
NAME_MONTHS = frozenset("april may june july august".split())
# Particles that open a surname ("van der Berg", "von Trapp", "de la Cruz"): after "von" or
# "van der" and the like, the next word is a surname in any case; a particle straight before
# a name goes with it ("de la [Cruz]"). "van" alone is a vehicle, so it needs a second one.
NAME_PARTICLES = frozenset(
    "van von der den dem de del della di da du la le ter ten dos das".split()
)
PARTICLE_OPENERS = frozenset({"von", "van der", "van den", "van de", "von der", "von dem"})
SENTENCE_OPENERS = '.!?:;\n"“(•*-–'
