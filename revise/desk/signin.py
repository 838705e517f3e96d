"""Signing in and out: password (set through a one-time invitation), demo ("以某人身份登录", only
while the desk listens on a loopback address), or nothing to do in header mode (the proxy signs in)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from revise.desk import auth, csrf
from revise.desk.render import page
from revise.errors import UsageError
from revise.messages import t
from revise.records import accounts

router = APIRouter(dependencies=[Depends(csrf.protect)])


def _home(request: Request, message: str | None = None) -> RedirectResponse:
    if message:
        request.session["flash"] = message
    return RedirectResponse("/", status_code=303)


def _people(request: Request) -> list[dict[str, object]]:
    org = request.app.state.desk.org()
    return [{"email": p.email, "name": p.name, "roles": p.roles} for p in sorted(org.people.values(), key=lambda p: p.email)]


@router.get("/signin")
def signin_page(request: Request) -> Response:
    desk = request.app.state.desk
    people = _people(request) if desk.settings.auth == "demo" and desk.settings.loopback_only else []
    return page(request, "signin.html", people=people, error=None, status=401 if desk.settings.auth == "header" else 200)


@router.post("/signin")
async def signin_password(request: Request) -> Response:
    desk = request.app.state.desk
    if desk.settings.auth != "password":
        return page(request, "signin.html", people=[], error=t("desk.wrong-mode"), status=400)
    form = await request.form()
    email, password = str(form.get("email", "")).strip().lower(), str(form.get("password", ""))
    try:
        ok = await run_in_threadpool(accounts.verify, desk.engine, email, password)
    except accounts.Throttled as exc:
        return page(request, "signin.html", people=[], error=t("desk.throttled", seconds=exc.seconds), status=429)
    if not ok or auth.person(desk, email, "password") is None:
        return page(request, "signin.html", people=[], error=t("desk.bad-password"), status=401)
    auth.sign_in(request, email)
    return _home(request)


@router.post("/signin/demo")
async def signin_demo(request: Request) -> Response:
    desk = request.app.state.desk
    if desk.settings.auth != "demo" or not desk.settings.loopback_only:
        return page(request, "signin.html", people=[], error=t("desk.demo-refused"), status=403)
    form = await request.form()
    email = str(form.get("email", "")).strip().lower()
    if auth.person(desk, email, "demo") is None:
        return page(request, "signin.html", people=_people(request), error=t("desk.unknown-person", email=email), status=400)
    auth.sign_in(request, email)
    return _home(request)


@router.post("/signout")
def signout(request: Request) -> Response:
    auth.sign_out(request)
    return RedirectResponse("/signin", status_code=303)


@router.get("/invite/{token}")
def invitation(token: str, request: Request) -> Response:
    desk = request.app.state.desk
    email = accounts.invitation_email(desk.engine, token)
    return page(request, "invite.html", email=email, token=token, error=None, status=200 if email else 404)


@router.post("/invite/{token}")
async def accept(token: str, request: Request) -> Response:
    desk = request.app.state.desk
    form = await request.form()
    password, again = str(form.get("password", "")), str(form.get("again", ""))
    email = accounts.invitation_email(desk.engine, token)
    if password != again:
        return page(request, "invite.html", email=email, token=token, error=t("desk.passwords-differ"), status=400)
    try:
        email = await run_in_threadpool(accounts.accept, desk.engine, token, password)
    except UsageError as exc:
        return page(request, "invite.html", email=email, token=token, error=exc.message, status=400)
    if desk.settings.auth == "password":
        auth.sign_in(request, email)
    return _home(request, t("desk.password-set"))
