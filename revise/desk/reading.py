"""The 待阅读 pages: each person's owed items (`/reading`), one item with what changed, the handbook
link, the optional check and "我已阅读并理解" (`/reading/{document}/{version}`), and for supervisors
and managers their people's completion (`/reading/team`), one version's people, and the exports."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from revise.desk import auth, csrf, exports, readingview
from revise.desk.render import page
from revise.errors import NotAllowed
from revise.messages import t
from revise.records import obligations, reading

router = APIRouter(dependencies=[Depends(csrf.protect)])


@router.get("/reading")
def mine(request: Request) -> Response:
    actor = auth.actor_from_request(request)
    if actor is None:
        return RedirectResponse("/signin", status_code=303)
    desk = request.app.state.desk
    desk.clone.refresh()
    readingview.ensure_synced(desk)
    titles = readingview.titles_on_main(desk)
    items = [{**x, "title": titles.get(x["document"], x["document"])} for x in reading.mine(desk.engine, actor.email)]
    return page(request, "reading.html", actor=actor, items=items, today=date.today().isoformat())


def item_context(desk: Any, actor: auth.Actor, document: str, version: int) -> dict[str, Any]:
    """Everything the item page shows; `NothingOwed` (409) when the person does not owe this version."""
    readingview.ensure_synced(desk)
    owed = next((x for x in reading.mine(desk.engine, actor.email) if x["document"] == document and x["version"] == version), None)
    if owed is None:
        raise obligations.NothingOwed(t("reading.not-owed", document=document, version=version), t("reading.not-owed.hint"))
    pub = readingview.publication_of(desk, actor.email, document, version)
    found = readingview.changes(desk, pub, document)
    from revise.desk.pages import documents_on_main
    doc = next((d for d in documents_on_main(desk)["docs"] if d["id"] == document), None)
    questions = readingview.check(desk, actor.email, document, version, readingview.changed_clauses(found))
    return {"item": owed, "doc": doc, "changes": found, "publication": pub, "questions": questions,
            "handbook_url": readingview.handbook_url(doc["kind"] if doc else None, document, pub.effective if pub else None),
            "options": readingview.options, "answer_text": readingview.answer_text}


@router.get("/reading/{document}/{version}")
def item(document: str, version: int, request: Request) -> Response:
    actor = auth.actor_from_request(request)
    if actor is None:
        return RedirectResponse("/signin", status_code=303)
    desk = request.app.state.desk
    desk.clone.refresh()
    return page(request, "reading_item.html", actor=actor, **item_context(desk, actor, document, version),
                graded=None, chosen={}, right={})


@router.post("/reading/{document}/{version}/check")
async def check(document: str, version: int, request: Request) -> Response:
    """Grade the check and show the answers (nothing is stored until "我已阅读并理解")."""
    actor = auth.actor_from_request(request)
    if actor is None:
        return RedirectResponse("/signin", status_code=303)
    form = await request.form()
    ctx = await run_in_threadpool(item_context, request.app.state.desk, actor, document, version)
    score, chosen, right = readingview.grade(ctx["questions"], {k: str(v) for k, v in form.items()})
    return page(request, "reading_item.html", actor=actor, **ctx, graded=score, chosen=chosen, right=right)


@router.post("/reading/{document}/{version}/ack")
async def acknowledge(document: str, version: int, request: Request) -> Response:
    actor = auth.actor_from_request(request)
    if actor is None:
        return RedirectResponse("/signin", status_code=303)
    form = await request.form()
    answers = {k: str(v) for k, v in form.items() if k.startswith("q-")}
    result = await run_in_threadpool(ack, request.app.state.desk, actor, document, version, answers)
    if result["score"] is None:
        request.session["flash"] = t("reading.acknowledged", document=document, version=version)
    else:
        request.session["flash"] = t("reading.acknowledged-score", document=document, version=version,
                                     score=result["score"], n=result["questions"])
    return RedirectResponse("/reading", status_code=303)


def ack(desk: Any, actor: auth.Actor, document: str, version: int, answers: dict[str, Any]) -> dict[str, Any]:
    """Acknowledge, with the check graded here when answers came; the stored record as a dict."""
    readingview.ensure_synced(desk)
    questions: list[Any] = []
    if answers:
        pub = readingview.publication_of(desk, actor.email, document, version)
        clauses = readingview.changed_clauses(readingview.changes(desk, pub, document))
        questions = readingview.check(desk, actor.email, document, version, clauses)
    score, chosen, _right = readingview.grade(questions, answers)
    tested = sorted({f"{q.source.document}#{u}" for q in questions for u in q.source.units}) if score is not None else None
    at = obligations.acknowledge(desk.engine, actor.email, document, version, score=score,
                                 questions=len(questions) if score is not None else None, clauses=tested,
                                 answers=chosen or None)
    return {"document": document, "version": version, "acknowledged_at": at.isoformat(timespec="seconds"),
            "score": score, "questions": len(questions) if score is not None else None}


# --- supervisors and managers ---------------------------------------------------------------------
def team_or_refuse(desk: Any, actor: auth.Actor) -> list[str]:
    if not readingview.sees_team(desk, actor):
        raise NotAllowed(t("reading.no-team"), t("reading.no-team.hint"))
    readingview.ensure_synced(desk)
    return readingview.team_keys(desk, actor)


@router.get("/reading/team")
def team(request: Request) -> Response:
    actor = auth.actor_from_request(request)
    if actor is None:
        return RedirectResponse("/signin", status_code=303)
    desk = request.app.state.desk
    desk.clone.refresh()
    keys = team_or_refuse(desk, actor)
    today = date.today()
    rows = reading.completion(desk.engine, keys, today)
    late = reading.overdue(desk.engine, keys, today, limit=exports.SHOWN)
    return page(request, "reading_team.html", actor=actor, rows=rows, overdue=late, total_overdue=sum(r["overdue"] for r in rows),
                titles=readingview.titles_on_main(desk), names=_names(desk), shown=exports.SHOWN)


@router.get("/reading/team/{document}/{version}")
def team_version(document: str, version: int, request: Request) -> Response:
    actor = auth.actor_from_request(request)
    if actor is None:
        return RedirectResponse("/signin", status_code=303)
    desk = request.app.state.desk
    desk.clone.refresh()
    keys = team_or_refuse(desk, actor)
    rep = reading.report(desk.engine, document, version, keys, date.today())
    return page(request, "reading_version.html", actor=actor, document=document, version=version, report=rep,
                title=readingview.titles_on_main(desk).get(document, document), names=_names(desk),
                roles=readingview.role_titles(desk))


@router.get("/reading/export.{fmt}")
def export(fmt: str, request: Request, document: str = "", version: int = 0) -> Response:
    """A version's people (with `document` and `version`) or the overdue list, as CSV or .xlsx."""
    actor = auth.actor_from_request(request)
    if actor is None:
        return RedirectResponse("/signin", status_code=303)
    desk = request.app.state.desk
    keys = team_or_refuse(desk, actor)
    today = date.today()
    names = _names(desk)
    if document:
        people = reading.report(desk.engine, document, version, keys, today)["people"]
        rows = [{**p, "document": document, "version": version} for p in people]
        stem = f"reading-{document}-v{version}"
    else:
        late = reading.overdue(desk.engine, keys, today, limit=None)
        rows = [{**p, "acknowledged_at": None, "score": None, "overdue": True} for p in late]
        stem = f"reading-overdue-{today.isoformat()}"
    return exports.respond(fmt, stem, rows, names, readingview.role_titles(desk))


def _names(desk: Any) -> dict[str, str]:
    return {p.email: p.name for p in desk.org().people.values()}
