"""A form for a document, generated from its JSON Schema, and the document read back from the form.

Labels and help come from the schema's Chinese `title` and `description` (the single source of field
labels); a `oneOf` of consts or an `enum` becomes a choice; a list of objects (clauses, targets…)
becomes a group per item, each removable, with a button to add one; a list of texts is one line
each. Whatever the form does not render (deeper than `MAX_DEPTH`, or a shape it has no widget for)
is shown as a small YAML box and read back as YAML, so nothing in the document is out of reach.

Form field names are `f.` + the instance path joined by dots (`f.clauses.0.targets.1.value`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from revise.corpus.yamlsafe import YamlProblem, decode, parse
from revise.errors import UsageError
from revise.messages import t
from revise.schema.schemaset import SchemaSet, iter_consts

MAX_DEPTH = 5
Path = tuple[str | int, ...]
MISSING = object()
LONG = ("text", "say", "rationale", "description", "summary", "meaning", "note", "action", "do", "duty", "why",
        "instead", "when", "background")


@dataclass
class Field:
    """One widget of the form (a group or list holds others)."""

    path: Path
    label: str
    kind: str  # text, textarea, number, choice, bool, lines, group, list, yaml
    value: Any = None
    help: str = ""
    required: bool = False
    choices: list[tuple[Any, str]] = field(default_factory=list)
    children: list[Field] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return name_of(self.path)

    @property
    def shown(self) -> str:
        """The value as the widget shows it."""
        if self.kind == "lines":
            return "\n".join(str(v) for v in self.value or [])
        if self.kind == "yaml":
            return dump_yaml(self.value) if self.value is not None else ""
        if self.kind == "bool":
            return "" if self.value is None else ("true" if self.value else "false")
        return "" if self.value is None else str(self.value)


def name_of(path: Path) -> str:
    return "f." + ".".join(str(p) for p in path) if path else "f"


def dump_yaml(value: Any) -> str:
    import yaml
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100)


# --- building the form ------------------------------------------------------------------------
def build(schemas: SchemaSet, kind: str, data: dict[str, Any]) -> Field:
    """The form of a whole document of `kind`, filled with `data`."""
    return _field(schemas, kind, (), data, "", True, 0)


def _node(schemas: SchemaSet, kind: str, path: Path) -> dict[str, Any]:
    return schemas.subschema(kind, path) or {}


def _field(schemas: SchemaSet, kind: str, path: Path, value: Any, name: str, required: bool, depth: int) -> Field:
    node = _node(schemas, kind, path)
    label = str(node.get("title") or name or kind)
    f = Field(path, label, _widget(node, value, name, depth), value, str(node.get("description") or ""), required)
    if f.kind == "choice":
        f.choices = list(iter_consts(node))
    elif f.kind == "group":
        props = node.get("properties", {})
        needed = set(node.get("required", []))
        data = value if isinstance(value, dict) else {}
        for key in props:
            if key == "kind" and not path:
                continue
            f.children.append(_field(schemas, kind, path + (key,), data.get(key), key, key in needed, depth + 1))
    elif f.kind == "list":
        for i, item in enumerate(value if isinstance(value, list) else []):
            f.children.append(_field(schemas, kind, path + (i,), item, f"{label} {i + 1}", False, depth + 1))
    return f


def _widget(node: dict[str, Any], value: Any, name: str, depth: int) -> str:
    types = node.get("type")
    if list(iter_consts(node)) and not isinstance(value, (dict, list)):
        return "choice"
    if types == "boolean":
        return "bool"
    if types in ("integer", "number"):
        return "number"
    if types == "string":
        long = name in LONG or (isinstance(value, str) and ("\n" in value or len(value) > 40))
        return "textarea" if long else "text"
    if depth >= MAX_DEPTH:
        return "yaml"
    if types == "object" and node.get("properties") and (value is None or isinstance(value, dict)):
        return "group"
    if types == "array" and isinstance(node.get("items"), dict) and (value is None or isinstance(value, list)):
        items = node["items"]
        item_type = items.get("type")
        if item_type in ("string", "integer", "number") or list(iter_consts(items)):
            return "lines"
        if "$ref" in items or item_type == "object":
            return "list"
    return "yaml"


# --- reading the form back ----------------------------------------------------------------------
def read(schemas: SchemaSet, kind: str, original: dict[str, Any], form: dict[str, str]) -> dict[str, Any]:
    """The document as the form says it should be, starting from `original` (what the form does not
    render is kept). `UsageError` naming the field when a YAML box cannot be read."""
    value = _read(schemas, kind, (), original, form, 0)
    return value if isinstance(value, dict) else original


def _read(schemas: SchemaSet, kind: str, path: Path, original: Any, form: dict[str, str], depth: int) -> Any:
    node = _node(schemas, kind, path)
    name = str(path[-1]) if path and isinstance(path[-1], str) else ""
    widget = _widget(node, original, name, depth)
    key = name_of(path)
    if widget == "group":
        out = dict(original) if isinstance(original, dict) else {}
        for prop in node.get("properties", {}):
            if prop == "kind" and not path:
                continue
            got = _read(schemas, kind, path + (prop,), out.get(prop), form, depth + 1)
            if got is MISSING:
                out.pop(prop, None)
            else:
                out[prop] = got
        return out if out or original is not None else MISSING
    if widget == "list":
        count = form.get(f"{key}#n")
        if count is None:
            return original if original is not None else MISSING
        items = original if isinstance(original, list) else []
        out_list = []
        for i in range(int(count)):
            if form.get(f"{name_of(path + (i,))}#remove"):
                continue
            got = _read(schemas, kind, path + (i,), items[i] if i < len(items) else {}, form, depth + 1)
            if got is not MISSING:
                out_list.append(got)
        return out_list if out_list or original is not None else MISSING
    raw = form.get(key)
    if raw is None:
        return original if original is not None else MISSING
    return _scalar(widget, node, raw, key)


def _scalar(widget: str, node: dict[str, Any], raw: str, key: str) -> Any:
    text = raw.replace("\r\n", "\n")
    if widget == "yaml":
        if not text.strip():
            return MISSING
        try:
            return parse(decode(text.encode("utf-8"))).data
        except YamlProblem as exc:
            raise UsageError(t("desk.form-yaml", field=key[2:], line=exc.line, problem=exc.message)) from None
    if widget == "lines":
        items = node.get("items") or {}
        return [_typed(items, line.strip()) for line in text.splitlines() if line.strip()] or MISSING
    if not text.strip():
        return MISSING
    if widget == "bool":
        return text == "true"
    if widget == "number":
        return _typed(node, text.strip())
    if widget == "choice":
        for value, _title in iter_consts(node):
            if str(value) == text:
                return value
    return text if widget == "textarea" else text.strip()


def _typed(node: dict[str, Any], text: str) -> Any:
    """A number where the schema wants one (left as text when it is not: the check then says so)."""
    if node.get("type") in ("integer", "number"):
        try:
            number = float(text)
        except ValueError:
            return text
        return int(number) if node.get("type") == "integer" or number.is_integer() else number
    return text


# --- adding a list item, and problems at their fields ---------------------------------------------
def add_item(schemas: SchemaSet, kind: str, data: dict[str, Any], path: Path) -> dict[str, Any]:
    """`data` with a new, empty item appended to the list at `path` (its required fields blank)."""
    node = _node(schemas, kind, path + (0,))
    item: dict[str, Any] = {key: "" for key in node.get("required", [])}
    target: Any = data
    for part in path[:-1]:
        target = target[part]
    target.setdefault(path[-1], []) if isinstance(target, dict) else None
    target[path[-1]].append(item)
    return data


def parse_path(name: str) -> Path:
    """`f.clauses.0.text` → ('clauses', 0, 'text')."""
    parts = name.removeprefix("f").lstrip(".").split(".") if name != "f" else []
    return tuple(int(p) if p.isdigit() else p for p in parts if p)


def attach(form: Field, problems: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Put each problem on the deepest field its path names; returns the problems no field took."""
    by_path: dict[Path, Field] = {}

    def walk(f: Field) -> None:
        by_path[f.path] = f
        for child in f.children:
            walk(child)
    walk(form)
    left = []
    for p in problems:
        path = _problem_path(p.get("field") or "")
        while path and path not in by_path:
            path = path[:-1]
        target = by_path.get(path)
        if target is None or not path:
            left.append(p)
            continue
        target.problems.append(f"{t('desk.line', line=p['line'])}：{p['message']}")
    return left


def _problem_path(field_path: str) -> Path:
    """`clauses[2].targets[0].unit` → ('clauses', 2, 'targets', 0, 'unit')."""
    out: list[str | int] = []
    for part in field_path.replace("]", "").replace("[", ".").split("."):
        if part:
            out.append(int(part) if part.isdigit() else part)
    return tuple(out)
