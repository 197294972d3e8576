"""The planted-details corpus through the whole app: every planted detail is kept out of the
themes page, the area pages, the PDF, the XLSX, the CSV downloads, the anonymised export, the
focus-group record page and the focus-group CSV (issue 13's "pages, PDF, XLSX or CSV")."""

import io
import sys
from pathlib import Path

from bs4 import BeautifulSoup

from healthcheck.focus_groups import records
from healthcheck.models import FocusGroupNote
from tests.reports.seeding import seed
from tests.results.support import add_response

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import redaction_bench  # noqa: E402


def test_no_planted_detail_reaches_any_page_or_download(app, db, psw_client, facilitator):
    corpus = redaction_bench.load_corpus()
    planted = corpus["planted"]
    cycle = seed(20, "e2e")
    for comment in planted[:200]:
        add_response(cycle, {"Q2": comment["text"], "about_role": "social_worker"})
    for comment in corpus["clean"]:
        add_response(cycle, {"Q2": comment["text"], "about_role": "social_worker"})
    group = records.create_focus_group(cycle, facilitator)
    group.participants = 12
    group.notes = [
        FocusGroupNote(key=f"Q{4 + i}", text="\n".join(c["text"] for c in planted[200 + i :: 5]))
        for i in range(5)
    ]
    cycle.status = "closed"  # the response export waits for the cycle to close
    db.session.commit()

    shown = []
    for url in (
        f"/reports/{cycle.id}/themes",
        f"/reports/{cycle.id}/overview",
        f"/reports/{cycle.id}/areas/workload",
        f"/focus-groups/{group.id}",
    ):
        response = psw_client.get(url)
        assert response.status_code == 200, url
        shown.append(BeautifulSoup(response.get_data(as_text=True), "html.parser").get_text(" "))
    from openpyxl import load_workbook
    from pypdf import PdfReader

    pdf = psw_client.get(f"/reports/{cycle.id}/download/self-assessment.pdf").data
    shown.append(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    xlsx = psw_client.get(f"/reports/{cycle.id}/download/figures.xlsx").data
    book = load_workbook(io.BytesIO(xlsx))
    shown.append(
        " ".join(
            str(c) for ws in book.worksheets for r in ws.iter_rows(values_only=True) for c in r
        )
    )
    for url in (
        f"/reports/{cycle.id}/download/themes.csv",
        f"/reports/{cycle.id}/download/figures.csv",
        f"/exports/{cycle.id}/responses.csv",
        "/focus-groups/export.csv",
    ):
        response = psw_client.get(url)
        assert response.status_code == 200, url
        shown.append(response.get_data(as_text=True))
    text = "\n".join(shown)
    for comment in corpus["clean"]:  # "Grace periods ..." is no leak of "Grace"
        text = text.replace(comment["text"], "")
    assert "[name]" in text  # the planted comments did reach the outputs, redacted
    details = [d for c in planted for d in c["details"]]
    leaks = [d for d in details if redaction_bench.leaked(d, text)]
    assert len(leaks) <= 0.01 * len(details), leaks
