"""Readable labels for clusters of statements.

A label is a phrase of one to five words, read as people wrote it ("Not enough supervision",
"Workload too high"), that the most members bear out (they hold at least half of its content
words) and that sets the cluster apart; no stemming, so labels are always real words. Key
terms live in analysis.key_terms (re-exported here); quotes in analysis.quotes.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import chain

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from analysis.key_terms import VAGUE as _VAGUE
from analysis.key_terms import cluster_terms, written
from analysis.text_features import prepare_all

_LETTERS = re.compile(r"(?u)\b[^\W\d_]+\b")


__all__ = ["cluster_terms", "label_words", "make_labels", "shows_label", "written"]

# Words a label may start with although they are stop words ("not enough staff").
_LABEL_STARTS = frozenset({"not", "no", "never", "too", "more", "less", "lack", "without"})
_LABEL_STOP = frozenset(ENGLISH_STOP_WORDS) | {"ve", "ll", "re", "don", "didn", "just", "really"}
# Small words a label may have in its middle ("Time for reflection", "Team is busy"); other stop
# words there (pronouns, "which", "that", "when") leave a fragment: "Team we look".
_LABEL_MIDDLE = frozenset(
    {"of", "for", "to", "in", "on", "with", "and", "is", "are", "too", "not", "no", "at", "from"}
    | {"by", "about", "more", "less", "enough", "very", "being", "been"}
)
# Words a label must not end on: it would stop mid-thought ("Pressure means", "Training for new").
_DANGLING_END = frozenset(
    {"new", "mean", "means", "take", "takes", "gets", "makes", "goes", "keeps", "seems", "knowing"}
    | {"let", "lets", "led", "put", "puts", "give", "gives", "getting", "having", "trying"}
    | {"needed", "wanted", "used", "means", "meant", "comes", "came"}
    | {"reach", "see", "hear", "tell", "do", "be", "sure", "happen", "old"}
    | {"protects", "helps", "knows", "works", "does", "leaves", "wants", "needs", "tries"}
    # "Translators are hard" stops before what is hard: "to book".
    | {"hard", "easy", "difficult", "impossible", "able", "unable"}
)


# Verbs a label must not start on: "Took weeks" says what happened, not what the theme is.
_VERB_START = frozenset(
    {"took", "take", "takes", "taking", "keeps", "kept", "goes", "has", "had", "makes"}
    | {"gets", "seems", "feels", "means", "lets", "puts", "gives", "looks"}
)


def _phrase_ok(words: tuple[str, ...]) -> bool:
    if words[0] in _LABEL_STOP and words[0] not in _LABEL_STARTS:
        return False
    if words[0] in _VERB_START:
        return False
    if words[-1] in _LABEL_STOP or words[-1] in _VAGUE or words[-1] in _DANGLING_END:
        return False
    if any(w in _LABEL_STOP and w not in _LABEL_MIDDLE for w in words[1:-1]):
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
    form = min(forms.items(), key=lambda kv: (-kv[1], kv[0]))[0] if forms else phrase
    if form.isupper() and len(form) > 4:
        form = form.lower()
    return form[:1].upper() + form[1:]


# Label candidates: phrases of up to this many words, as people wrote them.
MAX_LABEL_WORDS = 5
# A phrase counts as written by people when this many members hold it word for word.
MIN_PHRASE_MEMBERS = 2
# A second phrase joins the first ("Supervision gets cancelled and rushed") only when the first
# covers less than this share of the members and the second adds this much again.
JOIN_BELOW = 0.5
JOIN_GAIN = 0.15
SINGLE_WORD = 0.6
PHRASE_POWER = 0.25
COVER_POWER = 1.0
WORDS_POWER = 0.7
# How far a phrase written by members who go against the theme's mood counts less.
AGAINST_WEIGHT = 1.0


def _content(words) -> list[str]:
    """The words that say what a phrase is about, plural "s" taken off ("caseloads" counts
    as "caseload"): small and vague words left out."""
    return [_stem(w) for w in words if w not in _LABEL_STOP and w not in _VAGUE]


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _word_scores(member_sets, cluster_rows):
    """Per cluster, each content word's share of members times its log lift over all the
    statements sampled: {word: score} per cluster, and {word: set of member indices}."""
    n_all = len(member_sets)
    df_all: Counter = Counter()
    for words in member_sets:
        df_all.update(words)
    scores, holders = [], []
    for rows in cluster_rows:
        df: Counter = Counter()
        who: dict[str, set[int]] = {}
        for i in rows:
            for w in member_sets[i]:
                df[w] += 1
                who.setdefault(w, set()).add(i)
        n = max(1, len(rows))
        score = {}
        for w, count in df.items():
            p_c = count / n
            lift = np.log(p_c / ((df_all[w] + 1.0) / (n_all + 1.0)))
            if lift > 0:
                score[w] = p_c * lift
        scores.append(score)
        holders.append(who)
    return scores, holders


_PUNCTUATION = re.compile(r"[.,;:!?()\[\]\"/]+|\s[-–]\s")


def _candidates(local_texts, rows):
    """Phrases of 1 to ``MAX_LABEL_WORDS`` words held word for word by members of one
    cluster, none of them a member's whole statement: {phrase words: set of members holding
    it}."""
    found: dict[tuple[str, ...], set[int]] = {}
    whole = set()
    for i in rows:
        whole.add(tuple(_LETTERS.findall(local_texts[i])))
        seen = set()
        # A phrase never runs across punctuation ("panel met on time. Handovers").
        for piece in _PUNCTUATION.split(local_texts[i]):
            words = _LETTERS.findall(piece)
            # Only phrases that may start and end a label (``_phrase_ok`` checks the rest).
            starts = [w not in _LABEL_STOP or w in _LABEL_STARTS for w in words]
            ends = [
                w not in _LABEL_STOP and w not in _VAGUE and w not in _DANGLING_END for w in words
            ]
            for start in range(len(words)):
                if not starts[start]:
                    continue
                for end in range(start, min(len(words), start + MAX_LABEL_WORDS)):
                    if not ends[end]:
                        continue
                    gram = tuple(words[start : end + 1])
                    if gram not in seen:
                        seen.add(gram)
                        found.setdefault(gram, set()).add(i)
    # A label never repeats a whole statement: that would be a quote, shown where the quote
    # rule may withhold it.
    for gram in whole:
        found.pop(gram, None)
    return found


def _best_phrase(found, score, holders, n_members, exclude=frozenset(), against=None):
    """The phrase (and the members whose statements share a content word with it) that best
    sums its content words' scores, weighted toward phrases many members wrote; None if no
    phrase qualifies. ``against``: the members whose sentiment goes against the theme's
    (a phrase mostly written by them would label a complaint theme with its one praise)."""
    best, best_value, best_cover = None, 0.0, set()
    need = MIN_PHRASE_MEMBERS if n_members >= 4 else 1
    for gram, members in found.items():
        if len(members) < need:
            continue
        content = _content(gram)
        if not content or any(w in exclude for w in content) or not _phrase_ok(gram):
            continue
        # Sorted: a float sum in set order would differ with the hash seed and flip ties.
        words = sorted(set(content))
        value = sum(score.get(w, 0.0) for w in words)
        if value <= 0:
            continue
        # More words say more, but a phrase whose words all come from one repeated sentence
        # should not win on its length alone.
        value *= len(words) ** (WORDS_POWER - 1.0)
        cover = _supporters(words, holders)
        # One word alone says less than a phrase; a phrase many wrote reads more like theirs;
        # a label should speak for most of the theme.
        value *= (
            (SINGLE_WORD if len(gram) == 1 else 1.0)
            * (len(members) / n_members) ** PHRASE_POWER
            * (len(cover) / n_members) ** COVER_POWER
        )
        if against:
            value *= 1.0 - AGAINST_WEIGHT * len(members & against) / len(members)
        if value > best_value or (value == best_value and best is not None and gram < best):
            best, best_value, best_cover = gram, value, cover
    return best, best_cover


def _supporters(words, holders) -> set[int]:
    """The members that hold at least half of ``words`` (one of one or two): those whose
    statements bear the phrase out, not merely share one of its words ("Translators are
    hard to book" is not borne out by "Pool cars are hard to book")."""
    if len(words) <= 2:
        return set().union(*(holders.get(w, set()) for w in words))
    held = Counter(chain.from_iterable(holders.get(w, ()) for w in words))
    need = (len(words) + 1) // 2
    return {member for member, count in held.items() if count >= need}


def _lower_first(phrase: str) -> str:
    """ "Families chasing" to "families chasing", but "AMHP rota" stays as it is."""
    first = phrase.split()[0]
    return phrase if first[1:2].isupper() else phrase[:1].lower() + phrase[1:]


def _spread(rows, size: int) -> list:
    """Up to ``size`` of ``rows`` spread evenly over it (given most central first): the
    most central first, then a fair picture of the rest, so a label speaks for the whole
    theme and not only its core."""
    rows = list(rows)
    if len(rows) <= size:
        return rows
    picks = np.linspace(0, len(rows) - 1, size).round().astype(int)
    return [rows[i] for i in dict.fromkeys(picks.tolist())]


def _against(sentiment, members, local) -> set[int] | None:
    """The local indices of members whose sentiment goes against the cluster's clear side
    (``leaning_side``), or None when it has none."""
    if sentiment is None:
        return None
    from analysis.sentiment import leaning_side, sentiment_label

    kinds = [sentiment_label(float(sentiment[i])) for i in members]
    other = {"negative": "positive", "positive": "negative"}.get(leaning_side(Counter(kinds)))
    if other is None:
        return None
    return {j for j, kind in zip(local, kinds) if kind == other}


def make_labels(
    texts,
    cluster_rows,
    keywords,
    max_members=300,
    prepared=None,
    coverage=None,
    sentiment=None,
):
    """A short readable label for each cluster, unique across clusters.

    A label is a phrase people wrote (1 to ``MAX_LABEL_WORDS`` words, held word for word by
    at least two members, never starting or ending on a small word: ``_phrase_ok``) whose
    content words are most typical of the cluster: common in it and rarer elsewhere. When
    it covers under half of the members, a second such phrase that reaches others is joined
    with "and" ("Waiting lists and families chasing"). Among up to ``max_members``
    statements per cluster, spread over it (``_spread``); failing all that, the top key term.
    ``prepared``: ``prepare`` of each text, where the caller has it already. ``coverage``:
    a list that receives, per cluster, the share of sampled members whose statements hold a
    content word of the label. ``sentiment``: each text's score, where known: in a theme
    that is mostly negative (or positive), phrases written by the other side count less, so
    the label says what the theme says.
    """
    sampled = [_spread(rows, max_members) for rows in cluster_rows]
    flat = [i for rows in sampled for i in rows]
    local_texts = [texts[i] for i in flat] if prepared is None else [prepared[i] for i in flat]
    if prepared is None:
        local_texts = prepare_all(local_texts)
    member_sets = [set(_content(_LETTERS.findall(t))) for t in local_texts]
    local_rows, start = [], 0
    for rows in sampled:
        local_rows.append(list(range(start, start + len(rows))))
        start += len(rows)
    scores, holders = _word_scores(member_sets, local_rows)
    labels: list[str] = []
    for c, rows in enumerate(local_rows):
        member_texts = [texts[i] for i in sampled[c]]
        n = len(rows)
        label, covered = "", set()
        if n:
            found = _candidates(local_texts, rows)
            against = _against(sentiment, sampled[c], rows)
            first, covered = _best_phrase(found, scores[c], holders[c], n, against=against)
            if first is not None:
                label = _surface_form(" ".join(first), member_texts)
                if len(covered) < JOIN_BELOW * n and "and" not in first:
                    rest = {
                        g: m
                        for g, m in found.items()
                        if 2 <= len(g) <= MAX_LABEL_WORDS - len(first) and "and" not in g
                    }
                    second, more = _best_phrase(
                        rest,
                        scores[c],
                        holders[c],
                        n,
                        exclude=frozenset(_content(first)),
                        against=against,
                    )
                    if second is not None and len(more - covered) >= JOIN_GAIN * n:
                        extra = _surface_form(" ".join(second), member_texts)
                        label = f"{label} and {_lower_first(extra)}"
                        covered = covered | more
        if not label and keywords[c]:
            label = _surface_form(keywords[c][0], member_texts)
        if coverage is not None:
            coverage.append(len(covered) / n if n else 0.0)
        labels.append(label or "Other comments")
    return _unique(labels, keywords)


def _unique(labels, keywords):
    seen: Counter = Counter(labels)
    out = []
    used: set[str] = set()
    for label, terms in zip(labels, keywords):
        if seen[label] > 1 or label in used:
            extra = next((t for t in terms if t.lower() not in label.lower()), None)
            candidate = f"{label}: {extra}" if extra else label
            n = 2
            while candidate in used:
                candidate = f"{label} ({n})"
                n += 1
            label = candidate
        used.add(label)
        out.append(label)
    return out


def label_words(label: str) -> set[str]:
    """The content words of a label as ``make_labels`` counts them (plural "s" off)."""
    return set(_content(_LETTERS.findall(prepare_all([label])[0])))


def shows_label(text: str, words: set[str]) -> int:
    """How many of a label's content words a statement holds: the more, the better it
    shows what the label says (0 when it holds none, or the label has none)."""
    if not words:
        return 0
    return len(words & set(_content(_LETTERS.findall(prepare_all([text])[0]))))
