"""`revise reject ID -m TEXT` (committee chair)."""

from __future__ import annotations

import argparse

from revise.commands._workflow import add_remote, root_of, run_step, said
from revise.workflow import reject


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("reject", help="否决提案（管理会负责人）")
    p.add_argument("id")
    p.add_argument("-m", "--message", required=True, help="否决原因")
    add_remote(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    return run_step(lambda: reject(root_of(args), args.id, reason=args.message, remote=args.remote),
                    lambda d: said(args.id, d))
