"""Helpers shared by the revision-procedure subcommands: the `--remote` option and printing."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, Callable

from revise.commands._common import repo_root
from revise.messages import t
from revise.workflow.labels import label


def add_remote(p: argparse.ArgumentParser) -> None:
    p.add_argument("--remote", metavar="NAME", help=t("cmd.remote"))


def root_of(args: argparse.Namespace):
    return repo_root(args)


def run_step(fn: Callable[[], dict[str, Any]], done: Callable[[dict[str, Any]], str]) -> int:
    """Run a step; print its one-line result, or the check report when the draft fails the check."""
    from revise.check.report import as_text
    from revise.workflow.submission import CheckFailed  # imported here: it loads the whole checker
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
    """Print `data` as JSON: each top-level field on its own line, each list item on its own line.

    Readable like `indent=2`, but written by json's C encoder (an indented dump runs the pure-Python
    one, which took longer than reading 500 proposals)."""
    print(dumps(data))


def dumps(data: Any) -> str:
    compact = json.JSONEncoder(ensure_ascii=False).encode
    if not isinstance(data, dict) or not data:
        return compact(data)

    def block(value: Any) -> str:
        if isinstance(value, list) and value:
            return "[\n" + ",\n".join("    " + compact(item) for item in value) + "\n  ]"
        return compact(value)

    return "{\n" + ",\n".join(f"  {compact(str(k))}: {block(v)}" for k, v in data.items()) + "\n}"
