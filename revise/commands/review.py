"""`revise review ID --as AREA (--approve|--reject|--request-changes) [-m TEXT]`."""

from __future__ import annotations

import argparse

from revise.commands._workflow import add_remote, root_of, run_step, said
from revise.workflow import review


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("review", help="评审草案（法务、业务或 IT）")
    p.add_argument("id")
    p.add_argument("--as", dest="area", required=True, choices=("legal", "business", "it"), help="评审领域")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--approve", dest="decision", action="store_const", const="approve")
    g.add_argument("--reject", dest="decision", action="store_const", const="reject")
    g.add_argument("--request-changes", dest="decision", action="store_const", const="request-changes")
    p.add_argument("-m", "--message", default="", help="评审意见")
    add_remote(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    return run_step(lambda: review(root_of(args), args.id, area=args.area, decision=args.decision,
                                   message=args.message, remote=args.remote), lambda d: said(args.id, d))
