"""The pages: 我的待办 at `/`, the queue at `/queue`, a proposal at `/proposals/{id}`, the request
form, and one form per step (posted to `/proposals/{id}/act/{step}`, taken by `actions`)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool

from revise.desk import actions, auth, csrf, tasks, views
from revise.desk.render import environment, page, problems_of, status_of
from revise.errors import ReviseError
from revise.messages import language, t
from revise.workflow import proposal as proposal_file
from revise.workflow import store
from revise.workflow.labels import label

router = APIRouter(dependencies=[Depends(csrf.protect)])


def routers() -> list[APIRouter]:
    from revise.desk import drafting, duties, quality, reading, reading_api, training, trainrecords
    return [router, drafting.router, training.router, quality.router, trainrecords.router, duties.router, reading.router,
            reading_api.router]


def who(request: Request) -> auth.Actor | None:
    return auth.actor_from_request(request)


def _signin() -> RedirectResponse:
    return RedirectResponse("/signin", status_code=303)


@router.get("/")
def home(request: Request) -> Response:
    actor = who(request)
    if actor is None:
        return _signin()
    desk = request.app.state.desk
    desk.clone.refresh()
    ranked = views.ranked(desk)
    from revise.desk import readingview
    return page(request, "tasks.html", actor=actor, tasks=tasks.tasks(desk, actor, ranked),
                reading=readingview.open_items(desk, actor))


@router.get("/queue")
def queue(request: Request, state: str = "", area: str = "", mine: str = "") -> Response:
    actor = who(request)
    if actor is None:
        return _signin()
    desk = request.app.state.desk
    desk.clone.refresh()
    ranked = views.ranked(desk)
    rows = ranked["proposals"]
    if state:
        rows = [r for r in rows if r["state"] == state]
    if area:
        areas = _areas(desk)
        rows = [r for r in rows if area in areas.get(r["id"], ())]
    if mine:
        waiting = {x["id"] for x in tasks.tasks(desk, actor, ranked)}
        rows = [r for r in rows if r["id"] in waiting]
    states = sorted({r["state"] for r in ranked["proposals"]}, key=_state_order)
    return page(request, "queue.html", actor=actor, rows=rows, table=_table(desk, rows), total=len(ranked["proposals"]), states=states,
                areas=[(a, tr(f"desk.folder.{a}", a)) for a in sorted({a for v in _areas(desk).values() for a in v})], state=state, area=area, mine=mine,
                unreadable=ranked.get("unreadable") or [])


_tables = views.Kept(64)


def _table(desk: Any, rows: list[dict[str, Any]]) -> Markup:
    """The queue's rows as HTML (rendered with autoescape), kept until the desk's refs move."""
    key = (desk.clone.refs()[0], tuple(r["id"] for r in rows), language())
    found = _tables.get(key)
    if found is None:
        found = _tables.put(key, Markup(environment().get_template("_queue_rows.html").render(rows=rows)))
    return found


def tr(key: str, fallback: str) -> str:
    return t(key) if key in _known() else fallback


def _state_order(state: str) -> int:
    order = ("request", "scored", "draft", "review", "pilot", "approved", "tampered")
    return order.index(state) if state in order else len(order)


_area_maps = views.Kept(4)


def _areas(desk: Any) -> dict[str, tuple[str, ...]]:
    """`{id: policy areas}`: the folders under policies/ of each open proposal's target documents
    (kept until the desk's refs move)."""
    generation, _refs = desk.clone.refs()
    found = _area_maps.get((generation,))
    if found is not None:
        return found
    folders = documents_on_main(desk)["folders"]
    good, _bad = store.all_located(desk.root)
    return _area_maps.put((generation,), {loc.pid: tuple(sorted({folders.get(tid, "") for tid in loc.data.get("targets") or []} - {""}))
                                          for loc in good})


_docs = views.Kept(4)


def documents_on_main(desk: Any) -> dict[str, Any]:
    """The documents on main, for the request form's target list: `{docs: [...], folders: {id: folder}}`."""
    main = desk.clone.main()
    found = _docs.get((main,))
    if found is not None:
        return found
    from revise.review.semdiff.gittree import Tree
    tree = Tree(desk.root, main, "main")
    docs = []
    for doc in tree.documents(sorted(tree.blobs)):
        if doc.id:
            docs.append({"id": doc.id, "title": doc.title, "kind": doc.kind or "", "path": doc.path,
                         "folder": doc.path.split("/")[1] if doc.path.count("/") > 1 else ""})
    return _docs.put((main,), {"docs": docs, "folders": {d["id"]: d["folder"] for d in docs}})


@router.get("/proposals/new")
def new_request(request: Request, target: list[str] | None = None, q: str = "") -> Response:
    actor = who(request)
    if actor is None:
        return _signin()
    return _request_form(request, actor, {"targets": target or []}, q)


def _request_form(request: Request, actor: auth.Actor, values: dict[str, Any], q: str = "", error: ReviseError | None = None) -> Response:
    desk = request.app.state.desk
    docs = documents_on_main(desk)["docs"]
    from revise.workflow.steps import SOURCES
    return page(request, "request.html", actor=actor, docs=docs, q=q, values=values,
                sources=[(s, label("source", s)) for s in SOURCES], error=error,
                status=status_of(error) if error else 200)


@router.post("/proposals")
async def file_request(request: Request) -> Response:
    actor = who(request)
    if actor is None:
        return _signin()
    form = await request.form()
    body = {"title": form.get("title", ""), "source": form.get("source", ""), "targets": form.getlist("targets"),
            "background": form.get("background", ""), "evidence": str(form.get("evidence", ""))}
    try:
        pid = await run_in_threadpool(actions.request, request.app.state.desk, body, actor.author())
    except ReviseError as exc:
        return _request_form(request, actor, body, error=exc)
    request.session["flash"] = t("desk.filed", id=pid)
    return RedirectResponse(f"/proposals/{pid}", status_code=303)


@router.get("/proposals/{pid}")
def proposal(pid: str, request: Request) -> Response:
    actor = who(request)
    if actor is None:
        return _signin()
    return _proposal_page(request, actor, pid)


def _proposal_page(request: Request, actor: auth.Actor, pid: str, error: ReviseError | None = None,
                   values: dict[str, Any] | None = None) -> Response:
    desk = request.app.state.desk
    proposal_file.check_id(pid)
    desk.clone.refresh()
    st = views.status_for(desk, pid, actor)
    _st, data = views.status(desk, pid)
    org = desk.org()
    people = {p.email: p.name for p in org.people.values()}
    schemas = views.schemas()
    return page(request, "proposal.html", actor=actor, st=st, data=data, review=views.review(desk, pid),
                next_words=views.next_words(desk, pid),
                can=views.allowed(st), people=people, cfg=views.settings(desk), error=error,
                problems=problems_of(error) if error else [], values=values or {},
                channels=schemas.choices("channel"), metrics=schemas.metrics, empty_digest=proposal_file.EMPTY_DIGEST,
                status=status_of(error) if error else 200)


@router.post("/proposals/{pid}/act/{step}")
async def act(pid: str, step: str, request: Request) -> Response:
    actor = who(request)
    if actor is None:
        return _signin()
    form = await request.form()
    body = form_body(step, {k: form.getlist(k) for k in form.keys()})
    try:
        await run_in_threadpool(actions.take, request.app.state.desk, step, pid, body, actor.author())
    except ReviseError as exc:
        return _proposal_page(request, actor, pid, exc, body)
    request.session["flash"] = t("desk.done", step=t(f"desk.step.{step}") if f"desk.step.{step}" in _known() else step)
    return RedirectResponse(f"/proposals/{pid}", status_code=303)


def _known() -> dict[str, Any]:
    from revise.messages import MESSAGES
    return MESSAGES


def form_body(step: str, form: dict[str, list[Any]]) -> dict[str, Any]:
    """The step's body from a posted form (the same shape the API takes)."""
    one = {k: str(v[0]) if v else "" for k, v in form.items() if k != "csrf"}
    if step == "pilot-result":
        metrics, values = form.get("metric", []), form.get("value", [])
        baselines, targets = form.get("baseline", []), form.get("target", [])
        body: dict[str, Any] = {"results": {}, "baselines": {}, "targets": {}}
        for i, metric in enumerate(metrics):
            for key, column in (("results", values), ("baselines", baselines), ("targets", targets)):
                if i < len(column) and str(column[i]).strip():
                    body[key][str(metric)] = str(column[i])
        return body
    return one
