"""阅读确认 in the JSON API, with the same sign-in and CSRF rules as the pages:

- `GET /api/me/reading` → `[{"document", "version", "due", "acknowledged_at"}]`, what the signed-in person owes;
- `POST /api/reading/{document}/{version}/ack` (optional `{"answers": {question id: option index or text}}`)
  → 200 with the record, 409 when nothing is owed;
- `GET /api/reading/report?document=ID&version=N` → `{"owed", "acknowledged", "overdue", "people": […]}`
  among the people the signed-in person sees along the `reports_to` chain; 403 for someone who sees no one.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Body, Depends, Request
from starlette.concurrency import run_in_threadpool

from revise.desk import csrf, reading, readingview
from revise.desk.api import signed_in
from revise.errors import UsageError
from revise.messages import t
from revise.records import reading as records

router = APIRouter(prefix="/api", dependencies=[Depends(csrf.protect)], tags=["reading"])


@router.get("/me/reading", summary="What the signed-in person owes: [{document, version, due, acknowledged_at}]")
def me(request: Request) -> list[dict[str, Any]]:
    actor = signed_in(request)
    desk = request.app.state.desk
    desk.clone.refresh()
    readingview.ensure_synced(desk)
    return [{k: x[k] for k in ("document", "version", "due", "acknowledged_at")} for x in records.mine(desk.engine, actor.email)]


@router.post("/reading/{document}/{version}/ack", summary="Acknowledge a version (optional {answers}); 409 when nothing is owed")
async def ack(document: str, version: int, request: Request, body: dict[str, Any] | None = Body(None)) -> dict[str, Any]:  # noqa: B008
    actor = signed_in(request)
    answers = (body or {}).get("answers") or {}
    if not isinstance(answers, dict):
        raise UsageError(t("reading.bad-answers"))
    return await run_in_threadpool(reading.ack, request.app.state.desk, actor, document, version, answers)


@router.get("/reading/report", summary="A version's completion among the people you see: {owed, acknowledged, overdue, people}")
def report(request: Request, document: str, version: int) -> dict[str, Any]:
    actor = signed_in(request)
    desk = request.app.state.desk
    desk.clone.refresh()
    keys = reading.team_or_refuse(desk, actor)
    names = {p.email: p.name for p in desk.org().people.values()}
    rep = records.report(desk.engine, document, version, keys, date.today())
    rep["people"] = [{"name": names.get(p["email"], ""), **p} for p in rep["people"]]
    return rep
