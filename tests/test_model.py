"""Typed views: every clause and target of the shipped corpus knows its file, line and column."""

from __future__ import annotations

import re

from revise.corpus.documents import load
from revise.corpus.model import clauses, targets
from tests.conftest import REPO


def test_targets_know_where_they_are() -> None:
    corpus = load(REPO)
    found = list(targets(corpus))
    assert len(found) >= 12
    for target in found:
        lines = (REPO / target.where.path).read_text(encoding="utf-8").splitlines()
        assert lines[target.where.line - 1].strip().startswith(("metric:", "- metric:", "- {metric:")), target
        assert re.fullmatch(r"clauses\[\d+\]\.targets\[\d+\]", target.where.field), target.where.field
    urgent = [t for t in found if t.metric == "resolution_hours" and ("urgency", "urgent") in t.scope]
    assert urgent and urgent[0].value == 2 and urgent[0].met_by(1.5) and not urgent[0].met_by(2.5)


def test_clause_ids_point_at_their_id_line() -> None:
    corpus = load(REPO)
    all_clauses = list(clauses(corpus))
    assert len({c.ref for c in all_clauses}) == len(all_clauses)
    for clause in all_clauses[:200]:
        line = (REPO / clause.where.path).read_text(encoding="utf-8").splitlines()[clause.where.line - 1]
        assert clause.id in line
