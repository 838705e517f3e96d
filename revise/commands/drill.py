"""`revise drill EP-ID --date D --result pass|partial|fail --findings TEXT [--raise] [--remote NAME]`."""

from __future__ import annotations

import argparse

from revise.commands._workflow import add_remote, root_of
from revise.messages import t
from revise.workflow.drills import RESULTS


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("plan", metavar="EP-ID", help=t("cmd.drill.plan"))
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD", help=t("cmd.drill.date"))
    p.add_argument("--result", required=True, choices=RESULTS, help=t("cmd.drill.result"))
    p.add_argument("--findings", required=True, metavar="TEXT", help=t("cmd.drill.findings"))
    p.add_argument("--raise", dest="raise_request", action="store_true", help=t("cmd.drill.raise"))
    add_remote(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from revise.workflow.drilllog import result_label
    from revise.workflow.drills import record
    done = record(root_of(args), args.plan, day=args.date, result=args.result, findings=args.findings,
                  raise_request=args.raise_request, remote=args.remote)
    entry = done["drill"]
    print(t("drill.cli.recorded", plan=done["plan"], date=entry["date"], result=result_label(entry["result"]),
            file=done["file"], commit=done["commit"][:10]))
    if done["proposal"]:
        print(t("drill.cli.raised", id=done["proposal"]))
        print(done["proposal"])
    return 0
