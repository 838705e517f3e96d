"""The records database's tables (SQLAlchemy Core). A change here needs a migration in
`migrations/versions/` too: the migrations, not this file, make the database."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, Float, Index, Integer, MetaData, String, Table, Text

metadata = MetaData()

# a person of the org chart who signs in to the desk with a local password
accounts = Table(
    "accounts", metadata,
    Column("email", String(320), primary_key=True),
    Column("password_hash", String(255), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# a one-time invitation to set a password; only the token's SHA-256 is kept
invitations = Table(
    "invitations", metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("email", String(320), nullable=False, index=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("used_at", DateTime(timezone=True), nullable=True),
)

# failed sign-ins per e-mail address: repeated failures are slowed down
sign_in_failures = Table(
    "sign_in_failures", metadata,
    Column("email", String(320), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("last_failure_at", DateTime(timezone=True), nullable=False),
)

# one quiz result of one person on one clause (or `@part`) of one document version: from the handbook's
# self-check, an acknowledgement's check or a Moodle import (`source`); `clause_hash` is the quiz's hash of
# the clause's data the question was asked on, so a changed clause shows who is due a retest
quiz_results = Table(
    "quiz_results", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("person", String(320), nullable=False),
    Column("document", String(200), nullable=False),
    Column("clause", String(200), nullable=False),
    Column("version", Integer, nullable=True),
    Column("clause_hash", String(64), nullable=True),
    Column("question", String(64), nullable=True),
    Column("score", Float, nullable=False),
    Column("passed", Boolean, nullable=False),
    Column("source", String(20), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Index("ix_quiz_results_clause", "document", "clause", "person"),
    Index("ix_quiz_results_person", "person"),
)

# every reminder sent or tried, once per key (what it is about, for whom, on which channel): a second
# `revise remind` finds the key and sends nothing; a failed delivery stays `failed` with its error and
# is tried again on the next run, up to a limit
reminder_log = Table(
    "reminder_log", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(500), nullable=False, unique=True),
    Column("kind", String(40), nullable=False),
    Column("channel", String(20), nullable=False),
    Column("recipient", String(320), nullable=False),
    Column("document", String(200), nullable=True),
    Column("version", Integer, nullable=True),
    Column("subject", String(500), nullable=False),
    Column("status", String(10), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("last_error", Text, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
