"""Building the handbook site: a strict MkDocs build into a staging folder, put in place only when complete."""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path as FsPath

from revise.errors import GateError, InputError
from revise.messages import t


def build_site(config_file: FsPath, out: FsPath, as_of: date | None, exports: bool = False) -> int:
    """Run a strict MkDocs build of `config_file` into `out` (with `exports`, each document's formal
    text as PDF and Word too); return the number of pages."""
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
        if plugin is not None and exports:
            plugin.config["exports"] = True
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
