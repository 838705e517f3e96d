"""The records database's tables (SQLAlchemy Core). A change here needs a migration in
`migrations/versions/` too: the migrations, not this file, make the database."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table

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
