"""`revise draft ID`: check out the proposal's branch for editing policies/."""

from __future__ import annotations

import argparse

from revise.commands._workflow import add_remote, root_of, run_step
from revise.messages import t
from revise.workflow import draft


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("draft", help="检出提案分支，开始在 policies/ 中起草")
    p.add_argument("id")
    add_remote(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    return run_step(lambda: draft(root_of(args), args.id, remote=args.remote),
                    lambda d: t("wf.cli.drafting", id=args.id))
