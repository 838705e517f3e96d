"""Independent re-derivation of quiz answers from the YAML files (not from the generator).

Reads policies/ with plain `yaml.safe_load` and the vocabulary titles straight from
schemas/common.schema.json, then decides for each question what the right answer is.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from revise.schema import BUNDLED

WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u201c\u201d\u2018\u2019"


def fold(text: Any) -> str:
    """Whitespace folded, and dropped between two Chinese characters (as a reader sees the text)."""
    return re.sub(f"(?<=[{WIDE}])\\s+(?=[{WIDE}])", "", " ".join(str(text).split()))


class Corpus:
    def __init__(self, root: Path) -> None:
        self.docs: dict[str, dict[str, Any]] = {}
        for file in sorted((root / "policies").rglob("*.yaml")):
            data = yaml.safe_load(file.read_text(encoding="utf-8"))
            self.docs[data["id"]] = data
        common = json.loads((BUNDLED / "common.schema.json").read_text(encoding="utf-8"))["$defs"]
        self.titles = {name: {e["const"]: e["title"] for e in d.get("oneOf", []) if "const" in e} for name, d in common.items()}
        org = next(d for d in self.docs.values() if d["kind"] == "org-chart")
        self.roles = {r["id"]: r for r in org["roles"]}
        self.role_by_title = {r["title"]: r for r in org["roles"]}
        self.forbidden = {fold(e["phrase"]) for d in self.docs.values() for c in d.get("clauses", [])
                          for e in c.get("avoid", [])}
        self.instead = {fold(e["instead"]) for d in self.docs.values() for c in d.get("clauses", [])
                        for e in c.get("avoid", [])}

    def at(self, doc_id: str, path: list[Any]) -> Any:
        node: Any = self.docs[doc_id]
        for part in path:
            node = node[part]
        return node

    def path_in_source(self, source: dict[str, Any], path: list[Any]) -> bool:
        """The path leads through the clause(s) the source names, or starts at its part."""
        if source.get("part"):
            return path[0] == source["part"]
        wanted = set(source.get("clauses") or [source["clause"]])
        node: Any = self.docs[source["document"]]
        for part in path:
            node = node[part]
            if isinstance(node, dict) and node.get("id") in wanted:
                return True
        return False

    def quantity(self, value: float, unit: str, vocabulary: str) -> str:
        title = self.titles[vocabulary][unit]
        number = f"{value:g}"
        return f"{number}{title}" if title == "%" else f"{number} {title}"


def check(corpus: Corpus, q: dict[str, Any]) -> None:
    """Assert that the question's answer is true of its clause; raises AssertionError otherwise."""
    CHECKS[q["type"]](corpus, q)


def _number(c: Corpus, q: dict[str, Any]) -> None:
    doc, path = q["source"]["document"], q["basis"]["path"]
    assert c.path_in_source(q["source"], path)
    holder = c.at(doc, path[:-1])
    vocabulary = "unit" if "targets" in path else "durationUnit"
    expected = c.quantity(holder["value"], holder["unit"], vocabulary)
    assert q["answer"] == expected, (q["answer"], expected)
    assert q["options"].count(expected) == 1
    title = c.titles[vocabulary][holder["unit"]]
    assert all(o.endswith(title) for o in q["options"]), q["options"]
    if "targets" in path:
        assert c.titles["metric"][holder["metric"]] in q["prompt"]
        if "channel" in holder:
            assert c.titles["channel"][holder["channel"]] in q["prompt"]
        for key, value in (holder.get("scope") or {}).items():
            assert c.titles[key][value] in q["prompt"]


def _truefalse(c: Corpus, q: dict[str, Any]) -> None:
    basis, doc = q["basis"], q["source"]["document"]
    assert c.path_in_source(q["source"], basis["path"]) or basis["path"] == ["applies_to"]
    node, value, op = c.at(doc, basis["path"]), basis["value"], basis["op"]
    if op == "eq":
        truth = node == value
    elif op == "in":
        truth = value in node
    else:
        field = op.split(":", 1)[1]
        truth = value in [e[field] for e in node]
    assert q["answer"] is truth, (q["prompt"], basis)
    prompt = fold(q["prompt"])
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        assert f"{value:g}" in prompt
    elif value in c.roles:
        assert c.roles[value]["title"] in prompt
    else:
        assert fold(value) in prompt
    if "terms" in basis["path"]:
        assert c.at(doc, basis["path"][:-1])["name"] in prompt


def _wording(c: Corpus, q: dict[str, Any]) -> None:
    entry = c.at(q["source"]["document"], q["basis"]["path"])
    assert c.path_in_source(q["source"], q["basis"]["path"])
    others = [o for o in q["options"] if o != q["answer"]]
    assert len(others) == len(q["options"]) - 1
    if q["basis"]["form"] == "replace":
        assert q["answer"] == fold(entry["instead"]) and fold(entry["phrase"]) in q["prompt"]
        assert all(o in c.forbidden for o in others), others
    else:
        assert q["answer"] == fold(entry["phrase"]) and q["answer"] in c.forbidden
        assert all(o in c.instead and not any(p in o for p in c.forbidden) for o in others), others


def _classification(c: Corpus, q: dict[str, Any]) -> None:
    terms = c.at(q["source"]["document"], q["basis"]["path"])
    example = q["basis"]["example"]
    holders = [t for t in terms if example in t.get("examples", [])]
    assert len(holders) == 1
    assert q["answer"] == holders[0]["name"]
    assert sorted(q["options"]) == sorted(t["name"] for t in terms)
    assert fold(example) in q["prompt"]


def _reachable(steps: dict[str, dict[str, Any]], start: str, goal: str) -> bool:
    todo, seen = [start], set()
    while todo:
        current = todo.pop()
        if current in seen or current not in steps:
            continue
        seen.add(current)
        step = steps[current]
        nexts = [step["next"]] if "next" in step else [b["next"] for b in step.get("branches", [])]
        if goal in nexts:
            return True
        todo += nexts
    return False


def _ordering(c: Corpus, q: dict[str, Any]) -> None:
    doc_id, part = q["source"]["document"], q["source"]["part"]
    doc = c.docs[doc_id]
    items = doc[part]
    assert sorted(q["options"]) == sorted(q["answer"]) and len(set(q["answer"])) == len(q["answer"])

    def index(label: str) -> int:
        found = [i for i, item in enumerate(items) if label in {fold(item.get(k, "")) for k in ("title", "goal", "say")}]
        assert len(found) == 1, label
        return found[0]

    positions = [index(a) for a in q["answer"]]
    if doc["kind"] == "script":
        by_id = {s["id"]: s for s in items}
        ids = [items[i]["id"] for i in positions]
        assert ids[0] == doc["start"] or _reachable(by_id, doc["start"], ids[0])
        assert all(_reachable(by_id, a, b) for a, b in zip(ids, ids[1:]))
    else:
        assert positions == sorted(positions)


def _matching(c: Corpus, q: dict[str, Any]) -> None:
    source, doc = q["source"], c.docs[q["source"]["document"]]
    assert sorted(q["options"]["right"]) == sorted(q["answer"].values())
    assert list(q["answer"]) == q["options"]["left"]
    for left, right in q["answer"].items():
        role = c.role_by_title[left]
        if source.get("part") == "command":
            duties = [fold(e["duty"]) for e in doc["command"] if e["role"] == role["id"]]
            assert duties == [right]
        else:
            assert role["id"] in source["clauses"]
            assert right in [fold(r) for r in role["responsibilities"]]
            assert all(right not in [fold(x) for x in c.role_by_title[o]["responsibilities"]] for o in q["answer"] if o != left)


CHECKS = {"number": _number, "truefalse": _truefalse, "wording": _wording, "classification": _classification,
          "ordering": _ordering, "matching": _matching}
