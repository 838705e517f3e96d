"""`revise check [PATH...] [--format text|json] [--strict] [--no-cache] [--select RULE...] [--ignore RULE...]`;
each PATH a policy file or folder under policies/."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path as FsPath

from revise.commands._common import repo_root
from revise.corpus.rootdir import POLICY_DIR, SUFFIXES
from revise.errors import UsageError
from revise.messages import t


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", type=FsPath, help=t("cmd.check.paths"))
    p.add_argument("--format", choices=("text", "json"), default="text", help=t("cmd.check.format"))
    p.add_argument("--strict", action="store_true", help=t("cmd.check.strict"))
    p.add_argument("--no-cache", action="store_true",
                   help=t("cmd.check.no-cache"))
    p.add_argument("--select", action="append", metavar="RULE[,RULE...]", help=t("cmd.check.select"))
    p.add_argument("--ignore", action="append", metavar="RULE[,RULE...]", help=t("cmd.check.ignore"))
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from revise.check.engine import check  # imported here: building the parser for other commands stays light
    from revise.check.report import as_json, as_text

    root = repo_root(args)
    only = _named_files(root, args.paths) if args.paths else None
    use_cache = not args.no_cache and not os.environ.get("REVISE_NO_CACHE")
    result = check(root, only, cache=use_cache, select=_names(args.select), ignore=_names(args.ignore))
    out = as_json(result) if args.format == "json" else as_text(result)
    print(out, file=sys.stdout)
    failed = result.errors or (args.strict and result.warnings)
    return 1 if failed else 0


def _names(values: list[str] | None) -> list[str] | None:
    """Rule names from repeated options, each comma-separated (`--ignore a,b --ignore c`)."""
    return None if values is None else [name for value in values for name in value.split(",") if name]


def _named_files(root: FsPath, paths: list[FsPath]) -> list[FsPath]:
    """The policy files named on the command line (folders expanded; the repository itself means
    all of policies/). Anything else is refused: a file outside policies/ is not a policy to check."""
    policies = root / POLICY_DIR
    only: list[FsPath] = []
    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise UsageError(t("cli.no-such-path", path=path))
        absolute = _within(root, path)
        if path.is_dir():
            folder = policies if absolute == root else absolute
            _refuse_unless(folder == policies or policies in folder.parents, path)
            only.extend(sorted(f for f in folder.rglob("*") if f.name.endswith(SUFFIXES)))
        else:
            _refuse_unless(policies in absolute.parents and absolute.name.endswith(SUFFIXES), path)
            only.append(absolute)
    return only


def _within(root: FsPath, path: FsPath) -> FsPath:
    """`path` made absolute, when it (or what its links lead to) is inside `root`."""
    for absolute in (FsPath(os.path.normpath(path.absolute())), path.resolve()):
        if absolute == root or root in absolute.parents:
            return absolute
    raise UsageError(t("cli.path-outside-root", path=path))


def _refuse_unless(is_policy: bool, path: FsPath) -> None:
    if not is_policy:
        raise UsageError(t("cli.not-a-policy", path=path), t("cli.not-a-policy.hint"))
