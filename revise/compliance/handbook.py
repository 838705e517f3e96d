"""The monthly compliance report in the handbook (section 质量监控), per `revise.handbook.extra`.

Built at handbook build time from the export named by `compliance.sample` in revise.yaml
(default: the shipped examples/tickets-sample.csv): one page per month of the export, with the
trend of every target over all months, and the tickets that missed a target that month by
channel and by team, drawn as inline SVG; then that month's sampled audits and transcript checks
(`compliance.audit_sample`, `compliance.transcript_sample`) when those files exist. No export, no page.
"""

from __future__ import annotations

from pathlib import Path

from revise.compliance import charts, qa, qareport
from revise.compliance.conformity import Rule
from revise.compliance import config as compliance_config
from revise.compliance.evaluate import Evaluation, Result, evaluate
from revise.compliance.load import Export, open_export
from revise.compliance.report import Context, as_markdown, describe, percent, summary
from revise.compliance.versions import targets_over
from revise.corpus.documents import Corpus
from revise.handbook.escaping import esc
from revise.handbook.extra import ExtraPage
from revise.messages import t
from revise.schema.schemaset import SchemaSet


def pages(corpus: Corpus, root: Path) -> list[ExtraPage]:
    """One report page per month of the configured sample export (none when it is absent)."""
    cfg = compliance_config.load(root)
    path = root / cfg.sample
    if not path.is_file():
        return []
    schemas = SchemaSet(root / "schemas")
    export = open_export(path, schemas=schemas)
    try:
        targets = targets_over(corpus, export.first, export.last)
        overall = evaluate(export, targets, schemas=schemas, worst=0)
        pages = [_page(export, overall, month, targets, schemas, cfg.breach_rate, cfg.sample)
                 for month in reversed(export.months)]
    finally:
        export.close()
    return [_with_qa(page, corpus, root, cfg, schemas) for page in pages]


def _with_qa(page: ExtraPage, corpus: Corpus, root: Path, cfg: compliance_config.ComplianceConfig, schemas: SchemaSet) -> ExtraPage:
    """The month's sampled audits and transcript checks (from the configured samples), when there are any."""
    month = page.path.rsplit("/", 1)[-1].removesuffix(".md")
    rule = Rule(cfg.audit_rate, cfg.min_sample)
    parts = []
    if (root / cfg.audit_sample).is_file():
        parts.append(qareport.as_markdown(qa.audits(root / cfg.audit_sample, corpus, schemas, rule, month)))
    if (root / cfg.transcript_sample).is_file():
        run = qa.transcripts(root / cfg.transcript_sample, corpus, schemas, rule, None, month)
        parts.append(qareport.as_markdown(run.section))
    if not any(section.strip() for section in parts):
        return page
    return ExtraPage(page.path, page.title, page.section, page.markdown + "\n" + "\n".join(parts), page.assets)


def _page(export: Export, overall: Evaluation, month: str, targets: list, schemas: SchemaSet,
          tolerance: float, source: str) -> ExtraPage:
    monthly = evaluate(export, targets, month=month, schemas=schemas)
    ctx = Context(export, monthly, tolerance, schemas, source, escape=esc)
    title = t("cp.page.title", month=month)
    parts = [f"# {esc(title)}", "", t("cp.page.intro", path=source.replace("`", "")), "", summary(ctx), "",
             f"## {t('cp.page.trend')}", "", _trend_block(overall, tolerance, schemas, month), ""]
    for by, key in (("channel", "cp.page.by-channel"), ("team", "cp.page.by-team")):
        if export.has(by):
            grouped = evaluate(export, targets, month=month, by=by, schemas=schemas, worst=0)
            counts = _missed_by_group(grouped, by, schemas)
            parts += [f"## {t(key, month=month)}", "", charts.bars(t(key, month=month), counts), ""]
    parts.append(as_markdown(ctx, heading=t("cp.report.title"), level=2))
    return ExtraPage(f"compliance/{month}.md", title, t("cp.page.section"), "\n".join(parts))


def _trend_block(overall: Evaluation, tolerance: float, schemas: SchemaSet, month: str) -> str:
    svgs = []
    for result in overall.results:
        months = [m for m in result.months if m <= month]
        svgs.append(_trend(result, months, tolerance, schemas))
    return '<div class="revise-trends" style="display:flex;flex-wrap:wrap;gap:8px">' + "".join(svgs) + "</div>"


def _trend(result: Result, months: list[str], tolerance: float, schemas: SchemaSet) -> str:
    title, subtitle = result.target.ref, describe(result.target, schemas)
    if result.kind == "each":
        points = [(m, _pct(result.months[m].rate), result.breached(result.months[m], tolerance)) for m in months]
        return charts.trend(title, points, (1 - tolerance) * 100, t("cp.page.limit") + " " + percent(1 - tolerance),
                            "%", subtitle)
    points = [(m, result.months[m].actual, result.breached(result.months[m], tolerance)) for m in months]
    unit = "%" if result.target.unit == "percent" else ""
    return charts.trend(title, points, result.target.value, t("cp.page.limit"), unit, subtitle)


def _missed_by_group(evaluation: Evaluation, by: str, schemas: SchemaSet) -> dict[str, int]:
    """Tickets that missed a per-ticket target, summed over targets, per group."""
    counts: dict[str, int] = {}
    for result in evaluation.results:
        if result.kind != "each":
            continue
        for group, figures in result.groups.items():
            label = schemas.title_of(by, group) if by == "channel" else group
            counts[label] = counts.get(label, 0) + figures.n - (figures.met or 0)
    return counts


def _pct(rate: float | None) -> float | None:
    return None if rate is None else rate * 100
