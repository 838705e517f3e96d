"""Measurable targets: the unit is the metric's, targets do not contradict, escalation is sooner.

Rule ids: `target-unit`, `target-conflict`, `target-escalation-not-shorter`,
`target-escalates-no-limit`.

The metric vocabulary and each metric's unit (`x-unit`) come from common.schema.json. Two
targets on the same metric, channel and scope contradict when they set different upper (or
lower) limits, or when no value can satisfy both. A target with `escalates` is an escalation
limit: it must be shorter than every time limit of the clause it escalates.
"""

from __future__ import annotations

import json
from typing import Any, Iterator

from revise.check.facts import DocFacts, Index
from revise.check.rules import DocContext, as_dict, as_list, corpus_rule, doc_rule, number
from revise.check.rules.durations import measure
from revise.corpus.yamlsafe import field_path
from revise.messages import t
from revise.problems import Problem

UPPER, LOWER = ("<=", "<"), (">=", ">")


@doc_rule("targets", kinds=("standard",))
def record_targets(ctx: DocContext) -> Iterator[Problem]:
    """Check each target's unit against its metric and record the targets (facts) for the corpus rules."""
    doc, metrics = ctx.doc, ctx.schemas.metrics
    for i, clause in enumerate(as_list(doc.data.get("clauses"))):
        for j, target in enumerate(as_list(as_dict(clause).get("targets"))):
            target = as_dict(target)
            path = ("clauses", i, "targets", j)
            metric, unit = target.get("metric"), target.get("unit")
            known = metrics.get(metric) if isinstance(metric, str) else None
            if known and unit is not None and unit != known.get("x-unit"):
                yield doc.problem("target-unit", path + ("unit",),
                                  t("target-unit", metric=known.get("title", metric), unit=unit, expected=known.get("x-unit")),
                                  t("target-unit.hint", expected=known.get("x-unit")))
            if known and number(target.get("value")) is not None and target.get("op") in UPPER + LOWER:
                ctx.facts.targets.append(_fact(ctx, as_dict(clause).get("id"), target, path))


def _fact(ctx: DocContext, clause: Any, target: dict[str, Any], path: tuple[str | int, ...]) -> dict[str, Any]:
    scope = as_dict(target.get("scope"))
    where = ctx.doc.where
    return {"ref": f"{ctx.doc.id or ''}#{clause}", "metric": target["metric"], "channel": target.get("channel"),
            "scope": json.dumps(scope, sort_keys=True, ensure_ascii=False) if scope else "",
            "op": target["op"], "value": target["value"], "unit": target.get("unit"),
            "escalates": target.get("escalates"), "at": list(where(path)), "value_at": list(where(path + ("value",))),
            "escalates_at": list(where(path + ("escalates",))), "field": field_path(path)}


def _key(target: dict[str, Any]) -> tuple[str, Any, str]:
    return target["metric"], target["channel"], target["scope"]


def _sources(index: Index, field: str) -> tuple[list[DocFacts], list[DocFacts]]:
    """The files with targets whose problems are wanted, and the files the two rules below must
    read to judge them. Both rules report only on the first, so a check of one script, plan or
    chart reads no targets at all; a check of a few standards reads only the files whose index
    part (undecoded JSON) mentions a `field` value of their targets — a metric, or a clause an
    escalation limit escalates — not the targets of every standard in the corpus."""
    with_targets = index.with_targets()
    reported = [f for f in with_targets if index.is_reported(f)]
    if not reported or 2 * len(reported) >= len(with_targets):
        return reported, with_targets
    values = {target[field] for facts in reported for target in facts.targets if isinstance(target[field], str)}
    needles = {json.dumps(value, ensure_ascii=ascii).encode("utf-8") for value in values for ascii in (False, True)}
    return reported, [f for f in with_targets if any(needle in f.index_json() for needle in needles)]


@corpus_rule("targets")
def contradictions(index: Index) -> Iterator[Problem]:
    reported, sources = _sources(index, "metric")
    if not reported:
        return
    groups: dict[tuple[str, Any, str], list[tuple[DocFacts, dict[str, Any]]]] = {}
    for facts in sources:
        for target in facts.targets:
            if not target["escalates"]:
                groups.setdefault(_key(target), []).append((facts, target))
    for members in groups.values():
        if len(members) > 1:
            yield from _group_conflicts(index, members)


def _group_conflicts(index: Index, members: list[tuple[DocFacts, dict[str, Any]]]) -> Iterator[Problem]:
    """Conflicts within one metric+channel+scope group, comparing each target with one
    representative of every distinct requirement (op, value, unit): linear, not quadratic."""
    kinds: dict[tuple[Any, ...], list[tuple[DocFacts, dict[str, Any]]]] = {}
    for facts, target in members:
        kinds.setdefault((target["op"], target["value"], target["unit"]), []).append((facts, target))
    if len(kinds) == 1:
        return
    for facts, target in members:
        if not index.is_reported(facts):
            continue
        for same in kinds.values():
            other = next((o for _, o in same if o["ref"] != target["ref"]), None)
            if other is not None and _contradict(target, other):
                yield facts.problem("target-conflict", *target["at"],
                                    t("target-conflict", mine=_show(target), other=_show(other), where=other["ref"]),
                                    target["field"], t("target-conflict.hint"))
                break


def _contradict(a: dict[str, Any], b: dict[str, Any]) -> bool:
    qa, qb = measure(a["value"], a["unit"]) or ("", a["value"]), measure(b["value"], b["unit"]) or ("", b["value"])
    if a["unit"] != b["unit"] and qa[0] != qb[0]:
        return False  # not comparable (the unit rule reports a wrong unit)
    va, vb = qa[1], qb[1]
    if a["op"] in UPPER and b["op"] in UPPER or a["op"] in LOWER and b["op"] in LOWER:
        return va != vb or a["op"] != b["op"]
    upper, lower = (a, b) if a["op"] in UPPER else (b, a)
    vu, vl = (va, vb) if upper is a else (vb, va)
    return vu < vl or (vu == vl and (upper["op"] == "<" or lower["op"] == ">"))


def _show(target: dict[str, Any]) -> str:
    return f"{target['metric']} {target['op']} {target['value']:g} {target['unit']}"


@corpus_rule("targets")
def escalation_sooner(index: Index) -> Iterator[Problem]:
    by_ref: dict[str, list[dict[str, Any]]] = {}
    reported, sources = _sources(index, "escalates")
    if not reported:
        return
    for facts in sources:
        for target in facts.targets:
            by_ref.setdefault(target["ref"], []).append(target)
    for facts in reported:
        for target in facts.targets:
            ref = target["escalates"]
            if not ref or "#" not in ref or ref.partition("#")[0] not in index.by_id:
                continue  # unknown documents and clauses are reported by the references rule
            own = measure(target["value"], target["unit"])
            limits = [(o, measure(o["value"], o["unit"])) for o in by_ref.get(ref, []) if o["op"] in UPPER and not o["escalates"]]
            limits = [(o, m) for o, m in limits if m and own and m[0] == own[0]]
            same = [(o, m) for o, m in limits if o["scope"] == target["scope"] and o["channel"] == target["channel"]]
            limits = same or limits
            if not limits and ref.partition("#")[2] in index.clause_ids(ref.partition("#")[0]):
                yield facts.problem("target-escalates-no-limit", *target["escalates_at"], t("target-escalates-no-limit", ref=ref),
                                    target["field"] + ".escalates", t("target-escalates-no-limit.hint"))
            for other, m in limits:
                if own and own[1] >= m[1]:
                    yield facts.problem("target-escalation-not-shorter", *target["value_at"],
                                        t("target-escalation-not-shorter", mine=_show(target), other=_show(other), ref=ref),
                                        target["field"] + ".value", t("target-escalation-not-shorter.hint"))
                    break
