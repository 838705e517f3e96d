"""`revise publish ID --effective DATE [--transition-days N]` and `revise publish ID --abort`."""

from __future__ import annotations

import argparse

from revise.commands._workflow import add_remote, root_of, run_step
from revise.errors import UsageError
from revise.messages import t
from revise.workflow import publish


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("publish", help="发布：复核全部关卡，升版本，合并到主分支并打标签",
                       description="中断后再次执行同一命令即可继续；--abort 撤销一次中断的发布。")
    p.add_argument("id")
    p.add_argument("--effective", help="生效日期 YYYY-MM-DD（今天或以后）")
    p.add_argument("--transition-days", type=int, default=0, help="过渡期天数（默认 0）")
    p.add_argument("--abort", action="store_true", help="撤销一次中断的发布")
    add_remote(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    root = root_of(args)
    if args.abort:
        plan = publish.abort(root, args.id)
        print(t("wf.cli.aborted", id=args.id, main=plan["old_main"][:10]))
        return 0
    if not args.effective:
        raise UsageError(t("wf.cli.effective-required"))
    return run_step(lambda: publish.publish(root, args.id, effective=args.effective,
                                            transition_days=args.transition_days, remote=args.remote),
                    lambda plan: t("wf.cli.published", id=args.id, tag=plan["tag_ref"].removeprefix("refs/tags/"),
                                   effective=plan["publication"]["effective"],
                                   versions=", ".join(f"{k} v{v}" for k, v in plan["publication"]["versions"].items())))
