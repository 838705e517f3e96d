"""`revise score ID --impact N --cost N --urgency N [--note TEXT]`."""

from __future__ import annotations

import argparse

from revise.commands._workflow import add_remote, root_of, run_step, said
from revise.workflow import score


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("score", help="为提案评分（影响范围、实施成本、紧急程度，各 1–5）")
    p.add_argument("id")
    p.add_argument("--impact", type=int, required=True, help="影响范围 1–5")
    p.add_argument("--cost", type=int, required=True, help="实施成本 1–5（越高越贵）")
    p.add_argument("--urgency", type=int, required=True, help="紧急程度 1–5")
    p.add_argument("--note", default="", help="说明")
    add_remote(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    return run_step(lambda: score(root_of(args), args.id, impact=args.impact, cost=args.cost, urgency=args.urgency,
                                  note=args.note, remote=args.remote), lambda d: said(args.id, d))
