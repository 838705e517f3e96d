"""`revise request --title T --source S --target DOC [...]`, or `revise request --periodic DOC`: file a revision request."""

from __future__ import annotations

import argparse

from revise.commands._workflow import add_remote, root_of
from revise.errors import UsageError
from revise.messages import t
from revise.workflow import request
from revise.workflow.steps import SOURCES


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("--title", help=t("cmd.request.title"))
    p.add_argument("--source", choices=SOURCES, help=t("cmd.request.source"))
    p.add_argument("--target", dest="targets", action="append", metavar="DOC-ID", help=t("cmd.request.target"))
    p.add_argument("--background", default="", help=t("cmd.request.background"))
    p.add_argument("--evidence", nargs="+", action="extend", default=[], metavar="TEXT", help=t("cmd.request.evidence"))
    p.add_argument("--periodic", metavar="DOC-ID", help=t("cmd.request.periodic"))
    add_remote(p)
    p.set_defaults(handler=run, parser=p)


def run(args: argparse.Namespace) -> int:
    if args.periodic:
        if args.title or args.source or args.targets or args.background or args.evidence:
            raise UsageError(t("periodic.cli.request-args"))
        from revise.workflow.periodic import request_review
        pid = request_review(root_of(args), args.periodic, remote=args.remote)
    elif args.title is None or not args.source or not args.targets:
        missing = [flag for flag, given in (("--title", args.title is not None), ("--source", args.source),
                                            ("--target", args.targets)) if not given]
        args.parser.error(f"the following arguments are required: {', '.join(missing)}")  # as argparse says it
    else:
        pid = request(root_of(args), title=args.title, source=args.source, targets=args.targets,
                      background=args.background, evidence=args.evidence, remote=args.remote)
    print(t("wf.cli.requested", id=pid))
    print(pid)
    return 0
