"""responses and answers keep no insertion order on SQLite (WITHOUT ROWID)

On SQLite an ordinary table has a hidden rowid in insertion order, which could be matched
against the order access codes were used. WITHOUT ROWID tables are stored in primary-key order,
and response ids are random. PostgreSQL is left as it is.

The tables are rebuilt without ever dropping a parent that still has children: with foreign
keys on, dropping `response` would cascade-delete every answer.

Revision ID: 0007_without_rowid
Revises: 0006_focus_groups
Create Date: 2026-11-26 00:05:00

"""
from alembic import op

revision = "0007_without_rowid"
down_revision = "0006_focus_groups"
branch_labels = None
depends_on = None

RESPONSE = """CREATE TABLE {name} (
    id VARCHAR(32) NOT NULL,
    cycle_id INTEGER NOT NULL,
    instrument_id VARCHAR(40) NOT NULL,
    instrument_version INTEGER NOT NULL,
    submitted_on DATE NOT NULL,
    submission_key VARCHAR(64) NOT NULL,
    CONSTRAINT pk_response PRIMARY KEY (id),
    CONSTRAINT fk_response_cycle_id_cycle FOREIGN KEY(cycle_id)
        REFERENCES cycle (id) ON DELETE CASCADE,
    CONSTRAINT uq_response_submission_key UNIQUE (submission_key)
){options}"""

ANSWER = """CREATE TABLE {name} (
    response_id VARCHAR(32) NOT NULL,
    "key" VARCHAR(80) NOT NULL,
    value TEXT NOT NULL,
    CONSTRAINT pk_answer PRIMARY KEY (response_id, "key"),
    CONSTRAINT fk_answer_response_id_response FOREIGN KEY(response_id)
        REFERENCES {parent} (id) ON DELETE CASCADE
){options}"""


def _rebuild(without_rowid: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    options = " WITHOUT ROWID" if without_rowid else ""
    op.execute(RESPONSE.format(name="response_new", options=options))
    op.execute(
        "INSERT INTO response_new (id, cycle_id, instrument_id, instrument_version, "
        "submitted_on, submission_key) SELECT id, cycle_id, instrument_id, "
        "instrument_version, submitted_on, submission_key FROM response"
    )
    op.execute(ANSWER.format(name="answer_new", parent="response_new", options=options))
    op.execute('INSERT INTO answer_new (response_id, "key", value) '
               'SELECT response_id, "key", value FROM answer')
    op.execute("DROP TABLE answer")  # no table refers to answer
    op.execute("DROP TABLE response")  # its only child (answer) is gone: nothing cascades
    # Renaming updates answer_new's reference from response_new to response.
    op.execute("ALTER TABLE response_new RENAME TO response")
    op.execute("ALTER TABLE answer_new RENAME TO answer")
    op.execute("CREATE INDEX ix_response_cycle_id ON response (cycle_id)")


def upgrade():
    _rebuild(without_rowid=True)


def downgrade():
    _rebuild(without_rowid=False)
