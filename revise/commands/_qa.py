"""The QA parts of `revise compliance`: the audit form, `--audits`, `--transcripts`, and how their
sections join the ticket report in each format."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path as FsPath
from typing import Any

from revise.compliance import complaintreport, complaints, formpage, qa, qareport
from revise.compliance import tgenerate as tgen
from revise.compliance.conformity import Rule
from revise.compliance.config import ComplianceConfig
from revise.compliance.qaform import form
from revise.compliance.tabular import label
from revise.compliance.transcripts import load_mapping
from revise.corpus.documents import Corpus
from revise.errors import UsageError
from revise.messages import t
from revise.schema.schemaset import SchemaSet

SHOWN_FINDINGS = 20


def add_arguments(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group(t("cmd.compliance.qa"))
    g.add_argument("--audits", type=FsPath, metavar="FILE", help=t("cmd.compliance.audits"))
    g.add_argument("--transcripts", type=FsPath, metavar="FILE", help=t("cmd.compliance.transcripts"))
    g.add_argument("--transcript-mapping", type=FsPath, metavar="FILE", help=t("cmd.compliance.transcript-mapping"))
    g.add_argument("--channel", help=t("cmd.compliance.channel"))
    g.add_argument("--script", help=t("cmd.compliance.script"))
    g.add_argument("--complaints", type=FsPath, metavar="FILE",
                   help=t("cmd.compliance.complaints"))
    g.add_argument("--raise", dest="raise_id", metavar="ID", help=t("cmd.compliance.raise"))
    g.add_argument("--kind", choices=("tickets", "transcripts"), default="tickets", help=t("cmd.compliance.kind"))


def rule_of(cfg: ComplianceConfig) -> Rule:
    return Rule(cfg.audit_rate, cfg.min_sample)


def run_form(args: argparse.Namespace, corpus: Corpus, schemas: SchemaSet) -> int:
    channels = schemas.choices("channel")
    if not args.channel:
        raise UsageError(t("qa.form.need-channel"), t("qa.form.need-channel.hint"))
    if args.channel not in channels:
        raise UsageError(t("qa.form.bad-channel", channel=args.channel), t("qa.form.bad-channel.hint", channels=", ".join(channels)))
    made = form(corpus, args.channel, args.script)
    if not made.items:
        raise UsageError(t("qa.form.empty", channel=args.channel))
    fmt = args.format if args.format in ("md", "html", "csv") else "md"
    text = {"md": formpage.as_markdown, "html": formpage.as_html}[fmt](made, schemas) if fmt != "csv" else formpage.as_csv_template(made)
    sys.stdout.write(text)
    return 0


def sections(args: argparse.Namespace, corpus: Corpus, schemas: SchemaSet, cfg: ComplianceConfig) -> tuple[list, qa.TranscriptRun | None]:
    rule = rule_of(cfg)
    found = []
    if args.audits is not None:
        found.append(qa.audits(args.audits, corpus, schemas, rule, args.month))
    run = None
    if args.transcripts is not None:
        run = qa.transcripts(args.transcripts, corpus, schemas, rule, load_mapping(args.transcript_mapping), args.month)
        found.append(run.section)
    return found, run


def complaint_section(args: argparse.Namespace, corpus: Corpus, schemas: SchemaSet, cfg: ComplianceConfig,
                      run: qa.TranscriptRun | None) -> tuple[complaintreport.ComplaintSection | None, list, complaints.Matcher | None]:
    """The complaint analysis of `--complaints` (and of complaint contacts in the transcripts); its requests."""
    texts = [complaints.Complaint(c.contact_id, c.started_at.date(), words, line=c.line) for c, words in (run.complaints if run else [])]
    if args.complaints is None and not texts:
        return None, [], None
    read = complaints.read_file(args.complaints, schemas) if args.complaints is not None else None
    every = (read.complaints if read else []) + texts
    if args.month:
        every = [c for c in every if c.month == args.month]
    matcher = complaints.Matcher(corpus)
    clauses, matches = complaints.analyse(every, matcher)
    months = sorted({c.month for c in every})
    source = str(args.complaints or args.transcripts)
    rising = {c.ref for c in complaints.rising(clauses, months, cfg.months, cfg.complaint_min)}
    section = complaintreport.ComplaintSection(source, label(read.encoding) if read else "UTF-8", every, clauses, matches, rising,
                                               read.suggestions if read else [], read.other if read else 0,
                                               list(read.skipped.values()) if read else [])
    wanted = complaints.requests(clauses, months, cfg.months, cfg.complaint_min, source) if not args.month else []
    return section, wanted, matcher


def raise_suggestion(args: argparse.Namespace, root: FsPath, corpus: Corpus, schemas: SchemaSet) -> int:
    """`--raise ID`: one customer suggestion of the complaint file as a revision request."""
    from revise.compliance.propose import file_requests

    if args.complaints is None:
        raise UsageError(t("cm.need-file"))
    read = complaints.read_file(args.complaints, schemas)
    item = next((s for s in read.suggestions if s.id == args.raise_id), None)
    if item is None:
        raise UsageError(t("cm.no-suggestion", path=args.complaints, id=args.raise_id),
                         t("cm.no-suggestion.hint", ids=", ".join(s.id for s in read.suggestions[:10]) or "-"))
    request = complaints.suggestion_request(item, complaints.Matcher(corpus), str(args.complaints))
    for filed in file_requests(root, [request], remote=args.remote):
        key = "cm.raised" if filed.action == "filed" else "cp.propose.exists"
        print(t(key, id=filed.proposal, title=filed.title, ref=filed.ref), file=sys.stderr)
    return 0


def failed(found: list[qareport.Section], run: qa.TranscriptRun | None) -> bool:
    return any(s.breached() for s in found) or bool(run and run.findings)


def as_json(base: dict[str, Any] | None, found: list[qareport.Section], run: qa.TranscriptRun | None,
            complained: complaintreport.ComplaintSection | None) -> str:
    data = dict(base or {})
    for section in found:
        data["audits" if section.source == "audit" else "transcripts"] = qareport.as_data(section)
    if run is not None:
        data["transcripts"]["findings"] = [f.as_dict() for f in run.findings]
    if complained is not None:
        data["complaints"] = complaintreport.as_data(complained)
    return json.dumps(data, ensure_ascii=False, indent=2)


def as_text(found: list[qareport.Section], run: qa.TranscriptRun | None, complained: complaintreport.ComplaintSection | None) -> str:
    parts = [qareport.as_text(s) for s in found]
    if run is not None:
        lines = [t("tr.report.findings", count=len(run.findings)) + t("cp.colon") + _counts(run)]
        lines += [f"  {f.contact_id} #{'-' if f.turn is None else f.turn} {f.clause} {t('tr.kind.' + f.kind)}：「{f.text}」→ {f.hint}"
                  for f in run.findings[:SHOWN_FINDINGS]]
        if len(run.findings) > SHOWN_FINDINGS:
            lines.append("  …" + t("tr.report.more", count=len(run.findings) - SHOWN_FINDINGS))
        parts.append("\n".join(lines))
    if complained is not None:
        parts.append(complaintreport.as_text(complained))
    return "\n\n".join(parts)


def as_markdown(found: list[qareport.Section], run: qa.TranscriptRun | None, complained: complaintreport.ComplaintSection | None) -> str:
    parts = [qareport.as_markdown(s) for s in found]
    if run is not None:
        parts.append(f"## {t('tr.report.findings', count=len(run.findings))}\n\n{qareport.md_escape(_counts(run))}\n")
    if complained is not None:
        parts.append(complaintreport.as_markdown(complained))
    return "\n".join(parts)


def _counts(run: qa.TranscriptRun) -> str:
    counts: dict[str, int] = {}
    for f in run.findings:
        counts[f.kind] = counts.get(f.kind, 0) + 1
    return "，".join(f"{t('tr.kind.' + k)} {n}" for k, n in sorted(counts.items())) or "-"


def generate_transcripts(args: argparse.Namespace) -> int:
    if args.rows is None or args.rows < 1:
        raise UsageError(t("cp.bad-rows"))
    spec = tgen.Spec(contacts=args.rows, seed=args.seed)
    if args.out is None:
        tgen.write(spec, sys.stdout)
        return 0
    if args.out.exists() and not args.force:
        raise UsageError(t("cp.out-exists", path=args.out), t("cp.out-exists.hint"))
    partial = args.out.with_name(args.out.name + ".partial")
    with partial.open("w", encoding="utf-8") as out:
        planted = tgen.write(spec, out)
    partial.replace(args.out)
    print(t("tr.generated", contacts=args.rows, planted=len(planted), seed=args.seed, path=args.out), file=sys.stderr)
    return 0
