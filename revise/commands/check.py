"""`revise check [PATH...] [--format text|json]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path as FsPath

from revise.check import check
from revise.commands._common import repo_root
from revise.errors import UsageError
from revise.messages import t
from revise.report import as_json, as_text


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="校验政策文档（结构、引用与规则）", description="校验整个语料库，或只报告指定文件（引用仍对照全库检查）。")
    p.add_argument("paths", nargs="*", type=FsPath, help="只检查这些文件（默认全部）")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    root = repo_root(args)
    only = None
    if args.paths:
        only = []
        for path in args.paths:
            if not path.exists() and not path.is_symlink():
                raise UsageError(t("cli.no-such-path", path=path))
            absolute = path.absolute()
            if not (absolute == root or root in absolute.parents):
                raise UsageError(t("cli.path-outside-root", path=path))
            only.extend(sorted(absolute.rglob("*.y*ml")) if path.is_dir() else [absolute])
    result = check(root, only)
    out = as_json(result) if args.format == "json" else as_text(result)
    print(out, file=sys.stdout)
    return 0 if result.ok else 1
