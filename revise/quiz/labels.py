"""Words for questions, all taken from the schemas and the org chart (never from a second table)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from revise.corpus.documents import Corpus
from revise.messages import t
from revise.schema.schemaset import SchemaSet


def number(value: float | int) -> str:
    """30 → "30", 2.5 → "2.5", 30.0 → "30"."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:g}" if isinstance(value, float) else str(value)


@dataclass
class Labels:
    """Chinese labels for codes (metric, unit, channel...), roles and kinds."""

    schemas: SchemaSet
    roles: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def of(cls, corpus: Corpus, schemas: SchemaSet) -> "Labels":
        return cls(schemas, corpus.roles())

    def code(self, vocabulary: str, value: str) -> str:
        try:
            return self.schemas.title_of(vocabulary, value)
        except KeyError:
            return value

    def quantity(self, value: float | int, unit: str, vocabulary: str = "unit") -> str:
        """A value with its unit title: "30 秒", "95%", "3 个月"."""
        title = self.code(vocabulary, unit)
        return f"{number(value)}{title}" if title == "%" else f"{number(value)} {title}"

    def role(self, role_id: str) -> str:
        role = self.roles.get(role_id)
        return str(role.get("title") or role_id) if role else role_id

    def kind(self, kind: str) -> str:
        try:
            return str(self.schemas.schema(kind).get("title") or kind)
        except KeyError:
            return kind

    def field(self, kind: str, path: tuple[str | int, ...]) -> str:
        return self.schemas.label_for(kind, path)

    def target_subject(self, target: dict[str, Any], kind: str, path: tuple[str | int, ...]) -> str:
        """What a target measures, with its channel and scope: 「工单处理时长（紧急程度：紧急）」."""
        subject = self.code("metric", str(target.get("metric")))
        qualifiers = []
        if isinstance(target.get("channel"), str):
            qualifiers.append(f"{self.field(kind, path + ('channel',))}{t('quiz.colon')}{self.code('channel', target['channel'])}")
        scope = target.get("scope")
        if isinstance(scope, dict):
            for key in sorted(scope):
                qualifiers.append(f"{self.field(kind, path + ('scope', key))}{t('quiz.colon')}{self.code(key, str(scope[key]))}")
        return subject + (t("quiz.qualifiers", items=t("quiz.list-sep").join(qualifiers)) if qualifiers else "")
