"""Database engine settings that SQLAlchemy does not set for us, and short write transactions.

SQLite in WAL mode lets many readers work beside one writer. A transaction that begins
deferred (as a GET request's does, so that pages never queue behind a submission) and then
writes must *upgrade* its read lock to the write lock, and SQLite does not wait for that: it
answers "database is locked" at once when another connection is writing, or has written since
the read began. The busy timeout only covers a lock taken at BEGIN. So:

- requests that change things (POST and the like), commands and background work begin
  IMMEDIATE (the write lock is taken up front and waits on the busy timeout);
- a GET that must write (an audit row, claiming an analysis run) does it with
  ``write_transaction``: its read transaction ends, and the write runs in a transaction of its
  own that begins IMMEDIATE, retried if the lock stays busy past the timeout;
- long reads off the request path (the analysis) begin deferred too, inside ``reading()``;
- a write inside a deferred transaction is a bug of that class: it raises
  ``DeferredWriteError`` under test (``strict``) and is logged in production.

PostgreSQL needs none of this (its writers never fail for a concurrent reader or writer), and
``write_transaction`` there is simply a short transaction of its own.
"""

from __future__ import annotations

import logging
import re
import time
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Callable, TypeVar

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session
from werkzeug.routing import IntegerConverter

log = logging.getLogger(__name__)
T = TypeVar("T")

# True while write_transaction runs its work (the next transaction begins IMMEDIATE), False
# inside reading() (it begins deferred), None otherwise (decided by the request's method).
_write_wanted: ContextVar[bool | None] = ContextVar("healthcheck_write_wanted", default=None)
_WRITE_STATEMENT = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
DEFERRED = "healthcheck_sqlite_deferred"
WRITE_ATTEMPTS = 5

# Anonymity (healthcheck/survey/write_order.py): deleted rows (drafts, rate-limit counts) are
# overwritten with zeros, not left in free space; every commit is checkpointed into the main
# file, and the write-ahead log is cut back to the last write whenever it restarts, so it does
# not keep a history of writes in the order they happened.
NO_WRITE_ORDER_PRAGMAS = (
    "PRAGMA secure_delete=ON",
    "PRAGMA wal_autocheckpoint=1",
    "PRAGMA journal_size_limit=0",
)


# The largest integer a database column holds (SQLite's INTEGER, PostgreSQL's BIGINT).
MAX_DATABASE_INTEGER = 2**63 - 1


class DatabaseIdConverter(IntegerConverter):
    """``<int:...>`` in a URL: a whole number the database can hold, else the URL matches no
    route (a 404). A larger number can be no row's id, and SQLite cannot even be asked about
    it (OverflowError, which was a 500 on every route that takes an id)."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", MAX_DATABASE_INTEGER)
        super().__init__(map, *args, **kwargs)


class DeferredWriteError(RuntimeError):
    """A write ran in a transaction that began deferred (it can fail with "database is locked")."""


def configure_sqlite(engine: Engine, busy_timeout_ms: int, strict: bool = False) -> None:
    """WAL, synchronous=FULL, foreign keys on and a busy timeout on every SQLite connection.

    WAL lets readers work while a respondent submits; FULL makes an acknowledged submission
    survive a power cut; the busy timeout makes concurrent writers wait instead of failing.
    ``strict`` turns a write in a deferred transaction into an error (the tests set it).
    """
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, connection_record):
        # Let SQLAlchemy's BEGIN happen explicitly so that transactions behave as on PostgreSQL.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        for pragma in NO_WRITE_ORDER_PRAGMAS:
            cursor.execute(pragma)
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        immediate = _expects_write()
        connection.info[DEFERRED] = not immediate
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    @event.listens_for(engine, "commit")
    @event.listens_for(engine, "rollback")
    def _on_end(connection):
        connection.info.pop(DEFERRED, None)

    @event.listens_for(engine, "before_cursor_execute")
    def _on_execute(connection, cursor, statement, parameters, context, executemany):
        # A write while serving a read request, in a transaction that began deferred. (A
        # deferred transaction written to by a POST only happens when one app context serves
        # several requests, as in the tests' client: not a request that can meet another.)
        if (
            connection.info.get(DEFERRED)
            and _WRITE_STATEMENT.match(statement)
            and not _expects_write()
        ):
            message = (
                "a write in a transaction that began deferred (a GET request?) can fail with "
                "'database is locked': use healthcheck.database.write_transaction: "
                + statement.split("\n", 1)[0][:80]
            )
            if strict:
                raise DeferredWriteError(message)
            log.warning(message)


def _expects_write() -> bool:
    """Whether this transaction should take SQLite's write lock when it begins.

    Requests that change things (POST and the like), commands and background work begin
    IMMEDIATE: the write lock is taken up front, so two writers queue on the busy timeout
    instead of one failing with "database is locked" when it upgrades a read to a write.
    A GET or HEAD begins deferred, so that reading pages never waits for, or blocks, a
    respondent who is submitting (WAL lets readers and one writer work at once), unless it
    is inside ``write_transaction``.
    """
    from flask import has_request_context, request

    wanted = _write_wanted.get()
    if wanted is not None:
        return wanted
    if has_request_context():
        return request.method not in ("GET", "HEAD", "OPTIONS")
    return True


@contextmanager
def reading():
    """Transactions begun inside begin deferred, even off the request path: for long reads
    (the analysis reading a cycle's responses) that must not hold the write lock, and so keep
    respondents waiting. A write inside must use write_transaction."""
    token = _write_wanted.set(False)
    try:
        yield
    finally:
        _write_wanted.reset(token)


def is_locked(exc: BaseException) -> bool:
    """SQLite's "database is locked" (or "busy"): the write lock stayed taken past the timeout."""
    text = str(getattr(exc, "orig", exc)).lower()
    return "database is locked" in text or "database is busy" in text


def write_transaction(session: Session, work: Callable[[Session], T]) -> T:
    """Run ``work(session)`` in a short transaction of its own that takes the write lock first.

    For the few writes a read request must make. The session's current (read) transaction is
    ended first, so it must hold no changes; ``work`` runs and is committed, and is run again
    if SQLite's write lock stays busy for longer than the busy timeout (``work`` must be safe to
    repeat: it is, since the failed attempt was rolled back).
    """
    if session.new or session.dirty or session.deleted:
        raise RuntimeError("write_transaction needs a session without pending changes")
    session.commit()
    for attempt in range(1, WRITE_ATTEMPTS + 1):
        wanted = _write_wanted.set(True)
        try:
            result = work(session)
            session.commit()
            return result
        except OperationalError as exc:
            session.rollback()
            if not is_locked(exc) or attempt == WRITE_ATTEMPTS:
                raise
            log.warning("database busy, retrying a write (attempt %s)", attempt)
            time.sleep(0.05 * attempt)
        except BaseException:
            session.rollback()
            raise
        finally:
            _write_wanted.reset(wanted)
    raise AssertionError("unreachable")  # pragma: no cover
