"""`quiz check`: which questions of a saved bank test clauses that changed or disappeared.

A question drifts when its document is gone, one of its clauses is gone, the document's
version differs from the one recorded, or the data of its clauses no longer hash to the
recorded hash (an edit without a version bump).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path as FsPath
from typing import Any

from revise.corpus.documents import Corpus
from revise.errors import InputError
from revise.messages import t
from revise.quiz.model import Source, clause_map, data_hash, ref_label, unit_data


@dataclass(frozen=True)
class Drift:
    """One question of the bank that no longer matches the corpus, and why."""

    question: str
    ref: str
    reason: str          # document-missing | clause-missing | version | content
    message: str


def read_bank(path: FsPath) -> list[dict[str, Any]]:
    """The questions of a bank file. Raises InputError naming the file (and line/column or field)."""
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise InputError(t("quiz.bank-unreadable", path=path, reason=reason), t("quiz.bank-shape.hint")) from exc
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(t("quiz.bank-json", path=path, line=exc.lineno, column=exc.colno, reason=exc.msg),
                         t("quiz.bank-shape.hint")) from exc
    questions = data.get("questions") if isinstance(data, dict) else None
    if not isinstance(questions, list):
        raise _shape(path, "questions", t("quiz.bank-not-list"))
    for i, q in enumerate(questions):
        if not isinstance(q, dict):
            raise _shape(path, f"questions[{i}]", t("quiz.bank-not-object"))
        source = q.get("source")
        if not isinstance(source, dict):
            raise _shape(path, f"questions[{i}].source", t("quiz.bank-not-object"))
        for key in ("document", "hash"):
            if not isinstance(source.get(key), str):
                raise _shape(path, f"questions[{i}].source.{key}", t("quiz.bank-missing"))
        if "version" not in source:
            raise _shape(path, f"questions[{i}].source.version", t("quiz.bank-missing"))
        if not Source.units_of(source):
            raise _shape(path, f"questions[{i}].source.clause", t("quiz.bank-missing"))
    return questions


def _shape(path: FsPath, field: str, reason: str) -> InputError:
    return InputError(t("quiz.bank-shape", path=path, field=field, reason=reason), t("quiz.bank-shape.hint"))


def check_bank(corpus: Corpus, questions: list[dict[str, Any]]) -> list[Drift]:
    """Every question whose source no longer matches the corpus, in bank order."""
    drifts = []
    clause_maps: dict[str, dict[str, Any]] = {}
    for q in questions:
        drift = _drift(corpus, q, clause_maps)
        if drift:
            drifts.append(drift)
    return drifts


def _drift(corpus: Corpus, q: dict[str, Any], clause_maps: dict[str, dict[str, Any]]) -> Drift | None:
    source = q["source"]
    units = Source.units_of(source)
    ref = ref_label(source["document"], units)
    qid = str(q.get("id", "?"))
    doc = corpus.by_id.get(source["document"])
    if doc is None:
        return Drift(qid, ref, "document-missing", t("quiz.drift.document-missing"))
    if source["document"] not in clause_maps:
        clause_maps[source["document"]] = clause_map(doc)
    clauses = clause_maps[source["document"]]
    missing = [u for u in units if unit_data(doc.data, clauses, u) is None]
    if missing:
        return Drift(qid, ref, "clause-missing", t("quiz.drift.clause-missing", units=", ".join(missing)))
    same_content = data_hash([unit_data(doc.data, clauses, u) for u in units]) == source["hash"]
    version = doc.data.get("version")
    if version != source["version"]:
        content = t("quiz.drift.version-same-content") if same_content else t("quiz.drift.version-changed-content")
        return Drift(qid, ref, "version", t("quiz.drift.version", old=source["version"], new=version, content=content))
    if not same_content:
        return Drift(qid, ref, "content", t("quiz.drift.content", version=version))
    return None
