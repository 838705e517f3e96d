"""The public side of a diff, for the legal review: each promise's wording before and after.

Shown by `revise diff` (text, Markdown, JSON) and the review report: every promise added,
withdrawn or changed, with its figure before → after, its wording with the words that changed
marked, and whether it is better or worse for customers; then the public clauses whose internal
part changed while the promise did not.
"""

from __future__ import annotations

from typing import Any

from revise.messages import t
from revise.public.changes import PublicChange, PublicDiff
from revise.public.promises import Promise, promise_figure, topic_title
from revise.review.semdiff import prose
from revise.review.semdiff.render import MARKDOWN, PLAIN, Style
from revise.schema.schemaset import SchemaSet

KIND = "standard"


def as_data(public: PublicDiff, schemas: SchemaSet) -> dict[str, Any]:
    """`{changes: [{ref, topic, change, effect, before, after}], internal: [promise]}` for JSON."""
    def shown(p: Promise | None) -> dict[str, Any] | None:
        return None if p is None else {**p.as_dict(), "figure": promise_figure(schemas, p)}
    return {"changes": [{"ref": c.ref, "topic": c.promise.topic, "change": _change(c), "effect": c.effect,
                         "before": shown(c.before), "after": shown(c.after)} for c in public.changes],
            "internal": [shown(p) for p in public.internal]}


def as_text(public: PublicDiff, schemas: SchemaSet, style: Style = PLAIN) -> str:
    """The public side for a terminal ("" when nothing public changed)."""
    return _render(public, schemas, style, bullet="", indent="    ", heading=style.head)


def as_markdown(public: PublicDiff, schemas: SchemaSet, heading: str = "###") -> str:
    """The public side as Markdown ("" when nothing public changed)."""
    return _render(public, schemas, MARKDOWN, bullet="- ", indent="  ", heading=lambda s: f"{heading} {s}")


def _render(public: PublicDiff, schemas: SchemaSet, style: Style, *, bullet: str, indent: str, heading: Any) -> str:
    if public.empty:
        return ""
    lines: list[str] = []
    if public.changes:
        lines += [heading(t("public.legal.title")), ""]
        for change in public.changes:
            lines.append(bullet + _headline(change, schemas, style))
            lines += [indent + bullet + line for line in _body(change, schemas, style)]
        lines.append("")
    if public.internal:
        lines += [heading(t("public.legal.internal")), ""]
        for p in public.internal:
            figure = promise_figure(schemas, p)
            lines.append(f"{bullet}{_name(p, schemas, style)}：{style.text(p.text)}" + (f"（{style.text(figure)}）" if figure else ""))
        lines.append("")
    return "\n".join(lines).rstrip("\n")


def _headline(change: PublicChange, schemas: SchemaSet, style: Style) -> str:
    effect = t(f"public.effect.{change.effect}")
    effect = style.stricter(effect) if change.effect == "worse" else style.text(effect)
    return f"{_name(change.promise, schemas, style)}（{t('public.change.' + _change(change))}，{effect}）"


def _name(p: Promise, schemas: SchemaSet, style: Style) -> str:
    return f"{style.text(topic_title(schemas, p.topic))}「{style.text(p.title)}」{style.code(p.ref)}"


def _body(change: PublicChange, schemas: SchemaSet, style: Style) -> list[str]:
    before, after = change.before, change.after
    label = lambda *path: style.text(schemas.label_for(KIND, ("clauses", 0, "public", *path)))  # noqa: E731
    lines = []
    old_fig, new_fig = (promise_figure(schemas, p) if p else "" for p in (before, after))
    if old_fig != new_fig:
        lines.append(f"{label('promise')}：{style.dele(old_fig) if old_fig else '—'} → {style.ins(new_fig) if new_fig else '—'}")
    if before and after and before.title != after.title:
        lines.append(f"{label('title')}：{_words(before.title, after.title, style)}")
    if before and after:
        lines.append(f"{label('text')}：{_words(before.text, after.text, style)}")
    else:
        mark = style.ins if after else style.dele
        lines.append(f"{label('text')}：{mark(change.promise.text)}")
    return lines


def _words(old: str, new: str, style: Style) -> str:
    if old == new:
        return style.text(new)
    return "".join(style.ins(text) if op == "+" else style.dele(text) if op == "-" else style.text(text)
                   for op, text in prose.segments(old, new))


def _change(change: PublicChange) -> str:
    return "added" if change.before is None else "removed" if change.after is None else "changed"
