"""Request logs for survey routes carry no client address and no time finer than the date.

Werkzeug's development server logs "ADDRESS - - [DD/Mon/YYYY HH:MM:SS] "GET /path ..." 200 -".
For /survey paths this filter replaces the address with "-" and keeps only the date. Under
gunicorn, leave the access log off (its default) or use an --access-logformat without %(h)s
and %(t)s (see docs/survey.md).
"""

import logging
import re

SURVEY_PREFIX = "/survey"
_LINE = re.compile(r"^(?P<address>\S+) - - \[(?P<date>[^\]: ]+)[^\]]*\] ")


class SurveyAnonymityFilter(logging.Filter):
    """Strip the client address and the time of day from request log lines for the survey."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: let logging report it as it would
            return True
        if f" {SURVEY_PREFIX}" not in message:
            return True
        record.msg = _LINE.sub(lambda m: f"- - - [{m['date']}] ", message)
        record.args = ()
        return True


def install_log_filter() -> None:
    """Add the filter to the "werkzeug" logger once per process."""
    logger = logging.getLogger("werkzeug")
    if not any(isinstance(f, SurveyAnonymityFilter) for f in logger.filters):
        logger.addFilter(SurveyAnonymityFilter())
