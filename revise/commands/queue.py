"""`revise queue [--format text|json]`: open proposals on all branches, ranked by priority."""

from __future__ import annotations

import argparse
import sys

from revise.commands._workflow import add_remote, dump, root_of
from revise.messages import t
from revise.workflow.labels import label
from revise.workflow.queue import queue


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=("text", "json"), default="text", help=t("cmd.format"))
    add_remote(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    q = queue(root_of(args), args.remote)
    if args.format == "json":
        dump(q)
        return 0
    rows = q["proposals"]
    if not rows:
        print(t("wf.cli.queue-empty"))
    for r in rows:
        prio = "—" if r["priority"] is None else f"{r['priority']:.2f}"
        print(f"{r['rank']:>3}. {r['id']}  {prio:>5}  {label('state', r['state'])}  {r['title']}  "
              f"({t('wf.cli.scores', n=r['scores'])}, {r['created'][:10]}, {r['branch']})")
    for bad in q["unreadable"]:
        print(t("wf.cli.unreadable", id=bad["id"], branch=bad["branch"], error=bad["error"]), file=sys.stderr)
    return 0
