"""The desk's accounts: one-time invitations (72 hours), Argon2 password hashes, and failed
sign-ins slowed down.

Only an invitation token's SHA-256 is stored, so the database cannot be used to sign in. After
`FREE_FAILURES` wrong passwords for one address, each further attempt must wait twice as long as
the last (1 s, 2 s, 4 s … at most `MAX_WAIT`); a right password clears the count.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Engine

from revise.errors import UsageError
from revise.messages import t
from revise.records.db import aware, now
from revise.records.tables import accounts, invitations, sign_in_failures

INVITATION_HOURS = 72
FREE_FAILURES = 3
MAX_WAIT = 300.0
MIN_PASSWORD = 10
_hasher = PasswordHasher()


@dataclass(frozen=True, slots=True)
class Throttled(Exception):
    """Raised when a sign-in comes before the wait its address owes has passed."""

    seconds: float


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def invite(engine: Engine, email: str, at: datetime | None = None) -> str:
    """A new one-time invitation for `email`; returns the token (kept nowhere but in the link)."""
    token = secrets.token_urlsafe(32)
    at = at or now()
    with engine.begin() as conn:
        conn.execute(insert(invitations).values(token_hash=_digest(token), email=email.lower(), created_at=at,
                                                expires_at=at + timedelta(hours=INVITATION_HOURS)))
    return token


def invitation_email(engine: Engine, token: str) -> str | None:
    """The address an unused, unexpired invitation is for; None otherwise."""
    with engine.connect() as conn:
        row = conn.execute(select(invitations).where(invitations.c.token_hash == _digest(token))).first()
    if row is None or row.used_at is not None or aware(row.expires_at) < now():
        return None
    return str(row.email)


def accept(engine: Engine, token: str, password: str) -> str:
    """Set the password of the invitation's person and use the invitation up; returns the address.
    `UsageError` for an unknown, used or expired invitation or a password too short."""
    if len(password) < MIN_PASSWORD:
        raise UsageError(t("rec.password-short", n=MIN_PASSWORD))
    hashed = _hasher.hash(password)
    at = now()
    with engine.begin() as conn:
        row = conn.execute(select(invitations).where(invitations.c.token_hash == _digest(token))).first()
        if row is None or row.used_at is not None or aware(row.expires_at) < at:
            raise UsageError(t("rec.invitation-invalid"), t("rec.invitation-invalid.hint"))
        used = conn.execute(update(invitations).where(invitations.c.token_hash == row.token_hash,
                                                      invitations.c.used_at.is_(None)).values(used_at=at))
        if used.rowcount != 1:  # another request used it first
            raise UsageError(t("rec.invitation-invalid"), t("rec.invitation-invalid.hint"))
        email = str(row.email)
        conn.execute(delete(accounts).where(accounts.c.email == email))
        conn.execute(insert(accounts).values(email=email, password_hash=hashed, created_at=at, updated_at=at))
        conn.execute(delete(sign_in_failures).where(sign_in_failures.c.email == email))
    return email


def verify(engine: Engine, email: str, password: str) -> bool:
    """True when `password` is `email`'s; `Throttled` while the address must still wait."""
    email = email.lower()
    at = now()
    with engine.connect() as conn:
        fail = conn.execute(select(sign_in_failures).where(sign_in_failures.c.email == email)).first()
        row = conn.execute(select(accounts.c.password_hash).where(accounts.c.email == email)).first()
    if fail is not None:
        wait = wait_after(int(fail.failures)) - (at - aware(fail.last_failure_at)).total_seconds()
        if wait > 0:
            raise Throttled(round(wait, 1))
    ok = _matches(str(row.password_hash) if row is not None else _decoy(), password) and row is not None
    at = now()  # the wait counts from the answer: hashing takes a while
    with engine.begin() as conn:
        if ok:
            conn.execute(delete(sign_in_failures).where(sign_in_failures.c.email == email))
        elif fail is None:
            conn.execute(insert(sign_in_failures).values(email=email, failures=1, last_failure_at=at))
        else:
            conn.execute(update(sign_in_failures).where(sign_in_failures.c.email == email)
                         .values(failures=sign_in_failures.c.failures + 1, last_failure_at=at))
    return ok


def _matches(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False


@lru_cache(maxsize=1)
def _decoy() -> str:
    """A hash to verify against when the address has no account, so that the answer takes as long."""
    return _hasher.hash(secrets.token_urlsafe(16))


def wait_after(failures: int) -> float:
    """Seconds to wait after `failures` wrong passwords in a row."""
    if failures < FREE_FAILURES:
        return 0.0
    return min(MAX_WAIT, 2.0 ** (failures - FREE_FAILURES))
