"""Field-by-field comparison of two values of one document, with schema labels and readable values.

Lists are matched by what identifies their items (an `id`, a target's metric/channel/scope, a
term's code...), so a reordered or inserted item is not reported as every later item changing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any, Iterator

from revise.corpus.yamlsafe import Path, field_path
from revise.review.semdiff import prose
from revise.review.semdiff.model import ADDED, CHANGED, LOOSER, REMOVED, STRICTER, FieldChange
from revise.review.semdiff.values import SHORTER_IS_STRICTER, Vocabulary, duration_direction, target_direction

# Keys that identify an item of a list of mappings without an `id`, tried in this order.
IDENTITY_KEYS = ("code", "phrase", "name", "metric", "area", "role", "label", "when", "email")
SEP = " › "


@dataclass(slots=True)
class FieldDiffer:
    """Compares values inside one document of kind `kind`."""

    vocab: Vocabulary
    kind: str

    def diff(self, path: Path, old: Any, new: Any, label: str = "") -> list[FieldChange]:
        """Every field change between `old` and `new`, found at `path` of the document."""
        if old == new:
            return []
        if path and path[-1] == "targets" and isinstance(old if old is not None else new, list):
            return self._targets(path, old or [], new or [], label)
        if isinstance(old, dict) and isinstance(new, dict) and not _is_quantity(old) and not _is_quantity(new):
            return [c for key in _keys(old, new) for c in self.diff(path + (key,), old.get(key), new.get(key),
                                                                    self._join(label, self.vocab.label(self.kind, path + (key,))))]
        if isinstance(old, list) and isinstance(new, list):
            return self._list(path, old, new, label)
        if old is None:
            return [self._leaf(path, ADDED, None, new, label)]
        if new is None:
            return [self._leaf(path, REMOVED, old, None, label)]
        return [self._leaf(path, CHANGED, old, new, label)]

    def _join(self, label: str, part: str) -> str:
        return f"{label}{SEP}{part}" if label else part

    def _leaf(self, path: Path, change: str, old: Any, new: Any, label: str) -> FieldChange:
        fc = FieldChange(path, field_path(path), label or self.vocab.label(self.kind, path), change, old, new,
                         self.vocab.text(self.kind, path, old) if old is not None else "",
                         self.vocab.text(self.kind, path, new) if new is not None else "")
        if change == CHANGED and prose.is_prose(old, new):
            fc.segments = prose.segments(old, new)
        elif change == CHANGED and path and path[-1] in SHORTER_IS_STRICTER:
            fc.direction = duration_direction(old, new)
        return fc

    # --- lists -------------------------------------------------------------------
    def _list(self, path: Path, old: list[Any], new: list[Any], label: str) -> list[FieldChange]:
        if path and path[-1] == "targets":
            return self._targets(path, old, new, label)
        if all(not isinstance(v, (dict, list)) for v in old + new):
            return [self._scalar_list(path, old, new, label)]
        key = _identity(old, new)
        if key is None:
            return self._positional(path, old, new, label)
        before = {item[key]: item for item in old}
        after = {item[key]: (i, item) for i, item in enumerate(new)}
        changes: list[FieldChange] = []
        for ident, (i, item) in after.items():
            item_label = f"{label}「{self._ident(path + (i, key), ident, item)}」"
            changes += self.diff(path + (i,), before.get(ident), item, item_label)
        for j, item in enumerate(old):
            if item[key] not in after:
                changes.append(self._leaf(path + (j,), REMOVED, item, None, f"{label}「{self._ident(path + (j, key), item[key], item)}」"))
        return changes

    def _ident(self, path: Path, ident: Any, item: dict[str, Any]) -> str:
        shown = self.vocab.text(self.kind, path, ident)
        title = item.get("title") or item.get("name")
        return f"{title}" if isinstance(title, str) and title != ident else shown

    def _scalar_list(self, path: Path, old: list[Any], new: list[Any], label: str) -> FieldChange:
        fc = self._leaf(path, CHANGED, old, new, label)
        a = [self.vocab.text(self.kind, path + (i,), v) for i, v in enumerate(old)]
        b = [self.vocab.text(self.kind, path + (i,), v) for i, v in enumerate(new)]
        fc.segments = list(_list_segments(a, b))
        return fc

    def _positional(self, path: Path, old: list[Any], new: list[Any], label: str) -> list[FieldChange]:
        a, b = [_dump(v) for v in old], [_dump(v) for v in new]
        changes: list[FieldChange] = []
        for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
            if op == "equal":
                continue
            pairs = min(i2 - i1, j2 - j1) if op == "replace" else 0
            for k in range(pairs):
                changes += self.diff(path + (j1 + k,), old[i1 + k], new[j1 + k], f"{label}[{j1 + k + 1}]")
            changes += [self._leaf(path + (i,), REMOVED, old[i], None, f"{label}[{i + 1}]") for i in range(i1 + pairs, i2)]
            changes += [self._leaf(path + (j,), ADDED, None, new[j], f"{label}[{j + 1}]") for j in range(j1 + pairs, j2)]
        return changes

    # --- measurable targets -------------------------------------------------------
    def _targets(self, path: Path, old: list[Any], new: list[Any], label: str) -> list[FieldChange]:
        before = {_target_key(t): t for t in old if isinstance(t, dict)}
        after = {_target_key(t): (i, t) for i, t in enumerate(new) if isinstance(t, dict)}
        changes: list[FieldChange] = []
        for key, (i, target) in after.items():
            previous = before.get(key)
            if previous == target:
                continue
            changes.append(self._target(path + (i,), previous, target, label))
        for j, target in enumerate(old):
            if isinstance(target, dict) and _target_key(target) not in after:
                changes.append(self._target(path + (j,), target, None, label))
        return changes

    def _target(self, path: Path, old: dict[str, Any] | None, new: dict[str, Any] | None, label: str) -> FieldChange:
        shown = new or old or {}
        change = ADDED if old is None else REMOVED if new is None else CHANGED
        fc = FieldChange(path, field_path(path), f"{label}「{self.vocab.target_name(shown)}」", change, old, new,
                         self.vocab.requirement(old) if old else "", self.vocab.requirement(new) if new else "", target=True)
        if change == CHANGED:
            fc.direction = target_direction(old or {}, new or {})
            if fc.old_text == fc.new_text:
                fc.old_text, fc.new_text = self.vocab.text(self.kind, path, old), self.vocab.text(self.kind, path, new)
        else:
            fc.direction = STRICTER if change == ADDED else LOOSER
        return fc


def _is_quantity(value: dict[str, Any]) -> bool:
    return set(value) == {"value", "unit"}


def _keys(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    return list(new) + [k for k in old if k not in new]


def _identity(old: list[Any], new: list[Any]) -> str | None:
    items = old + new
    if not all(isinstance(v, dict) for v in items):
        return None
    for key in ("id", *IDENTITY_KEYS):
        values = [v.get(key) for v in items]
        if all(isinstance(x, (str, int)) for x in values) and _unique(old, key) and _unique(new, key):
            return key
    return None


def _unique(items: list[dict[str, Any]], key: str) -> bool:
    values = [json.dumps(v.get(key), ensure_ascii=False) for v in items]
    return len(values) == len(set(values))


def _target_key(target: dict[str, Any]) -> tuple[Any, ...]:
    return (target.get("metric"), target.get("channel"), json.dumps(target.get("scope"), sort_keys=True, ensure_ascii=False))


def _dump(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _list_segments(a: list[str], b: list[str]) -> Iterator[tuple[str, str]]:
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            yield from (("=", x) for x in a[i1:i2])
            continue
        yield from (("-", x) for x in a[i1:i2])
        yield from (("+", x) for x in b[j1:j2])
