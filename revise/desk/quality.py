"""QA: upload a ticket export (CSV or .xlsx), see the compliance report with its charts, and raise
a revision request from a breached target in one click (source `monitoring`, the months' figures as
evidence) — `revise compliance` and its `--propose`, as the signed-in person."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool

from revise.desk import actions, auth, csrf, uploads
from revise.desk.render import page, status_of
from revise.errors import ReviseError, UsageError
from revise.messages import t

router = APIRouter(dependencies=[Depends(csrf.protect)])


def evaluate(desk: Any, token: str) -> tuple[Any, dict[str, Any], dict[str, Any]]:
    """(context, report data, missed runs) of an uploaded export, against the targets on main."""
    from revise.compliance import config as compliance_config
    from revise.compliance.evaluate import evaluate as run
    from revise.compliance.load import open_export
    from revise.compliance.propose import missed_runs
    from revise.compliance.report import Context, as_data
    from revise.compliance.targets import of_corpus
    from revise.corpus.documents import load
    from revise.schema.schemaset import SchemaSet
    path, name = uploads.path_of(desk.settings.data, token)
    schemas = SchemaSet(None)
    cfg = compliance_config.load(desk.root)
    export = open_export(path, None, None, schemas)
    try:
        evaluation = run(export, of_corpus(load(desk.root)), schemas=schemas)
        ctx = Context(export, evaluation, cfg.breach_rate, schemas, name)
        return ctx, as_data(ctx), missed_runs(ctx, cfg.months)
    finally:
        export.close()


def charts(ctx: Any) -> list[Markup]:
    """A trend chart per target (inline SVG, every text escaped by the chart code)."""
    from revise.compliance import charts as draw
    from revise.compliance.report import describe, percent
    out = []
    for result in ctx.evaluation.results:
        months = list(result.months)
        if result.kind == "each":
            points = [(m, None if result.months[m].rate is None else result.months[m].rate * 100,
                       result.breached(result.months[m], ctx.tolerance)) for m in months]
            svg = draw.trend(result.target.ref, points, (1 - ctx.tolerance) * 100, percent(1 - ctx.tolerance), "%",
                             describe(result.target, ctx.schemas))
        else:
            points = [(m, result.months[m].actual, result.breached(result.months[m], ctx.tolerance)) for m in months]
            svg = draw.trend(result.target.ref, points, result.target.value, "", "", describe(result.target, ctx.schemas))
        out.append(Markup(svg))  # noqa: S704 — charts.trend escapes every text it draws
    return out


@router.get("/quality")
def quality(request: Request, upload: str = "") -> Response:
    actor = auth.actor_from_request(request)
    if actor is None:
        return RedirectResponse("/signin", status_code=303)
    desk = request.app.state.desk
    if not upload:
        return page(request, "quality.html", actor=actor, report=None, token="", error=None, svgs=[], missed={})
    desk.clone.refresh()
    try:
        ctx, report, missed = evaluate(desk, upload)
    except ReviseError as exc:
        return page(request, "quality.html", actor=actor, report=None, token="", error=exc, svgs=[], missed={},
                    status=status_of(exc))
    return page(request, "quality.html", actor=actor, report=report, token=upload, error=None, svgs=charts(ctx),
                missed=missed)


@router.post("/quality")
async def upload(request: Request) -> Response:
    actor = auth.actor_from_request(request)
    if actor is None:
        return RedirectResponse("/signin", status_code=303)
    form = await request.form()
    file = form.get("export")
    try:
        if file is None or isinstance(file, str):
            raise UsageError(t("desk.upload-empty"))
        content = await file.read()
        token = await run_in_threadpool(uploads.save, request.app.state.desk.settings.data, file.filename or "", content)
    except ReviseError as exc:
        return page(request, "quality.html", actor=actor, report=None, token="", error=exc, svgs=[], missed={},
                    status=status_of(exc))
    return RedirectResponse(f"/quality?upload={token}", status_code=303)


@router.post("/quality/propose")
async def propose(request: Request) -> Response:
    """File the monitoring request for one breached target, as `revise compliance --propose` would."""
    actor = auth.actor_from_request(request)
    if actor is None:
        return RedirectResponse("/signin", status_code=303)
    form = await request.form()
    token, ref = str(form.get("upload", "")), str(form.get("ref", ""))
    desk = request.app.state.desk
    try:
        filed = await run_in_threadpool(_file, desk, token, ref, actor)
    except ReviseError as exc:
        return page(request, "error.html", actor=actor, message=exc.message, hint=exc.hint, problems=[],
                    status=status_of(exc))
    if filed.action == "exists":
        request.session["flash"] = t("cp.propose.exists", id=filed.proposal, title=filed.title, ref=ref)
    else:
        request.session["flash"] = t("desk.filed", id=filed.proposal)
    return RedirectResponse(f"/proposals/{filed.proposal}", status_code=303)


def _file(desk: Any, token: str, ref: str, actor: auth.Actor) -> Any:
    from revise.compliance import config as compliance_config
    from revise.compliance.propose import propose as file_requests
    ctx, _report, missed = evaluate(desk, token)
    if ref not in missed:
        raise UsageError(t("desk.not-breached", ref=ref))
    cfg = compliance_config.load(desk.root)
    filed = file_requests(desk.root, ctx, cfg, remote=None, workflow=_OneTarget(desk, ref, actor))
    return next(f for f in filed if f.ref == ref)


class _OneTarget:
    """The workflow as `propose` sees it: files only the chosen target's request, as the signed-in
    person, through the desk's write lock (the other breached targets keep their own buttons)."""

    def __init__(self, desk: Any, ref: str, actor: auth.Actor) -> None:
        self.desk, self.ref, self.actor = desk, ref, actor

    def list_proposals(self, root: Any, remote: str | None = None) -> list[dict[str, Any]]:
        from revise.workflow import list_proposals
        return list_proposals(root)

    def request(self, root: Any, *, title: str, source: str, targets: list[str], background: str,
                evidence: list[str], remote: str | None = None) -> str:
        if not any(self.ref in line for line in evidence):
            return "-"
        body = {"title": title, "source": source, "targets": targets, "background": background, "evidence": evidence}
        return actions.request(self.desk, body, self.actor.author())
