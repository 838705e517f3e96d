"""Scripts (话术): placeholders, the step graph, and words agents must not say.

Rule ids: `script-placeholder-undeclared`, `script-placeholder-unused`, `script-unknown-step`,
`script-unreachable`, `script-dead-end`, `script-closing-continues`, `script-avoid-phrase`.

The avoid-list is not in code: it is every `avoid` entry of the standards in the corpus (the
courtesy standard's, in the shipped corpus), matched against everything an agent says.
"""

from __future__ import annotations

import json
import re
from typing import Any, Iterator

from revise.check.facts import DocFacts, Index
from revise.check.rules import DocContext, as_dict, as_list, doc_rule, file_rule, similar
from revise.corpus.yamlsafe import field_path
from revise.messages import t
from revise.problems import Problem

PLACEHOLDER = re.compile(r"\{([^{}\s]*)\}")


def _steps(data: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    return [(i, s) for i, s in enumerate(as_list(data.get("steps"))) if isinstance(s, dict) and isinstance(s.get("id"), str)]


@doc_rule("scripts", kinds=("script",))
def placeholders(ctx: DocContext) -> Iterator[Problem]:
    doc = ctx.doc
    declared = {as_dict(p).get("name"): i for i, p in enumerate(as_list(doc.data.get("placeholders")))}
    used: set[str] = set()
    for i, step in _steps(doc.data):
        say = step.get("say")
        for name in PLACEHOLDER.findall(say) if isinstance(say, str) else ():
            used.add(name)
            if name not in declared:
                names = [n for n in declared if isinstance(n, str)]
                yield doc.problem("script-placeholder-undeclared", ("steps", i, "say"), t("script-placeholder-undeclared", name=name),
                                  t("script-placeholder-undeclared.hint", name=name) + similar(name, names))
    for name, i in declared.items():
        if isinstance(name, str) and name not in used:
            yield doc.problem("script-placeholder-unused", ("placeholders", i, "name"), t("script-placeholder-unused", name=name),
                              t("script-placeholder-unused.hint", name=name))


def _exits(step: dict[str, Any], i: int) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    if "next" in step:
        yield ("steps", i, "next"), step["next"]
    for j, branch in enumerate(as_list(step.get("branches"))):
        if isinstance(branch, dict) and "next" in branch:
            yield ("steps", i, "branches", j, "next"), branch["next"]


@doc_rule("scripts", kinds=("script",))
def step_graph(ctx: DocContext) -> Iterator[Problem]:
    """Targets exist; every step is reachable from `start`; only closing steps end the dialogue."""
    doc = ctx.doc
    steps = _steps(doc.data)
    ids = {s["id"]: i for i, s in steps}
    start = doc.data.get("start")
    if isinstance(start, str) and start not in ids:
        yield doc.problem("script-unknown-step", ("start",), t("script-unknown-step", step=start),
                          t("script-unknown-step.hint", steps=", ".join(ids)) + similar(start, ids))
    edges: dict[str, list[str]] = {}
    for i, step in steps:
        edges[step["id"]] = []
        for path, target in _exits(step, i):
            if isinstance(target, str) and target not in ids:
                yield doc.problem("script-unknown-step", path, t("script-unknown-step", step=target),
                                  t("script-unknown-step.hint", steps=", ".join(ids)) + similar(target, ids))
            elif isinstance(target, str):
                edges[step["id"]].append(target)
        yield from _ending(ctx, i, step)
    if isinstance(start, str) and start in ids:
        reached = _reachable(start, edges)
        for i, step in steps:
            if step["id"] not in reached:
                yield doc.problem("script-unreachable", ("steps", i, "id"), t("script-unreachable", step=step["id"], start=start),
                                  t("script-unreachable.hint"))


def _ending(ctx: DocContext, i: int, step: dict[str, Any]) -> Iterator[Problem]:
    doc = ctx.doc
    goes_on = "next" in step or bool(as_list(step.get("branches")))
    if step.get("closing") is True and goes_on:
        yield doc.problem("script-closing-continues", ("steps", i, "closing"), t("script-closing-continues", step=step["id"]),
                          t("script-closing-continues.hint"))
    elif not goes_on and step.get("closing") is not True:
        yield doc.problem("script-dead-end", ("steps", i, "id"), t("script-dead-end", step=step["id"]), t("script-dead-end.hint"))


def _reachable(start: str, edges: dict[str, list[str]]) -> set[str]:
    seen, todo = {start}, [start]
    while todo:
        for nxt in edges.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


@doc_rule("scripts", kinds=("script",))
def record_speech(ctx: DocContext) -> Iterator[Problem]:
    """Record what the agent says (facts), for the avoid-list check against the whole corpus."""
    for i, step in _steps(ctx.doc.data):
        say = step.get("say")
        if step.get("speaker") == "agent" and isinstance(say, str):
            path = ("steps", i, "say")
            ctx.facts.says.append([say, *ctx.doc.where(path), field_path(path)])
    yield from ()


@doc_rule("scripts", kinds=("standard",))
def record_avoid_list(ctx: DocContext) -> Iterator[Problem]:
    """Record every avoid-list phrase of a standard (facts), with the clause that forbids it."""
    doc_id = ctx.doc.id or ""
    for clause in as_list(ctx.doc.data.get("clauses")):
        for entry in as_list(as_dict(clause).get("avoid")):
            phrase, instead = as_dict(entry).get("phrase"), as_dict(entry).get("instead")
            if isinstance(phrase, str) and phrase.strip():
                ctx.facts.avoid.append([phrase.strip(), str(instead or ""), f"{doc_id}#{as_dict(clause).get('id', '')}"])
    yield from ()


def says_no_avoided_phrase(index: Index, facts: DocFacts) -> bool:
    """The quick test: the file's agents say nothing ("s" flag unset), or no avoid-list phrase
    occurs anywhere in its report part's JSON text (where their lines are, escaped as the phrases
    are here; a phrase found elsewhere in it only costs running the rule)."""
    if "s" not in facts.flags:
        return True
    if "avoid.json" not in index.memo:
        index.memo["avoid.json"] = [json.dumps(phrase, ensure_ascii=False)[1:-1].encode("utf-8")
                                    for phrase in {entry[0] for entry in index.avoid_list()}]
    return facts.report_lacks(index.memo["avoid.json"])


@file_rule("scripts", quick=says_no_avoided_phrase)
def avoid_phrases(index: Index, facts: DocFacts) -> Iterator[Problem]:
    if not facts.says:
        return
    if "avoid" not in index.memo:
        by_phrase = {phrase: (instead, source) for phrase, instead, source in index.avoid_list()}
        longest_first = sorted(by_phrase, key=len, reverse=True)
        pattern = re.compile("|".join(re.escape(p) for p in longest_first)) if by_phrase else None
        index.memo["avoid"] = (by_phrase, pattern)
    by_phrase, pattern = index.memo["avoid"]
    if pattern is None:
        return
    for text, line, column, fld in facts.says:
        for phrase in dict.fromkeys(pattern.findall(text)):
            instead, source = by_phrase[phrase]
            yield facts.problem("script-avoid-phrase", line, column, t("script-avoid-phrase", phrase=phrase, source=source), fld,
                                t("script-avoid-phrase.hint", instead=instead))
