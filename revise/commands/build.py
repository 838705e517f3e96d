"""`revise build [--out DIR] [--public-out DIR] [--as-of DATE]`: check the corpus, then build the
handbook with MkDocs and, beside it, the public commitments site (`revise.public.site`): into
`build/site` and `build/public` by default; with `--out` alone, the handbook only.

The build is refused (exit 1) when `revise check` finds errors, so a broken rule never reaches
the handbook. `--out` must be a new or empty folder or an earlier build's (`revise.handbook.outdir`):
the build replaces it as a whole. MkDocs runs in strict mode: a broken link or anchor fails the build (exit 1).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path as FsPath

from revise.check.engine import check
from revise.check.report import as_text
from revise.commands._common import parse_date, repo_root
from revise.errors import UsageError
from revise.handbook.archive import load_proposals
from revise.handbook.outdir import check_out
from revise.handbook.site import build_site
from revise.messages import t
from revise.public.site import build_public, check_public_out

CONFIG = "mkdocs.yml"


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", type=FsPath, default=None, help=t("cmd.build.out"))
    p.add_argument("--public-out", type=FsPath, default=None, help=t("cmd.build.public-out"))
    p.add_argument("--as-of", dest="as_of", default=None, metavar="YYYY-MM-DD", help=t("cmd.build.as-of"))
    p.add_argument("--exports", action="store_true", help=t("cmd.build.exports"))
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    root = repo_root(args)
    as_of = parse_date(args.as_of)
    config_file = root / CONFIG
    if not config_file.is_file():
        raise UsageError(t("build.no-config", path=config_file), t("build.no-config.hint"))
    out = check_out(args.out if args.out is not None else root / "build" / "site", root)  # refuse before the work
    public_out = _public_out(args, root, out)
    result = check(root)
    if not result.ok:
        print(as_text(result), file=sys.stderr)
        print(t("build.refused"), file=sys.stderr)
        return 1
    load_proposals(root)  # an unreadable proposal is bad input (exit 2), named with its line
    started = time.perf_counter()
    pages = build_site(config_file, out, as_of, root, exports=args.exports)
    print(t("build.done", out=out, pages=pages, seconds=time.perf_counter() - started))
    if public_out is not None:
        page = build_public(root, public_out, as_of)
        print(t("public.site.built", promises=page.count, out=public_out))
    return 0


def _public_out(args: argparse.Namespace, root: FsPath, out: FsPath) -> FsPath | None:
    """Where the public site goes: `--public-out`; else `build/public` beside the default
    `build/site`; none when only `--out` moved the handbook (nothing is written into the repository then)."""
    if args.public_out is not None:
        return check_public_out(args.public_out, out, root)
    return check_public_out(root / "build" / "public", out, root) if args.out is None else None

