"""`revise serve`: the desk, the revision procedure in a browser (see revise.desk)."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path as FsPath

from revise.commands._common import repo_root
from revise.messages import language, t


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="启动修订服务台（网页版：待办、队列、评审、起草、测验、质量监控）",
                       description="在政策仓库的检出目录中启动服务台：克隆远程仓库到数据目录，每一步提交并推送到远程。"
                                   "同样的设置可写在 revise.yaml 的 desk: 下，命令行参数优先。")
    p.add_argument("--host", help="监听地址（默认 127.0.0.1）")
    p.add_argument("--port", type=int, help="端口（默认 8000）")
    p.add_argument("--remote", help="要克隆和推送的远程仓库（默认 origin）")
    p.add_argument("--data", type=FsPath, help="数据目录：服务台的克隆、账户数据库、会话密钥（默认 .revise-desk/）")
    p.add_argument("--auth", choices=("header", "password", "demo"), help="登录方式（默认 password）")
    p.add_argument("--header", help="header 方式下代理传入用户邮箱的请求头（默认 X-Remote-User）")
    p.add_argument("--trusted-proxy", action="append", dest="trusted_proxies", metavar="ADDR",
                   help="只相信来自这些地址（IP 或网段）的登录请求头，可重复")
    p.add_argument("--database", metavar="URL", help="账户与记录数据库（默认数据目录中的 SQLite；可用 postgresql+psycopg://…）")
    p.add_argument("--workers", type=int, default=1, help="工作进程数（默认 1）")
    p.add_argument("--handbook", type=FsPath, help="在 /handbook/ 提供的手册目录（默认 build/site，缺少时先生成）")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from revise.desk import settings as desk_settings
    root = repo_root(args)
    flags = {k: getattr(args, k) for k in ("host", "port", "remote", "data", "auth", "header", "trusted_proxies", "database")}
    settings = desk_settings.resolve(root, flags)
    settings = replace(settings, handbook=_handbook(root, args.handbook))
    os.environ["REVISE_LANG"] = language()  # worker processes speak what this one speaks
    from revise.desk.state import Desk
    desk = Desk(settings)  # migrates the database
    desk.clone.ensure()
    _warn_key(desk)
    url = f"http://{settings.host}:{settings.port}/"
    print(t("desk.started", url=url, mode=settings.auth, data=settings.data), file=sys.stderr)
    if settings.auth == "demo":
        print(t("desk.demo-url", url=url), file=sys.stderr)
        if not settings.remote:
            print(t("desk.demo-sandbox", path=settings.data / "demo-remote.git"), file=sys.stderr)
    import uvicorn
    if args.workers > 1:
        from revise.desk import server
        server.export(settings)
        uvicorn.run("revise.desk.server:app", factory=True, host=settings.host, port=settings.port, workers=args.workers,
                    log_level="warning", proxy_headers=False)
        return 0
    from revise.desk.app import create_app
    uvicorn.run(create_app(settings, migrate=False, prepare=False), host=settings.host, port=settings.port,
                log_level="warning", proxy_headers=False)
    return 0


def _handbook(root: FsPath, given: FsPath | None) -> FsPath | None:
    """The built handbook to serve: `--handbook`, else build/site (built now when missing)."""
    if given is not None:
        return given.resolve()
    site = root / "build" / "site"
    if (site / "index.html").is_file():
        return site
    if not (root / "mkdocs.yml").is_file():
        return None
    print(t("desk.handbook-building", path=site), file=sys.stderr)
    try:
        from revise.handbook.site import build_site
        build_site(root / "mkdocs.yml", site, None)
    except Exception as exc:  # noqa: BLE001 — the desk runs without the handbook rather than not at all
        print(t("desk.handbook-failed", error=f"{type(exc).__name__}: {exc}"), file=sys.stderr)
        return None
    return site if (site / "index.html").is_file() else None


def _warn_key(desk) -> None:  # type: ignore[no-untyped-def]
    from revise.workflow import config
    if not config.load(desk.root).require_signatures:
        return
    key = " ".join(desk.clone.public_key().split()[:2])
    registered = " ".join((desk.org().desk_key or "").split()[:2])
    if key != registered:
        print(t("desk.key-unregistered", key=key), file=sys.stderr)
