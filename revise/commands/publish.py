"""`revise publish ID --effective DATE [--transition-days N]` and `revise publish ID --abort`."""

from __future__ import annotations

import argparse

from revise.commands._workflow import add_remote, root_of, run_step
from revise.errors import UsageError
from revise.messages import t


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", help=t("cmd.id"))
    p.add_argument("--effective", help=t("cmd.publish.effective"))
    p.add_argument("--transition-days", type=int, default=0, help=t("cmd.publish.transition-days"))
    p.add_argument("--abort", action="store_true", help=t("cmd.publish.abort"))
    add_remote(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from revise.workflow import publish
    root = root_of(args)
    if args.abort:
        plan = publish.abort(root, args.id)
        print(t("wf.cli.aborted", id=args.id, main=plan["old_main"][:10]))
        return 0
    if not args.effective:
        raise UsageError(t("wf.cli.effective-required"))
    code = run_step(lambda: publish.publish(root, args.id, effective=args.effective,
                                            transition_days=args.transition_days, remote=args.remote),
                    lambda plan: t("wf.cli.published", id=args.id, tag=plan["tag_ref"].removeprefix("refs/tags/"),
                                   effective=plan["publication"]["effective"],
                                   versions=", ".join(f"{k} v{v}" for k, v in plan["publication"]["versions"].items())))
    from revise.public.site import after_publish  # the public promises page follows the publication
    said = after_publish(root, args.id)
    if said:
        print(said)
    return code
