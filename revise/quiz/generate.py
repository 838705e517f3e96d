"""Generating a quiz: every question the corpus allows, filtered, then a seeded pick across types."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Callable

from revise.corpus.documents import Corpus
from revise.errors import UsageError
from revise.messages import t
from revise.quiz import classification, matching, numbers, ordering, truefalse, wording
from revise.quiz.context import Context
from revise.quiz.edition import QuizEdition
from revise.quiz.model import TYPES, Question
from revise.quiz.select import Selection, Selector
from revise.schema.schemaset import SchemaSet

GENERATORS: dict[str, Callable[[Context], list[Question]]] = {
    "number": numbers.generate,
    "truefalse": truefalse.generate,
    "wording": wording.generate,
    "classification": classification.generate,
    "ordering": ordering.generate,
    "matching": matching.generate,
}
DEFAULT_COUNT = 20


@dataclass
class Quiz:
    """The picked questions, the seed, the filters and the types skipped for want of facts."""

    questions: list[Question]
    seed: int | str
    selection: Selection
    available: int
    skipped: list[str] = field(default_factory=list)
    edition: QuizEdition | None = None  # which versions were asked about (None: the corpus as given)


def candidates(corpus: Corpus, schemas: SchemaSet, seed: int | str, types: tuple[str, ...] = TYPES) -> dict[str, list[Question]]:
    """Every question of each type the corpus allows, deduplicated (an ambiguous prompt is dropped)."""
    ctx = Context(corpus, schemas, seed)
    return {ty: _dedupe(GENERATORS[ty](ctx)) for ty in types}


def _dedupe(questions: list[Question]) -> list[Question]:
    by_stem: dict[str, list[Question]] = {}
    for q in questions:
        by_stem.setdefault(q.stem(), []).append(q)
    out = []
    for q in questions:
        same = by_stem[q.stem()]
        if len({repr(o.answer) for o in same}) > 1:
            continue  # the same question with two answers: ambiguous, not asked
        if same[0] is q:
            out.append(q)
    return out


def generate(corpus: Corpus, schemas: SchemaSet, selection: Selection, seed: int | str,
             count: int | None = None, default_count: int = DEFAULT_COUNT,
             pool: dict[str, list[Question]] | None = None, edition: QuizEdition | None = None) -> Quiz:
    """Pick `count` questions (default: up to `default_count`) matching `selection`, spread across types.

    `pool` reuses candidates already generated (several quizzes from one corpus); by default they
    are generated with `seed`. Raises UsageError when nothing matches or when `count` is more
    than can be generated.
    """
    if pool is None:
        pool = candidates(corpus, schemas, seed, selection.types)
    pool = {ty: pool.get(ty, []) for ty in selection.types}
    selector = Selector(corpus, selection)
    kept = {ty: [q for q in qs if selector.keeps(q)] for ty, qs in pool.items()}
    skipped = [ty for ty in selection.types if not kept[ty]]
    available = sum(len(qs) for qs in kept.values())
    if available == 0:
        raise UsageError(t("quiz.nothing", filters=_describe(selection)), t("quiz.nothing.hint"))
    if count is not None and count > available:
        raise UsageError(t("quiz.too-many", count=count, available=available), t("quiz.too-many.hint", available=available))
    wanted = count if count is not None else min(default_count, available)
    return Quiz(_pick(kept, wanted, random.Random(seed)), seed, selection, available, skipped, edition)


def _pick(kept: dict[str, list[Question]], wanted: int, rng: random.Random) -> list[Question]:
    """Round-robin over the types (each shuffled by the seed); the result is grouped by type."""
    queues = {}
    for ty in TYPES:
        if ty in kept:
            queue = sorted(kept[ty], key=lambda q: q.id)
            rng.shuffle(queue)
            queues[ty] = queue
    chosen: dict[str, list[Question]] = {ty: [] for ty in queues}
    total = 0
    while total < wanted:
        for ty, queue in queues.items():
            if queue and total < wanted:
                chosen[ty].append(queue.pop(0))
                total += 1
    return [q for ty in queues for q in chosen[ty]]


def _describe(selection: Selection) -> str:
    described = selection.describe()
    return ", ".join(f"{k}={v}" for k, v in described.items()) or "-"
