"""`revise review ID --as AREA (--approve|--reject|--request-changes) [-m TEXT]`."""

from __future__ import annotations

import argparse

from revise.commands._workflow import add_remote, root_of, run_step, said
from revise.messages import t
from revise.workflow import review


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", help=t("cmd.id"))
    p.add_argument("--as", dest="area", required=True, choices=("legal", "business", "it"), help=t("cmd.review.as"))
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--approve", dest="decision", action="store_const", const="approve", help=t("cmd.review.approve"))
    g.add_argument("--reject", dest="decision", action="store_const", const="reject", help=t("cmd.review.reject"))
    g.add_argument("--request-changes", dest="decision", action="store_const", const="request-changes",
                   help=t("cmd.review.request-changes"))
    p.add_argument("-m", "--message", default="", help=t("cmd.review.message"))
    add_remote(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    return run_step(lambda: review(root_of(args), args.id, area=args.area, decision=args.decision,
                                   message=args.message, remote=args.remote), lambda d: said(args.id, d))
