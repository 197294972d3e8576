"""Inviting staff to a cycle's survey: the link and its QR code for posters, access codes as a
CSV for a mail merge or as printable slips, and invitation and reminder text to copy.

Access codes exist in plain text only in the file made when they are generated (the database
keeps their hashes, healthcheck/survey/access_codes.py), so each batch is downloaded once, in
the form chosen when it is made.
"""

import io

import segno
from flask import current_app, render_template, url_for

from analysis.spreadsheet_cells import csv_bytes

from ..models import Cycle
from . import access_codes
from .cycles import long_date

MIN_CODES, MAX_CODES = 1, access_codes.MAX_BATCH
# Printable slips are made while the administrator waits: WeasyPrint takes several seconds per
# few hundred slips, so a PDF holds at most this many (more come as several batches).
MAX_PDF_CODES = 500


def survey_link(cycle: Cycle) -> str:
    return url_for("survey.start", slug=cycle.slug, _external=True)


def qr_svg(link: str) -> str:
    """The link as a QR code (SVG), large enough to scan from a printed poster."""
    buffer = io.BytesIO()
    segno.make(link, error="m").save(
        buffer, kind="svg", scale=8, border=4, xmldecl=False, svgns=True,
        title="QR code for the survey link", nl=False,
    )  # fmt: skip
    return buffer.getvalue().decode("utf-8")


def codes_csv(cycle: Cycle, codes: list[str], batch: int) -> bytes:
    link = survey_link(cycle)
    return csv_bytes([["code", "survey_link", "batch"], *([c, link, batch] for c in codes)])


def codes_pdf(cycle: Cycle, codes: list[str], batch: int) -> bytes:
    """One slip per code to cut out, for staff without a work email address."""
    from weasyprint import HTML

    html = render_template(
        "admin/code_slips_pdf.html",
        cycle=cycle,
        codes=codes,
        batch=batch,
        link=survey_link(cycle),
        closes=long_date(cycle.closes_on),
        organisation=current_app.config.get("ORGANISATION_NAME", ""),
    )
    return HTML(string=html, base_url=None).write_pdf()


def messages(cycle: Cycle) -> dict[str, str]:
    """The invitation and the reminder, filled in with the cycle's dates and link."""
    link = survey_link(cycle)
    opens, closes = long_date(cycle.opens_on), long_date(cycle.closes_on)
    how = (
        "Use the access code you have been given: each code works once, and is not linked to "
        "your answers."
        if cycle.access_mode == "codes"
        else "Anyone with the link can take part."
    )
    invitation = (
        f"Subject: {cycle.name}: tell us how things really are\n\n"
        f"Our yearly workforce health check is open from {opens} to {closes}. It asks about "
        "workload, workflow, the tools you have, a healthy workplace and service delivery.\n\n"
        "It is anonymous: no name, email address or IP address is kept, and no figure is "
        "shown for a group of fewer than 5 people.\n\n"
        f"Take part: {link}\n{how}\n\n"
        "You can save your answers and come back to them before you send them."
    )
    reminder = (
        f"Subject: Reminder: {cycle.name} closes on {closes}\n\n"
        f"There is still time to take part in the health check: it closes on {closes}. "
        "Every answer counts, and the results will shape this year's action plan.\n\n"
        f"Take part: {link}\n{how}\n\n"
        "If you have already taken part, thank you: please ignore this reminder."
    )
    return {"invitation": invitation, "reminder": reminder}
