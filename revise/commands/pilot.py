"""`revise pilot ID --start|--result|--pass|--fail|--waive ...`: the pilot of a proposal."""

from __future__ import annotations

import argparse

from revise.commands._workflow import add_remote, root_of, run_step, said
from revise.errors import UsageError
from revise.messages import t


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", help=t("cmd.id"))
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--start", action="store_true", help=t("cmd.pilot.start"))
    g.add_argument("--result", nargs="+", action="extend", metavar="METRIC=VALUE", help=t("cmd.pilot.result"))
    g.add_argument("--pass", dest="passed", action="store_true", help=t("cmd.pilot.pass"))
    g.add_argument("--fail", dest="failed", action="store_true", help=t("cmd.pilot.fail"))
    g.add_argument("--waive", action="store_true", help=t("cmd.pilot.waive"))
    p.add_argument("--scope", default="", help=t("cmd.pilot.scope"))
    p.add_argument("--region", default="", help=t("cmd.pilot.region"))
    p.add_argument("--group", default="", help=t("cmd.pilot.group"))
    p.add_argument("--channel", default="", help=t("cmd.pilot.channel"))
    p.add_argument("--until", default="", help=t("cmd.pilot.until"))
    p.add_argument("--baseline", nargs="+", action="extend", default=[], metavar="METRIC=VALUE", help=t("cmd.pilot.baseline"))
    p.add_argument("--target", nargs="+", action="extend", default=[], metavar="METRIC=VALUE", help=t("cmd.pilot.target"))
    p.add_argument("--reason", default="", help=t("cmd.pilot.reason"))
    p.add_argument("-m", "--message", default="", help=t("cmd.pilot.message"))
    add_remote(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from revise.workflow import pilot
    root, pid, remote = root_of(args), args.id, args.remote
    if args.start:
        if not args.scope or not args.until:
            raise UsageError(t("wf.cli.pilot-start-args"))
        fn = lambda: pilot.start(root, pid, scope=args.scope, until=args.until, region=args.region,
                                 customer_group=args.group, channel=args.channel, remote=remote)
    elif args.result:
        fn = lambda: pilot.record(root, pid, results=_pairs(args.result), baselines=_pairs(args.baseline),
                                  targets=_pairs(args.target), remote=remote)
    elif args.waive:
        fn = lambda: pilot.waive(root, pid, reason=args.reason, remote=remote)
    else:
        fn = lambda: pilot.decide(root, pid, passed=bool(args.passed), message=args.message, remote=remote)
    return run_step(fn, lambda d: said(pid, d))


def _pairs(items: list[str]) -> dict[str, float]:
    """`["first_reply_seconds=18"]` → `{"first_reply_seconds": 18}`; a `UsageError` for anything else."""
    out: dict[str, float] = {}
    for item in items:
        metric, sep, value = item.partition("=")
        try:
            if not sep or not metric:
                raise ValueError(item)
            number = float(value)
            out[metric.strip()] = int(number) if number.is_integer() else number
        except ValueError:
            raise UsageError(t("wf.cli.bad-pair", item=item)) from None
    return out
