"""The steps after publication on a revision's page (修订记录): effect evaluations and customer notices.

Each recorded evaluation shows its windows, its verdict and a table of the changed targets before
and after the effective date beside the pilot (the same words as `revise evaluate`); each notice
its changes and the three texts customers received. Every value is escaped.
"""

from __future__ import annotations

from typing import Any

from revise.compliance.effect_report import as_markdown as evaluation_markdown
from revise.handbook.common import Context, table
from revise.handbook.escaping import esc

KIND = "proposal"


def after_publication(ctx: Context, key: str, entries: list[Any], level: int) -> str:
    """The `evaluations` or `notices` of a proposal, each under its own heading."""
    label = lambda *path: esc(ctx.labels.field(KIND, key, 0, *path))  # noqa: E731
    parts = [f"{'#' * level} {esc(ctx.labels.field(KIND, key))}\n\n"]
    for entry in (e for e in entries if isinstance(e, dict)):
        parts.append(f"**{label('by')}** {esc(entry.get('by'))} · **{label('at')}** {esc(entry.get('at'))}\n\n")
        if key == "evaluations":
            parts.append(evaluation_markdown(entry, ctx.labels.schemas, esc))
        else:
            parts.append(_notice(ctx, entry, label))
    return "".join(parts)


def _notice(ctx: Context, entry: dict[str, Any], label: Any) -> str:
    f = lambda name: label("changes", 0, name)  # noqa: E731
    rows = [[esc(c.get("title")), esc(c.get("before") or "—"), esc(c.get("after") or "—"),
             esc(ctx.labels.value(KIND, ("notices", 0, "changes", 0, "effect"), c.get("effect")))]
            for c in entry.get("changes") or [] if isinstance(c, dict)]
    parts = [table([f("title"), f("before"), f("after"), f("effect")], rows)]
    for name in ("web", "app", "sms"):
        lines = str(entry.get(name) or "").splitlines()
        parts.append(f"**{label(name)}**\n\n" + "\n".join(f"> {esc(line)}" if line.strip() else ">" for line in lines) + "\n\n")
    return "".join(parts)
