"""`revise report ID [--out FILE]`: the review report of a proposal, Markdown for a pull request."""

from __future__ import annotations

import argparse
from pathlib import Path as FsPath

from revise.commands._common import repo_root
from revise.commands.diff import main_branch
from revise.errors import InputError
from revise.messages import t
from revise.review.report import render, review_of


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="修订提案的评审报告（Markdown，可直接作为合并请求的说明或评论）",
                       description="概要、来源与背景、数据依据、评分、语义差异、影响范围、关卡检查、生效与过渡。")
    p.add_argument("id", metavar="ID", help="提案编号，如 RP-2026-0001")
    p.add_argument("--out", type=FsPath, default=None, help="写入该文件（默认打印）")
    p.add_argument("--main", default=None, help="主分支名（默认取 revise.yaml 的 main_branch，否则 main）")
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
