"""`revise request --title T --source S --target DOC [...]`: file a revision request."""

from __future__ import annotations

import argparse

from revise.commands._workflow import add_remote, root_of
from revise.messages import t
from revise.workflow import request
from revise.workflow.steps import SOURCES


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("--title", required=True, help=t("cmd.request.title"))
    p.add_argument("--source", required=True, choices=SOURCES, help=t("cmd.request.source"))
    p.add_argument("--target", dest="targets", action="append", required=True, metavar="DOC-ID", help=t("cmd.request.target"))
    p.add_argument("--background", default="", help=t("cmd.request.background"))
    p.add_argument("--evidence", nargs="+", action="extend", default=[], metavar="TEXT", help=t("cmd.request.evidence"))
    add_remote(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    pid = request(root_of(args), title=args.title, source=args.source, targets=args.targets,
                  background=args.background, evidence=args.evidence, remote=args.remote)
    print(t("wf.cli.requested", id=pid))
    print(pid)
    return 0
