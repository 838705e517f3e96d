"""The JSON Schemas: loading, one compiled validator per kind, and the Chinese labels they carry.

Schema titles are the single source of field labels: `label_for(kind, path)` gives the
title of the schema node that governs a field, for messages, diffs, the handbook and quizzes.

Each kind has two validators: `is_valid(kind, data)`, jsonschema-rs's yes or no (a Rust
validator, ~100 times faster than jsonschema's `is_valid`), and `validator(kind)`, jsonschema's,
which explains a no in the user's words. jsonschema is imported only when a `validator` is first
asked for, so reading valid files never pays for its import. jsonschema-rs may be stricter than
jsonschema (its `\\d` matches ASCII digits only), never more lenient: a no it says wrongly costs only the
time of asking jsonschema, which then finds nothing (`tests/schema/test_validators_agree.py`).
"""

from __future__ import annotations

import json
from functools import cached_property
from pathlib import Path as FsPath
from typing import TYPE_CHECKING, Any, Iterator

from revise.schema import BUNDLED

if TYPE_CHECKING:
    import jsonschema_rs
    from jsonschema import Draft202012Validator
    from referencing import Registry

KINDS = ("standard", "script", "emergency-plan", "procedure", "scorecard", "org-chart")
COMMON = "common.schema.json"


class SchemaSet:
    """All schemas of one folder; validators are compiled once and reused."""

    def __init__(self, folder: FsPath | None = None) -> None:
        self.folder = folder if folder is not None and (folder / COMMON).is_file() else BUNDLED
        self.by_name: dict[str, dict[str, Any]] = {}
        for file in sorted(self.folder.glob("*.schema.json")):
            self.by_name[file.name] = json.loads(file.read_text(encoding="utf-8"))
        self._validators: dict[str, Draft202012Validator] = {}
        self._checks: dict[str, jsonschema_rs.Validator] = {}

    @cached_property
    def registry(self) -> Registry:
        """Every schema under its file name, which is what the `$ref`s say (`common.schema.json#/$defs/…`).

        The shipped schemas have no `$id`: a `$ref` resolves against the schema file's own
        location, so every JSON Schema tool finds `common.schema.json` beside it without the
        network. A repository's own schema with an `$id` is found under that too."""
        from referencing import Registry, Resource
        resources = [(name, Resource.from_contents(schema)) for name, schema in self.by_name.items()]
        resources += [(schema["$id"], resource) for (_, resource), schema in zip(resources, self.by_name.values(), strict=True)
                      if isinstance(schema.get("$id"), str)]
        return Registry().with_resources(resources)

    def schema(self, name: str) -> dict[str, Any]:
        """The schema of a kind ("standard") or a file name ("proposal.schema.json")."""
        return self.by_name[name if name.endswith(".json") else f"{name}.schema.json"]

    @cached_property
    def _rs_registry(self) -> jsonschema_rs.Registry:
        """The same schemas for jsonschema-rs: under its default base URI (a schema without `$id` resolves
        `common.schema.json` to `json-schema:///common.schema.json`), and under an `$id` where one is given."""
        import jsonschema_rs
        resources = [(f"json-schema:///{name}", schema) for name, schema in self.by_name.items()]
        resources += [(schema["$id"], schema) for schema in self.by_name.values() if isinstance(schema.get("$id"), str)]
        return jsonschema_rs.Registry(resources)

    def is_valid(self, kind: str, data: Any) -> bool:
        """Whether `data` is a valid `kind` document (or "proposal"), by jsonschema-rs, formats asserted."""
        if kind not in self._checks:
            import jsonschema_rs
            self._checks[kind] = jsonschema_rs.Draft202012Validator(self.schema(kind), registry=self._rs_registry,
                                                                     validate_formats=True)
        return self._checks[kind].is_valid(data)

    def validator(self, kind: str) -> Draft202012Validator:
        from jsonschema import Draft202012Validator
        if kind not in self._validators:
            self._validators[kind] = Draft202012Validator(
                self.schema(kind), registry=self.registry, format_checker=Draft202012Validator.FORMAT_CHECKER
            )
        return self._validators[kind]

    @property
    def common(self) -> dict[str, Any]:
        return self.by_name[COMMON]

    # --- walking a schema along an instance path --------------------------------
    def resolve(self, node: dict[str, Any], base: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        """Follow `$ref`s from `node` (found in the schema `base`); keep the outermost title."""
        title = node.get("title")
        description = node.get("description")
        while "$ref" in node:
            ref = node["$ref"]
            file, _, pointer = ref.partition("#")
            if file:
                base = self.by_name[file.rsplit("/", 1)[-1]]
            node = _pointer(base, pointer)
            title = title or node.get("title")
            description = description or node.get("description")
        if title or description:
            node = {**node, **({"title": title} if title else {}), **({"description": description} if description else {})}
        return node, base

    def subschema(self, kind: str, path: tuple[str | int, ...]) -> dict[str, Any] | None:
        """The schema node (refs resolved) that governs the value at `path` in a `kind` document."""
        base = self.schema(kind)
        node, base = self.resolve(base, base)
        for part in path:
            if isinstance(part, int):
                child = node.get("items")
            else:
                child = node.get("properties", {}).get(part)
            if not isinstance(child, dict):
                return None
            node, base = self.resolve(child, base)
        return node

    def label_for(self, kind: str, path: tuple[str | int, ...]) -> str:
        """The Chinese label of the field at `path` (the schema title), or its last key as a fallback."""
        names = [p for p in path if isinstance(p, str)]
        node = self.subschema(kind, tuple(path))
        if node and node.get("title"):
            return str(node["title"])
        return names[-1] if names else kind

    def allowed_fields(self, kind: str, path: tuple[str | int, ...]) -> list[str]:
        node = self.subschema(kind, path)
        return list(node.get("properties", {})) if node else []

    # --- the vocabulary ----------------------------------------------------------
    def choices(self, name: str) -> dict[str, dict[str, Any]]:
        """`{code: entry}` of a `oneOf`-of-consts definition in common.schema.json (metric, channel, unit...)."""
        return {entry["const"]: entry for entry in self.common["$defs"][name]["oneOf"]}

    @cached_property
    def metrics(self) -> dict[str, dict[str, Any]]:
        return self.choices("metric")

    def title_of(self, name: str, code: str) -> str:
        entry = self.choices(name).get(code)
        return str(entry["title"]) if entry else code


def _pointer(doc: dict[str, Any], pointer: str) -> dict[str, Any]:
    node: Any = doc
    for part in (p for p in pointer.split("/") if p):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def iter_consts(node: dict[str, Any]) -> Iterator[tuple[Any, str]]:
    """(value, title) of every `const` in a `oneOf`, or of every `enum` value."""
    for entry in node.get("oneOf", []):
        if "const" in entry:
            yield entry["const"], str(entry.get("title", entry["const"]))
    for value in node.get("enum", []):
        yield value, str(value)


# Definitions in common.schema.json whose values point at something else in the corpus.
REFERENCE_DEFS = {"roleId": "role", "owner": "role", "docId": "document", "ref": "ref"}


def reference_paths(schemas: SchemaSet, kind: str) -> list[tuple[tuple[str, ...], str]]:
    """Where a `kind` document holds references, read off its schema: (path pattern, target).

    A pattern is a tuple of keys with `*` for "every list item"; target is "role",
    "document" or "ref" (a document or clause reference). The document's own `id` is not one.
    """
    found: list[tuple[tuple[str, ...], str]] = []
    root = schemas.schema(kind)

    def walk(node: dict[str, Any], base: dict[str, Any], path: tuple[str, ...], depth: int) -> None:
        if depth > 12:
            return
        ref = node.get("$ref", "")
        target = REFERENCE_DEFS.get(ref.rsplit("/", 1)[-1]) if ref.startswith(COMMON) or ref.startswith("#/$defs/") else None
        if target and (not path or path[-1] != "id") and not (target == "role" and path and path[-1] == "department"):
            found.append((path, target))
            return
        node, base = schemas.resolve(node, base)
        for name, child in node.get("properties", {}).items():
            walk(child, base, path + (name,), depth + 1)
        items = node.get("items")
        if isinstance(items, dict):
            walk(items, base, path + ("*",), depth + 1)

    walk(root, root, (), 0)
    return found


def values_at(data: Any, pattern: tuple[str, ...], path: tuple[str | int, ...] = ()) -> list[tuple[tuple[str | int, ...], Any]]:
    """(path, value) of every value in `data` matching a pattern from `reference_paths`, in document order."""
    found: list[tuple[tuple[str | int, ...], Any]] = [(path, data)]
    for head in pattern:
        if head == "*":
            found = [(at + (i,), item) for at, value in found if isinstance(value, list) for i, item in enumerate(value)]
        else:
            found = [(at + (head,), value[head]) for at, value in found if isinstance(value, dict) and head in value]
        if not found:
            break
    return found
