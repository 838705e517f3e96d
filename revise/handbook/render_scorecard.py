"""The page of a scorecard: who is rated and by whom, the items with their points, the pay bands."""

from __future__ import annotations

from typing import Any

from revise.corpus.documents import Document
from revise.handbook.common import Context, anchor, hb, labelled, table
from revise.handbook.escaping import esc

KIND = "scorecard"


def render(ctx: Context, doc: Document) -> str:
    """Markdown body of a scorecard page."""
    data = doc.data
    f = lambda *p: ctx.labels.field(KIND, *p)  # noqa: E731
    parts = [labelled(f("subject"), ctx.links.role(data.get("subject")))]
    parts.append(labelled(f("period"), esc(ctx.labels.duration(data.get("period")))))
    parts.append(labelled(f("total"), esc(data.get("total"))))
    raters = [r for r in data.get("raters") or [] if isinstance(r, dict)]
    if raters:
        parts.append(f"## {esc(f('raters'))}\n\n")
        parts.append(table([esc(f("raters", 0, "rater")), esc(f("raters", 0, "weight"))],
                           [[rater(ctx, r.get("rater")), esc(r.get("weight"))] for r in raters]))
    parts.append(f"## {esc(f('items'))}\n\n")
    i = lambda *p: esc(f("items", 0, *p))  # noqa: E731
    rows: list[list[str]] = []
    for item, depth in walk(data.get("items")):
        indent = "&emsp;" * depth
        refs = "、".join(ctx.links.ref(str(r)) for r in item.get("refs") or [])
        rows.append([indent + anchor(item.get("id")) + esc(item.get("title")), esc(item.get("points")),
                     ctx.links.text(item.get("criteria")) or "—", refs or "—"])
    parts.append(table([i("title"), i("points"), i("criteria"), i("refs")], rows))
    bands = [b for b in data.get("bands") or [] if isinstance(b, dict)]
    if bands:
        parts.append(f"## {esc(f('bands'))}\n\n")
        parts.append(table([esc(f("bands", 0, "lower")) + " – " + esc(f("bands", 0, "upper")), esc(f("bands", 0, "pay"))],
                           [[esc(band_range(b)), esc(b.get("pay"))] for b in bands]))
    return "".join(parts)


def rater(ctx: Context, code: object) -> str:
    return esc(hb("scorecard.self")) if code == "self" else ctx.links.role(str(code))


def walk(items: Any, depth: int = 0) -> list[tuple[dict[str, Any], int]]:
    """Items and sub-items in reading order with their depth."""
    found: list[tuple[dict[str, Any], int]] = []
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict):
            found.append((item, depth))
            found += walk(item.get("items"), depth + 1)
    return found


def band_range(band: dict[str, Any]) -> str:
    """A pay band as an interval: "[75, 85)" style, with the schema's inclusive defaults."""
    left = "[" if band.get("lower_inclusive", False) else "("
    right = "]" if band.get("upper_inclusive", True) else ")"
    return f"{left}{band.get('lower')}, {band.get('upper')}{right}"
