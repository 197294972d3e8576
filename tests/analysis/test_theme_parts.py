"""What a theme covers, in parts: each part a thing people wrote about, labelled with a
phrase they wrote, found question by question; counts only from enough writers; a theme of
many parts answering one question is headed by that question's short title."""

from __future__ import annotations

import random
import re

import numpy as np

from analysis.statements import Statement, statement_key
from analysis.suppression import parts_with_enough_writers
from analysis.text_features import StatementVectorizer
from analysis.theme_analysis import fit_themes
from analysis.theme_blocks import question_clusters
from analysis.theme_clusters import ThemeModel

TAILS = [
    "would help every week",
    "is what we need most",
    "for the whole team please",
    "would make a big difference",
    "has been asked for again",
    "would save a lot of time",
    "is overdue in our office",
    "was raised at the team meeting",
    "came up in supervision too",
    "is the main thing for me",
    "would really help visits",
    "please, as soon as possible",
]
SUBJECTS = {
    "laptops": "Faster laptops",
    "translators": "A translator booking system",
    "desks": "More desks on team days",
}
TITLES = {"Q8": "Improvements to tools", "Q7": "Tools to do the job"}


def _statements():
    out = []
    for subject, opening in SUBJECTS.items():
        for tail in TAILS:
            out.append(Statement(text=f"{opening} {tail}.", row=len(out), question="Q8"))
    # The same thing said in answer to another question joins its part.
    for tail in TAILS[:6]:
        out.append(Statement(text=f"Faster laptops {tail}.", row=len(out), question="Q7"))
    return out


def _words(text):
    return re.findall(r"[a-z]+", text.lower())


def _written(phrase, texts):
    words = " ".join(_words(phrase))
    return any(f" {words} " in f" {' '.join(_words(t))} " for t in texts)


def _one_theme(statements, **params):
    model = ThemeModel(k=1, split_themes=False, question_titles=TITLES, **params)
    return model.fit(statements)


def test_a_theme_of_three_things_shows_each_with_a_phrase_its_members_wrote():
    statements = _statements()
    model = _one_theme(statements)
    [theme] = [t for t in model.themes_ if t.kind == "theme"]
    labels = [p["label"].lower() for p in theme.parts]
    assert len(theme.parts) == 3, labels
    for subject in ("laptops", "translator", "desks"):
        assert sum(subject in label for label in labels) == 1, labels
    texts = [s.text for s in statements]
    for part in theme.parts:
        members = [texts[i] for i in part["members"]]
        # Every member of a part is about what its label says, and the label is theirs.
        key = next(w for w in ("laptops", "translator", "desks") if w in part["label"].lower())
        assert all(key in m.lower() for m in members), (part["label"], members)
        assert _written(part["label"], members), part["label"]
    sizes = sorted(p["size"] for p in theme.parts)
    # The laptops part holds the answers to both questions: 12 + 6.
    assert sizes == [12, 12, 18], sizes


def test_parts_do_not_depend_on_the_order_of_the_answers():
    statements = _statements()
    first = _one_theme(statements).themes_[0].parts
    shuffled = list(statements)
    random.Random(3).shuffle(shuffled)
    again = _one_theme(shuffled).themes_[0].parts
    assert sorted((p["label"], p["size"]) for p in first) == sorted(
        (p["label"], p["size"]) for p in again
    )


def test_a_theme_of_many_parts_answering_one_question_is_headed_by_its_title():
    statements = [s for s in _statements() if s.question == "Q8"]
    [theme] = [t for t in _one_theme(statements).themes_ if t.kind == "theme"]
    # No one phrase speaks for half of it: the question it answers heads it, its parts
    # say what it holds.
    assert theme.label == "Improvements to tools", theme.label
    assert len(theme.parts) == 3


def test_a_theme_about_one_thing_has_no_parts_and_keeps_its_label():
    statements = [
        Statement(text=f"{opening} {tail}.", row=0, question=question)
        for opening, question in (("Faster laptops", "Q8"), ("Pool cars are hard to book", "Q7"))
        for tail in TAILS * 3
    ]
    model = ThemeModel(k=2, split_themes=False, question_titles=TITLES).fit(statements)
    themes = [t for t in model.themes_ if t.kind == "theme"]
    assert len(themes) == 2
    for theme in themes:
        assert theme.parts == [], (theme.label, theme.parts)
    assert sorted("laptops" in t.label.lower() for t in themes) == [False, True]


def test_without_parts_none_are_found():
    [theme] = [t for t in _one_theme(_statements(), parts=False).themes_ if t.kind == "theme"]
    assert theme.parts == []


def test_a_part_written_by_too_few_people_is_not_shown():
    statements = _statements()
    # Everything about desks was written by two people.
    writers = {
        s.row: (f"desk-{s.row % 2}" if "desks" in s.text else f"person-{s.row}") for s in statements
    }
    fit = fit_themes(statements, writer_of=writers.get, min_writers=5, k=1, split_themes=False)
    [theme] = fit.themes
    labels = [p["label"].lower() for p in theme["parts"]]
    assert len(labels) == 2 and not any("desks" in label for label in labels), labels
    # What is kept says nothing of who wrote it: the keys of its statements' words, as a
    # theme keeps them, to find it again in a re-run (and never shown: results.state).
    assert all(set(p) == {"label", "size", "member_keys"} for p in theme["parts"])
    texts = {statement_key(s.text) for s in statements}
    assert all(set(p["member_keys"]) <= texts for p in theme["parts"])


def test_a_theme_left_with_one_part_shows_none():
    parts = [
        {"label": "Faster laptops", "size": 12, "members": [0, 1, 2, 3, 4, 5]},
        {"label": "Translator booking", "size": 12, "members": [6, 7]},
    ]
    assert parts_with_enough_writers(parts, lambda part: part["members"], 5) == []
    both = parts_with_enough_writers(parts, lambda part: part["members"] * 3, 2)
    assert [p["label"] for p in both] == ["Faster laptops", "Translator booking"]


def test_the_question_is_taken_out_of_what_the_words_say():
    texts = [f"Faster laptops {tail}" for tail in TAILS] + [f"More desks {t}" for t in TAILS]
    for n_components in (10, 100):  # LSA, and too few distinct texts for it
        # Each text twice, the second time under the other question.
        questions = ["Q7", "Q8"] * 12 + ["Q8", "Q7"] * 12
        vectorizer = StatementVectorizer(n_components=n_components, question_weight=0.5)
        X = vectorizer.fit_transform(texts * 2, questions)
        text_X = vectorizer.text_part(X, questions)
        # The same words under two questions: apart with the question, one without it.
        same = 24 + 1  # the second copy of texts[1], under the other question
        assert float(X[1] @ X[same]) < 0.99
        assert float(text_X[1] @ text_X[same]) > 0.999
        assert float(text_X[0] @ text_X[13]) < 0.5  # other words, other tail


def test_question_clusters_join_the_same_thing_said_under_two_questions():
    texts = [f"Faster laptops {t}" for t in TAILS] + [f"Translator booking {t}" for t in TAILS]
    texts += [f"Faster laptops {t}" for t in TAILS]
    questions = ["Q8"] * 24 + ["Q7"] * 12
    vectorizer = StatementVectorizer(n_components=10, question_weight=0.5)
    X = vectorizer.fit_transform(texts, questions)
    labels, centres = question_clusters(
        X, vectorizer.text_part(X, questions), questions, texts, min_part=10
    )
    assert centres.shape[0] == 2
    laptops = {int(labels[i]) for i, t in enumerate(texts) if "laptops" in t}
    assert len(laptops) == 1 and np.sum(labels == laptops.pop()) == 24


def test_a_theme_answering_one_question_is_headed_by_its_title_where_its_label_says_little():
    from analysis.theme_parts import heading

    titles = {"Q15": "Changes to supervision", "Q2": "Managing your caseload"}
    changes = (
        ["Supervision training for new managers."] * 2
        + ["Do not cancel supervision when the team is busy."] * 4
        + ["Separate case supervision from reflective supervision."] * 3
        + ["Include wellbeing as a standing item in supervision."] * 3
    )
    questions = ["Q15"] * len(changes)
    # "Supervision" repeats the question; "training" is borne out by 2 of 12: the title
    # says more, even with no parts to show.
    assert heading("Supervision training", changes, questions, titles, 0) == (
        "Changes to supervision"
    )
    # Where the label is borne out by a fair share, it stays.
    trained = ["Supervision training for new managers."] * 6 + changes[2:8]
    assert heading("Supervision training", trained, questions, titles, 0) is None
    # A claim says something of its subject, and a joined label holds two things each
    # borne out by its own members: both stay unless the theme has parts to show.
    assert heading("Supervision is cancelled", changes, questions, titles, 0) is None
    assert heading("Supervision training and rota", changes, questions, titles, 0) is None
    assert heading("Supervision is cancelled", changes, questions, titles, 2) == (
        "Changes to supervision"
    )
    # Not where most members answer other questions.
    assert heading("Supervision training", changes, ["Q2"] * 7 + questions[7:], titles, 0) is None


def test_parts_whose_labels_differ_only_by_a_plural_are_one():
    from analysis.theme_parts import _unique

    parts = [
        {"label": "Waiting lists", "size": 22, "members": [1, 2]},
        {"label": "Waiting list", "size": 19, "members": [3]},
        {"label": "Hospital discharge pressure", "size": 12, "members": [4]},
    ]
    merged = _unique(parts)
    assert [(p["label"], p["size"], p["members"]) for p in merged] == [
        ("Waiting lists", 41, [1, 2, 3]),
        ("Hospital discharge pressure", 12, [4]),
    ]
    # A theme left with one part has none to show.
    assert _unique(parts[:2]) == []


def _theme_with_parts(label, statements, counts, parts, quotes=()):
    """A theme of all ``statements`` (most central first) with these sentiment ``counts``
    and ``parts`` (label, members), as the analysis hands one to ``part_quotes``."""
    from collections import Counter

    from analysis.theme_records import Theme

    return Theme(
        id="t1",
        label=label,
        keywords=[],
        size=len(statements),
        rows=len(statements),
        sentiment=0.0,
        sentiment_counts=counts,
        areas={},
        questions=dict(Counter(s.question for s in statements)),
        sources={},
        groups={},
        quotes=list(quotes),
        members=list(range(len(statements))),
        parts=[{"label": p, "size": len(m), "members": m} for p, m in parts],
    )


def test_a_theme_headed_by_its_question_is_quoted_from_each_of_its_parts():
    from analysis.statements import make_statements
    from analysis.theme_records import part_quotes

    texts = (
        ["Peer support groups for AMHPs after difficult assessments."] * 3
        + ["Flexible working and working from home after difficult visits."] * 3
        + ["Reflective sessions with the PSW made a difference."] * 2
    )
    statements = make_statements([{"text": t, "question": "Q12"} for t in texts])
    sentiment = np.full(len(statements), 0.5)
    theme = _theme_with_parts(
        "What helps staff resilience",
        statements,
        {"positive": 8, "neutral": 0, "negative": 0},
        [
            ("Peer support groups", [0, 1, 2]),
            ("Flexible working", [3, 4, 5]),
            ("Reflective sessions", [6, 7]),
        ],
        # Chosen for the label it had ("Peer support"): all one part.
        quotes=[{"text": texts[0], "sentiment": 0.5}],
    )
    texts = [s.text for s in statements]
    quotes = [q["text"] for q in part_quotes(theme, statements, sentiment, texts, 3)]
    # One from each part; those whose words take the theme's side (positive) first: the
    # "difficult assessments" of peer support groups read neutral.
    assert quotes == [texts[3], texts[6], texts[0]]
    # With no parts: the most central, each said once (a theme taking no side here).
    theme.parts, theme.sentiment_counts = [], {"positive": 0, "neutral": 8, "negative": 0}
    assert [q["text"] for q in part_quotes(theme, statements, sentiment, texts, 3)] == [
        texts[0],
        texts[3],
        texts[6],
    ]


def test_a_mostly_negative_theme_quotes_each_part_on_its_side():
    from analysis.statements import make_statements
    from analysis.theme_records import part_quotes

    texts = [
        "I keep a weekly list and prioritise by risk.",
        "I keep a weekly list and prioritise by risk, it never feels like enough.",
        "Working late most evenings to catch up on recording, which is not sustainable.",
        "Working late most evenings to catch up on recording.",
    ]
    statements = make_statements([{"text": t, "question": "Q2"} for t in texts])
    texts = [s.text for s in statements]
    sentiment = np.array([0.0, -0.5, -0.6, -0.1])
    theme = _theme_with_parts(
        "Managing your caseload",
        statements,
        {"positive": 0, "neutral": 1, "negative": 3},
        [("Prioritise by risk", [0, 1]), ("Working late", [3, 2])],
    )
    quotes = part_quotes(theme, statements, sentiment, texts, 2)
    assert [q["text"] for q in quotes] == [texts[1], texts[2]]


def test_a_theme_mostly_answering_one_question_quotes_answers_to_it():
    # Who staff ask for help (Q3), clustered with what helps their resilience (Q12): read
    # under "What helps staff resilience", "Team manager and senior practitioner." says
    # something else. The part answering Q3 gives no quote; the theme's own quotes answer Q12.
    from analysis.statements import make_statements
    from analysis.theme_records import part_quotes

    rows = [
        {"text": "Peer support groups for AMHPs after difficult assessments.", "question": "Q12"},
        {"text": "Peer support groups for AMHPs, they keep me going.", "question": "Q12"},
        {
            "text": "Flexible working and working from home after difficult visits.",
            "question": "Q12",
        },
        {"text": "Flexible working hours when I need them.", "question": "Q12"},
        {"text": "Flexible working and a proper lunch break.", "question": "Q12"},
        {"text": "Team manager and senior practitioner.", "question": "Q3"},
        {"text": "The senior practitioner or my supervisor.", "question": "Q3"},
    ]
    statements = make_statements(rows)
    texts = [s.text for s in statements]
    sentiment = np.full(len(statements), 0.5)
    theme = _theme_with_parts(
        "What helps staff resilience",
        statements,
        {"positive": 7, "neutral": 0, "negative": 0},
        [
            ("Flexible working", [2, 3, 4]),
            ("Peer support groups", [0, 1]),
            ("Senior practitioner", [5, 6]),
        ],
    )
    quotes = part_quotes(theme, statements, sentiment, texts, 3)
    assert {q["question"] for q in quotes} == {"Q12"}, quotes
    assert len(quotes) == 2  # one from each part that answers Q12
    # With no parts, its own most central quotes, all answering Q12 (there are enough).
    theme.parts = []
    assert {q["question"] for q in part_quotes(theme, statements, sentiment, texts, 3)} == {"Q12"}
    # A theme answering no one question mostly is quoted from all of them.
    theme.members = [0, 5, 6]
    assert {q["question"] for q in part_quotes(theme, statements, sentiment, texts, 3)} == {
        "Q3",
        "Q12",
    }


def test_a_question_theme_quotes_the_sentences_that_open_answers():
    # "Able to use knowledge and skills" (Q10): an answer's first sentence answers it; "Mosaic
    # is slow" added after it is about something else, and is not quoted while enough first
    # sentences are there to quote.
    from analysis.statements import make_statements
    from analysis.theme_records import part_quotes

    rows = [
        {
            "text": "Yes, my manager gives me room to use my judgement. "
            "Mosaic is slow in the afternoons.",
            "question": "Q10",
        },
        {
            "text": "Yes, especially on complex cases where I use my experience. "
            "We need private rooms for calls.",
            "question": "Q10",
        },
        {
            "text": "Being on duty so often means I do not use my specialist skills.",
            "question": "Q10",
        },
        {"text": "Mostly, when I am not covering duty.", "question": "Q10"},
    ]
    statements = make_statements(rows)
    texts = [s.text for s in statements]
    assert len(statements) == 6
    sentiment = np.full(len(statements), 0.3)
    theme = _theme_with_parts(
        "Able to use knowledge and skills",
        statements,
        {"positive": 6, "neutral": 0, "negative": 0},
        [],
    )
    quotes = part_quotes(theme, statements, sentiment, texts, 3)
    assert len(quotes) == 3
    assert not {"Mosaic is slow in the afternoons.", "We need private rooms for calls."} & {
        q["text"] for q in quotes
    }
    # Asked for more quotes than there are opening sentences, all answers are quoted from.
    quotes = part_quotes(theme, statements, sentiment, texts, 6)
    assert "Mosaic is slow in the afternoons." in {q["text"] for q in quotes}


def test_a_theme_label_names_its_largest_part_where_the_label_misses_it():
    from analysis.theme_parts import _names_largest

    texts = ["Progression to senior practitioner has no clear pathway."] * 8 + [
        "I would like more training on the Mental Capacity Act.",
        "The training offer is good, but backfill is not.",
        "More training on the Court of Protection.",
    ]
    statements = [Statement(text=t, row=i, question="Q9") for i, t in enumerate(texts)]
    progression = list(range(8))
    parts = [("Progression to senior practitioner", progression), ("More training", [8, 10])]
    theme = _theme_with_parts("Training offer", statements, {"negative": 11}, parts)
    assert _names_largest(theme, texts) == ("Training offer and progression to senior practitioner")
    # A part labelled with what its statements say of it is named without that: a theme's
    # label names, its parts say.
    said = "Progression to senior practitioner has no clear pathway"
    parts = [(said, progression), ("More training", [8, 10])]
    theme = _theme_with_parts("Training offer", statements, {"negative": 11}, parts)
    assert _names_largest(theme, texts) == ("Training offer and progression to senior practitioner")
    # Nor where fewer people than a part needs say it (it would be withheld, not named).
    assert _names_largest(theme, texts, lambda i: "one writer", 5) is None
    assert _names_largest(theme, texts, lambda i: i, 5) is not None
    # A largest part that bears the label out, or a small one, leaves the label as it is.
    parts = [("More training", [8, 9, 10]), ("Progression to senior practitioner", [0, 1])]
    theme = _theme_with_parts("Training offer", statements, {"negative": 11}, parts)
    assert _names_largest(theme, texts) is None
    theme = _theme_with_parts("Training offer", statements * 3, {"negative": 21}, parts[::-1])
    assert _names_largest(theme, texts * 3) is None
    # A larger part the label names already ("The training offer is good…") is passed over
    # for the largest it does not name.
    texts = texts + ["The training offer is good, but backfill is not."] * 9
    statements = [Statement(text=t, row=i, question="Q9") for i, t in enumerate(texts)]
    parts = [("Training offer is good", list(range(11, 20))), ("Progression", progression)]
    theme = _theme_with_parts("Training offer", statements, {"negative": 20}, parts)
    assert _names_largest(theme, texts) == "Training offer and progression"


def test_a_part_too_few_wrote_neither_shows_nor_names_its_theme():
    # One respondent writing one sentence sixteen times is one writer: their part is not
    # shown, and its label (now read to the end of its clause) never joins the theme's.
    from analysis.theme_analysis import analyse_themes

    rows = []
    for opening in ("Faster laptops", "A translator booking system"):
        for tail in TAILS:
            rows.append({"text": f"{opening} {tail}.", "question": "Q8", "respondent": len(rows)})
    secret = "Yes, the night rota on the hospital ward leaves me on my own."
    rows.append({"text": " ".join([secret] * 16), "question": "Q8", "respondent": "solo"})
    result = analyse_themes(rows, k=1, min_writers=5)
    for theme in result.themes:
        assert "on my own" not in theme["label"] and "hospital ward" not in theme["label"]
        assert not any("ward" in part["label"] for part in theme["parts"])


def test_a_part_counts_only_the_statements_that_say_its_label():
    # A part is a cluster: its nearest statements include some it does not speak for
    # ("Tick box exercise (46)" held four "I rarely see the PSW"). Those are other things.
    from types import SimpleNamespace

    from analysis.theme_parts import count_saying

    texts = ["It is a tick box exercise, we go through the cases."] * 9
    texts += ["I rarely see the PSW and I am not sure what the role does."] * 4
    texts += ["Group supervision every month helps."] * 8

    def counted(texts):
        """A theme of ``texts``, its first 13 a part "Tick box exercise" and the next 8
        "Group supervision", as counted."""
        tick = {"label": "Tick box exercise", "size": 13, "members": list(range(13))}
        group = {"label": "Group supervision", "size": 8, "members": list(range(13, 21))}
        theme = SimpleNamespace(kind="theme", members=list(range(len(texts))), parts=[tick, group])
        statements = [SimpleNamespace(text=t) for t in texts]
        count_saying(SimpleNamespace(statements_=statements, themes_=[theme]))
        return theme.parts

    parts = counted(texts)
    assert [(p["label"], p["size"]) for p in parts] == [
        ("Tick box exercise", 9),
        ("Group supervision", 8),
    ]
    assert parts[0]["members"] == list(range(9))
    # And what the theme's other statements say: the same words written under another
    # question sit in another cut, or in none, and are as much what the part says.
    parts = counted(texts + ["Group supervision every month helps."] * 3)
    assert [(p["label"], p["size"]) for p in parts] == [
        ("Group supervision", 11),
        ("Tick box exercise", 9),
    ]


def test_a_part_counts_what_all_its_label_says():
    # Half the words is not enough: "Supervision gets cancelled" holds "supervision" but does
    # not say "Good supervision"; "Pool cars are hard to book" does not say "Translators are
    # hard to book"; "My manager is always available" does not say "Manager is not available".
    from types import SimpleNamespace

    from analysis.theme_parts import count_saying

    cases = [
        ("Good supervision", "Good supervision every month.", "Supervision gets cancelled."),
        (
            "Translators are hard to book",
            "Translators are hard to book at short notice.",
            "Pool cars are hard to book.",
        ),
        (
            "Manager is not available",
            "My manager is not available on Fridays.",
            "My manager is always available.",
        ),
    ]
    for label, says, does_not in cases:
        texts = [says] * 8 + [does_not] * 6 + ["Group supervision helps."] * 8
        statements = [SimpleNamespace(text=t) for t in texts]
        part = {"label": label, "size": 14, "members": list(range(14))}
        other = {"label": "Group supervision", "size": 8, "members": list(range(14, 22))}
        theme = SimpleNamespace(kind="theme", members=list(range(22)), parts=[part, other])
        count_saying(SimpleNamespace(statements_=statements, themes_=[theme]))
        assert (theme.parts[0]["label"], theme.parts[0]["size"]) == (label, 8), label


def test_a_theme_most_of_whose_statements_name_an_acronym_is_labelled_with_it():
    # "Practice forums" over "The PSW is visible and approachable" and "I rarely see the PSW":
    # the label says who the theme is about, and takes no side.
    from types import SimpleNamespace

    from analysis.theme_parts import _names_acronym

    def model(texts, writer=None, quotable=True):
        statements = [
            Statement(text=t, row=i, question="Q1", quotable=quotable) for i, t in enumerate(texts)
        ]
        return SimpleNamespace(
            statements_=statements,
            writers=(lambda row: writer if writer is not None else ("person", row)),
            min_part_writers=5,
        )

    texts = (
        ["The PSW is visible and approachable."] * 5
        + ["I rarely see the PSW and I am not sure what the role does."] * 4
        + ["The practice forums are good."] * 3
    )

    def theme(members, label="Practice forums"):
        return SimpleNamespace(label=label, members=list(members))

    everyone = range(len(texts))
    assert _names_acronym(theme(everyone), model(texts), set()) == "PSW and practice forums"
    assert _names_acronym(theme(everyone), model(texts), {"Practice forums"}) is None  # a title
    assert _names_acronym(theme(range(7, 12)), model(texts), set()) is None  # under half
    # Not one person's capitals, nor those of writers whose quotes are withheld, nor initials
    # or a statement written in capitals.
    assert _names_acronym(theme(everyone), model(texts, writer="one"), set()) is None
    assert _names_acronym(theme(everyone), model(texts, quotable=False), set()) is None
    initials = [t.replace("PSW", "JB") for t in texts]
    assert _names_acronym(theme(everyone), model(initials), set()) is None
    shouted = ["THIS NEVER HAPPENS HERE AT ALL."] * 12
    assert _names_acronym(theme(everyone), model(shouted), set()) is None
    assert _names_acronym(theme(everyone, label=" "), model(texts), set()) is None


def test_a_part_saying_what_it_is_is_said_of_its_themes_name():
    from types import SimpleNamespace

    from analysis.theme_parts import name_what_it_is

    texts = ["It is a tick box exercise, we go through the cases and that is it."] * 9
    texts += ["It is a tick box exercise."]
    texts += ["It is a real shame, my manager is lovely but always busy."] * 5
    texts += ["It is a good idea, but it never happens."] * 5
    parts = [
        {"label": "Tick box exercise", "size": 10, "members": list(range(10))},
        {"label": "Real shame", "size": 5, "members": list(range(10, 15))},
        {"label": "Good idea", "size": 5, "members": list(range(15, 20))},
    ]

    def fitted(label, title="Experiences of supervision"):
        theme = SimpleNamespace(kind="theme", label=label, parts=[dict(p) for p in parts])
        statements = [SimpleNamespace(text=t, question="Q13") for t in texts]
        model = SimpleNamespace(statements_=statements, themes_=[theme])
        model.question_titles = {"Q13": title}
        name_what_it_is(model)
        return [p["label"] for p in theme.parts]

    # "It" is what they were asked about; a judgement ("a real shame") is often the
    # situation, and a clause after "but" says what the label does not (found by a red team).
    assert fitted("Supervision") == [
        "Supervision is a tick box exercise",
        "Real shame",
        "Good idea",
    ]
    # Not under a question's title, a name the questions do not ask about, or a plural.
    assert fitted("What helps staff resilience")[0] == "Tick box exercise"
    assert fitted("Other comments")[0] == "Tick box exercise"
    assert fitted("Office", "Pool cars")[0] == "Tick box exercise"
    assert fitted("Laptops", "Laptops")[0] == "Tick box exercise"
