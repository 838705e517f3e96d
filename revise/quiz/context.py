"""What every question generator needs: the corpus, labels, per-question randomness, sources."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from typing import Any

from revise.corpus.documents import Corpus, Document
from revise.quiz.labels import Labels
from revise.quiz.model import Source, clause_map, make_source
from revise.schema.schemaset import SchemaSet


@dataclass
class Context:
    """The corpus and seed one quiz is generated from."""

    corpus: Corpus
    schemas: SchemaSet
    seed: int | str
    labels: Labels = field(init=False)
    _clauses: dict[str, dict[str, Any]] = field(default_factory=dict, init=False)
    memo: dict[str, Any] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        self.labels = Labels.of(self.corpus, self.schemas)

    def rng(self, key: str) -> random.Random:
        """Randomness for one question: depends on the seed and the question only."""
        return random.Random(f"{self.seed}/{key}")

    def documents(self, kind: str | None = None) -> list[Document]:
        """Documents with an id (of one kind), in id order."""
        docs = [d for d in self.corpus.documents if d.id and (kind is None or d.kind == kind)]
        return sorted(docs, key=lambda d: d.id or "")

    def clauses(self, doc: Document) -> dict[str, Any]:
        key = doc.id or doc.path
        if key not in self._clauses:
            self._clauses[key] = clause_map(doc)
        return self._clauses[key]

    def source(self, doc: Document, *units: str) -> Source:
        return make_source(doc, tuple(units), self.clauses(doc))


def items(data: Any, key: str) -> list[tuple[int, dict[str, Any]]]:
    """(index, item) of the mapping items of the list `data[key]` (tolerates malformed data)."""
    value = data.get(key) if isinstance(data, dict) else None
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]


_WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u201c\u201d\u2018\u2019"
_CJK_GAP = re.compile(f"(?<=[{_WIDE}])\\s+(?=[{_WIDE}])")


def text(value: Any) -> str:
    """A document string with its line breaks folded (for prompts and options).

    Folded YAML (`>-`) leaves a space where a Chinese line was broken; that space is dropped.
    """
    if value is None:
        return ""
    return _CJK_GAP.sub("", " ".join(str(value).split()))


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


QUOTED_FIELDS = ("text", "say", "goal", "criteria", "meaning", "description", "duty")


def quote_item(item: Any) -> str:
    """The words of a clause worth quoting: its title or name, then its text."""
    if not isinstance(item, dict):
        return ""
    head = text(item.get("title") or item.get("name") or "")
    body = next((text(item[k]) for k in QUOTED_FIELDS if isinstance(item.get(k), str)), "")
    if head and body:
        return f"「{head}」{body}"
    return body or head


def explain(ctx: Context, doc: Document, source: Source, detail: str = "") -> str:
    """"依据 DOC#clause（「title」第 N 版）：quoted clause text" plus an optional detail."""
    from revise.messages import t

    clauses = ctx.clauses(doc)
    quotes = [quote_item(doc.data.get(u[1:]) if u.startswith("@") else clauses.get(u)) for u in source.units]
    quote = t("quiz.quote-sep").join(q for q in quotes if q)
    parts = [t("quiz.explain", ref=source.label(), doc=doc.title, version=source.version if source.version is not None else "?")]
    if quote:
        parts.append(t("quiz.explain-quote", quote=quote))
    if detail:
        parts.append(detail)
    return _tidy("".join(parts))


def _tidy(sentence: str) -> str:
    """No doubled full stops where a quoted sentence meets the next one."""
    for double, single in (("。。", "。"), ("。；", "；"), ("..", ".")):
        while double in sentence:
            sentence = sentence.replace(double, single)
    return sentence
