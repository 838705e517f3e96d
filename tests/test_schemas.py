"""The schemas themselves: valid 2020-12, without $id (refs resolve beside the file), Chinese titles, examples that validate."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from revise.schema import BUNDLED
from revise.schema.schemaset import KINDS, SchemaSet

SCHEMA_FILES = sorted(BUNDLED.glob("*.schema.json"))


def test_one_schema_per_kind_and_proposal() -> None:
    names = {f.name for f in SCHEMA_FILES}
    assert {f"{k}.schema.json" for k in KINDS} | {"proposal.schema.json", "common.schema.json"} <= names


@pytest.mark.parametrize("file", SCHEMA_FILES, ids=lambda f: f.name)
def test_schema_is_valid_2020_12_without_id_and_with_examples(file) -> None:
    schema = json.loads(file.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "$id" not in schema, "a $ref resolves against the file's own location (see tests/editor/)"
    assert schema["examples"], "every schema carries examples"
    assert any("\u4e00" <= ch <= "\u9fff" for ch in schema["title"]), "titles are Chinese"


@pytest.mark.parametrize("kind", [*KINDS, "proposal", "drills"])
def test_examples_validate_against_their_schema(kind: str) -> None:
    schemas = SchemaSet()
    schema = schemas.schema(kind)
    validator = Draft202012Validator(schema, registry=schemas.registry)
    for example in schema["examples"]:
        assert not list(validator.iter_errors(example))


@pytest.mark.parametrize("kind", KINDS)
def test_objects_are_closed(kind: str) -> None:
    """Every object in every kind's schema refuses unknown fields (additionalProperties: false)."""
    schemas = SchemaSet()

    def walk(node, base, seen):
        node, base = schemas.resolve(node, base)
        key = id(node)
        if key in seen:
            return
        seen.add(key)
        if node.get("type") == "object" and "properties" in node:
            assert node.get("additionalProperties") is False or "additionalProperties" in node, node.get("title")
        for child in node.get("properties", {}).values():
            walk(child, base, seen)
        if isinstance(node.get("items"), dict):
            walk(node["items"], base, seen)

    root = schemas.schema(kind)
    walk(root, root, set())


def test_vocabulary_defines_each_metric_once_with_meaning_and_unit() -> None:
    metrics = SchemaSet().metrics
    for name in ("first_reply_seconds", "auto_reply_seconds", "answer_seconds", "resolution_hours",
                 "escalation_explain_hours", "followup_hours_after_low_score", "timeliness_rate", "satisfaction_score"):
        entry = metrics[name]
        assert entry["title"] and entry["description"] and entry["x-unit"]
    channels = SchemaSet().choices("channel")
    assert set(channels) == {"phone", "online", "email", "social", "onsite", "sms"}
    assert SchemaSet().title_of("channel", "sms") == "短信"
    assert SchemaSet().title_of("category", "suggestion") == "建议"  # 000: 建议类, the customer's 标准改进建议
