"""`revise check`: read the corpus, validate every document against its schema, apply the rules.

Each file is looked at alone once — read the exact way (`revise.corpus.yamlsafe`), schema, then
every document rule — giving its own problems and its `DocFacts`; then the file rules check each
file's facts against the index of all, and the corpus rules the index as a whole. Many files are
read, and many files' rules run, on forked worker processes (`revise.check.forkmap`).

`check(..., reference=True)` is that and nothing more: the plain path. The default path adds
three shortcuts, each of which must give exactly the reference's problems (positions, messages
and all; `tests/check/test_reference.py` compares the two on every example and on generated
corpora with broken files): jsonschema-rs says "valid" before jsonschema is asked to explain
(`SchemaSet.is_valid`); each file rule's quick test clears the files it cannot concern
(`revise.check.rules.uncleared`); and, with `cache=True` (the command line's default), per-file
results are reused for every file whose content has not changed (`revise.check.cache`).
See docs/check-engine.md.
"""

from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from pathlib import Path as FsPath
from typing import Any, Iterator

from revise.check.cache import CheckCache, content_hash, index_fingerprint, stat_key
from revise.check.facts import DocFacts, Index, problems_from_json, problems_json
from revise.check.forkmap import fork_map, shared
from revise.check.rules import DocContext, corpus_rules, doc_rules_for, file_rules, uncleared
from revise.check.selection import selection
from revise.corpus.documents import POLICY_DIR, SUFFIXES, Document, parse_document, read_bytes
from revise.problems import CheckResult, Problem
from revise.schema.schemaset import SchemaSet
from revise.schema.validate import validate_document


def check(root: FsPath, only: list[FsPath] | None = None, schemas: SchemaSet | None = None, cache: bool = False, *,
          select: list[str] | None = None, ignore: list[str] | None = None, reference: bool = False) -> CheckResult:
    """Check the repository at `root`; with `only`, report on those files, checked against the rest.

    With `cache=True`, per-file results are kept under `root/.revise-cache/` and reused for
    files whose content is unchanged. `select` and `ignore` (rule ids or prefixes) choose the
    rules reported, on top of `revise.yaml`'s `check:` section (`revise.check.selection`; a
    `UsageError` or `InputError` for a name that matches no rule). `reference=True` takes the
    plain path (no cache, no shortcut): the answer the default path must always give.
    """
    chosen = selection(root, select, ignore)
    with _collector_paused():
        result = _check(root, only, schemas or SchemaSet(root / "schemas"), cache and not reference, not reference)
    result.problems = chosen.apply(result.problems)
    _assert_placed(result.problems)
    return result


def _assert_placed(problems: list[Problem]) -> None:
    """Every problem points at a real line and column: a broken invariant stops the check, loudly."""
    for p in problems:
        if p.line < 1 or p.column < 1:
            raise RuntimeError(f"revise check placed {p.rule} in {p.path} at {p.line}:{p.column}")


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


def _check(root: FsPath, only: list[FsPath] | None, schemas: SchemaSet, cache: bool, fast: bool) -> CheckResult:
    store = CheckCache.open(root, schemas) if cache else None
    files = walk(root)
    wanted = None if only is None else {_rel(root, f) for f in only}
    extra = [] if wanted is None else sorted(wanted - {rel for _, rel in files})
    facts = _all_facts(root, files, schemas, store, fast)
    facts += [_fresh(root, str(root / rel), rel, schemas, fast)[1] for rel in extra]
    result = _result(Index(facts, wanted, root, cache), len(files) if wanted is None else len(wanted), root, schemas,
                     store, fast)
    if store is not None:
        store.save()
    return result


def walk(root: FsPath) -> list[tuple[str, str]]:
    """(path, path relative to `root`) of every policy file, sorted; like `policy_files`, without
    building a `Path` per file (10,000 of them cost more than the rest of a warm check)."""
    top = os.path.join(str(root), POLICY_DIR)
    cut = len(str(root)) + 1
    found: list[tuple[str, str]] = []
    for folder, subdirs, names in os.walk(top):
        subdirs.sort()
        for name in sorted(names):
            if name.endswith(SUFFIXES):
                full = os.path.join(folder, name)
                found.append((full, full[cut:].replace(os.sep, "/")))
    return found


def analyse(doc: Document, schemas: SchemaSet, fast: bool = True) -> DocFacts:
    """Look at one document alone: its schema problems, its document-rule problems, its facts."""
    facts = DocFacts(doc.path, doc.id, doc.kind, doc.where(("id",)), [cid for cid, _, _ in doc.clauses()])
    problems = list(validate_document(doc, schemas, fast))
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


def _all_facts(root: FsPath, files: list[tuple[str, str]], schemas: SchemaSet, store: CheckCache | None,
               fast: bool) -> list[DocFacts]:
    """Facts of every file: from the cache where its stat or content is unchanged, else fresh —
    on several processes when there are many files to parse (a cold run)."""
    facts: list[DocFacts | None] = []
    missing: list[int] = []
    for i, (file, rel) in enumerate(files):
        cached = store.by_stat(rel, file) if store is not None else None
        facts.append(cached)
        if cached is None:
            missing.append(i)
    fresh = _analyse_files(root, [files[i] for i in missing], schemas, fast)
    for i, (key, digest, new) in zip(missing, fresh):
        rel = files[i][1]
        if store is not None and digest is not None and key is not None:
            new = store.by_hash(rel, digest) or new
            store.put(rel, key, digest, new)
        facts[i] = new
    return [f for f in facts if f is not None]


PARALLEL_FROM = 400  # files to parse (or facts to check) before it pays to start worker processes


def _analyse_files(root: FsPath, files: list[tuple[str, str]], schemas: SchemaSet,
                   fast: bool) -> list[tuple[list[int] | None, str | None, DocFacts]]:
    """(stat key, content hash, facts) of each file, the stat taken before reading it (so a file
    changed meanwhile is seen as changed by the next run)."""
    done = fork_map(_analyse_chunk, files, {"root": root, "schemas": schemas, "fast": fast}) \
        if len(files) >= PARALLEL_FROM else None
    if done is None:
        return [(stat_key(file), *_fresh(root, file, rel, schemas, fast)) for file, rel in files]
    out = []
    for (_, rel), (key, digest, id_, kind, flags, index, report, ref_keys) in zip(files, done):
        facts = DocFacts.cached(rel, id_, kind, flags, index, report)
        facts.ref_keys = ref_keys
        out.append((key, digest, facts))
    return out


def _analyse_chunk(chunk: list[tuple[str, str]]) -> list[tuple[Any, ...]]:
    """Each file's stat key, hash and facts in their cached form (JSON made here, in parallel, and
    quick to send: the parent decodes a file's facts only if a rule asks), and its reference keys."""
    root, schemas, fast = shared["root"], shared["schemas"], shared["fast"]
    out = []
    for file, rel in chunk:
        key = stat_key(file)
        digest, facts = _fresh(root, file, rel, schemas, fast)
        out.append((key, digest, facts.id, facts.kind, facts.flags, facts.index_json(), facts.report_json(),
                    facts.reference_keys()))
    return out


def _fresh(root: FsPath, file: str, rel: str, schemas: SchemaSet, fast: bool) -> tuple[str | None, DocFacts]:
    """(content hash, facts) of one file read now, the exact way; no hash when it could not be read."""
    raw = read_bytes(root, file, rel)
    if isinstance(raw, Problem):
        return None, DocFacts(rel, problems=[raw])
    doc = parse_document(rel, raw)
    facts = DocFacts(rel, problems=[doc]) if isinstance(doc, Problem) else analyse(doc, schemas, fast)
    return content_hash(raw), facts


def _result(index: Index, files: int, root: FsPath, schemas: SchemaSet, store: CheckCache | None, fast: bool) -> CheckResult:
    """Each reported file's own and file-rule problems (from the cache while the index is the
    same), then the corpus rules'."""
    result = CheckResult(files=files)
    fingerprint = index_fingerprint(index.facts) if store is not None else ""
    found: list[list[Problem] | None] = []
    todo: list[DocFacts] = []
    for facts in index.of_reported():
        cached = store.resolved(facts, fingerprint) if store is not None else None
        if cached is None:
            if not facts.has_report and not (store is not None and store.load_report(facts)):
                facts = _fresh(root, str(root / facts.path), facts.path, schemas, fast)[1]  # its report part is lost
            todo.append(facts)
        found.append(cached)
    fresh = iter(_file_problems(index, todo, fast))
    for cached in found:
        if cached is None:
            facts, cached = next(fresh)
            if store is not None:
                store.set_resolved(facts, fingerprint, cached)
        result.problems.extend(cached)
    for fn in corpus_rules():
        result.problems.extend(fn(index))
    return result


def _file_problems(index: Index, todo: list[DocFacts], fast: bool) -> list[tuple[DocFacts, list[Problem]]]:
    """Each file's own problems and its file rules' against the index: none for a file the
    rules' quick tests clear (most files of a cold run; the reference path clears none), on
    forked workers when many are left (they inherit the index, decode the facts and send back
    only problems)."""
    left = uncleared(index, todo) if fast else todo
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


def _rel(root: FsPath, file: FsPath) -> str:
    try:
        return file.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return file.resolve().relative_to(root.resolve()).as_posix()
