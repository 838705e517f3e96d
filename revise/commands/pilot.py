"""`revise pilot ID --start|--result|--pass|--fail|--waive ...`: the pilot of a proposal."""

from __future__ import annotations

import argparse

from revise.commands._workflow import add_remote, root_of, run_step, said
from revise.errors import UsageError
from revise.messages import t
from revise.workflow import pilot


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("pilot", help="试点：开始、记录指标、判定通过/未通过，或由负责人免于试点")
    p.add_argument("id")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--start", action="store_true", help="开始试点（需 --scope 与 --until）")
    g.add_argument("--result", nargs="+", action="extend", metavar="METRIC=VALUE", help="记录试点指标结果")
    g.add_argument("--pass", dest="passed", action="store_true", help="试点通过")
    g.add_argument("--fail", dest="failed", action="store_true", help="试点未通过")
    g.add_argument("--waive", action="store_true", help="免于试点（仅管理会负责人，需 --reason）")
    p.add_argument("--scope", default="", help="试点范围（文字）")
    p.add_argument("--region", default="", help="试点区域")
    p.add_argument("--group", default="", help="试点客户群")
    p.add_argument("--channel", default="", help="试点渠道（common.schema.json 中的渠道代码）")
    p.add_argument("--until", default="", help="试点截止日期 YYYY-MM-DD")
    p.add_argument("--baseline", nargs="+", action="extend", default=[], metavar="METRIC=VALUE", help="指标基线")
    p.add_argument("--target", nargs="+", action="extend", default=[], metavar="METRIC=VALUE", help="指标目标")
    p.add_argument("--reason", default="", help="免于试点的原因")
    p.add_argument("-m", "--message", default="", help="结论说明")
    add_remote(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
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
