"""`revise build [--out DIR] [--as-of DATE]`: check the corpus, then build the handbook with MkDocs.

The build is refused (exit 1) when `revise check` finds errors, so a broken rule never reaches
the handbook. MkDocs runs in strict mode: a broken link or anchor fails the build (exit 1).
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path as FsPath

from revise.check.engine import check
from revise.check.report import as_text
from revise.commands._common import repo_root
from revise.errors import UsageError
from revise.handbook.archive import load_proposals
from revise.handbook.site import build_site
from revise.messages import t

CONFIG = "mkdocs.yml"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help="校验语料库并生成员工手册（mkdocs-material）",
                       description="先校验语料库（有错误则不生成，退出码 1），再用 MkDocs 生成员工手册站点。")
    p.add_argument("--out", type=FsPath, default=None, help="输出目录（默认 build/site）")
    p.add_argument("--as-of", dest="as_of", default=None, metavar="YYYY-MM-DD", help="按这一天的现行版本生成（默认今天）")
    p.add_argument("--exports", action="store_true", help="同时生成每份文档的制度文本（PDF 与 Word，在 exports/ 下），并在文档页上提供下载")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    root = repo_root(args)
    as_of = parse_date(args.as_of)
    config_file = root / CONFIG
    if not config_file.is_file():
        raise UsageError(t("build.no-config", path=config_file), t("build.no-config.hint"))
    result = check(root)
    if not result.ok:
        print(as_text(result), file=sys.stderr)
        print(t("build.refused"), file=sys.stderr)
        return 1
    load_proposals(root)  # an unreadable proposal is bad input (exit 2), named with its line
    out = (args.out if args.out is not None else root / "build" / "site").absolute()
    started = time.perf_counter()
    pages = build_site(config_file, out, as_of, exports=args.exports)
    print(t("build.done", out=out, pages=pages, seconds=time.perf_counter() - started))
    return 0


def parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise UsageError(t("build.bad-date", value=value)) from exc
