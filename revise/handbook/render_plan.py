"""The page of an emergency plan: triggers, levels, command, the phase flow drawn, actions as tables."""

from __future__ import annotations

from typing import Any

from revise.corpus.documents import Document
from revise.handbook import diagrams
from revise.handbook.common import Context, anchor, hb, labelled, table
from revise.handbook.escaping import esc, ident

KIND = "emergency-plan"


def render(ctx: Context, doc: Document) -> str:
    """Markdown body of an emergency plan page."""
    data = doc.data
    f = lambda *p: ctx.labels.field(KIND, *p)  # noqa: E731
    parts = [f"## {esc(f('triggers'))}\n\n"]
    for trig in _dicts(data.get("triggers")):
        parts.append(f"- {anchor(trig.get('id'))}{ctx.links.text(trig.get('text'))}\n")
    parts.append("\n")
    parts.append(f"## {esc(f('levels'))}\n\n")
    parts.append(table([esc(f("levels", 0, "name")), esc(f("levels", 0, "criteria")), esc(f("levels", 0, "lead"))],
                       [[anchor(lv.get("id")) + esc(lv.get("name")), ctx.links.text(lv.get("criteria")), ctx.links.role(lv.get("lead"))]
                        for lv in _dicts(data.get("levels"))]))
    parts.append(f"## {esc(f('command'))}\n\n")
    parts.append(table([esc(f("command", 0, "role")), esc(f("command", 0, "position")), esc(f("command", 0, "duty"))],
                       [[ctx.links.role(c.get("role")), esc(c.get("position")), ctx.links.text(c.get("duty"))]
                        for c in _dicts(data.get("command"))]))
    phases = _dicts(data.get("phases"))
    parts.append(f"## {esc(hb('plan.flow'))}\n\n")
    parts.append(diagrams.phase_flow(phases, lambda s: stage(ctx, s), ctx.role_title, ctx.labels.duration))
    for phase in phases:
        parts.append(phase_section(ctx, phase))
    parts.append(resources(ctx, data))
    parts.append(labelled(f("customer_script"), ctx.links.ref(str(data["customer_script"])) if data.get("customer_script") else ""))
    drill = data.get("drill") if isinstance(data.get("drill"), dict) else {}
    if drill:
        parts.append(f"## {esc(f('drill'))}\n\n")
        parts.append(labelled(f("drill", "every"), esc(hb("plan.every", every=ctx.labels.duration(drill.get("every"))))))
        parts.append(labelled(f("drill", "description"), ctx.links.text(drill.get("description"))))
        parts.append(labelled(f("drill", "organiser"), ctx.links.role(drill.get("organiser"))))
    return "".join(parts)


def stage(ctx: Context, code: object) -> str:
    return ctx.labels.value(KIND, ("phases", 0, "stage"), code)


def phase_section(ctx: Context, phase: dict[str, Any]) -> str:
    f = lambda *p: ctx.labels.field(KIND, "phases", 0, *p)  # noqa: E731
    parts = [f"### {esc(stage(ctx, phase.get('stage')))}：{esc(phase.get('goal'))} {{#{ident(phase.get('id'))}}}\n\n"]
    line = f"**{esc(f('owner'))}** {ctx.links.role(phase.get('owner'))}"
    if phase.get("time_limit"):
        line += f" · **{esc(f('time_limit'))}** {esc(ctx.labels.duration(phase['time_limit']))}"
    parts.append(line + "\n\n")
    a = lambda *p: esc(f("actions", 0, *p))  # noqa: E731
    rows = [[anchor(act.get("id")) + ctx.links.text(act.get("text")), ctx.links.role(act.get("owner")),
             esc(ctx.labels.duration(act.get("time_limit"))) or "—"] for act in _dicts(phase.get("actions"))]
    parts.append(table([a("text"), a("owner"), a("time_limit")], rows))
    return "".join(parts)


def resources(ctx: Context, data: dict[str, Any]) -> str:
    items = _dicts(data.get("resources"))
    if not items:
        return ""
    f = lambda *p: esc(ctx.labels.field(KIND, "resources", 0, *p))  # noqa: E731
    rows = [[esc(r.get("name")), ctx.links.text(r.get("detail")), ctx.links.role(r.get("keeper"))] for r in items]
    return f"## {esc(ctx.labels.field(KIND, 'resources'))}\n\n" + table([f("name"), f("detail"), f("keeper")], rows)


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []
