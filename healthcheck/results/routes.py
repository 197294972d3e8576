"""The anonymised response export as a download (the Principal Social Worker only).

The results package itself is plain Python; this module is its one web route, so that the
dashboard's downloads page can link to it (``results.export``).
"""

import io

from flask import Blueprint, Response, abort, redirect, url_for
from flask_login import current_user

from ..auth.access import requires_role
from ..extensions import db
from ..models import Cycle
from .export import export_open, write_export

bp = Blueprint("results", __name__, url_prefix="/exports")


@bp.get("/<int:cycle_id>/responses.csv")
@requires_role("psw")
def export(cycle_id):
    """Download the cycle's responses as the anonymised export CSV (audited)."""
    cycle = db.session.get(Cycle, cycle_id)
    if cycle is None:
        abort(404)
    if not export_open(cycle):  # the downloads page says why
        return redirect(url_for("reports.download_list", cycle_id=cycle.id))
    buffer = io.StringIO(newline="")
    write_export(cycle, buffer, user=current_user)
    return Response(
        "\ufeff" + buffer.getvalue(),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="{cycle.slug}-responses.csv"',
            "Cache-Control": "no-store",
        },
    )
