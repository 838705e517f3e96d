"""Helpers shared by the revision-procedure subcommands: the `--remote` option and printing."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, Callable

from revise.commands._common import repo_root
from revise.messages import t
from revise.report import as_text
from revise.workflow.labels import label
from revise.workflow.submission import CheckFailed


def add_remote(p: argparse.ArgumentParser) -> None:
    p.add_argument("--remote", metavar="NAME", help="每步之后把分支推送到该远程；读取时也查看该远程的分支")


def root_of(args: argparse.Namespace):
    return repo_root(args)


def run_step(fn: Callable[[], dict[str, Any]], done: Callable[[dict[str, Any]], str]) -> int:
    """Run a step; print its one-line result, or the check report when the draft fails the check."""
    try:
        data = fn()
    except CheckFailed as exc:
        print(as_text(exc.result), file=sys.stderr)
        raise
    print(done(data))
    return 0


def said(pid: str, data: dict[str, Any]) -> str:
    return t("wf.cli.done", id=pid, state=label("state", data["state"]))


def dump(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))
