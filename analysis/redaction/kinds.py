"""How redaction sorts words (safe, ordinary, name-that-is-a-word, name, unknown), and the quick
check that a comment holds no word the name rules could flag (``no_name_possible``), which
spares most comments the full reading in analysis/redaction/names.py."""

from __future__ import annotations

from .staff import StaffNames
from .words import (
    FUNCTION_WORDS,
    NEVER_NAMES,
    PARTICLE_OPENERS,
    ROLE_CUES,
    TITLES,
    TOKEN,
    VERB_CUES,
    word_lists,
    zipf,
)


def lower_parts(lower: str) -> list[str]:
    return [p.strip("'’") for p in lower.split("-") if p.strip("'’")]


class Classifier:
    """Sorts each word into safe, ordinary, word-name, name or unknown."""

    def __init__(self, staff: StaffNames | None):
        self.lists = word_lists()
        self.staff = staff
        # Word kinds never change for one staff list: remember them (bounded).
        holder = staff if staff is not None else Classifier
        cache = getattr(holder, "_kind_cache", None)
        if cache is None or len(cache) > 200_000:
            cache = {}
            setattr(holder, "_kind_cache", cache)
        self.cache = cache
        # And what the quick check makes of each run of text between spaces (``_run_check``).
        runs = getattr(holder, "_run_cache", None)
        if runs is None or len(runs) > 200_000:
            runs = {}
            setattr(holder, "_run_cache", runs)
        self.runs = runs
        self.known: dict[str, bool] = {}  # staff_word of each word, for this text

    def staff_word(self, lower: str) -> bool:
        if self.staff is None:
            return False
        known = self.known.get(lower)
        if known is None:
            known = self.known[lower] = self.staff.knows(lower)
        return known

    def staff_initials(self, lower: str) -> bool:
        """Whether a word of two to four letters is a staff member's initials ("sj")."""
        if self.staff is None or not 2 <= len(lower) <= 4:
            return False
        key = " " + lower  # no word holds a space: beside the words in ``known``
        known = self.known.get(key)
        if known is None:
            known = self.known[key] = self.staff.knows_initials(lower)
        return known

    def kind(self, lower: str) -> str:
        """``safe``: never a name on its own; ``ordinary``: an English word; ``wordname``: a
        name that is also an ordinary word; ``name``: a name; ``unknown``: none of these."""
        lists = self.lists
        if lower in lists.safe or (lower.endswith("s") and lower[:-1] in lists.safe):
            return "safe"
        if lower in NEVER_NAMES or lower.rstrip(".") in TITLES:
            return "ordinary"
        staff = self.staff_word(lower)
        if lower in lists.names or staff:
            ordinary = lower in lists.word_names or lower in lists.english
            if staff and not ordinary and lower not in lists.names:
                # A staff name that is an everyday word ("Facilitator"), not in the word list.
                ordinary = zipf(lower) >= 3.0
            return "wordname" if ordinary else "name"
        if lower in FUNCTION_WORDS:
            return "ordinary"
        if lower in lists.english:
            return "ordinary"
        if lower.endswith("s") and lower[:-1] in lists.english:
            return "ordinary"
        return "unknown"

    def lower_kind(self, lower: str) -> str:
        """The kind of a word by its lower-case form (all it depends on)."""
        kind = self.cache.get(lower)
        if kind is None:
            kind = self.cache[lower] = self._word_kind(lower)
        return kind

    def _word_kind(self, lower: str) -> str:
        parts = lower_parts(lower)
        if not parts:
            return "ordinary"
        if len(parts) == 1:
            return self.kind(parts[0])
        kinds = [self.kind(p) for p in parts]
        if self.kind(lower) in ("safe", "ordinary"):
            return "ordinary"  # "self-neglect", "co-ordinator" as whole words
        if "name" in kinds:
            return "name"
        if all(k in ("safe", "ordinary") for k in kinds):
            return "ordinary"
        if "unknown" in kinds:
            return "unknown"
        return "wordname"

    def derived(self, lower: str) -> bool:
        """An English word with a common prefix or suffix ("upskilling", "unallocated")."""
        english = self.lists.english
        for suffix in ("s", "es", "ing", "ed", "er", "ers", "ment", "ments", "ly", "ness"):
            stem = lower[: -len(suffix)]
            if lower.endswith(suffix) and len(stem) >= 3:
                if (
                    stem in english
                    or stem + "e" in english
                    or (len(stem) > 3 and stem[-1] == stem[-2] and stem[:-1] in english)
                ):
                    return True
        for prefix in (
            "un",
            "re",
            "over",
            "under",
            "multi",
            "inter",
            "micro",
            "self",
            "co",
            "non",
            "pre",
            "sub",
            "mis",
            "out",
            "up",
            "e",
        ):
            rest = lower[len(prefix) :].lstrip("-")
            if lower.startswith(prefix) and len(rest) >= 4:
                if rest in english or self.derived_suffix_only(rest):
                    return True
        return False

    def derived_suffix_only(self, lower: str) -> bool:
        english = self.lists.english
        for suffix in ("s", "es", "ing", "ed", "er", "ers", "ment", "ments", "ly", "ness"):
            stem = lower[: -len(suffix)]
            if (
                lower.endswith(suffix)
                and len(stem) >= 3
                and (stem in english or stem + "e" in english)
            ):
                return True
        return False

    def common(self, lower: str, threshold: float) -> bool:
        """Common enough in English text to be a word or a well-known place or brand."""
        return zipf(lower) >= threshold


def no_name_possible(text: str, classifier: Classifier) -> bool:
    """True when the name rules (analysis/redaction/names.py) cannot flag any word of
    ``text``, read one word at a time: most comments hold no name, and this costs a fraction
    of the full reading.

    That holds when there is no title or surname particle ("von", "der") and every word is an
    ordinary or safe word (not on the staff list), a name-that-is-a-word not written with a
    capital ("will"), a short unknown word in capitals that is no staff member's initials
    ("ATM"), or an unknown word in lower case that no cue word comes before ("passcode", but
    not "my manager bev"). By those rules, such a word is flagged only
    after a title, when capitalised, after a cue (an unknown lower-case word) or, an ordinary
    word, when on the staff list; and with no word flagged, no neighbour of one is either.

    A word never holds a space, so the text is read a run between spaces at a time, and
    what each run says is read once (comments repeat their words): see ``_run_check``."""
    runs = classifier.runs
    before = ""
    for run in text.split():
        found = runs.get(run)
        if found is None:
            found = runs[run] = _run_check(run, classifier)
        fails, cue_first, last = found
        if fails or (cue_first and before in CUE_WORDS):
            return False
        if last is not None:
            before = last
    return True


def _run_check(run: str, classifier: Classifier) -> tuple[bool, bool, str | None]:
    """What the quick check makes of one run of text between spaces, whatever comes before
    it: whether a word of it rules the check out, whether its first word is ruled out only
    after a cue word, and its last word (lower case; None where it has no word), which is
    what a following word's cue depends on."""
    before = None
    cue_first = False
    for token in TOKEN.findall(run):
        lower = token.lower()
        if len(token) >= 3 and lower.endswith("'s"):  # as _words reads "Maureen's"
            token = token[:-2]
            lower = token.lower()
        if len(token) >= 3 and lower.endswith("’s"):
            token = token[:-2]
            lower = token.lower()
        if lower in TITLES or lower in _PARTICLE_WORDS:
            return True, False, None
        kind = classifier.lower_kind(lower)
        if kind == "ordinary" or kind == "safe":
            if classifier.staff is not None and classifier.staff_word(lower):
                return True, False, None
        elif kind == "name":
            return True, False, None
        elif token[:1].isupper():
            upper = len(token) >= 2 and (
                token.isupper() or (token[:-1].isupper() and token[-1] == "s" and len(token) >= 3)
            )
            if not upper or kind == "wordname":  # capitalised, or a word-name in capitals
                return True, False, None
            if len(token) >= 6 or classifier.staff_initials(lower):  # "THISTLEWOOD", "SJ"
                return True, False, None
        elif kind == "unknown":
            if before is None:
                cue_first = True  # ruled out only by the word before the run
            elif before in CUE_WORDS:
                return True, False, None
        before = lower
    return False, cue_first, before


# The words of the particles that open a surname, "van" aside (it needs a second one).
_PARTICLE_WORDS = frozenset(w for p in PARTICLE_OPENERS for w in p.split()) - {"van"}

# Every word after which a cue (``cue_before`` in names.py) can mark a person.
CUE_WORDS = TITLES | ROLE_CUES | VERB_CUES | {"to"}
