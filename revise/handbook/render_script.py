"""The page of a script (话术): a dialogue of agent and customer turns, branches as tabs, a flow chart.

The dialogue is walked from the start step; where the customer's answer branches, each
scenario (情景一、情景二 …) is a tab. A step reached a second time is not repeated: the turn
links to where it was shown. Placeholders are highlighted with their meaning and example.
"""

from __future__ import annotations

import re
from typing import Any

from revise.corpus.documents import Document
from revise.handbook import diagrams
from revise.handbook.common import Context, hb, labelled, meta_block, refs_line, table
from revise.handbook.escaping import attr, esc, ident

KIND = "script"
PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")


def render(ctx: Context, doc: Document) -> str:
    """Markdown body of a script page: the facts folded into one line, then the dialogue, then the flow."""
    data = doc.data
    steps = [s for s in data.get("steps") or [] if isinstance(s, dict)]
    parts = [facts(ctx, doc), f"## {hb('script.dialogue')}\n\n", Dialogue(ctx, doc, steps).render(data.get("start")),
             f"## {hb('script.flow')}\n\n"]
    labels = {p.get("name"): p.get("label") for p in data.get("placeholders") or [] if isinstance(p, dict)}
    shown = [{**s, "say": PLACEHOLDER.sub(lambda m: f"【{labels.get(m.group(1)) or m.group(1)}】", str(s.get("say") or ""))} for s in steps]
    parts.append(diagrams.script_flow(shown, data.get("start"), lambda s: ctx.labels.value(KIND, ("steps", 0, "speaker"), s)))
    return "".join(parts)


def facts(ctx: Context, doc: Document) -> str:
    """Everything about the script but the dialogue, in a block that is one line until it is opened.

    An agent opens a script to say it: on a phone the dialogue must be on the first screen, not
    under a screen of metadata."""
    data = doc.data
    f = lambda *p: ctx.labels.field(KIND, *p)  # noqa: E731
    channels = "、".join(esc(ctx.labels.vocab("channel", c)) for c in data.get("channel") or [])
    line = " · ".join(filter(None, [esc(hb("script.edition", version=data.get("version"), date=data.get("effective_from"))), channels]))
    parts = [meta_block(ctx, doc), labelled(f("channel"), channels)]
    if data.get("direction"):
        parts.append(labelled(f("direction"), esc(ctx.labels.value(KIND, ("direction",), data["direction"]))))
    parts.append(labelled(f("when_to_use"), ctx.links.text(data.get("when_to_use")) if data.get("when_to_use") else ""))
    parts.append(refs_line(ctx, f("implements"), data.get("implements")))
    parts.append(placeholder_table(ctx, data.get("placeholders")))
    return (f'<details class="rv-facts" markdown>\n<summary>{line} · {esc(hb("script.facts"))}</summary>\n\n'
            + "".join(parts) + "</details>\n\n")


def placeholder_table(ctx: Context, placeholders: Any) -> str:
    if not isinstance(placeholders, list) or not placeholders:
        return ""
    f = lambda *p: esc(ctx.labels.field(KIND, "placeholders", 0, *p))  # noqa: E731
    rows = [[f'<mark class="rv-ph">{esc(p.get("label"))}</mark>', f"<code>{{{esc(p.get('name'))}}}</code>", esc(p.get("example"))]
            for p in placeholders if isinstance(p, dict)]
    return f"**{esc(ctx.labels.field(KIND, 'placeholders'))}**\n\n" + table([f("label"), f("name"), f("example")], rows)


class Dialogue:
    """Writes the turns of a script from its start step, following `next` and branches."""

    def __init__(self, ctx: Context, doc: Document, steps: list[dict[str, Any]]) -> None:
        self.ctx = ctx
        self.doc = doc
        self.by_id = {s.get("id"): s for s in steps}
        self.order = [s.get("id") for s in steps]
        self.shown: set[object] = set()
        ph = doc.data.get("placeholders") or []
        self.placeholders = {p.get("name"): p for p in ph if isinstance(p, dict)}

    def render(self, start: object) -> str:
        lines = self.walk(start, 0)
        for step_id in self.order:  # steps no path reaches still belong on the page
            if step_id not in self.shown:
                lines += self.walk(step_id, 0)
        return "\n".join(lines) + "\n\n"

    def walk(self, step_id: object, depth: int) -> list[str]:
        pad = "    " * depth
        lines: list[str] = []
        while step_id is not None:
            step = self.by_id.get(step_id)
            if step is None:
                break
            if step_id in self.shown:
                lines += [pad + f'<p class="rv-goto">{hb("script.goto", link=self.goto(step))}</p>', ""]
                break
            self.shown.add(step_id)
            lines += [pad + line for line in self.turn(step)] + [""]
            if step.get("branches"):
                lines += self.branches(step["branches"], depth)
                break
            if step.get("closing"):
                lines += [pad + f'<p class="rv-end">{hb("script.end")}</p>', ""]
                break
            step_id = step.get("next")
        return lines

    def branches(self, branches: list[Any], depth: int) -> list[str]:
        pad = "    " * depth
        lines: list[str] = []
        for branch in branches:
            if not isinstance(branch, dict):
                continue
            lines += [pad + f'=== "{esc(branch.get("label"))}"', ""]  # a short tab label, the condition under it
            if branch.get("when"):
                lines += [pad + f'    <p class="rv-when">{esc(branch.get("when"))}</p>', ""]
            lines += self.walk(branch.get("next"), depth + 1)
        return lines

    def turn(self, step: dict[str, Any]) -> list[str]:
        speaker = step.get("speaker")
        who = esc(self.ctx.labels.value(KIND, ("steps", 0, "speaker"), speaker))
        css = "rv-agent" if speaker == "agent" else "rv-customer"
        lines = [f'<div class="rv-turn {css}" id="{ident(step.get("id"))}" markdown>',
                 f'<span class="rv-who">{who}</span> {self.say(step.get("say"))}']
        if step.get("note"):
            lines.append(f'<span class="rv-note">{esc(hb("script.note"))}：{self.ctx.links.text(step["note"])}</span>')
        lines.append("</div>")
        return lines

    def say(self, text: object) -> str:
        """What to say, escaped, with each {placeholder} shown as a highlighted label."""
        out, last, raw = [], 0, "" if text is None else str(text)
        for match in PLACEHOLDER.finditer(raw):
            out.append(self.ctx.links.text(raw[last:match.start()]) if match.start() > last else "")
            out.append(self.placeholder(match.group(1)))
            last = match.end()
        out.append(self.ctx.links.text(raw[last:]) if last < len(raw) else "")
        return "".join(out)

    def placeholder(self, name: str) -> str:
        declared = self.placeholders.get(name)
        label = declared.get("label") if declared else name
        example = declared.get("example") if declared else None
        tip = f"{{{name}}}" + (f" · {hb('script.example')}：{example}" if example else "")
        return f'<mark class="rv-ph" title="{attr(tip)}">{esc(label)}</mark>'

    def goto(self, step: dict[str, Any]) -> str:
        who = esc(self.ctx.labels.value(KIND, ("steps", 0, "speaker"), step.get("speaker")))
        snippet = str(step.get("say") or "")
        snippet = snippet[:18] + ("…" if len(snippet) > 18 else "")
        return f'[{who}：{esc(PLACEHOLDER.sub(lambda m: "…", snippet))}](#{ident(step.get("id"))})'
