"""Where a built site may go: a folder `revise build` (or `revise preview`) may replace as a whole.

A build replaces its output folder, so it writes only into a folder that is absent, empty, or
marked by an earlier build as its own (the marker file `.revise-site`, written into every
build, `revise build` or a plain `mkdocs build` with the revise plugin). The marker means "ours": the whole folder is replaced, whatever else was put in it
since. Never written, marker or not: the repository itself or any folder above it, its source
folders (`policies/`, `proposals/`, `schemas/`, `site/`, `revise/`, `.git`) and anything
inside them, the home folder or any folder above it, and a file.
"""

from __future__ import annotations

from pathlib import Path as FsPath

from revise.errors import UsageError
from revise.messages import t

MARKER = ".revise-site"
SOURCES = ("policies", "proposals", "schemas", "site", "revise", ".git")


def check_out(out: FsPath, repo: FsPath) -> FsPath:
    """The real path of `out` if a build may replace it; else UsageError naming it and what to do."""
    target = out.expanduser().resolve()
    repo = repo.resolve()
    if target.exists() and not target.is_dir():
        raise _refuse("build.out-file", target)
    if _within(repo, target):
        raise _refuse("build.out-repo", target)
    home = FsPath.home().resolve()
    if _within(home, target):
        raise _refuse("build.out-home", target)
    for name in SOURCES:
        if _within(target, repo / name):
            raise _refuse("build.out-source", target, folder=name)
    if ".git" in target.parts:
        raise _refuse("build.out-source", target, folder=".git")
    if target.is_dir() and not (target / MARKER).is_file() and any(target.iterdir()):
        raise _refuse("build.out-foreign", target, marker=MARKER)
    return target


def mark(folder: FsPath) -> None:
    """Write the marker that makes `folder` a site this tool may replace next time."""
    (folder / MARKER).write_text(t("build.marker") + "\n", encoding="utf-8")


def put_in_place(out: FsPath, staging: FsPath, work: FsPath) -> None:
    """Put a finished build (`staging`) in place of `out`; the old one goes into `work`, for the
    caller to remove. If the rename fails, the last good site stays where it was."""
    old = work / "old"
    if out.exists():
        out.rename(old)
    try:
        staging.rename(out)
    except OSError:
        if old.exists():
            old.rename(out)
        raise


def _within(inner: FsPath, outer: FsPath) -> bool:
    """True when `inner` is `outer` or lies inside it."""
    return inner == outer or outer in inner.parents


def _refuse(key: str, path: FsPath, **params: str) -> UsageError:
    hint = "build.out-foreign.hint" if key == "build.out-foreign" else "build.out.hint"
    return UsageError(t(key, path=path, **params), t(hint))
