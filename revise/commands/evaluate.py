"""`revise evaluate ID EXPORT [--weeks N] [--record] [--format text|json] [--mapping FILE]`.

Exit 0 when the revision achieved what it promised, 1 when not; 2 for bad input (a proposal
not published, without measurable changes, an export that does not cover both windows): nothing
is written then. `--record` stores the evaluation with the archive record (QA only).
"""

from __future__ import annotations

import argparse
from pathlib import Path as FsPath

from revise.commands._common import repo_root
from revise.commands._workflow import add_remote
from revise.compliance import effect as effects
from revise.compliance.effect_report import as_json, as_text
from revise.compliance.load import Settings
from revise.messages import t
from revise.schema.schemaset import SchemaSet


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", metavar="ID", help=t("cmd.id"))
    p.add_argument("export", type=FsPath, help=t("cmd.evaluate.export"))
    p.add_argument("--weeks", type=int, default=4, help=t("cmd.evaluate.weeks"))
    p.add_argument("--record", action="store_true", help=t("cmd.evaluate.record"))
    p.add_argument("--format", choices=("text", "json"), default="text", help=t("cmd.format"))
    p.add_argument("--mapping", type=FsPath, help=t("cmd.compliance.mapping"))
    p.add_argument("--memory-limit", default="1GB", help=t("cmd.compliance.memory-limit"))
    add_remote(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    root = repo_root(args)
    effect = effects.evaluate_revision(root, args.id, args.export, weeks=args.weeks, mapping=args.mapping,
                                       settings=Settings(args.memory_limit))
    record = effects.record(root, effect, remote=args.remote) if args.record else None
    print(as_json(effect) if args.format == "json" else as_text(effect, SchemaSet(root / "schemas"), str(args.export)))
    if record is not None:
        print(t("effect.recorded", id=args.id, n=len(record.get("evaluations") or [])))
    return 0 if effect.achieved else 1
