"""From answered questions to training records: which clause versions a question's result counts for.

A question rests on one or more units (clauses or `@parts`) of one document, with the document's
version and the quiz's hash of the units' data (`revise.quiz.model.Source`). Its result is recorded
once per unit. For a one-unit question the unit's hash is the question's hash. For a question on
several units the per-unit hashes can only be known when the question still matches the corpus:
then they are the units' hashes now; otherwise each unit gets the question's hash, which matches
no unit's hash now, so the result counts for an earlier version (a retest is due), never the current one.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from revise.corpus.documents import Corpus
from revise.quiz.model import Source, clause_map, data_hash, unit_data
from revise.records.training import Result


class ClauseIndex:
    """The units of a corpus, each with its document's version and its data hash, computed on demand."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._maps: dict[str, dict[str, Any]] = {}

    def _clauses(self, document: str) -> dict[str, Any] | None:
        doc = self.corpus.by_id.get(document)
        if doc is None:
            return None
        if document not in self._maps:
            self._maps[document] = clause_map(doc)
        return self._maps[document]

    def data(self, document: str, unit: str) -> Any:
        clauses = self._clauses(document)
        if clauses is None:
            return None
        return unit_data(self.corpus.by_id[document].data, clauses, unit)

    def version(self, document: str) -> int | None:
        version = self.corpus.by_id[document].data.get("version")
        return version if isinstance(version, int) else None

    def current(self, document: str, unit: str) -> tuple[int | None, str] | None:
        """The unit's document version and data hash now; None when the document or unit is gone."""
        found = self.data(document, unit)
        if found is None:
            return None
        return self.version(document), data_hash([found])

    def currents(self, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], tuple[int | None, str]]:
        out = {}
        for document, unit in keys:
            now = self.current(document, unit)
            if now is not None:
                out[(document, unit)] = now
        return out


def results_for(index: ClauseIndex, person: str, source: Mapping[str, Any], score: float, origin: str,
                question: str | None = None) -> list[Result] | None:
    """The results one answered question gives (one per unit); None when its document or a unit is
    not in the corpus (an unknown question)."""
    document = source.get("document")
    units = Source.units_of(dict(source))
    if not isinstance(document, str) or not units or any(index.data(document, u) is None for u in units):
        return None
    version = source.get("version") if isinstance(source.get("version"), int) else None
    digest = source.get("hash") if isinstance(source.get("hash"), str) else None
    hashes: dict[str, str | None] = {u: digest for u in units}
    if len(units) > 1 and digest is not None:
        still = data_hash([index.data(document, u) for u in units]) == digest
        if still:
            hashes = {u: data_hash([index.data(document, u)]) for u in units}
    return [Result(person, document, unit, version, score, origin, hashes[unit], question) for unit in units]
