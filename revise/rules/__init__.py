"""The rules `revise check` applies beyond the schema.

Each rule is a function registered with `@rule("rule-id")` that takes the `CheckContext` and
yields `Problem`s. Rule ids are stable: they appear in output, in tests and in suppressions.
Modules in this package register their rules on import; `all_rules()` imports them all.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Callable, Iterator

from revise.corpus import Corpus, Document
from revise.messages import t
from revise.problems import Problem
from revise.schemas import SchemaSet

RuleFn = Callable[["CheckContext"], Iterator[Problem]]
_RULES: dict[str, RuleFn] = {}


@dataclass(slots=True)
class CheckContext:
    """What a rule sees: the whole corpus, the schemas, and which documents to report on."""

    corpus: Corpus
    schemas: SchemaSet
    targets: list[Document]
    _reported: set[str] = field(default_factory=set, init=False)

    def __post_init__(self) -> None:
        self._reported = {d.path for d in self.targets}

    def reported(self, doc: Document) -> bool:
        """Whether problems of `doc` belong in this run's output (all, or only the named files)."""
        return doc.path in self._reported


def rule(rule_id: str) -> Callable[[RuleFn], RuleFn]:
    """Register a rule function under its stable id."""
    def register(fn: RuleFn) -> RuleFn:
        _RULES[rule_id] = fn
        return fn
    return register


def all_rules() -> dict[str, RuleFn]:
    from revise.rules import ids, references  # noqa: F401  (registration by import)
    return dict(_RULES)


def similar(word: str, candidates: list[str] | set[str]) -> str:
    """The ", did you mean …" tail of a hint, or "" when nothing is close."""
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return t("hint.similar", suggestion=close[0]) if close else ""
