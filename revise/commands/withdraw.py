"""`revise withdraw ID [-m TEXT]` (the author)."""

from __future__ import annotations

import argparse

from revise.commands._workflow import add_remote, root_of, run_step, said
from revise.messages import t
from revise.workflow import withdraw


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", help=t("cmd.id"))
    p.add_argument("-m", "--message", default="", help=t("cmd.withdraw.message"))
    add_remote(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    return run_step(lambda: withdraw(root_of(args), args.id, reason=args.message, remote=args.remote),
                    lambda d: said(args.id, d))
