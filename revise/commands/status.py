"""`revise status ID [--format text|json]`: state, priority, gates and what must happen next."""

from __future__ import annotations

import argparse

from revise.commands._workflow import add_remote, dump, root_of
from revise.messages import t
from revise.workflow.labels import label
from revise.workflow.view import status


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", help=t("cmd.id"))
    p.add_argument("--format", choices=("text", "json"), default="text", help=t("cmd.format"))
    add_remote(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    st = status(root_of(args), args.id, args.remote)
    if args.format == "json":
        dump(st)
        return 0
    prio = "—" if st["priority"] is None else f"{st['priority']:.2f}"
    print(f"{st['id']}  {st['title']}")
    print(t("wf.cli.status-line", state=st["state_label"], priority=prio, author=st["author"], branch=st["branch"]))
    if st["draft"]["recorded"] or st["draft"]["changed"]:
        stale = t("wf.cli.stale") if st["draft"]["stale"] else ""
        print(t("wf.cli.status-draft", docs=", ".join(st["draft"]["changed"]) or "-",
                digest=(st["draft"]["recorded"] or "-")[:19], stale=stale))
    for g in st["gates"]:
        need = t("wf.cli.required") if g["required"] else t("wf.cli.optional")
        who = f"  {g['by']} {g['at'] or ''}" if g["by"] else ""
        print(t("cli.status-gate", status=g["status"], area=label("area", g["area"]), need=need, who=who))
        if g["status"] in ("pending", "stale", "running") and g["eligible"]:
            print(f"      {t('wf.cli.eligible')}: {', '.join(g['eligible'])}")
    for p in st["signatures"]["problems"]:
        print(t("wf.cli.sig-problem", commit=p["commit"][:10], author=p["author"], problem=t(f"wf.sig.{p['problem']}")))
    print(t("wf.cli.next", next=st["next"]))
    return 0
