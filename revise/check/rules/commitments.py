"""Public promises (对客承诺): never stricter than the internal target, written for customers.

Rule ids: `commitment-stricter`, `commitment-no-target`, `commitment-ambiguous-target`,
`commitment-range`, `commitment-internal-words`.

- `commitment-stricter`: a promise's figure asks more than the internal target of its clause
  (customers promised 20 s where the standard says 30 s); reported at the promised value.
- `commitment-no-target`: a promise with a figure on a clause with no measurable target of that
  channel, scope and a comparable unit: it would rest on nothing.
- `commitment-ambiguous-target`: several targets fit; the promise must name its channel or scope.
- `commitment-range`: the start of a range (`from`) is above the promised value.
- `commitment-internal-words`: the customer-facing title or text holds a document id or clause
  reference (STD-TICKET#urgent-limit), a role id (cs-agent) or a `{placeholder}`.

A promise sits in the clause it rests on, so it is in force exactly when its clause is; the
public site shows the versions in force on its date (`revise.public.site`).
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from revise.check.rules import DocContext, as_dict, as_list, doc_rule, number
from revise.corpus.documents import Document
from revise.messages import t
from revise.problems import Problem
from revise.public.promises import STRICTER, against, figure_text, resting_targets, target_text

INTERNAL = re.compile(r"[A-Z]{2,}(?:-[A-Z0-9]+)+(?:#[a-z0-9-]+)?|(?<![A-Za-z0-9-])[a-z][a-z0-9]+(?:-[a-z0-9]+)+(?![A-Za-z0-9-])"
                      r"|\{[^{}]*\}")


@doc_rule("commitments", kinds=("standard",))
def public_promises(ctx: DocContext) -> Iterator[Problem]:
    doc = ctx.doc
    for i, clause in enumerate(as_list(doc.data.get("clauses"))):
        public = as_dict(as_dict(clause).get("public"))
        if not public:
            continue
        path = ("clauses", i, "public")
        yield from _wording(doc, path, public)
        promise = as_dict(public.get("promise"))
        if promise and number(promise.get("value")) is not None:
            yield from _figure(ctx, path + ("promise",), as_dict(clause), promise)


def _wording(doc: Document, path: tuple[str | int, ...], public: dict[str, Any]) -> Iterator[Problem]:
    for key in ("title", "text"):
        text = public.get(key)
        found = INTERNAL.findall(text) if isinstance(text, str) else []
        if found:
            yield doc.problem("commitment-internal-words", path + (key,), t("commitment-internal-words", words="、".join(dict.fromkeys(found))),
                              t("commitment-internal-words.hint"))


def _figure(ctx: DocContext, path: tuple[str | int, ...], clause: dict[str, Any], promise: dict[str, Any]) -> Iterator[Problem]:
    doc = ctx.doc
    low, value = number(promise.get("from")), number(promise.get("value"))
    if low is not None and value is not None and low > value:
        yield doc.problem("commitment-range", path + ("from",), t("commitment-range", low=_n(low), value=_n(value)),
                          t("commitment-range.hint"))
    rests = resting_targets(clause, promise)
    shown = figure_text(ctx.schemas, value, promise.get("unit"))
    if not rests:
        yield doc.problem("commitment-no-target", path, t("commitment-no-target", promise=shown, clause=clause.get("id")),
                          t("commitment-no-target.hint"))
        return
    if len(rests) > 1:
        yield doc.problem("commitment-ambiguous-target", path, t("commitment-ambiguous-target", promise=shown, n=len(rests)),
                          t("commitment-ambiguous-target.hint"))
        return
    j, target = rests[0]
    if against(value, promise.get("unit"), target) == STRICTER:
        yield doc.problem("commitment-stricter", path + ("value",), t("commitment-stricter", promise=shown,
                                                                      target=target_text(ctx.schemas, target),
                                                                      where=f"clauses[{path[1]}].targets[{j}]"),
                          t("commitment-stricter.hint"))


def _n(value: float | None) -> str:
    return "?" if value is None else f"{value:g}"
