"""Mermaid sources for the diagrams: script flows, plan phases, procedure steps, the org chart.

Mermaid is served from the site itself (site/assets/mermaid.min.js). Every label is reduced
to one line of plain text with mermaid's entity codes, so document text cannot add syntax.
"""

from __future__ import annotations

import html
from typing import Any, Callable

from revise.handbook.escaping import mermaid_label


class _Ids:
    """Stable, syntax-free node ids (n0, n1 ...) for arbitrary keys."""

    def __init__(self) -> None:
        self.ids: dict[object, str] = {}

    def __call__(self, key: object) -> str:
        return self.ids.setdefault(key, f"n{len(self.ids)}")


def mermaid_fence(source: str, language: str, class_name: str, options: dict[str, Any], md: Any, **kwargs: Any) -> str:
    """pymdownx.superfences' format for mermaid blocks (mkdocs.yml): the `<pre class="mermaid">` the theme
    draws, left out of the search index — a diagram's source is no answer to a search."""
    return f'<pre class="mermaid" data-search-exclude><code>{html.escape(source, quote=False)}</code></pre>'


def fence(lines: list[str]) -> str:
    """A mermaid block for pymdownx.superfences."""
    return "```mermaid\n" + "\n".join(lines) + "\n```\n\n"


def script_flow(steps: list[dict[str, Any]], start: object, speaker: Callable[[object], str]) -> str:
    """The dialogue as a flow: one node per step, branch edges labelled with the scenario."""
    ids = _Ids()
    lines = ["flowchart TD"]
    for step in steps:
        text = f"{speaker(step.get('speaker'))}：{step.get('say', '')}"
        shape = ('(["', '"])') if step.get("closing") else ('["', '"]')
        lines.append(f"  {ids(step.get('id'))}{shape[0]}{mermaid_label(text, 28)}{shape[1]}")
    for step in steps:
        if step.get("next"):
            lines.append(f"  {ids(step.get('id'))} --> {ids(step['next'])}")
        for branch in step.get("branches") or []:
            if isinstance(branch, dict):
                label = mermaid_label(branch.get("label") or branch.get("when"), 16)
                lines.append(f'  {ids(step.get("id"))} -->|"{label}"| {ids(branch.get("next"))}')
    if start is not None:
        lines.append(f"  class {ids(start)} start")
        lines.append("  classDef start stroke-width:3px")
    return fence(lines)


def phase_flow(phases: list[dict[str, Any]], stage: Callable[[object], str], who: Callable[[object], str],
               duration: Callable[[object], str]) -> str:
    """Plan phases as subgraphs in order, each holding its actions in order."""
    ids = _Ids()
    lines = ["flowchart TD"]
    previous: str | None = None
    for phase in phases:
        pid = ids(("phase", phase.get("id")))
        title = f"{stage(phase.get('stage'))}：{phase.get('goal', '')}"
        lines.append(f'  subgraph {pid}["{mermaid_label(title, 30)}"]')
        lines.append("    direction TB")
        last_action = None
        for action in phase.get("actions") or []:
            aid = ids(("action", phase.get("id"), action.get("id")))
            limit = duration(action.get("time_limit"))
            text = f"{action.get('text', '')}（{who(action.get('owner'))}{'，' + limit if limit else ''}）"
            lines.append(f'    {aid}["{mermaid_label(text, 34)}"]')
            if last_action:
                lines.append(f"    {last_action} --> {aid}")
            last_action = aid
        lines.append("  end")
        if previous:
            lines.append(f"  {previous} --> {pid}")
        previous = pid
    return fence(lines)


def step_flow(steps: list[dict[str, Any]], who: Callable[[object], str], duration: Callable[[object], str]) -> str:
    """Procedure steps in order: name, owner and time limit on each node."""
    ids = _Ids()
    lines = ["flowchart TD"]
    previous = None
    for number, step in enumerate(steps, 1):
        sid = ids(step.get("id"))
        limit = duration(step.get("time_limit"))
        text = f"{number}. {step.get('title', '')}（{who(step.get('owner'))}{'，' + limit if limit else ''}）"
        lines.append(f'  {sid}["{mermaid_label(text, 34)}"]')
        if previous:
            output = step_output(steps[number - 2])
            lines.append(f'  {previous} -->|"{mermaid_label(output, 14)}"| {sid}' if output else f"  {previous} --> {sid}")
        previous = sid
    return fence(lines)


def step_output(step: dict[str, Any]) -> str:
    return str(step.get("output") or "")


def org_chart(departments: list[dict[str, Any]], roles: list[dict[str, Any]]) -> str:
    """Roles grouped by department, with reporting lines (left to right: a deep chart stays readable)."""
    ids = _Ids()
    lines = ["flowchart LR"]
    known = {r.get("id") for r in roles}
    for dept in departments:
        members = [r for r in roles if r.get("department") == dept.get("id")]
        if not members:
            continue
        lines.append(f'  subgraph {ids(("dept", dept.get("id")))}["{mermaid_label(dept.get("name"), 20)}"]')
        for role in members:
            lines.append(f'    {ids(role.get("id"))}["{mermaid_label(role.get("title"), 16)}"]')
        lines.append("  end")
    for role in roles:
        if role.get("department") not in {d.get("id") for d in departments}:
            lines.append(f'  {ids(role.get("id"))}["{mermaid_label(role.get("title"), 16)}"]')
    for role in roles:
        boss = role.get("reports_to")
        if boss in known:
            lines.append(f"  {ids(boss)} --> {ids(role.get('id'))}")
    return fence(lines)
