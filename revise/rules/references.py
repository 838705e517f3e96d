"""References: every role, document and clause a document points at exists."""

from __future__ import annotations

from typing import Iterator

from revise.corpus import Document
from revise.messages import t
from revise.problems import Problem
from revise.rules import CheckContext, rule, similar
from revise.schemas import reference_paths, values_at


@rule("ref")
def references(ctx: CheckContext) -> Iterator[Problem]:
    roles = set(ctx.corpus.roles())
    have_org = ctx.corpus.org is not None
    patterns: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for doc in ctx.targets:
        kind = doc.kind
        if kind not in ctx.schemas.by_name and f"{kind}.schema.json" not in ctx.schemas.by_name:
            continue
        if kind not in patterns:
            patterns[kind] = reference_paths(ctx.schemas, kind)
        for pattern, target in patterns[kind]:
            for path, value in values_at(doc.data, pattern):
                if not isinstance(value, str):
                    continue
                if target == "role":
                    if have_org and value not in roles:
                        yield doc.problem("ref-unknown-role", path, t("ref-unknown-role", role=value),
                                          t("ref-unknown-role.hint", similar=similar(value, roles)))
                else:
                    yield from _check_ref(ctx, doc, path, value)


def _check_ref(ctx: CheckContext, doc: Document, path: tuple[str | int, ...], ref: str) -> Iterator[Problem]:
    doc_id, _, clause = ref.partition("#")
    target = ctx.corpus.by_id.get(doc_id)
    if target is None:
        yield doc.problem("ref-unknown-document", path, t("ref-unknown-document", ref=doc_id),
                          t("ref-unknown-document.hint", similar=similar(doc_id, set(ctx.corpus.by_id))))
        return
    if clause:
        clauses = ctx.corpus.clause_index(doc_id)
        if clause not in clauses:
            yield doc.problem("ref-unknown-clause", path, t("ref-unknown-clause", doc=doc_id, clause=clause),
                              t("ref-unknown-clause.hint", available=", ".join(clauses) or "—"))


@rule("org-chart")
def org_chart_present(ctx: CheckContext) -> Iterator[Problem]:
    charts = ctx.corpus.of_kind("org-chart")
    if not charts and ctx.corpus.documents:
        first = ctx.corpus.documents[0]
        yield Problem("org-missing", first.path, 1, 1, t("org-missing"), hint=t("org-missing.hint"))
    elif len(charts) > 1:
        for doc in charts[1:]:
            yield doc.problem("org-multiple", ("kind",), t("org-multiple", ids=", ".join(c.id or c.path for c in charts)),
                              t("org-multiple.hint"))
