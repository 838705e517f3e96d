"""Drafting forms: generated from the JSON Schema's Chinese titles, read back to the same document,
clauses added and removed, problems put at their fields; a form save rewrites only what changed."""

from __future__ import annotations

import copy
import difflib

import pytest

from revise.corpus.yamlsafe import decode, parse
from revise.desk import schemaform, yamledit
from revise.schema.schemaset import SchemaSet
from tests.conftest import REPO

DOCS = sorted((REPO / "policies").glob("*/*.yaml"))


def data_of(path) -> dict:
    return parse(decode(path.read_bytes())).data


def posted(form: schemaform.Field) -> dict[str, str]:
    """What a browser would post for the form as rendered."""
    out: dict[str, str] = {}

    def walk(f: schemaform.Field) -> None:
        if f.kind == "group":
            for c in f.children:
                walk(c)
        elif f.kind == "list":
            out[f"{f.name}#n"] = str(len(f.children))
            for c in f.children:
                walk(c)
        else:
            out[f.name] = f.shown
    walk(form)
    return out


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.stem)
def test_every_document_reads_back_from_its_form_unchanged(path) -> None:
    schemas = SchemaSet(None)
    data = data_of(path)
    form = schemaform.build(schemas, data["kind"], data)
    assert schemaform.read(schemas, data["kind"], data, posted(form)) == data


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.stem)
def test_a_form_save_of_an_unchanged_document_is_byte_identical(path) -> None:
    text = path.read_text(encoding="utf-8")
    assert yamledit.rewrite(text, copy.deepcopy(data_of(path))) == text


def test_labels_and_choices_come_from_the_schema() -> None:
    schemas = SchemaSet(None)
    data = data_of(REPO / "policies/standards/STD-RESPONSE.yaml")
    form = schemaform.build(schemas, "standard", data)
    clauses = next(f for f in form.children if f.path == ("clauses",))
    assert clauses.kind == "list" and clauses.label == "条款"
    first = clauses.children[1]
    title = next(f for f in first.children if f.path[-1] == "title")
    assert title.label == "条款名称"
    targets = next(f for f in first.children if f.path[-1] == "targets")
    by_key = {f.path[-1]: f for f in targets.children[0].children}
    assert (by_key["op"].kind, by_key["op"].label) == ("choice", "比较") and ("<=", "不超过") in by_key["op"].choices
    assert ("first_reply_seconds", "人工首次响应时长") in by_key["metric"].choices
    assert (by_key["value"].kind, by_key["value"].label) == ("number", "限值")


def test_change_add_and_remove_clauses() -> None:
    schemas = SchemaSet(None)
    path = REPO / "policies/standards/STD-RESPONSE.yaml"
    data = data_of(path)
    form = posted(schemaform.build(schemas, "standard", data))
    form["f.clauses.1.targets.0.value"] = "20"
    form["f.clauses.0#remove"] = "1"
    new = schemaform.read(schemas, "standard", data, form)
    assert len(new["clauses"]) == len(data["clauses"]) - 1
    assert new["clauses"][0]["targets"][0]["value"] == 20
    added = schemaform.add_item(schemas, "standard", new, ("clauses",))
    assert added["clauses"][-1] == {"id": "", "title": "", "text": ""}
    text = yamledit.rewrite(path.read_text(encoding="utf-8"), new)
    diff = [line for line in difflib.unified_diff(path.read_text(encoding="utf-8").splitlines(), text.splitlines(), lineterm="")
            if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))]
    assert "-        value: 30" in diff and "+        value: 20" in diff
    assert all("text-auto-greeting" not in line or line.startswith("-") for line in diff)


def test_problems_land_at_their_fields() -> None:
    schemas = SchemaSet(None)
    data = data_of(REPO / "policies/standards/STD-RESPONSE.yaml")
    form = schemaform.build(schemas, "standard", data)
    left = schemaform.attach(form, [
        {"field": "clauses[1].targets[0].value", "line": 48, "message": "应为数字"},
        {"field": "nowhere", "line": 1, "message": "别处"},
    ])
    value = next(f for f in next(f for f in form.children if f.path == ("clauses",)).children[1].children
                 if f.path[-1] == "targets").children[0]
    field = next(f for f in value.children if f.path[-1] == "value")
    assert field.problems == ["第 48 行：应为数字"]
    assert [p["message"] for p in left] == ["别处"]
