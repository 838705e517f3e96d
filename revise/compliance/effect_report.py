"""An effect evaluation for people: terminal text, JSON, and Markdown for the handbook's revision page.

Every renderer reads the archive record's entry (`Effect.entry()`, or an entry read back from
`proposals/<ID>.yaml`), so what `revise evaluate` prints and what the handbook shows agree.
Labels (metric, channel, unit) come from the schema titles.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from revise.compliance.effect import Effect
from revise.compliance.report import actual, describe, number, percent
from revise.compliance.targets import Target
from revise.messages import t
from revise.schema.schemaset import SchemaSet

MARKS = {"achieved": "✓", "missed": "✗", "no-data": "?"}


def as_text(effect: Effect, schemas: SchemaSet, source: str = "") -> str:
    entry = effect.entry()
    proposal = effect.proposal
    lines = [t("effect.title", id=proposal.get("id"), title=proposal.get("title", "")), header(entry),
             t("effect.export", path=source or entry["export"], tolerance=percent(effect.tolerance)), ""]
    for target in entry["targets"]:
        lines += target_lines(target, schemas)
        lines.append("")
    lines.append(t("effect.overall.achieved" if effect.achieved else "effect.overall.missed") + f"（{entry['summary']}）")
    return "\n".join(lines)


def as_json(effect: Effect) -> str:
    proposal = effect.proposal
    return json.dumps({"id": proposal.get("id"), "title": proposal.get("title"), "breach_rate": effect.tolerance,
                       **effect.entry()}, ensure_ascii=False, indent=2)


def header(entry: dict[str, Any]) -> str:
    before, after = entry["before"], entry["after"]
    return t("effect.windows", effective=entry["effective"], weeks=entry["weeks"], before_start=before["start"],
             before_end=_last_day(before["end"]), after_start=after["start"], after_end=_last_day(after["end"]))


def target_lines(entry: dict[str, Any], schemas: SchemaSet) -> list[str]:
    """One target of an evaluation: what, before, after, the pilot, the verdict and why."""
    target = _target(entry)
    old = t("effect.was", old=actual(entry["old_value"], target.unit, schemas)) if "old_value" in entry else ""
    verdict = entry.get("verdict", "no-data")
    lines = [f"{MARKS.get(verdict, '?')} {target.ref} {describe(target, schemas)}{old}",
             "    " + t("effect.before", figures=figures(entry.get("before") or {}, target.unit, schemas)),
             "    " + t("effect.after", figures=figures(entry.get("after") or {}, target.unit, schemas))]
    pilot = entry.get("pilot") or {}
    if pilot:
        lines.append("    " + t("effect.pilot", **{k: number(pilot.get(k)) for k in ("baseline", "target", "value")}))
    lines.append("    " + _verdict(entry, target, schemas))
    return lines


def figures(data: dict[str, Any], unit: str, schemas: SchemaSet) -> str:
    n = int(data.get("n") or 0)
    if data.get("met") is None:
        return t("cp.report.figures-mean", n=f"{n:,}", actual=actual(data.get("actual"), unit, schemas))
    return t("cp.report.figures", n=f"{n:,}", met=f"{int(data['met']):,}", rate=percent(data.get("rate")),
             actual=actual(data.get("actual"), unit, schemas))


def as_markdown(entry: dict[str, Any], schemas: SchemaSet, escape: Any) -> str:
    """One recorded evaluation as Markdown (a header line, then a table of its targets); `escape`
    makes document text inert (the handbook's `esc`)."""
    head = escape(f"{header(entry)}；{entry.get('summary', '')}")
    columns = [t("effect.col.target"), t("effect.col.before"), t("effect.col.after"), t("effect.col.pilot"), t("effect.col.verdict")]
    rows = []
    for item in entry.get("targets") or []:
        target = _target(item)
        pilot = item.get("pilot") or {}
        pilot_text = t("effect.pilot", **{k: number(pilot.get(k)) for k in ("baseline", "target", "value")}) if pilot else "—"
        rows.append([f"{target.ref} {describe(target, schemas)}", figures(item.get("before") or {}, target.unit, schemas),
                     figures(item.get("after") or {}, target.unit, schemas), pilot_text,
                     t(f"effect.verdict.{item.get('verdict', 'no-data')}")])
    table = ["| " + " | ".join(escape(c) for c in columns) + " |", "|" + "---|" * len(columns)]
    table += ["| " + " | ".join(escape(c) for c in row) + " |" for row in rows]
    return head + "\n\n" + "\n".join(table) + "\n\n"


def _verdict(entry: dict[str, Any], target: Target, schemas: SchemaSet) -> str:
    verdict = entry.get("verdict", "no-data")
    why = []
    if "kept" in entry:
        why.append(t("effect.why.kept" if entry["kept"] else "effect.why.breached"))
    goal, mean = (entry.get("pilot") or {}).get("target"), (entry.get("after") or {}).get("actual")
    if goal is not None and mean is not None:
        reached = mean <= goal if target.op in ("<=", "<") else mean >= goal
        why.append(t("effect.why.pilot-reached" if reached else "effect.why.pilot-missed",
                     actual=actual(mean, target.unit, schemas), goal=number(goal)))
    text = t(f"effect.verdict.{verdict}")
    return f"{text}：{'；'.join(why)}" if why and verdict != "no-data" else text


def _target(entry: dict[str, Any]) -> Target:
    document, _, clause = str(entry.get("ref", "")).partition("#")
    return Target(document, clause, 0, str(entry.get("metric")), str(entry.get("op")), float(entry.get("value") or 0),
                  str(entry.get("unit")), entry.get("channel"), dict(entry.get("scope") or {}))


def _last_day(end: str) -> str:
    return (date.fromisoformat(end) - timedelta(days=1)).isoformat()

