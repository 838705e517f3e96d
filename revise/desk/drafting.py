"""Drafting in the browser: the author edits the target documents on the proposal's branch.

Each document has a form generated from its JSON Schema (`schemaform`) and a YAML view for
whole-document edits. Saving runs the whole check on the resulting tree before anything is
committed (`revise.workflow.drafting.edit`): a draft with errors is refused, and its problems are
shown at their fields and lines. Saving commits to the branch and pushes it, as the author. A form
save rewrites only the values that changed (`yamledit`), so the commit's diff is the edit itself.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from revise.desk import actions, auth, csrf, schemaform, views, yamledit
from revise.desk.render import page, problems_of, status_of
from revise.errors import ReviseError, UsageError
from revise.messages import t
from revise.workflow import proposal as proposal_file

router = APIRouter(dependencies=[Depends(csrf.protect)])


def _documents(desk: Any, pid: str) -> tuple[Any, list[Any]]:
    """The proposal's branch tree and its documents (targets and changed ones first)."""
    from revise.review.semdiff.gittree import Tree
    from revise.workflow import read_proposal
    p = read_proposal(desk.root, pid)
    tree = Tree(desk.root, p["commit"], p["branch"])
    docs = tree.documents(sorted(tree.blobs))
    return tree, docs


def _doc(desk: Any, pid: str, doc_id: str) -> tuple[Any, Any]:
    tree, docs = _documents(desk, pid)
    for doc in docs:
        if doc.id == doc_id:
            return tree, doc
    raise UsageError(t("desk.unknown-document", id=doc_id))


@router.get("/proposals/{pid}/draft")
def index(pid: str, request: Request) -> Response:
    actor = auth.actor_from_request(request)
    if actor is None:
        return RedirectResponse("/signin", status_code=303)
    desk = request.app.state.desk
    proposal_file.check_id(pid)
    desk.clone.refresh()
    st = views.status_for(desk, pid, actor)
    _tree, docs = _documents(desk, pid)
    wanted = set(st["targets"]) | set(st["draft"]["changed"] or [])
    first = [d for d in docs if d.id in wanted]
    return page(request, "draft_index.html", actor=actor, st=st, docs=first,
                others=[d for d in docs if d.id not in wanted], can=views.allowed(st))


@router.get("/proposals/{pid}/draft/{doc_id}")
def editor(pid: str, doc_id: str, request: Request, view: str = "form") -> Response:
    actor = auth.actor_from_request(request)
    if actor is None:
        return RedirectResponse("/signin", status_code=303)
    desk = request.app.state.desk
    proposal_file.check_id(pid)
    desk.clone.refresh()
    tree, doc = _doc(desk, pid, doc_id)
    raw = tree.raw([doc.path])[doc.path].decode("utf-8")
    return _editor(request, actor, pid, doc, doc.data, raw, view)


def _editor(request: Request, actor: auth.Actor, pid: str, doc: Any, data: dict[str, Any], text: str, view: str,
            error: ReviseError | None = None) -> Response:
    desk = request.app.state.desk
    st = views.status_for(desk, pid, actor)
    schemas = views.schemas()
    form = schemaform.build(schemas, doc.kind or "", data)
    problems = problems_of(error) if error else []
    left = schemaform.attach(form, [p for p in problems if p["path"] == doc.path]) if problems else []
    others = [p for p in problems if p["path"] != doc.path]
    return page(request, "draft_doc.html", actor=actor, st=st, doc=doc, form=form, text=text, view=view,
                error=error, problems=problems, unplaced=left + others, can=views.allowed(st),
                status=status_of(error) if error else 200)


@router.post("/proposals/{pid}/draft/{doc_id}")
async def save(pid: str, doc_id: str, request: Request) -> Response:
    actor = auth.actor_from_request(request)
    if actor is None:
        return RedirectResponse("/signin", status_code=303)
    desk = request.app.state.desk
    proposal_file.check_id(pid)
    tree, doc = await run_in_threadpool(_doc, desk, pid, doc_id)
    original = tree.raw([doc.path])[doc.path].decode("utf-8")
    posted = await request.form()
    form = {k: str(v) for k, v in posted.items() if isinstance(v, str)}
    view = "yaml" if form.get("view") == "yaml" else "form"
    schemas = views.schemas()
    try:
        if view == "yaml":
            text = form.get("yaml", "").replace("\r\n", "\n")
            data = doc.data
        else:
            data = schemaform.read(schemas, doc.kind or "", doc.data, form)
            if form.get("add"):
                data = schemaform.add_item(schemas, doc.kind or "", data, schemaform.parse_path(form["add"]))
                return _editor(request, actor, pid, doc, data, original, view)
            text = yamledit.rewrite(original, data)
        body = {"files": {doc.path: text}, "summary": form.get("summary", "")}
        await run_in_threadpool(actions.take, desk, "edit", pid, body, actor.author())
    except ReviseError as exc:
        shown = data if view == "form" else doc.data
        return _editor(request, actor, pid, doc, shown, text if view == "yaml" else original, view, exc)
    request.session["flash"] = t("desk.saved", doc=doc_id)
    return RedirectResponse(f"/proposals/{pid}/draft/{doc_id}?view={view}", status_code=303)
