"""`revise request --title T --source S --target DOC [...]`: file a revision request."""

from __future__ import annotations

import argparse

from revise.commands._workflow import add_remote, root_of
from revise.messages import t
from revise.workflow import request
from revise.workflow.steps import SOURCES


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("request", help="提出修订需求（创建提案文件与分支 revise/<编号>）",
                       description="创建提案编号、提案文件和分支；标准输出最后一行只有提案编号。标题以 - 开头时写成 --title=-…")
    p.add_argument("--title", required=True, help="标题（任意文字）")
    p.add_argument("--source", required=True, choices=SOURCES, help="需求来源")
    p.add_argument("--target", dest="targets", action="append", required=True, metavar="DOC-ID", help="涉及的文档编号（可重复）")
    p.add_argument("--background", default="", help="背景")
    p.add_argument("--evidence", nargs="+", action="extend", default=[], metavar="TEXT", help="数据依据（可多条）")
    add_remote(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    pid = request(root_of(args), title=args.title, source=args.source, targets=args.targets,
                  background=args.background, evidence=args.evidence, remote=args.remote)
    print(t("wf.cli.requested", id=pid))
    print(pid)
    return 0
