"""Duties beside the proposals: each owner's periodic reviews (`periodic.schedule(owner=…)`, opening a
review in one click), recording an emergency plan's drill (`drills.record`), and the effect
evaluations due (`effect.due`, for QA). `tasks_for` puts the ones waiting into 我的待办."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from revise.desk import actions, auth, csrf, views
from revise.desk.render import page, status_of
from revise.errors import ReviseError
from revise.messages import t

router = APIRouter(dependencies=[Depends(csrf.protect)])
_schedules = views.Kept(256)
_effects = views.Kept(4)


def schedule(desk: Any, email: str) -> list[dict[str, Any]]:
    """The documents `email` owns, soonest review first (kept until the desk's refs move, per day)."""
    generation, _refs = desk.clone.refs()
    today = date.today()
    key = (generation, today, email)
    found = _schedules.get(key)
    if found is None:
        from revise.workflow.periodic import schedule as run
        found = _schedules.put(key, run(desk.root, today, owner=email)["documents"])
    return found


def effects_due(desk: Any) -> list[Any]:
    generation, _refs = desk.clone.refs()
    key = (generation, date.today())
    found = _effects.get(key)
    if found is None:
        from revise.compliance.effect import due
        found = _effects.put(key, due(desk.root, date.today()))
    return found


def is_qa(actor: auth.Actor) -> bool:
    from revise.compliance.effect import QA_ROLES
    return bool(set(actor.roles) & set(QA_ROLES))


def tasks_for(desk: Any, actor: auth.Actor) -> list[dict[str, Any]]:
    """我的待办 entries: a document of mine due or overdue for review with no review under way; for QA,
    each evaluation due. Each links to its page (`href`)."""
    out = [{"kind": "periodic", "id": d["document"], "title": d["title"] or "", "state": d["status"], "rank": 0,
            "area": None, "href": f"/reviews#{d['document']}", "kind_label": t("tdesk.task.periodic"), "state_label": t(f"periodic.status.{d['status']}")}
           for d in schedule(desk, actor.email) if d["status"] in ("due", "overdue") and not d.get("open_review")]
    if is_qa(actor):
        out += [{"kind": "evaluate", "id": e.pid, "title": e.title, "state": "published", "rank": 0, "area": None,
                 "href": "/effect", "kind_label": t("tdesk.task.evaluate"), "state_label": t("tdesk.effect.days", n=e.days)} for e in effects_due(desk)]
    return out


@router.get("/reviews")
def reviews(request: Request) -> Response:
    actor = auth.actor_from_request(request)
    if actor is None:
        return RedirectResponse("/signin", status_code=303)
    desk = request.app.state.desk
    desk.clone.refresh()
    return page(request, "reviews_due.html", actor=actor, docs=schedule(desk, actor.email))


@router.post("/reviews/{document}/request")
async def open_review(document: str, request: Request) -> Response:
    actor = auth.actor_from_request(request)
    if actor is None:
        return RedirectResponse("/signin", status_code=303)
    desk = request.app.state.desk
    from revise.workflow.periodic import request_review
    try:
        pid = await run_in_threadpool(actions._locked, desk, lambda: request_review(desk.root, document, remote="origin", actor=actor.author()), None)
    except ReviseError as exc:
        return page(request, "reviews_due.html", actor=actor, docs=schedule(desk, actor.email), error=exc, status=status_of(exc))
    request.session["flash"] = t("desk.filed", id=pid)
    return RedirectResponse(f"/proposals/{pid}", status_code=303)


def _plans(desk: Any) -> list[dict[str, Any]]:
    from revise.desk.pages import documents_on_main
    return [d for d in documents_on_main(desk)["docs"] if d["kind"] == "emergency-plan"]


def _drill_page(request: Request, actor: auth.Actor, values: dict[str, Any], error: ReviseError | None = None) -> Response:
    from revise.workflow.drilllog import result_label
    from revise.workflow.drills import RESULTS
    desk = request.app.state.desk
    return page(request, "drills.html", actor=actor, plans=_plans(desk), results=[(r, result_label(r)) for r in RESULTS],
                values={"date": date.today().isoformat(), **values}, error=error, status=status_of(error) if error else 200)


@router.get("/drills")
def drills(request: Request, plan: str = "") -> Response:
    actor = auth.actor_from_request(request)
    if actor is None:
        return RedirectResponse("/signin", status_code=303)
    request.app.state.desk.clone.refresh()
    return _drill_page(request, actor, {"plan": plan})


@router.post("/drills")
async def record_drill(request: Request) -> Response:
    actor = auth.actor_from_request(request)
    if actor is None:
        return RedirectResponse("/signin", status_code=303)
    desk = request.app.state.desk
    form = await request.form()
    values = {k: str(form.get(k, "")) for k in ("plan", "date", "result", "findings")} | {"raise": bool(form.get("raise"))}
    from revise.workflow.drills import record
    try:
        done = await run_in_threadpool(actions._locked, desk, lambda: record(
            desk.root, values["plan"], day=values["date"], result=values["result"], findings=values["findings"],
            raise_request=values["raise"], remote="origin", actor=actor.author()), None)
    except ReviseError as exc:
        return _drill_page(request, actor, values, exc)
    request.session["flash"] = t("tdesk.drill-recorded", plan=done["plan"], date=done["drill"]["date"], commit=done["commit"][:10])
    if done["proposal"]:
        return RedirectResponse(f"/proposals/{done['proposal']}", status_code=303)
    return RedirectResponse("/drills", status_code=303)


@router.get("/effect")
def effect(request: Request) -> Response:
    actor = auth.actor_from_request(request)
    if actor is None:
        return RedirectResponse("/signin", status_code=303)
    desk = request.app.state.desk
    desk.clone.refresh()
    return page(request, "effect_due.html", actor=actor, due=effects_due(desk), qa=is_qa(actor))
