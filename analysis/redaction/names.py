"""Names, found by what is *not* known to be safe (see analysis/redaction/__init__.py): each word
is classified (safe, ordinary, a name that is also a word, a name, unknown), then flagged as a
name from its capitals, its place in the sentence and the cues around it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .kinds import Classifier, lower_parts, no_name_possible
from .match import Match
from .staff import StaffNames
from .words import (
    AFTER_CUES,
    DETERMINERS,
    FUNCTION_WORDS,
    NAME_MONTHS,
    NAME_PARTICLES,
    PARTICLE_OPENERS,
    PRONOUNS,
    QUESTION_OPENERS,
    ROLE_CUES,
    SENTENCE_OPENERS,
    SUBJECT_VERBS,
    TITLES,
    TITLES_CAPITAL_ONLY,
    TITLES_UPPER,
    TOKEN,
    VERB_CUES,
    word_lists,
)


@dataclass
class _Word:
    text: str
    start: int
    end: int
    lower: str
    cap: bool  # Title-case (first letter upper, not all upper) or a single capital letter
    upper: bool  # ALL CAPITALS (two letters or more)
    sentence_start: bool


def _words(text: str) -> list[_Word]:
    out: list[_Word] = []
    for m in TOKEN.finditer(text):
        token = m.group()
        start, end = m.span()
        lower = token.lower()
        # "Maureen's" -> "Maureen" (the possessive stays in the text).
        if len(token) >= 3 and lower.endswith("'s"):
            token, end = token[:-2], end - 2
            lower = token.lower()
        if len(token) >= 3 and lower.endswith("’s"):
            token, end = token[:-2], end - 2
            lower = token.lower()
        k = start - 1
        while k >= 0 and text[k].isspace():
            k -= 1
        sentence_start = k < 0 or text[k] in SENTENCE_OPENERS
        # Acronyms, also in the plural ("ATMs", "OTs"), count as capitals.
        upper = len(token) >= 2 and (
            token.isupper() or (token[:-1].isupper() and token[-1] == "s" and len(token) >= 3)
        )
        cap = token[:1].isupper() and not upper
        out.append(_Word(token, start, end, lower, cap, upper, sentence_start))
    return out


def _parts(word: _Word) -> list[str]:
    return lower_parts(word.lower)


def _shouting(words: list[_Word]) -> bool:
    """Is the text written mostly in capitals? Then a capital says nothing about a word."""
    return sum(w.upper for w in words) * 2 > sum(len(w.text) >= 2 for w in words)


_OPENS_PARTICLES = frozenset(p.split()[0] for p in PARTICLE_OPENERS)
# Particles that join the name after them ("de la [Cruz]"); "van" alone is a vehicle.
_JOINING_PARTICLES = NAME_PARTICLES - {"van"}


def _particle_names(words: list[_Word], adjacent) -> list[int]:
    """The words of each surname opened by particles ("van der Berg", "VON TRAPP"), in any
    case: the particles and the word after them."""
    out: list[int] = []
    for i, w in enumerate(words):
        if w.lower not in _OPENS_PARTICLES:
            continue
        two = w.lower + " " + words[i + 1].lower if adjacent(i, i + 1) else ""
        if two in PARTICLE_OPENERS and adjacent(i + 1, i + 2):
            end = i + 2
        elif w.lower in PARTICLE_OPENERS and adjacent(i, i + 1):
            end = i + 1
        else:
            continue
        if (i == 0 or words[i - 1].lower not in NAME_PARTICLES) and words[end].lower not in (
            FUNCTION_WORDS | NAME_PARTICLES
        ):
            out.extend(range(i, end + 1))
    return out


def _name_flags(text: str, staff: StaffNames | None) -> list[tuple[int, int]]:
    classifier = Classifier(staff)
    if no_name_possible(text, classifier):
        return []
    return _read_names(text, classifier)


def _read_names(text: str, classifier: Classifier) -> list[tuple[int, int]]:
    """The (start, end) of each name in ``text``, by the full rules."""
    words = _words(text)
    if not words:
        return []
    kinds = [classifier.lower_kind(w.lower) for w in words]
    firsts = classifier.lists.first_names
    flagged = [False] * len(words)

    def prev_lower(i: int, n: int = 1) -> str:
        return words[i - n].lower if i - n >= 0 else ""

    def adjacent(i: int, j: int) -> bool:
        """Words i and j (j = i + 1) are separated only by a space."""
        return 0 <= i < j < len(words) and text[words[i].end : words[j].start] in (" ", "\u00a0")

    def cue_before(i: int) -> str | None:
        """``title``, ``role`` or ``verb`` when the words before word i mark it as a person."""
        if i == 0:
            return None
        p = words[i - 1]
        gap = text[p.end : words[i].start]
        if "\n" in gap or any(c in gap for c in ".!?;:("):
            return None
        if p.lower.rstrip(".") in TITLES and (
            p.cap
            or (p.upper and p.lower in TITLES_UPPER)
            or (not p.upper and p.lower not in TITLES_CAPITAL_ONLY)
        ):
            if p.lower in TITLES_CAPITAL_ONLY and p.sentence_start:
                pass
            else:
                return "title"
        if p.lower in ROLE_CUES:
            return "role"
        if p.lower in VERB_CUES:
            return "verb"
        if (
            p.lower == "to"
            and i >= 2
            and words[i - 2].lower
            in {
                "spoke",
                "talked",
                "thanks",
                "speak",
                "talk",
                "go",
                "went",
                "going",
                "referred",
                "wrote",
                "written",
                "sent",
                "send",
            }
        ):
            return "verb"
        return None

    def after_cue(i: int) -> bool:
        j = i + 1
        if j >= len(words):
            return False
        gap = text[words[i].end : words[j].start]
        if gap.strip() not in ("", ","):
            return text[words[i].end : words[i].end + 2] in ("'s", "’s")
        return words[j].lower in AFTER_CUES or text[words[i].end : words[i].end + 2] in (
            "'s",
            "’s",
        )

    def after_determiner(i: int) -> bool:
        """Word i follows "the", "a" or the like: a thing ("the Bill", "a Grace period")."""
        return i > 0 and adjacent(i - 1, i) and words[i - 1].lower in DETERMINERS

    def next_lower(i: int) -> str:
        return words[i + 1].lower if adjacent(i, i + 1) else ""

    def question_opener(i: int) -> bool:
        """Word i opens a question ("Will you ...", "May I ...", "Will the council ...")."""
        return words[i].lower in QUESTION_OPENERS and next_lower(i) in PRONOUNS | DETERMINERS

    def staff_capital(i: int) -> bool:
        """Word i is a capitalised staff-list word that is also an ordinary word or a safe
        term: a name ("Bill never answers", "asked Rose") unless the words around it make it
        a thing ("the Bill", "Rose Court", "Will you ..."); opening a sentence, only as the
        subject of a verb ("Rose is a bully", not "Grace periods are short")."""
        return (
            classifier.staff_word(words[i].lower)
            and not after_determiner(i)
            and not question_opener(i)
            and not _in_proper_noun(i)
            and (not words[i].sentence_start or next_lower(i) in SUBJECT_VERBS or after_cue(i))
        )

    def upper_name(i: int, cue: str | None) -> bool:
        """Is word i, in capitals, a name? Acronyms stay ("CMHT", "OT", "AMHP"): a listed name
        that is no ordinary word is one ("OKAFOR"), as is a staff member's initials ("SJ"), a
        name-that-is-a-word after a title or role ("MR SMITH", "MY MANAGER MARK") or, in a
        text not written in capitals, on the staff list ("ROSE"), and a long unknown word in
        such a text ("THISTLEWOOD"). A first name and a surname side by side ("JOHN SMITH")
        are found with the neighbours (``name_pair``)."""
        w, kind = words[i], kinds[i]
        if kind == "name":
            return len(w.text) >= 3
        if kind == "wordname":
            if w.lower in FUNCTION_WORDS:  # "THE SOCIAL WORKER WILL VISIT"
                return cue == "title"
            # Not after a verb cue: "WORKING WITH YOUNG PEOPLE".
            return cue in ("title", "role") or (not shouting and staff_capital(i))
        if kind != "unknown":
            return False
        if classifier.staff_initials(w.lower):
            return True
        return (
            not shouting
            and len(w.text) >= 6
            and not classifier.common(w.lower, 3.5)
            and not classifier.derived(w.lower)
        )

    def name_pair(i: int) -> bool:
        """Are words i and i + 1, word-names written alike, a first name and a surname?
        Capitalised ("Will Young"), or in capitals in a text that is not and neither among
        the commonest words ("JOHN SMITH", not "YOUNG PEOPLE"); or two staff words ("WILL"
        aside in capitals)."""
        a, b = words[i], words[i + 1]
        if kinds[i] != "wordname" or kinds[i + 1] != "wordname" or not adjacent(i, i + 1):
            return False
        if not (a.cap and b.cap or a.upper and b.upper):
            return False
        if classifier.staff_word(a.lower) and classifier.staff_word(b.lower):
            return a.cap or a.lower not in FUNCTION_WORDS
        if a.lower not in firsts or b.lower not in classifier.lists.surnames:
            return False
        return a.cap or not (
            shouting or classifier.common(a.lower, 5.5) or classifier.common(b.lower, 5.5)
        )

    def _in_proper_noun(i: int) -> bool:
        """Is word i beside a capitalised ordinary or safe word (part of a proper noun)?"""
        for j in (i - 1, i + 1):
            if 0 <= j < len(words) and (words[j].cap or words[j].upper):
                a, b = min(i, j), max(i, j)
                if (
                    adjacent(a, b)
                    and kinds[j] in ("safe", "ordinary")
                    and not (words[j].sentence_start and kinds[j] == "ordinary")
                ):
                    return True
        return False

    shouting = _shouting(words)
    for i in _particle_names(words, adjacent):
        flagged[i] = True
    for i, w in enumerate(words):
        kind = kinds[i]
        cue = cue_before(i)
        if kind == "safe":
            # A service, place or calendar word is a name only straight after a title, or
            # capitalised on the staff list as a first name ("Bill"), months aside.
            if cue == "title" and (w.cap or w.upper) and words[i - 1].lower not in ("dr",):
                flagged[i] = True
            elif w.cap and w.lower in firsts and w.lower not in NAME_MONTHS and staff_capital(i):
                flagged[i] = True
            continue
        if w.upper:
            if upper_name(i, cue):
                flagged[i] = True
            continue
        if cue == "title":
            if w.cap or kind in ("name", "unknown", "wordname") or len(w.text) == 1:
                flagged[i] = True
            continue
        if w.cap:
            if kind == "name":
                flagged[i] = True
            elif kind == "unknown":
                threshold = 3.0 if w.sentence_start else 3.5
                # At the start of a sentence a capital says nothing: a word built from an
                # English word ("Upskilling", "Handovers") is not a name there.
                derived = w.sentence_start and not cue and classifier.derived(w.lower)
                if len(w.text) >= 2 and not derived and not classifier.common(w.lower, threshold):
                    flagged[i] = True
                elif cue in ("role", "verb"):
                    flagged[i] = True
            elif kind == "wordname":
                is_first = all(p in firsts for p in _parts(w)) or classifier.staff_word(w.lower)
                if is_first and not cue and (_in_proper_noun(i) or after_determiner(i)):
                    is_first = False  # "New York", "Best Interest", "Rose Court", "the Bill"
                if cue in ("role", "verb"):
                    flagged[i] = True
                elif not w.sentence_start and is_first:
                    flagged[i] = True
                elif w.sentence_start and is_first and (after_cue(i) or staff_capital(i)):
                    flagged[i] = True
            elif kind == "ordinary" and cue == "role" and classifier.staff_word(w.lower):
                flagged[i] = True
        else:
            # Lower case: a listed name that is not an ordinary word, or an unknown word after
            # a role or verb cue ("my manager bev").
            if kind == "name" and (
                len(w.text) >= 3
                or cue in ("role", "verb")
                or classifier.staff_word(w.lower)
                or after_cue(i)
            ):
                # Two letters ("jo", "al") only with a sign that a person is meant.
                flagged[i] = True
            elif kind == "unknown" and cue in ("role", "verb", "title") and len(w.text) >= 3:
                if not classifier.common(w.lower, 2.5):
                    flagged[i] = True

    # Neighbours: a capitalised word-name or unknown word beside a flagged name is part of it
    # ("Mark Turner", "Brenda Thistlewood"); repeat until nothing changes.
    changed = True
    while changed:
        changed = False
        for i, w in enumerate(words):
            if flagged[i] or not (w.cap or w.upper and kinds[i] in ("name", "wordname", "unknown")):
                continue
            if kinds[i] not in ("wordname", "unknown", "name") and not (
                kinds[i] == "ordinary" and classifier.staff_word(w.lower)
            ):
                continue
            # Beside a flagged name written the same way: both capitalised, or both in capitals.
            left = (
                i > 0
                and flagged[i - 1]
                and adjacent(i - 1, i)
                and (words[i - 1].cap if w.cap else words[i - 1].upper)
            )
            right = (
                i + 1 < len(words)
                and flagged[i + 1]
                and adjacent(i, i + 1)
                and (words[i + 1].cap if w.cap else words[i + 1].upper)
            )
            if kinds[i] == "wordname":
                # A surname after a name ("Sarah Brown"), a first name before one ("Mark
                # Thistlewood"); not "Call Sarah".
                right = right and w.lower in firsts
                left = left and w.lower in classifier.lists.surnames
            if left or right:
                flagged[i] = True
                changed = True
        # Two word-names side by side, first name then surname ("Will Young", "JOHN SMITH").
        for i in range(len(words) - 1):
            if not flagged[i] and not flagged[i + 1] and name_pair(i):
                flagged[i] = flagged[i + 1] = True
                changed = True

    # Particles straight before a name go with it ("de la [Cruz]"; "van" only after another).
    for i in range(len(words) - 2, -1, -1):
        if (
            not flagged[i]
            and flagged[i + 1]
            and adjacent(i, i + 1)
            and words[i].lower in _JOINING_PARTICLES
        ):
            flagged[i] = True

    # The title goes with the name ("Mrs Patel" -> "[name]").
    for i in range(1, len(words)):
        if flagged[i] and not flagged[i - 1] and cue_before(i) == "title" and adjacent(i - 1, i):
            flagged[i - 1] = True
    return [(words[i].start, words[i].end) for i, f in enumerate(flagged) if f]


_UPPER = re.compile(r"[A-Z]")


def name_matches(text: str, staff: StaffNames | None) -> list[Match]:
    if staff is None and not _UPPER.search(text):
        # All lower case: only listed names that are not ordinary words can be names here, or
        # an unknown word after a cue; skip the full scan when no word could be either.
        lists = word_lists()
        tokens = [t.lower() for t in TOKEN.findall(text)]
        if not any(
            t in lists.names
            or t in ROLE_CUES
            or t in VERB_CUES
            or t in TITLES
            or t in NAME_PARTICLES
            for t in tokens
        ):
            return []
    return [Match("name", s, e, text[s:e]) for s, e in _name_flags(text, staff)]
