"""`revise compliance [EXPORT] [--audits FILE] [--transcripts FILE] [--month M] [--by D] [--format F] [--propose]`,
`revise compliance form --channel C [--script S] [--format md|html|csv]` and
`revise compliance generate [--kind tickets|transcripts] --rows N --seed S --out FILE`."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path as FsPath

from revise.commands import _qa
from revise.commands._common import parse_date, repo_root
from revise.compliance import config as compliance_config
from revise.compliance import generate as gen
from revise.compliance.columns import load_mapping
from revise.compliance.evaluate import GROUPS, evaluate, plan
from revise.compliance.load import Export, Settings, open_export
from revise.compliance import qa
from revise.compliance.config import ComplianceConfig
from revise.compliance.propose import Filed, file_requests, requests
from revise.compliance.report import Context, as_data, as_markdown, as_text, describe, reason_text
from revise.compliance.targets import Target
from revise.compliance.versions import targets_over
from revise.corpus.documents import Corpus, load
from revise.errors import UsageError
from revise.messages import t
from revise.schema.schemaset import SchemaSet

MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("export", nargs="?", help=t("cmd.compliance.export"))
    p.add_argument("--month", help=t("cmd.compliance.month"))
    p.add_argument("--by", choices=tuple(GROUPS), help=t("cmd.compliance.by"))
    p.add_argument("--format", choices=("text", "md", "json", "html", "csv"), default="text", help=t("cmd.compliance.format"))
    p.add_argument("--mapping", type=FsPath, help=t("cmd.compliance.mapping"))
    p.add_argument("--worst", type=int, default=5, help=t("cmd.compliance.worst"))
    p.add_argument("--sql", action="store_true", help=t("cmd.compliance.sql"))
    p.add_argument("--propose", action="store_true", help=t("cmd.compliance.propose"))
    p.add_argument("--remote", help=t("cmd.compliance.remote"))
    p.add_argument("--as-of", dest="as_of", metavar="YYYY-MM-DD", help=t("cmd.compliance.as-of"))
    p.add_argument("--memory-limit", default="1GB", help=t("cmd.compliance.memory-limit"))
    p.add_argument("--threads", type=int, help=t("cmd.compliance.threads"))
    g = p.add_argument_group("generate")
    g.add_argument("--rows", type=int, help=t("cmd.compliance.rows"))
    g.add_argument("--seed", type=int, default=1, help=t("cmd.compliance.seed"))
    g.add_argument("--out", type=FsPath, help=t("cmd.compliance.out"))
    g.add_argument("--start", default="2026-01", help=t("cmd.compliance.start"))
    g.add_argument("--months", type=int, default=3, help=t("cmd.compliance.months"))
    g.add_argument("--no-breach", action="store_true", help=t("cmd.compliance.no-breach"))
    g.add_argument("--dirty", action="store_true", help=t("cmd.compliance.dirty"))
    g.add_argument("--force", action="store_true", help=t("cmd.compliance.force"))
    _qa.add_arguments(p)
    g.add_argument("--faster-from", metavar="YYYY-MM-DD", help=t("cmd.compliance.faster-from"))
    g.add_argument("--faster", type=float, default=1.0, help=t("cmd.compliance.faster"))
    g.add_argument("--refunds", action="store_true", help=t("cmd.compliance.refunds"))
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.export == "generate":
        return _qa.generate_transcripts(args) if args.kind == "transcripts" else _generate(args)
    if args.month is not None and not MONTH.match(args.month):
        raise UsageError(t("cp.bad-month", month=args.month), t("cp.bad-month.hint"))
    root = repo_root(args)
    schemas = SchemaSet(root / "schemas")
    if args.export == "form":
        return _qa.run_form(args, load(root), schemas)
    if args.format in ("html", "csv"):
        raise UsageError(t("qa.format-form-only", format=args.format), t("qa.format-form-only.hint"))
    if args.raise_id is not None:
        return _qa.raise_suggestion(args, root, load(root), schemas)
    if args.export is None and args.audits is None and args.transcripts is None and args.complaints is None:
        raise UsageError(t("qa.nothing"), t("qa.nothing.hint"))
    cfg = compliance_config.load(root)
    corpus = load(root)
    found, transcripts = _qa.sections(args, corpus, schemas, cfg)
    complained, complaint_requests, _matcher = _qa.complaint_section(args, corpus, schemas, cfg, transcripts)
    ctx, filed = None, None
    if args.export is not None:
        ctx = _tickets(args, root, corpus, schemas, cfg)
        if ctx is None:
            return 0
    if args.propose:
        wanted = (requests(ctx, cfg) if ctx else []) + qa.requests(found, cfg.months) + complaint_requests
        filed = file_requests(root, wanted, remote=args.remote)
    print(_render(args.format, ctx, found, transcripts, complained))
    if filed is not None:
        _print_filed(filed, cfg.months)
    tickets_failed = ctx is not None and any(r.breached(r.total, cfg.breach_rate) for r in ctx.evaluation.results)
    return 1 if tickets_failed or _qa.failed(found, transcripts) else 0


def _tickets(args: argparse.Namespace, root: FsPath, corpus: Corpus, schemas: SchemaSet, cfg: ComplianceConfig) -> Context | None:
    """The ticket export evaluated (None when only the SQL was asked for, and printed)."""
    export = open_export(FsPath(args.export), load_mapping(args.mapping), Settings(args.memory_limit, args.threads), schemas)
    try:
        targets = targets_over(corpus, export.first, export.last)
        if args.sql:
            print(_sql(export, targets, args, schemas))
            return None
        evaluation = evaluate(export, targets, by=args.by, month=args.month, schemas=schemas, worst=args.worst)
        return Context(export, evaluation, cfg.breach_rate, schemas, args.export, parse_date(args.as_of))
    finally:
        export.close()


def _render(fmt: str, ctx: Context | None, found: list, transcripts: qa.TranscriptRun | None, complained: object) -> str:
    if fmt == "json":
        return _qa.as_json(as_data(ctx) if ctx else None, found, transcripts, complained)  # type: ignore[arg-type]
    if fmt == "md":
        return "\n".join(p for p in ((as_markdown(ctx) if ctx else ""), _qa.as_markdown(found, transcripts, complained)) if p)  # type: ignore[arg-type]
    return "\n\n".join(p for p in ((as_text(ctx) if ctx else ""), _qa.as_text(found, transcripts, complained)) if p)  # type: ignore[arg-type]


def _sql(export: Export, targets: list[Target], args: argparse.Namespace, schemas: SchemaSet) -> str:
    planned, unmeasurable = plan(export, targets, by=args.by, month=args.month, schemas=schemas, worst=args.worst)
    parts = []
    for p in planned:
        parts.append(f"-- {p.target.ref}: {describe(p.target, schemas)}\n{p.sql};\n")
    parts += [f"-- {u.target.ref}: {reason_text(u)}\n" for u in unmeasurable]
    return "\n".join(parts)


def _print_filed(filed: list[Filed], months: int) -> None:
    if not filed:
        print(t("cp.propose.none", months=months), file=sys.stderr)
    for item in filed:
        key = "cp.propose.filed" if item.action == "filed" else "cp.propose.exists"
        print(t(key, id=item.proposal, title=item.title, ref=item.ref), file=sys.stderr)


def _generate(args: argparse.Namespace) -> int:
    if args.rows is None or args.rows < 1 or args.months < 1:
        raise UsageError(t("cp.bad-rows"))
    if not MONTH.match(args.start):
        raise UsageError(t("cp.bad-month", month=args.start), t("cp.bad-month.hint"))
    if args.faster_from is not None:
        parse_date(args.faster_from)
    if args.faster <= 0:
        raise UsageError(t("cp.bad-faster", value=args.faster))
    spec = gen.Spec(rows=args.rows, seed=args.seed, start=args.start, months=args.months,
                    breach=not args.no_breach, dirty=args.dirty, faster_from=args.faster_from, faster=args.faster,
                    refunds=args.refunds)
    if args.out is None:
        gen.write(spec, sys.stdout)
        return 0
    if args.out.exists() and not args.force:
        raise UsageError(t("cp.out-exists", path=args.out), t("cp.out-exists.hint"))
    partial = args.out.with_name(args.out.name + ".partial")
    count = gen.write_file(spec, partial)
    partial.replace(args.out)
    print(t("cp.generated", rows=count, seed=args.seed, path=args.out), file=sys.stderr)
    return 0
