"""`revise preview ID [--out DIR]`: the handbook of a proposal's branch, its changed clauses marked."""

from __future__ import annotations

import argparse
from pathlib import Path as FsPath

from revise.commands._common import repo_root
from revise.commands.diff import main_branch
from revise.messages import t
from revise.review.semdiff.preview import build


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", metavar="ID", help=t("cmd.id"))
    p.add_argument("--out", type=FsPath, default=None, help=t("cmd.preview.out"))
    p.add_argument("--main", default=None, help=t("cmd.main"))
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    root = repo_root(args)
    out = args.out if args.out is not None else root / "build" / "preview" / args.id
    result = build(root, args.id, out, main_branch(root, args.main))
    print(t("preview.done", out=result.out / "index.html", pages=len(result.pages)))
    for page in result.pages:
        print(f"  {result.out / page.removesuffix('.md')}/index.html")
    return 0
