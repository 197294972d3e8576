"""The WSGI entry point for gunicorn: `gunicorn healthcheck.wsgi:app`."""

import sys

from . import create_app
from .config import ConfigError

try:
    app = create_app()
except ConfigError as exc:  # one clear line in the server log, not a traceback
    print(f"Error: {exc}", file=sys.stderr)
    sys.exit(2)
