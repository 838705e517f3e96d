"""`revise submit ID`: commit the draft under policies/, check it, record its digest; state → review."""

from __future__ import annotations

import argparse

from revise.commands._workflow import add_remote, root_of, run_step
from revise.messages import t
from revise.workflow import submit


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", help=t("cmd.id"))
    add_remote(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    return run_step(lambda: submit(root_of(args), args.id, remote=args.remote),
                    lambda d: t("wf.cli.submitted", id=args.id, docs=", ".join(d["draft"]["changed"]) or "—",
                                digest=d["draft"]["digest"][:19], it=t("wf.cli.required") if d["draft"]["technical"] else t("wf.cli.optional")))
