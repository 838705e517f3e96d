"""`revise withdraw ID [-m TEXT]` (the author)."""

from __future__ import annotations

import argparse

from revise.commands._workflow import add_remote, root_of, run_step, said
from revise.workflow import withdraw


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("withdraw", help="撤回自己的提案（发起人）")
    p.add_argument("id")
    p.add_argument("-m", "--message", default="", help="撤回原因")
    add_remote(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    return run_step(lambda: withdraw(root_of(args), args.id, reason=args.message, remote=args.remote),
                    lambda d: said(args.id, d))
