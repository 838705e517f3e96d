"""Values as people read them: schema titles for codes, units for numbers, role titles for role ids.

Every label comes from the schemas (`SchemaSet.label_for`, `title_of` and the `oneOf` titles
of a field); role titles come from the org chart of the revision being shown.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from revise.corpus.yamlsafe import Path
from revise.messages import t
from revise.review.semdiff.model import LOOSER, STRICTER
from revise.schema.schemaset import KINDS, SchemaSet, reference_paths

# Seconds in a unit; units absent here (percent, points) compare only with themselves.
SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400, "working-day": 86400, "week": 604800, "month": 2592000}
UPPER, LOWER = ("<=", "<"), (">=", ">")
# Duration fields where a shorter time asks more of people (a tighter time limit, more frequent drills).
SHORTER_IS_STRICTER = ("time_limit", "every")


@dataclass
class Vocabulary:
    """Labels and value formatting for one repository's schemas and org chart."""

    schemas: SchemaSet
    role_titles: dict[str, str] = field(default_factory=dict)
    _role_paths: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    _labels: dict[tuple[str, Path], str] = field(default_factory=dict)
    _choices: dict[tuple[str, Path], dict[Any, str]] = field(default_factory=dict)

    def role_paths(self, kind: str) -> list[tuple[str, ...]]:
        if kind not in self._role_paths:
            found = reference_paths(self.schemas, kind) if kind in KINDS else []
            self._role_paths[kind] = [p for p, target in found if target == "role"]
        return self._role_paths[kind]

    def kind_title(self, kind: str | None) -> str:
        return self.schemas.title_of("kind", kind or "") if kind else "?"

    def known(self, kind: str) -> bool:
        return f"{kind}.schema.json" in self.schemas.by_name

    def label(self, kind: str, path: Path) -> str:
        """The schema title of the field at `path` (list indexes allowed)."""
        key = (kind, _shape(path))
        if key not in self._labels:
            self._labels[key] = self._label(kind, key[1])
        return self._labels[key]

    def _label(self, kind: str, path: Path) -> str:
        if not self.known(kind):
            return str(path[-1]) if path else "?"
        node = self.schemas.subschema(kind, tuple(path))
        if (node is None or not node.get("title")) and path and isinstance(path[-1], int):
            return self.label(kind, tuple(path[:-1]))
        return self.schemas.label_for(kind, tuple(path))

    def is_role(self, kind: str, path: Path) -> bool:
        keys = tuple("*" if isinstance(p, int) else p for p in path)
        return any(_matches(keys, pattern) for pattern in self.role_paths(kind))

    def role(self, role_id: str) -> str:
        title = self.role_titles.get(role_id)
        return f"{title}（{role_id}）" if title else role_id

    def choice_title(self, kind: str, path: Path, value: Any) -> str | None:
        """The schema title of a coded value (a channel, a stage...), None for free values."""
        key = (kind, _shape(path))
        if key not in self._choices:
            node = self.schemas.subschema(kind, key[1]) if self.known(kind) else None
            self._choices[key] = {e["const"]: str(e["title"]) for e in (node or {}).get("oneOf", [])
                                  if "const" in e and e.get("title") and isinstance(e["const"], (str, int))}
        return self._choices[key].get(value) if isinstance(value, (str, int)) else None

    def text(self, kind: str, path: Path, value: Any) -> str:
        """`value` at `path` of a `kind` document, written for people."""
        if value is None:
            return t("diff.none")
        if isinstance(value, bool):
            return t("diff.yes") if value else t("diff.no")
        if isinstance(value, dict):
            return self._mapping(kind, path, value)
        if isinstance(value, list):
            return "、".join(self.text(kind, tuple(path) + (i,), v) for i, v in enumerate(value)) or t("diff.none")
        if isinstance(value, str) and self.is_role(kind, path):
            return self.role(value)
        title = self.choice_title(kind, path, value)
        return title if title is not None else _plain(value)

    def _mapping(self, kind: str, path: Path, value: dict[str, Any]) -> str:
        if {"metric", "op", "value", "unit"} <= set(value):
            return self.target(value)
        if set(value) == {"value", "unit"}:
            return self.quantity(value["value"], value["unit"], "durationUnit")
        parts = [f"{self.label(kind, tuple(path) + (k,))}：{self.text(kind, tuple(path) + (k,), v)}" for k, v in value.items()]
        return "；".join(parts)

    def quantity(self, number: Any, unit: Any, vocabulary: str = "unit") -> str:
        title = self.schemas.title_of(vocabulary, str(unit))
        return f"{_plain(number)}{title}" if title in ("%",) else f"{_plain(number)} {title}"

    def target_name(self, target: dict[str, Any]) -> str:
        """"人工首次响应时长（在线文字·紧急）": the metric with its channel and scope."""
        name = self.schemas.title_of("metric", str(target.get("metric")))
        scope = [self.schemas.title_of("channel", str(target["channel"]))] if target.get("channel") else []
        for key, value in sorted((target.get("scope") or {}).items()):
            scope.append(self.schemas.title_of(key, str(value)))
        return f"{name}（{'·'.join(scope)}）" if scope else name

    def target(self, target: dict[str, Any]) -> str:
        """"人工首次响应时长（在线文字）不超过 30 秒"."""
        return f"{self.target_name(target)}{self.requirement(target)}"

    def requirement(self, target: dict[str, Any]) -> str:
        """"不超过 30 秒": the comparison, the limit and its unit."""
        op = self.schemas.title_of("op", str(target.get("op")))
        return f"{op} {self.quantity(target.get('value'), target.get('unit'))}"


def _shape(path: Path) -> Path:
    """The path with every list index as 0: all items of a list share one schema."""
    return tuple(0 if isinstance(p, int) else p for p in path)


def _plain(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float, str)):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def _matches(keys: tuple[str | int, ...], pattern: tuple[str, ...]) -> bool:
    return len(keys) == len(pattern) and all(p == "*" or p == k for k, p in zip(keys, pattern))


def target_direction(old: dict[str, Any], new: dict[str, Any]) -> str | None:
    """STRICTER or LOOSER when the same kind of bound moved, None when they cannot be compared."""
    old_op, new_op = old.get("op"), new.get("op")
    same_side = (old_op in UPPER and new_op in UPPER) or (old_op in LOWER and new_op in LOWER)
    a, b = _in_base_unit(old), _in_base_unit(new)
    if not same_side or a is None or b is None or a[1] != b[1]:
        return None
    if a == b:
        if old_op == new_op:
            return None
        return STRICTER if new_op in ("<", ">") else LOOSER
    tighter = b[0] < a[0] if old_op in UPPER else b[0] > a[0]
    return STRICTER if tighter else LOOSER


def duration_direction(old: Any, new: Any) -> str | None:
    """STRICTER when a time limit got shorter, LOOSER when longer."""
    a, b = _in_base_unit(old), _in_base_unit(new)
    if a is None or b is None or a[1] != b[1] or a == b:
        return None
    return STRICTER if b[0] < a[0] else LOOSER


def _in_base_unit(value: Any) -> tuple[float, str] | None:
    """(amount, family): durations in seconds ("time"); other units only comparable with themselves."""
    if not isinstance(value, dict):
        return None
    number, unit = value.get("value"), value.get("unit")
    if isinstance(number, bool) or not isinstance(number, (int, float)):
        return None
    if unit in SECONDS:
        return float(number) * SECONDS[unit], "time"
    return (float(number), str(unit)) if isinstance(unit, str) else None
