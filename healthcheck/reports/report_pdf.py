"""The board report as a PDF, made from a snapshot only (healthcheck.reports.snapshot).

Same snapshot and same endorsement, same bytes: nothing here reads the clock or the live
tables, and WeasyPrint is given no creation date. The PDF is tagged (PDF/UA-1) so that screen
readers can follow it, in one type family with page numbers.
"""

from __future__ import annotations

from flask import render_template

from . import dashboard as data
from .snapshot import evidence_side

SUMMARY_ITEMS = 5


def status_line(endorsement: dict | None) -> str:
    """ "Draft: not yet endorsed" or "Endorsed by Sam Jones on 30 September 2025"."""
    from ..templating import uk_date

    if not endorsement:
        return "Draft: not yet endorsed"
    return f"Endorsed by {endorsement['by']} on {uk_date(endorsement['on'])}"


def _first_line(text: str) -> str:
    for line in (text or "").splitlines():
        line = line.strip().lstrip("-•* ").strip()
        if line:
            return line
    return ""


def executive_summary(snapshot: dict) -> dict:
    """Top strengths and improvements (one per area, weakest areas first for improvements)
    and the key actions (open ones, overdue first, then by due date)."""
    areas = snapshot["areas"]
    strengths = [_first_line(a["strengths"]) for a in areas]
    by_score = sorted(areas, key=lambda a: (a["score"] is None, a["score"] or 0))
    improvements = [_first_line(a["improvements"]) for a in by_score]
    open_actions = [a for a in snapshot["actions"] if a["status"] in ("Not started", "In progress")]
    open_actions.sort(key=lambda a: (not a["overdue"], a["due_on"] is None, a["due_on"] or ""))
    return {
        "strengths": _distinct(strengths)[:SUMMARY_ITEMS],
        "improvements": _distinct(improvements)[:SUMMARY_ITEMS],
        "actions": open_actions[:SUMMARY_ITEMS],
    }


def _distinct(lines: list[str]) -> list[str]:
    """Non-empty lines, each once (two areas may open with the same line)."""
    return list(dict.fromkeys(line for line in lines if line))


def render_html(snapshot: dict, endorsement: dict | None = None) -> str:
    return render_template(
        "reports/report_pdf.html",
        s=snapshot,
        endorsed=bool(endorsement),
        status_line=status_line(endorsement),
        summary=executive_summary(snapshot),
        question_label=data.question_label,
        on_side=lambda evidence, side: [e for e in evidence or () if evidence_side(e) == side],
    )


def render_pdf(snapshot: dict, endorsement: dict | None = None) -> bytes:
    from weasyprint import HTML

    html = render_html(snapshot, endorsement)
    return HTML(string=html, base_url=None).write_pdf(pdf_variant="pdf/ua-1")
