"""Rendering: the Jinja2 environment (autoescape on: every text from documents and proposals is
escaped), the context every page gets, and errors as HTTP answers (JSON under /api/, a page elsewhere)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import ChainableUndefined, Environment, FileSystemLoader, select_autoescape

from revise.desk import auth, csrf
from revise.errors import GateError, InputError, NotAllowed, ReviseError, UsageError
from revise.messages import MESSAGES, language, t
from revise.workflow.labels import label

TEMPLATES = Path(__file__).parent / "templates"


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True),
                      undefined=ChainableUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(t=t, label=label, language=language, tr=lambda key, fallback: t(key) if key in MESSAGES else fallback)
    env.filters["short"] = lambda value, n=10: str(value or "")[:n]
    env.filters["day"] = lambda value: str(value or "")[:10]
    env.filters["when"] = lambda value: str(value or "").replace("T", " ")[:16]
    return env


def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A page: `template` with the signed-in person, the CSRF token and the navigation."""
    actor = context.pop("actor", None) or auth.actor_from_request(request)
    desk = request.app.state.desk
    base = {"actor": actor, "csrf": csrf.token(request), "path": request.url.path, "mode": desk.settings.auth,
            "handbook": desk.settings.handbook is not None, "flash": request.session.pop("flash", None),
            "sees_team": _sees_team(desk, actor)}
    html = environment().get_template(template).render(**base, **context)
    return HTMLResponse(html, status_code=status)


def _sees_team(desk: Any, actor: Any) -> bool:
    """Whether the person supervises anyone (the navigation then offers their people's reading)."""
    if actor is None:
        return False
    from revise.desk import readingview
    return readingview.sees_team(desk, actor)


def status_of(exc: ReviseError) -> int:
    """403 when the person may not act, 409 when the state forbids it, 422 for a draft that fails
    the check or a malformed body, 400 for other bad usage."""
    from revise.desk.actions import BadBody
    from revise.workflow.gitstore import GitFailed
    from revise.workflow.submission import CheckFailed
    if isinstance(exc, NotAllowed):
        return 403
    if isinstance(exc, (CheckFailed, BadBody)):
        return 422
    if isinstance(exc, GateError):
        return 409
    if isinstance(exc, GitFailed):
        return 502
    if isinstance(exc, (UsageError, InputError)):
        return 400
    return 500


def problems_of(exc: ReviseError) -> list[dict[str, Any]]:
    result = getattr(exc, "result", None)
    if result is None:
        return []
    return [{"path": p.path, "line": p.line, "column": p.column, "field": p.field, "rule": p.rule,
             "message": p.message, "hint": p.hint} for p in result.errors]


async def error_response(request: Request, exc: ReviseError) -> Response:
    status = status_of(exc)
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": exc.message, "hint": exc.hint, "problems": problems_of(exc)}, status_code=status)
    return page(request, "error.html", status=status, message=exc.message, hint=exc.hint, problems=problems_of(exc))
