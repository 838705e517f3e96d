"""`revise restore ID` (the author): put back a tampered proposal file as its genuine step commits left it."""

from __future__ import annotations

import argparse

from revise.commands._workflow import add_remote, root_of, run_step, said
from revise.messages import t
from revise.workflow.steps import restore


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", help=t("cmd.id"))
    add_remote(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    return run_step(lambda: restore(root_of(args), args.id, remote=args.remote), lambda d: said(args.id, d))
