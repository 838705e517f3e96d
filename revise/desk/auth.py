"""Who a request is: `actor_from_request`, the one place that knows how people sign in.

- `header`: a trusted reverse proxy (the centre's SSO) names the person in a header; believed only
  from the configured proxy addresses — from anywhere else the request is not signed in.
- `password` and `demo`: the signed session cookie names the person, with the mode it was set in.

Either way the person must be in the org chart on main now: someone removed from it is signed out.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from starlette.requests import HTTPConnection

from revise.workflow.gitstore import Author


@dataclass(frozen=True, slots=True)
class Actor:
    email: str
    name: str
    roles: tuple[str, ...]
    via: str

    def author(self) -> Author:
        """The person as the workflow's actor: authored by them, committed by the desk (`via`)."""
        return Author(self.name, self.email, self.via)

    def as_dict(self) -> dict[str, object]:
        return {"email": self.email, "name": self.name, "roles": list(self.roles), "via": self.via}


def via(mode: str) -> str:
    return f"desk ({mode})"


def actor_from_request(conn: HTTPConnection) -> Actor | None:
    desk = conn.app.state.desk
    settings = desk.settings
    if settings.auth == "header":
        if not settings.trusts(conn.client.host if conn.client else None):
            return None
        return person(desk, conn.headers.get(settings.header, ""), settings.auth)
    session = conn.session
    if session.get("mode") != settings.auth or not isinstance(session.get("email"), str):
        return None
    if time.time() - float(session.get("at", 0)) > settings.session_hours * 3600:
        return None
    return person(desk, session["email"], settings.auth)


def person(desk, email: str, mode: str) -> Actor | None:  # type: ignore[no-untyped-def]
    """The org chart's person with this address, as an actor signed in by `mode`; None if unknown."""
    email = email.strip().lower()
    found = desk.org().person(email) if email else None
    if found is None:
        return None
    return Actor(found.email, found.name, tuple(found.roles), via(mode))


def sign_in(conn: HTTPConnection, email: str) -> None:
    """Start a session for `email` (password and demo modes): a fresh CSRF token too."""
    import secrets
    conn.session.clear()
    conn.session.update({"email": email.lower(), "mode": conn.app.state.desk.settings.auth, "at": time.time(),
                         "csrf": secrets.token_urlsafe(32)})


def sign_out(conn: HTTPConnection) -> None:
    conn.session.clear()
