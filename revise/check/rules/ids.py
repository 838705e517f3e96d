"""Ids: unique document ids, unique clause ids within a document, file names that match ids.

Rule ids: `id-duplicate`, `id-clause-duplicate`, `id-filename`.

The id formats are the schema's docId / localId patterns, reported as schema-pattern.
"""

from __future__ import annotations

from typing import Iterator

from revise.check.facts import Index
from revise.check.rules import DocContext, corpus_rule, doc_rule
from revise.corpus.yamlsafe import Path
from revise.messages import t
from revise.problems import Problem


@corpus_rule("ids")
def duplicate_documents(index: Index) -> Iterator[Problem]:
    for facts in index.of_reported():
        first = index.by_id.get(facts.id) if facts.id else None
        if first is not None and first is not facts:
            yield facts.problem("id-duplicate", *facts.id_pos, t("id-duplicate", id=facts.id, other=first.path), "id",
                                t("id-duplicate.hint"))


@doc_rule("ids")
def duplicate_clauses(ctx: DocContext) -> Iterator[Problem]:
    doc = ctx.doc
    seen: dict[str, Path] = {}  # one id space per document, whichever list the item is in
    for clause_id, path, _ in doc.clauses():
        if clause_id in seen:
            first = doc.where(seen[clause_id] + ("id",))[0]  # only now: most documents have no duplicate
            yield doc.problem("id-clause-duplicate", path + ("id",),
                              t("id-clause-duplicate", id=clause_id, first=first), t("id-clause-duplicate.hint"))
        else:
            seen[clause_id] = path


@doc_rule("ids")
def filename_matches_id(ctx: DocContext) -> Iterator[Problem]:
    doc = ctx.doc
    name = doc.path.rsplit("/", 1)[-1]
    stem = name.rsplit(".", 1)[0]
    if doc.id and stem != doc.id:
        yield doc.problem("id-filename", ("id",), t("id-filename", name=name, id=doc.id), t("id-filename.hint", id=doc.id))
