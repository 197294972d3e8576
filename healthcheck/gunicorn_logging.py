"""gunicorn's access log, keeping nothing that could tell who answered the survey, or when.

Run gunicorn with ``--logger-class healthcheck.gunicorn_logging.AnonymousAccessLogger`` (see
docs/deployment.md). Then, whatever ``--access-logformat`` says:

- requests a respondent's browser makes (the survey, the start page, the stylesheets, scripts,
  fonts and images it loads: ``healthcheck.survey.logging.is_respondent_path``) are not
  logged at all. A line without an address still gets a time from the journal or the log
  collector, and the asset requests right after a survey page would give its time away;
- every other line has only the request line, status, size, duration and worker id: the
  client address, the time, the Referer, the User-Agent, the user and every request header
  and environ value (an X-Forwarded-For, a cookie) come out as "-".

This module imports gunicorn, so the app itself never imports it.
"""

from gunicorn.glogging import Logger

from .survey.logging import is_respondent_path

# gunicorn's atoms that say nothing about the client (see gunicorn's "access_log_format").
KEPT_ATOMS = frozenset("r s m U q H b B T D M L p".split())
ACCESS_LOG_FORMAT = '"%(r)s" %(s)s %(b)s %(M)sms'


class AnonymousAccessLogger(Logger):
    """gunicorn's Logger with an access log that is silent for respondents, anonymous for all."""

    def access(self, resp, req, environ, request_time):
        if is_respondent_path(environ.get("PATH_INFO", "")):
            return
        super().access(resp, req, environ, request_time)

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {key: value for key, value in atoms.items() if key in KEPT_ATOMS}
