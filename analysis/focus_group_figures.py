"""Focus-group figures: Q16/Q17 participant scores and Q18/Q20-22 counts, summarised as
focus-group evidence beside (never merged into) the survey figures.

Input: a list with one dict per focus group, for example::

    [
        {
            "id": "fg-north",              # optional label
            "participants": 6,
            "scores": {"Q16": [7, 8, 9, 6, 8, 7]},
            "counts": {"Q20": {"yes": 3, "partly": 1, "no": 2},
                       "Q18": {"time_management": 4, "no_changes": 1}},
        },
    ]

Which questions may carry ``scores`` or ``counts`` comes from the instrument
(``focus_group: scores`` on a scale question, ``focus_group: counts`` on a single or multiple
choice question). Figures are pooled over all focus groups, never shown per group, and a
question with fewer than ``min_group`` participant answers is withheld.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from surveys import Instrument

from .scoring import favourable_points
from .suppression import MIN_GROUP, check_min_group

SOURCE = "focus_group"
LABEL = "Focus-group evidence"


class FocusGroupFiguresError(ValueError):
    """Focus-group figures that cannot be used; ``errors`` lists every problem."""

    def __init__(self, errors: list[str]):
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def validate_focus_groups(instrument: Instrument, groups: Sequence[Mapping[str, Any]]) -> list[str]:
    """Every problem with the focus-group figures, or an empty list."""
    questions = {q.id: q for q in instrument.questions}
    errors: list[str] = []
    if not isinstance(groups, Sequence) or isinstance(groups, (str, bytes)):
        return ["Focus-group figures must be a list of focus groups"]
    for number, group in enumerate(groups, start=1):
        where = f"Focus group {group.get('id', number) if isinstance(group, Mapping) else number}"
        if not isinstance(group, Mapping):
            errors.append(f"{where}: must be a mapping")
            continue
        unknown = set(group) - {"id", "participants", "scores", "counts"}
        if unknown:
            errors.append(f"{where}: unknown keys {sorted(unknown)}")
        participants = group.get("participants")
        if not _whole(participants) or participants < 1:
            errors.append(f"{where}: participants must be a whole number of at least 1")
            participants = None
        for qid, scores in (group.get("scores") or {}).items():
            question = questions.get(str(qid))
            if question is None or question.focus_group != "scores":
                errors.append(f"{where}, {qid}: not a question with focus-group scores")
                continue
            if not isinstance(scores, Sequence) or isinstance(scores, (str, bytes)):
                errors.append(f"{where}, {qid}: scores must be a list of numbers")
                continue
            low, high = question.min, question.max
            for score in scores:
                if not _whole(score) or not low <= score <= high:
                    errors.append(
                        f"{where}, {qid}: {score!r} is not a whole number {low} to {high}"
                    )
            if participants is not None and len(scores) > participants:
                errors.append(
                    f"{where}, {qid}: {len(scores)} scores for {participants} participants"
                )
        for qid, counts in (group.get("counts") or {}).items():
            question = questions.get(str(qid))
            if question is None or question.focus_group != "counts":
                errors.append(f"{where}, {qid}: not a question with focus-group counts")
                continue
            if not isinstance(counts, Mapping):
                errors.append(f"{where}, {qid}: counts must map option codes to numbers")
                continue
            codes = set(question.choices())
            for code, count in counts.items():
                if str(code) not in codes:
                    errors.append(f"{where}, {qid}: '{code}' is not an option")
                elif not _whole(count) or count < 0:
                    errors.append(f"{where}, {qid}, {code}: the count must be a whole number")
                elif participants is not None and count > participants:
                    errors.append(f"{where}, {qid}, {code}: {count} is more than the participants")
            total = sum(c for c in counts.values() if _whole(c) and c > 0)
            if question.type_info.one_answer and participants is not None:
                if total > participants:
                    errors.append(
                        f"{where}, {qid}: counts add up to {total}, more than {participants} "
                        "participants"
                    )
    return errors


def summarise_focus_groups(
    instrument: Instrument,
    groups: Sequence[Mapping[str, Any]],
    min_group: int = MIN_GROUP,
) -> dict[str, Any]:
    """Pooled focus-group figures per question, labelled as focus-group evidence.

    Scores: n, mean, median, min, max and the mean on the survey's 0-100 scale (min 0, max
    100) with % favourable (analysis.scoring.favourable_points: the top point on scales of up to
    four points, the top two on five or more). Counts: each option's count and share of
    the participants who answered (single choice) or of all participants in the groups that
    recorded the question (multiple choice). Raises FocusGroupFiguresError on bad input.
    """
    check_min_group(min_group)
    errors = validate_focus_groups(instrument, groups)
    if errors:
        raise FocusGroupFiguresError(errors)
    summary_questions = []
    for question in instrument.questions:
        qid = question.id
        mode = question.focus_group
        if mode == "scores":
            values = [s for g in groups for s in (g.get("scores") or {}).get(qid, [])]
            if not values:
                continue
            entry = {"id": qid, "area": question.area, "kind": "scores"}
            entry["text"] = " ".join(question.text.split())
            entry["short_title"] = question.short_title or entry["text"]
            low, high = question.min, question.max
            array = np.array(values, dtype=float)
            if len(values) < min_group:
                entry.update(n=None, mean=None, median=None, min=None, max=None, score=None)
                entry.update(favourable_pct=None, suppressed=True)
            else:
                entry.update(
                    n=len(values),
                    mean=round(float(array.mean()), 1),
                    median=round(float(np.median(array)), 1),
                    min=int(array.min()),
                    max=int(array.max()),
                    score=round(float((array.mean() - low) * 100 / (high - low)), 1),
                    favourable_pct=round(
                        100 * float((array > high - favourable_points(high - low + 1)).mean()), 1
                    ),
                    suppressed=False,
                )
            summary_questions.append(entry)
        elif mode == "counts":
            recorded = [g for g in groups if qid in (g.get("counts") or {})]
            if not recorded:
                continue
            entry = {"id": qid, "area": question.area, "kind": "counts"}
            entry["text"] = " ".join(question.text.split())
            entry["short_title"] = question.short_title or entry["text"]
            tallies = dict.fromkeys(question.choices(), 0)
            for g in recorded:
                for code, count in g["counts"][qid].items():
                    tallies[str(code)] += count
            if question.type_info.one_answer:
                base = sum(tallies.values())
            else:
                base = sum(g["participants"] for g in recorded)
            labels = {option.code: option.label for option in question.options}
            if base < min_group:
                entry.update(n=None, counts=None, suppressed=True)
            else:
                entry.update(
                    n=base,
                    counts=[
                        {
                            "code": code,
                            "label": labels[code],
                            "count": count,
                            "pct": round(100 * count / base, 1),
                        }
                        for code, count in tallies.items()
                    ],
                    suppressed=False,
                )
            summary_questions.append(entry)
    return {
        "source": SOURCE,
        "label": LABEL,
        "focus_groups": len(groups),
        "participants": sum(g["participants"] for g in groups),
        "questions": summary_questions,
    }
