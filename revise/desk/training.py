"""Trainers: choose a role, documents or "changed since a revision", preview the questions, and
download the quiz as GIFT, Moodle XML, the printable paper or its answer key — the quizzes of
`revise quiz`, generated from main as the desk's clone has it."""

from __future__ import annotations

import random
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from revise.desk import auth, csrf
from revise.desk.render import page, status_of
from revise.errors import InputError, ReviseError, UsageError
from revise.messages import t

router = APIRouter(dependencies=[Depends(csrf.protect)])
DOWNLOADS = {  # name → (format, answers, file suffix, media type)
    "gift": ("gift", False, "gift.txt", "text/plain"),
    "moodle": ("moodle-xml", False, "moodle.xml", "application/xml"),
    "paper": ("html", False, "paper.html", "text/html"),
    "key": ("html", True, "answers.html", "text/html"),
    "json": ("json", False, "bank.json", "application/json"),
}


def _corpus(desk: Any) -> Any:
    from revise.corpus.documents import load
    corpus = load(desk.root)
    if corpus.problems:
        first = corpus.problems[0]
        raise InputError(t("quiz.corpus-problems", problem=f"{first.path}:{first.line}:{first.column}: {first.message}"))
    return corpus


def make(desk: Any, role: str, documents: list[str], since: str, count: int, seed: str) -> Any:
    """The quiz for the chosen role, documents and revision (as `revise quiz` makes it)."""
    from revise.quiz import since as since_mod
    from revise.quiz.generate import generate
    from revise.quiz.model import TYPES
    from revise.quiz.select import Selection, check_documents, resolve_role
    from revise.schema.schemaset import SchemaSet
    corpus = _corpus(desk)
    selection = Selection(role=resolve_role(corpus, role) if role else None,
                          documents=check_documents(corpus, documents) if documents else None,
                          kinds=None, types=TYPES, since=since or None)
    if since:
        selection.changed = since_mod.changed_units(corpus, since)
        if not selection.changed:
            raise UsageError(t("quiz.since-none", rev=since), t("quiz.since-none.hint"))
    seed_value: int | str = int(seed) if seed.lstrip("-").isdigit() else (seed or random.SystemRandom().randrange(1, 10**6))
    return generate(corpus, SchemaSet(None), selection, seed_value, max(1, min(count, 200)))


def _choices(desk: Any) -> dict[str, Any]:
    from revise.workflow import gitstore
    corpus = _corpus(desk)
    roles = [(rid, str(r.get("title", rid))) for rid, r in sorted(corpus.roles().items())]
    docs = [(d.id, d.title) for d in sorted(corpus.documents, key=lambda d: d.id or "") if d.id]
    tags = [ref.removeprefix("refs/tags/") for ref, _c in gitstore.refs(desk.root, "refs/tags/")]
    return {"roles": roles, "docs": docs, "tags": sorted(tags, reverse=True)}


def _params(request: Request) -> dict[str, Any]:
    q = request.query_params
    count = q.get("count", "10")
    return {"role": q.get("role", ""), "documents": q.getlist("document"), "since": q.get("since", ""),
            "count": int(count) if count.isdigit() else 10, "seed": q.get("seed", "")}


@router.get("/training")
def training(request: Request) -> Response:
    actor = auth.actor_from_request(request)
    if actor is None:
        return RedirectResponse("/signin", status_code=303)
    desk = request.app.state.desk
    desk.clone.refresh()
    params = _params(request)
    quiz, error = None, None
    if request.query_params.get("preview"):
        try:
            quiz = make(desk, **params)
        except ReviseError as exc:
            error = exc
    return page(request, "training.html", actor=actor, params=params, quiz=quiz, error=error,
                query=str(request.url.query).replace("preview=1", "").strip("&"),
                downloads=DOWNLOADS, status=status_of(error) if error else 200, **_choices(desk))


@router.get("/training/download/{name}")
async def download(name: str, request: Request) -> Response:
    actor = auth.actor_from_request(request)
    if actor is None:
        return RedirectResponse("/signin", status_code=303)
    if name not in DOWNLOADS:
        raise UsageError(t("desk.unknown-download", name=name))
    fmt, answers, suffix, media = DOWNLOADS[name]
    params = _params(request)
    if not params["seed"]:
        raise UsageError(t("desk.quiz-seed"))
    quiz = await run_in_threadpool(make, request.app.state.desk, **params)
    from revise.quiz.export import render
    body = await run_in_threadpool(render, quiz, fmt, answers)
    headers = {"Content-Disposition": f'attachment; filename="quiz-{quiz.seed}-{suffix}"'}
    return Response(body, media_type=f"{media}; charset=utf-8", headers=headers)
