"""The compiled yes/no validator agrees with jsonschema, so it can skip jsonschema for valid documents."""

from __future__ import annotations

import copy
import random
from pathlib import Path

import pytest

from revise.corpus.documents import load
from revise.schema.fastvalidate import compile_schema
from revise.schema.schemaset import KINDS, SchemaSet
from tests.conftest import REPO

SCHEMAS = SchemaSet()
EXAMPLES = Path(__file__).parent / "examples"


def _documents() -> list[dict]:
    docs = [d.data for d in load(REPO).documents]
    for file in sorted(EXAMPLES.rglob("*.yaml")):
        if file.name != "expected.yaml":
            from revise.corpus.documents import read_document
            doc = read_document(file.parent, file)
            if hasattr(doc, "data"):
                docs.append(doc.data)
    return docs


def _mutations(data: object, rng: random.Random, n: int) -> list[object]:
    """Small random damage: drop a key, change a value's type, add a key, empty a list."""
    out = []
    for _ in range(n):
        doc = copy.deepcopy(data)
        node, parent, key = doc, None, None
        for _ in range(rng.randint(1, 5)):
            if isinstance(node, dict) and node:
                parent, key = node, rng.choice(list(node))
            elif isinstance(node, list) and node:
                parent, key = node, rng.randrange(len(node))
            else:
                break
            node = parent[key]
        if parent is None:
            continue
        action = rng.choice(["drop", "int", "str", "list", "extra", "neg", "float"])
        if action == "drop" and isinstance(parent, dict):
            del parent[key]
        elif action == "int":
            parent[key] = 7
        elif action == "str":
            parent[key] = "x y"
        elif action == "list":
            parent[key] = []
        elif action == "extra" and isinstance(node, dict):
            node["unexpected"] = 1
        elif action == "neg":
            parent[key] = -1
        elif action == "float":
            parent[key] = 1.0
        out.append(doc)
    return out


@pytest.mark.parametrize("kind", KINDS)
def test_compiles_every_kind(kind: str) -> None:
    assert compile_schema(SCHEMAS.by_name, f"{kind}.schema.json") is not None


def test_agrees_with_jsonschema_on_real_and_damaged_documents() -> None:
    rng = random.Random(4)
    checked = disagreements = 0
    for data in _documents():
        kind = data.get("kind")
        if kind not in KINDS:
            continue
        fast = compile_schema(SCHEMAS.by_name, f"{kind}.schema.json")
        slow = SCHEMAS.validator(kind)
        for doc in [data, *_mutations(data, rng, 30)]:
            checked += 1
            if fast(doc) != slow.is_valid(doc):
                disagreements += 1
    assert checked > 1000
    assert disagreements == 0


def test_unknown_keyword_falls_back() -> None:
    schemas = {"x.schema.json": {"type": "object", "patternProperties": {"^a": {"type": "string"}}}}
    assert compile_schema(schemas, "x.schema.json") is None


def test_agrees_with_jsonschema_on_proposals() -> None:
    """Proposal files too (the queue validates them with the compiled check, jsonschema only to explain)."""
    from revise.corpus.yamlsafe import decode, parse
    fast = compile_schema(SCHEMAS.by_name, "proposal.schema.json")
    slow = SCHEMAS.validator("proposal")
    proposals = [parse(decode(f.read_bytes())).data for f in sorted((REPO / "proposals").glob("*.yaml"))]
    proposals += SCHEMAS.schema("proposal")["examples"]
    published = copy.deepcopy(proposals[0])
    published["publication"] = {"effective": "2026-12-01", "transition_days": 0, "by": "x@example.com",
                                "at": "2026-11-25T10:00:00+08:00", "versions": {}, "tag": "published/RP-2026-0001"}
    proposals.append(published)
    # additionalProperties given as a schema: publication.versions maps document ids to integers
    for versions, valid in (({"STD-RESPONSE": 3}, True), ({"STD-RESPONSE": "3"}, False), ({}, True)):
        doc = copy.deepcopy(published)
        doc["publication"]["versions"] = versions
        assert fast(doc) == slow.is_valid(doc) == valid
    rng = random.Random(5)
    checked = 0
    for data in proposals:
        for doc in [data, *_mutations(data, rng, 60)]:
            checked += 1
            assert fast(doc) == slow.is_valid(doc), doc
    assert checked > 100
