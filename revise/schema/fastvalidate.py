"""A yes/no validator compiled from our JSON Schemas into plain Python closures.

Most documents are valid, and asking `jsonschema` to prove it costs about a millisecond each —
more than reading the file. `compile_schema` turns the subset of draft 2020-12 our schemas use
into nested closures that answer "valid?" ~20× faster; only when the answer is no does
`revise.schema.validate` ask `jsonschema` to explain, so messages stay exactly as before.

It must never be more lenient than `jsonschema`: a keyword it does not know makes
`compile_schema` return None (then every document of that kind goes to `jsonschema`), and
tests compare both on valid and broken documents.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Callable

Check = Callable[[Any], bool]

ANNOTATIONS = {"$schema", "$id", "$defs", "title", "description", "examples", "$comment", "default",
               "x-unit", "x-formula", "deprecated", "readOnly", "writeOnly"}


class Unsupported(Exception):
    """A keyword this compiler does not implement."""


def compile_schema(schemas: dict[str, dict[str, Any]], name: str) -> Check | None:
    """A validity check for the schema file `name` of `schemas` (file name → schema), or None."""
    try:
        return _Compiler(schemas).ref(name, "")
    except Unsupported:
        return None


def _is_integer(v: Any) -> bool:
    return (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and v.is_integer())


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


# `str.__instancecheck__(v)` is `isinstance(v, str)` called without a Python frame: most values
# of a document are checked by nothing more than their type.
TYPES: dict[str, Check] = {
    "object": dict.__instancecheck__, "array": list.__instancecheck__,
    "string": str.__instancecheck__, "integer": _is_integer, "number": _is_number,
    "boolean": bool.__instancecheck__, "null": type(None).__instancecheck__,
}


def _date(v: Any) -> bool:
    if not isinstance(v, str):
        return True
    try:
        dt.date.fromisoformat(v)
    except ValueError:
        return False
    return len(v) == 10


class _Compiler:
    def __init__(self, schemas: dict[str, dict[str, Any]]) -> None:
        self.schemas = schemas
        self.done: dict[tuple[str, str], list[Check]] = {}

    def ref(self, file: str, pointer: str) -> Check:
        key = (file, pointer)
        if key not in self.done:
            cell: list[Check] = []
            self.done[key] = cell
            node: Any = self.schemas[file]
            for part in (p for p in pointer.split("/") if p):
                node = node[part.replace("~1", "/").replace("~0", "~")]
            cell.append(self.node(node, file))
        cell = self.done[key]
        return cell[0] if cell else (lambda v: cell[0](v))

    def node(self, schema: dict[str, Any], file: str) -> Check:
        checks: list[Check] = []
        skip_type = _type_enforced(schema)
        for key, arg in schema.items():
            if key in ANNOTATIONS or (key == "type" and skip_type):
                continue
            make = getattr(self, "k_" + key.replace("$", ""), None)
            if make is None:
                raise Unsupported(key)
            made = make(arg, schema, file)
            if made is not None:
                checks.append(made)
        return _all_of(checks)

    # --- keywords --------------------------------------------------------------
    def k_ref(self, ref: str, schema: dict[str, Any], file: str) -> Check:
        target, _, pointer = ref.partition("#")
        target = target.rsplit("/", 1)[-1] if target else file
        if target not in self.schemas:
            raise Unsupported(ref)
        return self.ref(target, pointer)

    def k_type(self, arg: Any, schema: dict[str, Any], file: str) -> Check:
        tests = [TYPES[a] for a in ([arg] if isinstance(arg, str) else arg)]
        return tests[0] if len(tests) == 1 else (lambda v: any(t(v) for t in tests))

    def k_properties(self, arg: dict[str, Any], schema: dict[str, Any], file: str) -> Check:
        props = {name: self.node(sub, file) for name, sub in arg.items()}
        closed = schema.get("additionalProperties") is False
        required = tuple(schema.get("required", ()))
        other_types = schema.get("type") != "object"  # "type": "object" is checked here, not by its own call

        def check(v: Any) -> bool:
            if not isinstance(v, dict):
                return other_types
            for name in required:
                if name not in v:
                    return False
            for name, value in v.items():
                test = props.get(name)
                if test is None:
                    if closed:
                        return False
                elif not test(value):
                    return False
            return True
        return check

    def k_additionalProperties(self, arg: Any, schema: dict[str, Any], file: str) -> Check | None:
        if arg is False and "properties" in schema:
            return None  # folded into k_properties
        if arg is False:
            return lambda v: not isinstance(v, dict) or not v
        if not isinstance(arg, dict) or "patternProperties" in schema:
            raise Unsupported("additionalProperties")
        test = self.node(arg, file)
        named = frozenset(schema.get("properties", ()))
        return lambda v: not isinstance(v, dict) or all(test(x) for k, x in v.items() if k not in named)

    def k_required(self, arg: list[str], schema: dict[str, Any], file: str) -> Check | None:
        if "properties" in schema:
            return None  # folded into k_properties
        names = tuple(arg)
        return lambda v: not isinstance(v, dict) or all(n in v for n in names)

    def k_items(self, arg: Any, schema: dict[str, Any], file: str) -> Check:
        if not isinstance(arg, dict):
            raise Unsupported("items")
        test = self.node(arg, file)
        other_types = schema.get("type") != "array"  # "type": "array" and "minItems" are checked here
        least = schema.get("minItems", 0)

        def check(v: Any) -> bool:
            if not isinstance(v, list):
                return other_types
            if len(v) < least:
                return False
            for x in v:
                if not test(x):
                    return False
            return True
        return check

    def k_pattern(self, arg: str, schema: dict[str, Any], file: str) -> Check:
        search = re.compile(arg).search
        if schema.get("type") == "string":
            return lambda v: isinstance(v, str) and search(v) is not None
        return lambda v: not isinstance(v, str) or search(v) is not None

    def k_format(self, arg: str, schema: dict[str, Any], file: str) -> Check | None:
        if arg == "date":
            return _date
        raise Unsupported(f"format {arg}")

    def k_const(self, arg: Any, schema: dict[str, Any], file: str) -> Check:
        if not isinstance(arg, str):
            raise Unsupported("const")
        return lambda v: isinstance(v, str) and v == arg

    def k_enum(self, arg: list[Any], schema: dict[str, Any], file: str) -> Check:
        if not all(isinstance(a, str) for a in arg):
            raise Unsupported("enum")
        allowed = frozenset(arg)
        return lambda v: isinstance(v, str) and v in allowed

    def k_oneOf(self, arg: list[dict[str, Any]], schema: dict[str, Any], file: str) -> Check:
        allowed = _string_consts(arg)
        if allowed is not None:
            return lambda v: isinstance(v, str) and v in allowed
        tests = [self.node(e, file) for e in arg]
        return lambda v: sum(1 for t in tests if t(v)) == 1

    def k_not(self, arg: dict[str, Any], schema: dict[str, Any], file: str) -> Check:
        test = self.node(arg, file)
        return lambda v: not test(v)

    def _bound(self, key: str, arg: Any, op: Callable[[Any, Any], bool]) -> Check:
        if not _is_number(arg):
            raise Unsupported(key)
        return lambda v: not _is_number(v) or op(v, arg)

    def k_minimum(self, arg: Any, schema: dict[str, Any], file: str) -> Check:
        return self._bound("minimum", arg, lambda v, a: v >= a)

    def k_exclusiveMinimum(self, arg: Any, schema: dict[str, Any], file: str) -> Check:
        return self._bound("exclusiveMinimum", arg, lambda v, a: v > a)

    def k_maximum(self, arg: Any, schema: dict[str, Any], file: str) -> Check:
        return self._bound("maximum", arg, lambda v, a: v <= a)

    def k_exclusiveMaximum(self, arg: Any, schema: dict[str, Any], file: str) -> Check:
        return self._bound("exclusiveMaximum", arg, lambda v, a: v < a)

    def k_minItems(self, arg: int, schema: dict[str, Any], file: str) -> Check | None:
        if isinstance(schema.get("items"), dict):
            return None  # folded into k_items
        return lambda v: not isinstance(v, list) or len(v) >= arg

    def k_maxItems(self, arg: int, schema: dict[str, Any], file: str) -> Check:
        return lambda v: not isinstance(v, list) or len(v) <= arg

    def k_uniqueItems(self, arg: bool, schema: dict[str, Any], file: str) -> Check | None:
        if not arg:
            return None
        return lambda v: not isinstance(v, list) or _unique(v)

    def k_minLength(self, arg: int, schema: dict[str, Any], file: str) -> Check:
        if schema.get("type") == "string":
            return lambda v: isinstance(v, str) and len(v) >= arg
        return lambda v: not isinstance(v, str) or len(v) >= arg

    def k_maxLength(self, arg: int, schema: dict[str, Any], file: str) -> Check:
        return lambda v: not isinstance(v, str) or len(v) <= arg

    def k_minProperties(self, arg: int, schema: dict[str, Any], file: str) -> Check:
        return lambda v: not isinstance(v, dict) or len(v) >= arg


def _type_enforced(schema: dict[str, Any]) -> bool:
    """Whether another keyword's check of `schema` also checks its "type" (saving a call per value):
    properties for an object, items for an array, pattern, minLength, const, enum or a oneOf of
    string consts for a string (the last three accept nothing but strings anyway)."""
    kind = schema.get("type")
    if kind == "object":
        return "properties" in schema
    if kind == "array":
        return isinstance(schema.get("items"), dict)
    if kind == "string":
        return ("pattern" in schema or "minLength" in schema or isinstance(schema.get("const"), str)
                or ("enum" in schema and all(isinstance(a, str) for a in schema["enum"]))
                or _string_consts(schema.get("oneOf")) is not None)
    return False


def _string_consts(options: Any) -> frozenset[str] | None:
    """The consts of a oneOf whose options are distinct string consts only, else None."""
    if not isinstance(options, list) or not all(
            isinstance(e, dict) and set(e) - ANNOTATIONS == {"const"} and isinstance(e["const"], str) for e in options):
        return None
    consts = [e["const"] for e in options]
    return frozenset(consts) if len(set(consts)) == len(consts) else None


def _all_of(checks: list[Check]) -> Check:
    """One check that passes when every check passes (plain calls: this runs for every value)."""
    if not checks:
        return lambda v: True
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        a, b = checks
        return lambda v: a(v) and b(v)
    if len(checks) == 3:
        a, b, c = checks
        return lambda v: a(v) and b(v) and c(v)

    def check(v: Any) -> bool:
        for c in checks:
            if not c(v):
                return False
        return True
    return check


def _unique(items: list[Any]) -> bool:
    """jsonschema's notion: 1 and 1.0 are equal, True and 1 are not."""
    seen: set[Any] = set()
    for item in items:
        if isinstance(item, (dict, list)):
            return _unique_slow(items)
        key = (type(item) is bool, item)
        if key in seen:
            return False
        seen.add(key)
    return True


def _unique_slow(items: list[Any]) -> bool:
    import json
    keys = [json.dumps(i, sort_keys=True) for i in items]
    return len(set(keys)) == len(keys)
