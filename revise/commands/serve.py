"""`revise serve`: the desk, the revision procedure in a browser (see revise.desk)."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path as FsPath

from revise.commands._common import repo_root
from revise.messages import language, t


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("--host", help=t("cmd.serve.host"))
    p.add_argument("--port", type=int, help=t("cmd.serve.port"))
    p.add_argument("--remote", help=t("cmd.serve.remote"))
    p.add_argument("--data", type=FsPath, help=t("cmd.serve.data"))
    p.add_argument("--auth", choices=("header", "password", "demo"), help=t("cmd.serve.auth"))
    p.add_argument("--header", help=t("cmd.serve.header"))
    p.add_argument("--trusted-proxy", action="append", dest="trusted_proxies", metavar="ADDR", help=t("cmd.serve.trusted-proxy"))
    p.add_argument("--database", metavar="URL", help=t("cmd.serve.database"))
    p.add_argument("--workers", type=int, default=1, help=t("cmd.serve.workers"))
    p.add_argument("--handbook", type=FsPath, help=t("cmd.serve.handbook"))
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
    from revise.desk import readingview
    readingview.ensure_synced(desk)  # 阅读确认: main's publications and org chart into the records, once, before the workers
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
        build_site(root / "mkdocs.yml", site, None, root)
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
