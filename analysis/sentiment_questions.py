"""What a question invites, and how that shapes what an answer to it means.

A "what caused this to go badly?" or "what would you change?" question draws problems and
requests, not praise: "A cap on caseloads" answers it as a need. "Nothing" to "what could be
improved?" is no complaint, while "Nothing" to "what helps you?" is one. A question that only
asks who or whether ("Do you ask others to help you? Who?") invites plain facts and leans
neither way, whatever words it uses.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = [
    "NOTHING_GOOD",
    "NOTHING_TO_IMPROVE",
    "QUESTION_PRIORS",
    "apply_prior",
    "question_polarity",
]

# What the question asks to be changed or made better.
_IMPROVE_QUESTION = re.compile(
    r"\b(?:improve|improved|improvements|change|changes|better|differently|recommend\w*|"
    r"suggest\w*|stop doing|start doing|do more of|anything else|else)\b",
    re.IGNORECASE,
)
# What the question asks to have gone wrong.
_PROBLEM_QUESTION = re.compile(
    r"\b(?:not (?:go|flow|work)(?:ed)? well|did not (?:go|flow|work) well|didn't (?:go|flow|"
    r"work) well|went wrong|go(?:es)? badly|went badly|barriers?|get(?:s)? in the way|"
    r"hinders?|difficult|difficulty|difficulties|challenges?|concerns?|worry|worries|"
    r"frustrat\w*|problems?|issues?)\b",
    re.IGNORECASE,
)
# What the question asks to be good: the ask itself ("what helps you", "what is good"), not
# any warm word in it ("how you are supported" asks about support, not for praise of it).
_POSITIVE_QUESTION = re.compile(
    r"\b(?:works? well|working well|went well|go(?:es)? well|flow(?:ed)? well|"
    r"what (?:helps|helped|made this possible|makes this possible|supports)|"
    r"(?:is|are|was|were) (?:good|best|helpful)|good things?|best things?|strengths?|enjoy\w*|"
    r"proud|valued?)\b",
    re.IGNORECASE,
)

# "Nothing" to a question about improvements means "no complaint": mildly positive.
NOTHING_TO_IMPROVE = 0.2
# "Nothing" to a question about what is good means "nothing is good".
NOTHING_GOOD = -0.3
# What a question leads people to write, as (scale for a positive score, shift toward the
# expected sign for a score near 0): praise in answer to "what caused this to go badly?" is
# rarer than it looks (a "good" in "good handover is missing"), and a plain statement there
# ("The provider pulled out") is a problem.
PRIOR_FADE = 0.5
QUESTION_PRIORS = {
    "problem": (0.5, -0.3),
    "improve": (0.6, -0.2),
    "positive": (1.0, 0.15),
    "neutral": (1.0, 0.0),
}


@lru_cache(maxsize=512)  # an instrument asks a few dozen questions, each answer reads its own
def question_polarity(question: str | None) -> str:
    """What a question invites: "problem" (what went badly, what caused it), "improve"
    (changes, recommendations), "positive" (what is good, what helps) or "neutral" (a
    question that asks for both, or neither)."""
    if not question:
        return "neutral"
    problem = _PROBLEM_QUESTION.search(question) is not None
    # "cases that did not flow well" is not a "flowed well"
    positive = _POSITIVE_QUESTION.search(_PROBLEM_QUESTION.sub(" ", question)) is not None
    if problem:
        return "neutral" if positive else "problem"  # "What went well, what went badly?"
    improve = bool(_IMPROVE_QUESTION.search(question))
    if improve and positive:
        return "neutral"  # "What are the good things? How could these be improved?"
    if improve:
        return "improve"
    if positive:
        return "positive"
    return "neutral"


def apply_prior(score: float, kind: str) -> float:
    """``score`` read in the light of what the question asked (``QUESTION_PRIORS``)."""
    scale, shift = QUESTION_PRIORS.get(kind, (1.0, 0.0))
    if score > 0:
        score *= scale
    # The shift moves a plain statement; it fades out for one that clearly takes a side.
    score += shift * max(0.0, 1.0 - abs(score) / PRIOR_FADE)
    return max(-1.0, min(1.0, score))
