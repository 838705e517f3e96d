"""`revise check`: read the corpus, validate every document against its schema, apply the rules.

Each file is looked at alone once — schema, then every document rule — giving its own problems
and its `DocFacts`; then the corpus rules run over the facts of all files. With a cache
(`revise.checkcache`, on for the command line) the per-file part is reused for every file
whose content has not changed, so a second run, or a one-file run, reads only what changed.
"""

from __future__ import annotations

import os
from pathlib import Path as FsPath

from revise.checkcache import CheckCache, content_hash
from revise.corpus import Corpus, Document, parse_document, policy_files, read_bytes, relative
from revise.facts import DocFacts, Index
from revise.problems import CheckResult, Problem
from revise.rules import DocContext, corpus_rules, doc_rules_for
from revise.schemas import SchemaSet
from revise.validate import validate_document


def check(root: FsPath, only: list[FsPath] | None = None, schemas: SchemaSet | None = None,
          cache: bool = False) -> CheckResult:
    """Check the repository at `root`; with `only`, report on those files, checked against the rest.

    With `cache=True`, per-file results are kept under `root/.revise-cache/` and reused for
    files whose content is unchanged.
    """
    schemas = schemas or SchemaSet(root / "schemas")
    store = CheckCache.open(root, schemas) if cache else None
    files = policy_files(root)
    rels = [relative(root, f) for f in files]
    wanted = None if only is None else {_rel(root, f) for f in only}
    extra = [] if wanted is None else sorted(wanted - set(rels))
    facts = [_facts_of(root, file, rel, schemas, store) for file, rel in zip(files, rels)]
    facts += [_facts_of(root, root / rel, rel, schemas, None) for rel in extra]
    if store is not None:
        store.save()
    return _result(Index(facts, wanted), len(files) if wanted is None else len(wanted))


def check_corpus(corpus: Corpus, schemas: SchemaSet, only: list[FsPath] | None = None) -> CheckResult:
    """Every problem of an already loaded corpus (or of the files in `only`)."""
    wanted = None if only is None else {_rel(corpus.root, f) for f in only}
    facts = [analyse(doc, schemas) for doc in corpus.documents]
    facts += [DocFacts(p.path, problems=[p]) for p in corpus.problems]
    return _result(Index(facts, wanted), corpus.files if wanted is None else len(wanted))


def analyse(doc: Document, schemas: SchemaSet) -> DocFacts:
    """Look at one document alone: its schema problems, its document-rule problems, its facts."""
    facts = DocFacts(doc.path, doc.id, doc.kind, doc.where(("id",)) if "id" in doc.data else (1, 1),
                     [cid for cid, _, _ in doc.clauses()])
    problems = list(validate_document(doc, schemas))
    ctx = DocContext(doc, schemas, facts, valid=not problems)
    for fn in doc_rules_for(doc.kind):
        try:
            problems.extend(fn(ctx))
        except (TypeError, KeyError, AttributeError, ValueError):
            if ctx.valid:  # a valid document must never break a rule: that is a bug of ours
                raise      # an invalid one may; its schema problems are already reported
    facts.problems = problems
    return facts


def _facts_of(root: FsPath, file: FsPath, rel: str, schemas: SchemaSet, store: CheckCache | None) -> DocFacts:
    try:
        info = os.stat(file)
    except OSError:
        info = None
    if store is not None and info is not None:
        cached = store.by_stat(rel, info)
        if cached is not None:
            return cached
    raw = read_bytes(root, file, rel)
    if isinstance(raw, Problem):
        return DocFacts(rel, problems=[raw])
    digest = content_hash(raw)
    cached = store.by_hash(rel, digest) if store is not None else None
    if cached is None:
        parsed = parse_document(rel, raw)
        cached = DocFacts(rel, problems=[parsed]) if isinstance(parsed, Problem) else analyse(parsed, schemas)
    if store is not None and info is not None:
        store.put(rel, info, digest, cached)
    return cached


def _result(index: Index, files: int) -> CheckResult:
    result = CheckResult(files=files)
    for facts in index.of_reported():
        result.problems.extend(facts.problems)
    for fn in corpus_rules():
        result.problems.extend(fn(index))
    return result


def _rel(root: FsPath, file: FsPath) -> str:
    try:
        return file.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return file.resolve().relative_to(root.resolve()).as_posix()
