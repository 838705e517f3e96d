"""Helpers shared by the subcommands: finding the policy repository, reading an `--as-of` date."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path as FsPath

from revise.corpus.rootdir import POLICY_DIR, find_root
from revise.errors import UsageError
from revise.messages import t


def repo_root(args: argparse.Namespace) -> FsPath:
    """The policy repository: `--root`, else the nearest folder above the current one with `policies/`."""
    start = args.root if args.root is not None else FsPath.cwd()
    root = find_root(start) if args.root is None else (start if (start / POLICY_DIR).is_dir() else None)
    if root is None:
        raise UsageError(t("cli.no-root", path=start))
    return root.resolve()


def parse_date(value: str | None) -> date | None:
    """An `--as-of YYYY-MM-DD` value (None when not given); UsageError naming a bad one."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise UsageError(t("build.bad-date", value=value)) from exc
