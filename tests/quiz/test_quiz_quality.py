"""Quality of the questions generated from the shipped corpus, answers re-derived from the YAML."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from quiz_support import REPO
from rederive import Corpus as Rederived
from rederive import check

from revise.corpus.documents import load
from revise.quiz.generate import candidates
from revise.quiz.model import SINGLE, TYPES
from revise.schema.schemaset import SchemaSet


@pytest.fixture(scope="module")
def corpus():
    return load(REPO)


@pytest.fixture(scope="module")
def rederived():
    return Rederived(REPO)


@pytest.fixture(scope="module", params=[1, 2, 97])
def pool(request, corpus):
    return candidates(corpus, SchemaSet(), request.param)


def test_every_type_has_questions_from_the_shipped_corpus(pool) -> None:
    counts = {ty: len(pool[ty]) for ty in TYPES}
    assert all(counts[ty] >= 3 for ty in TYPES), counts


def test_no_duplicate_questions_or_ids(pool) -> None:
    questions = [q for qs in pool.values() for q in qs]
    stems = Counter(q.stem() for q in questions)
    assert [s for s, n in stems.items() if n > 1] == []
    ids = Counter(q.id for q in questions)
    assert [i for i, n in ids.items() if n > 1] == []
    single_prompts = Counter(q.prompt for q in questions if q.type in SINGLE or q.type == "truefalse")
    assert [p for p, n in single_prompts.items() if n > 1] == []


def test_no_duplicate_options_and_exactly_one_correct(pool) -> None:
    for ty in SINGLE:
        for q in pool[ty]:
            assert len(set(q.options)) == len(q.options), q.options
            assert sum(o == q.answer for o in q.options) == 1, q.prompt
            assert len(q.options) >= 3
    assert all(len(q.options) == 4 for q in pool["number"] + pool["wording"])
    for q in pool["truefalse"]:
        assert isinstance(q.answer, bool)
    for q in pool["ordering"]:
        assert len(set(q.options)) == len(q.options) and q.options != q.answer
    for q in pool["matching"]:
        assert len(set(q.options["right"])) == len(q.options["right"]) >= 3


def test_every_answer_is_true_of_its_clause(pool, rederived) -> None:
    checked = Counter()
    for ty, questions in pool.items():
        for q in questions:
            check(rederived, json.loads(json.dumps(q.as_json())))
            checked[ty] += 1
    assert set(checked) == set(TYPES)


def test_number_distractors_are_plausible(pool) -> None:
    for q in pool["number"]:
        value = float(q.answer.split()[0].rstrip("%"))
        for option in q.options:
            other = float(option.split()[0].rstrip("%"))
            assert other > 0 and (other != value) == (option != q.answer)
            assert value / 12 <= other <= value * 12
            if option.endswith("%") or "百分制" in option:
                assert abs(other - value) <= 15 and other <= 100


def test_true_and_false_statements_both_occur(pool) -> None:
    answers = Counter(q.answer for q in pool["truefalse"])
    assert answers[True] > 10 and answers[False] > 10


def test_every_source_carries_version_and_hash(pool, rederived) -> None:
    for q in (q for qs in pool.values() for q in qs):
        source = q.as_json()["source"]
        assert source["version"] == rederived.docs[source["document"]]["version"]
        assert len(source["hash"]) == 12
        assert source["document"] in q.explanation or q.source.label() in q.explanation


def test_explanations_quote_the_clause(pool, rederived) -> None:
    from rederive import fold
    for q in pool["number"] + pool["classification"] + pool["wording"]:
        source = q.as_json()["source"]
        if source["clause"] is None:
            continue
        clause = next(c for c in _items(rederived.docs[source["document"]]) if c.get("id") == source["clause"])
        quoted = fold(clause.get("text") or clause.get("goal") or clause.get("title") or clause.get("criteria"))
        assert quoted[:20] in q.explanation, (quoted[:20], q.explanation)


def _items(node):
    if isinstance(node, dict):
        if "id" in node:
            yield node
        for value in node.values():
            yield from _items(value)
    elif isinstance(node, list):
        for value in node:
            yield from _items(value)
