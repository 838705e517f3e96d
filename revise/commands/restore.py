"""`revise restore ID` (the author): put back a tampered proposal file as its genuine step commits left it."""

from __future__ import annotations

import argparse

from revise.commands._workflow import add_remote, root_of, run_step, said
from revise.workflow.steps import restore


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("restore", help="把被篡改的提案文件恢复为最后一次真实步骤后的样子（发起人）",
                       description="提案文件只能由修订步骤的提交改动；其他改动使提案处于「记录被篡改」状态，"
                                   "之后的步骤与发布都会被拒绝。本命令提交一个 restore 步骤，把文件恢复为篡改前最后一次真实步骤后的样子。")
    p.add_argument("id")
    add_remote(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    return run_step(lambda: restore(root_of(args), args.id, remote=args.remote), lambda d: said(args.id, d))
