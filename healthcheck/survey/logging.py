"""Request logs keep no client address and no time finer than the date for anything a
respondent's browser asks for.

Werkzeug's development server logs "ADDRESS - - [DD/Mon/YYYY HH:MM:SS] "GET /path ..." 200 -".
This filter replaces the address with "-" and keeps only the date, on every request line: the
survey pages, and also the stylesheets, scripts and images they load, whose lines right after
a survey page would otherwise give its address and time away. Under gunicorn, use
healthcheck.gunicorn_logging.AnonymousAccessLogger (docs/deployment.md), which logs nothing for
``is_respondent_path`` and no address, time, Referer or User-Agent for anything else.
"""

import logging
import re

# What a respondent's browser fetches: the survey, the start page and the assets they load.
RESPONDENT_PREFIXES = ("/survey", "/static/", "/assets/")
RESPONDENT_PATHS = ("/", "/favicon.ico", "/robots.txt")
_LINE = re.compile(r"^(?P<address>\S+) - - \[(?P<date>[^\]: ]+)[^\]]*\] ")


def is_respondent_path(path: str) -> bool:
    """Whether a request for ``path`` may come from someone answering the survey."""
    return path in RESPONDENT_PATHS or path.startswith(RESPONDENT_PREFIXES)


class SurveyAnonymityFilter(logging.Filter):
    """Strip the client address and the time of day from every request log line."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: let logging report it as it would
            return True
        if _LINE.match(message):
            record.msg = _LINE.sub(lambda m: f"- - - [{m['date']}] ", message)
            record.args = ()
        return True


def install_log_filter() -> None:
    """Add the filter to the "werkzeug" logger once per process."""
    logger = logging.getLogger("werkzeug")
    if not any(isinstance(f, SurveyAnonymityFilter) for f in logger.filters):
        logger.addFilter(SurveyAnonymityFilter())
