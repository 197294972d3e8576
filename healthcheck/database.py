"""Database engine settings that SQLAlchemy does not set for us."""

from sqlalchemy import event
from sqlalchemy.engine import Engine

# Anonymity (healthcheck/survey/write_order.py): deleted rows (drafts, rate-limit counts) are
# overwritten with zeros, not left in free space; every commit is checkpointed into the main
# file, and the write-ahead log is cut back to the last write whenever it restarts, so it does
# not keep a history of writes in the order they happened.
NO_WRITE_ORDER_PRAGMAS = (
    "PRAGMA secure_delete=ON",
    "PRAGMA wal_autocheckpoint=1",
    "PRAGMA journal_size_limit=0",
)


def configure_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    """WAL, synchronous=FULL, foreign keys on and a busy timeout on every SQLite connection.

    WAL lets readers work while a respondent submits; FULL makes an acknowledged submission
    survive a power cut; the busy timeout makes concurrent writers wait instead of failing.
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
        connection.exec_driver_sql("BEGIN IMMEDIATE" if _expects_write() else "BEGIN")


def _expects_write() -> bool:
    """Whether this transaction should take SQLite's write lock when it begins.

    Requests that change things (POST and the like), commands and background work begin
    IMMEDIATE: the write lock is taken up front, so two writers queue on the busy timeout
    instead of one failing with "database is locked" when it upgrades a read to a write.
    A GET or HEAD begins deferred, so that reading pages never waits for, or blocks, a
    respondent who is submitting (WAL lets readers and one writer work at once).
    """
    from flask import has_request_context, request

    if has_request_context():
        return request.method not in ("GET", "HEAD", "OPTIONS")
    return True
