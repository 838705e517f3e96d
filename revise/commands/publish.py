"""`revise publish ID --effective DATE [--transition-days N]`, `revise publish ID --no-change` and `revise publish ID --abort`."""

from __future__ import annotations

import argparse
from typing import Any

from revise.commands._workflow import add_remote, root_of, run_step
from revise.errors import UsageError
from revise.messages import t


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", help=t("cmd.id"))
    p.add_argument("--effective", help=t("cmd.publish.effective"))
    p.add_argument("--transition-days", type=int, default=None, help=t("cmd.publish.transition-days"))
    p.add_argument("--no-change", action="store_true", help=t("cmd.publish.no-change"))
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
    if args.no_change:
        if args.effective or args.transition_days is not None:
            raise UsageError(t("periodic.no-change-options"))
        return run_step(lambda: publish.publish(root, args.id, no_change=True, remote=args.remote), _done)
    if not args.effective:
        raise UsageError(t("wf.cli.effective-required"))
    code = run_step(lambda: publish.publish(root, args.id, effective=args.effective,
                                            transition_days=args.transition_days or 0, remote=args.remote), _done)
    from revise.public.site import after_publish  # the public promises page follows the publication
    said = after_publish(root, args.id)
    if said:
        print(said)
    return code


def _done(plan: dict[str, Any]) -> str:
    """What was published (a resumed publish says what the interrupted one was doing)."""
    pub, tag = plan["publication"], plan["tag_ref"].removeprefix("refs/tags/")
    if pub.get("no_change"):
        return t("periodic.cli.published", id=plan["id"], tag=tag, docs=", ".join(pub["reviewed"]))
    return t("wf.cli.published", id=plan["id"], tag=tag, effective=pub["effective"],
             versions=", ".join(f"{k} v{v}" for k, v in pub["versions"].items()))
