"""Ids: unique document ids, unique clause ids within a document, file names that match ids."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Iterator

from revise.messages import t
from revise.problems import Problem
from revise.rules import CheckContext, rule


@rule("id-duplicate")
def duplicate_documents(ctx: CheckContext) -> Iterator[Problem]:
    first: dict[str, str] = {}
    for doc in ctx.corpus.documents:
        if not doc.id:
            continue
        if doc.id in first and ctx.reported(doc):
            yield doc.problem("id-duplicate", ("id",), t("id-duplicate", id=doc.id, other=first[doc.id]), t("id-duplicate.hint"))
        first.setdefault(doc.id, doc.path)


@rule("id-clause-duplicate")
def duplicate_clauses(ctx: CheckContext) -> Iterator[Problem]:
    for doc in ctx.targets:
        seen: dict[str, int] = {}
        for clause_id, path, _ in doc.clauses():
            line = doc.where(path + ("id",))[0]
            if clause_id in seen:
                yield doc.problem("id-clause-duplicate", path + ("id",),
                                  t("id-clause-duplicate", id=clause_id, first=seen[clause_id]), t("id-clause-duplicate.hint"))
            else:
                seen[clause_id] = line


@rule("id-filename")
def filename_matches_id(ctx: CheckContext) -> Iterator[Problem]:
    for doc in ctx.targets:
        stem = PurePosixPath(doc.path).stem
        if doc.id and stem != doc.id:
            yield doc.problem("id-filename", ("id",), t("id-filename", name=PurePosixPath(doc.path).name, id=doc.id),
                              t("id-filename.hint", id=doc.id))
