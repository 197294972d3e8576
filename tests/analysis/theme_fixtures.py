"""Deterministic survey-like answers and planted personal details for the theme tests."""

from __future__ import annotations

import random

TOPICS = {
    "workload": [
        "Workload is too high and caseloads keep growing",
        "My caseload is too high to do good work",
        "Workload too high, we cannot keep up with the allocations",
        "Caseloads are unmanageable and the workload is too high",
        "There is too much work and not enough time for each case",
    ],
    "supervision": [
        "Supervision is helpful and my supervisor listens",
        "Regular supervision really helps me reflect on my practice",
        "Supervision is helpful, I feel supported by my supervisor",
        "Reflective supervision is helpful for my development",
        "My supervisor makes supervision helpful and supportive",
    ],
    "it": [
        "The laptop is slow and the IT system keeps crashing",
        "IT problems waste hours, the case recording system crashes",
        "The recording system is slow and the laptop freezes",
        "Poor IT equipment, the laptop and system are too slow",
        "Slow IT system makes recording take twice as long",
    ],
    "office": [
        "Not enough desks in the office for the team",
        "Office space is cramped and there are not enough desks",
        "Hot desking means there are never enough desks in the office",
        "We need more office space and quiet rooms for calls",
        "The office is noisy and there is no quiet room for calls",
    ],
    "training": [
        "Training courses have been excellent for my learning",
        "Good training opportunities and learning sessions",
        "The training on the Care Act was excellent learning",
        "More training courses on mental capacity would help my learning",
        "Learning and development training has been excellent",
    ],
}
NOTHING = ["Nothing", "N/A", "None", "Nothing to add", "No comment"]
QUESTIONS = {
    "workload": "What could be improved about workload?",
    "supervision": "What helps you in supervision?",
    "it": "What could be improved about your tools?",
    "office": "What could be improved about your tools?",
    "training": "What helps your learning?",
}
AREAS = {
    "workload": "workload",
    "supervision": "workplace",
    "it": "tools",
    "office": "tools",
    "training": "delivery",
}
TAILS = ["", ".", " at the moment.", " this year.", " in our team.", " most weeks."]


def survey_rows(n=200, seed=1, names=()):
    """``n`` answers across five topics plus a few "nothing to add" answers."""
    rng = random.Random(seed)
    rows = []
    topics = sorted(TOPICS)
    for i in range(n):
        if i % 25 == 24:
            rows.append({"text": rng.choice(NOTHING), "question": QUESTIONS["workload"]})
            continue
        topic = topics[i % len(topics)]
        text = rng.choice(TOPICS[topic]) + rng.choice(TAILS)
        if names and i % 10 == 3:
            text = f"{text} My manager {rng.choice(names)} agrees."
        rows.append(
            {
                "text": text,
                "question": QUESTIONS[topic],
                "area": AREAS[topic],
                "source": "survey" if i % 3 else "focus_group",
                "group": ["Social worker", "OT", "Manager"][i % 3],
                "topic": topic,
            }
        )
    return rows
