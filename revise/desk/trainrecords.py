"""Training records in the desk (培训与考核记录): the trainer's page — who has passed each clause as it
is now on main, who is due a retest because it changed, the Moodle grades import — and the API the
handbook's self-check posts its result to when the person is signed in."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Body, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from revise.desk import auth, csrf, uploads, views
from revise.desk.render import page, status_of
from revise.errors import InputError, NotAllowed, ReviseError, UsageError
from revise.messages import t
from revise.records import training
from revise.records.quizmap import ClauseIndex, results_for

router = APIRouter(dependencies=[Depends(csrf.protect)])
TRAINER_ROLES = ("trainer", "training-manager")
MAX_RESULTS = 200  # questions one self-check may post
_indexes = views.Kept(2)


def index_of(desk: Any) -> ClauseIndex:
    """The clauses on main as the desk's clone has them (kept until main moves)."""
    main = desk.clone.main()
    found = _indexes.get((main,))
    if found is None:
        from revise.desk.training import _corpus
        found = _indexes.put((main,), ClauseIndex(_corpus(desk)))
    return found


def is_trainer(actor: auth.Actor) -> bool:
    return bool(set(actor.roles) & set(TRAINER_ROLES))


def _require_trainer(desk: Any, actor: auth.Actor) -> None:
    if not is_trainer(actor):
        holders = sorted({e for role in TRAINER_ROLES for e in desk.org().holders(role)})
        raise NotAllowed(t("tdesk.not-trainer", roles=", ".join(TRAINER_ROLES)), t("tdesk.not-trainer.hint", people=", ".join(holders) or "-"))


def board(desk: Any, document: str) -> list[dict[str, Any]]:
    """Every clause of `document` someone has a result on, as it is now: passed / retest / not yet passed,
    with names (one document at a time: a large centre has a million results)."""
    index = index_of(desk)
    names = {p.email: p.name for p in desk.org().people.values()}
    rows = training.standing(desk.engine, index.currents(training.clauses_with_results(desk.engine, [document])), [document])
    named = lambda people: [(e, names.get(e, e)) for e in people]  # noqa: E731
    return [{"document": s.document, "clause": s.clause, "version": s.version, "passed": named(s.passed),
             "retest": named(s.retest), "failed": named(s.failed)} for s in rows]


@router.get("/training/records")
def records_page(request: Request) -> Response:
    actor = auth.actor_from_request(request)
    if actor is None:
        return RedirectResponse("/signin", status_code=303)
    desk = request.app.state.desk
    desk.clone.refresh()
    _require_trainer(desk, actor)
    return _page(request, actor, None, None)


def _page(request: Request, actor: auth.Actor, imported: Any, error: ReviseError | None) -> Response:
    desk = request.app.state.desk
    documents = training.documents_with_results(desk.engine)
    chosen = request.query_params.get("document") or ""
    if chosen not in documents:
        chosen = documents[0] if documents else ""
    titles = {d.id: d.title for d in index_of(desk).corpus.documents if d.id}
    return page(request, "training_records.html", actor=actor, rows=board(desk, chosen) if chosen else [], imported=imported,
                documents=[(d, titles.get(d, "")) for d in documents], chosen=chosen, error=error,
                status=status_of(error) if error else 200)


@router.post("/training/records/import")
async def import_moodle(request: Request) -> Response:
    actor = auth.actor_from_request(request)
    if actor is None:
        return RedirectResponse("/signin", status_code=303)
    desk = request.app.state.desk
    _require_trainer(desk, actor)
    form = await request.form()
    grades, bank = form.get("grades"), form.get("bank")
    try:
        if not hasattr(grades, "read") or not hasattr(bank, "read"):
            raise UsageError(t("tdesk.import-files"), t("train.moodle-hint"))
        content, bank_raw = await grades.read(), await bank.read()  # type: ignore[union-attr]
        imported = await run_in_threadpool(run_import, desk, str(grades.filename or "grades.csv"), content, bank_raw)  # type: ignore[union-attr]
    except ReviseError as exc:
        return _page(request, actor, None, exc)
    return _page(request, actor, imported, None)


def run_import(desk: Any, name: str, content: bytes, bank_raw: bytes) -> Any:
    from revise.compliance.tabular import read_rows
    from revise.records import moodle
    questions = parse_bank(bank_raw)
    token = uploads.save(desk.settings.data, name, content)
    path, shown = uploads.path_of(desk.settings.data, token)
    rows, _encoding = read_rows(path)
    from pathlib import Path
    return moodle.import_grades(desk.engine, index_of(desk), set(desk.org().people), rows, questions, Path(shown))


def parse_bank(raw: bytes) -> list[dict[str, Any]]:
    """The questions of a JSON bank as the desk's training page downloads it."""
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(t("train.bad-bank", reason=str(exc)), t("train.moodle-hint")) from None
    questions = data.get("questions") if isinstance(data, dict) else None
    if not isinstance(questions, list) or not all(isinstance(q, dict) and isinstance(q.get("source"), dict) for q in questions):
        raise InputError(t("train.bad-bank", reason="questions[].source"), t("train.moodle-hint"))
    return questions


@router.post("/api/training/selfcheck", summary="Keep a handbook self-check's result: {role, results: [{id, source, correct}]}")
def selfcheck(request: Request, body: dict[str, Any] = Body(...)) -> dict[str, Any]:  # noqa: B008
    """Each question's result is stored for the signed-in person on every clause it tests, with the
    document's version and the clause's hash from the page; questions whose clause is not on main are
    left out and counted as `unknown`."""
    actor = auth.actor_from_request(request)
    if actor is None:
        raise HTTPException(status_code=401, detail=t("desk.not-signed-in"))
    results = body.get("results")
    if not isinstance(results, list) or len(results) > MAX_RESULTS:
        raise HTTPException(status_code=422, detail=t("tdesk.selfcheck-shape", n=MAX_RESULTS))
    desk = request.app.state.desk
    index = index_of(desk)
    found: list[training.Result] = []
    unknown = 0
    for item in results:
        if not isinstance(item, dict) or not isinstance(item.get("source"), dict) or not isinstance(item.get("correct"), bool):
            raise HTTPException(status_code=422, detail=t("tdesk.selfcheck-shape", n=MAX_RESULTS))
        qid = item.get("id") if isinstance(item.get("id"), str) else None
        rows = results_for(index, actor.email, item["source"], 1.0 if item["correct"] else 0.0, "selfcheck", (qid or "")[:64] or None)
        if rows is None:
            unknown += 1
        else:
            found += rows
    stored = training.record_many(desk.engine, found)
    right = sum(1 for item in results if item["correct"])
    return {"recorded": stored, "unknown": unknown,
            "message": t("tdesk.selfcheck-recorded", right=right, total=len(results), name=actor.name)}


@router.get("/api/me/training", summary="Your training records, newest first")
def mine(request: Request) -> list[dict[str, Any]]:
    actor = auth.actor_from_request(request)
    if actor is None:
        raise HTTPException(status_code=401, detail=t("desk.not-signed-in"))
    rows = training.of_person(request.app.state.desk.engine, actor.email)
    return [{"document": r["document"], "clause": r["clause"], "version": r["version"], "clause_hash": r["clause_hash"],
             "question": r["question"], "score": r["score"], "passed": r["passed"], "source": r["source"],
             "at": r["at"].isoformat()} for r in rows]
