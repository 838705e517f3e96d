"""`revise check`: read the corpus, validate every document against its schema, apply the rules.

Each file is looked at alone once — schema, then every document rule — giving its own problems
and its `DocFacts`; then the corpus rules run over the facts of all files. With a cache
(`revise.check.cache`, on for the command line) the per-file part is reused for every file
whose content has not changed, so a second run, or a one-file run, reads only what changed.
"""

from __future__ import annotations

import gc
import os
import time
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path as FsPath
from typing import Any, Iterator

from revise.check.cache import CheckCache, content_hash, index_fingerprint, stat_key
from revise.check.facts import DocFacts, Index, problems_from_json, problems_json
from revise.check.forkmap import fork_map, shared
from revise.check.rules import DocContext, corpus_rules, doc_rules_for, file_rules, uncleared
from revise.corpus.documents import POLICY_DIR, SUFFIXES, Corpus, Document, parse_document, read_bytes, read_document
from revise.corpus.yamlsafe import Pos
from revise.problems import CheckResult, Problem
from revise.schema.schemaset import SchemaSet
from revise.schema.validate import validate_document


def check(root: FsPath, only: list[FsPath] | None = None, schemas: SchemaSet | None = None,
          cache: bool = False) -> CheckResult:
    """Check the repository at `root`; with `only`, report on those files, checked against the rest.

    With `cache=True`, per-file results are kept under `root/.revise-cache/` and reused for
    files whose content is unchanged.
    """
    with _collector_paused():
        return _check(root, only, schemas or SchemaSet(root / "schemas"), cache)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while checking: a check makes hundreds of thousands of
    objects that live to its end (facts, cache entries, decoded index parts) and almost no cycles,
    and each automatic collection walks all of them again — that doubled the time a one-file check
    spent decoding the corpus's targets. Worker processes collect as usual (`revise.check.forkmap`)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _check(root: FsPath, only: list[FsPath] | None, schemas: SchemaSet, cache: bool) -> CheckResult:
    store = CheckCache.open(root, schemas) if cache else None
    files = store.files(root) if store is not None else None
    if files is None:
        at = time.time_ns()
        files, dirs = walk(root)
        if store is not None:
            store.remember_files(files, dirs, at)
    wanted = None if only is None else {_rel(root, f) for f in only}
    extra = [] if wanted is None else sorted(wanted - {rel for _, rel in files})
    facts = _all_facts(root, files, schemas, store)
    facts += [_fresh(root, str(root / rel), rel, schemas)[1] for rel in extra]
    result = _result(Index(facts, wanted), len(files) if wanted is None else len(wanted), store, root, schemas)
    if store is not None:
        store.save()
    return result


def walk(root: FsPath) -> tuple[list[tuple[str, str]], dict[str, int]]:
    """(path, path relative to `root`) of every policy file, sorted, and the mtime of every folder
    under `policies/`; like `policy_files`, without building a `Path` per file (10,000 of them
    cost more than the rest of a warm check)."""
    top = os.path.join(str(root), POLICY_DIR)
    cut = len(str(root)) + 1
    found: list[tuple[str, str]] = []
    dirs: dict[str, int] = {}
    for folder, subdirs, names in os.walk(top):
        subdirs.sort()
        try:
            dirs[folder[cut:].replace(os.sep, "/")] = os.lstat(folder).st_mtime_ns
        except OSError:
            pass
        for name in sorted(names):
            if name.endswith(SUFFIXES):
                full = os.path.join(folder, name)
                found.append((full, full[cut:].replace(os.sep, "/")))
    return found, dirs


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


def _all_facts(root: FsPath, files: list[tuple[str, str]], schemas: SchemaSet, store: CheckCache | None) -> list[DocFacts]:
    """Facts of every file: from the cache where its stat or content is unchanged, else fresh —
    on several processes when there are many files to parse (a cold run)."""
    facts: list[DocFacts | None] = []
    missing: list[int] = []
    for i, (file, rel) in enumerate(files):
        cached = store.by_stat(rel, file) if store is not None else None
        facts.append(cached)
        if cached is None:
            missing.append(i)
    fresh = _analyse_files(root, [files[i] for i in missing], schemas)
    for i, (key, digest, new) in zip(missing, fresh):
        rel = files[i][1]
        if store is not None and digest is not None and key is not None:
            new = store.by_hash(rel, digest) or new
            store.put(rel, key, digest, new)
        facts[i] = new
    return [f for f in facts if f is not None]


PARALLEL_FROM = 400  # files to parse (or facts to check) before it pays to start worker processes


def _analyse_files(root: FsPath, files: list[tuple[str, str]], schemas: SchemaSet) -> list[tuple[list[int] | None, str | None, DocFacts]]:
    """(stat key, content hash, facts) of each file, the stat taken before reading it (so a file
    changed meanwhile is seen as changed by the next run)."""
    done = fork_map(_analyse_chunk, files, {"root": root, "schemas": schemas}, _start_worker) \
        if len(files) >= PARALLEL_FROM else None
    if done is None:
        return [(stat_key(file), *_fresh(root, file, rel, schemas)) for file, rel in files]
    out = []
    for (_, rel), (key, digest, id_, kind, flags, index, report, ref_keys) in zip(files, done):
        facts = DocFacts.cached(rel, id_, kind, flags, index, report)
        facts.ref_keys = ref_keys
        out.append((key, digest, facts))
    return out


def _start_worker() -> None:
    from revise.corpus import yamlfast
    yamlfast.quiet_errors()  # a worker's only output is its return value


def _analyse_chunk(chunk: list[tuple[str, str]]) -> list[tuple[Any, ...]]:
    """Each file's stat key, hash and facts in their cached form (JSON made here, in parallel, and
    quick to send: the parent decodes a file's facts only if a rule asks), and its reference keys."""
    root, schemas = shared["root"], shared["schemas"]
    out = []
    for file, rel in chunk:
        key = stat_key(file)
        digest, facts = _fresh(root, file, rel, schemas, fast=True)
        out.append((key, digest, facts.id, facts.kind, facts.flags, facts.index_json(), facts.report_json(),
                    facts.reference_keys()))
    return out


def _fresh(root: FsPath, file: str, rel: str, schemas: SchemaSet, fast: bool = False) -> tuple[str | None, DocFacts]:
    """(content hash, facts) of one file read now; no hash when it could not be read.

    With `fast`, a file is first read by `revise.corpus.yamlfast`; only if that reading is refused or
    the file has a problem of its own is it read again the exact way, so every problem of a
    file is found, and placed, by the exact reader. A clean file's facts then hold position
    tickets, placed by `_place` if a problem found against the rest of the corpus needs them."""
    raw = read_bytes(root, file, rel)
    if isinstance(raw, Problem):
        return None, DocFacts(rel, problems=[raw])
    doc = _fast_document(rel, raw) if fast else None
    facts = analyse(doc, schemas) if doc is not None else None
    if facts is None or facts.problems:
        parsed = parse_document(rel, raw)
        facts = DocFacts(rel, problems=[parsed]) if isinstance(parsed, Problem) else analyse(parsed, schemas)
    return content_hash(raw), facts


def _fast_document(rel: str, raw: bytes) -> Document | None:
    from revise.corpus import yamlfast
    fast = yamlfast.read(raw)
    return None if fast is None else Document(rel, fast.data, yamlfast.Deferred(fast.data), fast.json)


def _place(root: FsPath, schemas: SchemaSet, problems: list[Problem], answers: dict[str, list[Pos]]) -> list[Problem]:
    """`problems` with every position ticket (a negative line, see `revise.corpus.yamlfast`) replaced by
    the line and column it stands for, found by reading its file the exact way and asking the
    same questions in the same order; `answers` keeps each file's answers for the run."""
    if not any(p.line < 0 for p in problems):
        return problems
    placed = []
    for p in problems:
        if p.line < 0:
            if p.path not in answers:
                answers[p.path] = _answers(root, p.path, schemas)
            found = answers[p.path]
            line, column = found[-p.line - 1] if -p.line <= len(found) else (1, 1)
            p = replace(p, line=line, column=column)
        placed.append(p)
    return placed


def _answers(root: FsPath, rel: str, schemas: SchemaSet) -> list[Pos]:
    from revise.corpus.yamlfast import Recording
    doc = read_document(root, root / rel)
    if isinstance(doc, Problem):
        return []
    recording = Recording(doc.parsed)
    analyse(Document(rel, doc.data, recording), schemas)
    return recording.answers


def _result(index: Index, files: int, store: CheckCache | None = None, root: FsPath | None = None,
            schemas: SchemaSet | None = None) -> CheckResult:
    """Each reported file's own and file-rule problems (from the cache while the index is the
    same), then the corpus rules'."""
    result = CheckResult(files=files)
    fingerprint = index_fingerprint(index.facts) if store is not None else ""
    answers: dict[str, list[Pos]] = {}
    found: list[list[Problem] | None] = []
    todo: list[DocFacts] = []
    for facts in index.of_reported():
        cached = store.resolved(facts, fingerprint) if store is not None else None
        if cached is None:
            if not facts.has_report and not (store is not None and store.load_report(facts)):
                assert root is not None and schemas is not None
                facts = _reanalyse(root, facts, schemas)
            todo.append(facts)
        found.append(cached)
    fresh = iter(_file_problems(index, todo))
    for cached in found:
        if cached is None:
            facts, cached = next(fresh)
            if root is not None and schemas is not None:
                cached = _place(root, schemas, cached, answers)
            if store is not None:
                store.set_resolved(facts, fingerprint, cached)
        result.problems.extend(cached)
    for fn in corpus_rules():
        corpus_wide = list(fn(index))
        result.problems.extend(_place(root, schemas, corpus_wide, answers) if root is not None and schemas is not None
                               else corpus_wide)
    return result


def _file_problems(index: Index, todo: list[DocFacts]) -> list[tuple[DocFacts, list[Problem]]]:
    """Each file's own problems and its file rules' against the index: none for a file the
    rules' quick tests clear (most files of a cold run), on forked workers when many are left
    (they inherit the index, decode the facts and send back only problems)."""
    left = uncleared(index, todo)
    rows = fork_map(_file_rules_chunk, list(range(len(left))), {"index": index, "todo": left}) \
        if len(left) >= PARALLEL_FROM else None
    if rows is None:
        found = {id(facts): _own_and_file_problems(index, facts) for facts in left}
    else:
        found = {id(facts): problems_from_json(facts.path, text) if text != "[]" else [] for facts, text in zip(left, rows)}
    return [(facts, found.get(id(facts), [])) for facts in todo]


def _file_rules_chunk(chunk: list[int]) -> list[str]:
    index, todo = shared["index"], shared["todo"]
    return [problems_json(_own_and_file_problems(index, todo[i])) for i in chunk]


def _own_and_file_problems(index: Index, facts: DocFacts) -> list[Problem]:
    return [*facts.problems, *(p for fn in file_rules() for p in fn(index, facts))]


def _reanalyse(root: FsPath, facts: DocFacts, schemas: SchemaSet) -> DocFacts:
    """Fresh facts of a cached file whose report part is missing from the cache."""
    return _fresh(root, str(root / facts.path), facts.path, schemas)[1]


def _rel(root: FsPath, file: FsPath) -> str:
    try:
        return file.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return file.resolve().relative_to(root.resolve()).as_posix()
