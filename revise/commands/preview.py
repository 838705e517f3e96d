"""`revise preview ID [--out DIR]`: the handbook of a proposal's branch, its changed clauses marked."""

from __future__ import annotations

import argparse
from pathlib import Path as FsPath

from revise.commands._common import repo_root
from revise.commands.diff import main_branch
from revise.messages import t
from revise.review.semdiff.preview import build


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("preview", help="用提案分支生成员工手册，并标出改动的条款",
                       description="在临时工作区中检出 revise/<编号> 分支生成手册，改动的条款在页面上高亮，页首列出本页的改动。")
    p.add_argument("id", metavar="ID", help="提案编号，如 RP-2026-0001")
    p.add_argument("--out", type=FsPath, default=None, help="输出目录（默认 build/preview/<编号>）")
    p.add_argument("--main", default=None, help="主分支名（默认取 revise.yaml 的 main_branch，否则 main）")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    root = repo_root(args)
    out = args.out if args.out is not None else root / "build" / "preview" / args.id
    result = build(root, args.id, out, main_branch(root, args.main))
    print(t("preview.done", out=result.out / "index.html", pages=len(result.pages)))
    for page in result.pages:
        print(f"  {result.out / page.removesuffix('.md')}/index.html")
    return 0
