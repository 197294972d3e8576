"""Storage keeps no order: neither the database files nor any key let answers be put in the
order they were given, or linked to the access code that unlocked them.

What someone with a copy of the database (or of SECRET_KEY as well) could otherwise read, and
what stops it:

- **Keys derived from the browser.** A response's ``submission_key`` used to be a hash of the
  draft id, and a deleted draft's id can be recovered from free space; with it every response
  could be tied to its draft (and its save dates). Now the key is random and sending claims
  the draft by deleting it (submission.py). The submission rate limit counts against a random
  value that only the session cookie holds, not the draft id, so its buckets (which carry the
  minute) cannot be matched to a response even with SECRET_KEY (ratelimit.session_key).
- **SQLite's write-ahead log.** The ``-wal`` file keeps page images in the order they were
  written: code 0 used, response 0 stored, code 1 used, ... and old frames survive until they
  are overwritten. Every connection sets (healthcheck/database.py) ``wal_autocheckpoint=1``
  (each commit is copied into the main file at once) and ``journal_size_limit=0`` (when the
  log restarts it is cut back to the write in hand), so the log holds the latest write or
  two, not a history; it holds more only while long reads keep the checkpoint from finishing.
- **Deleted rows.** ``secure_delete`` overwrites deleted rows (drafts, with their ids and
  answers; rate-limit counts) with zeros in the main file and the log.
- **Where rows sit.** Within a page, SQLite places each new row below the last one, so the
  offsets of the cells in a page of ``response``, ``answer`` and their indexes show the order
  in which those rows arrived, and on PostgreSQL ``xmin`` (the writing transaction) and
  ``ctid`` (the place in the table) do the same. While the survey is open this cannot be
  helped without holding answers back (they must be stored before the confirmation): the
  order among responses that share a page is visible to someone who copies the file, though
  not the access code each one used (using a code changes one byte of its row in place, and
  the log keeps no history). **Closing the cycle wipes it**:

  1. in the closing transaction, on PostgreSQL, every response, answer and access code of the
     cycle is rewritten unchanged, so they all carry that one transaction's id;
  2. after it commits, PostgreSQL's ``CLUSTER`` rewrites the three tables in primary-key order
     (random response ids, code hashes) and drops the old row versions; SQLite's ``VACUUM``
     rebuilds the whole file with every table and index in key order and no free pages, and
     ``wal_checkpoint(TRUNCATE)`` empties the log.

Why these and not others: batching responses in memory and writing them in random order would
lose acknowledged answers in a crash (a response is stored before the confirmation is shown);
rebuilding the file after every response would make each submission cost a whole-file rewrite
and block everyone else meanwhile. Pragmas cost one extra small write per commit; the rebuild
runs once, at close.

``tests/survey/test_write_order.py`` runs a 100-respondent codes cycle and reads the SQLite
file and log page by page, cell by cell, before and after closing; ``tests/test_response_order.py``
checks ``xmin`` and ``ctid`` on PostgreSQL. Backups and PostgreSQL's own write-ahead log taken
while the survey was open still hold the old order: keep them only as long as the policy says.
"""

from __future__ import annotations

import logging
import sqlite3

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
    """Step 2, after the commit: rebuild the tables in key order. False if it could not be
    done (then a warning in the log says what to run)."""
    if _postgresql():
        return _cluster()
    return _vacuum()


def _vacuum() -> bool:
    """SQLite: VACUUM (every table and index rebuilt in key order, no free pages), then empty
    the write-ahead log. Needs no other connection to be in the middle of a long read."""
    raw = db.engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("VACUUM")
        busy, _, _ = cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        cursor.close()
        if busy:
            raise sqlite3.OperationalError("readers kept the write-ahead log busy")
    except sqlite3.Error:
        log.warning(
            "Could not VACUUM and checkpoint the SQLite database after closing a cycle: the "
            "file may still show the order in which responses were written. With the service "
            "stopped, run `sqlite3 FILE 'VACUUM; PRAGMA wal_checkpoint(TRUNCATE);'`.",
            exc_info=True,
        )
        return False
    finally:
        raw.close()
    return True


def _cluster() -> bool:
    """PostgreSQL: CLUSTER the tables on their primary keys. False if refused (the database
    user must own the tables, as it does when it ran the migrations)."""
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
