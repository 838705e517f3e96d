"""The rules `revise check` applies beyond the schema.

Rules come in two sorts, both registered by decorator and applied by `revise.check.engine`:

- a **document rule** (`@doc_rule(family, kinds)`) looks at one parsed document and yields
  `Problem`s. It may also record *facts* (`ctx.facts`): references, what agents say, targets,
  avoid-list phrases — whatever a corpus rule needs to know about this document later;
- a **file rule** (`@file_rule(family, quick)`) checks one file's facts against the `Index` of all
  (unknown references, avoided phrases); its result is cached until the index changes. Its
  `quick` test says True only when the file cannot have a problem of the rule, from what the
  facts tell without decoding their report part (`DocFacts.ref_keys`, `flags`, a substring search
  of the report's JSON): a cold check of 10,000 files then decodes and runs the rule only for the
  few files the test cannot clear;
- a **corpus rule** (`@corpus_rule(family)`) looks at the index as a whole (duplicate ids,
  contradictory targets) and reports on the files in `index.reported`.

Neither re-reads a document, so facts can come from the cache.

Every problem carries a stable rule id (`ref-unknown-role`, `script-dead-end`, ...), registered
with its default severity and implementing module in `revise.check.rules.registry`; each has a
message in `revise.messages` and a one-line description (`rule.<id>`) for `revise rules`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

from revise.check.facts import DocFacts, Index
from revise.corpus.documents import Document
from revise.messages import t
from revise.problems import Problem
from revise.schema.schemaset import SchemaSet


@dataclass(slots=True)
class DocContext:
    """What a document rule sees: the document, the schemas, its facts, and whether it is schema-valid."""

    doc: Document
    schemas: SchemaSet
    facts: DocFacts
    valid: bool


DocRuleFn = Callable[[DocContext], Iterator[Problem]]
CorpusRuleFn = Callable[[Index], Iterator[Problem]]
FileRuleFn = Callable[[Index, DocFacts], Iterator[Problem]]
QuickFn = Callable[[Index, DocFacts], bool]
DOC_RULES: list[tuple[str, tuple[str, ...] | None, DocRuleFn]] = []
CORPUS_RULES: list[tuple[str, CorpusRuleFn]] = []
FILE_RULES: list[tuple[str, FileRuleFn, QuickFn]] = []


def doc_rule(family: str, kinds: tuple[str, ...] | None = None) -> Callable[[DocRuleFn], DocRuleFn]:
    """Register a document rule of `family`, applied to documents of `kinds` (None: every kind)."""
    def register(fn: DocRuleFn) -> DocRuleFn:
        DOC_RULES.append((family, kinds, fn))
        return fn
    return register


def corpus_rule(family: str) -> Callable[[CorpusRuleFn], CorpusRuleFn]:
    """Register a corpus rule of `family`."""
    def register(fn: CorpusRuleFn) -> CorpusRuleFn:
        CORPUS_RULES.append((family, fn))
        return fn
    return register


def file_rule(family: str, quick: QuickFn) -> Callable[[FileRuleFn], FileRuleFn]:
    """Register a file rule of `family`, with the test that clears a file without running it."""
    def register(fn: FileRuleFn) -> FileRuleFn:
        FILE_RULES.append((family, fn, quick))
        return fn
    return register


_loaded = False


def load_rules() -> None:
    """Import every rule module once (registration happens on import)."""
    global _loaded
    if _loaded:
        return
    from revise.check.rules import (commitments, dates, ids, periodic, plans, privacy, procedures,  # noqa: F401
                                    references, scorecards, scripts, targets)
    _loaded = True


def doc_rules_for(kind: str | None) -> list[DocRuleFn]:
    load_rules()
    return [fn for _, kinds, fn in DOC_RULES if kinds is None or kind in kinds]


def corpus_rules() -> list[CorpusRuleFn]:
    load_rules()
    return [fn for _, fn in CORPUS_RULES]


def file_rules() -> list[FileRuleFn]:
    load_rules()
    return [fn for _, fn, _ in FILE_RULES]


def uncleared(index: Index, facts: list[DocFacts]) -> list[DocFacts]:
    """The files that may have a problem of their own ("p" flag) or of a file rule: those the
    rules' quick tests do not all clear."""
    load_rules()
    quick = [test for _, _, test in FILE_RULES]
    return [f for f in facts if "p" in f.flags or not all(test(index, f) for test in quick)]


def similar(word: str, candidates: Iterable[str]) -> str:
    """The ", did you mean …" tail of a hint, or "" when nothing is close."""
    import difflib  # only when a problem is reported: a clean check does not pay for the import
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return t("hint.similar", suggestion=close[0]) if close else ""


def as_list(value: Any) -> list[Any]:
    """`value` if it is a list, else []: rules read documents that may have failed the schema."""
    return value if isinstance(value, list) else []


def as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def number(value: Any) -> float | None:
    """A real number (not a boolean), else None."""
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None
