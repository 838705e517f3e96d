"""Schema validation of one document, reported in the user's language at the offending line."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from revise.corpus.documents import Document
from revise.messages import language, t
from revise.problems import Problem
from revise.schema.schemaset import KINDS, SchemaSet, iter_consts

if TYPE_CHECKING:
    from jsonschema import ValidationError


def validate_document(doc: Document, schemas: SchemaSet, fast: bool = True) -> Iterator[Problem]:
    """Every schema problem of `doc`, each at its own line with a Chinese (or English) message.

    jsonschema explains every problem; with `fast`, jsonschema-rs first says whether there is any
    (`SchemaSet.is_valid`: most documents are valid, and it says so many times faster)."""
    kind = doc.data.get("kind")
    if kind is None:
        yield doc.problem("schema-kind-missing", (), t("schema-kind-missing"), t("schema-kind.hint", allowed=", ".join(KINDS)))
        return
    if kind not in KINDS:
        yield doc.problem("schema-kind", ("kind",), t("schema-kind", kind=kind), t("schema-kind.hint", allowed=", ".join(KINDS)))
        return
    if fast and schemas.is_valid(kind, doc.data):
        return
    for error in schemas.validator(kind).iter_errors(doc.data):
        if tuple(error.absolute_path) in _RULE_OWNED:
            continue
        yield from _translate(doc, kind, error, schemas)


# Fields whose bad values a named rule reports in plain words (revise.check.rules.dates).
_RULE_OWNED = {("effective_from",), ("version",)}


def _translate(doc: Document, kind: str, error: ValidationError, schemas: SchemaSet) -> Iterator[Problem]:
    path = tuple(error.absolute_path)
    label = _label(schemas, kind, path) if path else doc.title
    keyword = error.validator
    value = error.instance
    if keyword == "required":
        for name in error.validator_value:
            if isinstance(value, dict) and name not in value:
                sub_label = _label(schemas, kind, path + (name,))
                yield doc.problem("schema-required", path, t("schema-required", field=name, label=sub_label),
                                  t("schema-required.hint", field=name), key=bool(path))
        return
    if keyword == "additionalProperties":
        allowed = schemas.allowed_fields(kind, path) or list(error.schema.get("properties", {}))
        for name in value if isinstance(value, dict) else ():
            if name in allowed:
                continue
            import difflib  # only for a problem: a clean check does not pay for the import
            close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
            hint = t("schema-unknown-field.hint-similar", suggestion=close[0]) if close else \
                t("schema-unknown-field.hint", allowed=", ".join(allowed))
            yield doc.problem("schema-unknown-field", path + (name,), t("schema-unknown-field", field=name), hint, key=True)
        return
    message, hint = _message(keyword, error, label, value)
    rule = _RULE_IDS.get(keyword, "schema-invalid")
    if keyword == "oneOf" and _const_choices(error.schema):
        rule = "schema-enum"
    yield doc.problem(rule, path, message, hint, key=keyword in ("not",))


_RULE_IDS = {
    "type": "schema-type", "enum": "schema-enum", "const": "schema-const", "pattern": "schema-pattern",
    "minimum": "schema-range", "exclusiveMinimum": "schema-range", "maximum": "schema-range",
    "exclusiveMaximum": "schema-range", "minItems": "schema-size", "maxItems": "schema-size",
    "uniqueItems": "schema-unique", "minLength": "schema-empty", "minProperties": "schema-empty",
    "format": "schema-format", "not": "schema-not",
}


def _message(keyword: str, error: ValidationError, label: str, value: Any) -> tuple[str, str]:
    schema = error.schema
    if keyword == "type":
        expected = t(f"type.{schema['type']}") if isinstance(schema["type"], str) else "/".join(schema["type"])
        return t("schema-type", label=label, expected=expected, found=_type_name(value)), t("schema-type.hint", expected=expected)
    if keyword in ("enum", "oneOf") and _const_choices(schema):
        allowed = "，".join(f"{code}（{title}）" if title != str(code) else str(code) for code, title in _const_choices(schema))
        return t("schema-enum", label=label, value=value), t("schema-enum.hint", allowed=allowed)
    if keyword == "const":
        return t("schema-const", label=label, expected=schema["const"]), t("schema-const.hint", expected=schema["const"])
    if keyword == "pattern":
        return t("schema-pattern", label=label, value=value), t("schema-pattern.hint", description=schema.get("description", schema["pattern"]))
    if keyword in ("minimum", "exclusiveMinimum"):
        op = t("op.>=") if keyword == "minimum" else t("op.>")
        return t("schema-minimum", label=label, value=value, op=op, limit=schema[keyword]), t("schema-range.hint", op=op, limit=schema[keyword])
    if keyword in ("maximum", "exclusiveMaximum"):
        op = t("op.<=") if keyword == "maximum" else t("op.<")
        return t("schema-maximum", label=label, value=value, op=op, limit=schema[keyword]), t("schema-range.hint", op=op, limit=schema[keyword])
    if keyword == "minItems":
        return t("schema-min-items", label=label, limit=schema["minItems"]), t("schema-size.hint")
    if keyword == "maxItems":
        return t("schema-max-items", label=label, limit=schema["maxItems"]), t("schema-size.hint")
    if keyword == "uniqueItems":
        return t("schema-unique", label=label), t("schema-unique.hint")
    if keyword in ("minLength", "minProperties"):
        return t("schema-min-length", label=label), t("schema-empty.hint")
    if keyword == "format":
        fmt = schema["format"]
        name = t(f"format.{fmt}") if fmt == "date" else fmt
        return t("schema-format", label=label, format=name, value=value), t("schema-format.hint", format=name)
    if keyword == "not":
        return t("schema-not", label=label, detail=t("not.next-branches")), t("schema-not.hint")
    detail = error.message if len(error.message) < 160 else error.message[:157] + "…"
    return t("schema-other", label=label, detail=detail), t("schema-other.hint")


def _label(schemas: SchemaSet, kind: str, path: tuple[str | int, ...]) -> str:
    """The schema's Chinese title of a field; in English, the field's own name."""
    if language() == "en":
        return next((p for p in reversed(path) if isinstance(p, str)), kind)
    return schemas.label_for(kind, path)


def _const_choices(schema: dict[str, Any]) -> list[tuple[Any, str]]:
    if "oneOf" in schema and not all("const" in e for e in schema["oneOf"]):
        return []
    return list(iter_consts(schema))


def _type_name(value: Any) -> str:
    for py, name in ((bool, "boolean"), (int, "integer"), (float, "number"), (str, "string"),
                     (list, "array"), (dict, "object"), (type(None), "null")):
        if isinstance(value, py):
            return t(f"type.{name}")
    return type(value).__name__
