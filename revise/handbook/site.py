"""Building the handbook site: a strict MkDocs build into a staging folder, put in place only when complete."""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path as FsPath

from revise.errors import GateError, InputError
from revise.handbook.outdir import check_out, mark, put_in_place
from revise.messages import t


def build_site(config_file: FsPath, out: FsPath, as_of: date | None, repo: FsPath, exports: bool = False) -> int:
    """Run a strict MkDocs build of `config_file` into `out`; return the number of pages.
    With `exports`, each document's formal text is written too, as PDF and Word.

    `out` must be a folder a build may replace (see `revise.handbook.outdir`; `repo` is the
    repository it protects). The site is built in a staging folder beside `out` and put in
    place only when complete; files and folders get the modes the umask gives, as with any tool.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

    out = check_out(out, repo)
    _quiet_mkdocs()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        work = FsPath(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))  # private; holds the staging site
    except OSError as exc:
        raise InputError(t("build.failed", error=f"{out.parent}: {exc.strerror or exc}")) from exc
    staging = work / "site"
    try:
        staging.mkdir()  # created by mkdir, so its mode follows the umask (mkdtemp's is 0700)
        config = load_config(str(config_file), site_dir=str(staging), strict=True)
        plugin = config.plugins.get("revise")
        if plugin is not None and as_of is not None:
            plugin.config["as_of"] = as_of.isoformat()
        if plugin is not None and exports:
            plugin.config["exports"] = True
        build(config)
        mark(staging)
        put_in_place(out, staging, work)
    except Abort as exc:  # strict mode: warnings (broken links, anchors) fail the build
        raise GateError(t("build.failed", error=str(exc) or type(exc).__name__)) from exc
    except (ConfigurationError, MkDocsException) as exc:
        raise InputError(t("build.failed", error=str(exc))) from exc
    except OSError as exc:
        raise InputError(t("build.failed", error=f"{exc.filename or out}: {exc.strerror or exc}")) from exc
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return sum(1 for _ in out.rglob("index.html"))



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
