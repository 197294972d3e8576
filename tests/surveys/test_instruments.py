"""The instrument files: every bundled one loads, Appendix 5 is complete and in its own words,
and a bad file is refused with a message that says where and what is wrong."""

import copy
import functools
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from healthcheck.commands.instrument import COMMANDS, instrument
from surveys import (
    INSTRUMENTS_DIR,
    QUESTION_TYPES,
    SCHEMA_PATH,
    InstrumentError,
    InstrumentNotFound,
    available_instruments,
    build_instrument,
    load_bundled,
    load_instrument,
)
from surveys.question_types import ANSWER_KINDS, TYPE_FIELDS

REPO_ROOT = Path(__file__).resolve().parents[2]
SEED_DIR = REPO_ROOT.parent / "shared" / "seed"
APPENDIX5 = INSTRUMENTS_DIR / "appendix5-v1.yaml"
BUNDLED_FILES = sorted(INSTRUMENTS_DIR.glob("*.y*ml"))
AREAS = ["workload", "workflow", "tools", "workplace", "delivery"]


def normalise(text):
    """Collapse whitespace and bullet marks so wording can be compared across line breaks."""
    return re.sub(r"\s+", " ", re.sub(r"^\s*[-•]\s+", " ", text, flags=re.M)).strip()


@pytest.fixture(scope="module")
def appendix5():
    return load_bundled("appendix5", 1)


@pytest.fixture(scope="module")
def seed_text():
    """Appendix 5 of the framework, from the seed document beside the repository."""
    if not SEED_DIR.is_dir():
        pytest.skip(f"seed folder {SEED_DIR} is absent")
    for path in sorted(SEED_DIR.glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        if "Adult Services Health Check – Focus Group Questions" in text:
            start = text.index("Appendix 5\n")
            return normalise(text[start : text.index("Appendix 6\n", start)])
    pytest.fail(f"no seed file in {SEED_DIR} holds Appendix 5")


@pytest.fixture(scope="module")
def discussion_topics_seed():
    if not SEED_DIR.is_dir():
        pytest.skip(f"seed folder {SEED_DIR} is absent")
    for path in sorted(SEED_DIR.glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        if "The focus groups would discuss the following areas:" in text:
            return text
    pytest.fail(f"no seed file in {SEED_DIR} lists the discussion topics")


# --- Every bundled file ---------------------------------------------------------------------------


def test_the_appendix5_instrument_is_bundled():
    assert APPENDIX5 in BUNDLED_FILES
    refs = available_instruments()
    assert ("appendix5", 1, APPENDIX5) in [(r.id, r.version, r.path) for r in refs]


@pytest.mark.parametrize("path", BUNDLED_FILES, ids=lambda path: path.name)
def test_every_bundled_file_loads_and_is_named_after_its_id_and_version(path):
    loaded = load_instrument(path)

    assert path.name == f"{loaded.id}-v{loaded.version}.yaml"
    assert loaded.questions
    assert len(set(loaded.columns())) == len(loaded.columns())


@pytest.mark.parametrize("path", BUNDLED_FILES, ids=lambda path: path.name)
def test_every_bundled_file_has_scored_items_in_every_area(path):
    loaded = load_instrument(path)

    for area in loaded.areas:
        assert loaded.scored_items(area.id), f"area {area.id} has nothing scored"


def test_load_bundled_is_cached(appendix5):
    assert load_bundled("appendix5", 1) is appendix5
    assert load_bundled("appendix5").version == 1


def test_load_bundled_names_a_missing_instrument():
    with pytest.raises(InstrumentNotFound, match="appendix5-v99.yaml"):
        load_bundled("appendix5", 99)


def test_the_schema_is_valid_and_documents_every_field():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)

    def undocumented(node, where):
        if isinstance(node, dict):
            for name, sub in node.get("properties", {}).items():
                if "description" not in sub:
                    yield f"{where}.{name}"
            for key, sub in node.items():
                if key != "if":  # conditions match values, they are not fields
                    yield from undocumented(sub, f"{where}.{key}")
        elif isinstance(node, list):
            for sub in node:
                yield from undocumented(sub, where)

    assert list(undocumented(schema, "schema")) == []


# --- Appendix 5, complete and in its own words ----------------------------------------------------


def test_appendix5_questions_1_to_22_appear_in_order(appendix5):
    numbered = [q for q in appendix5.questions if q.number is not None]

    assert [q.number for q in numbered] == list(range(1, 23))
    assert [q.id for q in numbered] == [f"Q{n}" for n in range(1, 23)]
    assert not any(q.addition for q in numbered)
    assert all(q.addition for q in appendix5.questions if q.number is None)


def test_key_wording_is_kept_exactly(appendix5):
    assert appendix5.question("Q1").text == "How fairly is work allocated in your team?"
    assert appendix5.question("Q16").text == (
        "How far do you agree with the following statement on a scale of 1 - 10? "
        '"I take responsibility for trying to find solutions to problems in my work"'
    )
    assert appendix5.question("Q7").text.endswith(
        "Tell me about the tools you have at your disposal to assist with your work?"
    )


@pytest.mark.parametrize("number", [n for n in range(1, 23) if n != 14])
def test_question_wording_matches_appendix5(appendix5, seed_text, number):
    question = appendix5.question(f"Q{number}")

    assert f"{number}. {question.text} " in seed_text + " "


def test_every_question_keeps_the_frameworks_wording_and_gains_the_surveys(appendix5, seed_text):
    """`text` stays the framework's (focus groups read it); the survey asks in the second person."""
    for question in appendix5.questions:
        if question.number is not None and question.number != 14:
            assert f"{question.number}. {question.text} " in seed_text + " ", question.id
        survey = question.survey_text
        unquoted = re.sub("‘[^’]*’", "", survey)  # a statement to agree with says "I", "my"
        assert not re.search(r"\b(me|my)\b", unquoted), question.id
        assert len(survey.split()) <= 25, question.id
    assert appendix5.question("Q2").text.startswith("Tell me about")
    assert appendix5.question("Q2").survey_text.startswith("Tell us how you manage")
    assert appendix5.question("Q13").survey_text == "Tell us about your experience of supervision."
    assert appendix5.question("Q1").survey_text == appendix5.question("Q1").text


def test_q7_is_asked_as_a_short_question_with_a_hint(appendix5):
    q7 = appendix5.question("Q7")

    assert len(q7.text.split()) > 50
    assert len(q7.survey_text.split()) <= 12
    assert "tools" in q7.survey_text and "For each one" in q7.hint


def test_questions_for_some_roles_only(appendix5):
    q = appendix5.question
    assert appendix5.role_question == "about_role"
    assert "Social Workers" in q("Q20").text and "social_worker" in q("Q20").roles
    assert "Occupational Therapy" in q("Q21").text
    assert set(q("Q21").roles) == {"occupational_therapist", "ot_assistant", "manager"}
    assert "mental health" in q("Q22").text
    assert "occupational_therapist" not in q("Q22").roles

    ot = appendix5.role_of({"about_role": "occupational_therapist"})
    assert ot == "occupational_therapist"
    assert q("Q21").applies_to(ot) and not q("Q22").applies_to(ot) and not q("Q20").applies_to(ot)
    assert q("Q1").applies_to(ot)
    for answers in ({}, {"about_role": "prefer_not_to_say"}, {"about_role": ["x"]}):
        assert appendix5.role_of(answers) is None
        assert all(question.applies_to(None) for question in appendix5.questions)


def test_about_you_is_asked_first_and_exported_last(appendix5):
    assert [s.id for s in appendix5.survey_sections] == ["about"] + AREAS
    assert appendix5.columns()[-3:] == ("about_role", "about_team", "about_service")


def test_each_areas_overall_question_names_its_area(appendix5):
    for area in appendix5.areas:
        overall = appendix5.question(f"overall_{area.id}")
        assert f"rate {area.name.lower()} in your team" in overall.survey_text


def test_q14_keeps_its_three_parts(appendix5, seed_text):
    q14 = appendix5.question("Q14")

    assert (
        normalise(
            "14. What difference does the supervision you receive make to "
            "Your work? Your professional development? And you?"
        )
        in seed_text
    )
    assert q14.text.lower() == (
        "what difference does the supervision you receive make to "
        "your work? your professional development? and you?"
    )
    assert [row.label for row in q14.rows] == ["Your work", "Your professional development", "You"]


def test_section_titles_are_the_appendix5_headings(appendix5, seed_text):
    for section in appendix5.sections[:-1]:
        assert f" {section.title} 1" in seed_text or f" {section.title} " in seed_text
    assert [s.title for s in appendix5.sections][-2] == "Approach to Practice"


def test_q18_lists_the_choices_as_written(appendix5, seed_text):
    q18 = appendix5.question("Q18")

    labels = [option.label for option in q18.options]
    assert " ".join(labels) in seed_text
    assert [o.code for o in q18.options if o.exclusive] == ["no_changes"]
    assert q18.option("no_changes").label == "I have not made any changes"


def test_the_six_discussion_topics_are_the_frameworks(appendix5, discussion_topics_seed):
    assert len(appendix5.discussion_topics) == 6
    for topic in appendix5.discussion_topics:
        assert f"- {topic.title}\n" in discussion_topics_seed


# --- Areas, scoring and additions -----------------------------------------------------------------


def test_sections_map_to_the_five_areas(appendix5):
    assert [a.id for a in appendix5.areas] == AREAS
    assert appendix5.area("delivery").name == "Effective service delivery"
    assert [s.area for s in appendix5.sections] == AREAS + [None]
    by_area = {
        "workload": range(1, 5),
        "workflow": range(5, 7),
        "tools": range(7, 11),
        "workplace": range(11, 16),
        "delivery": range(16, 23),
    }
    for area, numbers in by_area.items():
        for number in numbers:
            question = appendix5.question(f"Q{number}")
            assert (question.area, question.section) == (area, area), question.id


def test_each_area_section_ends_with_its_overall_rating(appendix5):
    for section in appendix5.sections[:5]:
        overall = section.questions[-1]
        assert overall.id == f"overall_{section.area}"
        assert overall.addition and overall.scored and overall.type == "single"
        assert overall.text.startswith("Overall, how would you rate ")
        assert len(overall.options) == 5


def test_which_questions_are_scored(appendix5):
    scored = {q.id for q in appendix5.questions if q.scored}
    assert scored == {
        "Q1", "Q7", "Q9", "Q10", "Q14", "Q16", "Q17", "Q20", "Q21", "Q22",
        *(f"overall_{area}" for area in AREAS),
    }  # fmt: skip
    assert not appendix5.question("Q3").scored
    assert not appendix5.question("Q18").scored
    assert all(q.type != "text" for q in appendix5.questions if q.scored)


def test_grid_rows_are_scored_items(appendix5):
    keys = [item.key for item in appendix5.scored_items("tools")]

    assert keys == [
        "Q7.it", "Q7.translators", "Q7.legal_advisors", "Q7.research", "Q7.office",
        "Q7.transport", "Q7.commissioned_services", "Q7.management_advice",
        "Q9", "Q10", "overall_tools",
    ]  # fmt: skip
    assert [item.key for item in appendix5.scored_items("workplace")] == [
        "Q14.work",
        "Q14.development",
        "Q14.you",
        "overall_workplace",
    ]


def test_closed_answers_added_to_open_questions_keep_a_comment(appendix5):
    added = [q.id for q in appendix5.questions if q.closed_answer_added]

    assert added == ["Q1", "Q3", "Q7", "Q9", "Q10", "Q14", "Q20", "Q21", "Q22"]
    assert all(appendix5.question(qid).comment for qid in added)
    assert appendix5.question("Q3").comment.label == "Who?"


def test_answer_types_follow_product_spec(appendix5):
    q = appendix5.question
    assert [o.code for o in q("Q1").options] == [
        "very_unfairly",
        "unfairly",
        "neither",
        "fairly",
        "very_fairly",
    ]
    assert [o.code for o in q("Q3").options] == ["yes", "no"]
    for qid in ("Q9", "Q10"):
        assert [o.code for o in q(qid).options] == ["no", "partly", "yes"], qid
    for qid in ("Q20", "Q21", "Q22"):  # for some roles only: "Does not apply to my role", unscored
        assert [o.code for o in q(qid).scored_options] == ["no", "partly", "yes"], qid
        assert q(qid).option("not_applicable").label == "Does not apply to my role"
        assert q(qid).option("not_applicable").scored is False
    assert (q("Q16").type, q("Q16").min, q("Q16").max) == ("scale", 1, 10)
    assert (q("Q17").type, q("Q17").min, q("Q17").max) == ("scale", 1, 10)
    assert q("Q18").type == "multiple"
    assert [(o.code, o.scored) for o in q("Q7").options] == [
        ("not_adequate", True),
        ("partly", True),
        ("adequate", True),
        ("not_used", False),
    ]
    assert len(q("Q14").options) == 5
    for question in appendix5.questions:
        if question.type == "text":
            assert question.max_length == 2000


def test_about_you_is_optional_unscored_and_can_be_declined(appendix5):
    about = appendix5.sections[-1]

    assert (about.id, about.area) == ("about", None)
    assert [q.id for q in about.questions] == ["about_role", "about_team", "about_service"]
    for question in about.questions:
        assert not question.scored and not question.required and question.area is None
        assert question.option("prefer_not_to_say").scored is False
        assert question.comment is None  # free text could identify someone
    bands = [o.code for o in appendix5.question("about_service").options]
    assert bands == ["years_0_2", "years_2_5", "years_5_10", "years_10_20", "years_20_plus"] + [
        "prefer_not_to_say"
    ]


def test_every_question_row_and_topic_has_a_short_title(appendix5):
    """Themes, charts and tables name questions and rows by their short titles."""
    raw = appendix5_file_as_dict()
    named = [t for t in raw["discussion_topics"]]
    for section in raw["sections"]:
        for question in section["questions"]:
            named.append(question)
            named.extend(question.get("rows", []))
    missing = [item.get("id", item.get("code")) for item in named if "short_title" not in item]
    assert missing == []  # given in the file, not filled in from the text

    titles = [q.short_title for q in appendix5.questions]
    titles += [row.short_title for q in appendix5.questions for row in q.rows]
    titles += [topic.short_title for topic in appendix5.discussion_topics]
    assert all(0 < len(title) <= 45 for title in titles), [t for t in titles if len(t) > 45]
    assert appendix5.question("Q7").rows[0].short_title == "Access to IT"
    assert appendix5.question("Q14").rows[0].short_title == (
        "Supervision makes a difference to your work"
    )
    assert len(set(q.short_title for q in appendix5.questions)) == len(appendix5.questions)


def test_self_rated_questions_are_those_about_the_respondent(appendix5):
    self_rated = {q.id for q in appendix5.questions if q.self_rated}

    assert {"Q9", "Q16", "Q17", "Q20", "Q21", "Q22"} <= self_rated
    assert not {"Q1", "Q7", "Q14", "overall_workload", "about_role"} & self_rated
    assert not any(row.self_rated for q in appendix5.questions for row in q.rows)


def test_short_title_and_self_rated_default_for_files_without_them(tmp_path):
    def strip(data, question):
        for topic in data["discussion_topics"]:
            topic.pop("short_title")
        for section in data["sections"]:
            for q in section["questions"]:
                q.pop("short_title")
                q.pop("self_rated", None)
                for row in q.get("rows", []):
                    row.pop("short_title")

    loaded = load_instrument(write(tmp_path, edited(strip)))

    assert loaded.question("Q1").short_title == "How fairly is work allocated in your team?"
    assert loaded.question("Q7").rows[0].short_title == "Access to IT"
    assert loaded.discussion_topics[1].short_title == "Supervision and appraisal"
    assert not any(q.self_rated for q in loaded.questions)


def test_focus_group_records(appendix5):
    modes = {q.id: q.focus_group for q in appendix5.questions if q.number is not None}

    assert {qid for qid, mode in modes.items() if mode == "scores"} == {"Q16", "Q17"}
    assert {qid for qid, mode in modes.items() if mode == "counts"} == {"Q18", "Q20", "Q21", "Q22"}
    assert all(mode in ("notes", "scores", "counts") for mode in modes.values())


def test_columns_follow_the_contract(appendix5):
    columns = appendix5.columns()

    assert columns[:5] == ("response_id", "Q1", "Q1.comment", "Q2", "Q3")
    assert (
        columns.index("Q7.it") < columns.index("Q7.management_advice") < columns.index("Q7.comment")
    )
    assert "Q18" in columns and "Q16.comment" not in columns
    assert columns[-3:] == ("about_role", "about_team", "about_service")
    assert columns[1:] == appendix5.answer_keys()


def test_each_answer_says_how_its_value_is_read(appendix5):
    kinds = {
        answer.key: answer.kind for question in appendix5.questions for answer in question.answers()
    }
    assert (kinds["Q1"], kinds["Q1.comment"], kinds["Q2"], kinds["Q7.it"]) == (
        "single",
        "text",
        "text",
        "single",
    )
    assert kinds["Q18"] == "multiple"
    assert [a.key for a in appendix5.text_answers()][:3] == ["Q1.comment", "Q2", "Q3.comment"]
    q7 = appendix5.question("Q7")
    assert [a.row.code for a in q7.answers() if a.row][:1] == ["it"]
    assert q7.choices() == tuple(option.code for option in q7.options)
    fairly = q7.answers()[0].text(q7.options[0].code)
    assert fairly == q7.options[0].label and q7.answers()[0].text(None) == ""


def test_the_question_type_table_covers_every_type_the_schema_allows():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    allowed = set()
    for node in _walk(schema):
        if isinstance(node, dict) and isinstance(node.get("type"), dict):
            allowed.update(node["type"].get("enum", ()))
    assert allowed == set(QUESTION_TYPES)
    for question_type in QUESTION_TYPES.values():
        assert question_type.answer in ANSWER_KINDS
        assert "notes" in question_type.focus_group
        assert question_type.fields <= set(TYPE_FIELDS)


def _walk(node):
    yield node
    children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
    for child in children:
        yield from _walk(child)


def test_building_from_data_leaves_the_data_as_it_was():
    data = yaml.safe_load((INSTRUMENTS_DIR / "appendix5-v1.yaml").read_text(encoding="utf-8"))
    before = json.dumps(data, sort_keys=True)
    built = build_instrument(data, "appendix5-v1.yaml")
    assert json.dumps(data, sort_keys=True) == before
    assert built == load_bundled("appendix5", 1)


# --- Bad files are refused clearly ----------------------------------------------------------------


def write(tmp_path, data, name="appendix5-v1.yaml"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False))
    return path


@functools.cache
def appendix5_file_as_dict():
    return yaml.safe_load(APPENDIX5.read_text(encoding="utf-8"))


def edited(change):
    """The Appendix 5 file as a dict, after ``change(data, question)`` has edited it."""
    data = copy.deepcopy(appendix5_file_as_dict())

    def question(qid):
        for section in data["sections"]:
            for q in section["questions"]:
                if q["id"] == qid:
                    return q
        raise KeyError(qid)

    change(data, question)
    return data


def refused(tmp_path, data, name="appendix5-v1.yaml"):
    with pytest.raises(InstrumentError) as caught:
        load_instrument(write(tmp_path, data, name))
    return str(caught.value)


def test_a_grid_without_options_names_the_question(tmp_path):
    data = edited(lambda data, q: q("Q7").pop("options"))

    assert refused(tmp_path, data) == "appendix5-v1.yaml: question Q7: grid question has no options"


def test_a_single_question_with_an_empty_option_list_names_the_question(tmp_path):
    data = edited(lambda data, q: q("Q1").update(options=[]))

    assert "question Q1: single question has no options" in refused(tmp_path, data)


def test_a_grid_without_rows(tmp_path):
    data = edited(lambda data, q: q("Q14").pop("rows"))

    assert "question Q14: grid question has no rows" in refused(tmp_path, data)


def test_an_unknown_area(tmp_path):
    data = edited(lambda data, q: q("Q9").update(area="tool"))

    assert "question Q9: unknown area 'tool'" in refused(tmp_path, data)


def test_a_section_with_an_unknown_area(tmp_path):
    data = edited(lambda data, q: data["sections"][1].update(area="flow"))

    assert "section workflow: unknown area 'flow'" in refused(tmp_path, data)


def test_a_duplicate_question_id(tmp_path):
    data = edited(lambda data, q: q("Q6").update(id="Q5"))

    assert "question Q5: duplicate question id" in refused(tmp_path, data)


def test_a_duplicate_option_code(tmp_path):
    data = edited(lambda data, q: q("Q1")["options"][1].update(code="very_unfairly"))

    assert "question Q1: duplicate option code 'very_unfairly'" in refused(tmp_path, data)


def test_two_exclusive_options(tmp_path):
    data = edited(lambda data, q: q("Q18")["options"][0].update(exclusive=True))

    assert "question Q18: more than one exclusive option" in refused(tmp_path, data)


def test_a_scale_whose_min_is_not_below_its_max(tmp_path):
    data = edited(lambda data, q: q("Q16").update(min=10, max=1))

    assert "question Q16: scale min (10) must be less than max (1)" in refused(tmp_path, data)


def test_a_misspelt_field(tmp_path):
    data = edited(lambda data, q: q("Q2").update(scroed=True))

    assert "question Q2: unknown field 'scroed'" in refused(tmp_path, data)


def test_a_scored_text_question(tmp_path):
    data = edited(lambda data, q: q("Q2").update(scored=True))

    assert "question Q2: text questions cannot be scored" in refused(tmp_path, data)


def test_roles_must_be_options_of_the_role_question(tmp_path):
    data = edited(lambda d, q: q("Q21").update(roles=["occupational_therapist", "plumber"]))
    assert refused(tmp_path, data) == (
        "appendix5-v1.yaml: question Q21: roles 'plumber' are not options of about_role"
    )


def test_roles_need_a_role_question(tmp_path):
    data = edited(lambda d, q: d.pop("role_question"))
    assert "question Q20: roles need a role_question" in refused(tmp_path, data)
    data = edited(lambda d, q: d.update(role_question="Q2"))
    assert "role_question: 'Q2' is not a single-choice question" in refused(tmp_path, data)


def test_an_unquoted_yes_is_explained(tmp_path):
    text = APPENDIX5.read_text(encoding="utf-8").replace('{code: "yes",', "{code: yes,", 1)

    message = refused(tmp_path, text)
    assert "question Q3: option 2: code: True is not of type 'string'" not in message
    assert "question Q3: option 1: code: True is not of type 'string'" in message
    assert "quote them" in message


def test_bad_yaml_gives_the_line(tmp_path):
    message = refused(tmp_path, "id: appendix5\nversion: 1\nsections: [oops\n")

    assert message.startswith("appendix5-v1.yaml: not valid YAML: line ")


def test_a_key_given_twice_is_refused(tmp_path):
    text = "id: appendix5\nversion: 1\nid: other\n"

    assert "'id' appears twice" in refused(tmp_path, text)


def test_an_empty_file(tmp_path):
    assert refused(tmp_path, "", "empty.yaml") == "empty.yaml: the file is empty"


def test_every_problem_is_reported(tmp_path):
    def change(data, q):
        q("Q9").update(area="tool")
        q("Q6").update(id="Q5")

    message = refused(tmp_path, edited(change))
    assert len(message.splitlines()) == 2


def test_a_missing_file(tmp_path):
    with pytest.raises(InstrumentError, match="missing.yaml: cannot read the file"):
        load_instrument(tmp_path / "missing.yaml")


# --- flask instrument check -----------------------------------------------------------------------


def test_the_command_is_registered_for_the_app():
    assert COMMANDS == [instrument]


def test_check_says_ok_for_a_good_file(appendix5):
    result = CliRunner().invoke(instrument, ["check", str(APPENDIX5)])

    assert result.exit_code == 0, result.output
    assert result.output == f"OK: appendix5 v1, {len(appendix5.questions)} questions\n"


def test_check_without_files_checks_every_bundled_file():
    result = CliRunner().invoke(instrument, ["check"])

    assert result.exit_code == 0, result.output
    assert result.output.count("OK: ") == len(available_instruments())


def test_check_shows_the_problem_and_fails_for_a_bad_file(tmp_path):
    path = write(tmp_path, edited(lambda data, q: q("Q7").pop("options")))

    result = CliRunner().invoke(instrument, ["check", str(path)])

    assert result.exit_code == 1
    assert "appendix5-v1.yaml: question Q7: grid question has no options" in result.output
    assert "OK" not in result.output
