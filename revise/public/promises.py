"""Public promises: the `public` blocks of the standards' clauses, and the target each figure rests on.

A promise lives in the clause it rests on, so it is in force exactly when that clause is: the
public site shows the version of each document in force on its date, public block and targets
together. Its figure (`promise`) is compared with the one measurable target of the same clause
that has the promise's channel and scope — the only target when the clause has one — in the
target's unit: `<=` and `<` targets are upper limits (a smaller promise is stricter), `>=` and `>`
lower limits (a larger promise is stricter).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from revise.check.rules.durations import measure
from revise.schema.schemaset import SchemaSet

TOPICS = ("response", "tickets", "refunds", "complaints", "privacy")
UPPER, LOWER = ("<=", "<"), (">=", ">")
STRICTER, SAME, LOOSER = "stricter", "same", "looser"


@dataclass(frozen=True)
class Promise:
    """One public promise: where it is, what customers read, its figure and the target it rests on."""

    document: str
    clause: str
    index: int                       # the clause's position in the document's `clauses`
    topic: str
    title: str
    text: str
    value: float | None = None
    low: float | None = None         # `from`: the small end of a range ("3–5 working days")
    unit: str | None = None
    channel: str | None = None
    scope: dict[str, str] = field(default_factory=dict)
    target: dict[str, Any] | None = None  # the internal target it rests on, when one is found
    clause_title: str = ""
    effective_from: str = ""          # the document's

    @property
    def ref(self) -> str:
        return f"{self.document}#{self.clause}"

    @property
    def op(self) -> str:
        """The comparison customers are promised: the target's, else "at most"."""
        return str((self.target or {}).get("op") or "<=")

    @property
    def has_figure(self) -> bool:
        return self.value is not None and self.unit is not None

    def wording(self) -> tuple[Any, ...]:
        """What customers read of it: a change here is a change of the promise."""
        return (self.topic, self.title, self.text, self.value, self.low, self.unit, self.channel, tuple(sorted(self.scope.items())))

    def as_dict(self) -> dict[str, Any]:
        return {"ref": self.ref, "topic": self.topic, "title": self.title, "text": self.text, "value": self.value,
                "from": self.low, "unit": self.unit, "op": self.op if self.has_figure else None,
                "channel": self.channel, "effective_from": self.effective_from}


def of_document(data: dict[str, Any]) -> list[Promise]:
    """The promises of one document's data (a standard; other kinds have none)."""
    if not isinstance(data, dict) or data.get("kind") != "standard" or not isinstance(data.get("id"), str):
        return []
    found = []
    for i, clause in enumerate(data.get("clauses") or []):
        public = clause.get("public") if isinstance(clause, dict) else None
        if isinstance(public, dict) and isinstance(clause.get("id"), str):
            found.append(_promise(data, i, clause, public))
    return found


def of_documents(docs: Iterable[dict[str, Any]]) -> list[Promise]:
    """Every promise of `docs` (documents' data), in document then clause order."""
    return [p for data in docs for p in of_document(data)]


def _promise(data: dict[str, Any], index: int, clause: dict[str, Any], public: dict[str, Any]) -> Promise:
    promise = public.get("promise") if isinstance(public.get("promise"), dict) else {}
    rests = resting_targets(clause, promise) if promise else []
    scope = promise.get("scope") if isinstance(promise.get("scope"), dict) else {}
    return Promise(str(data["id"]), str(clause["id"]), index, str(public.get("topic") or ""), str(public.get("title") or ""),
                   str(public.get("text") or "").strip(), _number(promise.get("value")), _number(promise.get("from")),
                   promise.get("unit") if isinstance(promise.get("unit"), str) else None,
                   promise.get("channel") if isinstance(promise.get("channel"), str) else None,
                   {str(k): str(v) for k, v in scope.items()}, rests[0][1] if len(rests) == 1 else None,
                   str(clause.get("title") or clause["id"]), str(data.get("effective_from") or ""))


def resting_targets(clause: dict[str, Any], promise: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    """(position, target) of the clause's targets a promise can rest on: its channel and scope, if
    it names them, and a unit comparable with its own. Exactly one is needed."""
    found = []
    for j, target in enumerate(clause.get("targets") or []):
        if not isinstance(target, dict) or target.get("op") not in UPPER + LOWER:
            continue
        if "channel" in promise and target.get("channel") != promise.get("channel"):
            continue
        if "scope" in promise and (target.get("scope") or {}) != promise.get("scope"):
            continue
        if in_unit(1.0, promise.get("unit"), target.get("unit")) is None:
            continue
        found.append((j, target))
    return found


def in_unit(value: Any, unit: Any, wanted: Any) -> float | None:
    """`value` in `unit` expressed in `wanted`; None when they cannot be compared (hours and
    working days, percent and seconds)."""
    number = _number(value)
    if number is None:
        return None
    if unit == wanted:
        return number
    a, b = measure(number, unit), measure(1, wanted)
    return a[1] / b[1] if a and b and a[0] == b[0] else None


def against(value: Any, unit: Any, target: dict[str, Any]) -> str | None:
    """STRICTER, SAME or LOOSER: a promised `value unit` compared with the internal `target`."""
    mine, limit = in_unit(value, unit, target.get("unit")), _number(target.get("value"))
    if mine is None or limit is None:
        return None
    if abs(mine - limit) < 1e-9:
        return SAME
    tighter = mine < limit if target.get("op") in UPPER else mine > limit
    return STRICTER if tighter else LOOSER


def figure_text(schemas: SchemaSet, value: Any, unit: Any, low: Any = None) -> str:
    """"30 秒", "3–5 个工作日", "95%": a figure as people read it, the unit's title from the schemas."""
    shown = _plain(value) if low is None else f"{_plain(low)}–{_plain(value)}"
    title = schemas.title_of("unit", str(unit))
    return f"{shown}{title}" if title == "%" else f"{shown} {title}"


def topic_title(schemas: SchemaSet, topic: str) -> str:
    """The title of a promise's topic ("响应速度"), from the standard schema."""
    node = schemas.subschema("standard", ("clauses", 0, "public", "topic")) or {}
    return next((str(e["title"]) for e in node.get("oneOf", []) if e.get("const") == topic), topic)


def promise_figure(schemas: SchemaSet, promise: Promise) -> str:
    """The promised figure as people read it ("3–5 个工作日"), or "" for a promise in words only."""
    return figure_text(schemas, promise.value, promise.unit, promise.low) if promise.has_figure else ""


def target_text(schemas: SchemaSet, target: dict[str, Any]) -> str:
    """"人工首次响应时长（在线文字）不超过 30 秒": an internal target as people read it."""
    name = schemas.title_of("metric", str(target.get("metric")))
    where = [schemas.title_of("channel", str(target["channel"]))] if target.get("channel") else []
    scope = target.get("scope") if isinstance(target.get("scope"), dict) else {}
    where += [schemas.title_of(str(key), str(value)) for key, value in sorted(scope.items())]
    if where:
        name += f"（{'·'.join(where)}）"
    return f"{name}{schemas.title_of('op', str(target.get('op')))} {figure_text(schemas, target.get('value'), target.get('unit'))}"


def _plain(value: Any) -> str:
    number = _number(value)
    return "?" if number is None else f"{number:g}"


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None
