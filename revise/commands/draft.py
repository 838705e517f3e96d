"""`revise draft ID`: check out the proposal's branch for editing policies/."""

from __future__ import annotations

import argparse

from revise.commands._workflow import add_remote, root_of, run_step
from revise.messages import t
from revise.workflow import draft


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", help=t("cmd.id"))
    add_remote(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    return run_step(lambda: draft(root_of(args), args.id, remote=args.remote),
                    lambda d: t("wf.cli.drafting", id=args.id))
