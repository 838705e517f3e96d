"""The JSON API beside the pages, for the centre's integrations (IM bots, the ticket system) and
the tests. The same sign-in and CSRF rules as the pages; documented at `/api/docs` (OpenAPI at
`/api/openapi.json`)."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Body, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.concurrency import run_in_threadpool

from revise.desk import actions, auth, csrf, views
from revise.desk.auth import Actor
from revise.messages import t

DESCRIPTION = """The revise desk's JSON API: the queue, a proposal's status and the steps of the revision
procedure, as the signed-in person. Sign in as for the pages (the trusted proxy's header, or the session
cookie of a password or demo sign-in). Every POST carries the session's CSRF token (from GET /api/session)
in an `X-CSRF-Token` header. Answers: 200 with the new status; 401 not signed in; 403 the person may not
take the step, or the token is missing or wrong (nothing changes); 409 the proposal's state forbids it;
400 bad values; 422 a malformed body or a draft that fails the check (with its problems). 阅读确认:
`GET /api/me/reading`, `POST /api/reading/{document}/{version}/ack` (409 when nothing is owed) and
`GET /api/reading/report` (403 for someone no role reports to)."""

router = APIRouter(prefix="/api", dependencies=[Depends(csrf.protect)], tags=["desk"])


def signed_in(request: Request) -> Actor:
    actor = auth.actor_from_request(request)
    if actor is None:
        raise HTTPException(status_code=401, detail=t("desk.not-signed-in"))
    return actor


def _fresh(request: Request) -> Any:
    desk = request.app.state.desk
    desk.clone.refresh()
    return desk


@router.get("/session", summary="Who is signed in, and the CSRF token for POSTs")
def session(request: Request) -> dict[str, Any]:
    actor = signed_in(request)
    return {"email": actor.email, "name": actor.name, "roles": list(actor.roles), "via": actor.via,
            "csrf": csrf.token(request)}


@router.get("/queue", summary="All open proposals, ranked (as `revise queue --format json`)")
def queue(request: Request) -> dict[str, Any]:
    signed_in(request)
    return views.ranked(_fresh(request))


@router.get("/proposals/{pid}", summary="A proposal's status (as `revise status --format json`) and what you may do")
def proposal(pid: str, request: Request) -> dict[str, Any]:
    actor = signed_in(request)
    from revise.workflow.proposal import check_id
    check_id(pid)
    return views.status_for(_fresh(request), pid, actor)


@router.post("/proposals", summary="File a revision request: {title, source, targets, background, evidence}")
async def request_proposal(request: Request, body: dict[str, Any] = Body(...)) -> JSONResponse:  # noqa: B008
    actor = signed_in(request)
    desk = request.app.state.desk
    pid = await run_in_threadpool(actions.request, desk, body, actor.author())
    return JSONResponse(await run_in_threadpool(views.status_for, desk, pid, actor), status_code=201)


@router.post("/proposals/{pid}/{step}", summary="Take a step, with a body mirroring the CLI's flags")
async def take_step(pid: str, step: str, request: Request, body: dict[str, Any] | None = Body(None)) -> dict[str, Any]:  # noqa: B008
    """Steps and their bodies: `score` {impact, cost, urgency, note}; `draft` {}; `edit` {files: {path: text|null},
    summary}; `submit` {}; `review` {area: legal|business|it, decision: approve|reject|request-changes, message};
    `pilot-start` {scope, until, region, customer_group, channel}; `pilot-result` {results, baselines, targets:
    {metric: number}}; `pilot-pass` / `pilot-fail` {message}; `pilot-waive` {reason}; `publish` {effective,
    transition_days}; `reject` {reason}; `withdraw` {reason}; `restore` {}."""
    actor = signed_in(request)
    desk = request.app.state.desk
    await run_in_threadpool(actions.take, desk, step, pid, body or {}, actor.author())
    return await run_in_threadpool(views.status_for, desk, pid, actor)


@router.get("/docs", response_class=HTMLResponse, include_in_schema=False)
def docs(request: Request) -> HTMLResponse:
    """The API's documentation as one self-contained page, rendered from the OpenAPI document."""
    from revise.desk.render import page
    spec = request.app.openapi()
    ops = [{"method": method.upper(), "path": path, "summary": op.get("summary", ""), "doc": op.get("description", "")}
           for path, item in spec["paths"].items() for method, op in item.items()]
    return page(request, "api_docs.html", spec=spec, ops=ops, raw=json.dumps(spec, ensure_ascii=False, indent=2))
