"""`revise notice ID [--format text|json] [--record] [--remote NAME]`: the customer notice of a revision.

Exit 2 when the proposal changes no public promise (nothing to tell customers), or when
`--record` is asked for a proposal not yet published; nothing is written then.
"""

from __future__ import annotations

import argparse
import json

from revise.commands._common import repo_root
from revise.commands._workflow import add_remote
from revise.commands.diff import main_branch
from revise.messages import t
from revise.public import notice as customer_notice
from revise.public import promises
from revise.public.changes import PublicChange
from revise.public.notice import Notice
from revise.schema.schemaset import SchemaSet


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", metavar="ID", help=t("cmd.id"))
    p.add_argument("--format", choices=("text", "json"), default="text", help=t("cmd.notice.format"))
    p.add_argument("--record", action="store_true", help=t("cmd.notice.record"))
    p.add_argument("--main", default=None, help=t("cmd.main"))
    add_remote(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    root = repo_root(args)
    schemas = SchemaSet(root / "schemas")
    record = None
    if args.record:
        notice, record = customer_notice.record(root, args.id, remote=args.remote)
    else:
        notice = customer_notice.notice_of(root, args.id, main_branch(root, args.main))
    if args.format == "json":
        print(json.dumps(notice.as_dict(schemas), ensure_ascii=False, indent=2))
    else:
        print(as_text(notice, schemas))
    if record is not None:
        print(t("public.notice.recorded", id=args.id, n=len(record.get("notices") or [])))
    return 0


def as_text(notice: Notice, schemas: SchemaSet) -> str:
    label = lambda key: schemas.label_for("proposal", ("notices", 0, key))  # noqa: E731
    lines = [t("public.notice.heading", id=notice.pid, date=notice.effective or t("public.notice.date-pending")), ""]
    lines += [f"  {_change_line(c, schemas)}" for c in notice.changes]
    for key in ("web", "app", "sms"):
        text = getattr(notice, key)
        lines += ["", f"== {label(key)}（{t('public.notice.length', n=len(text))}）==", text]
    return "\n".join(lines)


def _change_line(change: PublicChange, schemas: SchemaSet) -> str:
    before, after = (promises.promise_figure(schemas, p) if p else "" for p in (change.before, change.after))
    figures = f"：{before or '—'} → {after or '—'}" if before != after else ""
    return f"{change.promise.title}（{change.ref}）{figures} — {t('public.effect.' + change.effect)}"
