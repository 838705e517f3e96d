"""CSRF protection by the double-submit pattern: a random token kept in the signed session cookie
must come back with every state-changing request, as the form field `csrf` or the `X-CSRF-Token`
header. Without it the request is refused with 403 before anything runs — in every sign-in mode
(a header sign-in is a cookie-less ambient credential too)."""

from __future__ import annotations

import hmac
import secrets

from fastapi import HTTPException, Request

from revise.messages import t

SAFE = ("GET", "HEAD", "OPTIONS")
FIELD = "csrf"
HEADER = "X-CSRF-Token"


def token(request: Request) -> str:
    """This session's token (made on first use)."""
    value = request.session.get(FIELD)
    if not isinstance(value, str):
        value = secrets.token_urlsafe(32)
        request.session[FIELD] = value
    return value


async def protect(request: Request) -> None:
    """A dependency of every router: refuse an unsafe request whose token is missing or wrong."""
    if request.method in SAFE:
        return
    expected = request.session.get(FIELD)
    given = request.headers.get(HEADER)
    if given is None and request.headers.get("content-type", "").startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form()
        value = form.get(FIELD)
        given = value if isinstance(value, str) else None
    if not isinstance(expected, str) or not given or not hmac.compare_digest(expected.encode(), given.encode()):
        raise HTTPException(status_code=403, detail=t("desk.csrf"))
