"""`revise check [PATH...] [--format text|json] [--strict] [--no-cache] [--select RULE...] [--ignore RULE...]`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path as FsPath

from revise.commands._common import repo_root
from revise.corpus.documents import SUFFIXES
from revise.errors import UsageError
from revise.messages import t


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="校验政策文档（结构、引用与规则）",
                       description="校验整个语料库，或只报告指定文件（引用仍对照全库检查）。退出码：0 通过，1 发现错误，2 用法错误。")
    p.add_argument("paths", nargs="*", type=FsPath, help="只检查这些文件或目录（默认全部）")
    p.add_argument("--format", choices=("text", "json"), default="text", help="输出格式：text（默认，给人看）或 json（给程序）")
    p.add_argument("--strict", action="store_true", help="警告也算失败（退出码 1）")
    p.add_argument("--no-cache", action="store_true",
                   help="不读写 .revise-cache/（默认按文件内容缓存单文件结果；也可设 REVISE_NO_CACHE=1）")
    p.add_argument("--select", action="append", metavar="RULE[,RULE...]",
                   help="只报告这些规则（编号或前缀，如 ref-,privacy；可重复；代替 revise.yaml 的 check.select）")
    p.add_argument("--ignore", action="append", metavar="RULE[,RULE...]",
                   help="不报告这些规则（编号或前缀；可重复；与 revise.yaml 的 check.ignore 合并）。规则列表见 revise rules")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from revise.check.engine import check  # imported here: building the parser for other commands stays light
    from revise.check.report import as_json, as_text

    root = repo_root(args)
    only = _named_files(root, args.paths) if args.paths else None
    use_cache = not args.no_cache and not os.environ.get("REVISE_NO_CACHE")
    result = check(root, only, cache=use_cache, select=_names(args.select), ignore=_names(args.ignore))
    out = as_json(result) if args.format == "json" else as_text(result)
    print(out, file=sys.stdout)
    failed = result.errors or (args.strict and result.warnings)
    return 1 if failed else 0


def _names(values: list[str] | None) -> list[str] | None:
    """Rule names from repeated options, each comma-separated (`--ignore a,b --ignore c`)."""
    return None if values is None else [name for value in values for name in value.split(",") if name]


def _named_files(root: FsPath, paths: list[FsPath]) -> list[FsPath]:
    """The files named on the command line (folders expanded), each checked to be inside `root`."""
    only: list[FsPath] = []
    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise UsageError(t("cli.no-such-path", path=path))
        absolute = path.absolute()
        if not (absolute == root or root in absolute.parents):
            resolved = path.resolve()
            if not (resolved == root or root in resolved.parents):
                raise UsageError(t("cli.path-outside-root", path=path))
            absolute = resolved
        if path.is_dir():
            only.extend(sorted(f for f in absolute.rglob("*") if f.name.endswith(SUFFIXES)))
        else:
            only.append(absolute)
    return only
