"""Phrases that may label a theme: word for word as people wrote them, never across
punctuation, never starting or ending on a small word or a verb (``_phrase_ok``), and never
the tail of a longer phrase most of its writers wrote ("Text for recording" out of "Speech to
text for recording"), nor a complement of something left unsaid ("available quickly" of
"Legal advice was available quickly"). analysis.theme_labels chooses among them.
"""

from __future__ import annotations

import re
from collections import Counter

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from analysis.key_terms import VAGUE as _VAGUE
from analysis.label_memo import memo_table

__all__ = [
    "LABEL_STOP",
    "LETTERS",
    "MAX_LABEL_WORDS",
    "MID_PHRASE",
    "PUNCTUATION",
    "candidates",
    "content_word",
    "phrase_ok",
    "surface_form",
]

_LETTERS = re.compile(r"(?u)\b[^\W\d_]+\b")


# Words a label may start with although they are stop words ("not enough staff").
_LABEL_STARTS = frozenset({"not", "no", "never", "too", "more", "less", "lack", "without"})
# scikit-learn's list holds "front" ("front door", "front line").
_LABEL_STOP = frozenset(ENGLISH_STOP_WORDS - {"front"}) | {"ve", "ll", "re", "don", "didn"}
_LABEL_STOP |= {"just", "really"}
# Small words a label may have in its middle ("Time for reflection", "Team is busy"); other stop
# words there (pronouns, "which", "that", "when") leave a fragment: "Team we look".
_LABEL_MIDDLE = frozenset(
    {"of", "for", "to", "in", "on", "with", "and", "is", "are", "too", "not", "no", "at", "from"}
    | {"by", "about", "more", "less", "enough", "very", "being", "been"}
    # "Debriefs after difficult cases".
    | {"after", "before", "during"}
)
# Words a label must not end on: it would stop mid-thought ("Pressure means", "Training for new").
_DANGLING_END = frozenset(
    {"new", "mean", "means", "take", "takes", "gets", "makes", "goes", "keeps", "seems", "knowing"}
    | {"let", "lets", "led", "put", "puts", "give", "gives", "getting", "having", "trying"}
    | {"needed", "wanted", "used", "means", "meant", "comes", "came"}
    | {"reach", "see", "hear", "tell", "do", "be", "sure", "happen", "old"}
    | {"protects", "helps", "knows", "works", "does", "leaves", "wants", "needs", "tries"}
    # "Mosaic holds" (everything in one place), "Person and understand" (what they wanted).
    | {"holds", "hold", "understand", "want", "know", "think", "feel", "happens"}
    # "Translators are hard" stops before what is hard: "to book".
    | {"hard", "easy", "difficult", "impossible", "able", "unable"}
    # "Complaints unless" stops before what the condition is.
    | {"unless", "whether", "while", "whilst"}
)


# Verbs a label must not start on: "Took weeks" says what happened, not what the theme is.
_VERB_START = frozenset(
    {"took", "take", "takes", "taking", "keeps", "kept", "goes", "has", "had", "makes"}
    | {"gets", "seems", "feels", "means", "lets", "puts", "gives", "looks"}
)
# Nor end on one: "Legal advice took" stops before "too long".
_DANGLING_END = _DANGLING_END | _VERB_START


# "Reviews are months" stops before "overdue": a time after "is" or "are" is a measure of
# something still to come ("Duty weeks" is a label).
_TIMES = frozenset({"hours", "days", "weeks", "months", "years"})
_IS = frozenset({"is", "are", "was", "were", "be", "been"})


# Adverbs a label must not start on: "Especially on complex" qualifies something unsaid.
_ADVERB_START = frozenset(
    {
        "straight",
        "especially",
        "usually",
        "always",
        "sometimes",
        "often",
        "mostly",
        "actually",
        "honestly",
    }
    | {"particularly", "mainly", "also", "even", "only", "still", "just", "then"}
)


# In a label's middle, an article after a preposition ("Pressure on the front line",
# "Support from the senior practitioner") and a frequency after "is" ("Advice is always
# available") keep it a phrase.
_PREPOSITIONS = frozenset({"of", "for", "to", "in", "on", "with", "at", "from", "by", "about"})
_PREPOSITIONS |= {"after", "before", "during"}
_FREQUENCY = frozenset({"always", "never", "often", "usually", "sometimes", "rarely"})


def _middle_ok(before: str, word: str) -> bool:
    """Whether a small word may follow ``before`` inside a label."""
    return (word in _ARTICLES and before in _PREPOSITIONS) or (word in _FREQUENCY and before in _IS)


def _phrase_ok(words: tuple[str, ...]) -> bool:
    if words[0] in _ADVERB_START:
        return False
    if len(words) > 1 and words[-1] in _TIMES and words[-2] in _IS:
        return False
    if words[0] in _LABEL_STOP and words[0] not in _LABEL_STARTS:
        return False
    if words[0] in _VERB_START:
        return False
    if words[-1] in _LABEL_STOP or words[-1] in _VAGUE or words[-1] in _DANGLING_END:
        return False
    if any(
        w in _LABEL_STOP and w not in _LABEL_MIDDLE and not _middle_ok(words[i], w)
        for i, w in enumerate(words[1:-1])
    ):
        return False
    # A verb inside a label makes it a clause cut short: "Pressure means assessments".
    if any(w in _VERB_START and w not in ("has", "had", "gets") for w in words[1:-1]):
        return False
    content = [w for w in words if w not in _LABEL_STOP and w not in _VAGUE]
    return bool(content) and len(set(words)) == len(words)


def _surface_form(phrase: str, texts) -> str:
    """The phrase as people wrote it (most common original spelling), first letter capital."""
    words = phrase.split()
    pattern = re.compile(
        r"(?i)\b" + r"\W+".join(re.escape(w) for w in words) + r"\b",
    )
    forms: Counter = Counter()
    for text in texts:
        for m in pattern.finditer(text):
            form = m.group()
            if not re.search(r"[.!?;:,()\[\]\"]", form):
                forms[form] += 1
    form = min(forms.items(), key=lambda kv: (-kv[1], kv[0]))[0] if forms else _cased(words, texts)
    if form.isupper() and len(form) > 4:
        form = form.lower()
    return form[:1].upper() + form[1:]


def _cased(words, texts) -> str:
    """``words`` (a label no one wrote word for word: "PSW forum is open to all of the
    team") each as most of ``texts`` write it mid-sentence ("PSW", "Mosaic"), else as is."""
    wanted = {w.lower() for w in words}
    forms: dict[str, Counter] = {}
    for text in texts:
        for m in re.finditer(r"(?<=[A-Za-z,] )[A-Za-z']+", text):
            word = m.group()
            if word.lower() in wanted:
                forms.setdefault(word.lower(), Counter())[word] += 1
    out = []
    for w in words:
        seen = forms.get(w.lower())
        out.append(min(seen.items(), key=lambda kv: (-kv[1], kv[0]))[0] if seen else w)
    return " ".join(out)


# Label candidates: phrases of up to this many words, as people wrote them.
MAX_LABEL_WORDS = 5


_PUNCTUATION = re.compile(r"[.,;:!?()\[\]\"/]+|\s[-–]\s")


# Small words that bind a phrase to the word before them: "speech to text", "lack of staff".
_BINDING = frozenset({"to", "of"})
_PARTICLES = frozenset({"up", "out", "off", "back", "down"})
_ARTICLES = frozenset({"the", "a", "an", "my", "our", "their", "your"})
# Small words after which a phrase says something of what went before, not what the theme is
# about: "(Legal advice was) available quickly", "(Peer support after) difficult visits".
# After a modal a phrase is a verb phrase that lost its subject: "(could) not thank".
_COMPLEMENT = frozenset({"is", "was", "are", "were", "be", "been", "after", "before", "during"})
_COMPLEMENT |= {"can", "could", "would", "will", "should", "might", "must"}
# After a subject pronoun likewise: "(I) manage by working late".
_COMPLEMENT |= {"i", "we", "they", "you", "he", "she"}
# After a negation the phrase says the opposite of what its writers meant: "(do not) cancel
# supervision", "(no) feedback loop" ("t" is what is left of "don't"); after "do" it is a
# verb phrase: "(do) not cancel supervision".
_COMPLEMENT |= {"not", "never", "no", "t", "do", "does", "did"}
# After these a phrase is the measure of something said before it.
_DEGREE = frozenset({"too", "very", "so", "quite"})
# Words that, after a phrase, show that it ends on a verb: "(the) organisation values | us".
_OBJECT_PRONOUNS = frozenset({"us", "them", "me", "him", "her", "you", "it"})
# A phrase that this share of its holders write with the same word(s) before it starts
# mid-phrase ("Text for recording" out of "Speech to text for recording"); with the same
# particle after it, it stops inside a phrasal verb ("picking" of "picking up").
MID_PHRASE = 0.6


def _left_context(words, start) -> tuple[str, ...] | None:
    """The word(s) that would make the phrase starting at ``start`` part of a longer phrase:
    a content word just before it ("legal | advice"), a content word and a binding word
    ("speech to | text"), or a word after which it is a complement ("was | available
    quickly"); None where it starts after another small word or at the start."""
    if start == 0:
        return None
    before = words[start - 1]
    if _content_word(before) or (before in _COMPLEMENT and not _names_none(words[start])):
        return (before,)
    if before in _BINDING and start >= 2 and _content_word(words[start - 2]):
        return (words[start - 2], before)
    # "(caseloads are too) high for the complexity": what something is too much of.
    if before in _DEGREE:
        return (before,)
    # "(wellbeing as a) standing item": what something is taken as, not a thing itself.
    if before in _ARTICLES and start >= 2 and words[start - 2] == "as":
        return ("as", before)
    return None


def _longer(gram) -> bool:
    """Whether a phrase holds an article or a time word inside ("Good handover from the
    hospital", "Debriefs after difficult assessments"): the phrases ``_middle_ok`` lets
    run on, so that might be the tail of one longer still."""
    return any(w in _ARTICLES or w in ("after", "before", "during") for w in gram[1:-1])


def _named_for(words, start) -> tuple[str, ...] | None:
    """A content word and a preposition before ``start`` ("groups for | AMHPs after
    difficult assessments"), or None."""
    if start >= 2 and words[start - 1] in _PREPOSITIONS and _content_word(words[start - 2]):
        return (words[start - 2], words[start - 1])
    return None


def _names_none(word: str) -> bool:
    """Whether a phrase starting on ``word`` names a thing missing ("no feedback loop"):
    such a phrase says what it says after "there is" too."""
    return word == "no"


def _content_word(word: str) -> bool:
    return word not in _LABEL_STOP and word not in _VAGUE


def _mid_phrase(found, contexts) -> set[tuple[str, ...]]:
    """The phrases most of whose holders write them inside one longer phrase."""
    out = set()
    for gram, members in found.items():
        counted = contexts.get(gram)
        if counted and max(counted.values()) >= MID_PHRASE * len(members):
            out.add(gram)
    return out


def _statement_phrases(text: str):
    """What one statement adds to ``_candidates``: its words whole, and each phrase in it
    that may start and end a label once, in the order met, with the context(s) (none to
    two) that would make it part of a longer phrase there."""
    whole: list[str] = []  # the pieces' words together are the text's: only non-words part them
    seen, phrases = set(), []
    # A phrase never runs across punctuation ("panel met on time. Handovers").
    for piece in _PUNCTUATION.split(text):
        words = _LETTERS.findall(piece)
        whole += words
        n = len(words)
        content = [w not in _LABEL_STOP and w not in _VAGUE for w in words]
        # Only phrases that may start and end a label (``_phrase_ok`` checks the rest).
        ends = [c and w not in _DANGLING_END for c, w in zip(content, words)]
        for start, first in enumerate(words):
            if first in _LABEL_STOP and first not in _LABEL_STARTS:
                continue
            before = None  # the context before, read once for every phrase starting here
            stop = start + MAX_LABEL_WORDS
            for end in range(start, stop if stop < n else n):
                if not ends[end]:
                    continue
                gram = tuple(words[start : end + 1])
                if gram in seen:
                    continue
                seen.add(gram)
                if before is None:
                    left = _left_context(words, start)
                    before = () if left is None else (left,)
                contexts = before
                if not before and _longer(gram):
                    named = _named_for(words, start)
                    if named is not None:
                        contexts = (named,)
                # A verb's particle after it: "Reablement team picking | up"; after a phrase
                # joined by "and", the rest of its second half: "too long and telephone |
                # interpreting" joins two clauses, not two things.
                after = words[end + 1] if end + 1 < n else None
                # "Time to attend | training": a verb after "to" that most go on to give an
                # object, whichever, stops before it.
                # "Team reviews | it with me": a verb before "it" ends no label; "time to
                # read | it" is a thing named ("to read" says what the time is for).
                to_verb = end > start and words[end - 1] == "to"
                if (
                    after in _OBJECT_PRONOUNS
                    and (after != "it" or not to_verb)
                    or (to_verb and (after in _ARTICLES or (after and content[end + 1])))
                ):
                    contexts += ((">", "object"),)
                # So does a phrase most write with the same word after it, where the longer
                # one could be a label: the head of it ("Principal Social | Worker"; not
                # "Discharge pressure | means"); so does the head of a longer name
                # ("Training on the Court | of Protection").
                elif (
                    after == "of"
                    or after in _PARTICLES
                    or (
                        after
                        and content[end + 1]
                        and ("and" in gram[1:-1] or _phrase_ok(gram + (after,)))
                    )
                ):
                    contexts += ((">", after),)
                phrases.append((gram, contexts))
    return tuple(whole), phrases


def _candidates(local_texts, rows):
    """Phrases of 1 to ``MAX_LABEL_WORDS`` words held word for word by members of one
    cluster, none of them a member's whole statement nor, for most of its holders, the tail
    of a longer phrase (``_mid_phrase``): {phrase words: set of members holding it}.

    Each distinct statement is read once per ``label_memo()`` (``_statement_phrases``): the
    same statements are labelled again in each grouping an analysis tries."""
    known = memo_table("phrases")
    found: dict[tuple[str, ...], set[int]] = {}
    contexts: dict[tuple[str, ...], dict] = {}
    whole = set()
    for i in rows:
        text = local_texts[i]
        read = known.get(text)
        if read is None:
            read = known[text] = _statement_phrases(text)
        whole.add(read[0])
        for gram, around in read[1]:
            holders = found.get(gram)
            if holders is None:
                found[gram] = {i}
            else:
                holders.add(i)
            if around:
                counted = contexts.get(gram)
                if counted is None:
                    counted = contexts[gram] = {}
                for context in around:
                    counted[context] = counted.get(context, 0) + 1
    # A label never repeats a whole statement: that would be a quote, shown where the quote
    # rule may withhold it.
    for gram in whole | _mid_phrase(found, contexts):
        found.pop(gram, None)
    return found


LETTERS, LABEL_STOP, PUNCTUATION = _LETTERS, _LABEL_STOP, _PUNCTUATION
phrase_ok, surface_form, candidates = _phrase_ok, _surface_form, _candidates
content_word = _content_word
