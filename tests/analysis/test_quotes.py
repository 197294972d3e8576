"""The quote rules: one quote per respondent per theme, two per report, near-duplicates once."""

from collections import Counter

from analysis.quotes import choose_quotes, limit_quotes, near_duplicate, quote_key
from analysis.theme_analysis import analyse_themes


def _theme(*quotes):
    return {"quotes": [{"text": text, "row": row} for row, text in quotes]}


WHO = {1: "a", 2: "a", 3: "a", 4: "a", 5: "b", 6: "c", 7: "d", 8: "e"}


def _who(quote):
    return WHO.get(quote["row"])


def test_one_respondent_gives_at_most_one_quote_to_a_theme():
    theme = _theme((1, "Workload is too high"), (2, "Supervision is rushed"), (5, "Duty is busy"))
    [out] = limit_quotes([theme], _who)
    assert [q["row"] for q in out["quotes"]] == [1, 5]


def test_one_respondent_gives_at_most_two_quotes_to_the_report():
    themes = [
        _theme((1, "Workload is too high for everyone")),
        _theme((2, "Supervision gets cancelled every month")),
        _theme((3, "The laptops are far too slow"), (6, "Training is good")),
        _theme((4, "Parking at the office is a nightmare")),
    ]
    out = limit_quotes(themes, _who)
    writers = Counter(_who(q) for t in out for q in t["quotes"])
    assert writers["a"] == 2
    assert [q["row"] for q in out[2]["quotes"]] == [6]
    assert out[3]["quotes"] == []


def test_only_one_respondent_in_the_whole_report():
    """Everything written by one person: two quotes at most, whatever the themes."""
    themes = [_theme((r, f"Statement number {r} about topic {r * 7}")) for r in (1, 2, 3, 4)]
    out = limit_quotes(themes, lambda q: "only")
    assert sum(len(t["quotes"]) for t in out) == 2


def test_themes_take_turns_so_the_first_cannot_use_up_a_respondent():
    first = _theme((1, "Workload is too high"), (5, "Caseloads keep rising"))
    second = _theme((2, "Supervision is rushed"))
    third = _theme((3, "Laptops are slow"))
    out = limit_quotes([first, second, third], _who)
    # Respondent "a" supplies the best quote of the first two themes, not of the third.
    assert [q["row"] for q in out[0]["quotes"]] == [1, 5]
    assert [q["row"] for q in out[1]["quotes"]] == [2]
    assert out[2]["quotes"] == []


def test_near_duplicates_are_shown_once_across_the_report():
    themes = [
        _theme((5, "Workload is far too high in our team.")),
        _theme((6, "Workload is far too high in our team!!"), (7, "Duty rota is unfair")),
    ]
    out = limit_quotes(themes, _who)
    assert [q["row"] for q in out[1]["quotes"]] == [7]
    assert near_duplicate("The workload is too high", "workload is too high.")
    assert not near_duplicate("The workload is too high", "Supervision is good")


def test_a_quote_that_holds_one_already_shown_is_not_shown_again():
    """Review 2, finding 4: "Fewer duty days … caseloads are too high for the complexity of the
    work" came just under "Caseloads are too high for the complexity of the work."."""
    short = "Caseloads are too high for the complexity of the work."
    longer = (
        "Fewer duty days and a weekly team meeting would help. "
        "Caseloads are too high for the complexity of the work."
    )
    assert near_duplicate(longer, short) and near_duplicate(short, longer)
    assert not near_duplicate("Thank you.", "Thank you. The pool cars are never free on Mondays.")
    out = limit_quotes([_theme((5, short)), _theme((6, longer), (7, "Duty rota is unfair"))], _who)
    assert [q["row"] for q in out[1]["quotes"]] == [7]
    texts = [longer, "Duty rota is unfair to part-time staff", short]
    assert [i for i, _ in choose_quotes(texts, [2, 0, 1])] == [2, 1]


def test_the_capitalised_copy_is_quoted_and_as_written():
    """Of near-identical answers that differ only in case, the one with capitals is quoted,
    and a quote keeps the respondent's own casing (nothing on the way lower-cases it)."""
    texts = ["i do not usually hear about complaints", "I do not usually hear about complaints"]
    assert choose_quotes(texts, [0, 1]) == [(1, "I do not usually hear about complaints")]
    [out] = limit_quotes([_theme((5, "Peer support groups for AMHPs help."))], _who)
    assert out["quotes"][0]["text"] == "Peer support groups for AMHPs help."
    # A capitalised statement comes first even when a lower-case one shows the label more.
    texts = ["i do not usually hear about complaints at all", "Complaints are shared in team"]
    shows = lambda text: text.count("complaints") + text.count("hear")  # noqa: E731
    assert [i for i, _ in choose_quotes(texts, [0, 1], shows=shows)][0] == 1


def test_a_lower_case_answer_that_runs_on_over_two_sentences_is_not_quoted():
    """Review 2, finding 4: "peer support groups for amhps after difficult assessments. i
    rarely see the psw…" stayed one statement (no capital starts its second sentence), so its
    quote brought in a second sentence about something else."""
    texts = [
        "peer support groups for amhps after difficult assessments. i rarely see the psw",
        "Peer support groups for AMHPs after difficult assessments.",
        "debriefs after a hard visit help a lot",
        "Faster laptops, they take ages to start. the portal is slow in the afternoons.",
        "Small things help, e.g. the wellbeing sessions every month.",
    ]
    assert [i for i, _ in choose_quotes(texts, [0, 1, 2, 3, 4])] == [1, 4, 2]


def test_hidden_quotes_are_skipped_and_the_next_one_shown():
    theme = _theme((5, "Workload is too high"), (6, "Duty is busy"))
    [out] = limit_quotes([theme], _who, hidden={quote_key("workload is TOO high.")})
    assert [q["row"] for q in out["quotes"]] == [6]


def test_the_command_line_analysis_applies_the_rules():
    """One respondent writing many answers supplies at most two quotes to the whole result."""
    prolific = [
        "Workload is far too high and caseloads keep growing every month",
        "Supervision is cancelled most months because of duty pressures",
        "The laptops are slow and the case recording system crashes daily",
        "Training courses are good but there is never time to attend them",
        "Parking near the office is impossible and mileage is paid late",
    ]
    others = [
        "Caseloads are too high for the hours we have",
        "Supervision happens but it is rushed and about cases only",
        "IT equipment is old and the system is slow",
        "Training is useful when I can get a place on it",
        "Mileage claims take months and parking costs a lot",
    ] * 3
    rows = [{"text": t, "respondent": "prolific"} for t in prolific]
    rows += [{"text": t, "respondent": f"r{i}"} for i, t in enumerate(others)]
    result = analyse_themes(rows, k=4, split=False)
    quotes = [q for t in result.themes for q in t["quotes"]]
    by_writer = Counter(rows[q["row"]]["respondent"] for q in quotes)
    assert by_writer["prolific"] <= 2
    for theme in result.themes:
        writers = [rows[q["row"]]["respondent"] for q in theme["quotes"]]
        assert len(writers) == len(set(writers))


def test_a_statement_written_with_capitals_is_quoted_before_one_typed_in_lower_case():
    from analysis.quotes import choose_quotes

    texts = [
        "i keep a weekly list and prioritise by risk",
        "The duty senior helps me prioritise by risk when it gets too much.",
        "Caseloads are too high for the complexity of the work.",
    ]
    chosen = [i for i, _ in choose_quotes(texts, [0, 1, 2], n_quotes=2)]
    assert chosen == [1, 2]
    # With nothing better to show, the lower-case one is still quoted.
    assert [i for i, _ in choose_quotes(texts[:1], [0])] == [0]


def test_a_quote_with_a_placeholder_comes_after_those_without():
    """A redacted name reads as a gap and is kept off the board's pages, so the first quotes
    are ones without a placeholder, even where the redacted one is more central."""
    texts = [
        "My manager [name] is great but supervision keeps being moved.",
        "Supervision keeps being moved at short notice.",
        "Supervision is cancelled when the team is busy.",
    ]
    assert [i for i, _ in choose_quotes(texts, [0, 1, 2])] == [1, 2, 0]


def test_one_sentence_is_quoted_before_a_statement_of_two_that_shows_the_label_as_much():
    """A short sentence joined to its neighbour reads as two answers run together."""
    from analysis.theme_labels import label_words, shows_label

    texts = [
        "Supervision training for new managers. The training offer is good, but backfill is not.",
        "The training offer is good, but backfill is not, so it is hard to attend.",
    ]
    words = label_words("Training offer")
    chosen = choose_quotes(texts, [0, 1], n_quotes=2, shows=lambda t: shows_label(t, words))
    assert [i for i, _ in chosen] == [1, 0]
    # Showing the label comes first: a statement of two that shows it is quoted before one
    # sentence that does not.
    texts[1] = "Backfill is not there, so it is hard to attend."
    chosen = choose_quotes(texts, [1, 0], n_quotes=2, shows=lambda t: shows_label(t, words))
    assert [i for i, _ in chosen] == [0, 1]
