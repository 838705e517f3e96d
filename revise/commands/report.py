"""`revise report ID [--out FILE]`: the review report of a proposal, Markdown for a pull request."""

from __future__ import annotations

import argparse
from pathlib import Path as FsPath

from revise.commands._common import repo_root
from revise.commands.diff import main_branch
from revise.errors import InputError
from revise.messages import t
from revise.review.report import render, review_of


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", metavar="ID", help=t("cmd.id"))
    p.add_argument("--out", type=FsPath, default=None, help=t("cmd.report.out"))
    p.add_argument("--main", default=None, help=t("cmd.main"))
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    root = repo_root(args)
    text = render(review_of(root, args.id, main_branch(root, args.main)))
    if args.out is None:
        print(text, end="")
        return 0
    try:
        args.out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(t("report.cannot-write", path=args.out, reason=exc.strerror or str(exc))) from None
    return 0
