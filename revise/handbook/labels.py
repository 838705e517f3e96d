"""Labels for the handbook, all read from the schemas (field titles and the titles of coded values)."""

from __future__ import annotations

from typing import Any

from revise.schema.schemaset import SchemaSet, iter_consts


class Labels:
    """Field and value labels of one schema set; the single source of every label on a page."""

    def __init__(self, schemas: SchemaSet) -> None:
        self.schemas = schemas
        self._cache: dict[tuple[str, tuple[str | int, ...]], dict[Any, str]] = {}

    def field(self, kind: str, *path: str | int) -> str:
        """The Chinese title of the field at `path` in a `kind` document ("proposal" for proposals)."""
        return self.schemas.label_for(kind, tuple(path))

    def value(self, kind: str, path: tuple[str | int, ...], code: object) -> str:
        """The title of a coded value (`oneOf` of consts) at `path`, or the code itself."""
        key = (kind, path)
        if key not in self._cache:
            node = self.schemas.subschema(kind, path) or {}
            self._cache[key] = dict(iter_consts(node))
        return self._cache[key].get(code, "" if code is None else str(code))

    def vocab(self, name: str, code: object) -> str:
        """The title of a code from the common vocabulary (metric, channel, unit, op, urgency ...)."""
        return self.schemas.title_of(name, str(code)) if code is not None else ""

    def kind(self, kind: str | None) -> str:
        return self.vocab("kind", kind)

    def duration(self, value: object) -> str:
        """`{value: 2, unit: hour}` as "2 小时"."""
        if not isinstance(value, dict):
            return ""
        number = value.get("value")
        shown = int(number) if isinstance(number, float) and number.is_integer() else number
        return f"{shown} {self.vocab('durationUnit', value.get('unit'))}".strip()

    def amount(self, value: object, unit: object) -> str:
        """A limit with its unit title: "30 秒", "90 %", "4.5 分（五分制）"."""
        shown = int(value) if isinstance(value, float) and value.is_integer() else value
        label = self.vocab("unit", unit)
        return f"{shown}{label}" if label == "%" else f"{shown} {label}"
