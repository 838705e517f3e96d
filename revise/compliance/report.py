"""Rendering an evaluation: a plain data model (JSON), text for the terminal, and Markdown.

Labels (metric, channel, unit, urgency, category names) come from the schema titles.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable

from revise.compliance.evaluate import Evaluation, Figures, Result, Unmeasurable
from revise.compliance.load import DataIssue, Export
from revise.compliance.tabular import label
from revise.compliance.targets import Target
from revise.messages import t
from revise.review.gfm import md_escape
from revise.schema.schemaset import SchemaSet


@dataclass
class Context:
    """What every renderer needs besides the evaluation."""

    export: Export
    evaluation: Evaluation
    tolerance: float
    schemas: SchemaSet
    source: str = ""
    today: date | None = None  # the day whose versions in force `--propose` raises (None: today)
    # How text from documents and the export is escaped in Markdown: for GitHub/GitLab by default;
    # the handbook's pages pass the handbook's own escaping.
    escape: Callable[[object], str] = field(default=md_escape)


# --- words and numbers ---------------------------------------------------------
def describe(target: Target, schemas: SchemaSet) -> str:
    """`人工首次响应时长 ≤ 30 秒（在线文字）` — the target in words, labels from the schema."""
    text = f"{schemas.title_of('metric', target.metric)} {t('op.' + target.op)} {actual(target.value, target.unit, schemas)}"
    where = [schemas.title_of("channel", target.channel) if target.channel else ""]
    where += [schemas.title_of(name, code) for name, code in sorted(target.scope.items())]
    where = [w for w in where if w]
    return f"{text}（{'，'.join(where)}）" if where else text


def unit(code: str, schemas: SchemaSet) -> str:
    return schemas.title_of("unit", code)


def number(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "-"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.{digits}f}"


def percent(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.1f}%"


def actual(value: float | None, code: str, schemas: SchemaSet) -> str:
    if value is None:
        return "-"
    if code == "percent":
        return f"{number(value)}%"
    return f"{number(value)} {unit(code, schemas)}"


def issue_text(issue: DataIssue) -> str:
    text = t(f"cp.issue.{issue.kind}", column=issue.column, count=f"{issue.count:,}")
    if issue.rows:
        more = "…" if issue.count > len(issue.rows) else ""
        text += "；" + t("cp.issue.rows", rows=", ".join(map(str, issue.rows)) + more)
    if issue.examples:
        text += "；" + t("cp.issue.examples", examples="，".join(f"「{e}」" for e in issue.examples[:3]))
    return text


def judged(result: Result) -> str:
    """`第 1 版（2026-01-01 起施行）评判：2026-01 – 2026-03` — which version judged which months."""
    months = list(result.months)
    span = "-" if not months else months[0] if len(months) == 1 else f"{months[0]} – {months[-1]}"
    target = result.target
    return t("cp.report.judged", version=target.version if target.version is not None else "-",
             effective=target.effective.isoformat() if target.effective else "-", months=span)


def reason_text(item: Unmeasurable) -> str:
    return t(f"cp.reason.{item.reason}", columns=", ".join(item.missing))


def status(result: Result, figures: Figures, tolerance: float) -> str:
    if not figures.n:
        return t("cp.report.empty-slice")
    return t("cp.report.fail") if result.breached(figures, tolerance) else t("cp.report.pass")


# --- the data model (JSON) -----------------------------------------------------
def as_data(ctx: Context) -> dict[str, Any]:
    ev, export = ctx.evaluation, ctx.export
    return {
        "export": {"path": ctx.source or str(export.path), "encoding": label(export.encoding), "rows": export.rows, "tickets": export.tickets,
                   "months": export.months, "as_of": export.as_of.isoformat() if export.as_of else None},
        "month": ev.month, "by": ev.by, "breach_rate": ctx.tolerance,
        "problems": [{**i.as_dict(), "message": issue_text(i)} for i in export.issues],
        "targets": [_result_data(r, ctx) for r in ev.results],
        "not_measurable": [{**u.target.as_dict(), "reason": u.reason, "missing": list(u.missing),
                            "message": reason_text(u)} for u in ev.unmeasurable],
    }


def _result_data(result: Result, ctx: Context) -> dict[str, Any]:
    tol = ctx.tolerance
    return {
        **result.target.as_dict(), "title": result.target.clause_title, "kind": result.kind,
        **result.total.as_dict(), "breached": result.breached(result.total, tol), "judged": judged(result),
        "months": [{"month": m, **f.as_dict(), "breached": result.breached(f, tol)} for m, f in result.months.items()],
        "groups": [{"group": g, **f.as_dict(), "breached": result.breached(f, tol)} for g, f in result.groups.items()],
        "worst": result.worst,
    }


def as_json(ctx: Context) -> str:
    return json.dumps(as_data(ctx), ensure_ascii=False, indent=2)


# --- text ----------------------------------------------------------------------
def _figures_line(result: Result, figures: Figures, schemas: SchemaSet) -> str:
    if figures.met is None:
        return t("cp.report.figures-mean", n=f"{figures.n:,}", actual=actual(figures.actual, result.target.unit, schemas))
    return t("cp.report.figures", n=f"{figures.n:,}", met=f"{figures.met:,}", rate=percent(figures.rate),
             actual=actual(figures.actual, result.target.unit, schemas))


def _slice(result: Result, figures: Figures, ctx: Context) -> str:
    value = percent(figures.rate) if figures.met is not None else actual(figures.actual, result.target.unit, ctx.schemas)
    mark = " ✗" if result.breached(figures, ctx.tolerance) else ""
    return f"{value}{mark}" if figures.n else t("cp.report.empty-slice")


def _header(ctx: Context) -> list[str]:
    export = ctx.export
    shown = f"{ctx.source or export.path}" + ("" if export.encoding == "utf-8" else t("cp.report.encoding", encoding=label(export.encoding)))
    lines = [t("cp.report.source", path=shown, rows=f"{export.rows:,}", tickets=f"{export.tickets:,}",
               first=export.months[0] if export.months else "-", last=export.months[-1] if export.months else "-",
               as_of=export.as_of.isoformat(sep=" ") if export.as_of else "-")]
    if ctx.evaluation.month:
        lines.append(t("cp.report.month", month=ctx.evaluation.month))
    return lines


def summary(ctx: Context) -> str:
    results = ctx.evaluation.results
    failed = sum(1 for r in results if r.breached(r.total, ctx.tolerance))
    return t("cp.report.summary", results=len(results), ok=len(results) - failed, failed=failed,
             unmeasurable=len(ctx.evaluation.unmeasurable))


def as_text(ctx: Context) -> str:
    ev, schemas = ctx.evaluation, ctx.schemas
    out = [t("cp.report.title"), *_header(ctx), ""]
    if ctx.export.issues:
        out.append(t("cp.report.problems") + t("cp.colon"))
        out += [f"  ! {issue_text(i)}" for i in ctx.export.issues]
        out += [f"    {t('cp.issue.kept')}", ""]
    out.append(t("cp.report.targets") + t("cp.colon") + t("cp.report.tolerance", tolerance=percent(ctx.tolerance)))
    if not ev.results and not ev.unmeasurable:
        out.append("  " + t("cp.report.none"))
    for r in ev.results:
        mark = "✗" if r.breached(r.total, ctx.tolerance) else "✓"
        out.append(f"  {mark} {r.target.ref} {r.target.clause_title} — {describe(r.target, schemas)}")
        out.append(f"      {judged(r)}")
        out.append(f"      {_figures_line(r, r.total, schemas)}")
        if len(r.months) > 1 or not ev.month:
            out.append("      " + "  ".join(f"{m} {_slice(r, f, ctx)}" for m, f in r.months.items()))
        if r.groups:
            out.append(f"      {t('cp.report.by', by=t('cp.by.' + str(ev.by)))}{t('cp.colon')}" +
                       "  ".join(f"{_group_label(ev.by, g, schemas)} {_slice(r, f, ctx)}" for g, f in r.groups.items()))
        if r.worst:
            out.append(f"      {t('cp.report.worst')}{t('cp.colon')}" + t("cp.semicolon").join(_case(c, schemas) for c in r.worst))
    if ev.unmeasurable:
        out += ["", t("cp.report.unmeasurable") + t("cp.colon")]
        out += [f"  - {u.target.ref} {u.target.clause_title} — {describe(u.target, schemas)}：{reason_text(u)}" for u in ev.unmeasurable]
    out += ["", summary(ctx)]
    return "\n".join(out)


def _group_label(by: str | None, code: str, schemas: SchemaSet) -> str:
    if by in ("channel", "category", "urgency"):
        return schemas.title_of(by, code)
    return code


def _case(case: dict[str, Any], schemas: SchemaSet) -> str:
    channel = schemas.title_of("channel", str(case["channel"])) if case.get("channel") else "-"
    return f"{case['ticket_id']}（{case['month']}，{case['agent_id'] or '-'}，{channel}）{number(case['value'])} {unit(str(case['unit']), schemas)}"


# --- Markdown ------------------------------------------------------------------
def as_markdown(ctx: Context, *, heading: str | None = None, level: int = 1) -> str:
    ev, schemas, escape = ctx.evaluation, ctx.schemas, ctx.escape
    h = "#" * level
    out = [f"{h} {escape(heading or t('cp.report.title'))}", "", *(escape(x) for x in _header(ctx)), "",
           summary(ctx), "", escape(t("cp.report.tolerance", tolerance=percent(ctx.tolerance))), ""]
    if ctx.export.issues:
        out += [f"{h}# {t('cp.report.problems')}", ""]
        out += [f"- {escape(issue_text(i))}" for i in ctx.export.issues]
        out += ["", escape(t("cp.issue.kept")), ""]
    out += [f"{h}# {t('cp.report.targets')}", ""]
    out += _summary_table(ctx)
    for r in ev.results:
        out += ["", f"{h}## {escape(r.target.ref)} {escape(r.target.clause_title)}", "",
                escape(describe(r.target, schemas)) + " — " + escape(_figures_line(r, r.total, schemas)), "",
                escape(judged(r)), ""]
        out += _slices_table(r, r.months, t("cp.col.month"), ctx, lambda k: k)
        if r.groups:
            out += [""] + _slices_table(r, r.groups, t("cp.col.group"), ctx, lambda k: _group_label(ev.by, k, schemas))
        if r.worst:
            out += ["", f"{t('cp.report.worst')}{t('cp.colon')}", ""]
            out += [f"| {t('cp.col.ticket')} | {t('cp.col.month')} | {t('cp.col.agent')} | {t('cp.col.channel')} | {t('cp.col.value')} |",
                    "|---|---|---|---|---:|"]
            out += [f"| {escape(c['ticket_id'])} | {escape(c['month'])} | {escape(c['agent_id'] or '-')} | "
                    f"{escape(schemas.title_of('channel', str(c['channel'])) if c.get('channel') else '-')} | "
                    f"{escape(number(c['value']))} {escape(unit(str(c['unit']), schemas))} |" for c in r.worst]
    if ev.unmeasurable:
        out += ["", f"{h}# {t('cp.report.unmeasurable')}", "", f"| {t('cp.col.clause')} | {t('cp.col.target')} | {t('cp.col.reason')} |", "|---|---|---|"]
        out += [f"| {escape(u.target.ref)} | {escape(describe(u.target, schemas))} | {escape(reason_text(u))} |" for u in ev.unmeasurable]
    return "\n".join(out) + "\n"


def _summary_table(ctx: Context) -> list[str]:
    escape = ctx.escape
    rows = [f"| {t('cp.col.clause')} | {t('cp.col.target')} | {t('cp.col.n')} | {t('cp.col.met')} | {t('cp.col.rate')} | {t('cp.col.actual')} | {t('cp.col.status')} |",
            "|---|---|---:|---:|---:|---:|---|"]
    for r in ctx.evaluation.results:
        f = r.total
        rows.append(f"| {escape(r.target.ref)} | {escape(describe(r.target, ctx.schemas))} | {f.n:,} | "
                    f"{'-' if f.met is None else f'{f.met:,}'} | {percent(f.rate)} | {escape(actual(f.actual, r.target.unit, ctx.schemas))} | "
                    f"{status(r, f, ctx.tolerance)} |")
    return rows


def _slices_table(result: Result, slices: dict[str, Figures], head: str, ctx: Context, label: Any) -> list[str]:
    escape = ctx.escape
    rows = [f"| {head} | {t('cp.col.n')} | {t('cp.col.met')} | {t('cp.col.rate')} | {t('cp.col.actual')} | {t('cp.col.status')} |",
            "|---|---:|---:|---:|---:|---|"]
    for key, f in slices.items():
        rows.append(f"| {escape(label(key))} | {f.n:,} | {'-' if f.met is None else f'{f.met:,}'} | {percent(f.rate)} | "
                    f"{escape(actual(f.actual, result.target.unit, ctx.schemas))} | {status(result, f, ctx.tolerance)} |")
    return rows
