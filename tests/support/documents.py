"""Reading what the app sends back: an HTML page as soup, a PDF as its plain text."""

import subprocess  # nosec B404: pdftotext on our own PDFs

from bs4 import BeautifulSoup


def soup(response):
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def form_values(response) -> dict[str, str]:
    """The text and hidden inputs and the text areas of the page's main form, as a browser
    would post them (less the CSRF token, which the tests' app does not check)."""
    form = soup(response).select_one("main form[method=post]")
    values = {
        i["name"]: i.get("value", "")
        for i in form.select("input[name]")
        if i.get("type", "text") in ("text", "hidden") and i["name"] != "csrf_token"
    }
    # A browser drops the one newline that may open a text area's content, as the HTML says.
    values.update(
        {t["name"]: t.get_text().removeprefix("\n") for t in form.select("textarea[name]")}
    )
    return values


def pdf_text(data: bytes) -> str:
    """The PDF's text (poppler's pdftotext), white space folded."""
    out = subprocess.run(  # nosec B603 B607: fixed arguments
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    )
    return " ".join(out.stdout.decode("utf-8").split())
