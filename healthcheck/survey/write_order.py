"""Closing a cycle wipes the order in which its responses and access codes were written.

On PostgreSQL every row carries the id of the transaction that wrote it (``xmin``) and sits
where it was appended (``ctid``), so someone with direct database access could line up the order
in which access codes were used with the order in which responses arrived. While the survey is
open that cannot be helped; when it closes:

1. in the closing transaction, every response, answer and access code of the cycle is rewritten
   unchanged, so they all carry that one transaction's id;
2. after it commits, ``CLUSTER`` rewrites the three tables in primary-key order (random response
   ids, code hashes), so the physical order says nothing either, and the old row versions go.

SQLite needs neither: ``response`` and ``answer`` are WITHOUT ROWID tables kept in random-id
order, and a code's rowid is the order codes were generated in, not used in.
"""

from __future__ import annotations

import logging

from sqlalchemy import select, text, update

from ..extensions import db
from ..models import AccessCode, Answer, Response

log = logging.getLogger(__name__)
TABLES = ("response", "answer", "access_code")


def _postgresql() -> bool:
    return db.session.get_bind().dialect.name == "postgresql"


def restamp_rows(cycle_id: int) -> None:
    """Step 1: rewrite the cycle's rows unchanged inside the caller's transaction."""
    if not _postgresql():
        return
    responses = select(Response.id).where(Response.cycle_id == cycle_id)
    db.session.execute(
        update(Response).where(Response.cycle_id == cycle_id).values(cycle_id=Response.cycle_id)
    )
    db.session.execute(
        update(Answer).where(Answer.response_id.in_(responses)).values(value=Answer.value)
    )
    db.session.execute(
        update(AccessCode).where(AccessCode.cycle_id == cycle_id).values(used=AccessCode.used)
    )


def rewrite_tables() -> bool:
    """Step 2, after the commit: CLUSTER the tables on their primary keys. False if refused
    (the database user must own the tables, as it does when it ran the migrations)."""
    if not _postgresql():
        return True
    try:
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("SET lock_timeout = '10s'")  # never hang a close on a reader
            for table in TABLES:
                index = conn.execute(
                    text(
                        "SELECT indexrelid::regclass::text FROM pg_index "
                        "WHERE indrelid = CAST(:table AS regclass) AND indisprimary"
                    ),
                    {"table": table},
                ).scalar_one()
                # Names from the catalogue and our own constant (TABLES), never from a user.
                conn.exec_driver_sql(f"CLUSTER {table} USING {index}")
    except Exception:  # noqa: BLE001 - closing must not fail on housekeeping
        log.warning(
            "Could not CLUSTER %s after closing a cycle: the physical row order still shows "
            "the order of writing. Run `CLUSTER response; CLUSTER answer; CLUSTER access_code;` "
            "as the tables' owner.",
            ", ".join(TABLES),
            exc_info=True,
        )
        return False
    return True
