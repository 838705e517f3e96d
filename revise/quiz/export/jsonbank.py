"""The JSON question bank: `{"generator", "questions": [{id, type, prompt, options, answer, source, explanation}], "meta": {...}}`."""

from __future__ import annotations

import json
from typing import Any

from revise.messages import t
from revise.quiz.export.files import header
from revise.quiz.generate import Quiz


def bank(quiz: Quiz) -> dict[str, Any]:
    """The bank as data; `meta` records the seed, the filters, the skipped types and which versions were asked."""
    return {
        "generator": header("JSON"),
        "questions": [q.as_json() for q in quiz.questions],
        "meta": {
            "seed": quiz.seed,
            "selection": quiz.selection.describe(),
            "available": quiz.available,
            "skipped": [{"type": ty, "reason": t(f"quiz.skip.{ty}")} for ty in quiz.skipped],
            **({"edition": quiz.edition.describe()} if quiz.edition else {}),
        },
    }


def render(quiz: Quiz) -> str:
    return json.dumps(bank(quiz), ensure_ascii=False, indent=2) + "\n"
