"""The desk's application factory: FastAPI with server-rendered Jinja2 pages and a JSON API.

FastAPI (over Starlette) because it gives the OpenAPI document the API needs from the same
route declarations, and runs our blocking core calls in its thread pool. Its default docs page
loads Swagger UI from a CDN, so it is off: `/api/docs` is a self-contained page rendered here.
Every response carries a Content-Security-Policy without inline script (`default-src 'self'`);
the handbook under `/handbook/` gets the policy its own pages need, still with no outside host.
"""

from __future__ import annotations

import time
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from revise.desk import api, pages, render, signin
from revise.desk.settings import Settings
from revise.desk.state import Desk, secret_key
from revise.errors import ReviseError

STATIC = Path(__file__).parent / "static"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")
# the built handbook (mkdocs-material) has inline configuration scripts and styles of its own
HANDBOOK_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
                "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
                "frame-ancestors 'none'; base-uri 'self'; object-src 'none'")


def create_app(settings: Settings, *, migrate: bool = True, prepare: bool = True) -> FastAPI:
    """The desk for `settings`; with `prepare`, its clone is made (or brought up to date) first."""
    desk = Desk(settings, migrate=migrate)
    if prepare:
        desk.clone.ensure()
        from revise.desk import readingview
        readingview.ensure_synced(desk)  # 阅读确认: what main's publications and org chart ask of whom
    app = FastAPI(title="revise desk", version="1", docs_url=None, redoc_url=None, openapi_url="/api/openapi.json",
                  description=api.DESCRIPTION)
    app.state.desk = desk
    app.add_middleware(SessionMiddleware, secret_key=secret_key(settings.data), session_cookie="revise_desk",
                       max_age=int(settings.session_hours * 3600), same_site="lax", https_only=settings.secure_cookies)
    app.middleware("http")(_headers)
    app.add_exception_handler(ReviseError, render.error_response)  # type: ignore[arg-type]
    app.include_router(api.router)
    app.include_router(signin.router)
    for router in pages.routers():
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    handbook = settings.handbook
    if handbook is not None and handbook.is_dir():
        app.mount("/handbook", StaticFiles(directory=handbook, html=True), name="handbook")
    return app


async def _headers(request: Request, call_next) -> Response:  # type: ignore[no-untyped-def]
    """Security headers on every answer, and the server's own time (`Server-Timing`)."""
    started = time.perf_counter()
    response = await call_next(request)
    handbook = request.url.path.startswith("/handbook")
    response.headers["Content-Security-Policy"] = HANDBOOK_CSP if handbook else CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Frame-Options"] = "DENY"
    if not handbook and not request.url.path.startswith("/static"):
        response.headers["Cache-Control"] = "no-store"
    response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
    return response


def json_error(status: int, message: str, hint: str | None = None, **extra: object) -> JSONResponse:
    return JSONResponse({"error": message, "hint": hint, **extra}, status_code=status)
