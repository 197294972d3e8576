"""Themes: same input, same themes; every statement in one theme or unclear; readable labels,
redacted quotes; edits that last; odd input gives a result, never a traceback."""

import json

import numpy as np
import pytest

from analysis.redaction import redact
from analysis.sentiment import statement_sentiment, text_sentiment
from analysis.statements import (
    MAX_INPUT_CHARS,
    clean_text,
    is_nothing_answer,
    make_statements,
    split_statements,
)
from analysis.text_features import prepare, tokens
from analysis.theme_analysis import analyse_themes
from analysis.theme_clusters import UNCLEAR, ThemeModel
from analysis.theme_edits import carry_edits, merge_themes, rename_theme

from .theme_fixtures import TOPICS, survey_rows

NAMES = ["Sarah Okafor", "Tomasz Nowak", "Priya Patel"]


@pytest.fixture(scope="module")
def rows():
    return survey_rows(200, names=NAMES)


@pytest.fixture(scope="module")
def result(rows):
    return analyse_themes(rows)


def test_same_input_gives_same_themes_twice(rows, result):
    again = analyse_themes(rows)
    assert json.dumps(again.to_dict(), sort_keys=True) == json.dumps(
        result.to_dict(), sort_keys=True
    )


def test_every_statement_is_in_exactly_one_theme_or_unclear(result):
    members = [m for t in result.themes for m in t["members"]] + result.unclear["members"]
    assert sorted(members) == list(range(len(result.statements)))
    for theme in result.themes:
        assert theme["size"] == len(theme["members"])
    assert result.unclear["size"] == len(result.unclear["members"])


def test_themes_follow_the_topics(rows, result):
    # Each topic's answers land mostly in one theme.
    for topic in TOPICS:
        ids = [a for r, a in zip(rows, result.assignments) if r.get("topic") == topic]
        top = max(set(ids), key=ids.count)
        assert ids.count(top) / len(ids) >= 0.7, topic


def test_theme_fields_and_readable_labels(rows, result):
    words = {w for r in rows for w in tokens(prepare(r["text"]))}
    for theme in result.themes:
        assert theme["label"] and len(theme["label"].split()) <= 5
        assert all(w in words for w in tokens(prepare(theme["label"])))
        assert theme["keywords"]
        assert 1 <= len(theme["quotes"]) <= 5
        if theme["size"] >= 3 and theme["kind"] == "theme":
            assert len(theme["quotes"]) >= 3
        assert set(theme["sources"]) <= {"survey", "focus_group"}
        assert -1 <= theme["sentiment"] <= 1
    labels = [t["label"] for t in result.themes]
    assert len(labels) == len(set(labels))
    assert any("too high" in label.lower() for label in labels), labels


def test_quotes_are_redacted(result):
    quotes = " ".join(q["text"] for t in result.themes for q in t["quotes"])
    for name in NAMES:
        for part in name.split():
            assert part not in quotes
    assert all(name.split()[0] not in s.text for s in result.statements for name in NAMES)


def test_nothing_answers_have_their_own_theme(rows, result):
    nothing = [t for t in result.themes if t["kind"] == "nothing"]
    assert len(nothing) == 1
    assert nothing[0]["size"] == sum(1 for r in rows if is_nothing_answer(r["text"]))


def test_assignments_and_sentiment_per_row(rows, result):
    assert len(result.assignments) == len(result.sentiment) == len(rows)
    ids = {t["id"] for t in result.themes}
    assert all(a is None or a in ids for a in result.assignments)
    assert all(-1 <= s <= 1 for s in result.sentiment)


def test_k_is_honoured(rows):
    model = ThemeModel(k=3).fit(make_statements(rows))
    assert model.k_ == 3
    assert len([t for t in model.themes_ if t.kind == "theme"]) <= 3


def test_k_is_chosen_automatically(rows):
    model = ThemeModel().fit(make_statements(rows))
    assert 2 <= model.k_ <= 20


def test_predict_new_statements(rows):
    model = ThemeModel(k=5).fit(make_statements(rows))
    labels = model.predict(["The laptop keeps crashing and IT is slow", "Nothing"])
    it_theme = model.themes_[labels[0]]
    assert "laptop" in " ".join(it_theme.keywords + [it_theme.label]).lower() or any(
        "laptop" in q["text"].lower() for q in it_theme.quotes
    )
    assert model.themes_[labels[1]].kind == "nothing"


def test_renamed_theme_keeps_its_name_after_rerun_with_more_comments(rows, result):
    target = next(t for t in result.themes if "desk" in " ".join(t["keywords"]))
    edited = rename_theme(result.themes, target["id"], "Hot desking and space")
    more = rows + survey_rows(60, seed=7)
    rerun = analyse_themes(more, previous=edited)
    renamed = [t for t in rerun.themes if t["label"] == "Hot desking and space"]
    assert len(renamed) == 1
    assert renamed[0]["id"] == target["id"] and renamed[0]["label_edited"]
    # More comments may split the office theme finer (hot desking, quiet rooms): the renamed
    # theme is the one that kept the statements about desks.
    assert set(renamed[0]["member_keys"]) & set(target["member_keys"])
    assert "desk" in " ".join(renamed[0]["keywords"])


def test_merged_themes_stay_merged_after_rerun(rows, result):
    regular = [t for t in result.themes if t["kind"] == "theme"]
    first, second = regular[0], regular[1]
    merged = merge_themes(result.themes, [first["id"], second["id"]], label="Pressures")
    assert len(merged) == len(result.themes) - 1
    combined = next(t for t in merged if t["id"] == first["id"])
    assert combined["size"] == first["size"] + second["size"]
    assert combined["merged_from"] == [first["id"], second["id"]]
    rerun = analyse_themes(rows + survey_rows(40, seed=3), previous=merged)
    kept = [t for t in rerun.themes if t["label"] == "Pressures"]
    assert len(kept) == 1 and kept[0]["size"] >= combined["size"]
    assert second["id"] not in {t["id"] for t in rerun.themes}
    assert all(a != second["id"] for a in rerun.assignments)


def test_carry_edits_without_matches_keeps_ids_unique(result):
    themes, id_map = carry_edits([], result.themes)
    assert [t["id"] for t in themes] == [t["id"] for t in result.themes]
    assert set(id_map.values()) == {t["id"] for t in result.themes}


def test_rename_needs_a_name(result):
    with pytest.raises(ValueError):
        rename_theme(result.themes, result.themes[0]["id"], "  ")
    with pytest.raises(KeyError):
        rename_theme(result.themes, "nope", "Name")


@pytest.mark.parametrize(
    "rows",
    [
        [],
        [""] * 5,
        [None, "", "   "],
        ["😀😀", "👍", "🙂🙂🙂"] * 10,
        ["Supervision helps"],
        ["Das Arbeitspensum ist zu hoch", "La supervisión es útil", "Nid oes digon o amser"] * 5,
        ["Workload is too high. " * 4000, "Supervision is helpful. " * 4000],
        ["N/A", "None", "Nothing", "No"],
        ["same answer"] * 50,
    ],
    ids=["empty", "blank", "none", "emoji", "one", "non-english", "very-long", "nothing", "dup"],
)
def test_odd_input_gives_a_result(rows):
    result = analyse_themes(rows)
    data = result.to_dict()
    json.dumps(data)
    assert len(data["assignments"]) == len(rows)
    total = sum(t["size"] for t in data["themes"]) + data["unclear"]["size"]
    assert total == data["n_statements"]
    if not any((r or "").strip() for r in rows):
        assert data["messages"]


def test_emoji_only_statements_are_unclear():
    result = analyse_themes(["😀😀", "👍"] + ["Workload too high"] * 5)
    assert result.assignments[:2] == [None, None]


def test_model_labels_are_theme_indices(rows):
    model = ThemeModel(k=4).fit(make_statements(rows))
    assert set(np.unique(model.labels_)) <= set(range(len(model.themes_))) | {UNCLEAR}


def test_unknown_method_is_a_clear_error():
    with pytest.raises(ValueError, match="method"):
        ThemeModel(method="magic").fit(["a b c"])


# -- statements and sentiment ----------------------------------------------------------


def test_negations_survive_cleaning():
    assert tokens(prepare("Not enough supervision")) == ["not", "enough", "supervision"]
    assert "not" in tokens(prepare("I don't get supervision"))


def test_long_answers_are_split_into_statements():
    text = (
        "Supervision is rare. When it happens it is rushed. "
        "The IT system crashes daily and loses my notes. Mr. Smith agrees."
    ) * 3
    pieces = split_statements(text)
    assert len(pieces) >= 4
    assert all(len(p) <= 400 for p in pieces)
    assert split_statements("Workload too high.") == ["Workload too high."]


def test_sentiment_knows_the_question():
    assert statement_sentiment("Nothing", "What could be improved?") > 0
    assert statement_sentiment("Nothing", "What helps you in your work?") < 0
    assert statement_sentiment("Supervision is really helpful") > 0.3
    assert statement_sentiment("Not enough supervision, I feel unsupported") < 0
    assert statement_sentiment("We are understaffed and overworked") < -0.3
    assert -1 <= text_sentiment("Great. " * 1000) <= 1


def test_quotes_come_only_from_statements_that_may_be_quoted(rows):
    statements = make_statements(
        [{**row, "quotable": index % 3 != 0} for index, row in enumerate(rows)]
    )
    model = ThemeModel(random_state=0).fit(statements)
    quoted_rows = [q["row"] for t in model.themes_ + [model.unclear_] for q in t.quotes]
    assert quoted_rows and all(index % 3 != 0 for index in quoted_rows)
    # when the most central statements may not be quoted, the next ones are
    everything = ThemeModel(random_state=0).fit(make_statements(rows))
    first_quotes = {t.id: t.quotes[0]["row"] for t in everything.themes_ if t.quotes}
    banned = set(first_quotes.values())
    statements = make_statements(
        [{**row, "quotable": index not in banned} for index, row in enumerate(rows)]
    )
    model = ThemeModel(random_state=0).fit(statements)
    assert all(t.quotes for t in model.themes_ if t.size > 1)
    assert not banned & {q["row"] for t in model.themes_ for q in t.quotes}


@pytest.mark.parametrize(
    "scores, k",
    [
        # a peak inside the range
        ([0.10, 0.20, 0.30, 0.25, 0.22], 4),
        # rises fast then flattens: the knee
        ([0.10, 0.32, 0.36, 0.38, 0.39, 0.40], 3),
        # rises ever faster (no knee): the fewest themes within 90% of the best
        ([0.038, 0.051, 0.039, 0.062, 0.067, 0.084, 0.12, 0.15, 0.17, 0.188], 10),
        # rises evenly
        ([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0], 10),
    ],
)
def test_the_number_of_themes_from_the_silhouette_curve(scores, k):
    from analysis.theme_clusters import pick_k

    assert pick_k([(i + 2, s) for i, s in enumerate(scores)]) == k


@pytest.mark.parametrize(
    "phrase, ok",
    [
        ("time for reflection", True),
        ("team is busy", True),
        ("not enough supervision", True),
        ("hot desking", True),
        ("team we look", False),
        ("office that day", False),
        ("pressure means", False),
        ("training for new", False),
        ("make us enter", False),
        ("discharge pressure means assessments", False),
        ("manager protects", False),
        ("supervision gets cancelled", True),
    ],
)
def test_labels_are_phrases_not_fragments(phrase, ok):
    from analysis.theme_labels import _phrase_ok

    assert _phrase_ok(tuple(phrase.split())) is ok


ODD_TEXTS = [
    "",
    "  Not enough   supervision  ",
    "Line one\r\n\r\n  line two \x0b\x1c end\u00a0\u00a0here",
    "\u2003Mrs Patel said\u3000thanks \u2028 twice\n\n\n- a bullet\n1) another",
    "ﬁne ① ｆｕｌｌwidth e\u0301 \x00\x7f",
    "Sarah Okafor rang 07700 900123 about case no. 12345. " * 3,
    "A long answer. " * 40,
    "word " * 5000,
]


@pytest.mark.parametrize("text", ODD_TEXTS)
def test_clean_text_is_idempotent(text):
    # make_statements skips the second clean_text when redaction changed nothing.
    once = clean_text(text)
    assert clean_text(once) == once


def test_make_statements_is_redact_then_split():
    rows = [{"text": t} for t in ODD_TEXTS] * 2  # repeats are redacted and split once
    expected = []
    for row in rows:
        cleaned = redact(clean_text(row["text"])[:MAX_INPUT_CHARS], NAMES)
        expected.append(split_statements(cleaned))
    got: dict[int, list[str]] = {}
    for statement in make_statements(rows, staff_names=NAMES):
        got.setdefault(statement.row, []).append(statement.text)
    assert [got.get(i, []) for i in range(len(rows))] == expected


def test_char_ngram_counts_match_scikit_learn():
    from sklearn.feature_extraction.text import HashingVectorizer

    from analysis.text_features import char_ngram_counts

    texts = [prepare(t) for t in ODD_TEXTS] + ["a", "ab abc abcd abcde", "ñandú 日本語"]
    expected = HashingVectorizer(
        preprocessor=lambda t: t,
        analyzer="char_wb",
        ngram_range=(3, 5),
        n_features=2**18,
        alternate_sign=False,
        norm=None,
        dtype=np.float32,
    ).transform(texts)
    got = char_ngram_counts(texts)
    assert (got != expected).nnz == 0
    assert np.array_equal(got.indptr, expected.indptr)
    assert np.array_equal(got.indices, expected.indices)


def test_sentiment_without_care_phrases_is_what_vader_gives():
    from analysis.sentiment import vader

    # (Care phrases, requests and contrast change the score: "I am still waiting" is one.)
    for text in ["I am at home with my card?", "--card--", "Kind of", ":)", "Good!!", "..."]:
        assert statement_sentiment(text) == float(vader().polarity_scores(text)["compound"])


def test_char_ngram_counts_without_words():
    from analysis.text_features import char_ngram_counts

    assert char_ngram_counts(["", "  "]).shape == (2, 2**18)
    assert char_ngram_counts(["", "  "]).nnz == 0


def test_an_answer_that_the_question_does_not_apply_says_nothing_to_add():
    for text in (
        "Not applicable to my role, I am a social worker.",
        "Not applicable to me",
        "n/a to my team",
        "Not applicable",
    ):
        assert is_nothing_answer(text), text
    for text in (
        "Not applicable to the OT team because we lack time",
        "No applicable standards here",
        "Not enough time for supervision",
    ):
        assert not is_nothing_answer(text), text
