"""The pre-commit hooks: well-formed, and their entry does what pre-commit will run."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import yaml

from tests.conftest import REPO, run_cli


def test_hooks_are_declared() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    by_id = {h["id"]: h for h in hooks}
    assert set(by_id) == {"revise-check", "revise-check-all"}
    for hook in hooks:
        assert {"id", "name", "entry", "language", "files"} <= set(hook)
        assert hook["language"] == "python" and shlex.split(hook["entry"])[0] == "revise"
    assert re.match(by_id["revise-check"]["files"], "policies/scripts/SCR-CLOSING.yaml")
    assert not re.match(by_id["revise-check"]["files"], "README.md")
    assert by_id["revise-check"]["pass_filenames"] is True
    assert by_id["revise-check-all"]["pass_filenames"] is False


def test_hook_entry_with_staged_files_fails_on_a_broken_one(repo_copy: Path) -> None:
    """pre-commit runs `entry FILE...` from the repository root; a broken staged file fails the commit."""
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    entry = shlex.split(hooks[0]["entry"])[1:]
    script = repo_copy / "policies/scripts/SCR-CLOSING.yaml"
    assert run_cli(*entry, "policies/scripts/SCR-CLOSING.yaml", cwd=repo_copy).code == 0
    script.write_text(script.read_text(encoding="utf-8").replace("next: goodbye", "next: bye", 1), encoding="utf-8")
    run = run_cli(*entry, "policies/scripts/SCR-CLOSING.yaml", "policies/standards/STD-TICKET.yaml", cwd=repo_copy)
    assert run.code == 1 and "[script-unknown-step]" in run.out
