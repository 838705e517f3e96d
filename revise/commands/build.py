"""`revise build [--out DIR] [--as-of DATE]`: check the corpus, then build the handbook with MkDocs.

The build is refused (exit 1) when `revise check` finds errors, so a broken rule never reaches
the handbook. MkDocs runs in strict mode: a broken link or anchor fails the build (exit 1).
"""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path as FsPath

from revise.check import check
from revise.commands._common import repo_root
from revise.handbook.archive import load_proposals
from revise.errors import GateError, InputError, UsageError
from revise.messages import t
from revise.report import as_text

CONFIG = "mkdocs.yml"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help="校验语料库并生成员工手册（mkdocs-material）",
                       description="先校验语料库（有错误则不生成，退出码 1），再用 MkDocs 生成员工手册站点。")
    p.add_argument("--out", type=FsPath, default=None, help="输出目录（默认 build/site）")
    p.add_argument("--as-of", dest="as_of", default=None, metavar="YYYY-MM-DD", help="按这一天的现行版本生成（默认今天）")
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
    pages = build_site(config_file, out, as_of)
    print(t("build.done", out=out, pages=pages, seconds=time.perf_counter() - started))
    return 0


def parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise UsageError(t("build.bad-date", value=value)) from exc


def build_site(config_file: FsPath, out: FsPath, as_of: date | None) -> int:
    """Run a strict MkDocs build of `config_file` into `out`; return the number of pages."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

    _quiet_mkdocs()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = FsPath(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    built = False
    try:
        config = load_config(str(config_file), site_dir=str(staging), strict=True)
        plugin = config.plugins.get("revise")
        if plugin is not None and as_of is not None:
            plugin.config["as_of"] = as_of.isoformat()
        build(config)
        built = True
    except Abort as exc:  # strict mode: warnings (broken links, anchors) fail the build
        raise GateError(t("build.failed", error=str(exc) or type(exc).__name__)) from exc
    except (ConfigurationError, MkDocsException) as exc:
        raise InputError(t("build.failed", error=str(exc))) from exc
    finally:
        if built:
            _replace(out, staging)
        else:
            shutil.rmtree(staging, ignore_errors=True)
    return sum(1 for _ in out.rglob("index.html"))


def _replace(out: FsPath, staging: FsPath) -> None:
    """Put a finished build in place of `out` (a failed one never touches `out`)."""
    if out.exists():
        old = FsPath(tempfile.mkdtemp(prefix=f".{out.name}.old.", dir=out.parent))
        out.rename(old / out.name)
        staging.rename(out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        staging.rename(out)


def _quiet_mkdocs() -> None:
    """Show MkDocs warnings and errors on stderr, but not its progress chatter."""
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_revise", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
        handler.setLevel(logging.WARNING)
        handler._revise = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logging.getLogger("jieba").setLevel(logging.WARNING)
