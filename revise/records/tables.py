"""The records database's tables (SQLAlchemy Core). A change here needs a migration in
`migrations/versions/` too: the migrations, not this file, make the database."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Date, DateTime, Float, Index, Integer, MetaData, String, Table, Text, text

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

# --- 阅读确认 (read and acknowledge); see revise/records/obligations.py --------------------------
# who must read which document version by when; `roles` is the person's roles (sorted, comma-joined)
# when the row was written, so that a supervisor's scope (roles under theirs) selects rows by key
reading_obligations = Table(
    "reading_obligations", metadata,
    Column("person", String(320), primary_key=True),
    Column("document", String(100), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("due", Date, nullable=False),
    Column("roles", String(500), nullable=False),
    Column("reason", String(20), nullable=False),       # publish | joined
    Column("proposal", String(20), nullable=True),      # the publication that made it owed
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("acknowledged_at", DateTime(timezone=True), nullable=True),
    Index("ix_reading_obligations_version", "document", "version", "roles", "due"),
    # the open ones only, in due order: the overdue list and the reminders read it without sorting
    Index("ix_reading_obligations_open", "due", "document", "person", "version", "roles",
          postgresql_where=text("acknowledged_at IS NULL"), sqlite_where=text("acknowledged_at IS NULL")),
)

# an acknowledgement: person, document, version, time, and the optional check's score
reading_acks = Table(
    "reading_acks", metadata,
    Column("person", String(320), primary_key=True),
    Column("document", String(100), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("acknowledged_at", DateTime(timezone=True), nullable=False),
    Column("score", Integer, nullable=True),            # right answers of the check, when taken
    Column("questions", Integer, nullable=True),        # questions asked
    Column("clauses", Text, nullable=True),             # the clause ids the check tested (JSON list)
    Column("answers", Text, nullable=True),             # what was answered (JSON)
)

# counts per document version, roles key and due date: what the completion pages read
reading_tally = Table(
    "reading_tally", metadata,
    Column("document", String(100), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("roles", String(500), primary_key=True),
    Column("due", Date, primary_key=True),
    Column("owed", Integer, nullable=False),
    Column("acknowledged", Integer, nullable=False),
)

# the people as the last sync saw them (a person new to a role owes the versions in force), and
# what that sync was made from (main's org chart and publications), so an unchanged main costs nothing
reading_people = Table(
    "reading_people", metadata,
    Column("email", String(320), primary_key=True),
    Column("roles", String(500), nullable=False),
    Column("seen_at", DateTime(timezone=True), nullable=False),
)
reading_sync = Table(
    "reading_sync", metadata,
    Column("name", String(50), primary_key=True),
    Column("value", Text, nullable=False),
)
