"""`revise desk invite EMAIL`: a one-time link (72 hours) with which a person sets their desk password."""

from __future__ import annotations

import argparse
from pathlib import Path as FsPath

from revise.commands._common import repo_root
from revise.errors import UsageError
from revise.messages import t


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("desk", help="服务台的管理：邀请人员设置密码")
    inner = p.add_subparsers(dest="desk_command", metavar="invite")
    inner.required = True
    i = inner.add_parser("invite", help="为组织架构中的某人生成一次性的设置密码链接（72 小时内有效）")
    i.add_argument("email")
    i.add_argument("--data", type=FsPath, help="服务台的数据目录（默认 .revise-desk/）")
    i.add_argument("--database", metavar="URL", help="账户数据库（默认数据目录中的 SQLite）")
    i.add_argument("--url", help="服务台的地址，用于拼出链接（默认 http://主机:端口）")
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
