"""Single choice on numbers and limits: "how long / how much does the rule allow?".

The answer is the value of a measurable target or time limit; the three distractors are
plausible values in the same unit (other limits of the corpus, halves and doubles) and never
equal the answer.
"""

from __future__ import annotations

from revise.messages import t
from revise.quiz.context import Context, explain
from revise.quiz.distractors import numbers
from revise.quiz.facts import Quantity, quantities, same_unit_values
from revise.quiz.model import Question


def generate(ctx: Context) -> list[Question]:
    """One question per target or time limit of the corpus."""
    facts = quantities(ctx)
    return [_question(ctx, fact, facts) for fact in facts]


def _question(ctx: Context, fact: Quantity, facts: list[Quantity]) -> Question:
    rng = ctx.rng("number/" + fact.key + "/" + (fact.doc.id or ""))
    wrong = numbers(float(fact.value), fact.unit_code, rng, same_unit_values(ctx, fact.unit_code))
    answer = ctx.labels.quantity(fact.value, fact.unit_code, fact.vocabulary)
    options = [answer] + [ctx.labels.quantity(v, fact.unit_code, fact.vocabulary) for v in wrong]
    rng.shuffle(options)
    source = ctx.source(fact.doc, fact.unit)
    return Question(
        "number", fact.question, options, answer, source,
        explain(ctx, fact.doc, source, t("quiz.explain-answer", answer=answer)),
        key=fact.key, basis={"path": list(fact.path), "op": "eq", "value": fact.value},
    )
