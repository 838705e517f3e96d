"""`revise desk invite EMAIL`: a one-time link (72 hours) with which a person sets their desk password."""

from __future__ import annotations

import argparse
from pathlib import Path as FsPath

from revise.commands._common import repo_root
from revise.errors import UsageError
from revise.messages import t


def register(p: argparse.ArgumentParser) -> None:
    inner = p.add_subparsers(dest="desk_command", metavar="invite")
    inner.required = True
    i = inner.add_parser("invite", help=t("cmd.desk.invite"), description=t("cmd.desk.invite"))
    i.add_argument("email", help=t("cmd.desk.invite.email"))
    i.add_argument("--data", type=FsPath, help=t("cmd.desk.invite.data"))
    i.add_argument("--database", metavar="URL", help=t("cmd.desk.invite.database"))
    i.add_argument("--url", help=t("cmd.desk.invite.url"))
    i.set_defaults(handler=invite)


def invite(args: argparse.Namespace) -> int:
    from revise.desk import settings as desk_settings
    from revise.records import accounts, db
    from revise.workflow import orgchart
    root = repo_root(args)
    settings = desk_settings.resolve(root, {"data": args.data, "database": args.database})
    org = orgchart.load(root, "refs/heads/main")
    if org.person(args.email) is None:
        raise UsageError(t("desk.invite-unknown", email=args.email), t("desk.invite-unknown.hint"))
    settings.data.mkdir(parents=True, exist_ok=True)
    engine = db.open_database(settings.database or db.default_url(settings.data))
    token = accounts.invite(engine, args.email)
    base = (args.url or f"http://{settings.host}:{settings.port}").rstrip("/")
    print(t("desk.invited", hours=accounts.INVITATION_HOURS, url=f"{base}/invite/{token}"))
    return 0
