"""`revise check`: read the corpus, validate every document against its schema, apply the rules."""

from __future__ import annotations

from pathlib import Path as FsPath

from revise.corpus import Corpus, load
from revise.problems import CheckResult
from revise.rules import CheckContext, all_rules
from revise.schemas import SchemaSet
from revise.validate import validate_document


def check(root: FsPath, only: list[FsPath] | None = None, schemas: SchemaSet | None = None) -> CheckResult:
    """Check the repository at `root`; with `only`, report on those files, checked against the rest."""
    schemas = schemas or SchemaSet(root / "schemas")
    corpus = load(root)
    return check_corpus(corpus, schemas, only)


def check_corpus(corpus: Corpus, schemas: SchemaSet, only: list[FsPath] | None = None) -> CheckResult:
    """Every problem of an already loaded corpus (or of the files in `only`)."""
    wanted = None if only is None else {_rel(corpus.root, f) for f in only}
    targets = [d for d in corpus.documents if wanted is None or d.path in wanted]
    result = CheckResult(files=corpus.files if wanted is None else len(wanted))
    result.problems.extend(p for p in corpus.problems if wanted is None or p.path in wanted)
    for doc in targets:
        result.problems.extend(validate_document(doc, schemas))
    ctx = CheckContext(corpus, schemas, targets)
    for fn in all_rules().values():
        result.problems.extend(fn(ctx))
    return result


def _rel(root: FsPath, file: FsPath) -> str:
    try:
        return file.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return file.resolve().relative_to(root.resolve()).as_posix()
