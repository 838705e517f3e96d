"""`revise check`: read the corpus, validate every document against its schema, apply the rules.

Each file is looked at alone once — schema, then every document rule — giving its own problems
and its `DocFacts`; then the corpus rules run over the facts of all files. With a cache
(`revise.checkcache`, on for the command line) the per-file part is reused for every file
whose content has not changed, so a second run, or a one-file run, reads only what changed.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path as FsPath

from revise.checkcache import CheckCache, content_hash, index_fingerprint
from revise.corpus import POLICY_DIR, SUFFIXES, Corpus, Document, parse_document, read_bytes
from revise.facts import DocFacts, Index
from revise.problems import CheckResult, Problem
from revise.rules import DocContext, corpus_rules, doc_rules_for, file_rules
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
    files = walk(root)
    wanted = None if only is None else {_rel(root, f) for f in only}
    extra = [] if wanted is None else sorted(wanted - {rel for _, rel in files})
    facts = [_facts_of(root, file, rel, schemas, store) for file, rel in files]
    facts += [_facts_of(root, str(root / rel), rel, schemas, None) for rel in extra]
    result = _result(Index(facts, wanted), len(files) if wanted is None else len(wanted), store, root, schemas)
    if store is not None:
        store.save()
    return result


def walk(root: FsPath) -> list[tuple[str, str]]:
    """(path, path relative to `root`) of every policy file, sorted; like `policy_files`, without
    building a `Path` per file (10,000 of them cost more than the rest of a warm check)."""
    top = os.path.join(str(root), POLICY_DIR)
    cut = len(str(root)) + 1
    found: list[tuple[str, str]] = []
    for folder, dirs, names in os.walk(top):
        dirs.sort()
        for name in sorted(names):
            if name.endswith(SUFFIXES):
                full = os.path.join(folder, name)
                found.append((full, full[cut:].replace(os.sep, "/")))
    return found


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
    facts.set_flags()
    return facts


def _facts_of(root: FsPath, file: str, rel: str, schemas: SchemaSet, store: CheckCache | None) -> DocFacts:
    try:
        info: os.stat_result | None = os.lstat(file)
    except OSError:
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):
        info = None  # links, folders, pipes: never cached, read_bytes says what they are
    if store is not None and info is not None:
        cached = store.by_stat(rel, info)
        if cached is not None:
            return cached
    raw = read_bytes(root, FsPath(file), rel)
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


def _result(index: Index, files: int, store: CheckCache | None = None, root: FsPath | None = None,
            schemas: SchemaSet | None = None) -> CheckResult:
    """Each reported file's own and file-rule problems (from the cache while the index is the
    same), then the corpus rules'."""
    result = CheckResult(files=files)
    fingerprint = index_fingerprint(index.facts) if store is not None else ""
    for facts in index.of_reported():
        cached = store.resolved(facts, fingerprint) if store is not None else None
        if cached is None:
            if not facts.has_report and not (store is not None and store.load_report(facts)):
                assert root is not None and schemas is not None
                facts = _reanalyse(root, facts, schemas)
            cached = [*facts.problems, *(p for fn in file_rules() for p in fn(index, facts))]
            if store is not None:
                store.set_resolved(facts, fingerprint, cached)
        result.problems.extend(cached)
    for fn in corpus_rules():
        result.problems.extend(fn(index))
    return result


def _reanalyse(root: FsPath, facts: DocFacts, schemas: SchemaSet) -> DocFacts:
    """Fresh facts of a cached file whose report part is missing from the cache."""
    raw = read_bytes(root, root / facts.path, facts.path)
    if isinstance(raw, Problem):
        return DocFacts(facts.path, problems=[raw])
    parsed = parse_document(facts.path, raw)
    return DocFacts(facts.path, problems=[parsed]) if isinstance(parsed, Problem) else analyse(parsed, schemas)


def _rel(root: FsPath, file: FsPath) -> str:
    try:
        return file.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return file.resolve().relative_to(root.resolve()).as_posix()
