"""`revise score ID --impact N --cost N --urgency N [--note TEXT]`."""

from __future__ import annotations

import argparse

from revise.commands._workflow import add_remote, root_of, run_step, said
from revise.messages import t
from revise.workflow import score


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", help=t("cmd.id"))
    p.add_argument("--impact", type=int, required=True, help=t("cmd.score.impact"))
    p.add_argument("--cost", type=int, required=True, help=t("cmd.score.cost"))
    p.add_argument("--urgency", type=int, required=True, help=t("cmd.score.urgency"))
    p.add_argument("--note", default="", help=t("cmd.score.note"))
    add_remote(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    return run_step(lambda: score(root_of(args), args.id, impact=args.impact, cost=args.cost, urgency=args.urgency,
                                  note=args.note, remote=args.remote), lambda d: said(args.id, d))
