"""Sentiment that reads like a person: contrast, negation, requests, care-sector words and
idioms, and the question an answer was given to (issue 14). Fixed examples, each with the sign
a reader gives it; see also tests/analysis/test_themes_quality.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.sentiment import (
    question_polarity,
    sentiment_label,
    statement_sentiment,
    text_sentiment,
)
from surveys.loader import load_instrument

# The bundled instrument's wording, as the app passes it (healthcheck.results.analysis).
WHO = "Do you ask others to help you with your work?"
CHANGE_ALLOCATION = (
    "What would you change about how work is allocated and how you are supported to meet the "
    "demands of your caseload?"
)
TOOLS = "Tell us whether the tools you have meet your needs."
CHANGE_SUPERVISION = "What would you change about supervision?"
DID_NOT_FLOW = "Think about cases that did not flow well. What caused this?"
FLOW = (
    "Think about cases that flowed well, from being opened to leaving your part of the service "
    "or being closed. What made this possible?"
)
HELPS = "What helps you achieve good outcomes at work?"
SUPERVISION = "Tell us about your experience of supervision."
COMPLAINTS = "How do you learn from compliments, comments and complaints?"


@pytest.mark.parametrize(
    "text, question",
    [
        # the demo's own answer, and the plain sentence a reviewer saw marked positive
        ("The duty senior when my manager is not available.", WHO),
        ("Manager is not available", None),
        ("My manager is not available", WHO),
        ("My manager is never around", None),
    ],
)
def test_manager_is_not_available_is_not_positive(text, question):
    assert sentiment_label(statement_sentiment(text, question)) != "positive"


def test_a_plain_who_answer_is_neutral():
    # "Who?" beside "Do you ask others to help you?" asks for names, not praise
    assert sentiment_label(statement_sentiment("Team manager and senior practitioner.", WHO)) == (
        "neutral"
    )
    assert statement_sentiment("Whoever is in the office that day.", WHO) == 0.0


@pytest.mark.parametrize(
    "text, question, sign",
    [
        # contrast: the clause after "but" decides
        (
            "The new laptops are a big improvement, but the VPN drops out in the afternoon.",
            TOOLS,
            -1,
        ),
        ("Legal advice is good once you get it, but the wait is long.", TOOLS, -1),
        ("Research in Practice is useful but I never have time to read it.", TOOLS, -1),
        ("The training offer is good, but backfill is not, so it is hard to attend.", None, -1),
        # allocation: what it leaves out and who it lands on reads as the complaint it is
        (
            "Some people get the complex cases every time because they are seen as able to cope.",
            None,
            -1,
        ),
        (
            "Allocation goes by numbers only and does not account for how complex cases are.",
            None,
            -1,
        ),
        (
            "New starters are protected, which is right, but it means the rest of us take more.",
            None,
            -1,
        ),
        (
            "Cases get allocated by email while I am on leave and I come back to a full list.",
            None,
            -1,
        ),
        ("Allocation is discussed openly in the team meeting.", None, 1),
        # what helps, but seldom happens, is a complaint
        ("A proper lunch break, which is rare.", None, -1),
        ("My manager Sarah is great but supervision keeps being moved.", SUPERVISION, -1),
        ("It was a hard year but my team has been brilliant", None, 1),
        # negation and its scope
        ("Senior managers do not see the pressure on the front line.", None, -1),
        ("Managers don't understand how stretched we are", None, -1),
        ("Hot desking does not work for a team that needs to talk cases through.", None, -1),
        ("Not always, a lot of my time is spent on admin rather than social work.", None, -1),
        ("I never feel unsupported", None, 1),
        ("No complaints, the team is great", None, 1),
        # idioms a word-by-word reading gets backwards
        ("I can't thank the team enough.", None, 1),
        ("We cannot praise her enough", None, 1),
        ("They couldn't have done more for us", None, 1),
        ("Nothing was too much trouble", None, 1),
        # a shrug at the end: what helps, "when that happens", rarely does
        ("Having manageable caseloads, when that happens.", HELPS, -1),
        ("When it happens, supervision is really good.", None, 1),
        # care-sector words and phrases
        ("There is no one to ask", None, -1),
        ("Translators are hard to book at short notice.", None, -1),
        # the time a thing takes, to "what helps cases flow well?"
        ("Panel paperwork takes as long as the assessment.", FLOW, -1),
        ("It takes ages to get a reply from the brokerage team.", None, -1),
        # "urgent" says how soon, not how well
        ("Legal advice is slow unless it is urgent.", TOOLS, -1),
        ("We are short staffed again", None, -1),
        ("It is a tick box exercise, we go through the cases and that is it.", SUPERVISION, -1),
        ("Progression to senior practitioner has no clear pathway.", None, -1),
        ("There is nowhere private to make difficult phone calls in the office.", TOOLS, -1),
        ("Management advice is always available, my manager's door is open.", TOOLS, 1),
        # service names are not sentiment: "crisis" and "care" name the service here
        ("The crisis team came out the same day", None, 0),
        ("Waiting for a care provider, sometimes for a month.", DID_NOT_FLOW, -1),
        # requests, and answers to "what would you change?", say what is missing
        ("A cap on caseloads, with agency cover when we go over it.", CHANGE_ALLOCATION, -1),
        ("Involve the senior practitioners in allocation decisions.", CHANGE_ALLOCATION, -1),
        ("More group and peer supervision.", CHANGE_SUPERVISION, -1),
        ("Do not cancel supervision when the team is busy.", CHANGE_SUPERVISION, -1),
        ("Handovers between hospital and community teams need to be better.", None, -1),
        ("We need better laptops", None, -1),
        # what helps, in answer to "what helps?", is praise
        ("Working closely with health partners and the voluntary sector.", HELPS, 1),
        # complaints named as the subject of a question about learning from them are a topic
        ("We reflect on complaints in supervision.", COMPLAINTS, 0),
        (
            "Complaints are discussed in team meetings and we look at what we could do"
            " differently.",
            COMPLAINTS,
            0,
        ),
        ("We get a lot of complaints about waiting times.", COMPLAINTS, -1),
        ("I made a complaint and nobody replied.", None, -1),
        # "less so" takes back what came before it
        ("I feel valued by my team, less so by the wider organisation.", None, -1),
        ("No complaints, the staff were lovely.", None, 1),
    ],
)
def test_sign_of_fixed_examples(text, question, sign):
    score = statement_sentiment(text, question)
    if sign == 0:
        assert sentiment_label(score) == "neutral", (text, score)
    else:
        assert score * sign > 0.05, (text, score)


def test_the_bundled_questions_are_read_for_what_they_ask():
    root = Path(__file__).resolve().parents[2]
    instrument = load_instrument(root / "surveys" / "instruments" / "appendix5-v1.yaml")
    # the wording the survey shows, as healthcheck.results.analysis passes it
    kinds = {
        q.id: question_polarity(getattr(q, "survey_text", "") or q.text)
        for q in instrument.questions
        if q.text
    }
    assert kinds["Q3"] == "neutral"  # "Do you ask others to help you?": a who, not a what-helps
    assert kinds["Q2"] == "neutral"  # "Tell us how you manage ... and who helps you"
    assert kinds["Q4"] == "improve"  # "What would you change ... how you are supported"
    assert kinds["Q15"] == "improve"
    assert kinds["Q6"] == "problem"  # "cases that did not flow well" is not "flowed well"
    assert kinds["Q5"] == "positive"
    assert kinds["Q11"] == "positive" and kinds["Q12"] == "positive"
    assert kinds["Q8"] == "neutral"  # "What is good ... and how could they be better?"
    assert kinds["Q22"] == "neutral"  # an "improvement resource" is not a request for one


@pytest.mark.parametrize(
    "text, question, sign",
    [
        # "so much" is thanks, "too many" a complaint
        ("Thank you so much for everything you did.", None, 1),
        ("There were too many forms to fill in.", None, -1),
        # "I would like to thank" asks for nothing
        ("I would like to thank the staff on the ward.", None, 1),
        # a request takes its own sentence, not the thanks before it
        (
            "The nurses were kind and patient and the food was lovely. "
            "Please pass this on to the team.",
            None,
            1,
        ),
        # a "but" in the last sentence does not weaken the complaints before it
        (
            "Staff ignored me and were rude to my family. Nobody explained my medication. "
            "The car park is busy but the garden is lovely.",
            None,
            -1,
        ),
        # one plain complaint outweighs a passing nicety (criticism weighs 1.3x)
        ("The food was nice. The nurse shouted at me and I felt ignored.", None, -1),
        # a curly apostrophe negates as a straight one does
        ("I don\u2019t feel supported by senior managers.", None, -1),
        # "like" compares or wishes; "I like" is liking
        ("It feels like a tick box exercise.", None, -1),
        ("I like the new duty rota.", None, 1),
        # the complaints process and hard work are topics, not verdicts
        ("The learning from complaints bulletin is useful.", None, 1),
        ("Peer support groups after difficult assessments.", HELPS, 1),
        ("No complaints, the team is great", None, 1),
    ],
)
def test_sign_of_whole_answers(text, question, sign):
    # text_sentiment: a whole answer or story, as the command's per-row sentiment reads it
    score = text_sentiment(text, question)
    assert score * sign > 0.05, (text, score)
