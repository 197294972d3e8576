"""The quarterly Quality Report extract: the health check's figures, key themes and action
status as JSON or CSV (format in docs/quality-report.md).

Figures and themes come from the endorsed version's snapshot when there is one (so each
quarter repeats the endorsed figures), otherwise from a draft snapshot made now; the action
plan is read live, because its status is what moves from quarter to quarter.
"""

from __future__ import annotations

import json
from datetime import date

from ..models import Cycle
from ..models.plan import ACTION_STATUSES
from ..results.response_rate import rate_wording
from . import action_plan, assessment, snapshot

FORMAT = "healthcheck-quality-report/1"
CSV_COLUMNS = ("section", "area", "measure", "value", "target", "status", "detail")


def extract(cycle: Cycle, result: dict, today: date | None = None) -> dict:
    today = today or date.today()
    version = assessment.endorsed_version(cycle)
    snap = (
        assessment.snapshot_of(version)
        if version
        else snapshot.build_snapshot(cycle, result, today)
    )
    names = {a["id"]: a["name"] for a in snap["areas"]}
    actions = action_plan.actions_for(cycle)
    counts = {status: 0 for status in ACTION_STATUSES}
    for a in actions:
        counts[a.status] += 1
    return {
        "format": FORMAT,
        "organisation": snap["organisation"],
        "cycle": snap["cycle"],
        "status": "endorsed" if version else "draft",
        "endorsed_by": version.endorser_name if version else None,
        "endorsed_on": version.decided_at.date().isoformat() if version else None,
        "figures_as_at": snap["made_on"],
        "actions_as_at": today.isoformat(),
        "response_rate": {**snap["response_rate"], "respondents": snap["respondents"]},
        "areas": [
            {
                "id": a["id"],
                "name": a["name"],
                "respondents": a["n"],
                "score": a["score"],
                "ci_low": a["ci_low"],
                "ci_high": a["ci_high"],
                "favourable_pct": a["favourable_pct"],
                "survey_rating": a["computed_rating"],
                "judgement": a["judgement"]["rating_text"],
                "change": a["change"],
                "change_significant": a["change_significant"],
            }
            for a in snap["areas"]
        ],
        "key_themes": [
            {"area": a["name"], "label": t["label"], "sentiment": t["sentiment"], "size": t["size"]}
            for a in snap["areas"]
            for t in a["themes"]
        ],
        "figures": [{"area": a["name"], **m} for a in snap["areas"] for m in a["metrics"]],
        "actions": {
            "total": len(actions),
            "by_status": {ACTION_STATUSES[k]: v for k, v in counts.items()},
            "overdue": sum(1 for a in actions if a.is_overdue_on(today)),
            "items": [
                {
                    "area": names.get(a.area, a.area),
                    "action": a.action,
                    "owner": a.owner,
                    "due_on": a.due_on.isoformat() if a.due_on else None,
                    "status": a.status_name,
                    "overdue": a.is_overdue_on(today),
                }
                for a in actions
            ],
        },
    }


def as_json(data: dict) -> bytes:
    return json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8")


def as_csv(data: dict) -> bytes:
    """One measure a row (long format), so a Quality Report template can look rows up."""
    from analysis.spreadsheet_cells import csv_bytes

    rate = data["response_rate"]
    # The detail says the headcount the rate was taken over and what it left out.
    rows = [
        ("summary", "", "respondents", rate["respondents"], "", "", ""),
        ("summary", "", "response_rate_pct", rate["rate_pct"], "", "", rate_wording(rate) or ""),
        ("summary", "", "status", data["status"], "", "", data["endorsed_by"] or ""),
    ]
    for a in data["areas"]:
        rows.append(("area", a["name"], "score", a["score"], "", a["survey_rating"], ""))
        rows.append(("area", a["name"], "favourable_pct", a["favourable_pct"], "", "", ""))
        rows.append(("area", a["name"], "judgement", a["judgement"], "", "", ""))
        rows.append(("area", a["name"], "change", a["change"], "", "", ""))
    for t in data["key_themes"]:
        rows.append(("theme", t["area"], t["label"], t["size"], "", t["sentiment"], ""))
    for f in data["figures"]:
        rows.append(("figure", f["area"], f["name"], f["value"], f["target"], f["status"], ""))
    for status, n in data["actions"]["by_status"].items():
        rows.append(("actions", "", status, n, "", "", ""))
    rows.append(("actions", "", "Overdue", data["actions"]["overdue"], "", "", ""))
    for a in data["actions"]["items"]:
        rows.append(
            (
                "action",
                a["area"],
                a["action"],
                a["due_on"] or "",
                "",
                a["status"],
                "overdue" if a["overdue"] else "",
            )
        )
    return csv_bytes([CSV_COLUMNS, *(["" if v is None else v for v in row] for row in rows)])
